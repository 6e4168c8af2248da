package session

import (
	"slices"

	"gloss/annotate"
)

// Status is a document's progress through a corpus.
type Status int

// A document is untouched (no spans), in progress (some spans) or done
// (marked so).
const (
	Untouched Status = iota
	InProgress
	Done
)

var statusNames = [...]string{"untouched", "in progress", "done"}

// String is the status in words: "untouched", "in progress", "done".
func (st Status) String() string { return statusNames[st] }

// StatusKey is the top-level key of the native file that marks a document
// done: "status":"done". It lives in Document.Extra, which every native
// load and save keeps verbatim, so other tools see and keep it too; "in
// progress" and "untouched" are not stored, they follow from the spans.
const StatusKey = "status"

// IsDone reports whether d is marked done.
func IsDone(d *annotate.Document) bool {
	for _, f := range d.Extra {
		if f.Key == StatusKey {
			return string(f.Value) == `"done"`
		}
	}
	return false
}

// StatusOf is d's progress.
func StatusOf(d *annotate.Document) Status {
	switch {
	case IsDone(d):
		return Done
	case len(d.Spans) > 0:
		return InProgress
	}
	return Untouched
}

// Status is document i's progress.
func (s *Session) Status(i int) Status { return StatusOf(s.Doc(i)) }

// Counts is how many documents are untouched, in progress and done,
// indexed by Status.
func (s *Session) Counts() [3]int {
	var n [3]int
	for i := range s.entries {
		n[s.Status(i)]++
	}
	return n
}

// ToggleDone marks the current document done, or not done any more, as an
// undoable edit.
func (s *Session) ToggleDone() Result {
	d := s.Document()
	done := !IsDone(d)
	if err := s.Do(&MarkDone{Done: done}); err != nil {
		return Result{Message: err.Error()}
	}
	if done {
		return Result{Message: d.ID + " is done", Done: true}
	}
	return Result{Message: d.ID + " is not done", Done: true}
}

// MarkDone is the edit that marks a document done, or not.
type MarkDone struct {
	Done bool
	prev []annotate.Field
}

// Apply implements annotate.Edit.
func (e *MarkDone) Apply(d *annotate.Document) error {
	e.prev = slices.Clone(d.Extra)
	d.Extra = slices.DeleteFunc(slices.Clone(d.Extra), func(f annotate.Field) bool { return f.Key == StatusKey })
	if e.Done {
		d.Extra = append(d.Extra, annotate.Field{Key: StatusKey, Value: []byte(`"done"`)})
	}
	return nil
}

// Revert implements annotate.Edit.
func (e *MarkDone) Revert(d *annotate.Document) { d.Extra = e.prev }

// Describe implements annotate.Edit.
func (e *MarkDone) Describe() string {
	if e.Done {
		return "Mark Done"
	}
	return "Mark Not Done"
}

// Info is what the document list shows of a document.
type Info struct {
	ID     string
	Status Status
	Spans  int
	Dirty  bool
}

// Info describes document i.
func (s *Session) Info(i int) Info {
	d := s.Doc(i)
	return Info{ID: d.ID, Status: StatusOf(d), Spans: len(d.Spans), Dirty: s.DocumentDirty(i)}
}
