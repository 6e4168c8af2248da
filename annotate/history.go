package annotate

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
)

// Edit is one reversible change to a document. Apply may fail (and then
// changes nothing); Revert undoes a successful Apply exactly.
type Edit interface {
	Apply(d *Document) error
	Revert(d *Document)
	// Describe names the edit for menus ("Undo Add QUOTE").
	Describe() string
}

// History applies edits to one document and keeps them for undo and redo.
type History struct {
	doc  *Document
	done []step
	redo []step
	// saved is len(done) at the last MarkSaved, or -1 when that state is
	// unreachable (it was undone and then replaced by a new edit).
	saved int
	// seq numbers the edits done, so that a Version names one state.
	seq uint64
	// OnChange, if set, runs after every Do, Undo and Redo.
	OnChange func()
}

// step is one edit done, numbered.
type step struct {
	e   Edit
	seq uint64
}

// Version names one state of a history's document: the edits done to
// reach it. A save in the background takes the version it writes and
// marks it saved when it is written (MarkSavedAt), whatever was edited
// meanwhile.
type Version struct {
	n   int
	seq uint64
}

// Version is the document's state now.
func (h *History) Version() Version {
	if len(h.done) == 0 {
		return Version{}
	}
	return Version{n: len(h.done), seq: h.done[len(h.done)-1].seq}
}

// At reports whether the document is in state v now.
func (h *History) At(v Version) bool { return h.Version() == v }

// MarkSavedAt records that the document as it was in state v has been
// saved: Dirty is false again when the document is back in that state,
// by undo or redo, and true until then.
func (h *History) MarkSavedAt(v Version) {
	h.saved = -1
	switch {
	case v.n == 0:
		h.saved = 0
	case v.n <= len(h.done):
		if h.done[v.n-1].seq == v.seq {
			h.saved = v.n
		}
	case v.n-len(h.done) <= len(h.redo):
		// Undone since: the state is further down the redo list.
		if h.redo[len(h.redo)-(v.n-len(h.done))].seq == v.seq {
			h.saved = v.n
		}
	}
}

// Edited reports whether the history holds any edit to undo or redo.
func (h *History) Edited() bool { return len(h.done) > 0 || len(h.redo) > 0 }

// NewHistory starts an empty history on d, which counts as saved.
func NewHistory(d *Document) *History { return &History{doc: d} }

// Document is the document the history edits.
func (h *History) Document() *Document { return h.doc }

// Do applies e and records it; the redo list is dropped.
func (h *History) Do(e Edit) error {
	if err := e.Apply(h.doc); err != nil {
		return err
	}
	if h.saved > len(h.done) {
		h.saved = -1
	}
	h.seq++
	h.done = append(h.done, step{e, h.seq})
	h.redo = h.redo[:0]
	h.changed()
	return nil
}

// Undo reverts the last edit; it reports false when there is none.
func (h *History) Undo() bool {
	if len(h.done) == 0 {
		return false
	}
	st := h.done[len(h.done)-1]
	h.done = h.done[:len(h.done)-1]
	st.e.Revert(h.doc)
	h.redo = append(h.redo, st)
	h.changed()
	return true
}

// Redo applies the last undone edit again; it reports false when there is
// none.
func (h *History) Redo() bool {
	if len(h.redo) == 0 {
		return false
	}
	st := h.redo[len(h.redo)-1]
	if err := st.e.Apply(h.doc); err != nil {
		return false
	}
	h.redo = h.redo[:len(h.redo)-1]
	h.done = append(h.done, st)
	h.changed()
	return true
}

// CanUndo tells whether Undo has anything to do, and what.
func (h *History) CanUndo() (string, bool) {
	if len(h.done) == 0 {
		return "", false
	}
	return h.done[len(h.done)-1].e.Describe(), true
}

// CanRedo tells whether Redo has anything to do, and what.
func (h *History) CanRedo() (string, bool) {
	if len(h.redo) == 0 {
		return "", false
	}
	return h.redo[len(h.redo)-1].e.Describe(), true
}

// MarkSaved records that the document as it is now has been saved.
func (h *History) MarkSaved() { h.saved = len(h.done) }

// Dirty reports whether the document differs from the last saved state.
func (h *History) Dirty() bool { return h.saved != len(h.done) }

func (h *History) changed() {
	if h.OnChange != nil {
		h.OnChange()
	}
}

// ErrDuplicateSpan is returned when a span with the same start, end and
// label already exists.
var ErrDuplicateSpan = errors.New("a span with the same start, end and label exists")

// NewSpan makes a span of d with a fresh id, its text filled in and the
// creation time stamped.
func NewSpan(d *Document, start, end int, label, annotator string) Span {
	return Span{
		ID: uuid.NewString(), Start: start, End: end, Label: label,
		Text: d.Slice(start, end), Annotator: annotator,
		Created: time.Now().UTC().Format(time.RFC3339),
	}
}

// FindSpan returns the index of the span with the given start, end and
// label, or -1.
func (d *Document) FindSpan(start, end int, label string) int {
	for i := range d.Spans {
		s := &d.Spans[i]
		if s.Start == start && s.End == end && s.Label == label {
			return i
		}
	}
	return -1
}

// AddSpan adds a span.
type AddSpan struct{ Span Span }

// Apply implements Edit.
func (e *AddSpan) Apply(d *Document) error {
	s := e.Span
	if s.Start < 0 || s.End > d.Len() || s.Start >= s.End {
		return fmt.Errorf("span [%d,%d) is outside the text (0–%d) or empty", s.Start, s.End, d.Len())
	}
	if d.FindSpan(s.Start, s.End, s.Label) >= 0 {
		return ErrDuplicateSpan
	}
	d.Spans = append(d.Spans, s)
	return nil
}

// Revert implements Edit.
func (e *AddSpan) Revert(d *Document) {
	if i := d.SpanByID(e.Span.ID); i >= 0 {
		d.Spans = slices.Delete(d.Spans, i, i+1)
	}
}

// Describe implements Edit.
func (e *AddSpan) Describe() string { return "Add " + e.Span.Label }

// RemoveSpan removes a span and every relation that touches it.
type RemoveSpan struct {
	ID string

	span      Span
	index     int
	relations []Relation
	relIndex  []int
}

// Apply implements Edit.
func (e *RemoveSpan) Apply(d *Document) error {
	i := d.SpanByID(e.ID)
	if i < 0 {
		return fmt.Errorf("no span %s", e.ID)
	}
	e.span, e.index = d.Spans[i], i
	d.Spans = slices.Delete(d.Spans, i, i+1)
	e.relations, e.relIndex = e.relations[:0], e.relIndex[:0]
	kept := d.Relations[:0:0]
	for j, r := range d.Relations {
		if r.From == e.ID || r.To == e.ID {
			e.relations = append(e.relations, r)
			e.relIndex = append(e.relIndex, j)
			continue
		}
		kept = append(kept, r)
	}
	d.Relations = kept
	return nil
}

// Revert implements Edit.
func (e *RemoveSpan) Revert(d *Document) {
	d.Spans = slices.Insert(d.Spans, min(e.index, len(d.Spans)), e.span)
	for k, r := range e.relations {
		d.Relations = slices.Insert(d.Relations, min(e.relIndex[k], len(d.Relations)), r)
	}
}

// Describe implements Edit.
func (e *RemoveSpan) Describe() string { return "Delete " + e.span.Label }

// ChangeSpan replaces a span's label, bounds or note (any combination),
// keeping its id and its relations. Use the constructors Relabel, Resize and
// SetNote.
type ChangeSpan struct {
	ID   string
	To   Span
	what string
	from Span
}

// Relabel gives span id a new label.
func Relabel(d *Document, id, label string) *ChangeSpan {
	return changeSpan(d, id, "Relabel", func(s *Span) { s.Label = label })
}

// Resize moves span id's bounds.
func Resize(d *Document, id string, start, end int) *ChangeSpan {
	return changeSpan(d, id, "Resize", func(s *Span) {
		s.Start, s.End = start, end
		s.Text = d.Slice(start, end)
	})
}

// SetNote sets span id's note.
func SetNote(d *Document, id, note string) *ChangeSpan {
	return changeSpan(d, id, "Edit Note", func(s *Span) { s.Note = note })
}

// Accept turns suggestion id into an ordinary span.
func Accept(d *Document, id string) *ChangeSpan {
	return changeSpan(d, id, "Accept", func(s *Span) { s.Suggested = false })
}

func changeSpan(d *Document, id, what string, change func(*Span)) *ChangeSpan {
	e := &ChangeSpan{ID: id, what: what}
	if i := d.SpanByID(id); i >= 0 {
		e.To = d.Spans[i]
		change(&e.To)
	}
	return e
}

// Apply implements Edit.
func (e *ChangeSpan) Apply(d *Document) error {
	i := d.SpanByID(e.ID)
	if i < 0 {
		return fmt.Errorf("no span %s", e.ID)
	}
	s := e.To
	if s.Start < 0 || s.End > d.Len() || s.Start >= s.End {
		return fmt.Errorf("span [%d,%d) is outside the text (0–%d) or empty", s.Start, s.End, d.Len())
	}
	if j := d.FindSpan(s.Start, s.End, s.Label); j >= 0 && j != i {
		return ErrDuplicateSpan
	}
	e.from = d.Spans[i]
	d.Spans[i] = s
	return nil
}

// Revert implements Edit.
func (e *ChangeSpan) Revert(d *Document) {
	if i := d.SpanByID(e.ID); i >= 0 {
		d.Spans[i] = e.from
	}
}

// Describe implements Edit.
func (e *ChangeSpan) Describe() string { return e.what + " " + e.To.Label }

// AddRelation adds a relation between two existing spans.
type AddRelation struct{ Relation Relation }

// NewRelation makes a relation with a fresh id.
func NewRelation(label, from, to string) Relation {
	return Relation{ID: uuid.NewString(), Label: label, From: from, To: to}
}

// Apply implements Edit.
func (e *AddRelation) Apply(d *Document) error {
	r := e.Relation
	if d.SpanByID(r.From) < 0 || d.SpanByID(r.To) < 0 {
		return errors.New("a relation needs two existing spans")
	}
	for _, o := range d.Relations {
		if o.From == r.From && o.To == r.To && o.Label == r.Label {
			return errors.New("that relation exists")
		}
	}
	d.Relations = append(d.Relations, r)
	return nil
}

// Revert implements Edit.
func (e *AddRelation) Revert(d *Document) {
	if i := d.RelationByID(e.Relation.ID); i >= 0 {
		d.Relations = slices.Delete(d.Relations, i, i+1)
	}
}

// Describe implements Edit.
func (e *AddRelation) Describe() string { return "Add " + e.Relation.Label }

// RemoveRelation removes a relation.
type RemoveRelation struct {
	ID    string
	rel   Relation
	index int
}

// Apply implements Edit.
func (e *RemoveRelation) Apply(d *Document) error {
	i := d.RelationByID(e.ID)
	if i < 0 {
		return fmt.Errorf("no relation %s", e.ID)
	}
	e.rel, e.index = d.Relations[i], i
	d.Relations = slices.Delete(d.Relations, i, i+1)
	return nil
}

// Revert implements Edit.
func (e *RemoveRelation) Revert(d *Document) {
	d.Relations = slices.Insert(d.Relations, min(e.index, len(d.Relations)), e.rel)
}

// Describe implements Edit.
func (e *RemoveRelation) Describe() string { return "Delete " + e.rel.Label }

// Batch applies several edits as one step: all of them or none.
type Batch struct {
	Name  string
	Edits []Edit
}

// Apply implements Edit. If one edit fails, those before it are reverted.
func (b *Batch) Apply(d *Document) error {
	for i, e := range b.Edits {
		if err := e.Apply(d); err != nil {
			for j := i - 1; j >= 0; j-- {
				b.Edits[j].Revert(d)
			}
			return err
		}
	}
	return nil
}

// Revert implements Edit.
func (b *Batch) Revert(d *Document) {
	for j := len(b.Edits) - 1; j >= 0; j-- {
		b.Edits[j].Revert(d)
	}
}

// Describe implements Edit.
func (b *Batch) Describe() string { return b.Name }
