package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"gloss/annotate"
)

// The boundary commands: the Edit menu's items and the document view's
// Alt+arrows and handles all end in annotate.MoveEdge or
// annotate.SetBounds, one undo step each.

// edgeMove is one of the four boundary commands.
type edgeMove struct {
	label string
	key   fyne.KeyName
	shift bool
	edge  annotate.Edge
	by    int
}

// edgeMoves are the boundary commands in menu order, with DESIGN.md's
// keys: Alt+→ / Alt+← the end, Alt+Shift+← / Alt+Shift+→ the start.
var edgeMoves = []edgeMove{
	{"Move End One Word Later", fyne.KeyRight, false, annotate.EndEdge, 1},
	{"Move End One Word Earlier", fyne.KeyLeft, false, annotate.EndEdge, -1},
	{"Move Start One Word Earlier", fyne.KeyLeft, true, annotate.StartEdge, -1},
	{"Move Start One Word Later", fyne.KeyRight, true, annotate.StartEdge, 1},
}

// boundaryItems are the Edit menu's boundary commands. Their shortcuts
// are matched before the view sees the keys, so they act through the view
// (MoveSelectedEdge) as the keys would.
func (w *Window) boundaryItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, m := range edgeMoves {
		mod := fyne.KeyModifierAlt
		if m.shift {
			mod |= fyne.KeyModifierShift
		}
		items = append(items, item(m.label, &desktop.CustomShortcut{KeyName: m.key, Modifier: mod},
			func() { w.MoveEdge(m.edge, m.by) }))
	}
	return items
}

// MoveEdge moves one end of the selected span by words (by > 0 later),
// saying why not in the status bar when it cannot.
func (w *Window) MoveEdge(edge annotate.Edge, by int) {
	if w.view.LinkSource() != "" {
		return // Said By is choosing a speaker: keys must not edit
	}
	if !w.view.MoveSelectedEdge(edge, by) {
		w.status.message("Select a span first, then move its ends with Alt+arrows or its handles")
	}
	w.focusView()
}
