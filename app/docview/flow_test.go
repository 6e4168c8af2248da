package docview

import (
	"testing"

	"fyne.io/fyne/v2"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// TestAppFlow wires the view to annotate.History the way the app does:
// the view asks, the history edits, the view redraws.
func TestAppFlow(t *testing.T) {
	text := "Ankara said “the jobs continue”.\r\nMoscow agreed."
	v, _ := newTestView(t, text, 600, 200)
	h := annotate.NewHistory(v.doc)
	h.OnChange = v.SpansChanged
	v.OnLabelRequested = func(label string, start, end int) {
		if id := v.SelectedSpan(); id != "" {
			if err := h.Do(annotate.Relabel(v.doc, id, label)); err != nil {
				t.Error(err)
			}
			return
		}
		s := annotate.NewSpan(v.doc, start, end, label, "tester")
		if err := h.Do(&annotate.AddSpan{Span: s}); err != nil {
			t.Error(err)
		}
		v.SelectSpan(s.ID)
	}
	v.OnDeleteRequested = func(id string) {
		if err := h.Do(&annotate.RemoveSpan{ID: id}); err != nil {
			t.Error(err)
		}
	}

	// Drag over part of "the jobs continue" and press q.
	a, _ := annotatetest.Find(t, text, "he jobs", 0)
	_, b := annotatetest.Find(t, text, "contin", 0)
	from, _ := posOf(v, a)
	to, _ := posOf(v, b)
	press(v, from.AddXY(1, 0), 0)
	dragTo(v, from, to.AddXY(-1, 0))
	v.DragEnd()
	v.TypedRune('q')
	if len(v.doc.Spans) != 1 || v.doc.Spans[0].Text != "the jobs continue" || v.doc.Spans[0].Label != "QUOTE" {
		t.Fatalf("spans after q: %+v", v.doc.Spans)
	}
	if v.SelectedSpan() != v.doc.Spans[0].ID {
		t.Errorf("the new span is not selected")
	}
	// 1 relabels the selected span as ACTOR.
	v.TypedRune('1')
	if v.doc.Spans[0].Label != "ACTOR" {
		t.Errorf("after 1 the label is %s", v.doc.Spans[0].Label)
	}
	// The word on the second line, by double-click, labelled with a.
	m, _ := annotatetest.Find(t, text, "Moscow", 0)
	v.DoubleTapped(&fyne.PointEvent{Position: midOf(t, v, m+2)})
	v.TypedRune('a')
	if len(v.doc.Spans) != 2 || v.doc.Spans[1].Text != "Moscow" {
		t.Fatalf("spans after a: %+v", v.doc.Spans)
	}
	// Delete it, then undo.
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(v.doc.Spans) != 1 || v.SelectedSpan() != "" {
		t.Fatalf("after Delete: %d spans, selected %q", len(v.doc.Spans), v.SelectedSpan())
	}
	h.Undo()
	if len(v.doc.Spans) != 2 || v.spans.innermost(m) < 0 {
		t.Errorf("after Undo the span is not back in the view")
	}
}
