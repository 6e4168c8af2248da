package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"gloss/annotate/annotatetest"
)

// TestSplitsRemembered: where the user drags the panel splits is where
// they are on the next start (and after the body is rebuilt).
func TestSplitsRemembered(t *testing.T) {
	w, _ := newTestWindow(t, Options{})
	if w.splits.view == nil || w.splits.view.Offset != defaultViewSplit {
		t.Fatalf("the view's split starts at %v", w.splits.view)
	}
	w.splits.view.Offset = 0.42 // as a drag leaves it
	w.Quit()
	w2, _ := newWindowIn(t, w.app, Options{})
	if got := w2.splits.view.Offset; got != 0.42 {
		t.Errorf("next start: split at %v, want 0.42", got)
	}
	w2.splits.view.Offset = 0.5
	w2.corpusLayout = true // the body is rebuilt, with a document list
	w2.body.Objects = []fyne.CanvasObject{w2.mainSplit()}
	if got := w2.splits.view.Offset; got != 0.5 {
		t.Errorf("after a rebuild: split at %v, want 0.5", got)
	}
	if w2.splits.docs == nil || w2.splits.docs.Offset != defaultDocsSplit {
		t.Errorf("document list split %v", w2.splits.docs)
	}
}

// TestPanelsAt800x600: in a small window each panel keeps a readable
// width, even with the split dragged all the way.
func TestPanelsAt800x600(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 1920, Height: 1080}} {
		w, _, _ := openMixed(t)
		w.corpusLayout = true
		w.body.Objects = []fyne.CanvasObject{w.mainSplit()}
		w.body.Refresh()
		w.win.Resize(size)
		for _, off := range []float64{0.99, 0.01} {
			w.splits.view.SetOffset(off)
			w.splits.docs.SetOffset(1 - off)
			side := w.spans.object().Size().Width
			view := w.view.Size().Width
			docs := w.docList.object().Size().Width
			// (less the padding the side panel puts around the list)
			if side < minSideWidth-10 || view < minViewWidth-10 || docs < minDocListWidth-10 {
				t.Errorf("%v, splits at %v: span list %v, view %v, document list %v wide", size, off, side, view, docs)
			}
		}
	}
}

// TestTooltips: a label button's tooltip is its description; a span row's
// is the span's whole text, its speaker and its note; the pointer leaving
// hides it.
func TestTooltips(t *testing.T) {
	w, _, _ := openMixed(t)
	b := w.bar.buttons[0]
	b.MouseIn(&desktop.MouseEvent{})
	if got := w.tips.Tip(); got != "ACTOR (a / 1): "+w.labels.Labels[0].Description || w.labels.Labels[0].Description == "" {
		t.Errorf("ACTOR's tip is %q", got)
	}
	b.MouseOut()
	if got := w.tips.Tip(); got != "" {
		t.Errorf("after the pointer left: %q", got)
	}
	long := "we will not stop"
	s, e := annotatetest.Find(t, mixedText, long, 0)
	w.AddSpan("QUOTE", s, e)
	w.Document().Spans[0].Note = "a promise"
	w.spans.refresh()
	var row *tipLabel
	walk(w.spans.list, func(o fyne.CanvasObject) {
		if l, ok := o.(*tipLabel); ok && row == nil && l.Text != "" {
			row = l
		}
	})
	if row == nil {
		t.Fatal("no span row")
	}
	row.MouseIn(&desktop.MouseEvent{})
	if got := w.tips.Tip(); !strings.HasPrefix(got, "QUOTE: "+long) || !strings.Contains(got, "Note: a promise") {
		t.Errorf("the row's tip is %q", got)
	}
	row.MouseOut()
	if w.tips.Tip() != "" {
		t.Error("the row's tip stayed")
	}
}
