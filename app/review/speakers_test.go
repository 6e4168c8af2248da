package review

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/annotate/agree"
	"gloss/app/docview"
	"gloss/export"
)

// Phrases of the sample article that the speaker fixtures annotate.
const (
	ministry = "The foreign ministry of russia"
	akar     = "Hulusi Akar"
	akarSays = "Haftar was not a force in itself but the tool of other forces"
	cavusog  = "Mevlut Çavusoglu"
)

// speakerAnnotators builds two files of the sample whose spans agree but
// for one ACTOR ben adds (Putin, early in the text), and whose speakers
// differ twice: ana says the “jobs” quote is the foreign ministry's, ben
// says Lavrov's (a speaker disagreement; Lavrov is named a paragraph
// before); ana links Akar's quote to him, ben links it to nobody (a
// missing speaker). Both give the truce quote to Çavusoglu.
func speakerAnnotators(t testing.TB) []*annotate.Document {
	mk := func(who string, extra ...string) *annotate.Document {
		d := &annotate.Document{ID: sampleDoc, Text: sample, Annotator: who}
		for _, p := range []struct{ label, text string }{
			{"ACTOR", lavrov}, {"ACTOR", ministry}, {"QUOTE", jobs}, {"ACTOR", cavusog},
			{"QUOTE", truce}, {"ACTOR", akar}, {"QUOTE", akarSays},
		} {
			d.Spans = append(d.Spans, sp(t, sample, who+"-"+p.text, p.label, p.text))
		}
		for _, p := range extra {
			d.Spans = append(d.Spans, sp(t, sample, who+"-"+p, "ACTOR", p))
		}
		return d
	}
	link := func(d *annotate.Document, from, to string) {
		f, tt := d.Annotator+"-"+from, d.Annotator+"-"+to
		d.Relations = append(d.Relations, annotate.Relation{ID: f + ">" + tt, Label: "SAID_BY", From: f, To: tt})
	}
	ana, ben := mk("ana"), mk("ben", putin)
	link(ana, jobs, ministry)
	link(ben, jobs, lavrov)
	link(ana, truce, cavusog)
	link(ben, truce, cavusog)
	link(ana, akarSays, akar)
	return []*annotate.Document{ana, ben}
}

// TestSpeakerReview walks the case: J to the speaker
// disagreement, 2 accepts ben's speaker, Ctrl+S saves a gold that holds
// it; the lanes and the list say each annotator's speaker, the gold view
// the gold's.
func TestSpeakerReview(t *testing.T) {
	dir := t.TempDir()
	docs := speakerAnnotators(t)
	files := writeFiles(t, dir, docs[:1], docs[1:])
	gold := filepath.Join(dir, "gold.jsonl")
	s, w := openScreen(t, files, gold)

	if got, want := siteKinds(s), []string{"extra:ACTOR", "speaker:ACTOR/ACTOR", "missing speaker:ACTOR"}; !slices.Equal(got, want) {
		t.Fatalf("sites %v, want %v", got, want)
	}
	if s.at != 0 {
		t.Fatalf("opened on %d", s.at)
	}
	test.Type(s.view, "j")
	if s.at != 1 {
		t.Fatalf("J went to %d, want the speaker disagreement", s.at)
	}
	// Each lane names its annotator's speaker, beside it and after the
	// quote in the passage (the view's caption); Lavrov, a paragraph
	// away, is shown in an excerpt.
	// The captions cut long names as the document view does.
	ministryCaption := "— The foreign ministry of…"
	if got := []string{s.laneHas[0].Text, s.laneHas[1].Text}; !slices.Equal(got, []string{ministryCaption, "— " + lavrov}) {
		t.Errorf("lanes say %q", got)
	}
	for k, want := range []string{ministryCaption, "— " + lavrov} {
		ld := s.laneDocs[k]
		i := slices.IndexFunc(ld.Spans, func(sp annotate.Span) bool { return sp.Label == "QUOTE" && sp.Text == jobs })
		if i < 0 {
			t.Fatalf("lane %d lacks the quote: %q", k, ld.Text)
		}
		if got := docview.RelationCaption(ld, ld.Spans[i].ID); got != want {
			t.Errorf("lane %d: caption %q after the quote, want %q (lane text %q)", k, got, want, ld.Text)
		}
		if p := annotate.Validate(ld, nil); len(p) > 0 {
			t.Errorf("lane %d document invalid: %v", k, p)
		}
		// The outline is on the quote (ana's excerpt of the ministry
		// joins the passage: the outline must follow it).
		sn := makeSnippet(s.doc().runes, s.doc().docs[k], &s.doc().sites[1])
		if got := sn.doc.Slice(sn.site[0], sn.site[1]); got != jobs {
			t.Errorf("lane %d outlines %q", k, got)
		}
	}
	head, lines := s.describeSite(1)
	if !strings.Contains(head, "speaker  QUOTE “the jobs") || !strings.Contains(head, "open") ||
		!strings.HasSuffix(lines[0], "ana: "+ministryCaption) || !strings.HasSuffix(lines[1], "ben: — "+lavrov) {
		t.Errorf("list entry %q %q", head, lines)
	}

	test.Type(s.view, "2")
	src := s.doc().sites[1].source
	got := agree.Speakers(s.doc().gold, src, "SAID_BY")
	if len(got) != 1 || got[0].Text != lavrov {
		t.Fatalf("gold speakers %+v, want ben's Lavrov", got)
	}
	if c := docview.RelationCaption(s.doc().gold, s.doc().gold.Spans[s.doc().gold.FindSpan(src.Start, src.End, "QUOTE")].ID); c != "— "+lavrov {
		t.Errorf("gold view caption %q", c)
	}
	if s.at != 2 {
		t.Errorf("after the decision at %d, want the missing speaker", s.at)
	}
	s.view.TypedShortcut(shortcut(fyne.KeyS, fyne.KeyModifierShortcutDefault))
	if s.Dirty() || strings.HasPrefix(w.Title(), "●") {
		t.Fatal("Ctrl+S did not save")
	}
	saved := readGold(t, gold)
	if sp := agree.Speakers(saved, src, "SAID_BY"); len(sp) != 1 || sp[0].Text != lavrov || sp[0].Label != "ACTOR" {
		t.Errorf("saved gold speakers %+v, want ben's Lavrov", sp)
	}
	if sp := agree.Speakers(saved, annotate.Span{Start: src.Start, End: src.End, Label: "QUOTE"}, "SAID_BY"); len(sp) != 1 {
		t.Errorf("saved speakers %+v", sp)
	}
	// The truce quote (agreed) keeps Çavusoglu; Akar's is still open and
	// without a speaker (ben gave none, so the merge has none).
	if sp := speakersOf(t, saved, truce); !slices.Equal(sp, []string{cavusog}) {
		t.Errorf("truce speakers %q", sp)
	}
	if sp := speakersOf(t, saved, akarSays); len(sp) != 0 {
		t.Errorf("Akar's quote speakers %q before any decision", sp)
	}
	if ps := annotate.Validate(saved, nil); len(ps) > 0 {
		t.Errorf("gold invalid: %v", ps)
	}

	// Undo brings the merge back (no speaker for the jobs quote); 1 on
	// the missing speaker accepts ana's Akar; X on it takes him away.
	s.Undo()
	if s.at != 1 || len(agree.Speakers(s.doc().gold, src, "SAID_BY")) != 0 {
		t.Errorf("undo: at %d, speakers %+v", s.at, agree.Speakers(s.doc().gold, src, "SAID_BY"))
	}
	test.Type(s.view, "j")
	test.Type(s.view, "1")
	if sp := speakersOf(t, s.doc().gold, akarSays); !slices.Equal(sp, []string{akar}) {
		t.Errorf("accepting ana on Akar's quote: %q", sp)
	}
	test.Type(s.view, "k") // the decision moved on to the open Putin; K wraps back
	if s.at != 2 {
		t.Fatalf("at %d", s.at)
	}
	test.Type(s.view, "x")
	if sp := speakersOf(t, s.doc().gold, akarSays); len(sp) != 0 {
		t.Errorf("rejecting Akar: %q", sp)
	}
	if !hasPhrase(t, s.doc().gold, "QUOTE", akarSays) || !hasPhrase(t, s.doc().gold, "ACTOR", akar) {
		t.Error("rejecting a speaker removed spans")
	}
}

// TestSpeakerResume: a saved gold's speakers read back as decisions.
func TestSpeakerResume(t *testing.T) {
	dir := t.TempDir()
	docs := speakerAnnotators(t)
	files := writeFiles(t, dir, docs[:1], docs[1:])
	gold := filepath.Join(dir, "gold.jsonl")
	s, _ := openScreen(t, files, gold)
	test.Type(s.view, "1") // Putin: ana's nothing
	test.Type(s.view, "2") // the jobs quote: ben's Lavrov
	test.Type(s.view, "1") // Akar's quote: ana's Akar
	s.SaveTo(gold, func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	})
	again, _ := openScreen(t, files, gold)
	if got, want := again.doc().choices, []choice{undecided, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("resumed choices %v, want %v", got, want)
	}
}

// TestSpeakersOrderDocuments: a document whose spans all agree but whose
// speakers do not comes before one that agrees fully.
func TestSpeakersOrderDocuments(t *testing.T) {
	docs := speakerAnnotators(t)
	agreeing := func(d *annotate.Document) *annotate.Document {
		c := d.Clone()
		c.ID = "agreed"
		c.Relations = nil
		c.Spans = slices.DeleteFunc(c.Spans, func(s annotate.Span) bool { return s.Text == putin })
		return c
	}
	// "a-..." sorts first by id; speakers must put sampleDoc before it.
	docs[1].Spans = slices.DeleteFunc(docs[1].Spans, func(s annotate.Span) bool { return s.Text == putin })
	a := []*annotate.Document{agreeing(docs[0]), docs[0]}
	b := []*annotate.Document{agreeing(docs[1]), docs[1]}
	a[0].ID, b[0].ID = "a-agreed", "a-agreed"
	files := writeFiles(t, t.TempDir(), a, b)
	s, _ := openScreen(t, files, "")
	if s.c.docs[0].id != sampleDoc || s.doc().report.Overall.F1Exact != 1 {
		t.Errorf("first %q (span f1 %v), want %s, whose speakers differ", s.c.docs[0].id, s.doc().report.Overall.F1Exact, sampleDoc)
	}
}

// TestSpeakerAgreementTab: the Agreement tab has a SAID_BY row, for the
// corpus and for the document.
func TestSpeakerAgreementTab(t *testing.T) {
	docs := speakerAnnotators(t)
	files := writeFiles(t, t.TempDir(), docs[:1], docs[1:])
	s, _ := openScreen(t, files, "")
	labels := strings.Join(labelTexts(s.agreeBox), "|")
	// ana 3 links, ben 2; 1 equal (truce): f1 2·1/5; sources linked:
	// jobs, truce, Akar's, of which truce agrees.
	row := strings.Join([]string{"relation", "links per file", "f1 exact", "f1 overlap", "same speaker", "sources",
		"SAID_BY", "3 / 2", "0.400", "0.400", "0.333", "3"}, "|")
	if strings.Count(labels, row) != 2 {
		t.Errorf("agreement tab %q\nlacks twice %q", labels, row)
	}
}

// labelTexts lists the texts of every label under o, in order.
func labelTexts(o fyne.CanvasObject) []string {
	switch x := o.(type) {
	case *widget.Label:
		return []string{x.Text}
	case *fyne.Container:
		var out []string
		for _, c := range x.Objects {
			out = append(out, labelTexts(c)...)
		}
		return out
	}
	return nil
}

// readGold reads a gold file's one document.
func readGold(t *testing.T, path string) *annotate.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := export.ReadAll(export.NewNativeReader(f, path, export.Options{}))
	if err != nil || len(docs) != 1 {
		t.Fatalf("%s: %d documents, %v", path, len(docs), err)
	}
	return docs[0]
}

// speakersOf is the texts of the speakers d gives the QUOTE over phrase.
func speakersOf(t *testing.T, d *annotate.Document, phrase string) []string {
	t.Helper()
	q := sp(t, d.Text, "", "QUOTE", phrase)
	var out []string
	for _, s := range agree.Speakers(d, q, "SAID_BY") {
		out = append(out, s.Text)
	}
	return out
}

// hasPhrase reports whether d has a span of label over phrase.
func hasPhrase(t *testing.T, d *annotate.Document, label, phrase string) bool {
	t.Helper()
	s := sp(t, d.Text, "", label, phrase)
	return d.FindSpan(s.Start, s.End, label) >= 0
}
