package review

import (
	"strconv"

	"fyne.io/fyne/v2"

	"gloss/annotate"
	"gloss/app/session"
)

// Moving the ends of a gold span: the gold view's Alt+arrows and handles,
// and the Edit menu, as in the main window. Each move is an
// annotate.MoveEdge or annotate.SetBounds on the document's history, one
// undo step; a refused move says why in the status line.

// moveBounds applies a move of a gold span's ends, or says why not.
func (s *Screen) moveBounds(e annotate.Edit) {
	if err := s.sess.Do(e); err != nil {
		s.status.SetText(session.Sentence(err.Error()))
	}
}

// MoveEdge moves one end of the selected gold span by words (by > 0
// later); with no span selected it says how to select one.
func (s *Screen) MoveEdge(edge annotate.Edge, by int) {
	if !s.view.MoveSelectedEdge(edge, by) {
		s.status.SetText("Select a span of the gold first (click it, or Tab), then move its ends with Alt+arrows or its handles")
	}
	s.focusView()
}

// boundaryItems are the Edit menu's boundary commands, with the keys of
// DESIGN.md: Alt+→ / Alt+← the end, Alt+Shift+← / Alt+Shift+→ the start.
func (s *Screen) boundaryItems(item func(string, fyne.Shortcut, func()) *fyne.MenuItem) []*fyne.MenuItem {
	alt, altShift := fyne.KeyModifierAlt, fyne.KeyModifierAlt|fyne.KeyModifierShift
	return []*fyne.MenuItem{
		item("Move End One Word Later", shortcut(fyne.KeyRight, alt), func() { s.MoveEdge(annotate.EndEdge, 1) }),
		item("Move End One Word Earlier", shortcut(fyne.KeyLeft, alt), func() { s.MoveEdge(annotate.EndEdge, -1) }),
		item("Move Start One Word Earlier", shortcut(fyne.KeyLeft, altShift), func() { s.MoveEdge(annotate.StartEdge, -1) }),
		item("Move Start One Word Later", shortcut(fyne.KeyRight, altShift), func() { s.MoveEdge(annotate.StartEdge, 1) }),
	}
}

// goldSpanID is the name-based id of a new gold span (as agree.Merge
// gives), unless a span already has it: a span moved in the gold keeps
// the id of the bounds it had, which a decision may then add again.
func goldSpanID(gold *annotate.Document, start, end int, label string) string {
	id := annotate.SpanID(gold.ID, start, end, label)
	for n := 2; gold.SpanByID(id) >= 0; n++ {
		id = annotate.SpanID(gold.ID+"#"+strconv.Itoa(n), start, end, label)
	}
	return id
}
