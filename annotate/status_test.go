package annotate_test

import (
	"bytes"
	"testing"

	"gloss/annotate"
	"gloss/export"
)

func TestStatusOf(t *testing.T) {
	text := "Putin said 😀 \"yes\"."
	base := func() *annotate.Document { return &annotate.Document{ID: "d", Text: text} }
	withSpan := func(suggested bool) *annotate.Document {
		d := base()
		s := annotate.NewSpan(d, 0, 5, "ACTOR", "ana")
		s.Suggested = suggested
		d.Spans = append(d.Spans, s)
		return d
	}
	done := func(d *annotate.Document) *annotate.Document { (&annotate.MarkDone{Done: true}).Apply(d); return d }
	for _, tc := range []struct {
		name string
		doc  *annotate.Document
		want annotate.Status
	}{
		{"missing", nil, annotate.Untouched},
		{"empty", base(), annotate.Untouched},
		{"only suggestions", withSpan(true), annotate.Untouched},
		{"a span", withSpan(false), annotate.InProgress},
		{"a document label", &annotate.Document{Text: text, Extra: []annotate.Field{{Key: "choices", Value: []byte(`{"stance":["for"]}`)}}}, annotate.InProgress},
		{"done with spans", done(withSpan(false)), annotate.Done},
		{"done with nothing to label", done(base()), annotate.Done},
		{"another status", &annotate.Document{Text: text, Extra: []annotate.Field{{Key: "status", Value: []byte(`"started"`)}}}, annotate.Untouched},
	} {
		if got := annotate.StatusOf(tc.doc); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// Marking done is an undoable edit, and the mark survives the native file.
func TestMarkDone(t *testing.T) {
	d := &annotate.Document{ID: "d", Text: "x", Extra: []annotate.Field{{Key: "zz", Value: []byte("1")}}}
	h := annotate.NewHistory(d)
	if err := h.Do(&annotate.MarkDone{Done: true}); err != nil {
		t.Fatal(err)
	}
	if !annotate.IsDone(d) || !h.Dirty() {
		t.Fatal("not done, or not unsaved")
	}
	var buf bytes.Buffer
	nw := export.NewNativeWriter(&buf, export.Options{})
	if err := nw.Write(d); err != nil || nw.Close() != nil {
		t.Fatal(err)
	}
	back, err := export.ReadAll(export.NewNativeReader(&buf, "x.jsonl", export.Options{}))
	if err != nil || len(back) != 1 || !annotate.IsDone(back[0]) {
		t.Fatalf("read back %v, %v: %s", back, err, buf.String())
	}
	h.Undo()
	if annotate.IsDone(d) || len(d.Extra) != 1 || h.Dirty() {
		t.Errorf("undo left %+v", d.Extra)
	}
	h.Redo()
	if err := h.Do(&annotate.MarkDone{Done: false}); err != nil {
		t.Fatal(err)
	}
	if annotate.IsDone(d) {
		t.Error("still done")
	}
	h.Undo()
	if !annotate.IsDone(d) {
		t.Error("undo of Mark Not Done is not done")
	}
}
