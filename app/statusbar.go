package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// messageLifetime is how long a status message stays: long enough to read
// a sentence twice, short enough that an old one is not taken for news.
const messageLifetime = 8 * time.Second

// statusBar shows the caret offset, the selection's length, the annotator
// (a button to change it), whether the work is saved, and the last message,
// which goes after messageLifetime.
type statusBar struct {
	pos       *widget.Label
	annotator *widget.Button
	saved     *widget.Label
	learned   *widget.Label // what the model learned, and when
	msg       *widget.Label
	box       fyne.CanvasObject
	// after runs f on the user interface's goroutine once d has passed
	// (tests replace it with a clock of their own).
	after func(d time.Duration, f func())
	// shown counts the messages shown, so that a message's timer clears
	// only that message, not a later one.
	shown int
}

// newStatusBar makes the status bar; a click on the annotator calls
// askAnnotator, and post runs a function on the user interface's
// goroutine (expiring messages).
func newStatusBar(askAnnotator func(), post func(func())) *statusBar {
	s := &statusBar{pos: widget.NewLabel(""), saved: widget.NewLabel(""), learned: widget.NewLabel(""), msg: widget.NewLabel("")}
	s.after = func(d time.Duration, f func()) { time.AfterFunc(d, func() { post(f) }) }
	s.msg.Truncation = fyne.TextTruncateEllipsis
	s.annotator = widget.NewButton("", askAnnotator)
	s.annotator.Importance = widget.LowImportance
	s.box = container.NewBorder(nil, nil, s.pos, container.NewHBox(s.learned, s.annotator, s.saved), s.msg)
	return s
}

func (s *statusBar) object() fyne.CanvasObject { return s.box }

// refresh shows the caret's position (or the selection's), the annotator
// and the work's state (saved, unsaved, being saved or read).
func (s *statusBar) refresh(pos, annotator, state string) {
	s.pos.SetText(pos)
	s.annotator.SetText("Annotator: " + annotator)
	s.saved.SetText(state)
}

// learning shows what the model learned ("Learned 14:03 from 57 spans").
func (s *statusBar) learning(text string) { s.learned.SetText(text) }

// message shows a one-line message for messageLifetime.
func (s *statusBar) message(text string) {
	s.shown++
	n := s.shown
	s.msg.SetText(text)
	if text == "" {
		return
	}
	s.after(messageLifetime, func() {
		if s.shown == n {
			s.msg.SetText("")
		}
	})
}

// Message is the status bar's last message.
func (w *Window) Message() string { return w.status.msg.Text }

// AskAnnotator asks for the annotator's name.
func (w *Window) AskAnnotator() {
	if w.team != nil {
		// The name decides the file every save writes and every sync
		// commits: it is chosen when the project is opened.
		w.showDialog(dialog.NewInformation("Annotator", fmt.Sprintf("In project %s you work as %s.\nTo work as someone else, open the project with gloss --annotator NAME %s",
			w.team.p.Config.Name, w.team.person, w.team.p.Dir), w.win), nil)
		return
	}
	var d *dialog.FormDialog
	e := newKeyedEntry(func() { d.Submit() }, func() { d.Hide() })
	e.SetText(w.s.Annotator())
	d = dialog.NewForm("Annotator", "Change", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Name", e)},
		func(ok bool) {
			if ok {
				w.SetAnnotator(e.Text)
			}
			w.focusView()
		}, w.win)
	d.Resize(fyne.NewSize(380, 160))
	w.showDialog(d, d.Submit)
	w.win.Canvas().Focus(e)
}
