package app

import (
	"fmt"

	"gloss/annotate"
)

// A corpusStep is one edit of the window's made in several documents (a
// Label All over the corpus): each document's history holds its part as
// its last step, and the window's Undo undoes them all together while
// every one of them is still the last of its document (an edit made since
// in one of them ends the corpus step: Undo is then that document's
// again). Redo does the same the other way.
type corpusStep struct {
	name string
	// docs are the documents edited and at the version each one's history
	// was at right after its part.
	docs     []int
	versions []annotate.Version
	// edits is the window's edit count right after the step.
	edits int
}

// add records document i's part, just made.
func (c *corpusStep) add(w *Window, i int) {
	if h, err := w.s.HistoryOf(i); err == nil {
		c.docs = append(c.docs, i)
		c.versions = append(c.versions, h.Version())
	}
}

// current reports whether every document is still where the step left
// it, and the step is the last edit of the document on screen: it is one
// of the step's, or nothing was edited since.
func (c *corpusStep) current(w *Window) bool {
	if c == nil || len(c.docs) == 0 {
		return false
	}
	onScreen := false
	for k, i := range c.docs {
		h, err := w.s.HistoryOf(i)
		if err != nil || !h.At(c.versions[k]) {
			return false
		}
		onScreen = onScreen || i == w.s.Current()
	}
	return onScreen || w.edits == c.edits
}

// batch runs edits of many documents, then shows them once: refreshing
// the window after each of a thousand documents' edits took 20 s
// (BenchmarkLabelAllDocuments1000).
func (w *Window) batch(edits func()) {
	w.batching = true
	defer func() {
		w.batching = false
		w.view.SpansChanged()
		w.spans.refresh()
		w.choices.refresh()
		w.note.show(w.view.SelectedSpan())
		w.find.refreshCount()
		w.refreshWork()
		w.relearn()
	}()
	edits()
}

// replay undoes (or redoes) the step in every document and returns the
// step that reverses it; the caller runs it in a batch.
func (c *corpusStep) replay(w *Window, undo bool) *corpusStep {
	back := &corpusStep{name: c.name}
	for _, i := range c.docs {
		ok := false
		if undo {
			ok = w.s.UndoIn(i)
		} else {
			ok = w.s.RedoIn(i)
		}
		if ok {
			back.add(w, i)
		}
	}
	return back
}

// undoCorpusStep undoes the corpus step when it is the last edit; it
// reports whether it did.
func (w *Window) undoCorpusStep() bool { return w.replayCorpusStep(true) }

// redoCorpusStep redoes the corpus step just undone; it reports whether
// it did.
func (w *Window) redoCorpusStep() bool { return w.replayCorpusStep(false) }

// replayCorpusStep undoes (undo) or redoes the corpus step when it is
// the last edit that way, and keeps its reverse for the other way.
func (w *Window) replayCorpusStep(undo bool) bool {
	from, to, verb := &w.corpusUndo, &w.corpusRedo, "Undid"
	if !undo {
		from, to, verb = &w.corpusRedo, &w.corpusUndo, "Redid"
	}
	if !(*from).current(w) {
		return false
	}
	w.batch(func() { *to = (*from).replay(w, undo) })
	(*to).edits = w.edits
	*from = nil
	w.status.message(fmt.Sprintf("%s %s in %d document(s)", verb, (*to).name, len((*to).docs)))
	return true
}
