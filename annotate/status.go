package annotate

import (
	"bytes"
	"slices"
)

// Status is where an annotator stands on one document: untouched, in
// progress, or done. The app's document list, `gloss status` and the
// project's review all read it from here.
type Status int

// The statuses, in the order a document goes through them.
const (
	// Untouched: no span, relation or document label of the annotator's
	// own yet (suggestions not accepted do not count).
	Untouched Status = iota
	// InProgress: some work, not marked done.
	InProgress
	// Done: marked done (also with nothing to label).
	Done
)

var statusNames = [...]string{"untouched", "in progress", "done"}

// String is the status in words: "untouched", "in progress", "done".
func (st Status) String() string { return statusNames[st] }

// StatusKey is the top-level key of the native file that marks a document
// done: "status":"done". It lives in Document.Extra, which every native
// load and save keeps verbatim, so other tools see and keep it too; "in
// progress" and "untouched" are not stored, they follow from the work.
const StatusKey = "status"

// statusDone is StatusKey's value for a document marked done.
var statusDone = []byte(`"done"`)

// IsDone reports whether d is marked done.
func IsDone(d *Document) bool {
	i := slices.IndexFunc(d.Extra, func(f Field) bool { return f.Key == StatusKey })
	return i >= 0 && bytes.Equal(d.Extra[i].Value, statusDone)
}

// StatusOf is where d's annotator stands on it; nil is untouched.
func StatusOf(d *Document) Status {
	switch {
	case d == nil:
		return Untouched
	case IsDone(d):
		return Done
	case len(d.Relations) > 0 || slices.ContainsFunc(d.Extra, func(f Field) bool { return f.Key == "choices" }):
		return InProgress
	case slices.ContainsFunc(d.Spans, func(s Span) bool { return !s.Suggested }):
		return InProgress
	}
	return Untouched
}

// MarkDone is the edit that marks a document done, or not done: an edit
// like any other, so that it makes the document unsaved and can be undone.
type MarkDone struct {
	Done bool
	prev []Field
}

// Apply sets or clears the mark.
func (e *MarkDone) Apply(d *Document) error {
	e.prev = slices.Clone(d.Extra)
	d.Extra = slices.DeleteFunc(slices.Clone(d.Extra), func(f Field) bool { return f.Key == StatusKey })
	if e.Done {
		d.Extra = append(d.Extra, Field{Key: StatusKey, Value: statusDone})
	}
	return nil
}

// Revert puts the document's fields back as they were.
func (e *MarkDone) Revert(d *Document) { d.Extra = e.prev }

// Describe names the edit for the Undo menu.
func (e *MarkDone) Describe() string {
	if e.Done {
		return "Mark Done"
	}
	return "Mark Not Done"
}
