package project

import (
	"bytes"
	"slices"

	"gloss/annotate"
)

// State is where an annotator stands on one document.
type State int

// The states, in the order a document goes through them.
const (
	// Untouched: no span, relation or document label of the annotator's
	// own yet (suggestions not accepted do not count).
	Untouched State = iota
	// InProgress: some work, not yet marked done.
	InProgress
	// Done: the annotator marked it done (Document → Mark Done).
	Done
)

func (s State) String() string {
	switch s {
	case InProgress:
		return "in progress"
	case Done:
		return "done"
	}
	return "untouched"
}

// doneKey is the native file's top-level key that marks a document done:
// "done":true. The codecs keep unknown keys through a load and a save, so
// every tool that reads the file keeps it too.
const doneKey = "done"

var doneTrue = []byte("true")

// IsDone reports whether d is marked done.
func IsDone(d *annotate.Document) bool {
	i := slices.IndexFunc(d.Extra, func(f annotate.Field) bool { return f.Key == doneKey })
	return i >= 0 && bytes.Equal(d.Extra[i].Value, doneTrue)
}

// StateOf is where the annotator of d stands on it.
func StateOf(d *annotate.Document) State {
	if d == nil {
		return Untouched
	}
	if IsDone(d) {
		return Done
	}
	if len(d.Relations) > 0 || slices.ContainsFunc(d.Extra, func(f annotate.Field) bool { return f.Key == "choices" }) {
		return InProgress
	}
	for _, s := range d.Spans {
		if !s.Suggested {
			return InProgress
		}
	}
	return Untouched
}

// MarkDone is the edit that marks a document done, or not done: an edit
// like any other, so that it makes the document unsaved and can be undone.
type MarkDone struct {
	Done bool
	// was is the document's "done" field before Apply, nil when absent.
	was *annotate.Field
}

// Apply sets or clears the mark.
func (e *MarkDone) Apply(d *annotate.Document) error {
	e.was = nil
	if i := slices.IndexFunc(d.Extra, func(f annotate.Field) bool { return f.Key == doneKey }); i >= 0 {
		f := d.Extra[i]
		e.was = &f
		d.Extra = slices.Delete(d.Extra, i, i+1)
	}
	if e.Done {
		d.Extra = append(d.Extra, annotate.Field{Key: doneKey, Value: doneTrue})
	}
	return nil
}

// Revert puts the field back as it was.
func (e *MarkDone) Revert(d *annotate.Document) {
	if i := slices.IndexFunc(d.Extra, func(f annotate.Field) bool { return f.Key == doneKey }); i >= 0 {
		d.Extra = slices.Delete(d.Extra, i, i+1)
	}
	if e.was != nil {
		d.Extra = append(d.Extra, *e.was)
	}
}

// Describe names the edit for the Undo menu.
func (e *MarkDone) Describe() string {
	if e.Done {
		return "Mark Done"
	}
	return "Mark Not Done"
}
