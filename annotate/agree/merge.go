package agree

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gloss/annotate"
)

// GoldAnnotator is the annotator name of a merged document.
const GoldAnnotator = "gold"

// spanKey is what makes two spans of different files the same span.
type spanKey struct {
	start, end int
	label      string
}

func compareKeys(a, b spanKey) int {
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.end, b.end); c != 0 {
		return c
	}
	return cmp.Compare(a.label, b.label)
}

// relKey is what makes two relations of different files the same relation.
type relKey struct {
	from, to spanKey
	label    string
}

// Majority is the default --min-agree for n files: a strict majority.
func Majority(n int) int { return n/2 + 1 }

// Merge builds the gold version of one document, given once per file: it
// keeps each span found, exactly (same start, end and label), in at least
// minAgree of the files, and each relation whose two ends are kept and
// that at least minAgree files hold (relations are compared by their ends'
// start, end and label and by their own label), and for each group of
// document labels the set of values that minAgree files gave it when no
// other set was given as often (see mergeChoices). minAgree ≤ 0 means a
// strict majority. Suggested and rejected spans, and suggested relations,
// are not annotations and are ignored.
//
// The result does not depend on the order of docs: span and relation ids
// are name-based (annotate.SpanID, annotate.RelationID), nothing is
// timestamped, a kept span's note is the sorted distinct non-empty notes
// the files gave it, joined with " | ", and the document keeps its meta
// and unknown keys only where every file has the same. It returns
// ErrTextDiffers when the texts differ.
func Merge(docs []*annotate.Document, minAgree int) (*annotate.Document, error) {
	if len(docs) == 0 {
		return nil, fmt.Errorf("agree: nothing to merge")
	}
	if minAgree <= 0 {
		minAgree = Majority(len(docs))
	}
	if minAgree > len(docs) {
		return nil, fmt.Errorf("agree: cannot require %d files to agree out of %d", minAgree, len(docs))
	}
	for _, d := range docs[1:] {
		if d.Text != docs[0].Text {
			return nil, ErrTextDiffers
		}
	}
	first := docs[0]
	n := first.Len()
	votes := map[spanKey]int{}
	notes := map[spanKey][]string{}
	relVotes := map[relKey]int{}
	for _, d := range docs {
		keyOf := make(map[string]spanKey, len(d.Spans))
		seen := make(map[spanKey]bool, len(d.Spans))
		for _, s := range d.Spans {
			k := spanKey{s.Start, s.End, s.Label}
			if !s.Asserted() || s.Start < 0 || s.End > n || s.Start >= s.End {
				continue
			}
			keyOf[s.ID] = k
			if seen[k] {
				continue // a file votes once for a span
			}
			seen[k] = true
			votes[k]++
			if s.Note != "" && !slices.Contains(notes[k], s.Note) {
				notes[k] = append(notes[k], s.Note)
			}
		}
		relSeen := map[relKey]bool{}
		for _, r := range d.Relations {
			from, okFrom := keyOf[r.From]
			to, okTo := keyOf[r.To]
			k := relKey{from, to, r.Label}
			if r.Suggested || !okFrom || !okTo || relSeen[k] {
				continue
			}
			relSeen[k] = true
			relVotes[k]++
		}
	}
	gold := &annotate.Document{ID: first.ID, Text: first.Text, Annotator: GoldAnnotator}
	var kept []spanKey
	for k, v := range votes {
		if v >= minAgree {
			kept = append(kept, k)
		}
	}
	// Sorting the small keys gives the spans' canonical order (start,
	// end, label) without moving whole spans around.
	slices.SortFunc(kept, compareKeys)
	ids := make(map[spanKey]string, len(kept))
	gold.Spans = make([]annotate.Span, 0, len(kept))
	for _, k := range kept {
		ns := notes[k]
		slices.Sort(ns)
		id := annotate.SpanID(first.ID, k.start, k.end, k.label)
		ids[k] = id
		gold.Spans = append(gold.Spans, annotate.Span{
			ID: id, Start: k.start, End: k.end, Label: k.label,
			Text: first.Slice(k.start, k.end), Note: strings.Join(ns, " | "),
		})
	}
	var rels []relKey
	for k, v := range relVotes {
		_, okFrom := ids[k.from]
		_, okTo := ids[k.to]
		if v >= minAgree && okFrom && okTo {
			rels = append(rels, k)
		}
	}
	slices.SortFunc(rels, func(a, b relKey) int {
		if c := compareKeys(a.from, b.from); c != 0 {
			return c
		}
		if c := compareKeys(a.to, b.to); c != 0 {
			return c
		}
		return cmp.Compare(a.label, b.label)
	})
	for _, k := range rels {
		from, to := ids[k.from], ids[k.to]
		gold.Relations = append(gold.Relations, annotate.Relation{
			ID: annotate.RelationID(from, to, k.label), Label: k.label, From: from, To: to,
		})
	}
	mergeChoices(gold, docs, minAgree)
	gold.Meta = first.Meta
	for _, d := range docs[1:] {
		if !bytes.Equal(d.Meta, first.Meta) {
			gold.Meta = nil
			break
		}
	}
	for _, f := range first.Extra {
		if everyHas(docs[1:], f) {
			gold.Extra = append(gold.Extra, f)
		}
	}
	return gold, nil
}

// everyHas reports whether every document has the unknown key f with the
// same value.
func everyHas(docs []*annotate.Document, f annotate.Field) bool {
	for _, d := range docs {
		if !slices.ContainsFunc(d.Extra, func(g annotate.Field) bool {
			return g.Key == f.Key && bytes.Equal(g.Value, f.Value)
		}) {
			return false
		}
	}
	return true
}
