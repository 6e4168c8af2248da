package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/app/session"
)

// allLabels is the span list filter's choice that shows every span.
const allLabels = "All labels"

// spanList lists the current document's spans in text order: label, text,
// its relations ("— Çavusoglu", "← 1 quote") and a mark for a note (✎) or
// a suggestion (?); it filters by label and counts spans per label. A
// click, Space or Enter on a row selects that span in the view.
type spanList struct {
	labels *annotate.LabelSet
	// doc is the document listed, selected the span selected in the view,
	// and activate selects a span in the view.
	doc      func() *annotate.Document
	selected func() string
	activate func(id string)
	// tips shows a row's whole text, relations and note on hover.
	tips   *tooltips
	filter *widget.Select
	counts *widget.Label
	list   *spanListView
	// rows are the ids of the spans shown, in text order.
	rows []string
	// syncing is set while the list follows the view's selection, so that
	// selecting a row does not select the span again.
	syncing bool
	box     fyne.CanvasObject
}

// newSpanList lists the spans of doc(); selected is the span selected in
// the view, and activate selects one there.
func newSpanList(labels *annotate.LabelSet, doc func() *annotate.Document, selected func() string, activate func(id string), tips *tooltips) *spanList {
	s := &spanList{labels: labels, doc: doc, selected: selected, activate: activate, tips: tips}
	opts := []string{allLabels}
	for _, l := range labels.Labels {
		opts = append(opts, l.Name)
	}
	s.filter = widget.NewSelect(opts, func(string) { s.refresh() })
	s.filter.Selected = allLabels
	s.counts = widget.NewLabel("")
	s.counts.Wrapping = fyne.TextWrapWord
	s.list = newSpanListView(s)
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle("Spans", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, s.filter),
		s.counts)
	s.box = container.NewBorder(top, nil, nil, nil, s.list)
	return s
}

func (s *spanList) object() fyne.CanvasObject { return s.box }

// SetFilter shows only spans of label ("" or allLabels for all).
func (s *spanList) SetFilter(label string) {
	if label == "" {
		label = allLabels
	}
	s.filter.SetSelected(label)
}

// refresh rebuilds the rows and counts from the current document.
func (s *spanList) refresh() {
	d := s.doc()
	order := make([]int, len(d.Spans))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return annotate.CompareSpans(d.Spans[a], d.Spans[b]) })
	counts := map[string]int{}
	s.rows = s.rows[:0]
	for _, i := range order {
		sp := &d.Spans[i]
		counts[sp.Label]++
		if s.filter.Selected == allLabels || s.filter.Selected == sp.Label {
			s.rows = append(s.rows, sp.ID)
		}
	}
	var parts []string
	for _, l := range s.labels.Labels {
		parts = append(parts, fmt.Sprintf("%s %d", l.Name, counts[l.Name]))
		delete(counts, l.Name)
	}
	for name, n := range counts {
		parts = append(parts, fmt.Sprintf("%s %d", name, n))
	}
	s.counts.SetText(strings.Join(parts, " · ") + fmt.Sprintf("  (%d in all)", len(d.Spans)))
	s.list.Refresh()
	s.showSelected(s.selected())
}

// showSelected highlights the row of span id (none for "").
func (s *spanList) showSelected(id string) {
	s.syncing = true
	defer func() { s.syncing = false }()
	if i := slices.Index(s.rows, id); i >= 0 && id != "" {
		s.list.Select(i)
		s.list.focus = i
		return
	}
	s.list.UnselectAll()
}

// Rows is the ids of the spans the list shows, in order.
func (s *spanList) Rows() []string { return slices.Clone(s.rows) }

// open selects the span of row i in the view.
func (s *spanList) open(i int) {
	if i >= 0 && i < len(s.rows) {
		s.activate(s.rows[i])
	}
}

// spanListView is a widget.List that also opens a row with Enter.
type spanListView struct {
	widget.List
	s     *spanList
	focus int // the row keyboard focus is on (List keeps its own private)
}

func newSpanListView(s *spanList) *spanListView {
	l := &spanListView{s: s}
	l.Length = func() int { return len(s.rows) }
	l.CreateItem = func() fyne.CanvasObject {
		sw := canvas.NewRectangle(nil)
		sw.CornerRadius = 3
		sw.SetMinSize(fyne.NewSize(6, 18))
		name := widget.NewLabelWithStyle("QUOTE", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		text := newTipLabel(s.tips)
		text.Truncation = fyne.TextTruncateEllipsis
		note := widget.NewLabel("")
		// The relation caption ("— Çavusoglu") beside the text: see
		// captionRow.
		rel := widget.NewLabel("")
		rel.Importance = widget.HighImportance // the primary colour
		rel.Truncation = fyne.TextTruncateEllipsis
		return container.NewBorder(nil, nil, container.NewHBox(sw, name), note, container.New(captionRow{}, text, rel))
	}
	l.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		if i >= len(s.rows) {
			return
		}
		d := s.doc()
		k := d.SpanByID(s.rows[i])
		if k < 0 {
			return
		}
		sp := &d.Spans[k]
		row := o.(*fyne.Container)
		left := row.Objects[1].(*fyne.Container)
		sw := left.Objects[0].(*canvas.Rectangle)
		sw.FillColor = colorOf(s.labels, sp.Label)
		sw.Refresh()
		left.Objects[1].(*widget.Label).SetText(sp.Label)
		cells := row.Objects[0].(*fyne.Container)
		text := cells.Objects[0].(*tipLabel)
		// A suggestion's text is in italics (grey was too faint to read).
		text.TextStyle.Italic = sp.Suggested
		text.SetText(snippet(sp.Text, 80))
		mark := ""
		if sp.Note != "" {
			mark = "✎"
		}
		if sp.Suggested {
			mark += "?"
		}
		rel := cells.Objects[1].(*widget.Label)
		rel.SetText(relationCaption(d, sp.ID))
		text.tip = spanTip(sp, rel.Text)
		if rel.Text == "" {
			rel.Hide()
		} else {
			rel.Show()
		}
		cells.Refresh()
		row.Objects[2].(*widget.Label).SetText(mark)
	}
	l.OnSelected = func(i widget.ListItemID) {
		l.focus = i
		if !s.syncing {
			s.open(i)
		}
	}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey adds Enter (open the focused row) to the list's keys.
func (l *spanListView) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.s.open(l.focus)
		return
	case fyne.KeyDown:
		if l.focus < len(l.s.rows)-1 {
			l.focus++
		}
	case fyne.KeyUp:
		if l.focus > 0 {
			l.focus--
		}
	}
	l.List.TypedKey(ev)
}

// captionRow lays out a row's text and its relation caption (two labels
// that truncate): the caption gets the width it needs up to half the row,
// so that a long quote's ellipsis never hides who said it and the quote
// keeps room too; a hidden caption leaves the text the whole row.
type captionRow struct{}

// Layout implements fyne.Layout.
func (captionRow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	text, rel := objs[0], objs[1]
	rw := float32(0)
	if l, ok := rel.(*widget.Label); ok && rel.Visible() {
		// What the label needs untruncated, and some slack: under X the
		// label cut the last letters of captions with exactly its
		// MinSize (seen in a screenshot; not headless).
		whole := widget.NewLabelWithStyle(l.Text, l.Alignment, l.TextStyle)
		rw = min(whole.MinSize().Width+2*theme.InnerPadding(), size.Width/2)
	}
	text.Move(fyne.NewPos(0, 0))
	text.Resize(fyne.NewSize(size.Width-rw, size.Height))
	rel.Move(fyne.NewPos(size.Width-rw, 0))
	rel.Resize(fyne.NewSize(rw, size.Height))
}

// MinSize implements fyne.Layout.
func (captionRow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(a.Width+b.Width, max(a.Height, b.Height))
}

// spanTip is a span list row's tooltip: the span's whole text (the row
// cuts it short), its relations and its note.
func spanTip(sp *annotate.Span, relations string) string {
	tip := sp.Label + ": " + snippet(sp.Text, 600)
	if relations != "" {
		tip += "\n" + relations
	}
	if sp.Note != "" {
		tip += "\nNote: " + sp.Note
	}
	return tip
}

// snippet shortens text to at most n code points on one line.
func snippet(text string, n int) string { return session.Snippet(text, n) }
