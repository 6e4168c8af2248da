package app

import (
	"fmt"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"gloss/app/session"
)

// taskGroup counts the goroutines of background tasks running, for
// WaitTasks.
type taskGroup struct{ running atomic.Int32 }

// WaitTasks (tests only: it runs what background work posts for the user
// interface, on the calling goroutine) waits until every background load,
// import, export, index pass and save has finished and called back.
func (w *Window) WaitTasks() {
	q := w.queue
	if q == nil {
		panic("WaitTasks needs a window made by a test (newWindow with a queue)")
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case f := <-q:
			f()
			continue
		default:
		}
		if w.tasks.running.Load() == 0 && !w.s.Busy() && len(q) == 0 {
			return
		}
		if time.Now().After(deadline) {
			panic(fmt.Sprintf("background work did not finish within 30 s: %d goroutines, session busy %v", w.tasks.running.Load(), w.s.Busy()))
		}
		select {
		case f := <-q:
			f()
		case <-time.After(2 * time.Millisecond):
		}
	}
}

// progressDelay is how long a task runs before its progress dialog shows:
// small files open without a flash of dialog.
const progressDelay = 300 * time.Millisecond

// runTask runs work on a goroutine of its own and then done (with work's
// error) on the user interface's goroutine. When work takes longer than
// progressDelay, a dialog shows its progress with a Cancel button.
func (w *Window) runTask(title string, work func(p *session.Progress) error, done func(err error)) {
	p := &session.Progress{}
	finished := make(chan struct{})
	watched := make(chan struct{})
	w.tasks.running.Add(1)
	go w.watchProgress(title, p, finished, watched)
	go func() {
		defer w.tasks.running.Add(-1)
		err := work(p)
		close(finished)
		// done runs only once the progress dialog's Hide is posted: done
		// may show a dialog of its own (an error, "Offline: …"), and Fyne's
		// overlay stack removes every overlay above the one hidden, so a
		// Hide after it would take done's dialog away with the progress.
		<-watched
		w.post(func() { done(err) })
	}()
}

// watchProgress shows the progress of a task that is still running after
// progressDelay, until finished closes; it posts the dialog's Hide before
// it closes watched.
func (w *Window) watchProgress(title string, p *session.Progress, finished <-chan struct{}, watched chan<- struct{}) {
	defer close(watched)
	select {
	case <-finished:
		return
	case <-time.After(progressDelay):
	}
	// pd is set and read on the user interface's goroutine only.
	var pd *progressDialog
	w.post(func() { pd = w.showProgress(title, p) })
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-finished:
			w.post(func() { pd.d.Hide() })
			return
		case <-t.C:
			v := p.Value()
			w.post(func() { pd.bar.SetValue(v) })
		}
	}
}

// progressDialog shows a task's progress with a Cancel button.
type progressDialog struct {
	d      dialog.Dialog
	bar    *widget.ProgressBar
	cancel *widget.Button
}

// showProgress shows the progress of p; Cancel asks the task to stop.
func (w *Window) showProgress(title string, p *session.Progress) *progressDialog {
	pd := &progressDialog{bar: widget.NewProgressBar()}
	pd.cancel = widget.NewButton("Cancel", func() {
		p.Cancel()
		pd.cancel.SetText("Cancelling…")
		pd.cancel.Disable()
	})
	pd.d = dialog.NewCustomWithoutButtons(title, container.NewVBox(pd.bar, container.NewCenter(pd.cancel)), w.win)
	pd.d.Resize(fyne.NewSize(420, 140))
	pd.d.Show()
	return pd
}
