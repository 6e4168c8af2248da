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

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
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
	_ desktop.Hoverable   = (*View)(nil)
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
	// OnLinkChosen is called in link mode (SetLinkSource) when the user
	// picks a valid target with Enter or a click; link mode has ended.
	OnLinkChosen func(targetID string)
	// OnLinkCancelled is called when Esc ends link mode (or the source span
	// disappears); link mode has ended.
	OnLinkCancelled func()
	// OnEdgeMoveRequested is called by Alt+→ / Alt+← (the end) and
	// Alt+Shift+→ / Alt+Shift+← (the start) with the selected span: move
	// that end by tokens, by > 0 later, by < 0 earlier (annotate.MoveEdge).
	OnEdgeMoveRequested func(id string, edge annotate.Edge, by int)
	// OnBoundsRequested is called when the user has dragged a handle of the
	// selected span: give it the bounds [start, end) (annotate.SetBounds).
	// start >= end when the drag crossed the other end. The handles are
	// drawn only while it is set.
	OnBoundsRequested func(id string, start, end int)

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
	// markBuf is the memory marks are built in before they are sorted.
	markBuf []Mark
	find    [][2]int
	// caps are the relation captions, by at; spanIdx maps span ids to
	// their index in doc.Spans (see spanIndex).
	caps      []caption
	capBuf    []caption // memory for the next build of caps
	memo      []relMemo // per relation, what the last build made of it
	spanIdx   map[string]int
	spanIdxOK bool // spanIdx was rebuilt since the spans last changed
	// margin is on when captions may be drawn (see hasMargin).
	margin bool
	link   linkState
	hover  fyne.Position // the pointer, for Cursor

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
	c0, c1       int // its captions: v.caps[c0:c1]
}

// geometry is the view's measures for the current text size.
type geometry struct {
	size         float32 // text size
	textH        float32 // height of a line of text
	capH         float32 // height of a caption's text
	lineH        float32 // line pitch: text plus room for underline bars
	barH, pitch  float32 // underline bar thickness and row pitch
	rows         int     // rows of bars room is made for
	padX, padY   float32
	scrollW      float32 // the scroll bar's strip on the right
	marginW      float32 // the captions' margin, left of the scroll bar; 0 when none
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
// scroll position, and cancels link mode (calling OnLinkCancelled).
func (v *View) SetDocument(doc *annotate.Document) {
	if v.linking() {
		v.cancelLink()
	}
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
	v.caps, v.memo = nil, nil // they belonged to the old document
	clear(v.spanIdx)
	v.link = linkState{}
	v.margin = len(v.labels.Relations) > 0 || len(doc.Relations) > 0
	v.buildMarks()
	v.stale = true
}

// SpansChanged tells the view that the document's spans or relations
// changed; only the marks are rebuilt and redrawn.
func (v *View) SpansChanged() {
	v.buildMarks()
	v.stale = true // the rows of bars, and so the line height, may change
	if v.span != "" {
		if _, ok := v.spans.index(v.span); !ok {
			v.setSpan("")
		}
	}
	if v.linking() {
		if _, ok := v.spans.index(v.link.source); !ok {
			v.cancelLink()
		} else if v.link.cur != "" && !v.isLinkTarget(v.link.cur) {
			v.link.cur = ""
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
	// The marks are built in the memory of the last build's input, and
	// sorted into that of the last set (both are done with).
	v.spanIdxOK = false
	colours := labelColours(v.labels)
	v.buildCaptions(colours)
	all := append(spanMarks(v.markBuf[:0], v.doc, colours), v.extra...)
	v.markBuf = all
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
	v.spans = newMarkSet(marks, v.spans)
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
	if i, ok := v.spans.index(id); ok {
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
// not, its line goes about a third of the way down, with the top line
// wholly visible.
func (v *View) ScrollToOffset(offset int) {
	if v.isVisible(offset) {
		return
	}
	v.updateGeometry()
	v.placeLine(offset, max(v.fullLines()/3, 1))
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
