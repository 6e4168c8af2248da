package docview

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"gloss/annotate"
)

// linkState is link mode: the app is making a relation from source and the
// user picks its other end among the spans targets accepts.
type linkState struct {
	source  string                   // "" outside link mode
	targets func(annotate.Span) bool // nil: any span but the source
	cur     string                   // the target Tab went to, or ""
}

// SetLinkSource starts link mode from span id, or ends it with "". While it
// lasts, the source span is outlined strongly and the valid targets (see
// SetLinkTargets) stand out; Tab and Shift+Tab go from one valid target to
// the next, Enter or a click on a valid target calls OnLinkChosen, and Esc
// calls OnLinkCancelled. Other keys and clicks do nothing, so a stray key
// cannot label or delete. The view leaves link mode by itself before it
// calls either callback; the app may call SetLinkSource again in them.
// OnKey still sees every key first.
func (v *View) SetLinkSource(id string) {
	if _, ok := v.spans.index(id); !ok {
		id = ""
	}
	v.link.source, v.link.cur = id, ""
	v.Refresh()
}

// LinkSource returns the source span of link mode, or "" outside it.
func (v *View) LinkSource() string { return v.link.source }

// SetLinkTargets sets which spans link mode may end on (the source never
// is one). The app passes what the label set's [[relation]] allows, e.g.
//
//	func(s annotate.Span) bool { return labels.Allows("SAID_BY", src.Label, s.Label) }
//
// nil allows every span of the document.
func (v *View) SetLinkTargets(valid func(span annotate.Span) bool) {
	v.link.targets = valid
	if v.link.cur != "" && !v.isLinkTarget(v.link.cur) {
		v.link.cur = ""
	}
	v.Refresh()
}

// linking reports whether link mode is on.
func (v *View) linking() bool { return v.link.source != "" }

// spanIndex returns the index in doc.Spans of the span with the given id.
// The map behind it survives edits: an index is trusted only if the span
// there still has that id, and the map is rebuilt (once per change of the
// spans) when it misses. Adding a span, the common edit, moves no other.
func (v *View) spanIndex(id string) (int, bool) {
	if i, ok := v.spanIdx[id]; ok && i < len(v.doc.Spans) && v.doc.Spans[i].ID == id {
		return i, true
	}
	if v.spanIdxOK {
		return -1, false // rebuilt since the spans changed: it is not there
	}
	if v.spanIdx == nil {
		v.spanIdx = make(map[string]int, len(v.doc.Spans))
	}
	clear(v.spanIdx)
	for i, s := range v.doc.Spans {
		v.spanIdx[s.ID] = i
	}
	v.spanIdxOK = true
	i, ok := v.spanIdx[id]
	return i, ok
}

// isLinkTarget reports whether span id is a valid end for link mode.
func (v *View) isLinkTarget(id string) bool {
	if !v.linking() || id == "" || id == v.link.source {
		return false
	}
	i, ok := v.spanIndex(id)
	if !ok {
		return false // a mark from SetExtraMarks, not a span of the document
	}
	return v.link.targets == nil || v.link.targets(v.doc.Spans[i])
}

// linkKey handles a key in link mode: Tab, Shift+Tab, Enter, Esc and the
// keys that only scroll; every other key is swallowed.
func (v *View) linkKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyTab:
		dir := 1
		if v.shift {
			dir = -1
		}
		v.linkStep(dir)
	case fyne.KeyReturn, fyne.KeyEnter:
		if v.link.cur != "" {
			v.chooseLink(v.link.cur)
		}
	case fyne.KeyEscape:
		v.cancelLink()
	case fyne.KeyUp:
		v.scrollBy(-v.geo.lineH)
		v.Refresh()
	case fyne.KeyDown:
		v.scrollBy(v.geo.lineH)
		v.Refresh()
	case fyne.KeyPageUp:
		v.scrollBy(-v.textHeight())
		v.Refresh()
	case fyne.KeyPageDown:
		v.scrollBy(v.textHeight())
		v.Refresh()
	}
}

// linkStep moves the link cursor to the next (dir > 0) or previous valid
// target in Tab order, starting from the current one or the source, and
// scrolls it into view.
func (v *View) linkStep(dir int) {
	from := v.link.cur
	if from == "" {
		from = v.link.source
	}
	id := from
	for range len(v.spans.order) {
		i := v.spans.next(id, 0, dir)
		if i < 0 {
			return
		}
		id = v.spans.marks[i].ID
		if id == from {
			return // round the whole document: no other valid target
		}
		if v.isLinkTarget(id) {
			v.link.cur = id
			v.ensureVisible(v.spans.marks[i].Start)
			v.Refresh()
			return
		}
	}
}

// linkTargetAt returns the id of the innermost valid target under pos, or
// "".
func (v *View) linkTargetAt(pos fyne.Position) string {
	r := v.runeAt(pos)
	if r < 0 {
		return ""
	}
	i := v.spans.innermostWhere(r, func(m *Mark) bool { return v.isLinkTarget(m.ID) })
	if i < 0 {
		return ""
	}
	return v.spans.marks[i].ID
}

// chooseLink leaves link mode and reports the chosen target.
func (v *View) chooseLink(id string) {
	v.SetLinkSource("")
	if v.OnLinkChosen != nil {
		v.OnLinkChosen(id)
	}
}

// cancelLink leaves link mode and reports it.
func (v *View) cancelLink() {
	v.SetLinkSource("")
	if v.OnLinkCancelled != nil {
		v.OnLinkCancelled()
	}
}

// MouseIn is part of desktop.Hoverable: the pointer's position picks the
// mouse cursor in link mode.
func (v *View) MouseIn(ev *desktop.MouseEvent) { v.hover = ev.Position }

// MouseMoved is part of desktop.Hoverable.
func (v *View) MouseMoved(ev *desktop.MouseEvent) { v.hover = ev.Position }

// MouseOut is part of desktop.Hoverable.
func (v *View) MouseOut() {}

// Cursor is part of desktop.Cursorable: a text cursor, a resize cursor
// over (or dragging) a handle of the selected span, or in link mode a
// pointer over valid targets and the default arrow elsewhere. (Fyne asks
// before it reports the move, so this follows the pointer one event late.)
func (v *View) Cursor() desktop.Cursor {
	if !v.linking() {
		if v.drag.handle {
			return desktop.HResizeCursor
		}
		if _, ok := v.handleAt(v.hover); ok {
			return desktop.HResizeCursor
		}
		return desktop.TextCursor
	}
	if v.linkTargetAt(v.hover) != "" {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}
