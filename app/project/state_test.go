package project

import (
	"bytes"
	"testing"

	"gloss/annotate"
	"gloss/export"
)

func TestStateOf(t *testing.T) {
	text := "Putin said 😀 \"yes\"."
	base := func() *annotate.Document { return &annotate.Document{ID: "d", Text: text} }
	withSpan := func(suggested bool) *annotate.Document {
		d := base()
		s := annotate.NewSpan(d, 0, 5, "ACTOR", "ana")
		s.Suggested = suggested
		d.Spans = append(d.Spans, s)
		return d
	}
	done := func(d *annotate.Document) *annotate.Document { (&MarkDone{Done: true}).Apply(d); return d }
	for _, tc := range []struct {
		name string
		doc  *annotate.Document
		want State
	}{
		{"missing", nil, Untouched},
		{"empty", base(), Untouched},
		{"only suggestions", withSpan(true), Untouched},
		{"a span", withSpan(false), InProgress},
		{"a document label", &annotate.Document{Text: text, Extra: []annotate.Field{{Key: "choices", Value: []byte(`{"stance":["for"]}`)}}}, InProgress},
		{"done with spans", done(withSpan(false)), Done},
		{"done with nothing to label", done(base()), Done},
		{"done false", &annotate.Document{Text: text, Extra: []annotate.Field{{Key: "done", Value: []byte("false")}}}, Untouched},
	} {
		if got := StateOf(tc.doc); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Marking done is an undoable edit, and the mark survives the native file.
func TestMarkDone(t *testing.T) {
	d := &annotate.Document{ID: "d", Text: "x", Extra: []annotate.Field{{Key: "zz", Value: []byte("1")}}}
	h := annotate.NewHistory(d)
	if err := h.Do(&MarkDone{Done: true}); err != nil {
		t.Fatal(err)
	}
	if !IsDone(d) || !h.Dirty() {
		t.Fatal("not done, or not unsaved")
	}
	var buf bytes.Buffer
	nw := export.NewNativeWriter(&buf, export.Options{})
	if err := nw.Write(d); err != nil || nw.Close() != nil {
		t.Fatal(err)
	}
	back, err := export.ReadAll(export.NewNativeReader(&buf, "x.jsonl", export.Options{}))
	if err != nil || len(back) != 1 || !IsDone(back[0]) {
		t.Fatalf("read back %v, %v: %s", back, err, buf.String())
	}
	h.Undo()
	if IsDone(d) || len(d.Extra) != 1 || h.Dirty() {
		t.Errorf("undo left %+v", d.Extra)
	}
	h.Redo()
	if err := h.Do(&MarkDone{Done: false}); err != nil {
		t.Fatal(err)
	}
	if IsDone(d) {
		t.Error("still done")
	}
	h.Undo()
	if !IsDone(d) {
		t.Error("undo of Mark Not Done is not done")
	}
}
