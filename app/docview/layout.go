package docview

import (
	"sort"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// currentTextSize is the text size set, or the theme's.
func (v *View) currentTextSize() float32 {
	if v.textSize > 0 {
		return v.textSize
	}
	return v.Theme().Size(theme.SizeNameText)
}

// updateGeometry recomputes the measures for the view's size, text size
// and marks, and starts a new wrap generation when the wrap width or the
// text size changed.
func (v *View) updateGeometry() {
	size := v.currentTextSize()
	g := &v.geo
	sz := v.Size()
	g.viewW, g.viewH = sz.Width, sz.Height
	g.padX = v.Theme().Size(theme.SizeNameInnerPadding)
	g.padY = g.padX
	g.scrollW = max(6, v.Theme().Size(theme.SizeNameScrollBarSmall)*2)
	if size != g.size || v.meas == nil {
		g.size = size
		v.meas = newMeasurer(size)
		g.textH = fyne.MeasureText("Mg", size, fyne.TextStyle{}).Height
		g.capH = fyne.MeasureText("Mg", size*captionScale, fyne.TextStyle{}).Height
		g.barH = float32(int(max(2, size/5+0.5)))
		g.pitch = g.barH + 1
		sample := "The quick brown fox jumps over the lazy dog, 1234567890."
		v.avgW = v.meas.width(sample) / float32(len(sample))
		v.wrapW = -1 // forces a new generation below
	}
	g.rows = min(max(v.spans.levels, 1), maxRows)
	lineH := float32(int(g.textH + 2 + float32(g.rows)*g.pitch + 1 + 0.5))
	if lineH != g.lineH {
		g.lineH = lineH
		v.stale = true
	}
	avail := g.viewW - 2*g.padX - g.scrollW
	g.marginW = 0
	if v.hasMargin() {
		em := size * captionScale
		g.marginW = min(max(avail*marginShare, marginMinEm*em), marginMaxEm*em, avail*marginMaxShare)
		g.marginW = float32(int(max(g.marginW, 0)))
	}
	w := max(avail-g.marginW, 4*v.avgW)
	if w != v.wrapW || v.lines == nil {
		v.wrapW = w
		v.gen++
		v.stale = true
		counts := make([]int32, len(v.blocks))
		for i, b := range v.blocks {
			counts[i] = estimateLines(b.end-b.start, v.avgW, w)
		}
		v.lines = newFenwick(counts)
		v.top.line = min(v.top.line, len(v.blockLines(v.top.blk))-1)
	}
}

// blockLines returns where the lines of block i start, wrapping it if it
// is not wrapped for the current width, and corrects the line index.
func (v *View) blockLines(i int) []int32 {
	l := &v.layout[i]
	if l.gen == v.gen {
		return l.starts
	}
	b := v.blocks[i]
	text := displayText(v.doc.Text[b.bstart:b.bend])
	l.starts = v.meas.wrap(text, v.wrapW)
	l.bytes = l.bytes[:0]
	k, r := 0, 0
	for bi := range text {
		if k < len(l.starts) && int(l.starts[k]) == r {
			l.bytes = append(l.bytes, int32(bi))
			k++
		}
		r++
	}
	for ; k < len(l.starts); k++ {
		l.bytes = append(l.bytes, int32(len(text)))
	}
	l.gen = v.gen
	v.lines.set(i, int32(len(l.starts)))
	return l.starts
}

// lineInfo describes line ln of block i.
func (v *View) lineInfo(i, ln int) vline {
	starts := v.blockLines(i)
	l := &v.layout[i]
	b := v.blocks[i]
	vl := vline{blk: i, line: ln, start: b.start + int(starts[ln]), last: ln == len(starts)-1}
	bs := b.bstart + int(l.bytes[ln])
	be := b.bend
	if vl.last {
		vl.end = b.end
		vl.brk = b.brk
	} else {
		vl.end = b.start + int(starts[ln+1])
		be = b.bstart + int(l.bytes[ln+1])
	}
	vl.text = displayText(v.doc.Text[bs:be])
	hi := vl.end
	if vl.last {
		hi += vl.brk
	}
	vl.c0, vl.c1 = v.capsIn(vl.start, hi)
	return vl
}

// nextLine and prevLine step an anchor by one line; ok is false at the
// ends of the text.
func (v *View) nextLine(a anchor) (anchor, bool) {
	if a.line+1 < len(v.blockLines(a.blk)) {
		return anchor{blk: a.blk, line: a.line + 1}, true
	}
	if a.blk+1 < len(v.blocks) {
		return anchor{blk: a.blk + 1}, true
	}
	return a, false
}

func (v *View) prevLine(a anchor) (anchor, bool) {
	if a.line > 0 {
		return anchor{blk: a.blk, line: a.line - 1}, true
	}
	if a.blk > 0 {
		return anchor{blk: a.blk - 1, line: len(v.blockLines(a.blk-1)) - 1}, true
	}
	return a, false
}

// textHeight is the height lines may fill: the view less its margins.
func (v *View) textHeight() float32 { return max(v.geo.viewH-2*v.geo.padY, v.geo.lineH) }

// bottom is the last scroll position: the one that shows the last line at
// the bottom of the view (or the top when the text is shorter than it).
func (v *View) bottom() anchor {
	g := v.geo
	a := anchor{blk: len(v.blocks) - 1}
	a.line = len(v.blockLines(a.blk)) - 1
	h := g.lineH
	for h < v.textHeight() {
		p, ok := v.prevLine(a)
		if !ok {
			return anchor{}
		}
		a = p
		h += g.lineH
	}
	a.off = h - v.textHeight()
	return a
}

// clampTop keeps the scroll position between the first line and bottom.
func (v *View) clampTop() {
	if b := v.bottom(); b.less(v.top) {
		v.top = b
	}
	if v.top.off < 0 {
		v.top.off = 0
	}
	v.stale = true
}

// scrollBy scrolls by dy pixels (positive: further into the text).
func (v *View) scrollBy(dy float32) {
	g := v.geo
	a := v.top
	a.off += dy
	for a.off >= g.lineH {
		n, ok := v.nextLine(a)
		if !ok {
			a.off = g.lineH - 1
			break
		}
		n.off = a.off - g.lineH
		a = n
	}
	for a.off < 0 {
		p, ok := v.prevLine(a)
		if !ok {
			a.off = 0
			break
		}
		p.off = a.off + g.lineH
		a = p
	}
	v.top = a
	v.clampTop()
}

// position is the scroll position in lines from the start (estimated).
func (v *View) position() float64 {
	return float64(v.lines.prefix(v.top.blk)+v.top.line) + float64(v.top.off/v.geo.lineH)
}

// jumpTo scrolls to position pos in lines from the start (estimated).
func (v *View) jumpTo(pos float64) {
	pos = max(pos, 0)
	line := int(pos)
	blk := v.lines.find(line)
	n := len(v.blockLines(blk))
	ln := min(max(line-v.lines.prefix(blk), 0), n-1)
	v.top = anchor{blk: blk, line: ln, off: float32(pos-float64(line)) * v.geo.lineH}
	v.clampTop()
}

// locate returns the block and line holding code point off; an offset
// inside a line break belongs to the line before it.
func (v *View) locate(off int) (blk, line int) {
	blk = blockAt(v.blocks, off)
	b := v.blocks[blk]
	rel := int32(min(off, b.end) - b.start)
	starts := v.blockLines(blk)
	line = sort.Search(len(starts), func(k int) bool { return starts[k] > rel }) - 1
	return blk, max(line, 0)
}

// placeLine scrolls so that the line holding off is the k-th whole line of
// the view (0 is the top; k is clamped to the lines that fit), with the top
// line wholly visible. Only at the end of the text, where the last line
// sits at the bottom of the view, may the top line be cut.
func (v *View) placeLine(off int, k int) {
	v.updateGeometry()
	blk, line := v.locate(off)
	a := anchor{blk: blk, line: line}
	for k = min(k, v.fullLines()-1); k > 0; k-- {
		p, ok := v.prevLine(a)
		if !ok {
			break
		}
		a = p
	}
	v.top = a
	v.clampTop()
}

// fullLines is how many whole lines the view shows (at least 1).
func (v *View) fullLines() int { return max(int(v.textHeight()/v.geo.lineH), 1) }

// isVisible reports whether the line holding off is wholly in view.
func (v *View) isVisible(off int) bool {
	v.updateGeometry()
	blk, line := v.locate(off)
	for _, vl := range v.visibleLines() {
		if vl.blk == blk && vl.line == line {
			return vl.y >= 0 && vl.y+v.geo.lineH <= v.geo.viewH
		}
	}
	return false
}

// ensureVisible scrolls as little as it can to show the line holding off,
// aligned to whole lines.
func (v *View) ensureVisible(off int) {
	if v.isVisible(off) {
		return
	}
	blk, line := v.locate(off)
	if (anchor{blk: blk, line: line}).less(v.top) {
		v.placeLine(off, 1) // a line of context above
	} else {
		v.placeLine(off, v.fullLines()-1)
	}
}

// visibleLines returns the lines in view, laying them out if needed.
func (v *View) visibleLines() []vline {
	if !v.stale && v.visible != nil {
		return v.visible
	}
	v.updateGeometry()
	g := v.geo
	v.visible = v.visible[:0]
	a := v.top
	y := g.padY - a.off
	for y < g.viewH {
		vl := v.lineInfo(a.blk, a.line)
		vl.y = y
		v.visible = append(v.visible, vl)
		n, ok := v.nextLine(a)
		if !ok {
			break
		}
		a = n
		y += g.lineH
	}
	v.stale = false
	return v.visible
}

// lineX is the x of code point off (which must be in the line) relative to
// the left of the text.
func (v *View) lineX(vl *vline, off int) float32 {
	k := min(max(off-vl.start, 0), vl.end-vl.start)
	if k == 0 {
		return 0
	}
	if vl.measureCache == nil {
		vl.measureCache = make([]float32, vl.end-vl.start+1)
		for i := range vl.measureCache {
			vl.measureCache[i] = -1
		}
	}
	if x := vl.measureCache[k]; x >= 0 {
		return x
	}
	b := 0
	for i := 0; i < k; i++ {
		_, n := utf8.DecodeRuneInString(vl.text[b:])
		b += n
	}
	x := v.meas.width(vl.text[:b])
	vl.measureCache[k] = x
	return x
}

// prefixWidth returns the width of the first k code points of vl.
func (v *View) prefixWidth(vl *vline) func(k int) float32 {
	return func(k int) float32 { return v.lineX(vl, vl.start+k) }
}

// lineAt returns the index in visible of the line under y, clamped to the
// visible lines; -1 when there are none.
func (v *View) lineAt(y float32) int {
	lines := v.visibleLines()
	if len(lines) == 0 {
		return -1
	}
	k := sort.Search(len(lines), func(k int) bool { return lines[k].y+v.geo.lineH > y })
	return min(k, len(lines)-1)
}

// offsetAt returns the code-point boundary nearest to pos (relative to the
// view): the hit-test behind every mouse action.
func (v *View) offsetAt(pos fyne.Position) int {
	k := v.lineAt(pos.Y)
	if k < 0 {
		return 0
	}
	vl := &v.visible[k]
	if pos.Y < vl.y && v.top.blk == 0 && v.top.line == 0 {
		return 0
	}
	return v.boundaryAt(vl, pos.X-v.geo.padX)
}

// boundaryAt returns the code-point boundary of line vl nearest to x
// (relative to the text's left edge).
func (v *View) boundaryAt(vl *vline, x float32) int {
	r := hitRune(vl.end-vl.start, v.prefixWidth(vl), x, v.meas.guessRune(vl.text, x))
	if !vl.last && r == vl.end-vl.start && r > 0 {
		r-- // the end of a wrapped line is the start of the next one
	}
	return vl.start + r
}

// runeAt returns the code point under pos, or -1 when pos is over no text.
func (v *View) runeAt(pos fyne.Position) int {
	k := v.lineAt(pos.Y)
	if k < 0 || pos.Y < v.visible[k].y || pos.Y >= v.visible[k].y+v.geo.lineH {
		return -1
	}
	vl := &v.visible[k]
	x := pos.X - v.geo.padX
	r := runeUnder(vl.end-vl.start, v.prefixWidth(vl), x, v.meas.guessRune(vl.text, x))
	if r < 0 {
		return -1
	}
	return vl.start + r
}
