package app

import (
	"gloss/export/exporttest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// counts is how many suggested and accepted spans and relations d has.
type counts struct{ sugSpans, spans, sugRels, rels int }

func countOf(d *annotate.Document) counts {
	var c counts
	for _, s := range d.Spans {
		if s.Suggested {
			c.sugSpans++
		} else {
			c.spans++
		}
	}
	for _, r := range d.Relations {
		if r.Suggested {
			c.sugRels++
		} else {
			c.rels++
		}
	}
	return c
}

// quotesSaidBy lists the suggested QUOTEs and CLAIMs of d and whom they
// are said by.
func quotesSaidBy(d *annotate.Document) []string {
	var out []string
	for _, s := range d.Spans {
		if s.Label != "QUOTE" && s.Label != "CLAIM" {
			continue
		}
		by := ""
		for _, r := range d.Relations {
			if r.From == s.ID && r.Label == "SAID_BY" {
				by = spanText(d, r.To)
			}
		}
		out = append(out, snippet(s.Text, 14)+" ← "+by)
	}
	return out
}

// suggestSample opens the sample article and runs Suggest.
func suggestSample(t *testing.T) (*Window, *annotate.Document) {
	t.Helper()
	w, _ := newTestWindow(t, Options{Annotator: "ana"})
	w.menuItem("Suggest", "Suggest").Action()
	return w, w.Document()
}

func TestSuggestAddsQuotesWithSpeakers(t *testing.T) {
	w, d := suggestSample(t)
	got := quotesSaidBy(d)
	want := []string{
		"“the jobs con… ← The foreign ministry of russia",
		"Lavrov and hi… ← The Ministry of Foreign affairs Turkish",
		"“call a truce… ← Çavusoglu",
		"Haftar was no… ← the minister of Defense, Turkish, Hulusi Akar",
	}
	if !slices.Equal(got, want) {
		t.Errorf("quotes:\n got %q\nwant %q", got, want)
	}
	c := countOf(d)
	if c.spans != 0 || c.rels != 0 || c.sugSpans < 30 || c.sugRels < 3 {
		t.Errorf("after Suggest: %+v", c)
	}
	for _, s := range d.Spans {
		if s.Reason == "" {
			t.Errorf("%s %q has no reason", s.Label, s.Text)
		}
	}
	if m := w.Message(); !strings.HasPrefix(m, "Suggested ") {
		t.Errorf("status = %q", m)
	}
	if !w.Dirty() {
		t.Error("suggestions are not unsaved work")
	}
	// One undoable step; a second run adds nothing new.
	if what, _ := w.s.History().CanUndo(); what != "Suggest" {
		t.Errorf("undo names %q", what)
	}
	w.Suggest()
	if got := countOf(d); got != c {
		t.Errorf("a second Suggest changed %+v to %+v", c, got)
	}
	if m := w.Message(); m != "No new suggestions" {
		t.Errorf("status after the second run = %q", m)
	}
	w.Undo()
	if len(d.Spans) != 0 || len(d.Relations) != 0 {
		t.Errorf("undo left %d spans, %d relations", len(d.Spans), len(d.Relations))
	}
	// The first suggestion is selected, its reason shown; the list marks it.
	w.Redo()
	w.Suggest()
	w.view.SelectSpan(quoteID(t, d, "Haftar was not"))
	if m := w.Message(); m != "Suggested: inside “ ” quotation marks — Enter accepts, Backspace rejects" {
		t.Errorf("status for a selected suggestion = %q", m)
	}
}

// quoteID is the id of the QUOTE or CLAIM that starts with prefix (after
// an opening quotation mark).
func quoteID(t *testing.T, d *annotate.Document, prefix string) string {
	t.Helper()
	for _, s := range d.Spans {
		if (s.Label == "QUOTE" || s.Label == "CLAIM") && strings.HasPrefix(strings.TrimPrefix(s.Text, "“"), prefix) {
			return s.ID
		}
	}
	t.Fatalf("no QUOTE or CLAIM %q", prefix)
	return ""
}

// spanByText is the span of d labelled label with the given text.
func spanByText(t *testing.T, d *annotate.Document, label, text string) annotate.Span {
	t.Helper()
	for _, s := range d.Spans {
		if s.Label == label && s.Text == text {
			return s
		}
	}
	t.Fatalf("no %s %q", label, text)
	return annotate.Span{}
}

func TestAcceptAndRejectOneByOne(t *testing.T) {
	w, d := suggestSample(t)
	quote := quoteID(t, d, "call a truce")
	actor := spanByText(t, d, "ACTOR", "Çavusoglu").ID
	before := countOf(d)

	// Enter on the quote accepts it; its relation stays a suggestion while
	// the speaker is one; the next suggestion is selected.
	w.view.SelectSpan(quote)
	key(w, fyne.KeyReturn)
	if isSuggested(d, quote) {
		t.Fatal("Enter did not accept the quote")
	}
	if got := relationOf(d, quote); !got.Suggested {
		t.Errorf("the relation was accepted with its speaker still suggested: %+v", got)
	}
	next := w.view.SelectedSpan()
	if next == quote || !isSuggested(d, next) || d.Spans[d.SpanByID(next)].Start < d.Spans[d.SpanByID(quote)].Start {
		t.Errorf("after Enter the selection is %q, not the next suggestion", spanText(d, next))
	}
	// Accepting the speaker accepts the relation: both ends are accepted.
	w.view.SelectSpan(actor)
	key(w, fyne.KeyReturn)
	if r := relationOf(d, quote); r.Suggested || r.To != actor || r.Reason == "" {
		t.Errorf("relation after accepting both ends: %+v", r)
	}
	if got := countOf(d); got.spans != 2 || got.rels != 1 || got.sugSpans != before.sugSpans-2 {
		t.Errorf("counts after two accepts: %+v", got)
	}
	// Undo of the actor's accept makes the relation a suggestion again.
	w.Undo()
	if r := relationOf(d, quote); !r.Suggested || !isSuggested(d, actor) {
		t.Errorf("after undo: relation %+v, actor suggested %v", r, isSuggested(d, actor))
	}
	w.Redo()

	// Backspace rejects the selected suggestion, and its relations go too.
	jobs := quoteID(t, d, "the jobs continue")
	w.view.SelectSpan(jobs)
	key(w, fyne.KeyBackspace)
	if d.SpanByID(jobs) >= 0 || relationOf(d, jobs).ID != "" {
		t.Fatal("Backspace did not reject the quote and its relation")
	}
	if s := w.view.SelectedSpan(); s == "" || !isSuggested(d, s) {
		t.Errorf("after Backspace the selection is %q", spanText(d, s))
	}
	w.Undo()
	if !isSuggested(d, jobs) || relationOf(d, jobs).ID == "" {
		t.Error("undo did not bring back the rejected quote and its relation")
	}
	// Enter on an accepted span without suggested relations does nothing.
	w.view.SelectSpan(actor)
	n := len(w.s.History().Document().Spans)
	key(w, fyne.KeyReturn)
	// An edit would have emptied the redo list.
	if what, _ := w.s.History().CanRedo(); what != "Delete CLAIM" {
		t.Errorf("Enter on an accepted span made an edit (redo: %q)", what)
	}
	if len(d.Spans) != n {
		t.Error("Enter on an accepted span changed the spans")
	}
}

func TestLabellingASuggestionAcceptsIt(t *testing.T) {
	w, d := suggestSample(t)
	quote := d.Spans[d.SpanByID(quoteID(t, d, "Haftar was not"))]
	n := len(d.Spans)
	w.view.SetSelection(quote.Start, quote.End)
	test.Type(w.view, "q")
	if len(d.Spans) != n || isSuggested(d, quote.ID) {
		t.Errorf("after q on a suggested QUOTE: %d spans (had %d), suggested %v", len(d.Spans), n, isSuggested(d, quote.ID))
	}
	w.Undo()
	if !isSuggested(d, quote.ID) {
		t.Error("undo did not make it a suggestion again")
	}
}

// relationOf is the SAID_BY relation from span id, or a zero Relation.
func relationOf(d *annotate.Document, id string) annotate.Relation {
	for _, r := range d.Relations {
		if r.From == id && r.Label == "SAID_BY" {
			return r
		}
	}
	return annotate.Relation{}
}

func TestWalkThroughSuggestions(t *testing.T) {
	w, d := suggestSample(t)
	total := countOf(d).sugSpans
	// Suggest selected the first suggestion; Enter, Enter, Backspace…
	// walks through all of them in text order.
	var seen []int
	for i := 0; w.view.SelectedSpan() != ""; i++ {
		if i > total {
			t.Fatal("the walk does not end")
		}
		seen = append(seen, d.Spans[d.SpanByID(w.view.SelectedSpan())].Start)
		if i%3 == 2 {
			key(w, fyne.KeyBackspace)
		} else {
			key(w, fyne.KeyReturn)
		}
	}
	if len(seen) != total || !slices.IsSorted(seen) {
		t.Errorf("walked %d of %d suggestions, starts %v", len(seen), total, seen)
	}
	if c := countOf(d); c.sugSpans != 0 || c.spans != total-total/3 {
		t.Errorf("after the walk: %+v", c)
	}
	if !strings.Contains(w.Message(), "no suggestions left") {
		t.Errorf("status = %q", w.Message())
	}
}

func TestAcceptAllRejectAll(t *testing.T) {
	cases := []struct {
		item string
		want func(before counts) counts
	}{
		{"Accept All Suggestions", func(b counts) counts { return counts{spans: b.sugSpans, rels: b.sugRels} }},
		{"Reject All Suggestions", func(counts) counts { return counts{} }},
	}
	for _, c := range cases {
		t.Run(c.item, func(t *testing.T) {
			w, d := suggestSample(t)
			before := countOf(d)
			w.menuItem("Suggest", c.item).Action()
			if got := countOf(d); got != c.want(before) {
				t.Errorf("after %s: %+v (before %+v)", c.item, got, before)
			}
			if p := annotate.Validate(d, w.labels); len(p) > 0 {
				t.Errorf("invalid after %s: %v", c.item, p)
			}
			w.Undo()
			if got := countOf(d); got != before {
				t.Errorf("after undo: %+v, want %+v", got, before)
			}
		})
	}
}

func TestSuggestionsSaved(t *testing.T) {
	w, d := suggestSample(t)
	quote := quoteID(t, d, "call a truce")
	actor := spanByText(t, d, "ACTOR", "Çavusoglu").ID
	w.AcceptSuggestion(quote)
	w.AcceptSuggestion(actor)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	saveAndWait(t, w, out)
	if w.Dirty() {
		t.Error("dirty after saving")
	}
	back := exporttest.ReadNative(t, out)[0]
	if got, want := countOf(back), countOf(d); got != want || got.spans != 2 || got.rels != 1 {
		t.Errorf("read back %+v, had %+v", got, want)
	}
	for _, s := range back.Spans {
		orig := d.Spans[d.SpanByID(s.ID)]
		if s.Suggested != orig.Suggested || s.Reason != orig.Reason || s.Start != orig.Start || s.End != orig.End {
			t.Errorf("span read back %+v, saved %+v", s, orig)
		}
	}
	if r := relationOf(back, quote); r.To != actor || r.Suggested {
		t.Errorf("relation read back %+v", r)
	}
}

// TestSuggestMixedText runs Suggest on a text with an emoji flag, a
// combining accent, CJK and CRLF: every suggestion's text matches its code
// point range, the quote is found, and Accept All then a save keep them.
func TestSuggestMixedText(t *testing.T) {
	w, _, out := openMixed(t)
	w.Suggest()
	d := w.Document()
	qs, qe := annotatetest.Find(t, mixedText, "we will not stop", 0)
	if i := d.FindSpan(qs, qe, "QUOTE"); i < 0 || !d.Spans[i].Suggested {
		t.Fatalf("no suggested QUOTE [%d,%d): %v", qs, qe, spanSummary(d))
	}
	for _, s := range d.Spans {
		if s.Text != d.Slice(s.Start, s.End) || !s.Suggested {
			t.Errorf("suggestion %+v: text %q at its range", s, d.Slice(s.Start, s.End))
		}
	}
	w.AcceptAll()
	saveAndWait(t, w, out)
	back := exporttest.ReadNative(t, out)[0]
	if got, want := spanSummary(back), spanSummary(d); !slices.Equal(got, want) {
		t.Errorf("read back %q, want %q", got, want)
	}
	if got, want := countOf(back), countOf(d); got != want || got.sugSpans != 0 {
		t.Errorf("read back %+v, want %+v", got, want)
	}
}
