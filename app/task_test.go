package app

import (
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/dialog"

	"gloss/app/session"
)

// TestTaskDialogOutlivesProgress: a task slow enough to show its progress
// dialog ends with a dialog of its own (an error, "Offline: …"). Fyne's
// overlay stack removes every overlay above the one hidden, so the
// progress dialog must be gone before done shows anything, or done's
// dialog vanishes with it (it did, under load, in TestSyncOfflineInTheApp).
func TestTaskDialogOutlivesProgress(t *testing.T) {
	for _, tc := range []struct {
		name string
		work time.Duration
	}{
		{"quick (no progress dialog)", 0},
		{"slow (progress dialog shown, then hidden)", progressDelay + 250*time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, _ := newTestWindow(t, Options{})
			var shown dialog.Dialog
			w.runTask("Working", func(p *session.Progress) error {
				time.Sleep(tc.work)
				return errors.New("the remote is away")
			}, func(err error) {
				shown = dialog.NewInformation("Offline", err.Error(), w.win)
				shown.Show()
			})
			w.WaitTasks()
			if shown == nil {
				t.Fatal("done did not run")
			}
			if n := len(w.win.Canvas().Overlays().List()); n != 1 || w.win.Canvas().Overlays().Top() == nil {
				t.Errorf("%d overlays after the task; want done's dialog alone", n)
			}
		})
	}
}
