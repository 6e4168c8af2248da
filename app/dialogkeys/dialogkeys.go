// Package dialogkeys gives Fyne dialogs Enter and Esc. Fyne's dialogs take
// no keys: Enter does not press the default button and Esc does not close
// them. While a dialog is up, nothing in the window's content has the
// keyboard (the dialog's overlay has a focus manager of its own), so typed
// keys go to the canvas's OnTypedKey, which a Stack installs to hand them
// to the top dialog shown through it — or, for a dialog Fyne shows itself
// (a file dialog's "Overwrite?", an error), to its one high-importance
// button (Enter) or its one other (Esc). The main window and the review
// window each have one.
package dialogkeys

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// keyed is a dialog shown with keys: Enter runs enter, Esc runs esc.
type keyed struct {
	d          dialog.Dialog
	enter, esc func()
}

// Stack is the stack of dialogs shown with keys in one window, the top
// last. Its zero value is ready; Install it on the window's canvas.
type Stack struct {
	open []*keyed
	// top is the canvas's top overlay, for dialogs Fyne shows itself.
	top func() fyne.CanvasObject
}

// Install makes the canvas hand Enter and Esc to the top dialog.
func (k *Stack) Install(c fyne.Canvas) {
	k.top = c.Overlays().Top
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) { k.Typed(ev.Name) })
}

// Typed runs what the top dialog does for key; it reports whether one
// took it. A dialog Fyne shows itself (a file dialog's "Overwrite?", an
// error) is not in the stack: Enter presses its one high-importance
// button, Esc its one other.
func (k *Stack) Typed(key fyne.KeyName) bool {
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
func (k *Stack) typedForeign(key fyne.KeyName) bool {
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

// Show shows d with keys: Enter runs enter (nil: closes d, as its only
// button would) and Esc closes d as its Cancel or Close button does.
func (k *Stack) Show(d dialog.Dialog, enter func()) {
	kd := &keyed{d: d, enter: enter, esc: d.Hide}
	if enter == nil {
		kd.enter = d.Hide
	}
	k.open = append(k.open, kd)
	d.SetOnClosed(func() { k.open = slices.DeleteFunc(k.open, func(o *keyed) bool { return o == kd }) })
	d.Show()
}
