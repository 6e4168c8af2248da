package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// typeKey types key as the driver does: to the focused widget, or with
// none (a dialog is up) to the canvas.
func typeKey(w *Window, key fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: key}
	if f := w.win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	w.win.Canvas().OnTypedKey()(ev)
}

// TestDialogKeys: Enter presses a question's default button, Esc closes
// it choosing nothing; Esc closes the shortcuts; Enter in the annotator's
// name changes it and Esc leaves it.
func TestDialogKeys(t *testing.T) {
	for _, c := range []struct {
		key  fyne.KeyName
		want int
	}{{fyne.KeyReturn, 0}, {fyne.KeyEnter, 0}, {fyne.KeyEscape, -1}} {
		w, _, _ := openMixed(t)
		got := -2
		w.confirmDialog("Unsaved changes", "Save your changes?", []string{"Save", "Discard", "Cancel"}, func(c int) { got = c })
		if w.win.Canvas().Focused() != nil {
			t.Fatalf("with a dialog up %T has the keyboard", w.win.Canvas().Focused())
		}
		typeKey(w, c.key)
		if got != c.want {
			t.Errorf("%s chose %d, want %d", c.key, got, c.want)
		}
		if w.win.Canvas().Overlays().Top() != nil {
			t.Errorf("%s left the dialog open", c.key)
		}
		if w.win.Canvas().Focused() != w.view {
			t.Errorf("after %s the view does not have the keyboard", c.key)
		}
	}

	w, _, _ := openMixed(t)
	w.ShowShortcuts()
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no shortcuts dialog")
	}
	typeKey(w, fyne.KeyEscape)
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Esc did not close the shortcuts")
	}
	// With no dialog the canvas's keys do nothing.
	if w.TypeInDialog(fyne.KeyReturn) {
		t.Error("Enter with no dialog was taken")
	}

	w.AskAnnotator()
	e, ok := w.win.Canvas().Focused().(*keyedEntry)
	if !ok {
		t.Fatalf("the annotator's entry does not have the keyboard: %T", w.win.Canvas().Focused())
	}
	e.SetText("")
	test.Type(e, "bea")
	typeKey(w, fyne.KeyReturn)
	if got := w.Annotator(); got != "bea" {
		t.Errorf("after Enter the annotator is %q", got)
	}
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Enter did not close the annotator's dialog")
	}
	w.AskAnnotator()
	test.Type(w.win.Canvas().Focused().(*keyedEntry), "zzz")
	typeKey(w, fyne.KeyEscape)
	if got := w.Annotator(); got != "bea" {
		t.Errorf("after Esc the annotator is %q", got)
	}
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Esc did not close the annotator's dialog")
	}
}

// TestExportFormKeys: in Export…, Tab reaches the format, ← / → pick one
// and Enter goes on to the file dialog with the suggested name.
func TestExportFormKeys(t *testing.T) {
	w, _, _ := openMixed(t)
	w.Export()
	form := w.win.Canvas().Overlays().Top()
	w.win.Canvas().FocusNext()
	sel, ok := w.win.Canvas().Focused().(*keyedSelect)
	if !ok {
		t.Fatalf("Tab went to %T, not the format", w.win.Canvas().Focused())
	}
	for !strings.HasPrefix(sel.Selected, "doccano ") {
		typeKey(w, fyne.KeyLeft)
		if strings.HasPrefix(sel.Selected, "brat ") {
			t.Fatalf("← never reached doccano")
		}
	}
	typeKey(w, fyne.KeyReturn)
	top := w.win.Canvas().Overlays().Top()
	if top == nil || top == form {
		t.Fatal("Enter did not go on from the format")
	}
	e, ok := w.win.Canvas().Focused().(*widget.Entry)
	if !ok || e.Text != "out.doccano.jsonl" {
		t.Errorf("the file dialog suggests %v", e)
	}
}
