package learn

import (
	"strings"
	"testing"

	"gloss/annotate/suggest"
)

// wordScorer is a stand-in tagger for subjectActors: an ACTOR goes on
// (I) at every token except the words in stop, where O wins, and starts
// likelier at the words in likely.
type wordScorer struct{ stop, likely map[uint64]bool }

func newWordScorer(stop, likely string) wordScorer {
	h := func(ws string) map[uint64]bool {
		m := map[uint64]bool{}
		for _, w := range strings.Fields(ws) {
			m[featureHash(fWord, w, "")|1] = true
		}
		return m
	}
	return wordScorer{h(stop), h(likely)}
}

func (w wordScorer) score(feats []uint64, out []float32) {
	a := labelIndex(suggest.LabelActor) * nTags
	out[a+tagO], out[a+tagB], out[a+tagI] = 0, -1, 1
	for _, f := range feats {
		if w.stop[f] {
			out[a+tagO] = 5
		}
		if w.likely[f] {
			out[a+tagB] = 0
		}
	}
}

// TestSubjectActors: the subject before a clause that has no actor
// before it in its sentence, from the sentence's start or after a comma,
// past a conjunction, up to its verb; none where an actor, a pronoun or
// nothing stands there.
func TestSubjectActors(t *testing.T) {
	sc := newWordScorer("split weighed", "board")
	tests := []struct {
		text, content, actor, want string
	}{
		{"It rained. His supporters are optimistic that the plan will pass.", "the plan will pass", "", "His supporters"},
		{"The voters split on whether the wall should be built.", "whether the wall should be built", "", "The voters"},
		{"But the new voters are sure that taxes will rise.", "taxes will rise", "", "the new voters"},
		{"After the debate, his rivals were confident that the race was over.", "the race was over", "", "his rivals"},
		{"When the polls closed, the board weighed whether the count was right.", "whether the count was right", "", "the board"},
		{"In Ohio, the board weighed whether the mill should close.", "whether the mill should close", "", "the board"},
		{"Mrs. Zorbin is confident that the mill will stay.", "the mill will stay", "", "Mrs. Zorbin"},
		{"The mayor's aides are sure that he will win.", "he will win", "The mayor's aides", ""},
		{"He is certain that the bill will fail.", "the bill will fail", "", ""},
		{"There is hope that the talks will resume.", "the talks will resume", "", ""},
		{"“We will win,” she said.", "We will win,", "", ""},
		{"The whole long list of every single tired voter in town is sure that it will rain.", "it will rain", "",
			"The whole long list of every single tired"}, // subjectMaxLen
	}
	for _, tc := range tests {
		df := prepare(tc.text, nil, suggest.Context{})
		var tg tagging
		for l := range nLabels {
			tg.tags[l] = make([]uint8, len(df.toks))
		}
		span := func(s string) tokenSpan {
			i := strings.Index(tc.text, s)
			if i < 0 {
				t.Fatalf("%q not in %q", s, tc.text)
			}
			start := len([]rune(tc.text[:i]))
			first, last, ok := df.tokenRange(start, start+len([]rune(s)))
			if !ok {
				t.Fatalf("%q: no tokens", s)
			}
			return tokenSpan{first: first, last: last}
		}
		actorAt := make([]bool, len(df.toks))
		if tc.actor != "" {
			a := span(tc.actor)
			for i := a.first; i <= a.last; i++ {
				actorAt[i] = true
			}
		}
		got := df.subjectActors(sc, &tg, []tokenSpan{span(tc.content)}, actorAt)
		var texts []string
		for _, s := range got {
			texts = append(texts, string(df.r[df.toks[s.first].Start:df.toks[s.last].End]))
			if !actorAt[s.first] || !actorAt[s.last] {
				t.Errorf("%q: the subject %v is not marked in actorAt", tc.text, s)
			}
		}
		if want := []string{tc.want}; tc.want == "" && len(texts) != 0 || tc.want != "" && strings.Join(texts, "|") != tc.want {
			t.Errorf("%q: subjects %q, want %q", tc.text, texts, want)
		}
	}
}

// TestDashLine: a quotation followed by a line "- Name." is that name's;
// not when the line says more, has no dash, comes later, or the content is
// a claim.
func TestDashLine(t *testing.T) {
	tests := []struct {
		name, text string
		claim      bool
		want       bool
	}{
		{"dash line", "Intro here.\n\n\"We will win the state.\"\n\n- Zorbin.\n\nMore text.", false, true},
		{"em dash, no stop", "\"We will win the state.\"\n— Zorbin\nMore text.", false, true},
		{"no dash", "\"We will win the state.\"\n\nZorbin.\n\nMore text.", false, false},
		{"the line says more", "\"We will win the state.\"\n\n- Zorbin said it twice.\n", false, false},
		{"a line between", "\"We will win the state.\"\n\nThen the crowd left.\n\n- Zorbin.\n", false, false},
		{"a claim", "\"We will win the state.\"\n\n- Zorbin.\n", true, false},
	}
	for _, tc := range tests {
		df := prepare(tc.text, nil, suggest.Context{})
		at := func(s string) [2]int {
			i := strings.Index(tc.text, s)
			start := len([]rune(tc.text[:i]))
			return [2]int{start, start + len([]rune(s))}
		}
		q := at("We will win the state.")
		label := labelIndex(suggest.LabelQuote)
		if tc.claim {
			label = labelIndex(suggest.LabelClaim)
		}
		c, ok := df.content(q[0], q[1], label, nil)
		if !ok {
			t.Fatalf("%s: no content", tc.name)
		}
		cands := candidates(df.mentions([][2]int{at("Zorbin")}), c)
		k := df.dashLine(c, cands)
		if got := k >= 0 && cands[k].start == at("Zorbin")[0]; got != tc.want || !tc.want && k >= 0 {
			t.Errorf("%s: dashLine = %d (%v), want Zorbin: %v", tc.name, k, cands, tc.want)
		}
	}
}
