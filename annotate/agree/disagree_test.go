package agree

import (
	"slices"
	"testing"
)

func TestDisagreements(t *testing.T) {
	const text = "Ünal said 😀 «we stay» in Libya, 北京 too"
	a := doc("d", text,
		sp{0, 4, "ACTOR"},   // same in b
		sp{13, 20, "QUOTE"}, // we stay; b takes the marks too: boundary
		sp{25, 30, "ACTOR"}, // Libya; b labels it CLAIM: label
		sp{32, 34, "ACTOR"}, // 北京; b lacks it: missing
	)
	b := doc("d", text,
		sp{0, 4, "ACTOR"},
		sp{12, 21, "QUOTE"}, // «we stay», marks included
		sp{25, 30, "CLAIM"},
		sp{10, 11, "ACTOR"}, // 😀; a lacks it: extra
	)
	b.Spans = append(b.Spans, b.Spans[0])
	b.Spans[4].Suggested = true
	b.Spans[4].Start = 35 // "too", a suggestion: ignored
	b.Spans[4].End = 38
	type row struct {
		kind       Kind
		a, b       int
		start, end int
	}
	want := []row{
		{Extra, -1, 3, 10, 11},
		{Boundary, 1, 1, 12, 21},
		{LabelDiffers, 2, 2, 25, 30},
		{Missing, 3, -1, 32, 34},
	}
	var got []row
	for _, d := range Disagreements(a, b) {
		got = append(got, row{d.Kind, d.A, d.B, d.Start, d.End})
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	if len(Disagreements(a, a)) != 0 {
		t.Error("a document disagrees with itself")
	}
	// Seen from b, missing and extra swap.
	var kinds []Kind
	for _, d := range Disagreements(b, a) {
		kinds = append(kinds, d.Kind)
	}
	if !slices.Equal(kinds, []Kind{Missing, Boundary, LabelDiffers, Extra}) {
		t.Errorf("b→a kinds %v", kinds)
	}
}

func TestDisagreementsBoundaryMatching(t *testing.T) {
	// As in the F1 case: pairing a's long span with b's first would leave
	// two spans unexplained.
	a := doc("d", "0123456789", sp{0, 10, "CLAIM"}, sp{3, 4, "CLAIM"})
	b := doc("d", "0123456789", sp{0, 4, "CLAIM"}, sp{5, 9, "CLAIM"})
	ds := Disagreements(a, b)
	if len(ds) != 2 || ds[0].Kind != Boundary || ds[1].Kind != Boundary {
		t.Errorf("got %+v, want two boundary disagreements", ds)
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Missing: "missing", Extra: "extra", Boundary: "boundary", LabelDiffers: "label", Kind(9): "unknown"} {
		if k.String() != want {
			t.Errorf("%d: %q", k, k.String())
		}
	}
}
