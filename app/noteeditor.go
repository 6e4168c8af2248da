package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
)

// noteEditor edits the note of the selected span. The note is applied (one
// undoable edit) by Save Note, when the entry loses focus, and before the
// selection moves to another span.
type noteEditor struct {
	doc   func() *annotate.Document
	do    func(annotate.Edit) bool
	title *widget.Label
	entry *noteEntry
	save  *widget.Button
	id    string
	// committing guards against the edit's own refresh re-entering commit.
	committing bool
	box        fyne.CanvasObject
}

// newNoteEditor edits notes of doc's spans, applying each through do;
// done runs after Save Note (to give the keyboard back).
func newNoteEditor(doc func() *annotate.Document, do func(annotate.Edit) bool, done func()) *noteEditor {
	n := &noteEditor{doc: doc, do: do, title: widget.NewLabel("")}
	n.title.Truncation = fyne.TextTruncateEllipsis
	n.entry = &noteEntry{onFocusLost: n.commit}
	n.entry.ExtendBaseWidget(n.entry)
	n.entry.MultiLine = true
	n.entry.Wrapping = fyne.TextWrapWord
	n.entry.SetMinRowsVisible(3)
	n.entry.SetPlaceHolder("Select a span to write a note on it")
	n.save = widget.NewButton("Save Note", func() {
		n.commit()
		done()
	})
	n.box = container.NewBorder(
		container.NewVBox(widget.NewSeparator(), n.title), n.save, nil, nil, n.entry)
	n.show("")
	return n
}

func (n *noteEditor) object() fyne.CanvasObject { return n.box }

// show edits the note of span id ("" for none), first applying the note
// being edited.
func (n *noteEditor) show(id string) {
	if id != n.id {
		n.commit()
	}
	n.id = id
	i := -1
	if id != "" {
		i = n.doc().SpanByID(id)
	}
	if i < 0 {
		n.id = ""
		n.title.SetText("Note")
		n.entry.SetText("")
		n.entry.Disable()
		n.save.Disable()
		return
	}
	s := &n.doc().Spans[i]
	n.title.SetText("Note on " + s.Label + " “" + snippet(s.Text, 40) + "”")
	if n.entry.Text != s.Note {
		n.entry.SetText(s.Note)
	}
	n.entry.Enable()
	n.save.Enable()
}

// forget stops editing without applying the note: the work it was on is
// gone.
func (n *noteEditor) forget() { n.id = "" }

// commit applies the note being edited, if it changed.
func (n *noteEditor) commit() {
	if n.id == "" || n.committing {
		return
	}
	d := n.doc()
	i := d.SpanByID(n.id)
	if i < 0 || d.Spans[i].Note == n.entry.Text {
		return
	}
	n.committing = true
	defer func() { n.committing = false }()
	n.do(annotate.SetNote(d, n.id, n.entry.Text))
}

// noteEntry is a multi-line entry that reports losing focus.
type noteEntry struct {
	widget.Entry
	onFocusLost func()
}

// FocusLost applies the note.
func (e *noteEntry) FocusLost() {
	e.Entry.FocusLost()
	e.onFocusLost()
}
