package agree

import (
	"math"
	"slices"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// speechText has a quote, two people and a longer name of the first, with
// an emoji, a combining accent and a CRLF line break before the offsets
// that matter, so that code points (not bytes) are counted throughout.
const speechText = "😀 Macron said «a waste of time» to Bine\u0301t.\r\nEmmanuel Macron left; Bine\u0301t stayed."

// speech builds a document of speechText with the given spans (each a
// phrase and the how-manieth time it occurs, and a label) and SAID_BY
// relations between the spans at the index pairs links.
func speech(t *testing.T, who string, spans []phrase, links ...[2]int) *annotate.Document {
	t.Helper()
	d := &annotate.Document{ID: "d", Text: speechText, Annotator: who}
	for _, p := range spans {
		s, e := annotatetest.Find(t, speechText, p.text, p.nth)
		d.Spans = append(d.Spans, annotate.Span{
			ID: who + "-" + annotate.SpanID("d", s, e, p.label), Start: s, End: e, Label: p.label, Text: d.Slice(s, e),
		})
	}
	for _, l := range links {
		from, to := d.Spans[l[0]].ID, d.Spans[l[1]].ID
		d.Relations = append(d.Relations, annotate.Relation{ID: who + annotate.RelationID(from, to, "SAID_BY"), Label: "SAID_BY", From: from, To: to})
	}
	return d
}

// phrase is a span given by its text.
type phrase struct {
	text  string
	nth   int
	label string
}

// The spans most cases use: 0 the quote, 1 Macron, 2 Binet, 3 Emmanuel
// Macron.
var (
	quote    = phrase{"a waste of time", 0, "QUOTE"}
	macron   = phrase{"Macron", 0, "ACTOR"}
	binet    = phrase{"Bine\u0301t", 0, "ACTOR"}
	emmanuel = phrase{"Emmanuel Macron", 0, "ACTOR"}
	people   = []phrase{quote, macron, binet, emmanuel}
)

func nearRel(got, want RelationMeasures) bool {
	return math.Abs(got.F1Exact-want.F1Exact) < 1e-9 && math.Abs(got.F1Overlap-want.F1Overlap) < 1e-9 &&
		math.Abs(got.SpeakerAgreement-want.SpeakerAgreement) < 1e-9 && got.Linked == want.Linked
}

func TestRelationMeasures(t *testing.T) {
	tests := []struct {
		name      string
		docs      []*annotate.Document
		relations []int // per file; nil: no SAID_BY block expected
		want      RelationMeasures
		// spans is the overall span f1_exact, all alike in these cases
		// unless said; all is F1ExactAll.
		all float64
	}{
		{
			name: "identical files",
			docs: []*annotate.Document{
				speech(t, "ana", people, [2]int{0, 1}),
				speech(t, "ben", people, [2]int{0, 1}),
			},
			relations: []int{1, 1},
			want:      RelationMeasures{F1Exact: 1, F1Overlap: 1, SpeakerAgreement: 1, Linked: 1},
			all:       1,
		},
		{
			// The case: spans all agree, the speaker does not.
			// Pooled: 4 + 0 matched of 5 + 5 items.
			name: "a changed speaker",
			docs: []*annotate.Document{
				speech(t, "ana", people, [2]int{0, 1}),
				speech(t, "ben", people, [2]int{0, 2}),
			},
			relations: []int{1, 1},
			want:      RelationMeasures{F1Exact: 0, F1Overlap: 0, SpeakerAgreement: 0, Linked: 1},
			all:       2 * 4.0 / 10,
		},
		{
			// ben has the quote and Macron but links nothing: the quote
			// is linked in one file of the pair, and not agreed.
			name: "a missing link",
			docs: []*annotate.Document{
				speech(t, "ana", people, [2]int{0, 1}),
				speech(t, "ben", people),
			},
			relations: []int{1, 0},
			want:      RelationMeasures{F1Exact: 0, F1Overlap: 0, SpeakerAgreement: 0, Linked: 1},
			all:       2 * 4.0 / 9,
		},
		{
			// “Macron” and “Emmanuel Macron” are different spans that
			// share code points: not equal, but they overlap, and the
			// speakers agree.
			name: "a link to an overlapping, different span",
			docs: []*annotate.Document{
				speech(t, "ana", []phrase{quote, {"Macron", 1, "ACTOR"}}, [2]int{0, 1}),
				speech(t, "ben", []phrase{quote, emmanuel}, [2]int{0, 1}),
			},
			relations: []int{1, 1},
			want:      RelationMeasures{F1Exact: 0, F1Overlap: 1, SpeakerAgreement: 1, Linked: 1},
			all:       2 * 1.0 / 6,
		},
		{
			// ben's quote takes the guillemets: the sources differ, so
			// no source is linked in both, yet the relations overlap.
			name: "sources that overlap only",
			docs: []*annotate.Document{
				speech(t, "ana", people, [2]int{0, 1}),
				speech(t, "ben", []phrase{{"«a waste of time»", 0, "QUOTE"}, macron, binet, emmanuel}, [2]int{0, 1}),
			},
			relations: []int{1, 1},
			want:      RelationMeasures{F1Exact: 0, F1Overlap: 1, SpeakerAgreement: 1, Linked: 0},
			all:       2 * 3.0 / 10,
		},
		{
			// Pairs: ana–ben disagree, ana–cem agree, ben–cem disagree.
			name: "three files",
			docs: []*annotate.Document{
				speech(t, "ana", people, [2]int{0, 1}),
				speech(t, "ben", people, [2]int{0, 2}),
				speech(t, "cem", people, [2]int{0, 1}),
			},
			relations: []int{1, 1, 1},
			want:      RelationMeasures{F1Exact: 1.0 / 3, F1Overlap: 1.0 / 3, SpeakerAgreement: 1.0 / 3, Linked: 3},
			all:       (0.8 + 1 + 0.8) / 3,
		},
		{
			// Two speakers against one: the relation to Macron is shared
			// (f1 2·1/3), the speakers are not the same.
			name: "two speakers against one",
			docs: []*annotate.Document{
				speech(t, "ana", people, [2]int{0, 1}, [2]int{0, 2}),
				speech(t, "ben", people, [2]int{0, 1}),
			},
			relations: []int{2, 1},
			want:      RelationMeasures{F1Exact: 2.0 / 3, F1Overlap: 2.0 / 3, SpeakerAgreement: 0, Linked: 1},
			all:       2 * 5.0 / 11,
		},
		{
			name: "no relations at all",
			docs: []*annotate.Document{
				speech(t, "ana", people),
				speech(t, "ben", people),
			},
			all: 1,
		},
	}
	for _, tt := range tests {
		r, err := Compare(tt.docs, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !near(r.F1ExactAll, tt.all) {
			t.Errorf("%s: F1ExactAll %v, want %v", tt.name, r.F1ExactAll, tt.all)
		}
		if tt.relations == nil {
			if len(r.Relations) != 0 {
				t.Errorf("%s: relations %+v, want none", tt.name, r.Relations)
			}
			continue
		}
		if len(r.Relations) != 1 || r.Relations[0].Label != "SAID_BY" {
			t.Fatalf("%s: relations %+v, want SAID_BY", tt.name, r.Relations)
		}
		got := r.Relations[0]
		if !slices.Equal(got.Relations, tt.relations) || !nearRel(got.RelationMeasures, tt.want) {
			t.Errorf("%s: %v %+v, want %v %+v", tt.name, got.Relations, got.RelationMeasures, tt.relations, tt.want)
		}
	}
}

// TestRelationCorpusPools checks that corpus figures pool the counts of
// documents, that suggestions, duplicates and relations to missing spans
// are not counted, and that relation labels come in label-set order.
func TestRelationCorpusPools(t *testing.T) {
	c := NewCorpus(2, nil)
	same := []*annotate.Document{speech(t, "ana", people, [2]int{0, 1}), speech(t, "ben", people, [2]int{0, 1})}
	a := speech(t, "ana", people, [2]int{0, 1})
	b := speech(t, "ben", people, [2]int{0, 2}, [2]int{0, 2})
	b.Relations = append(b.Relations,
		annotate.Relation{ID: "s", Label: "SAID_BY", From: b.Spans[0].ID, To: b.Spans[3].ID, Suggested: true},
		annotate.Relation{ID: "m", Label: "SAID_BY", From: b.Spans[0].ID, To: "nowhere"},
		annotate.Relation{ID: "z", Label: "ABOUT", From: b.Spans[1].ID, To: b.Spans[2].ID})
	for _, docs := range [][]*annotate.Document{same, {a, b}} {
		if _, err := c.Add(docs); err != nil {
			t.Fatal(err)
		}
	}
	r := c.Report()
	if len(r.Relations) != 2 || r.Relations[0].Label != "SAID_BY" || r.Relations[1].Label != "ABOUT" {
		t.Fatalf("relations %+v, want SAID_BY then ABOUT", r.Relations)
	}
	// SAID_BY: 1 of 2 + 2 relations equal; 1 of 2 sources agree.
	want := RelationMeasures{F1Exact: 0.5, F1Overlap: 0.5, SpeakerAgreement: 0.5, Linked: 2}
	if got := r.Relations[0]; !slices.Equal(got.Relations, []int{2, 2}) || !nearRel(got.RelationMeasures, want) {
		t.Errorf("SAID_BY %v %+v, want [2 2] %+v", got.Relations, got.RelationMeasures, want)
	}
	// ABOUT: only ben links Macron, which both have.
	if got := r.Relations[1]; !slices.Equal(got.Relations, []int{0, 1}) || got.Linked != 1 || got.SpeakerAgreement != 0 {
		t.Errorf("ABOUT %+v", got)
	}
}

func TestRelationMeasuresAreSymmetric(t *testing.T) {
	docs := []*annotate.Document{
		speech(t, "ana", people, [2]int{0, 1}, [2]int{0, 3}),
		speech(t, "ben", people, [2]int{0, 3}, [2]int{0, 2}),
	}
	r1, _ := Compare(docs, nil)
	r2, _ := Compare([]*annotate.Document{docs[1], docs[0]}, nil)
	if !nearRel(r1.Relations[0].RelationMeasures, r2.Relations[0].RelationMeasures) || r1.F1ExactAll != r2.F1ExactAll {
		t.Errorf("a→b %+v, b→a %+v", r1.Relations[0], r2.Relations[0])
	}
	// Macron and Emmanuel Macron against Emmanuel Macron and Binet: the
	// first mention of Macron overlaps neither of ben's speakers, so the
	// targets cannot all pair up: the speakers differ. Only q→Emmanuel is
	// in both, exactly or overlapping: 1 of 2 + 2.
	want := RelationMeasures{F1Exact: 0.5, F1Overlap: 0.5, SpeakerAgreement: 0, Linked: 1}
	if !nearRel(r1.Relations[0].RelationMeasures, want) {
		t.Errorf("got %+v, want %+v", r1.Relations[0].RelationMeasures, want)
	}
}

func TestSpeakerDisagreements(t *testing.T) {
	type row struct {
		kind       Kind
		a, b       int
		start, end int
		sa, sb     []int
	}
	qs, qe := annotatetest.Find(t, speechText, quote.text, 0)
	es, ee := annotatetest.Find(t, speechText, emmanuel.text, 0)
	tests := []struct {
		name string
		a, b *annotate.Document
		want []row
	}{
		{"same speaker", speech(t, "ana", people, [2]int{0, 1}), speech(t, "ben", people, [2]int{0, 1}), nil},
		{"speaker", speech(t, "ana", people, [2]int{0, 1}), speech(t, "ben", people, [2]int{0, 2}),
			[]row{{Speaker, 0, 0, qs, qe, []int{1}, []int{2}}}},
		{"missing speaker", speech(t, "ana", people, [2]int{0, 1}), speech(t, "ben", people),
			[]row{{MissingSpeaker, 0, 0, qs, qe, []int{1}, nil}}},
		{"extra speaker", speech(t, "ana", people), speech(t, "ben", people, [2]int{0, 3}),
			[]row{{ExtraSpeaker, 0, 0, qs, qe, nil, []int{3}}}},
		{"overlapping speakers agree", speech(t, "ana", []phrase{quote, {"Macron", 1, "ACTOR"}}, [2]int{0, 1}),
			speech(t, "ben", []phrase{quote, emmanuel}, [2]int{0, 1}), []row{{Boundary, 1, 1, es, ee, nil, nil}}},
		// ben lacks the quote: a missing span, and no speaker entry
		// (deciding the span brings its speaker).
		{"source only in one file", speech(t, "ana", people, [2]int{0, 1}), speech(t, "ben", people[1:]),
			[]row{{Missing, 0, -1, qs, qe, nil, nil}}},
	}
	for _, tt := range tests {
		var got []row
		for _, d := range Disagreements(tt.a, tt.b) {
			got = append(got, row{d.Kind, d.A, d.B, d.Start, d.End, d.SpeakersA, d.SpeakersB})
			if d.Kind.IsSpeaker() != (d.Relation == "SAID_BY") {
				t.Errorf("%s: %v with relation %q", tt.name, d.Kind, d.Relation)
			}
		}
		if !slices.EqualFunc(got, tt.want, func(x, y row) bool {
			return x.kind == y.kind && x.a == y.a && x.b == y.b && x.start == y.start && x.end == y.end &&
				slices.Equal(x.sa, y.sa) && slices.Equal(x.sb, y.sb)
		}) {
			t.Errorf("%s:\n got %+v\nwant %+v", tt.name, got, tt.want)
		}
	}
}

// TestSpeakerDisagreementOrder: a speaker entry sorts in text order with
// the span entries, after a span entry of the same extent.
func TestSpeakerDisagreementOrder(t *testing.T) {
	a := speech(t, "ana", []phrase{macron, quote, {"a waste of time", 0, "CLAIM"}, emmanuel}, [2]int{1, 0})
	b := speech(t, "ben", []phrase{quote, binet, emmanuel, {"left", 0, "CLAIM"}}, [2]int{0, 1})
	var kinds []string
	for _, d := range Disagreements(a, b) {
		kinds = append(kinds, d.Kind.String())
	}
	want := []string{"missing", "missing", "speaker", "extra", "extra"}
	// Macron (missing in ben), the CLAIM over the quote (missing), the
	// quote's speaker, Binet (extra), “left” (extra).
	if !slices.Equal(kinds, want) {
		t.Errorf("kinds %q, want %q", kinds, want)
	}
}

func TestSetSpeakers(t *testing.T) {
	ana := speech(t, "ana", people, [2]int{0, 1})
	ben := speech(t, "ben", people, [2]int{0, 2})
	src := ana.Spans[0]
	if got := Speakers(ben, src, "SAID_BY"); len(got) != 1 || got[0].Text != "Bine\u0301t" {
		t.Fatalf("ben's speakers %+v", got)
	}
	if got := Speakers(ben, src, "ABOUT"); got != nil {
		t.Errorf("speakers by another relation: %+v", got)
	}
	// A gold with only Macron and the quote, linked to Macron: accepting
	// ben's speaker adds Binet and moves the link; undoing restores it.
	gold, err := Merge([]*annotate.Document{speech(t, "x", people[:2], [2]int{0, 1}), speech(t, "y", people[:2], [2]int{0, 1})}, 2)
	if err != nil {
		t.Fatal(err)
	}
	before := gold.Clone()
	h := annotate.NewHistory(gold)
	if err := h.Do(&annotate.Batch{Edits: SetSpeakers(gold, src, "SAID_BY", Speakers(ben, src, "SAID_BY"))}); err != nil {
		t.Fatal(err)
	}
	if got := Speakers(gold, src, "SAID_BY"); len(got) != 1 || got[0].Text != "Bine\u0301t" || got[0].ID != annotate.SpanID("d", got[0].Start, got[0].End, "ACTOR") {
		t.Errorf("gold speakers %+v, want ben's Binet with a name-based id", got)
	}
	if len(gold.Relations) != 1 || len(gold.Spans) != 3 {
		t.Errorf("gold %d spans, %d relations; want 3 and 1", len(gold.Spans), len(gold.Relations))
	}
	if ps := annotate.Validate(gold, nil); len(ps) > 0 {
		t.Errorf("gold invalid: %v", ps)
	}
	if edits := SetSpeakers(gold, src, "SAID_BY", Speakers(ben, src, "SAID_BY")); len(edits) != 0 {
		t.Errorf("setting the same speakers again: %d edits", len(edits))
	}
	h.Undo()
	if len(gold.Spans) != len(before.Spans) || len(gold.Relations) != 1 || Speakers(gold, src, "SAID_BY")[0].Text != "Macron" {
		t.Errorf("undo left %+v", gold)
	}
	// A gold without the quote gets it with the speaker; no speakers
	// for a source the gold lacks is nothing to do.
	empty := &annotate.Document{ID: "d", Text: speechText}
	if edits := SetSpeakers(empty, src, "SAID_BY", nil); len(edits) != 0 {
		t.Errorf("%d edits for nothing", len(edits))
	}
	if err := (&annotate.Batch{Edits: SetSpeakers(empty, src, "SAID_BY", Speakers(ana, src, "SAID_BY"))}).Apply(empty); err != nil {
		t.Fatal(err)
	}
	if got := Speakers(empty, src, "SAID_BY"); len(empty.Spans) != 2 || len(got) != 1 || got[0].Text != "Macron" {
		t.Errorf("gold without the quote: %+v", empty)
	}
	// Taking every speaker away leaves the spans.
	if err := (&annotate.Batch{Edits: SetSpeakers(empty, src, "SAID_BY", nil)}).Apply(empty); err != nil {
		t.Fatal(err)
	}
	if len(empty.Relations) != 0 || len(empty.Spans) != 2 {
		t.Errorf("no speakers: %+v", empty)
	}
}

func TestSpeakerConflicts(t *testing.T) {
	ana := speech(t, "ana", people, [2]int{0, 1})
	ben := speech(t, "ben", people, [2]int{0, 2})
	cem := speech(t, "cem", people)
	docs := []*annotate.Document{ana, ben, cem}
	gold, err := Merge(docs, 2)
	if err != nil {
		t.Fatal(err)
	}
	cs := SpeakerConflicts(docs, gold)
	if len(cs) != 1 {
		t.Fatalf("conflicts %+v, want one", cs)
	}
	c := cs[0]
	if c.Source.Text != "a waste of time" || c.Source.ID != gold.Spans[gold.FindSpan(c.Source.Start, c.Source.End, "QUOTE")].ID || c.Relation != "SAID_BY" {
		t.Errorf("conflict on %+v by %s", c.Source, c.Relation)
	}
	if len(c.Speakers) != 3 || c.Speakers[0][0].Text != "Macron" || c.Speakers[1][0].Text != "Bine\u0301t" || c.Speakers[2] != nil {
		t.Errorf("speakers %+v", c.Speakers)
	}
	// When one speaker reaches K, or the quote does not survive, there
	// is no conflict.
	cem = speech(t, "cem", people, [2]int{0, 1})
	if gold, _ := Merge([]*annotate.Document{ana, ben, cem}, 2); len(SpeakerConflicts([]*annotate.Document{ana, ben, cem}, gold)) != 0 {
		t.Error("a conflict although Macron is in two files of three")
	}
	docs[2] = speech(t, "cem", people[1:])
	if gold, _ := Merge(docs, 3); len(SpeakerConflicts(docs, gold)) != 0 {
		t.Error("a conflict on a quote the merge left out")
	}
}
