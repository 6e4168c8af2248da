package annotate_test

import (
	"errors"
	"fmt"
	"testing"

	"gloss/annotate"
)

// state prints a document's spans and relations compactly, so that tests
// can compare whole states.
func state(d *annotate.Document) string {
	s := ""
	for _, sp := range d.Spans {
		s += fmt.Sprintf("[%d,%d)%s:%q/%q ", sp.Start, sp.End, sp.Label, sp.Text, sp.Note)
	}
	for _, r := range d.Relations {
		s += fmt.Sprintf("%s(%s→%s) ", r.Label, r.From, r.To)
	}
	return s
}

func TestHistoryUndoRedoEveryEdit(t *testing.T) {
	d := &annotate.Document{ID: "d", Text: "Akar said: “we stay” 😀 Ankara"}
	quote := annotate.NewSpan(d, 12, 19, "QUOTE", "ana")
	actor := annotate.NewSpan(d, 0, 4, "ACTOR", "ana")
	other := annotate.NewSpan(d, 23, 29, "ACTOR", "ana")
	rel := annotate.NewRelation("SAID_BY", quote.ID, actor.ID)
	h := annotate.NewHistory(d)
	changes := 0
	h.OnChange = func() { changes++ }

	steps := []struct {
		name string
		edit func() annotate.Edit
		want string
	}{
		{"add quote", func() annotate.Edit { return &annotate.AddSpan{Span: quote} },
			`[12,19)QUOTE:"we stay"/"" `},
		{"add actor", func() annotate.Edit { return &annotate.AddSpan{Span: actor} },
			`[12,19)QUOTE:"we stay"/"" [0,4)ACTOR:"Akar"/"" `},
		{"add other", func() annotate.Edit { return &annotate.AddSpan{Span: other} },
			`[12,19)QUOTE:"we stay"/"" [0,4)ACTOR:"Akar"/"" [23,29)ACTOR:"Ankara"/"" `},
		{"relate", func() annotate.Edit { return &annotate.AddRelation{Relation: rel} },
			`[12,19)QUOTE:"we stay"/"" [0,4)ACTOR:"Akar"/"" [23,29)ACTOR:"Ankara"/"" SAID_BY(` + quote.ID + `→` + actor.ID + `) `},
		{"note", func() annotate.Edit { return annotate.SetNote(d, actor.ID, "Turkish minister") },
			`[12,19)QUOTE:"we stay"/"" [0,4)ACTOR:"Akar"/"Turkish minister" [23,29)ACTOR:"Ankara"/"" SAID_BY(` + quote.ID + `→` + actor.ID + `) `},
		{"resize", func() annotate.Edit { return annotate.Resize(d, quote.ID, 11, 20) },
			`[11,20)QUOTE:"“we stay”"/"" [0,4)ACTOR:"Akar"/"Turkish minister" [23,29)ACTOR:"Ankara"/"" SAID_BY(` + quote.ID + `→` + actor.ID + `) `},
		{"relabel", func() annotate.Edit { return annotate.Relabel(d, quote.ID, "CLAIM") },
			`[11,20)CLAIM:"“we stay”"/"" [0,4)ACTOR:"Akar"/"Turkish minister" [23,29)ACTOR:"Ankara"/"" SAID_BY(` + quote.ID + `→` + actor.ID + `) `},
		{"remove actor takes its relation", func() annotate.Edit { return &annotate.RemoveSpan{ID: actor.ID} },
			`[11,20)CLAIM:"“we stay”"/"" [23,29)ACTOR:"Ankara"/"" `},
		{"batch", func() annotate.Edit {
			return &annotate.Batch{Name: "Label All", Edits: []annotate.Edit{
				&annotate.RemoveSpan{ID: other.ID},
				&annotate.AddSpan{Span: annotate.NewSpan(d, 5, 9, "CLAIM", "ana")},
			}}
		}, `[11,20)CLAIM:"“we stay”"/"" [5,9)CLAIM:"said"/"" `},
	}
	var states []string
	for _, st := range steps {
		states = append(states, state(d))
		if err := h.Do(st.edit()); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := state(d); got != st.want {
			t.Fatalf("%s:\n got %s\nwant %s", st.name, got, st.want)
		}
	}
	final := state(d)
	for i := len(steps) - 1; i >= 0; i-- {
		if !h.Undo() {
			t.Fatalf("undo %s: nothing to undo", steps[i].name)
		}
		if got := state(d); got != states[i] {
			t.Fatalf("undo %s:\n got %s\nwant %s", steps[i].name, got, states[i])
		}
	}
	if h.Undo() {
		t.Fatal("undo past the start")
	}
	for range steps {
		if !h.Redo() {
			t.Fatal("redo: nothing to redo")
		}
	}
	if got := state(d); got != final {
		t.Fatalf("after redo all:\n got %s\nwant %s", got, final)
	}
	if h.Redo() {
		t.Fatal("redo past the end")
	}
	if want := 3 * len(steps); changes != want {
		t.Errorf("OnChange ran %d times, want %d", changes, want)
	}
}

func TestHistoryRejectsBadEdits(t *testing.T) {
	d := &annotate.Document{ID: "d", Text: "Ankara said no"}
	h := annotate.NewHistory(d)
	s := annotate.NewSpan(d, 0, 6, "ACTOR", "")
	if err := h.Do(&annotate.AddSpan{Span: s}); err != nil {
		t.Fatal(err)
	}
	dup := annotate.NewSpan(d, 0, 6, "ACTOR", "")
	if err := h.Do(&annotate.AddSpan{Span: dup}); !errors.Is(err, annotate.ErrDuplicateSpan) {
		t.Errorf("duplicate span: err = %v", err)
	}
	bad := []annotate.Edit{
		&annotate.AddSpan{Span: annotate.Span{ID: "x", Start: 3, End: 3, Label: "ACTOR"}},
		&annotate.AddSpan{Span: annotate.Span{ID: "y", Start: 10, End: 99, Label: "ACTOR"}},
		&annotate.RemoveSpan{ID: "missing"},
		&annotate.AddRelation{Relation: annotate.NewRelation("SAID_BY", s.ID, "missing")},
		annotate.Resize(d, s.ID, 5, 2),
		// A batch whose second edit fails leaves nothing of the first.
		&annotate.Batch{Name: "b", Edits: []annotate.Edit{
			&annotate.AddSpan{Span: annotate.NewSpan(d, 7, 11, "CLAIM", "")},
			&annotate.RemoveSpan{ID: "missing"},
		}},
	}
	before := state(d)
	for i, e := range bad {
		if err := h.Do(e); err == nil {
			t.Errorf("edit %d (%s) succeeded", i, e.Describe())
		}
		if got := state(d); got != before {
			t.Fatalf("edit %d changed the document: %s", i, got)
		}
	}
	if what, ok := h.CanUndo(); !ok || what != "Add ACTOR" {
		t.Errorf("CanUndo = %q, %v", what, ok)
	}
}

func TestHistoryDirty(t *testing.T) {
	d := &annotate.Document{ID: "d", Text: "Ankara said no"}
	h := annotate.NewHistory(d)
	if h.Dirty() {
		t.Fatal("new history is dirty")
	}
	add := func(start, end int) {
		if err := h.Do(&annotate.AddSpan{Span: annotate.NewSpan(d, start, end, "ACTOR", "")}); err != nil {
			t.Fatal(err)
		}
	}
	add(0, 6)
	if !h.Dirty() {
		t.Fatal("edited history is clean")
	}
	h.MarkSaved()
	if h.Dirty() {
		t.Fatal("saved history is dirty")
	}
	h.Undo()
	if !h.Dirty() {
		t.Fatal("undo after save is clean")
	}
	h.Redo()
	if h.Dirty() {
		t.Fatal("redo back to the saved state is dirty")
	}
	h.Undo()
	add(7, 11) // the saved state can no longer be reached
	h.Undo()
	h.Redo()
	if !h.Dirty() {
		t.Fatal("a state never saved counts as saved")
	}
}

// TestMarkSavedAt: a save in the background marks saved the state it
// wrote, whatever was edited, undone or redone while it ran.
func TestMarkSavedAt(t *testing.T) {
	add := func(h *annotate.History, start int) {
		d := h.Document()
		if err := h.Do(&annotate.AddSpan{Span: annotate.NewSpan(d, start, start+1, "ACTOR", "")}); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name string
		// before edits the history before the save takes its version;
		// during edits it while the save runs.
		before, during func(h *annotate.History)
		dirty          bool
		// after, if set, edits after the save is marked; then dirty is
		// dirtyAfter.
		after      func(h *annotate.History)
		dirtyAfter bool
	}{
		{name: "nothing meanwhile", before: func(h *annotate.History) { add(h, 0) }, during: func(*annotate.History) {}},
		{name: "an edit meanwhile", before: func(h *annotate.History) { add(h, 0) }, during: func(h *annotate.History) { add(h, 1) },
			dirty: true, after: func(h *annotate.History) { h.Undo() }},
		{name: "undone meanwhile", before: func(h *annotate.History) { add(h, 0) }, during: func(h *annotate.History) { h.Undo() },
			dirty: true, after: func(h *annotate.History) { h.Redo() }},
		{name: "undone and replaced", before: func(h *annotate.History) { add(h, 0) }, during: func(h *annotate.History) { h.Undo(); add(h, 2) },
			dirty: true, after: func(h *annotate.History) { h.Undo() }, dirtyAfter: true},
		{name: "the empty state", before: func(*annotate.History) {}, during: func(h *annotate.History) { add(h, 0) },
			dirty: true, after: func(h *annotate.History) { h.Undo() }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := annotate.NewHistory(&annotate.Document{ID: "d", Text: "abcdef"})
			c.before(h)
			v := h.Version()
			c.during(h)
			h.MarkSavedAt(v)
			if h.Dirty() != c.dirty {
				t.Fatalf("dirty %v, want %v", h.Dirty(), c.dirty)
			}
			if c.after != nil {
				c.after(h)
				if h.Dirty() != c.dirtyAfter {
					t.Errorf("after: dirty %v, want %v", h.Dirty(), c.dirtyAfter)
				}
			}
		})
	}
}
