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
	// Speaker: a source span (a quote, a claim) both have, linked by a
	// relation in both, to speakers that differ.
	Speaker
	// MissingSpeaker: a source span both have, linked in A, not in B.
	MissingSpeaker
	// ExtraSpeaker: a source span both have, linked in B, not in A.
	ExtraSpeaker
)

// IsSpeaker reports whether k is about the speakers of a source span
// rather than about spans.
func (k Kind) IsSpeaker() bool { return k == Speaker || k == MissingSpeaker || k == ExtraSpeaker }

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
	case Speaker:
		return "speaker"
	case MissingSpeaker:
		return "missing speaker"
	case ExtraSpeaker:
		return "extra speaker"
	}
	return "unknown"
}

// Disagreement is one entry of a reviewer's list.
type Disagreement struct {
	Kind Kind
	// A and B index the spans of the two documents; -1 where that side has
	// none (B for Missing, A for Extra). For the speaker kinds they are the
	// source span, which both documents have.
	A, B int
	// Start and End cover both spans, for scrolling to the place; for the
	// speaker kinds, the source span.
	Start, End int
	// Relation is the relation label of a speaker kind ("SAID_BY"), and ""
	// for the span kinds.
	Relation string
	// SpeakersA and SpeakersB index the spans each document links the
	// source to by Relation, in text order (speaker kinds only).
	SpeakersA, SpeakersB []int
}

// Disagreements lists where b differs from a: spans they share exactly are
// left out; spans with the same offsets and different labels are paired
// first (LabelDiffers), then same-label spans that overlap, as many as
// possible (Boundary); what remains is Missing from b or Extra in b. Then
// the speakers: for each source span both have exactly and that either
// links by a relation, Speaker when both link it to speakers that do not
// agree (as speaker_agreement counts them), MissingSpeaker or
// ExtraSpeaker when only a or only b links it. The list is in text order,
// a source's speaker entry after any span entry of the same extent.
// Suggested and rejected spans, and suggested relations, are ignored. a
// and b are assumed to have the same text.
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
	out = append(out, speakerDisagreements(a, b)...)
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
		if c := cmp.Compare(x.Relation, y.Relation); c != 0 {
			return c
		}
		if c := cmp.Compare(x.A, y.A); c != 0 {
			return c
		}
		return cmp.Compare(x.B, y.B)
	})
	return out
}

// speakerDisagreements lists the speaker kinds of Disagreements.
func speakerDisagreements(a, b *annotate.Document) []Disagreement {
	if len(a.Relations) == 0 && len(b.Relations) == 0 {
		return nil
	}
	n := a.Len()
	ids := map[string]spanKey{}
	la := appendLinks(nil, a, n, ids)
	lb := appendLinks(nil, b, n, ids)
	ia, ib := spanIndexes(a), spanIndexes(b)
	var out []Disagreement
	for len(la) > 0 || len(lb) > 0 {
		// One relation label at a time, in name order.
		label := ""
		switch {
		case len(la) == 0:
			label = lb[0].label
		case len(lb) == 0:
			label = la[0].label
		default:
			label = min(la[0].label, lb[0].label)
		}
		ea, eb := labelRun(la, label), labelRun(lb, label)
		forSources(la[:ea], lb[:eb], func(src spanKey, sa, sb []link) {
			i, okA := ia[src]
			j, okB := ib[src]
			if !okA || !okB || speakersAgree(sa, sb) {
				return
			}
			d := Disagreement{Kind: Speaker, A: i, B: j, Start: src.start, End: src.end, Relation: label,
				SpeakersA: targets(sa, ia), SpeakersB: targets(sb, ib)}
			switch {
			case len(sb) == 0:
				d.Kind = MissingSpeaker
			case len(sa) == 0:
				d.Kind = ExtraSpeaker
			}
			out = append(out, d)
		})
		la, lb = la[ea:], lb[eb:]
	}
	return out
}

// labelRun is how many of the links, sorted by label, have label.
func labelRun(ls []link, label string) int {
	n := 0
	for n < len(ls) && ls[n].label == label {
		n++
	}
	return n
}

// spanIndexes maps each annotated span's (start, end, label) to its index
// in d.Spans (the first, if a file has it twice).
func spanIndexes(d *annotate.Document) map[spanKey]int {
	m := make(map[spanKey]int, len(d.Spans))
	for i := len(d.Spans) - 1; i >= 0; i-- {
		if s := d.Spans[i]; s.Asserted() {
			m[keyOfSpan(s)] = i
		}
	}
	return m
}

// targets is the span indexes of the links' targets, in text order.
func targets(ls []link, index map[spanKey]int) []int {
	var out []int
	for _, l := range ls {
		if i, ok := index[l.to]; ok {
			out = append(out, i)
		}
	}
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
