package session

import (
	"fmt"
	"strings"

	"gloss/annotate"
)

// Result is what a labelling command did, in words for the status bar.
type Result struct {
	// Message says what happened, or why nothing did.
	Message string
	// Span is the span made, relabelled or accepted ("" when none).
	Span string
	// Done reports whether an edit was made.
	Done bool
}

// LabelRange is what a label key or button asks for: label [start, end)
// of the current document. When selected (the span selected, with no
// text selected) has exactly that range, it relabels that span (nothing
// when it has the label already); otherwise it adds a span (AddSpan).
func (s *Session) LabelRange(label string, start, end int, selected string) Result {
	d := s.Document()
	if selected != "" {
		if i := d.SpanByID(selected); i >= 0 && d.Spans[i].Start == start && d.Spans[i].End == end {
			if d.Spans[i].Label == label {
				return Result{Span: selected}
			}
			if err := s.Do(annotate.Relabel(d, selected, label)); err != nil {
				return Result{Message: err.Error()}
			}
			return Result{Message: fmt.Sprintf("Relabelled %q %s", Snippet(d.Spans[i].Text, 40), label), Span: selected, Done: true}
		}
	}
	return s.AddSpan(label, start, end)
}

// AddSpan labels [start, end) of the current document as the Session's
// annotator. A span of that range and label is not made twice; when it is
// a suggestion, labelling it by hand accepts it (Accept).
func (s *Session) AddSpan(label string, start, end int) Result {
	d := s.Document()
	if i := d.FindSpan(start, end, label); i >= 0 {
		if d.Spans[i].Suggested {
			return s.Accept(d.Spans[i].ID)
		}
		return Result{Message: fmt.Sprintf("%q is already a %s", d.Spans[i].Text, label), Span: d.Spans[i].ID}
	}
	sp := annotate.NewSpan(d, start, end, label, s.annotator)
	if err := s.Do(&annotate.AddSpan{Span: sp}); err != nil {
		return Result{Message: err.Error()}
	}
	return Result{Message: fmt.Sprintf("Labelled %q %s", Snippet(sp.Text, 40), label), Span: sp.ID, Done: true}
}

// Accept accepts suggestion id of the current document, with the suggested
// relations touching it whose ends are then all accepted, as one undoable
// edit. On an accepted span it accepts the suggested relations between it
// and other accepted spans. Done is false when there was nothing to accept.
func (s *Session) Accept(id string) Result {
	d := s.Document()
	i := d.SpanByID(id)
	if i < 0 {
		return Result{}
	}
	sp := d.Spans[i]
	var edits []annotate.Edit
	if sp.Suggested {
		edits = append(edits, annotate.Accept(d, id))
	}
	edits = append(edits, AcceptRelations(d, map[string]bool{id: true})...)
	if len(edits) == 0 {
		return Result{Span: id}
	}
	if err := s.Do(&annotate.Batch{Name: "Accept " + sp.Label, Edits: edits}); err != nil {
		return Result{Message: err.Error(), Span: id}
	}
	return Result{Message: fmt.Sprintf("Accepted %s %q", sp.Label, Snippet(sp.Text, 40)), Span: id, Done: true}
}

// AcceptRelations are the edits that accept the suggested relations of d
// touching one of ids whose ends will all be accepted once ids are: each
// is removed and added again without Suggested (History has no edit that
// changes a relation, and a remove and an add undo exactly).
func AcceptRelations(d *annotate.Document, ids map[string]bool) []annotate.Edit {
	accepted := func(id string) bool {
		i := d.SpanByID(id)
		return ids[id] || (i >= 0 && !d.Spans[i].Suggested)
	}
	var edits []annotate.Edit
	for _, r := range d.Relations {
		if !r.Suggested || !(ids[r.From] || ids[r.To]) || !accepted(r.From) || !accepted(r.To) {
			continue
		}
		c := r
		c.Suggested = false
		edits = append(edits, &annotate.RemoveRelation{ID: r.ID}, &annotate.AddRelation{Relation: c})
	}
	return edits
}

// stamp wraps an edit so that a document without an annotator that has
// spans after it gets one; undoing the edit takes the stamp off again.
type stamp struct {
	annotate.Edit
	annotator string
	stamped   bool
}

// Apply implements annotate.Edit.
func (e *stamp) Apply(d *annotate.Document) error {
	if err := e.Edit.Apply(d); err != nil {
		return err
	}
	e.stamped = d.Annotator == "" && len(d.Spans) > 0
	if e.stamped {
		d.Annotator = e.annotator
	}
	return nil
}

// Revert implements annotate.Edit.
func (e *stamp) Revert(d *annotate.Document) {
	if e.stamped {
		d.Annotator = ""
	}
	e.Edit.Revert(d)
}

// Snippet shortens text to at most n code points on one line.
func Snippet(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	return string(r[:n-1]) + "…"
}
