// Package docview is Gloss's document view: a widget that shows a long,
// read-only text wrapped to its width, draws every annotation span in its
// label's colour (overlapping and nested spans stay visible), and lets the
// user select text with the mouse and keyboard. It never edits the model: it
// reports what the user asked for through its On… callbacks and the app
// applies the edits through annotate.History.
//
// Only what is visible is laid out and drawn: paragraphs are wrapped lazily
// and cached per width, and a prefix index of line counts (estimated for
// paragraphs not yet wrapped) maps scroll positions to paragraphs.
package docview

import (
	"sort"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
)

// The interfaces View implements; the compiler checks this list.
var (
	_ fyne.Widget         = (*View)(nil)
	_ fyne.Draggable      = (*View)(nil)
	_ fyne.Focusable      = (*View)(nil)
	_ fyne.Tappable       = (*View)(nil)
	_ fyne.DoubleTappable = (*View)(nil)
	_ fyne.Tabbable       = (*View)(nil)
	_ fyne.Scrollable     = (*View)(nil)
	_ fyne.Shortcutable   = (*View)(nil)
	_ desktop.Mouseable   = (*View)(nil)
	_ desktop.Keyable     = (*View)(nil)
	_ desktop.Cursorable  = (*View)(nil)
)

// View is the document view widget. Create it with New; set the On…
// callbacks before showing it. Like every Fyne widget it is used from the
// main goroutine only.
type View struct {
	widget.BaseWidget

	// OnSelectionChanged is called when the text selection or caret moves.
	// start == end means a caret only.
	OnSelectionChanged func(start, end int)
	// OnLabelRequested is called when a label key or 1–9 is pressed with a
	// non-empty selection (already snapped to whole tokens when snapping is
	// on; with snapping on, a caret inside a word counts as that word), or
	// with only a span selected (then start, end are that span's range, so
	// the app may relabel it). The view then collapses its selection.
	OnLabelRequested func(label string, start, end int)
	// OnSpanSelected is called when the selected span changes; "" when none.
	OnSpanSelected func(id string)
	// OnDeleteRequested is called by Delete or Backspace with the selected
	// span's id.
	OnDeleteRequested func(id string)
	// OnKey sees every key (and every typed character, as a KeyEvent whose
	// Name is the character) before the view handles it; returning true
	// means the app handled it and the view does nothing. It lets the app
	// add modes.
	OnKey func(ev *fyne.KeyEvent) bool

	doc    *annotate.Document
	labels *annotate.LabelSet
	blocks []block
	layout []blockLayout
	gen    int32    // the wrap generation: a block layout of another is stale
	lines  *fenwick // line count of every block, estimated until wrapped
	meas   *measurer

	textSize float32 // 0: the theme's
	wrapW    float32
	avgW     float32 // mean width of a code point, for estimates
	geo      geometry

	spans *markSet // the marks of the document's spans and of extra
	extra []Mark
	find  [][2]int

	top     anchor // the first visible line
	visible []vline
	stale   bool // visible must be recomputed

	selStart, selEnd int
	anchorOff        int // the fixed end of the selection
	caret            int // the moving end of the selection
	span             string
	snapping         bool
	focused          bool
	shown            bool // focusOnShow has run
	inLayout         bool // focusOnShow is focusing the view from Layout
	shift            bool
	prefX            float32 // the x that Up and Down keep; <0 when unset

	drag dragState
}

// blockLayout is a block wrapped for one width: where its lines start.
type blockLayout struct {
	gen    int32
	starts []int32 // code points, relative to the block
	bytes  []int32 // the same in bytes
}

// anchor is a scroll position: off pixels into line of block blk. It stays
// put when estimates of other blocks' line counts are corrected.
type anchor struct {
	blk, line int
	off       float32
}

func (a anchor) less(b anchor) bool {
	if a.blk != b.blk {
		return a.blk < b.blk
	}
	if a.line != b.line {
		return a.line < b.line
	}
	return a.off < b.off
}

// vline is one visible line of text.
type vline struct {
	blk, line    int
	start, end   int // code points of the text shown, without line break
	y            float32
	text         string // what is drawn: displayText of the line
	last         bool   // the block's last line
	brk          int    // code points of the break or wrap after it
	measureCache []float32
}

// geometry is the view's measures for the current text size.
type geometry struct {
	size         float32 // text size
	textH        float32 // height of a line of text
	lineH        float32 // line pitch: text plus room for underline bars
	barH, pitch  float32 // underline bar thickness and row pitch
	rows         int     // rows of bars room is made for
	padX, padY   float32
	scrollW      float32 // the scroll bar's strip on the right
	viewW, viewH float32
}

// maxRows caps the bar rows a line makes room for; deeper marks share the
// last row.
const maxRows = 4

// New returns a view of doc (which may be nil for an empty view) coloured by
// labels (nil means annotate.DefaultLabelSet()).
func New(doc *annotate.Document, labels *annotate.LabelSet) *View {
	if labels == nil {
		labels = annotate.DefaultLabelSet()
	}
	v := &View{labels: labels, snapping: true, prefX: -1}
	v.ExtendBaseWidget(v)
	v.setDocument(doc)
	return v
}

// SetDocument shows a new text; it resets the caret, the selection and the
// scroll position.
func (v *View) SetDocument(doc *annotate.Document) {
	v.setDocument(doc)
	v.Refresh()
}

func (v *View) setDocument(doc *annotate.Document) {
	if doc == nil {
		doc = &annotate.Document{}
	}
	v.doc = doc
	v.blocks = splitBlocks(doc.Text)
	v.layout = make([]blockLayout, len(v.blocks))
	v.gen++
	v.lines = nil
	v.top = anchor{}
	v.selStart, v.selEnd, v.anchorOff, v.caret = 0, 0, 0, 0
	v.span = ""
	v.find = nil
	v.prefX = -1
	v.buildMarks()
	v.stale = true
}

// SpansChanged tells the view that the document's spans or relations
// changed; only the marks are rebuilt and redrawn.
func (v *View) SpansChanged() {
	v.buildMarks()
	v.stale = true // the rows of bars, and so the line height, may change
	if v.span != "" {
		if _, ok := v.spans.byID[v.span]; !ok {
			v.setSpan("")
		}
	}
	v.Refresh()
}

// SetExtraMarks adds marks from another source than the document's spans
// (a teammate's spans on the review screen, say); nil removes them.
func (v *View) SetExtraMarks(marks []Mark) {
	v.extra = marks
	v.SpansChanged()
}

func (v *View) buildMarks() {
	all := append(spanMarks(v.doc, v.labels), v.extra...)
	// Offsets outside the text (a bad file) are clamped to it, so that
	// selecting such a span cannot put the caret outside the text.
	n := v.doc.Len()
	marks := all[:0]
	for _, m := range all {
		m.Start, m.End = min(max(m.Start, 0), n), min(max(m.End, 0), n)
		if m.Start < m.End {
			marks = append(marks, m)
		}
	}
	v.spans = newMarkSet(marks)
}

// Selection returns the selected range in code points; start == end means a
// caret only.
func (v *View) Selection() (start, end int) { return v.selStart, v.selEnd }

// SetSelection selects [start, end) (clamped to the text) and scrolls it
// into view. The caret goes to end.
func (v *View) SetSelection(start, end int) {
	n := v.doc.Len()
	start, end = min(max(start, 0), n), min(max(end, 0), n)
	if start > end {
		start, end = end, start
	}
	v.select_(start, end, end)
	v.ensureVisible(v.caret)
	v.Refresh()
}

// select_ sets the selection without scrolling and reports a change.
func (v *View) select_(start, end, caret int) {
	changed := start != v.selStart || end != v.selEnd
	v.selStart, v.selEnd, v.caret = start, end, caret
	if caret == start {
		v.anchorOff = end
	} else {
		v.anchorOff = start
	}
	if changed && v.OnSelectionChanged != nil {
		v.OnSelectionChanged(start, end)
	}
}

// SelectedSpan returns the id of the selected span, or "".
func (v *View) SelectedSpan() string { return v.span }

// SelectSpan selects the span with the given id ("" for none), scrolls to
// it and calls OnSpanSelected. The text selection collapses to the span's
// start.
func (v *View) SelectSpan(id string) {
	if i, ok := v.spans.byID[id]; ok {
		m := v.spans.marks[i]
		v.select_(m.Start, m.Start, m.Start)
		v.ScrollToOffset(m.Start)
	} else {
		id = ""
	}
	v.setSpan(id)
	v.Refresh()
}

func (v *View) setSpan(id string) {
	if id == v.span {
		return
	}
	v.span = id
	if v.OnSpanSelected != nil {
		v.OnSpanSelected(id)
	}
}

// ScrollToOffset scrolls so that code point offset is visible: when it is
// not, its line goes to a third of the way down.
func (v *View) ScrollToOffset(offset int) {
	if v.isVisible(offset) {
		return
	}
	v.updateGeometry()
	v.placeLine(offset, v.textHeight()/3)
	v.Refresh()
}

// SetFindMatches sets the ranges that Find highlights (drawn as outlines).
func (v *View) SetFindMatches(ranges [][2]int) {
	v.find = ranges
	sort.Slice(v.find, func(i, j int) bool { return v.find[i][0] < v.find[j][0] })
	v.Refresh()
}

// SetSnapping switches snapping of selections to whole tokens (on by
// default).
func (v *View) SetSnapping(on bool) { v.snapping = on }

// SetTextSize sets the text size; 0 means the theme's default.
func (v *View) SetTextSize(size float32) {
	v.textSize = size
	v.stale = true
	v.Refresh()
}

// AcceptsTab is part of fyne.Tabbable: Tab moves between spans rather than
// out of the view.
func (v *View) AcceptsTab() bool { return true }

// Cursor is part of desktop.Cursorable.
func (v *View) Cursor() desktop.Cursor { return desktop.TextCursor }

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
		g.barH = float32(int(max(2, size/5+0.5)))
		g.pitch = g.barH + 1
		sample := "The quick brown fox jumps over the lazy dog, 1234567890."
		v.avgW = v.meas.width(sample) / float32(len(sample))
		v.wrapW = -1 // forces a new generation below
	}
	g.rows = min(max(v.spans.levels, 1), maxRows)
	g.lineH = float32(int(g.textH + 2 + float32(g.rows)*g.pitch + 1 + 0.5))
	w := max(g.viewW-2*g.padX-g.scrollW, 4*v.avgW)
	if w != v.wrapW || v.lines == nil {
		v.wrapW = w
		v.gen++
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

// placeLine scrolls so that the line holding off is y pixels below the top
// of the text area.
func (v *View) placeLine(off int, y float32) {
	v.updateGeometry()
	blk, line := v.locate(off)
	v.top = anchor{blk: blk, line: line}
	v.scrollBy(-y)
}

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

// ensureVisible scrolls as little as it can to show the line holding off.
func (v *View) ensureVisible(off int) {
	if v.isVisible(off) {
		return
	}
	blk, line := v.locate(off)
	if (anchor{blk: blk, line: line}).less(v.top) {
		v.placeLine(off, 0)
	} else {
		v.placeLine(off, v.textHeight()-v.geo.lineH)
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
