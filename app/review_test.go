package app

import "testing"

// TestReviewFilesMenu: File → Review Files… opens the review screen's file
// picker over the main window.
func TestReviewFilesMenu(t *testing.T) {
	w, _ := newTestWindow(t, Options{})
	it := w.menuItem("File", "Review Files…")
	if it == nil {
		t.Fatal("no File → Review Files…")
	}
	before := len(w.win.Canvas().Overlays().List())
	it.Action()
	if after := len(w.win.Canvas().Overlays().List()); after != before+1 {
		t.Fatalf("overlays %d → %d: no dialog shown", before, after)
	}
}
