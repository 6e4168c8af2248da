package app

import (
	"gloss/export/exporttest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/assets"
)

// The Çavusoglu quote of the sample article and the spans around it.
const (
	cavQuote = "call a truce just when Haftar begins to lose ground. This is neither convincing nor sincere. The efforts of a cease-fire in Cairo are born dead"
	cavActor = "Çavusoglu, quoted"
)

// sampleSpans opens the sample article and labels the Çavusoglu quote, the
// actor Çavusoglu (before it), the actor Akar (after it) and a CLAIM; it
// returns the window and the spans' ids by name.
func sampleSpans(t *testing.T) (*Window, map[string]string) {
	t.Helper()
	w, _ := newTestWindow(t, Options{Annotator: "ana"})
	text := string(assets.Sample)
	ids := map[string]string{}
	for _, c := range []struct{ name, label, phrase string }{
		{"quote", "QUOTE", cavQuote},
		{"cav", "ACTOR", "Çavusoglu"},
		{"akar", "ACTOR", "Hulusi Akar"},
		{"claim", "CLAIM", "was rejected by Turkey"},
	} {
		nth := 0
		if c.phrase == "Çavusoglu" {
			nth = 1 // "Çavusoglu, quoted by the agency"
		}
		s, e := annotatetest.Find(t, text, c.phrase, nth)
		w.AddSpan(c.label, s, e)
		d := w.Document()
		i := d.FindSpan(s, e, c.label)
		if i < 0 {
			t.Fatalf("no %s %q", c.label, c.phrase)
		}
		ids[c.name] = d.Spans[i].ID
	}
	return w, ids
}

// key sends a key to the document view as Fyne does.
func key(w *Window, name fyne.KeyName) { w.view.TypedKey(&fyne.KeyEvent{Name: name}) }

// relations lists a document's relations as "LABEL from-text → to-text".
func relations(d *annotate.Document) []string {
	var out []string
	for _, r := range d.Relations {
		s := r.Label + " " + snippet(spanText(d, r.From), 12) + " → " + snippet(spanText(d, r.To), 12)
		if r.Suggested {
			s += " ?"
		}
		out = append(out, s)
	}
	return out
}

// click clicks the view at p as a real mouse does: down, up, tap.
func click(w *Window, p fyne.Position) {
	ev := &desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: p}, Button: desktop.MouseButtonPrimary}
	w.view.MouseDown(ev)
	w.view.MouseUp(ev)
	w.view.Tapped(&ev.PointEvent)
}

// listTexts is the text of every label the span list draws.
func listTexts(w *Window) []string {
	var out []string
	walk(w.spans.list, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Visible() && l.Text != "" {
			out = append(out, l.Text)
		}
		if l, ok := o.(*tipLabel); ok && l.Visible() && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

// pointOn finds a point of the view over span id by clicking across it
// (outside link mode, where a click selects the span under it).
func pointOn(t *testing.T, w *Window, id string) fyne.Position {
	t.Helper()
	w.view.SelectSpan(id) // scrolls it into view
	size := w.view.Size()
	for y := float32(4); y < size.Height; y += 5 {
		for x := float32(4); x < size.Width-20; x += 7 {
			p := fyne.NewPos(x, y)
			click(w, p)
			if w.view.SelectedSpan() == id {
				return p
			}
		}
	}
	t.Fatalf("span %s is nowhere on screen", id)
	return fyne.Position{}
}

func TestSaidByKeyTabEnter(t *testing.T) {
	w, ids := sampleSpans(t)
	w.view.SelectSpan(ids["quote"])
	test.Type(w.view, "s")
	if w.view.LinkSource() != ids["quote"] {
		t.Fatalf("link source = %q after S, want the quote", w.view.LinkSource())
	}
	if m := w.Message(); !strings.Contains(m, "click the speaker, or Tab and Enter; Esc cancels") {
		t.Errorf("status = %q", m)
	}
	// Tab goes to the ACTORs only: Akar (after the quote), then round to
	// Çavusoglu; the CLAIM is skipped.
	key(w, fyne.KeyTab)
	key(w, fyne.KeyTab)
	key(w, fyne.KeyReturn)
	d := w.Document()
	if got := relations(d); len(got) != 1 || got[0] != "SAID_BY call a truc… → Çavusoglu" {
		t.Fatalf("relations = %q", got)
	}
	if r := d.Relations[0]; r.From != ids["quote"] || r.To != ids["cav"] || r.Suggested || r.ID == "" {
		t.Errorf("relation = %+v", r)
	}
	if w.view.LinkSource() != "" || w.view.SelectedSpan() != ids["quote"] {
		t.Errorf("after Enter: link source %q, selected %q", w.view.LinkSource(), w.view.SelectedSpan())
	}
	if !w.Dirty() || !strings.HasPrefix(w.win.Title(), "● ") {
		t.Error("a relation is not unsaved work")
	}
	// The span list shows the speaker beside the quote, and the quote
	// beside the speaker.
	if got := relationCaption(d, ids["quote"]); got != "— Çavusoglu" {
		t.Errorf("quote caption = %q", got)
	}
	if got := relationCaption(d, ids["cav"]); got != "← 1 quote" {
		t.Errorf("actor caption = %q", got)
	}
	if got := listTexts(w); !slices.Contains(got, "— Çavusoglu") || !slices.Contains(got, "← 1 quote") {
		t.Errorf("the span list shows %q", got)
	}
	// Undo and redo, through the menu.
	undo := w.menuItem("Edit", "Undo Add SAID_BY")
	if undo == nil {
		t.Fatal("no Undo Add SAID_BY item")
	}
	undo.Action()
	if len(d.Relations) != 0 {
		t.Fatalf("relations after undo: %q", relations(d))
	}
	w.Redo()
	if len(d.Relations) != 1 {
		t.Fatalf("relations after redo: %q", relations(d))
	}
	// Deleting the actor removes the relation; undo brings both back.
	w.DeleteSpan(ids["cav"])
	if d.SpanByID(ids["cav"]) >= 0 || len(d.Relations) != 0 {
		t.Fatalf("after deleting the actor: %v, %q", spanSummary(d), relations(d))
	}
	w.Undo()
	if d.SpanByID(ids["cav"]) < 0 || len(d.Relations) != 1 {
		t.Fatalf("after undoing the delete: %q", relations(d))
	}
}

func TestSaidByCancelAndRefusals(t *testing.T) {
	w, ids := sampleSpans(t)
	d := w.Document()
	cases := []struct {
		name    string
		run     func()
		linking bool
		msg     string
	}{
		{"Esc cancels", func() {
			w.view.SelectSpan(ids["quote"])
			test.Type(w.view, "s")
			key(w, fyne.KeyEscape)
		}, false, "Said By cancelled"},
		{"menu item starts it", func() {
			w.view.SelectSpan(ids["claim"])
			w.menuItem("Edit", "Said By… (S)").Action()
		}, true, "click the speaker"},
		{"a stray key in link mode labels nothing", func() {
			test.Type(w.view, "a")
			key(w, fyne.KeyDelete)
		}, true, "click the speaker"},
		{"Esc again", func() { key(w, fyne.KeyEscape) }, false, "cancelled"},
		{"an ACTOR cannot be a source", func() {
			w.view.SelectSpan(ids["cav"])
			test.Type(w.view, "s")
		}, false, "links a QUOTE or CLAIM, not a ACTOR"},
		{"nothing selected", func() {
			w.view.SelectSpan("")
			test.Type(w.view, "s")
		}, false, "select a QUOTE or CLAIM first"},
		{"the key S (not the character) does nothing", func() {
			w.view.SelectSpan(ids["quote"])
			key(w, fyne.KeyS)
		}, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(d.Spans)
			c.run()
			if got := w.view.LinkSource() != ""; got != c.linking {
				t.Errorf("linking = %v, want %v", got, c.linking)
			}
			if c.msg != "" && !strings.Contains(w.Message(), c.msg) {
				t.Errorf("status = %q, want %q", w.Message(), c.msg)
			}
			if len(d.Relations) != 0 || len(d.Spans) != before {
				t.Errorf("changed the document: %q %v", relations(d), spanSummary(d))
			}
		})
	}
}

func TestSaidByClick(t *testing.T) {
	w, ids := sampleSpans(t)
	d := w.Document()
	onClaim := pointOn(t, w, ids["claim"])
	onActor := pointOn(t, w, ids["cav"])
	onQuote := pointOn(t, w, ids["quote"])
	// Clicks do not scroll: the points are still on their spans.
	for _, c := range []struct {
		p  fyne.Position
		id string
	}{{onClaim, ids["claim"]}, {onActor, ids["cav"]}, {onQuote, ids["quote"]}} {
		click(w, c.p)
		if got := w.view.SelectedSpan(); got != c.id {
			t.Fatalf("a click at %v selects %q, want %q", c.p, got, c.id)
		}
	}
	test.Type(w.view, "s")
	// A click on a span that SAID_BY cannot reach (the CLAIM) does nothing.
	click(w, onClaim)
	if w.view.LinkSource() != ids["quote"] || len(d.Relations) != 0 {
		t.Fatalf("a click on the CLAIM: link source %q, relations %q", w.view.LinkSource(), relations(d))
	}
	click(w, onActor)
	if got := relations(d); len(got) != 1 || d.Relations[0].To != ids["cav"] {
		t.Fatalf("after a click on the actor: %q", got)
	}
	// Linking the quote to another speaker replaces the first, as one
	// undoable step; linking it again to the same one changes nothing.
	for range 2 {
		w.view.SelectSpan(ids["quote"])
		test.Type(w.view, "s")
		key(w, fyne.KeyTab) // Akar, the next ACTOR
		key(w, fyne.KeyReturn)
	}
	if got := relations(d); len(got) != 1 || d.Relations[0].To != ids["akar"] {
		t.Fatalf("after linking to Akar twice: %q", got)
	}
	if what, _ := w.s.History().CanUndo(); what != "Change SAID_BY" {
		t.Errorf("undo names %q", what)
	}
	w.Undo()
	if got := relations(d); len(got) != 1 || d.Relations[0].To != ids["cav"] {
		t.Fatalf("after undoing the change: %q", got)
	}
	// Remove Said By, from the actor's end, undoable.
	w.view.SelectSpan(ids["cav"])
	w.menuItem("Edit", "Remove Said By").Action()
	if len(d.Relations) != 0 {
		t.Fatalf("after Remove Said By: %q", relations(d))
	}
	w.Undo()
	if len(d.Relations) != 1 {
		t.Fatalf("after undoing Remove Said By: %q", relations(d))
	}
}

func TestSaidBySaved(t *testing.T) {
	w, ids := sampleSpans(t)
	w.view.SelectSpan(ids["claim"])
	test.Type(w.view, "s")
	key(w, fyne.KeyTab)
	key(w, fyne.KeyReturn)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	saveAndWait(t, w, out)
	docs := exporttest.ReadNative(t, out)
	if len(docs) != 1 || len(docs[0].Relations) != 1 {
		t.Fatalf("saved %d documents, relations %v", len(docs), docs[0].Relations)
	}
	r := docs[0].Relations[0]
	if r.Label != "SAID_BY" || r.From != ids["claim"] || r.To != ids["cav"] || r.Suggested {
		t.Errorf("saved relation = %+v", r)
	}
}

func TestRelationKeysOfCustomLabelSet(t *testing.T) {
	ls, err := annotate.ParseLabelSet([]byte(`
[[label]]
name = "PERSON"
key = "p"
color = "#1f77b4"
[[label]]
name = "QUOTE"
key = "q"
color = "#2ca02c"
[[relation]]
name = "SAID_BY"
key = "s"
from = ["QUOTE"]
to = ["PERSON"]
[[relation]]
name = "ABOUT"
key = "b"
from = ["QUOTE"]
to = ["PERSON"]
`), "custom.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := writeFile(t, dir, "mixed.txt", mixedText)
	w, _ := newTestWindow(t, Options{Files: []string{in}, Labels: ls})
	for _, label := range []string{"Said By… (S)", "Remove Said By", "About… (B)", "Remove About"} {
		if w.menuItem("Edit", label) == nil {
			t.Errorf("no Edit item %q", label)
		}
	}
	qs, qe := annotatetest.Find(t, mixedText, "we will not stop", 0)
	ps, pe := annotatetest.Find(t, mixedText, "Vladimir Putin", 0)
	w.AddSpan("QUOTE", qs, qe)
	w.AddSpan("PERSON", ps, pe)
	d := w.Document()
	w.view.SelectSpan(d.Spans[0].ID)
	test.Type(w.view, "b")
	key(w, fyne.KeyTab)
	key(w, fyne.KeyReturn)
	if got := relations(d); len(got) != 1 || got[0] != "ABOUT we will not… → Vladimir Pu…" {
		t.Fatalf("relations = %q", got)
	}
	if got := relationCaption(d, d.Spans[0].ID); got != "→ Vladimir Putin" {
		t.Errorf("caption = %q", got)
	}
}
