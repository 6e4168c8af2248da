package review

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestCtrlQ: Ctrl+Q closes the review window, asking first when
// decisions are unsaved, and File → Close Review is the window's quit item
// (so Fyne adds no Quit of its own that would close every window).
func TestCtrlQ(t *testing.T) {
	docs := annotators(t)
	files := writeFiles(t, t.TempDir(), docs[:1], docs[1:2])
	s, w := openScreen(t, files, "")
	closed := false
	w.SetOnClosed(func() { closed = true })
	file := s.Menu().Items[0]
	last := file.Items[len(file.Items)-1]
	if last.Label != "Close Review" || !last.IsQuit {
		t.Errorf("File's last item is %q (quit %v)", last.Label, last.IsQuit)
	}
	ctrlQ := shortcut(fyne.KeyQ, fyne.KeyModifierShortcutDefault)
	test.Type(s.view, "b")
	s.view.TypedShortcut(ctrlQ)
	if closed || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("Ctrl+Q closed %v without asking about unsaved decisions", closed)
	}
	// Esc closes the question, choosing nothing: the window stays.
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if closed || w.Canvas().Overlays().Top() != nil {
		t.Fatalf("Esc: closed %v, dialog %v", closed, w.Canvas().Overlays().Top())
	}
	s.Undo()
	s.view.TypedShortcut(ctrlQ)
	if !closed {
		t.Error("Ctrl+Q did not close the window with nothing unsaved")
	}
}
