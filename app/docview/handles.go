package docview

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"gloss/annotate"
)

// Handles are the two grips drawn at the ends of the selected span while
// the app can move them (OnBoundsRequested is set): a bar the height of
// the text with a knob above the start and below the end. Dragging one
// moves that end, snapped to tokens unless snapping is off; Alt+arrows
// move an end by one token. The view only reports the move; the app
// applies it (annotate.SetBounds, annotate.MoveEdge) and calls
// SpansChanged.

// Handle measures: the knob's diameter and how far from a bound a press
// still takes the handle.
const (
	knobSize   = 9
	handleGrab = 6
)

// handleBounds is the range the handles of the selected span stand at: the
// span's, or during a drag of a handle the one the drag proposes. ok is
// false when no span is selected, the app cannot move bounds, or the view
// is in link mode.
func (v *View) handleBounds() (start, end int, ok bool) {
	if v.OnBoundsRequested == nil || v.linking() {
		return 0, 0, false
	}
	i, found := v.spans.index(v.span)
	if !found {
		return 0, 0, false
	}
	if v.drag.handle && v.drag.active {
		return v.drag.start, v.drag.end, true
	}
	m := v.spans.marks[i]
	return m.Start, m.End, true
}

// boundOnScreen is where a bound is drawn: the x of boundary off and the
// top of its line's text, both relative to the view. An end belongs to the
// line of the code point before it, so a span ending at a wrap keeps its
// handle at the end of its last line. ok is false when that line is not
// visible.
func (v *View) boundOnScreen(off int, isEnd bool) (x, y float32, ok bool) {
	at := off
	if isEnd && off > 0 {
		at = off - 1
	}
	blk, ln := v.locate(at)
	for li := range v.visibleLines() {
		vl := &v.visible[li]
		if vl.blk == blk && vl.line == ln {
			return v.geo.padX + v.lineX(vl, off), vl.y, true
		}
	}
	return 0, 0, false
}

// HandlePosition returns the middle of the bar of the selected span's
// handle at edge, relative to the view; ok is false when that handle is
// not drawn (no span selected, not on screen, in link mode, or
// OnBoundsRequested unset). It is for tests and tools that drive the view
// with the mouse.
func (v *View) HandlePosition(edge annotate.Edge) (pos fyne.Position, ok bool) {
	start, end, ok := v.handleBounds()
	if !ok {
		return fyne.Position{}, false
	}
	off := start
	if edge == annotate.EndEdge {
		off = end
	}
	x, y, ok := v.boundOnScreen(off, edge == annotate.EndEdge)
	return fyne.NewPos(x, y+v.geo.textH/2), ok
}

// PositionOf returns the middle of the glyph of code point off on screen,
// relative to the view; ok is false when it is not visible. It is for
// tests and tools that drive the view with the mouse.
func (v *View) PositionOf(off int) (pos fyne.Position, ok bool) {
	blk, ln := v.locate(off)
	for li := range v.visibleLines() {
		vl := &v.visible[li]
		if vl.blk == blk && vl.line == ln && off < vl.end {
			a, b := v.lineX(vl, off), v.lineX(vl, off+1)
			return fyne.NewPos(v.geo.padX+(a+b)/2, vl.y+v.geo.textH/2), true
		}
	}
	return fyne.Position{}, false
}

// handleAt reports which handle a press at pos takes, if any: the nearer
// of the two when both are in reach.
func (v *View) handleAt(pos fyne.Position) (annotate.Edge, bool) {
	start, end, ok := v.handleBounds()
	if !ok {
		return 0, false
	}
	best, found, bestD := annotate.StartEdge, false, float32(0)
	for _, h := range []struct {
		edge annotate.Edge
		off  int
	}{{annotate.StartEdge, start}, {annotate.EndEdge, end}} {
		x, y, vis := v.boundOnScreen(h.off, h.edge == annotate.EndEdge)
		if !vis {
			continue
		}
		dx := pos.X - x
		if dx < 0 {
			dx = -dx
		}
		if dx > handleGrab || pos.Y < y-knobSize || pos.Y > y+v.geo.textH+knobSize {
			continue
		}
		// Ties (a one-character span) go to the end, which is the one
		// people grow.
		if !found || dx <= bestD {
			best, found, bestD = h.edge, true, dx
		}
	}
	return best, found
}

// startHandleDrag begins a drag of the handle of edge.
func (v *View) startHandleDrag(edge annotate.Edge) {
	start, end, _ := v.handleBounds()
	v.drag.handle, v.drag.edge = true, edge
	v.drag.start, v.drag.end = start, end
}

// handleDragTo moves the dragged handle's bound to the boundary under pos,
// snapped to tokens unless snapping is off.
func (v *View) handleDragTo(pos fyne.Position) {
	off := v.offsetAt(pos)
	if v.snapping {
		off = annotate.SnapEdge(v.tokens(), v.drag.edge, off)
	}
	if v.drag.edge == annotate.StartEdge {
		v.drag.start = off
	} else {
		v.drag.end = off
	}
	v.Refresh()
}

// endHandleDrag reports the bounds a drag of a handle proposes, unless
// they are the span's own.
func (v *View) endHandleDrag() {
	i, ok := v.spans.index(v.span)
	if !ok || !v.drag.active {
		return
	}
	m := v.spans.marks[i]
	if v.drag.start != m.Start || v.drag.end != m.End {
		v.OnBoundsRequested(m.ID, v.drag.start, v.drag.end)
	}
}

// MoveSelectedEdge asks the app (OnEdgeMoveRequested) to move one end of
// the selected span by tokens: by > 0 later, by < 0 earlier. It is what
// Alt+→ / Alt+← (the end) and Alt+Shift+→ / Alt+Shift+← (the start) do,
// for menus to call too. Afterwards the moved end is scrolled into view.
// It reports false, and does nothing, when no span is selected, in link
// mode, or when OnEdgeMoveRequested is not set.
func (v *View) MoveSelectedEdge(edge annotate.Edge, by int) bool {
	if v.linking() || v.OnEdgeMoveRequested == nil {
		return false
	}
	id := v.span
	if _, ok := v.spans.index(id); !ok {
		return false
	}
	v.OnEdgeMoveRequested(id, edge, by)
	if i, ok := v.spans.index(id); ok {
		off := v.spans.marks[i].Start
		if edge == annotate.EndEdge {
			off = v.spans.marks[i].End
		}
		v.ensureVisible(off)
		v.Refresh()
	}
	return true
}

// altArrow turns Alt+←/→ (with or without Shift) into the edge and
// direction it moves; ok is false for any other shortcut.
func altArrow(key fyne.KeyName, mod fyne.KeyModifier) (edge annotate.Edge, by int, ok bool) {
	if mod&^fyne.KeyModifierShift != fyne.KeyModifierAlt || (key != fyne.KeyLeft && key != fyne.KeyRight) {
		return 0, 0, false
	}
	edge, by = annotate.EndEdge, 1
	if mod&fyne.KeyModifierShift != 0 {
		edge = annotate.StartEdge
	}
	if key == fyne.KeyLeft {
		by = -1
	}
	return edge, by, true
}

// drawHandles draws the handles of the selected span and, during a drag
// of one, the range it proposes: a tint and an outline in the span's
// colour. Each handle is a bar over the text's height with a knob, above
// the start and below the end, ringed in the background colour so that it
// stands out on any highlight.
func (r *renderer) drawHandles(lines []vline) {
	v := r.v
	start, end, ok := v.handleBounds()
	if !ok {
		return
	}
	i, _ := v.spans.index(v.span)
	c := v.spans.marks[i].Color
	g := v.geo
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	bg := v.Theme().Color(theme.ColorNameBackground, variant)
	if v.drag.handle && v.drag.active && start < end {
		for li := range lines {
			vl := &lines[li]
			a, b := max(start, vl.start), min(end, vl.end)
			if a >= b {
				continue
			}
			x0, x1 := g.padX+v.lineX(vl, a), g.padX+v.lineX(vl, b)
			rc := r.rect(withAlpha(c, 0x50), fyne.NewPos(x0-1, vl.y-1), fyne.NewSize(x1-x0+2, g.textH+2))
			rc.StrokeColor, rc.StrokeWidth, rc.CornerRadius = c, 2, 3
		}
	}
	for _, h := range []struct {
		off   int
		isEnd bool
	}{{start, false}, {end, true}} {
		x, y, vis := v.boundOnScreen(h.off, h.isEnd)
		if !vis {
			continue
		}
		r.rect(c, fyne.NewPos(x-1, y-1), fyne.NewSize(2, g.textH+2))
		ky := y - 1 - knobSize + 2 // above the start
		if h.isEnd {
			ky = y + g.textH + 1 - 2 // below the end
		}
		knob := r.rect(c, fyne.NewPos(x-knobSize/2, ky), fyne.NewSize(knobSize, knobSize))
		knob.CornerRadius = knobSize / 2
		knob.StrokeColor, knob.StrokeWidth = opaque(bg), 1.5
	}
}

// opaque is c without transparency.
func opaque(c color.Color) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = 0xff
	return n
}
