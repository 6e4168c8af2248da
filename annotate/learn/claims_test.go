package learn

import (
	"slices"
	"strings"
	"testing"
)

// TestMendClaims: learned CLAIMs that run into a second attribution are
// split at its cue (the second speaker belongs to neither part), a claim
// whose inner cue has no clause break before it, or a speaker too long
// for one, stays whole, and short claims survive only right after a cue.
func TestMendClaims(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		learned []string // the tagger's CLAIM spans, as substrings of text
		want    []string
	}{
		{"a participle after a comma",
			"Mara said the plan was late, adding that the budget was gone.",
			[]string{"the plan was late, adding that the budget was gone"},
			[]string{"the plan was late", "that the budget was gone"}},
		{"a second speaker after a comma and 'and'",
			"Mara said the plan was late, and a third said the budget was gone.",
			[]string{"the plan was late, and a third said the budget was gone"},
			[]string{"the plan was late", "the budget was gone"}},
		{"a coordinated verb no cue list holds",
			"Mara praised the new budget and highlighted its plans for schools.",
			[]string{"the new budget and highlighted its plans for schools"},
			[]string{"the new budget", "its plans for schools"}},
		{"a nested cue without a clause break stays inside",
			"Mara said officials said the plan was late.",
			[]string{"officials said the plan was late"},
			[]string{"officials said the plan was late"}},
		{"a speaker longer than maxSubject words is no second attribution",
			"Mara said the plan was late, and the members of the old board said the budget was gone.",
			[]string{"the plan was late, and the members of the old board said the budget was gone"},
			[]string{"the plan was late, and the members of the old board said the budget was gone"}},
		{"two words right after a cue are a claim",
			"Mara praised her effort.",
			[]string{"her effort"},
			[]string{"her effort"}},
		{"two words elsewhere are not",
			"Mara ate her lunch.",
			[]string{"her lunch"},
			nil},
		{"a gap of one word inside a sentence is joined",
			"Mara said the plan was late again and over the budget.",
			[]string{"the plan was late", "and over the budget"},
			[]string{"the plan was late again and over the budget"}},
	}
	for _, tc := range tests {
		df := analyzed(tc.text)
		prob := make([]float32, len(df.toks))
		var spans []tokenSpan
		for _, sub := range tc.learned {
			at := len([]rune(tc.text[:strings.Index(tc.text, sub)]))
			first, last, ok := df.tokenRange(at, at+len([]rune(sub)))
			if !ok {
				t.Fatalf("%s: %q is no token range", tc.name, sub)
			}
			for i := first; i <= last; i++ {
				prob[i] = 0.5 + float32(i%2)*0.25
			}
			spans = append(spans, tokenSpan{first, last, meanProb(prob, first, last)})
		}
		var got []string
		for _, s := range df.mendClaims(spans, prob) {
			got = append(got, string(df.r[df.toks[s.first].Start:df.toks[s.last].End]))
			if s.conf <= 0 || s.conf > 1 {
				t.Errorf("%s: %q has confidence %v", tc.name, got[len(got)-1], s.conf)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// TestSplitClaimConfidence: each part of a split claim has the mean
// probability of its own tokens, not the whole span's.
func TestSplitClaimConfidence(t *testing.T) {
	text := "Mara said the plan was late, adding that the budget was gone."
	df := analyzed(text)
	first, last, _ := df.tokenRange(strings.Index(text, "the plan"), strings.Index(text, "."))
	prob := make([]float32, len(df.toks))
	for i := first; i <= last; i++ {
		prob[i] = 0.4 // the first part
		if i >= first+6 {
			prob[i] = 0.9 // "that the budget was gone" (and the cue, dropped)
		}
	}
	got := df.splitClaims([]tokenSpan{{first, last, meanProb(prob, first, last)}}, prob)
	if len(got) != 2 || got[0].conf != 0.4 || got[1].conf != 0.9 {
		t.Errorf("splitClaims = %+v, want two parts with confidence 0.4 and 0.9", got)
	}
}
