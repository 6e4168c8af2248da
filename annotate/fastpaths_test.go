package annotate

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestRuneIndexMatchesRange: the index's counting (eight ASCII bytes at a
// time, continuation bytes skipped) gives exactly range's code points and
// checkpoints, on valid and invalid UTF-8 around every checkpoint.
func TestRuneIndexMatchesRange(t *testing.T) {
	pieces := []string{"a", "abcdefgh", "é", "😊", "李", "e\u0301", "\xff", "\x80", "\r\n", "  "}
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range 3000 {
		var b strings.Builder
		for range rng.IntN(300) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		ix := NewRuneIndex(text)
		n := 0
		for i := range text {
			if n%runeStride == 0 && ix.checkpoints != nil && ix.checkpoints[n/runeStride] != i {
				t.Fatalf("case %d %q: checkpoint %d at %d, want %d", k, text, n/runeStride, ix.checkpoints[n/runeStride], i)
			}
			if got := ix.ByteOffset(n); got != i {
				t.Fatalf("case %d %q: ByteOffset(%d) = %d, want %d", k, text, n, got, i)
			}
			n++
		}
		if ix.Len() != n {
			t.Fatalf("case %d %q: Len %d, want %d", k, text, ix.Len(), n)
		}
		if ix.checkpoints != nil && len(ix.checkpoints) != (n+runeStride-1)/runeStride {
			t.Fatalf("case %d: %d checkpoints for %d code points", k, len(ix.checkpoints), n)
		}
	}
}

// TestValidateLookupBothWays: Validate finds the same duplicate ids, twin
// spans and relation ends whether it looks spans up one by one (few
// spans) or through maps (many).
func TestValidateLookupBothWays(t *testing.T) {
	text := strings.Repeat("word ", 100)
	base := []Span{
		{ID: "a", Start: 0, End: 4, Label: "ACTOR"},
		{ID: "b", Start: 5, End: 9, Label: "ACTOR"},
		{ID: "a", Start: 10, End: 14, Label: "ACTOR"},
		{ID: "c", Start: 5, End: 9, Label: "ACTOR"},
		{ID: "", Start: 0, End: 4, Label: "ACTOR"},
	}
	rels := []Relation{{ID: "r", Label: "SAID_BY", From: "b", To: "zz"}, {ID: "s", Label: "SAID_BY", From: "", To: "c"}}
	want := []string{
		"span 3 (id a): id already used by span 1",
		"span 4 (id c): duplicate of span 2: same start, end and label ACTOR",
		"span 5: duplicate of span 1: same start, end and label ACTOR",
		`relation 1 (id r): to "zz": no such span`,
		`relation 2 (id s): from "": no such span`,
	}
	for _, pad := range []int{0, smallSpans} {
		spans := append([]Span(nil), base...)
		for k := range pad {
			spans = append(spans, Span{ID: "p" + strings.Repeat("x", k+1), Start: 20 + 5*k, End: 24 + 5*k, Label: "CLAIM"})
		}
		var got []string
		for _, p := range Validate(&Document{ID: "d", Text: text, Spans: spans, Relations: rels}, nil) {
			got = append(got, p.String())
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%d spans:\n%s\nwant\n%s", len(spans), strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
