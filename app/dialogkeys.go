package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// The window's dialogs take Enter and Esc through a dialogkeys.Stack. An
// Entry or Select inside a dialog keeps its own keys: keyedEntry and
// keyedSelect pass Enter and Esc on.

// showDialog shows d in the main window with Enter and Esc (see
// dialogkeys.Stack.Show).
func (w *Window) showDialog(d dialog.Dialog, enter func()) { w.dialogs.Show(d, enter) }

// TypeInDialog types key into the top dialog as the keyboard would, for
// tests: it reports whether a dialog took it.
func (w *Window) TypeInDialog(key fyne.KeyName) bool { return w.dialogs.Typed(key) }

// keyedEntry is an Entry for a dialog: Enter submits and Esc cancels the
// dialog, which an Entry with the keyboard would otherwise keep.
type keyedEntry struct {
	widget.Entry
	onEnter, onEscape func()
}

var _ fyne.Focusable = (*keyedEntry)(nil)

// newKeyedEntry makes a one-line entry whose Enter and Esc run onEnter
// and onEscape.
func newKeyedEntry(onEnter, onEscape func()) *keyedEntry {
	e := &keyedEntry{onEnter: onEnter, onEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey adds Enter and Esc to the entry's keys.
func (e *keyedEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
			return
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if e.onEnter != nil {
			e.onEnter()
			return
		}
	}
	e.Entry.TypedKey(ev)
}

// keyedSelect is a Select for a dialog: Enter submits the dialog (a
// focused Select would otherwise keep it), the arrows still pick.
type keyedSelect struct {
	widget.Select
	onEnter func()
}

var _ fyne.Focusable = (*keyedSelect)(nil)

// newKeyedSelect makes a select of options whose Enter runs onEnter
// (which may be set later, once the dialog exists).
func newKeyedSelect(options []string) *keyedSelect {
	s := &keyedSelect{}
	s.Options = options
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey adds Enter to the select's keys.
func (s *keyedSelect) TypedKey(ev *fyne.KeyEvent) {
	if (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && s.onEnter != nil {
		s.onEnter()
		return
	}
	s.Select.TypedKey(ev)
}
