package app

import (
	"slices"

	"gloss/annotate"
)

// A document's progress through a corpus.
const (
	statusUntouched  = "untouched"
	statusInProgress = "in progress"
	statusDone       = "done"
)

// statusKey is the top-level key of the native file that marks a document
// done: "status":"done". It lives in Document.Extra, which every native
// load and save keeps verbatim, so other tools see and keep it too; "in
// progress" and "untouched" are not stored, they follow from the spans.
const statusKey = "status"

// isDone reports whether d is marked done.
func isDone(d *annotate.Document) bool {
	for _, f := range d.Extra {
		if f.Key == statusKey {
			return string(f.Value) == `"done"`
		}
	}
	return false
}

// docStatus is d's progress: done, in progress (has spans) or untouched.
func docStatus(d *annotate.Document) string {
	switch {
	case isDone(d):
		return statusDone
	case len(d.Spans) > 0:
		return statusInProgress
	}
	return statusUntouched
}

// markDone is the edit that marks a document done, or not.
type markDone struct {
	done bool
	prev []annotate.Field
}

// Apply implements annotate.Edit.
func (e *markDone) Apply(d *annotate.Document) error {
	e.prev = slices.Clone(d.Extra)
	d.Extra = slices.DeleteFunc(slices.Clone(d.Extra), func(f annotate.Field) bool { return f.Key == statusKey })
	if e.done {
		d.Extra = append(d.Extra, annotate.Field{Key: statusKey, Value: []byte(`"done"`)})
	}
	return nil
}

// Revert implements annotate.Edit.
func (e *markDone) Revert(d *annotate.Document) { d.Extra = e.prev }

// Describe implements annotate.Edit.
func (e *markDone) Describe() string {
	if e.done {
		return "Mark Done"
	}
	return "Mark Not Done"
}

// ToggleDone marks the current document done, or not done any more.
func (w *Window) ToggleDone() {
	done := !isDone(w.Document())
	if w.do(&markDone{done: done}) {
		if done {
			w.status.message(w.Document().ID + " is done")
		} else {
			w.status.message(w.Document().ID + " is not done")
		}
	}
}
