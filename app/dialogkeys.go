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
type dialogKeys struct {
	open []*keyedDialog
	// top is the canvas's top overlay, for dialogs Fyne shows itself.
	top func() fyne.CanvasObject
}

// install makes the canvas hand Enter and Esc to the top dialog.
func (k *dialogKeys) install(c fyne.Canvas) {
	k.top = c.Overlays().Top
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { k.typed(ev.Name) })
}

// typed runs what the top dialog does for key; it reports whether one
// took it. A dialog Fyne shows itself (a file dialog's "Overwrite?", an
// error) is not in the stack: Enter presses its one high-importance
// button, Esc its one other.
func (k *dialogKeys) typed(key fyne.KeyName) bool {
	if len(k.open) == 0 {
		return k.typedForeign(key)
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

// typedForeign presses the button of the top overlay that key stands
// for: Enter the one high-importance button (Yes, OK), Esc the one other
// (No, Cancel); it reports whether there was one.
func (k *dialogKeys) typedForeign(key fyne.KeyName) bool {
	if k.top == nil || k.top() == nil {
		return false
	}
	var primary, other []*widget.Button
	walkObjects(k.top(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && !b.Disabled() && b.OnTapped != nil {
			if b.Importance == widget.HighImportance {
				primary = append(primary, b)
			} else {
				other = append(other, b)
			}
		}
	})
	pick := other
	switch key {
	case fyne.KeyReturn, fyne.KeyEnter:
		pick = primary
		if len(primary) == 0 {
			pick = other // a lone OK
		}
	case fyne.KeyEscape:
	default:
		return false
	}
	if len(pick) != 1 {
		return false
	}
	pick[0].OnTapped()
	return true
}

// walkObjects visits o and the objects of its containers and pop-ups: a
// Fyne dialog is a pop-up whose buttons sit in plain containers.
func walkObjects(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, f)
		}
	case *widget.PopUp:
		walkObjects(x.Content, f)
	}
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
