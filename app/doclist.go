package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// docList is the corpus's documents with their progress (done, in
// progress, untouched) and span counts; a click shows a document. It is
// shown only when more than one document is open.
type docList struct {
	w       *Window
	list    *widget.List
	bar     *widget.ProgressBar
	summary *widget.Label
	done    *widget.Check
	box     fyne.CanvasObject
	syncing bool
}

func newDocList(w *Window) *docList {
	l := &docList{w: w, bar: widget.NewProgressBar(), summary: widget.NewLabel("")}
	l.bar.TextFormatter = func() string { return "" }
	l.done = widget.NewCheck("Done", func(on bool) {
		if !l.syncing && on != isDone(w.Document()) {
			w.ToggleDone()
		}
	})
	l.list = widget.NewList(
		func() int { return len(w.docs) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("document")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.RadioButtonIcon()), widget.NewLabel("000"), name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			d := w.docs[i].doc()
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(d.ID)
			row.Objects[1].(*widget.Icon).SetResource(statusIcon(docStatus(d)))
			row.Objects[2].(*widget.Label).SetText(fmt.Sprint(len(d.Spans)))
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		if !l.syncing {
			w.showDocument(i)
		}
	}
	top := container.NewVBox(
		widget.NewLabelWithStyle("Documents", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		l.summary, l.bar, l.done)
	l.box = container.NewBorder(top, nil, nil, nil, l.list)
	return l
}

func (l *docList) object() fyne.CanvasObject { return l.box }

// statusIcon pictures a document's progress.
func statusIcon(status string) fyne.Resource {
	switch status {
	case statusDone:
		return theme.ConfirmIcon()
	case statusInProgress:
		return theme.DocumentCreateIcon()
	}
	return theme.RadioButtonIcon()
}

// refresh updates the counts, the progress and the selected row.
func (l *docList) refresh() {
	if len(l.w.docs) == 0 {
		return
	}
	counts := map[string]int{}
	for _, d := range l.w.docs {
		counts[docStatus(d.doc())]++
	}
	n := len(l.w.docs)
	l.summary.SetText(fmt.Sprintf("%d done · %d in progress · %d untouched", counts[statusDone], counts[statusInProgress], counts[statusUntouched]))
	l.bar.SetValue(float64(counts[statusDone]) / float64(n))
	l.syncing = true
	defer func() { l.syncing = false }()
	if l.w.cur >= 0 {
		l.done.SetChecked(isDone(l.w.Document()))
		l.list.Select(l.w.cur)
	}
	l.list.Refresh()
}
