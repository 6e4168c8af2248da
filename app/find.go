package app

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/app/docview"
)

// findBar finds every occurrence of a text (ignoring case) in the current
// document, highlights them in the view, steps through them, and gives
// every unlabelled one a label in one undoable step.
type findBar struct {
	view *docview.View
	// doc is the document searched, canvas the window's (for the
	// keyboard), and focusView gives the keyboard back to the view.
	doc       func() *annotate.Document
	canvas    func() fyne.Canvas
	focusView func()
	entry     *keyedEntry
	count     *widget.Label
	label     *widget.Select
	// allDocs makes Label All (and the count) cover every document of
	// the corpus; corpus searches them (nil: the bar searches only the
	// current document).
	allDocs *widget.Check
	corpus  func(query string) corpusMatches
	// jump shows the next document (dir 1) or the previous one (-1),
	// wrapping, that holds query, and reports whether there is one other
	// than the current: ↑/↓ with All documents go on there.
	jump    func(query string, dir int) bool
	box     *fyne.Container
	outer   fyne.CanvasObject
	matches [][2]int
	// folded is the current document's text folded to lower case, one
	// code point for one, with its index; built on first search.
	folded *annotate.RuneIndex
}

// newFindBar searches doc() and highlights in view; Label All calls
// labelAll with the label picked.
func newFindBar(labels *annotate.LabelSet, view *docview.View, doc func() *annotate.Document, canvas func() fyne.Canvas,
	labelAll func(label string), focusView func()) *findBar {
	f := &findBar{view: view, doc: doc, canvas: canvas, focusView: focusView, count: widget.NewLabel("")}
	// Enter is the entry's OnSubmitted (next match), Esc closes the bar.
	f.entry = newKeyedEntry(nil, f.Hide)
	f.entry.SetPlaceHolder("Find in document")
	f.entry.OnChanged = func(string) { f.search() }
	f.entry.OnSubmitted = func(string) { f.Next() }
	var names []string
	for _, l := range labels.Labels {
		names = append(names, l.Name)
	}
	f.label = widget.NewSelect(names, nil)
	if len(names) > 0 {
		f.label.SetSelected(names[0])
	}
	next := widget.NewButtonWithIcon("", theme.MoveDownIcon(), f.Next)
	prev := widget.NewButtonWithIcon("", theme.MoveUpIcon(), f.Previous)
	all := widget.NewButton("Label All", func() { labelAll(f.label.Selected) })
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), f.Hide)
	closeBtn.Importance = widget.LowImportance
	f.allDocs = widget.NewCheck("All documents", func(bool) { f.refreshCount(); focusView() })
	f.allDocs.Hide() // shown for a corpus (setCorpus)
	right := container.NewHBox(f.count, prev, next, f.allDocs, widget.NewLabel("as"), f.label, all, closeBtn)
	f.box = container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), right, f.entry)
	f.box.Hide()
	f.outer = container.NewPadded(f.box)
	return f
}

func (f *findBar) object() fyne.CanvasObject { return f.outer }

// Visible reports whether the find bar is open.
func (f *findBar) Visible() bool { return f.box.Visible() }

// Show opens the find bar, searching for the selected text when there is
// one, and puts the keyboard in it.
func (f *findBar) Show() {
	if s, e := f.view.Selection(); s < e && e-s <= 200 {
		f.entry.SetText(f.doc().Slice(s, e))
	}
	f.box.Show()
	f.search()
	if c := f.canvas(); c != nil {
		c.Focus(f.entry)
	}
}

// Hide closes the find bar and removes the highlights.
func (f *findBar) Hide() {
	f.box.Hide()
	f.matches = nil
	f.view.SetFindMatches(nil)
	f.focusView()
}

// documentChanged forgets the folded text and searches the new document.
func (f *findBar) documentChanged() {
	f.folded = nil
	if f.Visible() {
		f.search()
	}
}

// search finds the entry's text and highlights every match.
func (f *findBar) search() {
	if !f.Visible() {
		return
	}
	if f.folded == nil {
		f.folded = annotate.NewRuneIndex(foldCase(f.doc().Text))
	}
	f.matches = findAll(f.folded, f.entry.Text)
	f.view.SetFindMatches(f.matches)
	f.refreshCount()
}

// refreshCount says how many matches there are and how many are labelled.
func (f *findBar) refreshCount() {
	if !f.Visible() {
		return
	}
	here := fmt.Sprintf("%d matches", len(f.matches))
	if len(f.matches) == 1 {
		here = "1 match"
	}
	switch {
	case f.entry.Text == "":
		f.count.SetText("")
	case f.AllDocuments():
		m := f.corpus(f.entry.Text)
		f.count.SetText(fmt.Sprintf("%d here · %d in %d documents", len(f.matches), m.total, len(m.docs)))
	default:
		f.count.SetText(here)
	}
}

// AllDocuments reports whether the find bar covers the whole corpus.
func (f *findBar) AllDocuments() bool {
	return f.corpus != nil && f.allDocs.Visible() && f.allDocs.Checked
}

// setCorpus offers "All documents" when the work has more than one.
func (f *findBar) setCorpus(corpus bool) {
	if corpus {
		f.allDocs.Show()
	} else {
		f.allDocs.Hide()
	}
}

// Next selects the first match after the caret (wrapping around; with
// All documents, on to the next document that has one).
func (f *findBar) Next() { f.step(1) }

// Previous selects the last match before the caret (wrapping around; with
// All documents, back to the previous document that has one).
func (f *findBar) Previous() { f.step(-1) }

func (f *findBar) step(dir int) {
	start, end := f.view.Selection()
	pick := -1
	if dir > 0 {
		for i, m := range f.matches {
			if m[0] > start || (m[0] == start && end == start) {
				pick = i
				break
			}
		}
	} else {
		for i := len(f.matches) - 1; i >= 0; i-- {
			if f.matches[i][0] < start {
				pick = i
				break
			}
		}
	}
	// Past this document's last match (or first, going back): with All
	// documents the search goes on in the next document that has one.
	if pick < 0 && f.entry.Text != "" && f.AllDocuments() && f.jump != nil && f.jump(f.entry.Text, dir) {
		pick = -1 // the matches are the new document's now (documentChanged)
	}
	if len(f.matches) == 0 {
		return
	}
	if pick < 0 {
		pick = 0
		if dir < 0 {
			pick = len(f.matches) - 1
		}
	}
	m := f.matches[pick]
	f.view.SetSelection(m[0], m[1])
	where := ""
	if f.AllDocuments() {
		where = " · " + f.doc().ID
	}
	f.count.SetText(fmt.Sprintf("%d of %d%s", pick+1, len(f.matches), where))
}

// Find opens the find bar (Ctrl+F).
func (w *Window) Find() { w.find.Show() }

// FindText opens the find bar searching for text.
func (w *Window) FindText(text string) {
	w.find.box.Show()
	w.find.entry.SetText(text)
	w.find.search()
}

// FindMatches is the ranges the find bar highlights.
func (w *Window) FindMatches() [][2]int { return w.find.matches }

// foldCase lower-cases text one code point for one, so that offsets in
// the folded text are offsets in the original.
func foldCase(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// findAll returns the code-point ranges of every non-overlapping
// occurrence of query in the folded text, ignoring case.
func findAll(folded *annotate.RuneIndex, query string) [][2]int {
	q := foldCase(query)
	if q == "" {
		return nil
	}
	n := utf8.RuneCountInString(q)
	text := folded.Text()
	var out [][2]int
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], q)
		if j < 0 {
			break
		}
		s := folded.RuneOffset(i + j)
		out = append(out, [2]int{s, s + n})
		i += j + len(q)
	}
	return out
}
