package session

import "gloss/annotate"

// Status is a document's progress through a corpus; annotate defines it
// (the project's status and review read it too).
type Status = annotate.Status

// A document is untouched (no work of the annotator's), in progress (some)
// or done (marked so).
const (
	Untouched  = annotate.Untouched
	InProgress = annotate.InProgress
	Done       = annotate.Done
)

// StatusKey is the native file's key that marks a document done.
const StatusKey = annotate.StatusKey

// IsDone reports whether d is marked done.
func IsDone(d *annotate.Document) bool { return annotate.IsDone(d) }

// StatusOf is d's progress.
func StatusOf(d *annotate.Document) Status { return annotate.StatusOf(d) }

// Status is document i's progress (from the index while it has not been
// parsed).
func (s *Session) Status(i int) Status { return s.entries[i].status }

// Counts is how many documents are untouched, in progress and done,
// indexed by Status.
func (s *Session) Counts() [3]int { return s.counts }

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
type MarkDone = annotate.MarkDone

// Info is what the document list shows of a document.
type Info struct {
	ID     string
	Status Status
	Spans  int
	Dirty  bool
}

// Info describes document i, from the index: it parses nothing.
func (s *Session) Info(i int) Info {
	e := &s.entries[i]
	return Info{ID: e.id, Status: e.status, Spans: int(e.spans), Dirty: s.DocumentDirty(i)}
}
