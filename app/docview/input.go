package docview

import (
	"sort"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"github.com/rivo/uniseg"

	"gloss/annotate"
)

// dragState follows one press of the primary button.
type dragState struct {
	pressed bool // MouseDown was seen and its offset is in anchor
	shift   bool // the press extended the selection (Shift+click)
	active  bool // a drag is selecting
	bar     bool // the press is on the scroll bar: the drag scrolls
	anchor  int  // the unsnapped offset where the drag started
	pos     fyne.Position
	stop    chan struct{} // stops the auto-scroll ticker; nil when none
	// handle: the press is on a handle of the selected span, the drag
	// moves its edge; start and end are the bounds it proposes.
	handle     bool
	edge       annotate.Edge
	start, end int
}

// autoScrollEvery is how often a drag held outside the view scrolls.
const autoScrollEvery = 50 * time.Millisecond

func (v *View) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Focused() != v {
		c.Focus(v)
	}
}

// focusOnShow gives the view the focus the first time it is laid out in a
// canvas where nothing has it, so that keys work when the window opens.
func (v *View) focusOnShow() {
	if v.shown {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(v)
	if c == nil {
		return
	}
	v.shown = true
	if c.Focused() == nil {
		v.inLayout = true // FocusGained must not Refresh: Layout draws next
		c.Focus(v)
		v.inLayout = false
	}
}

func (v *View) tokens() []annotate.Token { return v.doc.Tokens() }

// inScrollBar reports whether pos is on the scroll bar's strip.
func (v *View) inScrollBar(pos fyne.Position) bool {
	_, _, _, ok := v.thumb()
	return ok && pos.X >= v.geo.viewW-v.geo.scrollW
}

// MouseDown is part of desktop.Mouseable: it takes focus, puts the caret
// under the pointer and selects the span there (Shift instead extends the
// selection to the pointer).
func (v *View) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	v.requestFocus()
	v.drag = dragState{pressed: true, pos: ev.Position, stop: v.drag.stop}
	if v.inScrollBar(ev.Position) {
		v.drag.bar = true
		return
	}
	if v.linking() {
		// Only a valid target counts; the press selects nothing.
		if id := v.linkTargetAt(ev.Position); id != "" {
			v.chooseLink(id)
		}
		return
	}
	if edge, ok := v.handleAt(ev.Position); ok {
		// A drag moves that end; a click without one is an ordinary
		// click, which Tapped makes.
		v.startHandleDrag(edge)
		return
	}
	off := v.offsetAt(ev.Position)
	if ev.Modifier&fyne.KeyModifierShift != 0 {
		v.drag.shift = true
		v.drag.anchor = v.anchorOff
		v.moveTo(off, true)
		return
	}
	v.drag.anchor = off
	// Select at once rather than in Tapped, which Fyne delays to tell a
	// click from a double-click.
	v.clickAt(ev.Position)
}

// MouseUp is part of desktop.Mouseable.
func (v *View) MouseUp(*desktop.MouseEvent) {
	if !v.drag.active {
		v.drag.pressed = false
		v.drag.handle = false // a click on a handle: Tapped makes it a click
	}
}

// Dragged is part of fyne.Draggable: it selects from where the drag began
// to the pointer, snapped outward to whole tokens; outside the view it
// scrolls and keeps selecting.
func (v *View) Dragged(ev *fyne.DragEvent) {
	if v.drag.bar {
		v.dragBar(ev.Dragged.DY)
		return
	}
	if v.linking() {
		return
	}
	if !v.drag.active {
		if !v.drag.pressed {
			// No MouseDown (a touch screen, or test.Drag): the drag began
			// where this first event says.
			from := ev.Position.Subtract(ev.Dragged)
			v.drag.anchor = v.offsetAt(from)
			if edge, ok := v.handleAt(from); ok {
				v.startHandleDrag(edge)
			}
		}
		v.drag.active = true
		if !v.drag.handle {
			v.setSpan("")
		}
	}
	v.drag.pos = ev.Position
	if d := v.outside(ev.Position.Y); d != 0 {
		v.scrollBy(d)
		v.startAutoScroll()
	}
	v.dragMove(ev.Position)
}

// dragMove follows the pointer of a drag: it moves a handle or extends the
// selection.
func (v *View) dragMove(pos fyne.Position) {
	if v.drag.handle {
		v.handleDragTo(pos)
		return
	}
	v.dragTo(pos)
}

// DragEnd is part of fyne.Draggable; a drag of a handle asks for the
// span's new bounds now.
func (v *View) DragEnd() {
	if v.drag.stop != nil {
		close(v.drag.stop)
	}
	d := v.drag
	if d.handle {
		v.endHandleDrag()
	}
	v.drag = dragState{}
	if d.handle {
		v.Refresh()
	}
}

// outside returns how far y is above (negative) or below (positive) the
// view, or 0 inside it.
func (v *View) outside(y float32) float32 {
	switch {
	case y < 0:
		return y
	case y > v.geo.viewH:
		return y - v.geo.viewH
	}
	return 0
}

// startAutoScroll keeps scrolling while the pointer rests outside the view
// during a drag (Fyne sends Dragged only when the pointer moves).
func (v *View) startAutoScroll() {
	if v.drag.stop != nil {
		return
	}
	stop := make(chan struct{})
	v.drag.stop = stop
	go func() {
		t := time.NewTicker(autoScrollEvery)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(func() {
					if v.drag.stop != stop || !v.drag.active {
						return
					}
					if d := v.outside(v.drag.pos.Y); d != 0 {
						v.scrollBy(d / 2)
						v.dragMove(v.drag.pos)
					}
				})
			}
		}
	}()
}

// dragTo selects from the drag's anchor to the offset at pos.
func (v *View) dragTo(pos fyne.Position) {
	cur := v.offsetAt(pos)
	a, b := min(v.drag.anchor, cur), max(v.drag.anchor, cur)
	if v.snapping && a < b {
		a, b = annotate.Snap(v.tokens(), a, b)
	}
	caret := b
	if cur < v.drag.anchor {
		caret = a
	}
	v.select_(a, b, caret)
	v.anchorOff = v.drag.anchor
	if v.drag.anchor == cur {
		v.anchorOff = a
	}
	v.prefX = -1
	v.Refresh()
}

// dragBar scrolls by a drag of dy pixels on the scroll bar.
func (v *View) dragBar(dy float32) {
	if _, _, perPixel, ok := v.thumb(); ok {
		v.jumpTo(v.position() + float64(dy)*perPixel)
		v.Refresh()
	}
}

// Tapped is part of fyne.Tappable: a click on a highlight selects its
// innermost span; elsewhere it places the caret.
func (v *View) Tapped(ev *fyne.PointEvent) {
	v.requestFocus()
	if v.inScrollBar(ev.Position) {
		// A page towards the click.
		if y, _, _, _ := v.thumb(); ev.Position.Y < y {
			v.scrollBy(-v.textHeight())
		} else {
			v.scrollBy(v.textHeight())
		}
		v.Refresh()
		return
	}
	if v.drag.shift {
		v.drag.shift = false
		return
	}
	if v.linking() {
		return // MouseDown handled it
	}
	v.clickAt(ev.Position)
}

// clickAt puts the caret at pos and selects the innermost span under it
// (none when pos is over no highlight); a click on a caption selects its
// source span.
func (v *View) clickAt(pos fyne.Position) {
	if k := v.captionAt(pos); k >= 0 {
		src, _ := v.ends(v.caps[k])
		v.SelectSpan(src) // a caption in the margin stands for its quote
		return
	}
	off := v.offsetAt(pos)
	v.prefX = -1
	v.select_(off, off, off)
	id := ""
	if r := v.runeAt(pos); r >= 0 {
		if i := v.spans.innermost(r); i >= 0 {
			id = v.spans.marks[i].ID
		}
	}
	v.setSpan(id)
	v.Refresh()
}

// DoubleTapped is part of fyne.DoubleTappable: it selects the word under
// the pointer.
func (v *View) DoubleTapped(ev *fyne.PointEvent) {
	v.requestFocus()
	if v.linking() {
		return
	}
	r := v.runeAt(ev.Position)
	if r < 0 {
		r = v.offsetAt(ev.Position)
	}
	toks := v.tokens()
	if i := annotate.TokenAt(toks, r); i >= 0 {
		v.setSpan("")
		v.select_(toks[i].Start, toks[i].End, toks[i].End)
		v.Refresh()
	}
}

// Scrolled is part of fyne.Scrollable (the mouse wheel).
func (v *View) Scrolled(ev *fyne.ScrollEvent) {
	v.scrollBy(-ev.Scrolled.DY)
	v.Refresh()
}

// FocusGained is part of fyne.Focusable.
func (v *View) FocusGained() {
	v.focused = true
	if !v.inLayout {
		v.Refresh()
	}
}

// FocusLost is part of fyne.Focusable.
func (v *View) FocusLost() {
	v.focused = false
	v.shift = false
	v.Refresh()
}

// KeyDown is part of desktop.Keyable: it follows Shift, which Fyne does not
// pass with TypedKey.
func (v *View) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.shift = true
	}
}

// KeyUp is part of desktop.Keyable.
func (v *View) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		v.shift = false
	}
}

// TypedRune is part of fyne.Focusable: label keys and 1–9 ask for a label.
func (v *View) TypedRune(r rune) {
	if v.OnKey != nil && v.OnKey(&fyne.KeyEvent{Name: fyne.KeyName(string(r))}) {
		return
	}
	if v.linking() {
		return // a stray key must not label anything
	}
	l := v.labels.LabelForKey(r)
	if l == nil {
		return
	}
	start, end := v.labelRange()
	if start >= end {
		return
	}
	if v.OnLabelRequested != nil {
		v.OnLabelRequested(l.Name, start, end)
	}
	if v.selStart < v.selEnd {
		v.select_(end, end, end)
	}
	v.Refresh()
}

// labelRange is what a label key labels: the selection (snapped), else the
// selected span, else (snapping on) the word at the caret.
func (v *View) labelRange() (int, int) {
	switch {
	case v.selStart < v.selEnd:
		if v.snapping {
			return annotate.Snap(v.tokens(), v.selStart, v.selEnd)
		}
		return v.selStart, v.selEnd
	case v.span != "":
		if i, ok := v.spans.index(v.span); ok {
			return v.spans.marks[i].Start, v.spans.marks[i].End
		}
	case v.snapping:
		toks := v.tokens()
		if i := annotate.TokenAt(toks, v.caret); i >= 0 {
			return toks[i].Start, toks[i].End
		}
	}
	return 0, 0
}

// TypedKey is part of fyne.Focusable: the keys of DESIGN.md's table.
func (v *View) TypedKey(ev *fyne.KeyEvent) {
	if v.OnKey != nil && v.OnKey(ev) {
		return
	}
	v.updateGeometry() // keys may come before the first layout
	if v.linking() {
		v.linkKey(ev)
		return
	}
	ext := v.shift
	switch ev.Name {
	case fyne.KeyLeft:
		if v.selStart < v.selEnd && !ext {
			v.moveTo(v.selStart, false)
			return
		}
		v.moveTo(v.prevPos(v.caret), ext)
	case fyne.KeyRight:
		if v.selStart < v.selEnd && !ext {
			v.moveTo(v.selEnd, false)
			return
		}
		v.moveTo(v.nextPos(v.caret), ext)
	case fyne.KeyUp:
		v.moveLines(-1, ext)
	case fyne.KeyDown:
		v.moveLines(1, ext)
	case fyne.KeyPageUp:
		v.moveLines(-v.pageLines(), ext)
	case fyne.KeyPageDown:
		v.moveLines(v.pageLines(), ext)
	case fyne.KeyHome:
		blk, ln := v.locate(v.caret)
		v.moveTo(v.lineInfo(blk, ln).start, ext)
	case fyne.KeyEnd:
		blk, ln := v.locate(v.caret)
		vl := v.lineInfo(blk, ln)
		end := vl.end
		if !vl.last && end > vl.start {
			end-- // stay on this line: its end is the next line's start
		}
		v.moveTo(end, ext)
	case fyne.KeyTab:
		dir := 1
		if ext {
			dir = -1
		}
		if i := v.spans.next(v.span, v.caret, dir); i >= 0 {
			v.SelectSpan(v.spans.marks[i].ID)
		}
	case fyne.KeyDelete, fyne.KeyBackspace:
		if v.span != "" && v.OnDeleteRequested != nil {
			v.OnDeleteRequested(v.span)
		}
	case fyne.KeyEscape:
		v.setSpan("")
		v.select_(v.caret, v.caret, v.caret)
		v.Refresh()
	}
}

// TypedShortcut is part of fyne.Shortcutable: Ctrl+←/→ by word,
// Ctrl+Home/End, with Shift to extend; Alt+←/→ moves the selected span's
// end and Alt+Shift+←/→ its start (MoveSelectedEdge); Ctrl+A selects all
// and Ctrl+C copies. Any other shortcut goes on to the canvas's handlers, which Fyne
// would otherwise skip while the view has focus.
func (v *View) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *desktop.CustomShortcut:
		if edge, by, ok := altArrow(sc.KeyName, sc.Modifier); ok && v.MoveSelectedEdge(edge, by) {
			return
		}
		mod := sc.Modifier &^ fyne.KeyModifierShift
		ext := sc.Modifier&fyne.KeyModifierShift != 0
		if mod == fyne.KeyModifierShortcutDefault || mod == fyne.KeyModifierControl {
			switch sc.KeyName {
			case fyne.KeyLeft:
				v.moveTo(v.wordLeft(v.caret), ext)
				return
			case fyne.KeyRight:
				v.moveTo(v.wordRight(v.caret), ext)
				return
			case fyne.KeyHome:
				v.moveTo(0, ext)
				return
			case fyne.KeyEnd:
				v.moveTo(v.doc.Len(), ext)
				return
			}
		}
	case *fyne.ShortcutSelectAll:
		v.setSpan("")
		v.select_(0, v.doc.Len(), v.doc.Len())
		v.Refresh()
		return
	case *fyne.ShortcutCopy:
		if v.selStart < v.selEnd && sc.Clipboard != nil {
			sc.Clipboard.SetContent(v.doc.Slice(v.selStart, v.selEnd))
		}
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		if sh, ok := c.(fyne.Shortcutable); ok {
			sh.TypedShortcut(s)
		}
	}
}

// moveTo moves the caret to off, extending the selection when ext, and
// scrolls it into view. Moving the caret deselects the span.
func (v *View) moveTo(off int, ext bool) {
	v.setSpan("")
	if ext {
		a := v.anchorOff
		v.select_(min(a, off), max(a, off), off)
		v.anchorOff = a
	} else {
		v.select_(off, off, off)
	}
	v.prefX = -1
	v.ensureVisible(off)
	v.Refresh()
}

// moveLines moves the caret n visual lines down (up when negative),
// keeping its x.
func (v *View) moveLines(n int, ext bool) {
	v.updateGeometry()
	blk, ln := v.locate(v.caret)
	vl := v.lineInfo(blk, ln)
	x := v.prefX
	if x < 0 {
		x = v.lineX(&vl, v.caret)
	}
	a := anchor{blk: blk, line: ln}
	for ; n > 0; n-- {
		next, ok := v.nextLine(a)
		if !ok {
			x = 1e9 // past the last line: go to the end
			break
		}
		a = next
	}
	for ; n < 0; n++ {
		prev, ok := v.prevLine(a)
		if !ok {
			x = 0
			break
		}
		a = prev
	}
	vl = v.lineInfo(a.blk, a.line)
	v.moveTo(v.boundaryAt(&vl, x), ext)
	v.prefX = x
}

// pageLines is how many lines a Page Up or Down moves.
func (v *View) pageLines() int {
	return max(int(v.textHeight()/v.geo.lineH)-1, 1)
}

// nextPos is the caret position after off: one grapheme cluster on, or
// over a whole line break.
func (v *View) nextPos(off int) int {
	blk := blockAt(v.blocks, off)
	b := v.blocks[blk]
	if off >= b.end {
		if blk+1 < len(v.blocks) {
			return v.blocks[blk+1].start
		}
		return b.end
	}
	bo := v.doc.Index().ByteOffset(off)
	g, _, _, _ := uniseg.FirstGraphemeClusterInString(v.doc.Text[bo:b.bend], -1)
	return off + max(utf8.RuneCountInString(g), 1)
}

// prevPos is the caret position before off: one grapheme cluster back, or
// over a whole line break.
func (v *View) prevPos(off int) int {
	blk := blockAt(v.blocks, off)
	b := v.blocks[blk]
	if off > b.end {
		return b.end // inside a \r\n
	}
	if off <= b.start {
		if blk == 0 {
			return 0
		}
		blk--
		b = v.blocks[blk]
		if b.brk > 0 {
			return b.end
		}
	}
	// Walk the clusters of the block up to off.
	s := v.doc.Text[b.bstart:b.bend]
	pos, state := b.start, -1
	for len(s) > 0 {
		var g string
		g, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		n := utf8.RuneCountInString(g)
		if pos+n >= off {
			return pos
		}
		pos += n
	}
	return pos
}

// wordRight is the end of the first token ending after off.
func (v *View) wordRight(off int) int {
	toks := v.tokens()
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
	if i < len(toks) {
		return toks[i].End
	}
	return v.doc.Len()
}

// wordLeft is the start of the last token starting before off.
func (v *View) wordLeft(off int) int {
	toks := v.tokens()
	j := sort.Search(len(toks), func(j int) bool { return toks[j].Start >= off }) - 1
	if j >= 0 {
		return toks[j].Start
	}
	return 0
}
