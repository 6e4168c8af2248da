package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialogs take no keys: Enter does not press the default button and
// Esc does not close them. While a dialog is up, nothing in the window's
// content has the keyboard (the dialog's overlay has a focus manager of
// its own), so typed keys go to the canvas's OnTypedKey, which hands them
// to the top dialog registered here. An Entry inside a dialog keeps its own
// keys: keyedEntry gives it Esc and Enter as well.

// keyedDialog is a dialog shown with keys: Enter runs enter, Esc runs esc.
type keyedDialog struct {
	d          dialog.Dialog
	enter, esc func()
}

// dialogKeys is the stack of dialogs shown with keys, the top last.
type dialogKeys struct{ open []*keyedDialog }

// install makes the canvas hand Enter and Esc to the top dialog.
func (k *dialogKeys) install(c fyne.Canvas) {
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { k.typed(ev.Name) })
}

// typed runs what the top dialog does for key; it reports whether one
// took it.
func (k *dialogKeys) typed(key fyne.KeyName) bool {
	if len(k.open) == 0 {
		return false
	}
	top := k.open[len(k.open)-1]
	switch key {
	case fyne.KeyReturn, fyne.KeyEnter:
		top.enter()
	case fyne.KeyEscape:
		top.esc()
	default:
		return false
	}
	return true
}

// show shows d with keys: Enter runs enter (nil: closes d, as its only
// button would) and Esc closes d as its Cancel or Close button does.
func (k *dialogKeys) show(d dialog.Dialog, enter func()) {
	kd := &keyedDialog{d: d, enter: enter, esc: d.Hide}
	if enter == nil {
		kd.enter = d.Hide
	}
	k.open = append(k.open, kd)
	d.SetOnClosed(func() { k.open = slices.DeleteFunc(k.open, func(o *keyedDialog) bool { return o == kd }) })
	d.Show()
}

// showDialog shows d in the main window with Enter and Esc (see
// dialogKeys.show).
func (w *Window) showDialog(d dialog.Dialog, enter func()) { w.dialogs.show(d, enter) }

// TypeInDialog types key into the top dialog as the keyboard would, for
// tests: it reports whether a dialog took it.
func (w *Window) TypeInDialog(key fyne.KeyName) bool { return w.dialogs.typed(key) }

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
