package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// statusBar shows the caret offset, the selection's length, the annotator
// (a button to change it), whether the work is saved, and the last message.
type statusBar struct {
	w         *Window
	pos       *widget.Label
	annotator *widget.Button
	saved     *widget.Label
	msg       *widget.Label
	box       fyne.CanvasObject
}

func newStatusBar(w *Window) *statusBar {
	s := &statusBar{w: w, pos: widget.NewLabel(""), saved: widget.NewLabel(""), msg: widget.NewLabel("")}
	s.msg.Truncation = fyne.TextTruncateEllipsis
	s.annotator = widget.NewButton("", w.AskAnnotator)
	s.annotator.Importance = widget.LowImportance
	s.box = container.NewBorder(nil, nil, s.pos, container.NewHBox(s.annotator, s.saved), s.msg)
	return s
}

func (s *statusBar) object() fyne.CanvasObject { return s.box }

// refresh updates everything but the message.
func (s *statusBar) refresh() {
	if len(s.w.docs) == 0 {
		return
	}
	start, end := s.w.view.Selection()
	text := fmt.Sprintf("Offset %d", start)
	if end > start {
		text = fmt.Sprintf("Offset %d–%d · Selection %d", start, end, end-start)
	} else if id := s.w.view.SelectedSpan(); id != "" {
		d := s.w.Document()
		if i := d.SpanByID(id); i >= 0 {
			sp := &d.Spans[i]
			text = fmt.Sprintf("%s %d–%d · %d long", sp.Label, sp.Start, sp.End, sp.End-sp.Start)
		}
	}
	s.pos.SetText(text)
	s.annotator.SetText("Annotator: " + s.w.annotator)
	if s.w.Dirty() {
		s.saved.SetText("● Unsaved")
	} else {
		s.saved.SetText("Saved")
	}
}

// message shows a one-line message.
func (s *statusBar) message(text string) { s.msg.SetText(text) }

// Message is the status bar's last message.
func (w *Window) Message() string { return w.status.msg.Text }

// AskAnnotator asks for the annotator's name.
func (w *Window) AskAnnotator() {
	e := widget.NewEntry()
	e.SetText(w.annotator)
	d := dialog.NewForm("Annotator", "Change", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Name", e)},
		func(ok bool) {
			if ok {
				w.SetAnnotator(e.Text)
			}
			w.focusView()
		}, w.win)
	d.Resize(fyne.NewSize(380, 160))
	d.Show()
	w.win.Canvas().Focus(e)
}
