package learn

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/annotate/suggest"
)

// trained is a model from the generated corpus, shared by the tests.
var trained = func() *Model { return Train(genCorpus(1, 60), Options{}) }()

// zorbledDoc is a new document whose claims only the invented cue brings
// in.
func zorbledDoc() *annotate.Document {
	return genDoc("new", 999, 6, 1)
}

func spansOf(spans []annotate.Span, label string) map[[2]int]annotate.Span {
	out := map[[2]int]annotate.Span{}
	for _, s := range spans {
		if s.Label == label {
			out[[2]int{s.Start, s.End}] = s
		}
	}
	return out
}

// TestLearnsWhatTheRulesDoNotKnow: after training on documents where
// "X zorbled CLAUSE." is a CLAIM said by X, a new document's such claims
// are suggested with their speaker, which the rules alone never do.
func TestLearnsWhatTheRulesDoNotKnow(t *testing.T) {
	gold := zorbledDoc()
	d := bare(gold)
	ruleSpans, _ := suggest.Suggest(d, nil, suggest.Options{})
	goldClaims := spansOf(gold.Spans, "CLAIM")
	for k := range spansOf(ruleSpans, "CLAIM") {
		if _, ok := goldClaims[k]; ok {
			t.Fatalf("the rules already find the claim %v: the test teaches nothing", k)
		}
	}
	spans, rels := Suggest(d, nil, suggest.Options{}, trained)
	annotatetest.CheckSuggestions(t, d, spans, rels)
	got := spansOf(spans, "CLAIM")
	byID := map[string]annotate.Span{}
	for _, s := range spans {
		byID[s.ID] = s
	}
	speaker := map[string]string{}
	for _, r := range rels {
		speaker[r.From] = byID[r.To].Text
	}
	goldByID := map[string]annotate.Span{}
	for _, s := range gold.Spans {
		goldByID[s.ID] = s
	}
	for _, r := range gold.Relations {
		c := goldByID[r.From]
		s, ok := got[[2]int{c.Start, c.End}]
		if !ok {
			t.Errorf("claim %q not suggested; CLAIMs suggested: %v", c.Text, got)
			continue
		}
		if !strings.HasPrefix(s.Reason, "learned: ") {
			t.Errorf("claim %q: reason %q, want it to say it was learned", c.Text, s.Reason)
		}
		if want := goldByID[r.To].Text; speaker[s.ID] != want {
			t.Errorf("claim %q: speaker %q, want %q", c.Text, speaker[s.ID], want)
		}
	}
	if len(got) != len(goldClaims) {
		t.Errorf("%d CLAIMs suggested, want %d: %v", len(got), len(goldClaims), got)
	}
}

// TestReloadForgetsNothing: a model written and read back suggests the
// same, and writes the same bytes; training twice gives the same bytes.
func TestReloadForgetsNothing(t *testing.T) {
	var b1 bytes.Buffer
	if err := trained.Write(&b1); err != nil {
		t.Fatal(err)
	}
	m, err := Read(bytes.NewReader(b1.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m.Meta, trained.Meta) {
		t.Errorf("meta %+v after reload, was %+v", m.Meta, trained.Meta)
	}
	var b2 bytes.Buffer
	m.Write(&b2)
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Error("a reloaded model writes other bytes")
	}
	for _, d := range []*annotate.Document{zorbledDoc(), bare(genDoc("x", 5, 10, 0.5))} {
		s1, r1 := Suggest(d, nil, suggest.Options{}, trained)
		s2, r2 := Suggest(d, nil, suggest.Options{}, m)
		if !reflect.DeepEqual(s1, s2) || !reflect.DeepEqual(r1, r2) {
			t.Errorf("%s: the reloaded model suggests otherwise", d.ID)
		}
	}
	var b3 bytes.Buffer
	Train(genCorpus(1, 60), Options{}).Write(&b3)
	if !bytes.Equal(b1.Bytes(), b3.Bytes()) {
		t.Error("training twice on the same corpus gives other bytes")
	}
	if trained.Meta.Documents != 60 || trained.Meta.Spans["CLAIM"] == 0 || trained.Meta.SaidBy == 0 {
		t.Errorf("meta %+v: want 60 documents, claims and speakers", trained.Meta)
	}
}

// TestReadRefuses: a file that is no model, or a model damaged, of
// another version or truncated, is a clear error and never a model.
func TestReadRefuses(t *testing.T) {
	var good bytes.Buffer
	trained.Write(&good)
	g := good.Bytes()
	flipped := bytes.Clone(g)
	flipped[len(flipped)/2] ^= 0x40
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", "not a Gloss model"},
		{"a corpus", `{"id":"a","text":"x"}` + "\n", `not a Gloss model (it starts with "{\"id\":\"a\",\"text\":\"x\"}"`},
		{"binary", "\x00\x01\x02", "not a Gloss model"},
		{"no version", "gloss-model \n", "bad version"},
		{"other version", "gloss-model 7\n{}\n", "model version 7; this Gloss reads version 1"},
		{"no meta", "gloss-model 1\n", "2: damaged model"},
		{"bad meta", "gloss-model 1\n{oops\n....", "2: damaged model"},
		{"truncated", string(g[:len(g)-9]), "3: damaged model: checksum"},
		{"changed", string(flipped), "damaged model"},
	}
	for _, tc := range tests {
		m, err := Read(strings.NewReader(tc.data))
		if err == nil || m != nil {
			t.Errorf("%s: read as a model", tc.name)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q, want it to say %q", tc.name, err, tc.want)
		}
		if strings.Contains(tc.want, "not a Gloss model") && !errors.Is(err, ErrNotModel) {
			t.Errorf("%s: error %q is not ErrNotModel", tc.name, err)
		}
	}
}

// TestNoModelIsTheRules: a nil model, or one that learned no label,
// suggests what the rules do.
func TestNoModelIsTheRules(t *testing.T) {
	d := bare(genDoc("r", 3, 10, 0.3))
	ws, wr := suggest.Suggest(d, nil, suggest.Options{})
	for _, m := range []*Model{nil, Train([]*annotate.Document{bare(d)}, Options{})} {
		gs, gr := Suggest(d, nil, suggest.Options{}, m)
		if !reflect.DeepEqual(ws, gs) || !reflect.DeepEqual(wr, gr) {
			t.Errorf("model %v: suggestions differ from the rules'", m)
		}
	}
}

// TestRespectsTheDocument: accepted spans are neither duplicated nor
// overlapped by a suggestion of their label, and a claim that already has
// a speaker gets no other.
func TestRespectsTheDocument(t *testing.T) {
	gold := zorbledDoc()
	d := gold.Clone()
	d.Spans = d.Spans[:3] // an ACTOR, its CLAIM, and the next ACTOR
	d.Relations = d.Relations[:1]
	spans, rels := Suggest(d, nil, suggest.Options{}, trained)
	annotatetest.CheckSuggestions(t, d, spans, rels)
	for _, r := range rels {
		if r.From == d.Relations[0].From {
			t.Errorf("a second SAID_BY for a claim that has one: %+v", r)
		}
	}
	// Suggestions pending in a training document teach nothing about
	// their label: a corpus whose only claims are pending learns none.
	c := genCorpus(7, 5)
	for _, doc := range c {
		for i := range doc.Spans {
			if doc.Spans[i].Label == "CLAIM" {
				doc.Spans[i].Suggested = true
			}
		}
	}
	if m := Train(c, Options{}); m.Meta.Spans["CLAIM"] != 0 || m.Meta.Spans["ACTOR"] == 0 {
		t.Errorf("learned from %v, want no CLAIM (pending) but ACTORs", m.Meta.Spans)
	}
}

// TestLabelSetWithout: a label the set lacks is neither learned nor
// suggested.
func TestLabelSetWithout(t *testing.T) {
	ls := annotate.DefaultLabelSet()
	ls.Labels = slicesDeleteLabel(ls.Labels, "CLAIM")
	m := Train(genCorpus(1, 10), Options{Labels: ls})
	if m.Meta.Spans["CLAIM"] != 0 {
		t.Errorf("learned %d CLAIMs with a label set that has none", m.Meta.Spans["CLAIM"])
	}
	spans, _ := Suggest(bare(zorbledDoc()), ls, suggest.Options{}, trained)
	if c := spansOf(spans, "CLAIM"); len(c) != 0 {
		t.Errorf("CLAIMs suggested with a label set that has none: %v", c)
	}
}

func slicesDeleteLabel(ls []annotate.LabelDef, name string) []annotate.LabelDef {
	var out []annotate.LabelDef
	for _, l := range ls {
		if l.Name != name {
			out = append(out, l)
		}
	}
	return out
}

// TestLearnsTheSpeakerFromBefore: a quotation with no cue of its own,
// far after a claim by its speaker and with another person named
// between, gets the claim's speaker — which the rules never give it.
func TestLearnsTheSpeakerFromBefore(t *testing.T) {
	var docs []*annotate.Document
	for i := range 80 {
		docs = append(docs, genFollowDoc(fmt.Sprintf("f%d", i), uint64(500+i)))
	}
	m := Train(docs, Options{})
	for k := range 3 {
		checkFollow(t, m, genFollowDoc(fmt.Sprintf("new%d", k), uint64(9999+k)))
	}
}

func checkFollow(t *testing.T, m *Model, gold *annotate.Document) {
	t.Helper()
	d := bare(gold)
	byID := func(spans []annotate.Span) map[string]annotate.Span {
		out := map[string]annotate.Span{}
		for _, s := range spans {
			out[s.ID] = s
		}
		return out
	}
	speakers := func(spans []annotate.Span, rels []annotate.Relation) map[[2]int][2]int {
		ids := byID(spans)
		out := map[[2]int][2]int{}
		for _, r := range rels {
			from, to := ids[r.From], ids[r.To]
			if from.Label == "QUOTE" {
				out[[2]int{from.Start, from.End}] = [2]int{to.Start, to.End}
			}
		}
		return out
	}
	want := speakers(gold.Spans, gold.Relations)
	if len(want) != 3 {
		t.Fatalf("the generated document has %d quotes with a speaker, want 3", len(want))
	}
	rs, rr := suggest.Suggest(d, nil, suggest.Options{})
	for q, sp := range speakers(rs, rr) {
		if want[q] == sp {
			t.Fatalf("the rules already give quote %v its speaker: the test teaches nothing", q)
		}
	}
	spans, rels := Suggest(d, nil, suggest.Options{}, m)
	annotatetest.CheckSuggestions(t, d, spans, rels)
	got := speakers(spans, rels)
	r := []rune(d.Text)
	for q, sp := range want {
		if got[q] != sp {
			t.Errorf("quote %q: speaker %v, want %q at %v", string(r[q[0]:q[1]]), got[q], string(r[sp[0]:sp[1]]), sp)
		}
	}
}
