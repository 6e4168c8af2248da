package docview

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// renderer draws the visible lines with pooled canvas objects: one
// canvas.Text per line and rectangles for highlights, bars, the selection,
// outlines, the caret and the scroll bar. The pools only grow to what one
// screen needs, so the object count follows the visible lines, not the
// document.
type renderer struct {
	v       *View
	texts   []*canvas.Text
	rects   []*canvas.Rectangle
	nText   int
	nRect   int
	objects []fyne.CanvasObject
	segs    []segment
	// valid caches isLinkTarget per mark during one draw, since it calls
	// the app's predicate.
	valid map[int]bool
}

// segment is the part of a mark on one visible line.
type segment struct {
	line   int // index in visible
	mark   int // index in the mark set
	x0, x1 float32
	first  bool // the mark starts on this line
	final  bool // the mark ends on this line
}

// CreateRenderer is part of fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	r := &renderer{v: v}
	r.draw()
	return r
}

// Layout is part of fyne.WidgetRenderer; it repositions the pooled objects
// and never calls Refresh.
func (r *renderer) Layout(fyne.Size) {
	r.v.focusOnShow()
	r.v.stale = true
	r.draw()
}

// MinSize is part of fyne.WidgetRenderer: a few lines of a few words, since
// the view scrolls its own text.
func (r *renderer) MinSize() fyne.Size {
	size := r.v.currentTextSize()
	m := fyne.MeasureText("Mg", size, fyne.TextStyle{})
	return fyne.NewSize(10*m.Width, 3*m.Height)
}

// Refresh is part of fyne.WidgetRenderer.
func (r *renderer) Refresh() {
	// Selection, marks and focus changes keep the visible lines and their
	// measurements; a new text size (from the theme) lays them out again.
	if r.v.currentTextSize() != r.v.geo.size {
		r.v.stale = true
	}
	r.draw()
	canvas.Refresh(r.v)
}

// Objects is part of fyne.WidgetRenderer.
func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

// Destroy is part of fyne.WidgetRenderer.
func (r *renderer) Destroy() {}

func (r *renderer) rect(fill color.Color, pos fyne.Position, size fyne.Size) *canvas.Rectangle {
	if r.nRect == len(r.rects) {
		r.rects = append(r.rects, &canvas.Rectangle{})
	}
	rc := r.rects[r.nRect]
	r.nRect++
	rc.FillColor = fill
	rc.StrokeColor = nil
	rc.StrokeWidth = 0
	rc.CornerRadius = 0
	rc.Move(pos)
	rc.Resize(size)
	r.objects = append(r.objects, rc)
	return rc
}

func (r *renderer) text(s string, c color.Color, size float32, pos fyne.Position, sz fyne.Size) {
	if r.nText == len(r.texts) {
		r.texts = append(r.texts, &canvas.Text{})
	}
	t := r.texts[r.nText]
	r.nText++
	t.Text, t.Color, t.TextSize = s, c, size
	t.Move(pos)
	t.Resize(sz)
	r.objects = append(r.objects, t)
}

// withAlpha returns c with alpha a (0–255), for tints that keep text legible.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

func isDark(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return 0.299*float64(r)+0.587*float64(g)+0.114*float64(b) < 0x8000
}

// draw lays the visible lines out onto the pooled objects, back to front:
// span backgrounds, find matches, the selection, text, underline bars,
// the selected span's outline, the caret, the scroll bar.
func (r *renderer) draw() {
	v := r.v
	r.objects, r.nRect, r.nText = r.objects[:0], 0, 0
	lines := v.visibleLines()
	g := v.geo
	th := v.Theme()
	variant := fyne.CurrentApp().Settings().ThemeVariant()
	fg := th.Color(theme.ColorNameForeground, variant)
	dark := isDark(th.Color(theme.ColorNameBackground, variant))
	// Tints: strong enough to see, weak enough that the text colour of
	// either theme keeps its contrast on them.
	bgA, bgSelA, bgSugA := uint8(0x40), uint8(0x80), uint8(0x20)
	if dark {
		bgA, bgSelA, bgSugA = 0x55, 0x99, 0x2a
	}

	// Mark segments per line.
	clear(r.valid)
	r.segs = r.segs[:0]
	for li := range lines {
		vl := &lines[li]
		if vl.end == vl.start {
			continue
		}
		v.spans.overlapping(vl.start, vl.end, func(i int) {
			m := v.spans.marks[i]
			a, b := max(m.Start, vl.start), min(m.End, vl.end)
			r.segs = append(r.segs, segment{
				line: li, mark: i,
				x0: g.padX + v.lineX(vl, a), x1: g.padX + v.lineX(vl, b),
				first: m.Start >= vl.start, final: m.End <= vl.end,
			})
		})
	}
	selected, hasSel := v.spans.index(v.span)

	// Backgrounds of the outermost marks.
	for _, s := range r.segs {
		m := v.spans.marks[s.mark]
		chosen := v.linking() && m.ID == v.link.cur
		if m.level != 0 && !(hasSel && s.mark == selected) && !chosen {
			continue
		}
		a := bgA
		switch {
		case hasSel && s.mark == selected && v.drag.handle && v.drag.active:
			// drawHandles tints the proposed range instead
		case hasSel && s.mark == selected, chosen:
			a = bgSelA
		case m.Style == Suggested, m.Style == Rejected:
			a = bgSugA
		}
		if v.linking() && m.ID != v.link.source && !r.linkTarget(s.mark) {
			a = bgSugA // link mode dims what cannot be linked
		}
		y := lines[s.line].y
		r.rect(withAlpha(m.Color, a), fyne.NewPos(s.x0, y), fyne.NewSize(s.x1-s.x0, g.textH))
	}

	// Find matches: an outline in the text colour, unlike any label's.
	findC := fg
	for li := range lines {
		vl := &lines[li]
		for _, f := range v.findIn(vl.start, vl.end+vl.brk) {
			x0 := g.padX + v.lineX(vl, f[0])
			x1 := g.padX + v.lineX(vl, f[1])
			rc := r.rect(color.Transparent, fyne.NewPos(x0-1, vl.y), fyne.NewSize(x1-x0+2, g.textH))
			rc.StrokeColor, rc.StrokeWidth, rc.CornerRadius = findC, 1.5, 2
		}
	}

	// The text selection; a selected line break shows as a space's width.
	if v.selStart < v.selEnd {
		selC := th.Color(theme.ColorNameSelection, variant)
		spaceW := v.meas.word(" ")
		for li := range lines {
			vl := &lines[li]
			a, b := max(v.selStart, vl.start), min(v.selEnd, vl.end+vl.brk)
			if a >= b {
				continue
			}
			x0, x1 := v.lineX(vl, a), v.lineX(vl, b)
			if v.selEnd > vl.end && vl.brk > 0 {
				x1 += spaceW
			}
			r.rect(selC, fyne.NewPos(g.padX+x0, vl.y), fyne.NewSize(x1-x0, g.textH))
		}
	}

	// Text: one canvas.Text per line. Captions are in the margin, so
	// nothing is drawn between its characters.
	textW := g.viewW - g.padX - g.scrollW
	for li := range lines {
		vl := &lines[li]
		if vl.text != "" {
			r.text(vl.text, fg, g.size, fyne.NewPos(g.padX, vl.y), fyne.NewSize(textW, g.textH))
		}
	}

	// Underline bars, one row per nesting level.
	for _, s := range r.segs {
		m := v.spans.marks[s.mark]
		x0, x1 := s.x0, s.x1
		if s.first {
			x0++
		}
		if s.final {
			x1--
		}
		if x1 <= x0 {
			continue
		}
		if m.Style == Rejected {
			// Struck through: the line sits where the text is, so a
			// rejected span never looks like an annotation.
			h := max(g.barH/2, 1.5)
			r.rect(m.Color, fyne.NewPos(x0, lines[s.line].y+(g.textH-h)/2), fyne.NewSize(x1-x0, h))
			continue
		}
		row := min(m.level, g.rows-1)
		y := lines[s.line].y + g.textH + 1 + float32(row)*g.pitch
		if m.Style == Suggested {
			const dash, gap = 5, 3
			for x := x0; x < x1; x += dash + gap {
				r.rect(withAlpha(m.Color, 0xcc), fyne.NewPos(x, y), fyne.NewSize(min(dash, x1-x), g.barH))
			}
			continue
		}
		r.rect(m.Color, fyne.NewPos(x0, y), fyne.NewSize(x1-x0, g.barH))
	}

	r.captions(lines, dark)

	// The selected span's outline, over its text and bars, and a thinner
	// one around the spans it is related to (a quote's speaker).
	if v.linking() {
		r.linkOutlines(lines)
	} else if hasSel {
		resizing := v.drag.handle && v.drag.active
		related := v.relatedTo(v.span)
		for _, s := range r.segs {
			width := float32(2)
			if s.mark == selected && resizing {
				continue // drawHandles outlines the proposed range instead
			}
			if s.mark != selected {
				if !related[v.spans.marks[s.mark].ID] {
					continue
				}
				width = 1
			}
			m := v.spans.marks[s.mark]
			y := lines[s.line].y
			h := g.textH + 1 + float32(min(m.level, g.rows-1)+1)*g.pitch
			rc := r.rect(color.Transparent, fyne.NewPos(s.x0-1, y-1), fyne.NewSize(s.x1-s.x0+2, h+1))
			rc.StrokeColor, rc.StrokeWidth, rc.CornerRadius = m.Color, width, 3
		}
	}

	r.drawHandles(lines)

	// The caret, when the view has focus.
	if v.focused {
		blk, ln := v.locate(v.caret)
		for li := range lines {
			vl := &lines[li]
			if vl.blk == blk && vl.line == ln {
				x := g.padX + v.lineX(vl, v.caret)
				r.rect(th.Color(theme.ColorNamePrimary, variant), fyne.NewPos(x-1, vl.y), fyne.NewSize(2, g.textH))
				break
			}
		}
	}

	r.scrollBar()
}

// scrollBar draws the thumb of the scroll bar when the text is taller than
// the view.
func (r *renderer) scrollBar() {
	v := r.v
	g := v.geo
	y, h, _, ok := v.thumb()
	if !ok {
		return
	}
	w := g.scrollW - 2
	rc := r.rect(v.Theme().Color(theme.ColorNameScrollBar, fyne.CurrentApp().Settings().ThemeVariant()),
		fyne.NewPos(g.viewW-w-1, y), fyne.NewSize(w, h))
	rc.CornerRadius = w / 2
}

// thumb is the scroll bar's thumb: its top and height, and how many lines
// one pixel of its travel scrolls. ok is false when the text fits in the
// view. These are estimates until every block is wrapped.
func (v *View) thumb() (y, h float32, linesPerPixel float64, ok bool) {
	g := v.geo
	total := float64(v.lines.total())
	view := float64(v.textHeight() / g.lineH)
	if total <= view || g.viewH <= 0 {
		return 0, 0, 0, false
	}
	h = float32(max(view/total*float64(g.viewH), 24))
	track := float64(g.viewH - h)
	if track <= 0 {
		return 0, h, 0, false
	}
	f := min(max(v.position()/(total-view), 0), 1)
	return float32(f * track), h, (total - view) / track, true
}

// relatedTo returns the ids of the spans that a relation of the document
// links to span id, either way.
func (v *View) relatedTo(id string) map[string]bool {
	var out map[string]bool
	for _, rel := range v.doc.Relations {
		other := ""
		switch id {
		case rel.From:
			other = rel.To
		case rel.To:
			other = rel.From
		}
		if other != "" {
			if out == nil {
				out = map[string]bool{}
			}
			out[other] = true
		}
	}
	return out
}

// findIn returns the find matches overlapping [start, end), clipped to it.
func (v *View) findIn(start, end int) [][2]int {
	var out [][2]int
	for _, f := range v.find {
		if f[0] >= end {
			break
		}
		if f[1] > start {
			out = append(out, [2]int{max(f[0], start), min(f[1], end)})
		}
	}
	return out
}

// captions draws the relation captions of the visible lines in the
// margin: a chip tinted in the colour of the span named, with its name in
// that colour (brighter in dark themes). A suggested relation's chip is
// paler, with a dashed underline like a suggested span's bar. The chip of
// a relation of the selected span has an outline, as its spans do.
func (r *renderer) captions(lines []vline, dark bool) {
	v := r.v
	g := v.geo
	size, capH := g.size*captionScale, g.capH
	for li := range lines {
		vl := &lines[li]
		first := true
		v.chips(vl, func(k int, x, w float32, text string) {
			c := v.caps[k]
			if first {
				// A dotted leader from the end of the line's text, through
				// the free space only, ties the chip to its line.
				first = false
				r.leader(vl, x, withAlpha(c.color, 0x90))
			}
			fill, ink := withAlpha(c.color, 0x26), c.color
			if dark {
				fill, ink = withAlpha(c.color, 0x40), lighten(c.color, 0.45)
			}
			if c.suggested {
				fill.A /= 2
				ink = withAlpha(ink, 0xa0)
			}
			top := vl.y + 1
			h := g.textH - 2
			rc := r.rect(fill, fyne.NewPos(x, top), fyne.NewSize(w, h))
			rc.CornerRadius = h / 2
			if src, dst := v.ends(c); v.span != "" && !v.linking() && (v.span == src || v.span == dst) {
				rc.StrokeColor, rc.StrokeWidth = ink, 1
			}
			if c.suggested {
				const dash, gap = 4, 3
				for dx := float32(captionPad); dx < w-captionPad; dx += dash + gap {
					r.rect(ink, fyne.NewPos(x+dx, top+h-1), fyne.NewSize(min(dash, w-captionPad-dx), 1))
				}
			}
			r.text(text, ink, size, fyne.NewPos(x+captionPad, vl.y+(g.textH-capH)/2), fyne.NewSize(w-captionPad, capH))
		})
	}
}

// leader draws dots at mid-height of line vl from just after its text to
// just before x.
func (r *renderer) leader(vl *vline, x float32, ink color.NRGBA) {
	v := r.v
	const dot, step = 2, 5
	// The text's end is estimated (no shaping of the line; kerning only
	// narrows it), with a dot's step to spare.
	from := v.geo.padX + v.meas.runeWidths(strings.TrimRight(vl.text, " ")) + 2*step
	y := vl.y + v.geo.textH*0.6
	var fill color.Color = ink // boxed once, not once a dot
	for dx := x - step; dx >= from; dx -= step {
		r.rect(fill, fyne.NewPos(dx, y), fyne.NewSize(dot, 1))
	}
}

// lighten mixes c with white by f (0–1), for ink on a dark background.
func lighten(c color.NRGBA, f float64) color.NRGBA {
	mix := func(a uint8) uint8 { return uint8(float64(a) + (255-float64(a))*f) }
	return color.NRGBA{R: mix(c.R), G: mix(c.G), B: mix(c.B), A: c.A}
}

// linkOutlines draws link mode: a 3 px outline round the source and round
// the target Tab went to (which also has the selected span's tint), and
// 1.5 px round every other valid target.
func (r *renderer) linkOutlines(lines []vline) {
	v := r.v
	g := v.geo
	for _, s := range r.segs {
		m := v.spans.marks[s.mark]
		var width float32
		switch {
		case m.ID == v.link.source:
			width = 3
		case m.ID == v.link.cur:
			width = 3
		default:
			if !r.linkTarget(s.mark) {
				continue
			}
			width = 1.5
		}
		y := lines[s.line].y
		h := g.textH + 1 + float32(min(m.level, g.rows-1)+1)*g.pitch
		rc := r.rect(color.Transparent, fyne.NewPos(s.x0-1, y-1), fyne.NewSize(s.x1-s.x0+2, h+1))
		rc.StrokeColor, rc.StrokeWidth, rc.CornerRadius = m.Color, width, 3
	}
}

// linkTarget reports whether mark i is a valid target of link mode.
func (r *renderer) linkTarget(i int) bool {
	ok, seen := r.valid[i]
	if !seen {
		if r.valid == nil {
			r.valid = map[int]bool{}
		}
		ok = r.v.isLinkTarget(r.v.spans.marks[i].ID)
		r.valid[i] = ok
	}
	return ok
}
