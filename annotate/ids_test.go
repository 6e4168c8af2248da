package annotate

import (
	"testing"

	"github.com/google/uuid"
)

func TestNameBasedIDs(t *testing.T) {
	a := SpanID("doc", 1, 5, "ACTOR")
	if want := uuid.NewSHA1(idSpace, []byte("doc\x001\x005\x00ACTOR")).String(); a != want {
		t.Fatalf("SpanID = %s, uuid.NewSHA1 gives %s", a, want)
	}
	for _, other := range []string{SpanID("doc", 1, 5, "QUOTE"), SpanID("doc2", 1, 5, "ACTOR"), SpanID("doc", 15, 5, "ACTOR"), SpanID("doc", 1, 55, "ACTOR")} {
		if other == a {
			t.Fatal("two different spans share an id")
		}
	}
	r := RelationID("a", "b", "SAID_BY")
	if want := uuid.NewSHA1(idSpace, []byte("rel\x00a\x00b\x00SAID_BY")).String(); r != want {
		t.Fatalf("RelationID = %s, uuid.NewSHA1 gives %s", r, want)
	}
	if r == RelationID("b", "a", "SAID_BY") {
		t.Fatal("relation ids ignore direction")
	}
}
