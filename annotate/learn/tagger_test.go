package learn

import (
	"slices"
	"testing"

	"gloss/annotate"
	"gloss/annotate/suggest"
)

// TestPick: the best tag that may follow the previous one, and the
// recall margin that lets a span tag close behind O win.
func TestPick(t *testing.T) {
	tests := []struct {
		name   string
		sc     [nTags]float32 // O, B, I
		prev   uint8
		margin float32
		want   uint8
	}{
		{"O best", [nTags]float32{10, 2, 1}, tagO, 0, tagO},
		{"B best", [nTags]float32{1, 5, 2}, tagO, 0, tagB},
		{"I cannot follow O", [nTags]float32{1, 0, 9}, tagO, 0, tagO},
		{"I continues B", [nTags]float32{1, 0, 9}, tagB, 0, tagI},
		{"I continues I", [nTags]float32{1, 2, 9}, tagI, 0, tagI},
		{"B close behind O, no margin", [nTags]float32{10, 9, 0}, tagO, 0, tagO},
		{"B close behind O wins with a margin", [nTags]float32{10, 9, 0}, tagO, 0.2, tagB},
		{"B far behind O loses", [nTags]float32{10, -10, 0}, tagO, 0.2, tagO},
		{"the margin scales with the scores", [nTags]float32{1000, 900, 0}, tagO, 0.2, tagB},
		{"the margin prefers I after a span", [nTags]float32{10, 8, 9}, tagB, 0.2, tagI},
		{"the margin never gives I after O", [nTags]float32{10, -50, 9.9}, tagO, 0.2, tagO},
		{"negative scores", [nTags]float32{-1, -1.5, -9}, tagO, 0.8, tagB},
		{"a span tag best stays best", [nTags]float32{1, 5, 2}, tagO, 1.2, tagB},
	}
	for _, tc := range tests {
		if got := pick(tc.sc[:], tc.prev, tc.margin); got != tc.want {
			t.Errorf("%s: pick(%v, %s, %v) = %s, want %s", tc.name, tc.sc, tagNames[tc.prev], tc.margin, tagNames[got], tagNames[tc.want])
		}
	}
	for k, ms := range recallMargin {
		for l, m := range ms {
			if m < 0 || m >= 2 {
				t.Errorf("recallMargin[%d][%s] = %v: outside [0, 2), where a span tag would always win", k, tagLabels[l], m)
			}
		}
	}
}

// TestSpanMargin: an ACTOR starts by a wider margin than it goes on by,
// so a start the tagger half believes in is taken and the name it
// starts stays short; a CLAIM the other way round (a clause once begun
// runs on, but a small model must not begin one on its cue); QUOTE has
// no margin at all.
func TestSpanMargin(t *testing.T) {
	actor, claim, quote := labelIndex(suggest.LabelActor), labelIndex(suggest.LabelClaim), labelIndex(suggest.LabelQuote)
	// O leads by 8, the two scores' mean magnitude 6: a margin of 4/3 is needed.
	wide := []float32{10, 2, 2}
	// O leads I by 6.4, their mean magnitude 6.8: a margin of 0.94 is needed.
	middle := []float32{10, 3.5, 3.6}
	tests := []struct {
		name  string
		sc    []float32
		label int
		prev  uint8
		want  uint8
	}{
		{"an ACTOR may start behind O", wide, actor, tagO, tagB},
		{"an ACTOR may not go on as far behind", wide, actor, tagB, tagO},
		{"nor after an inside token", wide, actor, tagI, tagO},
		{"a CLAIM goes on behind O", middle, claim, tagB, tagI},
		{"a CLAIM does not start as far behind", middle, claim, tagO, tagO},
		{"a QUOTE needs O beaten", wide, quote, tagO, tagO},
	}
	for _, tc := range tests {
		m := spanMargin(tc.label, tc.prev)
		if got := pick(tc.sc, tc.prev, m); got != tc.want {
			t.Errorf("%s: after %s, margin %v picks %s, want %s", tc.name, tagNames[tc.prev], m, tagNames[got], tagNames[tc.want])
		}
	}
}

// TestAboveFloor: the spans under a label's confidence floor go, the
// others stay in order; the floors are probabilities.
func TestAboveFloor(t *testing.T) {
	spans := []tokenSpan{{0, 2, 0.95}, {4, 4, 0.05}, {6, 9, 0.4}, {11, 12, 0.39}}
	tests := []struct {
		name  string
		floor float32
		want  []int // first tokens kept
	}{
		{"no floor keeps all", 0, []int{0, 4, 6, 11}},
		{"a floor equal to the confidence keeps it", 0.4, []int{0, 6}},
		{"just above it drops it", 0.41, []int{0}},
		{"a floor over all drops all", 0.99, nil},
	}
	for _, tc := range tests {
		got := aboveFloor(slices.Clone(spans), tc.floor)
		var firsts []int
		for _, s := range got {
			firsts = append(firsts, s.first)
		}
		if !slices.Equal(firsts, tc.want) {
			t.Errorf("%s: aboveFloor(floor %v) kept spans starting at %v, want %v", tc.name, tc.floor, firsts, tc.want)
		}
	}
	for l, f := range confFloor {
		if f < 0 || f >= 1 {
			t.Errorf("confFloor[%s] = %v: outside [0, 1), where every span would go", tagLabels[l], f)
		}
	}
}

// TestContentDistances: each token knows how far the nearest rule QUOTE
// or CLAIM starts after it, or ended before it, within its sentence.
func TestContentDistances(t *testing.T) {
	// Tokens: Zoë(0) Ngo(1) -(2) Tran(3) said(4) the(5) talks(6) failed(7) .(8) Ahmed(9) left(10) .(11)
	text := "Zoë Ngo-Tran said the talks failed. Ahmed left."
	claim := annotate.Span{Start: 17, End: 34, Label: suggest.LabelClaim}
	df := prepare(text, []annotate.Span{claim}, suggest.Context{})
	if got := df.lower[5]; got != "the" {
		t.Fatalf("token 5 is %q; the test's token numbers are off", got)
	}
	tests := []struct {
		tok           int
		after, before int32
	}{
		{0, 5, -1},
		{4, 1, -1},
		{5, -1, -1}, // the claim's first token: its own start is no neighbour
		{8, -1, 1},
		{9, -1, -1}, // a new sentence
		{11, -1, -1},
	}
	for _, tc := range tests {
		if df.contentAfter[tc.tok] != tc.after || df.contentBefore[tc.tok] != tc.before {
			t.Errorf("token %d (%q): after %d before %d, want %d and %d", tc.tok, df.lower[tc.tok],
				df.contentAfter[tc.tok], df.contentBefore[tc.tok], tc.after, tc.before)
		}
	}
	if df.contentAfterL[0] != 1 || df.contentBeforeL[8] != 1 {
		t.Errorf("label of the neighbouring content: %d, %d; want 1 (CLAIM)", df.contentAfterL[0], df.contentBeforeL[8])
	}
}

// TestSamePrevFeature: a candidate whose last word is that of the
// previous content's chosen speaker gets the "same" feature, others
// "other", and nothing is said when there was no previous speaker.
func TestSamePrevFeature(t *testing.T) {
	// Tokens: Li(0) Wei(1) left(2) .(3) “(4) Go(5) .(6) ”(7) Wei(8) and(9) Ngo(10) came(11) .(12)
	df := prepare("Li Wei left. “Go.” Wei and Ngo came.", nil, suggest.Context{})
	if df.lower[8] != "wei" {
		t.Fatalf("token 8 is %q; the test's token numbers are off", df.lower[8])
	}
	prev := contentRef{first: 5, last: 6}
	tests := []struct {
		name  string
		prevM mention
		ok    bool
		cand  mention
		want  string // the value of rSamePrev's first part, "" for no feature
	}{
		{"same last word", mention{first: 0, last: 1}, true, mention{first: 8, last: 8}, "sameQ"},
		{"another name", mention{first: 0, last: 1}, true, mention{first: 10, last: 10}, "otherQ"},
		{"no previous content", mention{first: 0, last: 1}, false, mention{first: 8, last: 8}, ""},
		{"the previous had nobody", mention{null: true}, true, mention{first: 8, last: 8}, ""},
		{"nobody, after a speaker", mention{first: 0, last: 1}, true, mention{null: true}, "null"},
	}
	for _, tc := range tests {
		c := contentRef{first: 11, last: 12, label: 0}
		df.follow(&c, prev, tc.prevM, tc.ok)
		s := sink{explain: true}
		df.rankFeatures(c, tc.cand, 0, &s)
		got := ""
		for _, f := range s.names {
			if f.tpl == rSamePrev {
				got = f.a
			}
		}
		if got != tc.want {
			t.Errorf("%s: rSamePrev %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestOpensQuote: a learned QUOTE may begin on a mark, right after one
// that touches it, or after the opening mark of a paired quotation with a
// space between; never after a word or after a closing mark.
func TestOpensQuote(t *testing.T) {
	text := "Ngo said “We win.” Former Tran aides hinted “big changes” could come. « Nous gagnons » dit-il."
	df := analyzed(text)
	tests := []struct {
		word string
		want bool
	}{
		{"we", true},       // right after “
		{"“", true},        // the mark itself
		{"tran", false},    // after a word, mid-sentence
		{"could", false},   // after a closing mark and a space
		{"nous", true},     // after « and a space, the rules paired « »
		{"changes", false}, // inside the quotation, after a word
	}
	for _, tc := range tests {
		i := slices.Index(df.lower, tc.word)
		if i < 0 {
			t.Fatalf("no token %q in %q", tc.word, df.lower)
		}
		if got := df.opensQuote(i); got != tc.want {
			t.Errorf("opensQuote(%q) = %v, want %v", tc.word, got, tc.want)
		}
	}
}

// analyzed is text laid out for the tagger with the rules' view of it
// (their quotations and cues), but none of their spans.
func analyzed(text string) *docFeatures {
	_, _, ctx := suggest.Analyze(&annotate.Document{ID: "d", Text: text}, nil, suggest.Options{})
	return prepare(text, nil, ctx)
}
