package agree

import (
	"cmp"
	"slices"

	"gloss/annotate"
)

// Kind is a kind of disagreement between two annotators.
type Kind int

// The kinds of disagreement, seen from the first document (A) towards the
// second (B).
const (
	// Missing: a span of A that B has nothing like.
	Missing Kind = iota
	// Extra: a span of B that A has nothing like.
	Extra
	// Boundary: spans of the same label that overlap with different
	// offsets.
	Boundary
	// LabelDiffers: spans with the same offsets and different labels.
	LabelDiffers
)

func (k Kind) String() string {
	switch k {
	case Missing:
		return "missing"
	case Extra:
		return "extra"
	case Boundary:
		return "boundary"
	case LabelDiffers:
		return "label"
	}
	return "unknown"
}

// Disagreement is one entry of a reviewer's list.
type Disagreement struct {
	Kind Kind
	// A and B index the spans of the two documents; -1 where that side has
	// none (B for Missing, A for Extra).
	A, B int
	// Start and End cover both spans, for scrolling to the place.
	Start, End int
}

// Disagreements lists where b differs from a: spans they share exactly are
// left out; spans with the same offsets and different labels are paired
// first (LabelDiffers), then same-label spans that overlap, as many as
// possible (Boundary); what remains is Missing from b or Extra in b. The
// list is in text order. Suggested and rejected spans are ignored. a and b
// are assumed to have the same text.
func Disagreements(a, b *annotate.Document) []Disagreement {
	ra, rb := annotated(a), annotated(b)
	// Exact matches agree: drop them.
	inA := map[spanKey]bool{}
	for _, i := range ra {
		inA[keyOfSpan(a.Spans[i])] = true
	}
	inB := map[spanKey]bool{}
	for _, j := range rb {
		inB[keyOfSpan(b.Spans[j])] = true
	}
	ra = slices.DeleteFunc(ra, func(i int) bool { return inB[keyOfSpan(a.Spans[i])] })
	rb = slices.DeleteFunc(rb, func(j int) bool { return inA[keyOfSpan(b.Spans[j])] })

	var out []Disagreement
	add := func(k Kind, i, j int) {
		d := Disagreement{Kind: k, A: i, B: j, Start: int(^uint(0) >> 1), End: -1}
		if i >= 0 {
			d.Start, d.End = min(d.Start, a.Spans[i].Start), max(d.End, a.Spans[i].End)
		}
		if j >= 0 {
			d.Start, d.End = min(d.Start, b.Spans[j].Start), max(d.End, b.Spans[j].End)
		}
		out = append(out, d)
	}
	usedA, usedB := map[int]bool{}, map[int]bool{}
	// Same offsets, different labels: pair them in label order.
	for _, i := range ra {
		sa := a.Spans[i]
		for _, j := range rb {
			sb := b.Spans[j]
			if !usedB[j] && sb.Start == sa.Start && sb.End == sa.End {
				usedA[i], usedB[j] = true, true
				add(LabelDiffers, i, j)
				break
			}
		}
	}
	ra = slices.DeleteFunc(ra, func(i int) bool { return usedA[i] })
	rb = slices.DeleteFunc(rb, func(j int) bool { return usedB[j] })
	// Same label, overlapping: a maximum matching, so that as many
	// differences as possible read as boundary slips rather than as a
	// missing span plus an extra one.
	ivA := make([]interval, len(ra))
	for k, i := range ra {
		ivA[k] = interval{a.Spans[i].Start, a.Spans[i].End}
	}
	ivB := make([]interval, len(rb))
	for k, j := range rb {
		ivB[k] = interval{b.Spans[j].Start, b.Spans[j].End}
	}
	for _, p := range matchOverlaps(ivA, ivB, func(x, y int) bool {
		return a.Spans[ra[x]].Label == b.Spans[rb[y]].Label
	}) {
		i, j := ra[p[0]], rb[p[1]]
		usedA[i], usedB[j] = true, true
		add(Boundary, i, j)
	}
	for _, i := range ra {
		if !usedA[i] {
			add(Missing, i, -1)
		}
	}
	for _, j := range rb {
		if !usedB[j] {
			add(Extra, -1, j)
		}
	}
	slices.SortFunc(out, func(x, y Disagreement) int {
		if c := cmp.Compare(x.Start, y.Start); c != 0 {
			return c
		}
		if c := cmp.Compare(x.End, y.End); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Kind, y.Kind); c != 0 {
			return c
		}
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		return cmp.Compare(x.B, y.B)
	})
	return out
}

func keyOfSpan(s annotate.Span) spanKey { return spanKey{s.Start, s.End, s.Label} }

// annotated returns the indexes of d's spans that are annotations (not
// suggestions, not rejected), in canonical order.
func annotated(d *annotate.Document) []int {
	var idx []int
	for i, s := range d.Spans {
		if s.Asserted() {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(x, y int) int { return annotate.CompareSpans(d.Spans[x], d.Spans[y]) })
	return idx
}
