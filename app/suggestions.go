package app

import (
	"fmt"

	"fyne.io/fyne/v2"

	"gloss/annotate"
	"gloss/annotate/learn"
	"gloss/annotate/suggest"
	"gloss/app/session"
)

// Suggest runs the suggestion engine on the document on screen, with the
// actors of every open document as known actors and the model learned from
// the work (learner.go; none when learning is off), and adds what it
// proposes as one undoable edit. Suggestions are ordinary spans and relations with
// Suggested set: saved as "suggested": true, drawn pale by the view.
func (w *Window) Suggest() {
	d := w.Document()
	spans, rels := learn.Suggest(d, w.labels, suggest.Options{KnownActors: suggest.KnownActors(w.s.Documents()...)}, w.Model())
	var edits []annotate.Edit
	for _, s := range spans {
		edits = append(edits, &annotate.AddSpan{Span: s})
	}
	added := 0
	for _, r := range rels {
		if hasRelationFrom(d, r.From, r.Label) {
			continue // the source already has one: a second run adds nothing
		}
		edits = append(edits, &annotate.AddRelation{Relation: r})
		added++
	}
	if len(edits) == 0 {
		w.status.message("No new suggestions")
		return
	}
	if w.do(&annotate.Batch{Name: "Suggest", Edits: edits}) {
		if id := w.nextSuggestion(nil); id != "" {
			w.view.SelectSpan(id)
		}
		// After the selection, whose hint it replaces: the count matters more.
		w.status.message(fmt.Sprintf("Suggested %d spans and %d relations: Enter accepts, Backspace rejects", len(spans), added))
	}
	w.focusView()
}

// hasRelationFrom reports whether span from is the source of a relation
// named label.
func hasRelationFrom(d *annotate.Document, from, label string) bool {
	for _, r := range d.Relations {
		if r.From == from && r.Label == label {
			return true
		}
	}
	return false
}

// isSuggested reports whether span id is a suggestion.
func isSuggested(d *annotate.Document, id string) bool {
	i := d.SpanByID(id)
	return i >= 0 && d.Spans[i].Suggested
}

// AcceptSuggestion accepts suggestion id, with its suggested relations whose
// other end is accepted, as one undoable edit, then selects the next
// suggestion. On an accepted span it accepts the suggested relations
// between it and other accepted spans. It reports false when there was
// nothing to accept.
func (w *Window) AcceptSuggestion(id string) bool {
	sp, ok := w.accept(id)
	if ok {
		w.selectNextSuggestion(&sp)
	}
	return ok
}

// accept accepts span id and its suggested relations whose ends are then
// all accepted, as one undoable edit (session.Accept). It returns the span
// as it was, and false when there was nothing to accept or the edit failed.
func (w *Window) accept(id string) (annotate.Span, bool) {
	d := w.Document()
	i := d.SpanByID(id)
	if i < 0 {
		return annotate.Span{}, false
	}
	sp := d.Spans[i]
	r := w.s.Accept(id)
	w.report(r)
	return sp, r.Done
}

// RejectSuggestion removes suggestion id and its relations as one undoable
// edit, then selects the next suggestion.
func (w *Window) RejectSuggestion(id string) {
	d := w.Document()
	i := d.SpanByID(id)
	if i < 0 {
		return
	}
	sp := d.Spans[i]
	if w.do(&annotate.RemoveSpan{ID: id}) {
		w.status.message(fmt.Sprintf("Rejected %s %q", sp.Label, snippet(sp.Text, 40)))
		w.selectNextSuggestion(&sp)
	}
}

// selectNextSuggestion selects the suggestion after span after in text
// order (wrapping round), so that Enter, Enter, Backspace… walks through
// them; with none left it selects nothing.
func (w *Window) selectNextSuggestion(after *annotate.Span) {
	id := w.nextSuggestion(after)
	if id == "" {
		w.view.SelectSpan("")
		w.status.message(w.Message() + " · no suggestions left")
		return
	}
	w.view.SelectSpan(id)
}

// nextSuggestion is the id of the first suggested span after span after in
// text order (the first of all when after is nil or none follows), or "".
func (w *Window) nextSuggestion(after *annotate.Span) string {
	var first, next *annotate.Span
	for i := range w.Document().Spans {
		s := &w.Document().Spans[i]
		if !s.Suggested {
			continue
		}
		if first == nil || annotate.CompareSpans(*s, *first) < 0 {
			first = s
		}
		if after != nil && s.ID != after.ID && annotate.CompareSpans(*s, *after) > 0 &&
			(next == nil || annotate.CompareSpans(*s, *next) < 0) {
			next = s
		}
	}
	switch {
	case next != nil:
		return next.ID
	case first != nil:
		return first.ID
	}
	return ""
}

// AcceptAll accepts every suggestion of the document on screen, spans and
// relations, as one undoable edit.
func (w *Window) AcceptAll() {
	d := w.Document()
	ids := map[string]bool{}
	var edits []annotate.Edit
	for _, s := range d.Spans {
		if s.Suggested {
			ids[s.ID] = true
			edits = append(edits, annotate.Accept(d, s.ID))
		}
	}
	for _, r := range d.Relations {
		if r.Suggested {
			// Relations between accepted spans too.
			ids[r.From], ids[r.To] = true, true
		}
	}
	rels := session.AcceptRelations(d, ids)
	if len(edits)+len(rels) == 0 {
		w.status.message("No suggestions to accept")
		return
	}
	if w.do(&annotate.Batch{Name: "Accept All", Edits: append(edits, rels...)}) {
		w.status.message(fmt.Sprintf("Accepted %d spans and %d relations", len(edits), len(rels)/2))
	}
}

// RejectAll removes every suggestion of the document on screen, spans and
// relations, as one undoable edit.
func (w *Window) RejectAll() {
	d := w.Document()
	var edits []annotate.Edit
	nrel := 0
	for _, r := range d.Relations {
		if r.Suggested {
			edits = append(edits, &annotate.RemoveRelation{ID: r.ID})
			nrel++
		}
	}
	for _, s := range d.Spans {
		if s.Suggested {
			edits = append(edits, &annotate.RemoveSpan{ID: s.ID})
		}
	}
	if len(edits) == 0 {
		w.status.message("No suggestions to reject")
		return
	}
	if w.do(&annotate.Batch{Name: "Reject All", Edits: edits}) {
		w.status.message(fmt.Sprintf("Rejected %d spans and %d relations", len(edits)-nrel, nrel))
	}
}

// suggestionHint is the status bar's message for a selected suggestion:
// why it was made and what to do with it.
func suggestionHint(s *annotate.Span) string {
	reason := s.Reason
	if reason == "" {
		reason = "no reason given"
	}
	return fmt.Sprintf("Suggested: %s — Enter accepts, Backspace rejects", reason)
}

// suggestMenu holds the suggestion commands. Enter and Backspace work on
// the selected suggestion in the view; a bare key cannot be a menu
// shortcut, so the labels name them.
func (w *Window) suggestMenu() *fyne.Menu {
	w.items.learn = fyne.NewMenuItem("Learn from Accepted Spans", func() { w.SetLearning(!w.Learning()) })
	w.items.learn.Checked = w.Learning()
	sel := func(f func(id string)) func() {
		return func() {
			if id := w.view.SelectedSpan(); id != "" {
				f(id)
				return
			}
			w.status.message("Select a suggestion first (Tab goes from span to span)")
		}
	}
	return fyne.NewMenu("Suggest",
		item("Suggest", ctrlShift(fyne.KeyG), w.Suggest),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Accept Suggestion (Enter)", sel(func(id string) { w.AcceptSuggestion(id) })),
		fyne.NewMenuItem("Reject Suggestion (Backspace)", sel(w.RejectSuggestion)),
		fyne.NewMenuItem("Next Suggestion", func() {
			var after *annotate.Span
			if i := w.Document().SpanByID(w.view.SelectedSpan()); i >= 0 {
				s := w.Document().Spans[i]
				after = &s
			}
			if id := w.nextSuggestion(after); id != "" {
				w.SelectSpan(id)
			} else {
				w.status.message("No suggestions")
			}
		}),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Accept All Suggestions", w.AcceptAll),
		fyne.NewMenuItem("Reject All Suggestions", w.RejectAll),
		fyne.NewMenuItemSeparator(),
		w.items.learn,
	)
}
