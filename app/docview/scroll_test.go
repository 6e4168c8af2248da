package docview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"gloss/annotate"
)

func TestWheelScrollsAndClamps(t *testing.T) {
	text := manyLines(300)
	v, _ := newTestView(t, text, 400, 200)
	lh := v.geo.lineH
	v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -10*lh)})
	if got := v.position(); got < 9.99 || got > 10.01 {
		t.Errorf("position after 10 lines down: %v", got)
	}
	v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, 4*lh)})
	if got := v.position(); got < 5.99 || got > 6.01 {
		t.Errorf("position after 4 lines up: %v", got)
	}
	v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, 1e5)})
	if v.position() != 0 {
		t.Errorf("scrolled above the start: %v", v.position())
	}
	v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -1e6)})
	lines := v.visibleLines()
	last := lines[len(lines)-1]
	if last.end != v.doc.Len()-0 && last.start != v.doc.Len() {
		t.Errorf("at the bottom the last visible line is %d-%d, the text ends at %d", last.start, last.end, v.doc.Len())
	}
	if bottom := last.y + v.geo.lineH; bottom > v.geo.viewH+0.5 || bottom < v.geo.viewH-v.geo.padY-0.5 {
		t.Errorf("the last line ends at %v in a view %v high", bottom, v.geo.viewH)
	}
}

func TestScrollBar(t *testing.T) {
	text := manyLines(300)
	v, _ := newTestView(t, text, 400, 200)
	bar := fyne.NewPos(v.geo.viewW-2, 5)
	if !v.inScrollBar(bar) {
		t.Fatal("no scroll bar at the right edge")
	}
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: bar}, Button: desktop.MouseButtonPrimary})
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: bar.AddXY(0, 50)}, Dragged: fyne.NewDelta(0, 50)})
	v.DragEnd()
	if v.position() < 10 {
		t.Errorf("dragging the thumb 50 px down scrolled to %v", v.position())
	}
	if s, e := v.Selection(); s != 0 || e != 0 {
		t.Errorf("dragging the thumb selected %d-%d", s, e)
	}
	pos := v.position()
	v.Tapped(&fyne.PointEvent{Position: fyne.NewPos(bar.X, v.geo.viewH-2)})
	if d := v.position() - pos; d < 3 {
		t.Errorf("a click below the thumb scrolled %v lines", d)
	}
}

func TestSelectionScrollsIntoView(t *testing.T) {
	text := manyLines(2000)
	v, _ := newTestView(t, text, 400, 200)
	for _, off := range []int{len(text) / 2, len(text) - 3, 10, len(text) / 3} {
		v.SetSelection(off, off+2)
		if !v.isVisible(off + 2) {
			t.Errorf("SetSelection(%d) left it out of view (top %+v)", off, v.top)
		}
		if _, ok := posOf(v, off+2); !ok {
			t.Errorf("caret %d not among the visible lines", off+2)
		}
	}
	v.ScrollToOffset(len(text) / 4)
	if !v.isVisible(len(text) / 4) {
		t.Error("ScrollToOffset left it out of view")
	}
	// Moving the caret down a line at the bottom scrolls by one line only.
	v.SetSelection(0, 0)
	lines := v.visibleLines()
	for range len(lines) + 2 {
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	}
	if got := v.position(); got < 1 || got > 6 {
		t.Errorf("after %d Downs the view is at line %v", len(lines)+2, got)
	}
}

func TestSetDocumentResets(t *testing.T) {
	v, _ := newTestView(t, manyLines(100), 400, 200, annotate.Span{ID: "x", Start: 0, End: 4, Label: "ACTOR"})
	v.SelectSpan("x")
	v.SetSelection(300, 310)
	v.SetDocument(&annotate.Document{Text: "new text"})
	if s, e := v.Selection(); s != 0 || e != 0 || v.SelectedSpan() != "" || v.position() != 0 {
		t.Errorf("after SetDocument: selection %d-%d span %q position %v", s, e, v.SelectedSpan(), v.position())
	}
	if got := v.visibleLines()[0].text; got != "new text" {
		t.Errorf("shows %q", got)
	}
}

func TestSpansChanged(t *testing.T) {
	doc := []annotate.Span{{ID: "x", Start: 0, End: 6, Label: "ACTOR"}}
	v, _ := newTestView(t, sentence, 600, 200, doc...)
	var selected []string
	v.OnSpanSelected = func(id string) { selected = append(selected, id) }
	v.SelectSpan("x")
	// The app adds a span (through annotate.History) and removes the selected one.
	h := annotate.NewHistory(v.doc)
	if err := h.Do(&annotate.AddSpan{Span: annotate.Span{ID: "y", Start: 7, End: 12, Label: "CLAIM"}}); err != nil {
		t.Fatal(err)
	}
	if err := h.Do(&annotate.RemoveSpan{ID: "x"}); err != nil {
		t.Fatal(err)
	}
	v.SpansChanged()
	if v.SelectedSpan() != "" || len(selected) != 2 || selected[1] != "" {
		t.Errorf("selected %q, calls %q", v.SelectedSpan(), selected)
	}
	if i := v.spans.innermost(8); i < 0 || v.spans.marks[i].ID != "y" {
		t.Error("the new span is not drawn")
	}
}

// TestScrollAlignsToWholeLines: bringing a far offset into view puts a
// whole line at the top (at the padding), with a line of context above
// the target when scrolling up.
func TestScrollAlignsToWholeLines(t *testing.T) {
	text := manyLines(3000)
	// Heights that are not a whole number of lines.
	for _, h := range []float32{200, 233, 317} {
		v, _ := newTestView(t, text, 400, h, span(t, text, "far", "QUOTE", "Line xxxx of the text.", 400))
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -7.5*v.geo.lineH)}) // a fractional start
		aligned := func(what string, off int) {
			t.Helper()
			lines := v.visibleLines()
			if v.top.off != 0 || lines[0].y != v.geo.padY {
				t.Errorf("h %v, %s: the first line's top is at %v (offset %v), want %v", h, what, lines[0].y, v.top.off, v.geo.padY)
			}
			if !v.isVisible(off) {
				t.Errorf("h %v, %s: %d is not visible", h, what, off)
			}
		}
		v.SelectSpan("far")
		far := v.doc.Spans[0].Start
		aligned("SelectSpan", far)
		// The target is not on the top line: there is context above it.
		if vl := visibleLineOf(v, far); vl == nil || vl.y < v.geo.padY+v.geo.lineH {
			t.Errorf("h %v: SelectSpan put its line at the top", h)
		}
		v.ScrollToOffset(len(text) / 3)
		aligned("ScrollToOffset", len(text)/3)
		v.SetSelection(len(text)/5, len(text)/5+3)
		aligned("SetSelection", len(text)/5+3)
		// Up one line from the top line: it becomes the second line.
		top := v.visibleLines()[0].start
		v.SetSelection(top, top)
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
		aligned("Up", v.caret)
		if vl := visibleLineOf(v, v.caret); vl == nil || vl.y != v.geo.padY+v.geo.lineH {
			t.Errorf("h %v: Up from the top line left the caret's line at %+v", h, vl)
		}
		// Down past the bottom: the caret's line becomes the last whole one.
		lines := v.visibleLines()
		v.SetSelection(lines[0].start, lines[0].start)
		for range len(lines) + 1 {
			v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		}
		aligned("Down", v.caret)
	}
}
