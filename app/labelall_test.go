package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate/annotatetest"
	"gloss/export/exporttest"
)

// TestLabelAllSnaps: Label All after a Find for part of a word labels the
// whole word, as every other labelling does; with snapping off it keeps
// the match as found.
func TestLabelAllSnaps(t *testing.T) {
	w, _, _ := openMixed(t)
	w.FindText("anka")
	w.LabelAll("ACTOR")
	got := spanSummary(w.Document())
	if len(got) != 2 || !strings.HasSuffix(got[0], " Ankara") || !strings.HasSuffix(got[1], " Ankara") {
		t.Errorf("snapped Label All made %v", got)
	}
	w.Undo()
	w.SetSnapping(false)
	w.FindText("anka")
	w.LabelAll("ACTOR")
	if got := spanSummary(w.Document()); len(got) != 2 || !strings.HasSuffix(got[0], " Anka") {
		t.Errorf("Label All without snapping made %v", got)
	}
}

// openCorpus opens a folder of three documents: "Ana Gonçalves" is in two
// of them (once in one, twice in the other).
func openCorpus(t *testing.T) *Window {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"a-lisbon.txt": "Lisbon mayor Ana Gonçalves said no.\r\nAna Gonçalves left.",
		"b-porto.txt":  "Porto did not answer 😀.",
		"c-faro.txt":   "In Faro, Ana Gonçalves spoke.",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, _ := newTestWindow(t, Options{Files: []string{dir}, Out: filepath.Join(dir, "corpus.jsonl"), Annotator: "ana"})
	if w.s.Len() != 3 {
		t.Fatalf("%d documents", w.s.Len())
	}
	return w
}

// TestLabelAllDocuments: with "All documents", Find counts over the
// corpus and Label All labels every document, says how many per document,
// and one Undo takes it all back (one Redo puts it back); an edit made
// since in the current document is undone first, on its own.
func TestLabelAllDocuments(t *testing.T) {
	w := openCorpus(t)
	if !w.find.allDocs.Visible() {
		t.Fatal("no All documents for a corpus")
	}
	w.FindText("ana gon")
	w.find.allDocs.SetChecked(true)
	if got := w.find.count.Text; got != "2 here · 3 in 2 documents" {
		t.Errorf("count %q", got)
	}
	w.LabelAll("ACTOR")
	if got := w.Message(); !strings.Contains(got, "Labelled 3 occurrence(s)") || !strings.Contains(got, "a-lisbon 2") || !strings.Contains(got, "c-faro 1") {
		t.Errorf("message %q", got)
	}
	spans := func() []int {
		var n []int
		for i := range w.s.Len() {
			d, _ := w.s.Doc(i)
			n = append(n, len(d.Spans))
			for _, sp := range d.Spans {
				if sp.Text != "Ana Gonçalves" {
					t.Errorf("%s: span %q", d.ID, sp.Text)
				}
			}
		}
		return n
	}
	if got := spans(); got[0] != 2 || got[1] != 0 || got[2] != 1 {
		t.Fatalf("spans per document %v", got)
	}
	if !w.Dirty() {
		t.Error("the corpus is not unsaved")
	}
	w.Undo()
	if got := spans(); got[0]+got[1]+got[2] != 0 {
		t.Fatalf("one undo left %v", got)
	}
	if !strings.HasPrefix(w.Message(), "Undid Label All") {
		t.Errorf("undo says %q", w.Message())
	}
	w.Redo()
	if got := spans(); got[0] != 2 || got[2] != 1 {
		t.Fatalf("redo made %v", got)
	}
	// An edit in this document since: Undo is that edit's.
	w.AddSpan("CLAIM", 0, 6)
	w.Undo()
	if got := spans(); got[0] != 2 || got[2] != 1 {
		t.Errorf("undo of the CLAIM left %v", got)
	}
	// With the CLAIM undone, Label All is the last step everywhere again.
	w.Undo()
	if got := spans(); got[0]+got[1]+got[2] != 0 {
		t.Errorf("then undo left %v", got)
	}
	w.Redo()
	// Saved: every document's spans are in the file.
	saveAndWait(t, w, w.s.SavePath())
	docs := exporttest.ReadNative(t, w.s.SavePath())
	if len(docs) != 3 || len(docs[2].Spans) != 1 || docs[2].Annotator != "ana" {
		t.Errorf("saved %d documents, faro %v", len(docs), spanSummary(docs[2]))
	}
}

// TestLabelAllDocumentsElsewhere: a Label All over the corpus that finds
// nothing in the document on screen is still what Undo undoes, until
// something else is edited.
func TestLabelAllDocumentsElsewhere(t *testing.T) {
	w := openCorpus(t)
	w.AddSpan("ACTOR", 0, 6) // an earlier edit here: "Lisbon"
	w.showDocument(1)        // b-porto: no "Ana Gonçalves"
	w.FindText("ana gon")
	w.find.allDocs.SetChecked(true)
	w.LabelAll("ACTOR")
	w.Undo()
	if !strings.HasPrefix(w.Message(), "Undid Label All") {
		t.Fatalf("undo says %q", w.Message())
	}
	a, _ := w.s.Doc(0)
	if got := spanSummary(a); len(got) != 1 || !strings.HasSuffix(got[0], " Lisbon") {
		t.Errorf("a-lisbon after undo: %v", got)
	}
	w.Redo()
	w.AddSpan("ACTOR", 0, 5) // an edit here since: Undo is its
	w.Undo()
	if c, _ := w.s.Doc(2); len(c.Spans) != 1 {
		t.Errorf("the corpus step was undone instead of the edit on screen")
	}
}

// TestFindStepsThroughDocuments: with All documents, ↓ past the last
// match of a document goes on to the first match of the next document
// that has one (skipping those without, wrapping at the end), ↑ back to
// the previous one's last; without it, ↑/↓ wrap inside the document.
func TestFindStepsThroughDocuments(t *testing.T) {
	w := openCorpus(t)
	w.FindText("ana gon")
	a := "Lisbon mayor Ana Gonçalves said no.\r\nAna Gonçalves left."
	first, _ := annotatetest.Find(t, a, "Ana Gon", 0)
	second, _ := annotatetest.Find(t, a, "Ana Gon", 1)
	faro, _ := annotatetest.Find(t, "In Faro, Ana Gonçalves spoke.", "Ana Gon", 0)
	type at struct {
		doc   string
		start int
		count string
	}
	where := func() at {
		s, _ := w.view.Selection()
		return at{w.Document().ID, s, w.find.count.Text}
	}
	for _, st := range []struct {
		all  bool
		step func()
		want at
	}{
		{false, w.find.Next, at{"a-lisbon", first, "1 of 2"}},
		{false, w.find.Next, at{"a-lisbon", second, "2 of 2"}},
		{false, w.find.Next, at{"a-lisbon", first, "1 of 2"}}, // wraps in the document
		{true, w.find.Next, at{"a-lisbon", second, "2 of 2 · a-lisbon"}},
		{true, w.find.Next, at{"c-faro", faro, "1 of 1 · c-faro"}},      // b-porto has none
		{true, w.find.Next, at{"a-lisbon", first, "1 of 2 · a-lisbon"}}, // wraps round the corpus
		{true, w.find.Previous, at{"c-faro", faro, "1 of 1 · c-faro"}},
		{true, w.find.Previous, at{"a-lisbon", second, "2 of 2 · a-lisbon"}},
		{true, w.find.Previous, at{"a-lisbon", first, "1 of 2 · a-lisbon"}},
	} {
		w.find.allDocs.SetChecked(st.all)
		st.step()
		if got := where(); got != st.want {
			t.Fatalf("all documents %v: at %+v, want %+v", st.all, got, st.want)
		}
	}
}
