package agree

import (
	"errors"
	"testing"

	"gloss/annotate"
)

// sp is a span for tests: offsets and label.
type sp struct {
	start, end int
	label      string
}

// doc builds a document of text with spans; their text is filled in so
// that annotate.Validate would accept it.
func doc(id, text string, spans ...sp) *annotate.Document {
	d := &annotate.Document{ID: id, Text: text}
	for _, s := range spans {
		d.Spans = append(d.Spans, annotate.Span{
			ID: annotate.SpanID(id, s.start, s.end, s.label), Start: s.start, End: s.end,
			Label: s.label, Text: d.Slice(s.start, s.end),
		})
	}
	return d
}

func checkMeasures(t *testing.T, what string, got, want Measures) {
	t.Helper()
	if !near(got.F1Exact, want.F1Exact) || !near(got.F1Overlap, want.F1Overlap) ||
		!near(got.Kappa, want.Kappa) || !near(got.Alpha, want.Alpha) {
		t.Errorf("%s: got %+v, want %+v", what, got, want)
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name  string
		docs  []*annotate.Document
		units int
		// labels expected in the report, in order, with their figures.
		labels  []string
		want    []Measures
		overall Measures
	}{
		{
			name:    "both empty",
			docs:    []*annotate.Document{doc("d", "ab cd"), doc("d", "ab cd")},
			units:   4,
			overall: Measures{1, 1, 1, 1},
		},
		{
			name:    "empty text",
			docs:    []*annotate.Document{doc("d", ""), doc("d", "")},
			overall: Measures{1, 1, 1, 1},
		},
		{
			// Units a b c d e f (the spaces are not units). A covers 4, B
			// all 6: pₒ = pₑ = 2/3, κ = 0. α: 4 units (1,1), 2 units
			// (0,1): o11 = 8, o01 = o10 = 2, n1 = 10, n0 = 2,
			// α = 1 − 11·4/40.
			name: "one exact, one boundary",
			docs: []*annotate.Document{
				doc("d", "ab cd ef", sp{0, 2, "ACTOR"}, sp{3, 5, "ACTOR"}),
				doc("d", "ab cd ef", sp{0, 2, "ACTOR"}, sp{3, 8, "ACTOR"}),
			},
			units:   6,
			labels:  []string{"ACTOR"},
			want:    []Measures{{0.5, 1, 0, 1 - 11.0*4/40}},
			overall: Measures{0.5, 1, 0, 1 - 11.0*4/40},
		},
		{
			// Code points: 😀 0, space 1, a 2, \r 3, \n 4, b 5; units 😀 a
			// b. A covers 😀 a, B covers a b: pₒ = 1/3, pₑ = 5/9,
			// κ = −1/2. α: o11 = 2, o01 = o10 = 2, n1 = 4, n0 = 2,
			// α = 1 − 5·4/16.
			name: "emoji and CRLF",
			docs: []*annotate.Document{
				doc("d", "😀 a\r\nb", sp{0, 3, "QUOTE"}),
				doc("d", "😀 a\r\nb", sp{2, 6, "QUOTE"}),
			},
			units:   3,
			labels:  []string{"QUOTE"},
			want:    []Measures{{0, 1, -0.5, 1 - 5.0*4/16}},
			overall: Measures{0, 1, -0.5, 1 - 5.0*4/16},
		},
		{
			// Pairs AB (κ 1, exact), AC and BC (κ 0, overlap only).
			// α: units (1,1,0), (1,1,1), (0,0,1), (0,0,0), weighted 1/2:
			// o11 = 1+3, o00 = 1+3, o01 = o10 = 2; n1 = n0 = 6:
			// α = 1 − 11·4/72 = 7/18.
			name: "three coders",
			docs: []*annotate.Document{
				doc("d", "abcd", sp{0, 2, "ACTOR"}),
				doc("d", "abcd", sp{0, 2, "ACTOR"}),
				doc("d", "abcd", sp{1, 3, "ACTOR"}),
			},
			units:   4,
			labels:  []string{"ACTOR"},
			want:    []Measures{{1.0 / 3, 1, 1.0 / 3, 7.0 / 18}},
			overall: Measures{1.0 / 3, 1, 1.0 / 3, 7.0 / 18},
		},
		{
			// f1_overlap needs a true maximum matching: a greedy pass
			// would match 1 of 2.
			name: "overlap where greedy is wrong",
			docs: []*annotate.Document{
				doc("d", "0123456789", sp{0, 10, "CLAIM"}, sp{3, 4, "CLAIM"}),
				doc("d", "0123456789", sp{0, 4, "CLAIM"}, sp{5, 9, "CLAIM"}),
			},
			units:  10,
			labels: []string{"CLAIM"},
			// A covers 10, B 8 (0–3, 5–8): pₒ = 0.8, pₑ = 0.8, κ = 0;
			// α: 8 units (1,1), 2 units (1,0): o11 = 16, o01 = o10 = 2,
			// n1 = 18, n0 = 2: α = 1 − 19·4/72.
			want:    []Measures{{0, 1, 0, 1 - 19.0*4/72}},
			overall: Measures{0, 1, 0, 1 - 19.0*4/72},
		},
		{
			// ACTOR agrees perfectly; QUOTE only in A. Label order is the
			// label set's (ACTOR, CLAIM, QUOTE), unknown labels last.
			// QUOTE: A covers c d, B none: pₑ = (0 + 2·4)/16 = 0.5,
			// pₒ = 0.5: κ = 0; α: o01 = o10 = 2, o00 = 4, n0 = 6, n1 = 2:
			// α = 1 − 7·4/24.
			name: "labels pooled and ordered",
			docs: []*annotate.Document{
				doc("d", "ab cd", sp{0, 2, "ZED"}, sp{0, 2, "ACTOR"}, sp{3, 5, "QUOTE"}),
				doc("d", "ab cd", sp{0, 2, "ACTOR"}, sp{0, 2, "ZED"}),
			},
			units:  4,
			labels: []string{"ACTOR", "QUOTE", "ZED"},
			want: []Measures{
				{1, 1, 1, 1},
				{0, 0, 0, 1 - 7.0*4/24},
				{1, 1, 1, 1},
			},
			// Pooled: m = 2 of 3 + 2 spans: 0.8.
			overall: Measures{0.8, 0.8, 2.0 / 3, (2 + 1 - 7.0*4/24) / 3},
		},
	}
	for _, tt := range tests {
		r, err := Compare(tt.docs, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if r.Documents != 1 || r.Units != tt.units {
			t.Errorf("%s: documents %d units %d, want 1 and %d", tt.name, r.Documents, r.Units, tt.units)
		}
		if len(r.Labels) != len(tt.labels) {
			t.Fatalf("%s: labels %+v, want %v", tt.name, r.Labels, tt.labels)
		}
		for i, l := range r.Labels {
			if l.Label != tt.labels[i] {
				t.Errorf("%s: label %d is %s, want %s", tt.name, i, l.Label, tt.labels[i])
			}
			checkMeasures(t, tt.name+" "+l.Label, l.Measures, tt.want[i])
		}
		checkMeasures(t, tt.name+" overall", r.Overall, tt.overall)
	}
}

func TestCompareIgnoresSuggestionsAndClipsBadOffsets(t *testing.T) {
	a := doc("d", "ab cd", sp{0, 2, "ACTOR"})
	b := doc("d", "ab cd", sp{0, 2, "ACTOR"}, sp{3, 5, "ACTOR"})
	b.Spans[1].Suggested = true
	b.Spans = append(b.Spans, annotate.Span{Start: 4, End: 99, Label: "ACTOR"}, annotate.Span{Start: 3, End: 3, Label: "ACTOR"})
	r, err := Compare([]*annotate.Document{a, b}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// b's span [4,99) is clipped to [4,5); the empty one is dropped.
	if got := r.Labels[0].Spans; got[0] != 1 || got[1] != 2 {
		t.Errorf("spans = %v, want [1 2]", got)
	}
}

func TestCompareErrors(t *testing.T) {
	if _, err := Compare([]*annotate.Document{doc("d", "ab"), doc("d", "ab ")}, nil); !errors.Is(err, ErrTextDiffers) {
		t.Errorf("different texts: err = %v, want ErrTextDiffers", err)
	}
	if _, err := Compare([]*annotate.Document{doc("d", "ab")}, nil); err == nil {
		t.Error("one file: no error")
	}
}

// TestCorpusPools checks that the corpus figures pool the counts of all
// documents rather than averaging per-document figures.
func TestCorpusPools(t *testing.T) {
	c := NewCorpus(2, nil)
	r1, err := c.Add([]*annotate.Document{doc("1", "ab", sp{0, 2, "ACTOR"}), doc("1", "ab", sp{0, 2, "ACTOR"})})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := c.Add([]*annotate.Document{doc("2", "cd", sp{0, 1, "ACTOR"}), doc("2", "cd")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Add([]*annotate.Document{doc("3", "x"), doc("3", "y")}); !errors.Is(err, ErrTextDiffers) {
		t.Fatalf("err = %v", err)
	}
	if r1.Overall.F1Exact != 1 || r2.Overall.F1Exact != 0 {
		t.Errorf("per-document f1 = %v, %v; want 1, 0", r1.Overall.F1Exact, r2.Overall.F1Exact)
	}
	r := c.Report()
	if r.Documents != 2 || r.Units != 4 {
		t.Fatalf("documents %d units %d, want 2 and 4", r.Documents, r.Units)
	}
	// m = 1 of 2 + 1 spans; units: A covers 3 of 4, B 2, both 2:
	// pₒ = 3/4, pₑ = (3·2 + 1·2)/16 = 1/2, κ = 1/2.
	// α: o11 = 4, o01 = o10 = 1, o00 = 2: n1 = 5, n0 = 3, α = 1 − 7·2/30.
	checkMeasures(t, "corpus", r.Labels[0].Measures, Measures{2.0 / 3, 2.0 / 3, 0.5, 1 - 7.0*2/30})
	if got := r.Labels[0].Spans; got[0] != 2 || got[1] != 1 {
		t.Errorf("spans = %v", got)
	}
}
