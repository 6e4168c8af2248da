package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gloss/app/session"
)

// corpusIndex is what the document list reads of the work: how many
// documents, which is current, each one's id, status and span count, and
// the counts per status. *session.Session is one.
type corpusIndex interface {
	Len() int
	Current() int
	Info(i int) session.Info
	Counts() [3]int
	Search(query string) []int
}

// docList is the corpus's documents with their progress (done, in
// progress, untouched) and span counts; a click shows a document, and the
// search entry keeps those whose id contains what is typed. It is shown
// only when more than one document is open.
type docList struct {
	work   corpusIndex
	search *widget.Entry
	// rows are the documents the search keeps, nil for all.
	rows    []int
	list    *widget.List
	bar     *widget.ProgressBar
	summary *widget.Label
	done    *widget.Check
	box     fyne.CanvasObject
	syncing bool
}

// newDocList lists the documents of work; show opens document i and
// toggleDone marks the current one done or not.
func newDocList(work corpusIndex, show func(i int), toggleDone func()) *docList {
	l := &docList{work: work, bar: widget.NewProgressBar(), summary: widget.NewLabel("")}
	l.bar.TextFormatter = func() string { return "" }
	l.done = widget.NewCheck("Done", func(on bool) {
		if cur := work.Current(); !l.syncing && cur >= 0 && on != (work.Info(cur).Status == session.Done) {
			toggleDone()
		}
	})
	l.search = widget.NewEntry()
	l.search.SetPlaceHolder("Search ids")
	l.search.OnChanged = func(string) { l.filter() }
	l.list = widget.NewList(
		l.length,
		func() fyne.CanvasObject {
			name := widget.NewLabel("document")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.RadioButtonIcon()), widget.NewLabel("000"), name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= l.length() {
				return
			}
			info := work.Info(l.doc(i))
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(info.ID)
			row.Objects[1].(*widget.Icon).SetResource(statusIcon(info.Status))
			row.Objects[2].(*widget.Label).SetText(fmt.Sprint(info.Spans))
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		if !l.syncing && i < l.length() {
			show(l.doc(i))
		}
	}
	top := container.NewVBox(
		widget.NewLabelWithStyle("Documents", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		l.summary, l.bar, l.done, l.search)
	l.box = container.NewBorder(top, nil, nil, nil, l.list)
	return l
}

func (l *docList) object() fyne.CanvasObject { return l.box }

// length is the number of rows shown.
func (l *docList) length() int {
	if l.rows != nil {
		return len(l.rows)
	}
	return l.work.Len()
}

// doc is the document of row i.
func (l *docList) doc(i int) int {
	if l.rows != nil {
		return l.rows[i]
	}
	return i
}

// listed follows the index pass: a search looks at the documents it
// added too.
func (l *docList) listed() {
	if l.rows != nil {
		l.rows = nil
		l.filter()
	}
}

// filter keeps the rows whose id contains the search entry's text.
func (l *docList) filter() {
	l.rows = nil
	if q := l.search.Text; q != "" {
		l.rows = l.work.Search(q)
		if l.rows == nil {
			l.rows = []int{}
		}
	}
	l.refresh()
}

// statusIcon pictures a document's progress.
func statusIcon(st session.Status) fyne.Resource {
	switch st {
	case session.Done:
		return theme.ConfirmIcon()
	case session.InProgress:
		return theme.DocumentCreateIcon()
	}
	return theme.RadioButtonIcon()
}

// refresh updates the counts, the progress and the selected row.
func (l *docList) refresh() {
	n := l.work.Len()
	if n == 0 {
		return
	}
	counts := l.work.Counts()
	l.summary.SetText(fmt.Sprintf("%d done · %d in progress · %d untouched", counts[session.Done], counts[session.InProgress], counts[session.Untouched]))
	l.bar.SetValue(float64(counts[session.Done]) / float64(n))
	l.syncing = true
	defer func() { l.syncing = false }()
	if cur := l.work.Current(); cur >= 0 {
		l.done.SetChecked(l.work.Info(cur).Status == session.Done)
		row := cur
		if l.rows != nil {
			row = slices.Index(l.rows, cur)
		}
		if row >= 0 {
			l.list.Select(row)
		} else {
			l.list.UnselectAll()
		}
	}
	l.list.Refresh()
}
