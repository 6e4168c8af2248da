package app

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"gloss/app/session"
)

// taskGroup follows the background tasks running.
type taskGroup struct{ wg sync.WaitGroup }

// WaitTasks waits until every background load, import and export has
// finished and called back.
func (w *Window) WaitTasks() { w.tasks.wg.Wait() }

// progressDelay is how long a task runs before its progress dialog shows:
// small files open without a flash of dialog.
const progressDelay = 300 * time.Millisecond

// runTask runs work on a goroutine of its own and then done (with work's
// error) on the main goroutine. When work takes longer than progressDelay,
// a dialog shows its progress with a Cancel button.
func (w *Window) runTask(title string, work func(p *session.Progress) error, done func(err error)) {
	p := &session.Progress{}
	finished := make(chan struct{})
	w.tasks.wg.Add(1)
	go func() {
		defer w.tasks.wg.Done()
		err := work(p)
		close(finished)
		fyne.DoAndWait(func() { done(err) })
	}()
	go func() {
		select {
		case <-finished:
			return
		case <-time.After(progressDelay):
		}
		var pd *progressDialog
		fyne.DoAndWait(func() { pd = w.showProgress(title, p) })
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-finished:
				fyne.Do(pd.d.Hide)
				return
			case <-t.C:
				v := p.Value()
				fyne.Do(func() { pd.bar.SetValue(v) })
			}
		}
	}()
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
