package docview

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// boundText has an emoji ZWJ sequence with a skin tone, a decomposed é,
// CJK and CRLF line breaks, so that code points, bytes and glyphs differ.
const boundText = "Lisbon mayor Ana Gonçalves 👩🏽‍🚀 said “we stay”.\r\n東京 cafe\u0301 owners agree today."

// handlePoint is a point on the bar of the handle at bound off, halfway
// down its line's text.
func handlePoint(v *View, off int, isEnd bool) (fyne.Position, bool) {
	x, y, ok := v.boundOnScreen(off, isEnd)
	return fyne.NewPos(x, y+v.geo.textH/2), ok
}

func TestHandlePositionAndPositionOf(t *testing.T) {
	v, _, _, _ := movableView(t, "Ana Gonçalves")
	s, e := annotatetest.Find(t, boundText, "Ana Gonçalves", 0)
	for _, c := range []struct {
		edge annotate.Edge
		off  int
	}{{annotate.StartEdge, s}, {annotate.EndEdge, e}} {
		p, ok := v.HandlePosition(c.edge)
		want, _ := handlePoint(v, c.off, c.edge == annotate.EndEdge)
		if !ok || p != want {
			t.Errorf("HandlePosition(%v) = %v %v, want %v", c.edge, p, ok, want)
		}
		if got, ok := v.handleAt(p); !ok || got != c.edge {
			t.Errorf("a press at HandlePosition(%v) takes handle %v %v", c.edge, got, ok)
		}
	}
	for off := range v.doc.Len() {
		p, ok := v.PositionOf(off)
		if !ok {
			continue // a line break
		}
		if r := v.runeAt(p); r != off && v.lineX(visibleLineOf(v, off), off+1)-v.lineX(visibleLineOf(v, off), off) >= 1 {
			t.Errorf("PositionOf(%d) = %v hits %d", off, p, r)
		}
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if _, ok := v.HandlePosition(annotate.EndEdge); ok {
		t.Error("a handle position with no span selected")
	}
}

// movableView shows boundText with one selected span over phrase and
// records what the view asks the app: OnBoundsRequested's bounds and
// OnEdgeMoveRequested's moves.
func movableView(t *testing.T, phrase string) (*View, fyne.Window, *[][2]int, *[]string) {
	t.Helper()
	sp := span(t, boundText, "s", "ACTOR", phrase, 0)
	v, w := newTestView(t, boundText, 600, 200, sp)
	var bounds [][2]int
	var moves []string
	v.OnBoundsRequested = func(id string, start, end int) {
		if id != "s" {
			t.Errorf("bounds asked for span %q", id)
		}
		bounds = append(bounds, [2]int{start, end})
	}
	v.OnEdgeMoveRequested = func(id string, edge annotate.Edge, by int) {
		moves = append(moves, fmt.Sprintf("%s %s %+d", id, edge, by))
	}
	v.SelectSpan("s")
	return v, w, &bounds, &moves
}

// handleRects returns the rectangles the renderer drew as handle knobs:
// round, knobSize across.
func handleRects(v *View) []*canvas.Rectangle {
	var out []*canvas.Rectangle
	for _, o := range test.WidgetRenderer(v).Objects() {
		if r, ok := o.(*canvas.Rectangle); ok && r.Size().Width == knobSize && r.Size().Height == knobSize && r.CornerRadius == knobSize/2 {
			out = append(out, r)
		}
	}
	return out
}

func TestHandlesOnTheSelectedSpan(t *testing.T) {
	v, _, _, _ := movableView(t, "Ana Gonçalves")
	knobs := handleRects(v)
	if len(knobs) != 2 {
		t.Fatalf("%d handle knobs drawn, want 2", len(knobs))
	}
	s, e := annotatetest.Find(t, boundText, "Ana Gonçalves", 0)
	for i, off := range []int{s, e} {
		x, y, _ := v.boundOnScreen(off, i == 1)
		k := knobs[i]
		if cx := k.Position().X + knobSize/2; cx != x {
			t.Errorf("knob %d centred at x %v, its bound is at %v", i, cx, x)
		}
		above := k.Position().Y+knobSize <= y+2
		below := k.Position().Y >= y+v.geo.textH-2
		if (i == 0 && !above) || (i == 1 && !below) {
			t.Errorf("knob %d at y %v, the text is %v–%v: the start's goes above, the end's below", i, k.Position().Y, y, y+v.geo.textH)
		}
	}
	// None without a selected span, in link mode, or when the app cannot
	// move bounds (the review screen's lanes).
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if n := len(handleRects(v)); n != 0 {
		t.Errorf("%d knobs with no span selected", n)
	}
	v.SelectSpan("s")
	v.SetLinkSource("s")
	if n := len(handleRects(v)); n != 0 {
		t.Errorf("%d knobs in link mode", n)
	}
	v.SetLinkSource("")
	v.OnBoundsRequested = nil
	v.Refresh()
	if n := len(handleRects(v)); n != 0 {
		t.Errorf("%d knobs without OnBoundsRequested", n)
	}
}

func TestDragHandle(t *testing.T) {
	type at struct {
		phrase string
		k      int // code point k of phrase
	}
	tests := []struct {
		name   string
		span   string
		edge   annotate.Edge
		to     at // the glyph the pointer ends on (its middle)
		snap   bool
		want   string // the text of the bounds asked for
		crossd bool   // the drag crosses the other end: start >= end
	}{
		{"end back into a word", "Lisbon mayor Ana Gonçalves", annotate.EndEdge, at{"Ana", 1}, true, "Lisbon mayor Ana", false},
		{"end on over an emoji with a skin tone", "Ana Gonçalves", annotate.EndEdge, at{"👩🏽‍🚀", 0}, true, "Ana Gonçalves 👩🏽‍🚀", false},
		{"end on over punctuation", "we stay", annotate.EndEdge, at{"”.", 0}, true, "we stay”", false},
		{"start back into a word", "Gonçalves", annotate.StartEdge, at{"mayor", 3}, true, "mayor Ana Gonçalves", false},
		{"start on past a word", "Lisbon mayor Ana", annotate.StartEdge, at{"Ana", 0}, true, "Ana", false},
		{"start on the space before a word", "Lisbon mayor Ana", annotate.StartEdge, at{" Ana", 0}, true, "Ana", false},
		{"end over a decomposed é", "東京", annotate.EndEdge, at{"cafe\u0301", 2}, true, "東京 cafe\u0301", false},
		{"no snapping: the exact code point", "Lisbon mayor Ana", annotate.EndEdge, at{"mayor", 2}, false, "Lisbon ma", false},
		{"no snapping, start", "Ana Gonçalves", annotate.StartEdge, at{"Gonçalves", 3}, false, "çalves", false},
		{"end back past the start", "Ana", annotate.EndEdge, at{"mayor", 1}, true, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _, bounds, _ := movableView(t, tt.span)
			v.SetSnapping(tt.snap)
			m := v.doc.Spans[0]
			off := m.Start
			if tt.edge == annotate.EndEdge {
				off = m.End
			}
			from, ok := handlePoint(v, off, tt.edge == annotate.EndEdge)
			if !ok {
				t.Fatal("handle not visible")
			}
			p, _ := annotatetest.Find(t, boundText, tt.to.phrase, 0)
			to := midOf(t, v, p+tt.to.k)
			if !tt.snap {
				to, _ = posOf(v, p+tt.to.k) // the boundary itself
				to.X++
			}
			selS, selE := v.Selection()
			press(v, from, 0)
			mid := fyne.NewPos((from.X+to.X)/2, (from.Y+to.Y)/2)
			dragTo(v, from, mid)
			dragTo(v, mid, to)
			// While dragging, the handles follow the pointer and nothing is
			// asked yet.
			ls, le, _ := v.handleBounds()
			if len(*bounds) != 0 {
				t.Fatalf("asked %v before the drag ended", *bounds)
			}
			v.DragEnd()
			if len(*bounds) != 1 {
				t.Fatalf("asked %v, want one request", *bounds)
			}
			got := (*bounds)[0]
			if got != [2]int{ls, le} {
				t.Errorf("asked %v, the live handles were at %d-%d", got, ls, le)
			}
			if tt.crossd {
				if got[0] < got[1] {
					t.Errorf("a drag past the start asked for %v", got)
				}
			} else if text := v.doc.Slice(got[0], got[1]); text != tt.want {
				t.Errorf("asked for %q (%v), want %q", text, got, tt.want)
			}
			if v.SelectedSpan() != "s" {
				t.Errorf("the drag deselected the span (%q)", v.SelectedSpan())
			}
			if s, e := v.Selection(); s != selS || e != selE {
				t.Errorf("the drag changed the text selection to %d-%d", s, e)
			}
		})
	}
}

func TestHandleDragWithoutMouseDown(t *testing.T) {
	v, _, bounds, _ := movableView(t, "Lisbon mayor Ana Gonçalves")
	from, _ := handlePoint(v, v.doc.Spans[0].End, true)
	a, _ := annotatetest.Find(t, boundText, "Ana", 0)
	dragTo(v, from, midOf(t, v, a+1)) // no MouseDown, as touch screens send: the drag began at Position - Dragged
	v.DragEnd()
	if len(*bounds) != 1 || v.doc.Slice((*bounds)[0][0], (*bounds)[0][1]) != "Lisbon mayor Ana" {
		t.Errorf("asked %v", *bounds)
	}
}

func TestHandleClickIsAClick(t *testing.T) {
	v, _, bounds, _ := movableView(t, "Ana Gonçalves")
	from, _ := handlePoint(v, v.doc.Spans[0].End, true)
	press(v, from, 0)
	if v.SelectedSpan() != "s" {
		t.Fatal("a press on a handle deselected the span")
	}
	v.MouseUp(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	v.Tapped(&fyne.PointEvent{Position: from})
	if len(*bounds) != 0 {
		t.Errorf("a click asked %v", *bounds)
	}
	// The click lands as any click would: the caret at the bound.
	if s, e := v.Selection(); s != v.doc.Spans[0].End || e != s {
		t.Errorf("a click on the end handle put the caret at %d-%d", s, e)
	}
	// And a drag that comes back where it began asks nothing.
	v.SelectSpan("s")
	press(v, from, 0)
	dragTo(v, from, from.AddXY(30, 0))
	dragTo(v, from.AddXY(30, 0), from)
	v.DragEnd()
	if len(*bounds) != 0 {
		t.Errorf("a drag back to the start asked %v", *bounds)
	}
}

func TestHandleCursor(t *testing.T) {
	v, _, _, _ := movableView(t, "Ana Gonçalves")
	from, _ := handlePoint(v, v.doc.Spans[0].Start, false)
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}})
	if c := v.Cursor(); c != desktop.HResizeCursor {
		t.Errorf("cursor over a handle %v", c)
	}
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from.AddXY(3*handleGrab, 0)}})
	if c := v.Cursor(); c != desktop.TextCursor {
		t.Errorf("cursor beside a handle %v", c)
	}
}

func TestAltArrowsMoveEdges(t *testing.T) {
	v, w, _, moves := movableView(t, "Ana Gonçalves")
	alt := func(k fyne.KeyName, mod fyne.KeyModifier) {
		v.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt | mod})
	}
	alt(fyne.KeyRight, 0)
	alt(fyne.KeyLeft, 0)
	alt(fyne.KeyLeft, fyne.KeyModifierShift)
	alt(fyne.KeyRight, fyne.KeyModifierShift)
	want := []string{"s end +1", "s end -1", "s start -1", "s start +1"}
	if fmt.Sprint(*moves) != fmt.Sprint(want) {
		t.Errorf("moves %q, want %q", *moves, want)
	}
	// Without a selected span, or in link mode, they ask nothing; then
	// they go on to the canvas's shortcuts like any other.
	*moves = nil
	passed := 0
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) { passed++ })
	v.SetLinkSource("s")
	alt(fyne.KeyRight, 0)
	v.SetLinkSource("")
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	alt(fyne.KeyRight, 0)
	if len(*moves) != 0 || passed != 2 {
		t.Errorf("moves %q, passed on %d times", *moves, passed)
	}
	if v.MoveSelectedEdge(annotate.EndEdge, 1) {
		t.Error("MoveSelectedEdge with no span selected reported a move")
	}
}

// TestEdgeMovesThroughHistory wires the view to annotate.History as the
// app does, moves both ends by keys and by dragging, and undoes each move
// in one step; refused moves change nothing.
func TestEdgeMovesThroughHistory(t *testing.T) {
	v, _, _, _ := movableView(t, "mayor Ana")
	h := annotate.NewHistory(v.doc)
	h.OnChange = v.SpansChanged
	var refused []error
	do := func(e annotate.Edit) {
		if err := h.Do(e); err != nil {
			refused = append(refused, err)
		}
	}
	v.OnEdgeMoveRequested = func(id string, edge annotate.Edge, by int) { do(&annotate.MoveEdge{ID: id, Edge: edge, By: by}) }
	v.OnBoundsRequested = func(id string, start, end int) { do(&annotate.SetBounds{ID: id, Start: start, End: end}) }
	text := func() string { return v.doc.Spans[0].Text }
	alt := func(k fyne.KeyName, mod fyne.KeyModifier) {
		v.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt | mod})
	}
	var steps []string
	alt(fyne.KeyRight, 0)
	steps = append(steps, text())
	alt(fyne.KeyLeft, fyne.KeyModifierShift)
	steps = append(steps, text())
	// Drag the end back into "Ana".
	from, _ := handlePoint(v, v.doc.Spans[0].End, true)
	a, _ := annotatetest.Find(t, boundText, "Ana", 0)
	press(v, from, 0)
	dragTo(v, from, midOf(t, v, a+1))
	v.DragEnd()
	steps = append(steps, text())
	want := []string{"mayor Ana Gonçalves", "Lisbon mayor Ana Gonçalves", "Lisbon mayor Ana"}
	if fmt.Sprint(steps) != fmt.Sprint(want) {
		t.Fatalf("texts %q, want %q", steps, want)
	}
	if v.SelectedSpan() != "s" || len(refused) != 0 {
		t.Errorf("selected %q, refused %v", v.SelectedSpan(), refused)
	}
	// The knobs follow the span.
	if x, _, _ := v.boundOnScreen(v.doc.Spans[0].End, true); handleRects(v)[1].Position().X+knobSize/2 != x {
		t.Error("the end knob did not follow the move")
	}
	// Refused: the start past the end, then the text's first word.
	alt(fyne.KeyRight, fyne.KeyModifierShift)
	alt(fyne.KeyRight, fyne.KeyModifierShift)
	alt(fyne.KeyRight, fyne.KeyModifierShift)
	if text() != "Ana" || len(refused) != 1 {
		t.Fatalf("after three Alt+Shift+→: %q, refused %v", text(), refused)
	}
	for range 2 {
		h.Undo()
	}
	alt(fyne.KeyLeft, fyne.KeyModifierShift)
	if len(refused) != 2 {
		t.Errorf("the start moved before the first word: %q, refused %v", text(), refused)
	}
	// Every move is one undo step.
	for i := len(want) - 2; i >= 0; i-- {
		h.Undo()
		if text() != want[i] {
			t.Errorf("undo %d: %q, want %q", i, text(), want[i])
		}
	}
	h.Undo()
	if text() != "mayor Ana" || v.doc.Spans[0].ID != "s" {
		t.Errorf("undone to %q", text())
	}
}
