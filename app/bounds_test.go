package app

import (
	"gloss/export/exporttest"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// boundsWindow opens mixedText with a QUOTE "we will not stop" (with a
// note) SAID_BY the ACTOR "Ankara 🇹🇷", the quote selected.
func boundsWindow(t *testing.T) (w *Window, quote, actor string) {
	t.Helper()
	w, _, _ = openMixed(t)
	for _, p := range []struct{ label, phrase string }{{"QUOTE", "we will not stop"}, {"ACTOR", "Ankara 🇹🇷"}} {
		s, e := annotatetest.Find(t, mixedText, p.phrase, 0)
		w.AddSpan(p.label, s, e)
	}
	d := w.Document()
	quote, actor = d.Spans[0].ID, d.Spans[1].ID
	w.do(annotate.SetNote(d, quote, "check the wording"))
	w.do(&annotate.AddRelation{Relation: annotate.NewRelation("SAID_BY", quote, actor)})
	w.SelectSpan(quote)
	return w, quote, actor
}

// altKey sends Alt(+Shift)+arrow to the view as the driver does when no
// menu takes it.
func altKey(w *Window, k fyne.KeyName, shift bool) {
	mod := fyne.KeyModifierAlt
	if shift {
		mod |= fyne.KeyModifierShift
	}
	w.view.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: mod})
}

func quoteText(t *testing.T, w *Window, id string) string {
	t.Helper()
	d := w.Document()
	i := d.SpanByID(id)
	if i < 0 {
		t.Fatalf("span %s is gone", id)
	}
	return d.Spans[i].Text
}

func TestBoundaryKeysAndMenu(t *testing.T) {
	w, quote, actor := boundsWindow(t)
	steps := []struct {
		name string
		do   func()
		want string
	}{
		{"Alt+→", func() { altKey(w, fyne.KeyRight, false) }, "we will not stop”"},
		{"Alt+←", func() { altKey(w, fyne.KeyLeft, false) }, "we will not stop"},
		{"Alt+Shift+←", func() { altKey(w, fyne.KeyLeft, true) }, "“we will not stop"},
		{"Alt+Shift+→", func() { altKey(w, fyne.KeyRight, true) }, "we will not stop"},
		{"menu Move End One Word Earlier", func() { w.menuItem("Edit", "Move End One Word Earlier").Action() }, "we will not"},
		{"menu Move Start One Word Later", func() { w.menuItem("Edit", "Move Start One Word Later").Action() }, "will not"},
		{"menu Move Start One Word Earlier", func() { w.menuItem("Edit", "Move Start One Word Earlier").Action() }, "we will not"},
		{"menu Move End One Word Later", func() { w.menuItem("Edit", "Move End One Word Later").Action() }, "we will not stop"},
	}
	for _, st := range steps {
		st.do()
		if got := quoteText(t, w, quote); got != st.want {
			t.Fatalf("%s: %q, want %q (status %q)", st.name, got, st.want, w.Message())
		}
		if m := w.Message(); m != "QUOTE now “"+st.want+"”" {
			t.Errorf("%s: status %q", st.name, m)
		}
		if w.view.SelectedSpan() != quote {
			t.Errorf("%s: selected %q", st.name, w.view.SelectedSpan())
		}
	}
	// The menu shows the keys of DESIGN.md.
	for label, sc := range map[string]string{
		"Move End One Word Later":     "Alt+Right",
		"Move End One Word Earlier":   "Alt+Left",
		"Move Start One Word Earlier": "Alt+Shift+Left",
		"Move Start One Word Later":   "Alt+Shift+Right",
	} {
		it := w.menuItem("Edit", label)
		c, ok := it.Shortcut.(*desktop.CustomShortcut)
		got := ""
		if ok {
			got = shortcutName(c)
		}
		if got != sc {
			t.Errorf("%s: shortcut %q, want %q", label, got, sc)
		}
	}
	// Each move is one undo step, named in the menu.
	if it := w.menuItem("Edit", "Undo Move End of QUOTE"); it == nil || it.Disabled {
		t.Errorf("no Undo Move End of QUOTE item")
	}
	for i := len(steps) - 2; i >= 0; i-- {
		w.Undo()
		if got := quoteText(t, w, quote); got != steps[i].want {
			t.Fatalf("undo back to %s: %q, want %q", steps[i].name, got, steps[i].want)
		}
	}
	w.Undo()
	d := w.Document()
	q := d.Spans[d.SpanByID(quote)]
	if q.Text != "we will not stop" || q.Note != "check the wording" || len(d.Relations) != 1 || d.Relations[0].From != quote || d.Relations[0].To != actor {
		t.Errorf("after undoing every move: %+v, relations %+v", q, d.Relations)
	}
}

func TestBoundaryRefusals(t *testing.T) {
	w, quote, _ := boundsWindow(t)
	before := spanSummary(w.Document())
	undo, _ := w.s.History().CanUndo()
	// Nothing selected.
	key(w, fyne.KeyEscape)
	w.menuItem("Edit", "Move End One Word Later").Action()
	if m := w.Message(); !strings.HasPrefix(m, "Select a span first") {
		t.Errorf("with no span selected: %q", m)
	}
	// The quote shrunk to one word, then emptied: refused with a message.
	w.SelectSpan(quote)
	for range 3 {
		altKey(w, fyne.KeyLeft, false)
	}
	if got := quoteText(t, w, quote); got != "we" {
		t.Fatalf("after three Alt+←: %q", got)
	}
	altKey(w, fyne.KeyLeft, false)
	if m := w.Message(); m != "Cannot move the end of QUOTE “we” earlier: the span would be empty" {
		t.Errorf("emptying refused with %q", m)
	}
	altKey(w, fyne.KeyRight, true)
	if m := w.Message(); m != "Cannot move the start of QUOTE “we” later: the span would be empty" {
		t.Errorf("emptying from the start refused with %q", m)
	}
	// A twin: another QUOTE over "we will".
	s, e := annotatetest.Find(t, mixedText, "we will", 0)
	w.AddSpan("QUOTE", s, e)
	w.SelectSpan(quote)
	altKey(w, fyne.KeyRight, false)
	if m := w.Message(); m != "Cannot move the end of QUOTE “we” later: there is a QUOTE “we will” there already" {
		t.Errorf("a twin refused with %q", m)
	}
	if got := quoteText(t, w, quote); got != "we" {
		t.Errorf("a refused move changed the quote to %q", got)
	}
	// The first word of the text.
	a := w.Document().Spans[1].ID
	w.SelectSpan(a)
	altKey(w, fyne.KeyLeft, true)
	if m := w.Message(); !strings.HasSuffix(m, "it is at the first word of the text") {
		t.Errorf("before the first word: %q", m)
	}
	// In Said By mode the keys do nothing.
	w.SelectSpan(quote)
	w.menuItem("Edit", "Said By… (S)").Action()
	w.menuItem("Edit", "Move End One Word Later").Action()
	altKey(w, fyne.KeyRight, false)
	if got := quoteText(t, w, quote); got != "we" {
		t.Errorf("in Said By mode the end moved: %q", got)
	}
	key(w, fyne.KeyEscape)
	// Refusals left no undo step: three moves and a span to undo.
	for range 4 {
		w.Undo()
	}
	if got := spanSummary(w.Document()); strings.Join(got, "|") != strings.Join(before, "|") {
		t.Errorf("after undoing: %v, want %v", got, before)
	}
	if now, _ := w.s.History().CanUndo(); now != undo {
		t.Errorf("undo now %q, was %q", now, undo)
	}
}

func TestDragHandleInTheApp(t *testing.T) {
	w, quote, actor := boundsWindow(t)
	// Drag the end handle back into "not": snapped, the quote ends there.
	from, ok := w.view.HandlePosition(annotate.EndEdge)
	if !ok {
		t.Fatal("the selected quote has no end handle")
	}
	n, _ := annotatetest.Find(t, mixedText, "not", 0)
	to, _ := w.view.PositionOf(n + 1)
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary}
	w.view.MouseDown(ev)
	w.view.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	w.view.DragEnd()
	if got := quoteText(t, w, quote); got != "we will not" {
		t.Fatalf("after dragging the end handle: %q (status %q)", got, w.Message())
	}
	// With snapping off (View → Snap to Words) the start stops at the
	// character dragged to.
	w.menuItem("View", "Snap to Words").Action()
	if w.Snapping() || w.menuItem("View", "Snap to Words").Checked {
		t.Fatal("Snap to Words did not switch snapping off")
	}
	from, _ = w.view.HandlePosition(annotate.StartEdge)
	l, _ := annotatetest.Find(t, mixedText, "will", 0)
	to, _ = w.view.PositionOf(l + 2)
	to.X -= 2 // left of the middle of "l": the boundary before it
	w.view.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	w.view.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	w.view.DragEnd()
	if got := quoteText(t, w, quote); got != "ll not" {
		t.Fatalf("after dragging the start with snapping off: %q (status %q)", got, w.Message())
	}
	w.SetSnapping(true)
	// Saved: same id, note and speaker, new offsets.
	out := filepath.Join(t.TempDir(), "out.jsonl")
	saveAndWait(t, w, out)
	d := exporttest.ReadNative(t, out)[0]
	i := d.SpanByID(quote)
	s, e := annotatetest.Find(t, mixedText, "ll not", 0)
	if i < 0 || d.Spans[i].Start != s || d.Spans[i].End != e || d.Spans[i].Note != "check the wording" {
		t.Fatalf("saved %v", spanSummary(d))
	}
	if len(d.Relations) != 1 || d.Relations[0].From != quote || d.Relations[0].To != actor {
		t.Errorf("saved relations %+v", d.Relations)
	}
	// Two undo steps, one per drag.
	w.Undo()
	w.Undo()
	if got := quoteText(t, w, quote); got != "we will not stop" {
		t.Errorf("after two undos: %q", got)
	}
}

func TestSnapToWordsRemembered(t *testing.T) {
	w, _, _ := openMixed(t)
	w.SetSnapping(false)
	s, _ := annotatetest.Find(t, mixedText, "will not", 0)
	w.view.SetSelection(s+1, s+6)
	w.LabelSelection("CLAIM")
	d := w.Document()
	if len(d.Spans) != 1 || d.Spans[0].Text != "ill n" {
		t.Errorf("labelled with snapping off: %v", spanSummary(d))
	}
	if !w.prefs.p.Bool(prefNoSnap) {
		t.Error("snapping off is not remembered")
	}
}

// shortcutName is how Fyne names a custom shortcut: "Alt+Shift+Left".
func shortcutName(c *desktop.CustomShortcut) string {
	var parts []string
	if c.Modifier&fyne.KeyModifierControl != 0 {
		parts = append(parts, "Ctrl")
	}
	if c.Modifier&fyne.KeyModifierAlt != 0 {
		parts = append(parts, "Alt")
	}
	if c.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	return strings.Join(append(parts, string(c.KeyName)), "+")
}
