package app

import (
	"gloss/export/exporttest"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"
)

// TestSavedStateAfterSave: the status bar says Saved as soon as a save is
// done, with nothing else happening (it used to wait for the selection to
// change).
func TestSavedStateAfterSave(t *testing.T) {
	w, _, out := openMixed(t)
	w.view.SetSelection(0, 6)
	w.LabelSelection("ACTOR")
	if got := w.status.saved.Text; got != "● Unsaved" {
		t.Fatalf("after an edit the status says %q", got)
	}
	w.Save()
	w.WaitTasks()
	if got := w.status.saved.Text; got != "Saved" {
		t.Errorf("after Ctrl+S the status says %q, want Saved", got)
	}
	if n := len(exporttest.ReadNative(t, out)[0].Spans); n != 1 {
		t.Errorf("saved %d spans", n)
	}
}

// TestMessagesExpire: a message goes when its time is up, but an older
// message's timer does not clear a newer one.
func TestMessagesExpire(t *testing.T) {
	w, ans, _ := openMixed(t)
	ans.clock.pending = nil
	w.status.message("one")
	first := ans.clock.pending
	ans.clock.pending = nil
	w.status.message("two")
	for _, f := range first {
		f()
	}
	if got := w.Message(); got != "two" {
		t.Errorf("the first message's timer left %q, want two", got)
	}
	ans.clock.fire()
	if got := w.Message(); got != "" {
		t.Errorf("after its time the message is still %q", got)
	}
}

// TestUndoRedoSayWhat: undo and redo name the edit in the status bar.
func TestUndoRedoSayWhat(t *testing.T) {
	w, _, _ := openMixed(t)
	w.view.SetSelection(0, 6)
	w.LabelSelection("ACTOR")
	what, _ := w.s.History().CanUndo()
	if !strings.Contains(what, "ACTOR") {
		t.Fatalf("the edit is described as %q", what)
	}
	w.Undo()
	if got := w.Message(); got != "Undid "+what {
		t.Errorf("after undo: %q, want %q", got, "Undid "+what)
	}
	if n := len(w.Document().Spans); n != 0 {
		t.Errorf("%d spans after undo", n)
	}
	w.Redo()
	if got := w.Message(); got != "Redid "+what {
		t.Errorf("after redo: %q, want %q", got, "Redid "+what)
	}
	w.Redo()
	if got := w.Message(); got != "Nothing to redo" {
		t.Errorf("redo with nothing to redo: %q", got)
	}
}

// TestThemeMenu: View has System, Light and Dark, exactly one checked,
// and System is the way back to the system's theme.
func TestThemeMenu(t *testing.T) {
	w, _, _ := openMixed(t)
	checked := func() []string {
		var on []string
		for _, l := range []string{"System Theme", "Light Theme", "Dark Theme"} {
			it := w.menuItem("View", l)
			if it == nil {
				t.Fatalf("no View → %s", l)
			}
			if it.Checked {
				on = append(on, l)
			}
		}
		return on
	}
	if got := checked(); len(got) != 1 || got[0] != "System Theme" {
		t.Errorf("at first %v checked, want System Theme", got)
	}
	w.menuItem("View", "Dark Theme").Action()
	if got := checked(); len(got) != 1 || got[0] != "Dark Theme" {
		t.Errorf("after Dark: %v checked", got)
	}
	if th, ok := w.app.Settings().Theme().(variantTheme); !ok || th.variant != theme.VariantDark {
		t.Errorf("the theme after Dark is %T", w.app.Settings().Theme())
	}
	w.menuItem("View", "System Theme").Action()
	if got := checked(); len(got) != 1 || got[0] != "System Theme" {
		t.Errorf("after System: %v checked", got)
	}
	if _, held := w.app.Settings().Theme().(variantTheme); held || w.prefs.p.String(prefTheme) != "" {
		t.Errorf("System still holds a variant (pref %q)", w.prefs.p.String(prefTheme))
	}
}
