package app

import (
	"fmt"
	"strings"

	"gloss/annotate"
)

// Label All gives the find bar's label to every occurrence of its text
// that no span of that label overlaps yet, each snapped to whole words
// like every other labelling (unless snapping is off): "Ana Gon" labels
// "Ana Gonçalves". In the current document it is one undo step; with "All
// documents" it labels every document of the corpus, and the whole of it
// is one step of the window's Undo (corpusStep), with a count per
// document in the status bar.

// docMatches is where the find text occurs in one document.
type docMatches struct {
	doc    int
	id     string
	ranges [][2]int
}

// corpusMatches is where the find text occurs in the whole corpus.
type corpusMatches struct {
	total int
	docs  []docMatches
}

// searchCorpus finds query in every document (ignoring case), the current
// one as it is on screen.
func (w *Window) searchCorpus(query string) corpusMatches {
	var out corpusMatches
	for i := range w.s.Len() {
		d, err := w.s.Doc(i)
		if err != nil {
			continue
		}
		if m := findAll(annotate.NewRuneIndex(foldCase(d.Text)), query); len(m) > 0 {
			out.docs = append(out.docs, docMatches{doc: i, id: d.ID, ranges: m})
			out.total += len(m)
		}
	}
	return out
}

// showMatchingDocument shows the first document after the current one
// (dir 1) or before it (dir -1), wrapping around the corpus, whose text
// holds query (ignoring case), and reports whether there was one.
func (w *Window) showMatchingDocument(query string, dir int) bool {
	n, cur := w.s.Len(), w.s.Current()
	for k := 1; k < n; k++ {
		i := ((cur+dir*k)%n + n) % n
		d, err := w.s.Doc(i)
		if err != nil {
			continue
		}
		if len(findAll(annotate.NewRuneIndex(foldCase(d.Text)), query)) > 0 {
			w.showDocument(i)
			return w.s.Current() == i
		}
	}
	return false
}

// labelAllEdits are the spans Label All adds to d for the matches: each
// snapped to whole tokens when snap is on, once per range, and none where
// a span of label overlaps already.
func labelAllEdits(d *annotate.Document, matches [][2]int, label, annotator string, snap bool) []annotate.Edit {
	var edits []annotate.Edit
	seen := map[[2]int]bool{}
	var toks []annotate.Token
	if snap {
		toks = d.Tokens()
	}
	for _, m := range matches {
		s, e := m[0], m[1]
		if snap {
			s, e = annotate.Snap(toks, s, e)
		}
		if s >= e || seen[[2]int{s, e}] || labelled(d, s, e, label) {
			continue
		}
		seen[[2]int{s, e}] = true
		edits = append(edits, &annotate.AddSpan{Span: annotate.NewSpan(d, s, e, label, annotator)})
	}
	return edits
}

// labelAllName names a Label All step: "Label 3 × ACTOR".
func labelAllName(n int, label string) string { return fmt.Sprintf("Label %d × %s", n, label) }

// LabelAll gives label to every match of the find bar that no span of
// that label overlaps yet, in one undoable step, over the current
// document or (All documents) the corpus. With the find bar closed it
// opens it on the selected text, so that the next LabelAll acts.
func (w *Window) LabelAll(label string) {
	if !w.find.Visible() || w.find.entry.Text == "" {
		w.find.Show()
		w.status.message("Type what to find, pick a label, then Label All")
		return
	}
	if w.labels.Label(label) == nil {
		w.status.message("Pick a label to give every match")
		return
	}
	if w.find.AllDocuments() {
		w.labelAllDocuments(label)
		return
	}
	d := w.Document()
	edits := labelAllEdits(d, w.find.matches, label, w.s.Annotator(), w.Snapping())
	if len(edits) == 0 {
		w.status.message("Every match is already a " + label)
		return
	}
	if w.do(&annotate.Batch{Name: labelAllName(len(edits), label), Edits: edits}) {
		w.status.message(fmt.Sprintf("Labelled %d occurrence(s) of %q as %s", len(edits), w.find.entry.Text, label))
	}
}

// labelAllDocuments labels the find text's matches in every document and
// records the whole as one corpus step.
func (w *Window) labelAllDocuments(label string) {
	query := w.find.entry.Text
	step := &corpusStep{name: fmt.Sprintf("Label All %q as %s", query, label)}
	var counts []string
	total := 0
	w.batch(func() { total, counts = w.labelEvery(query, label, step) })
	if total == 0 {
		w.status.message("Every match in every document is already a " + label)
		return
	}
	step.edits = w.edits
	w.corpusUndo, w.corpusRedo = step, nil
	w.status.message(fmt.Sprintf("Labelled %d occurrence(s) of %q as %s in %d document(s): %s",
		total, query, label, len(counts), strings.Join(counts, ", ")))
}

// labelEvery labels the matches of query in every document, recording
// each document's part in step; it returns how many spans it added and
// "ID N" for each document.
func (w *Window) labelEvery(query, label string, step *corpusStep) (total int, counts []string) {
	for _, m := range w.searchCorpus(query).docs {
		d, err := w.s.Doc(m.doc)
		if err != nil {
			continue
		}
		edits := labelAllEdits(d, m.ranges, label, w.s.Annotator(), w.Snapping())
		if len(edits) == 0 {
			continue
		}
		if err := w.s.DoIn(m.doc, &annotate.Batch{Name: labelAllName(len(edits), label), Edits: edits}); err != nil {
			w.status.message(err.Error())
			break
		}
		step.add(w, m.doc)
		counts = append(counts, fmt.Sprintf("%s %d", m.id, len(edits)))
		total += len(edits)
	}
	return total, counts
}

// labelled reports whether a span of label overlaps [start, end).
func labelled(d *annotate.Document, start, end int, label string) bool {
	for i := range d.Spans {
		s := &d.Spans[i]
		if s.Label == label && s.Start < end && start < s.End {
			return true
		}
	}
	return false
}
