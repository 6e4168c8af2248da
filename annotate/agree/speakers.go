package agree

import (
	"cmp"
	"slices"

	"gloss/annotate"
)

// This file is the speaker side of review and merge, without Fyne: which
// speakers a file gives a quote or claim, how a gold comes to hold a
// chosen annotator's speakers, and which quotes a merge left without one.

// Speakers returns the spans d links by relation from its span with
// source's start, end and label (the speakers of that quote or claim), in
// canonical order; nil when d lacks the span or links it to nothing.
// Suggested and rejected spans, and suggested relations, are not
// annotations and are left out.
func Speakers(d *annotate.Document, source annotate.Span, relation string) []annotate.Span {
	from := ""
	for _, s := range d.Spans {
		if s.Asserted() && s.Start == source.Start && s.End == source.End && s.Label == source.Label {
			from = s.ID
			break
		}
	}
	if from == "" {
		return nil
	}
	var out []annotate.Span
	for _, r := range d.Relations {
		if r.Suggested || r.From != from || r.Label != relation {
			continue
		}
		if i := d.SpanByID(r.To); i >= 0 && d.Spans[i].Asserted() {
			to := d.Spans[i]
			if !slices.ContainsFunc(out, func(o annotate.Span) bool { return keyOfSpan(o) == keyOfSpan(to) }) {
				out = append(out, to)
			}
		}
	}
	slices.SortFunc(out, annotate.CompareSpans)
	return out
}

// SetSpeakers returns the edits that make gold link source by relation to
// exactly the given speakers (spans of any file, compared by start, end
// and label): the source span and each speaker span are added when the
// gold lacks them (with name-based ids, as Merge gives, and the given
// span's note), the gold's other relations of that label from the source
// are removed and the missing ones added. Nothing is returned when the
// gold holds just that already. Apply the edits in order, as one
// annotate.Batch.
func SetSpeakers(gold *annotate.Document, source annotate.Span, relation string, speakers []annotate.Span) []annotate.Edit {
	var edits []annotate.Edit
	// ensure returns the gold's id for span s, adding the span if needed.
	added := map[spanKey]string{}
	ensure := func(s annotate.Span) string {
		k := keyOfSpan(s)
		if id, ok := added[k]; ok {
			return id
		}
		if i := gold.FindSpan(s.Start, s.End, s.Label); i >= 0 {
			return gold.Spans[i].ID
		}
		ns := annotate.Span{
			ID: annotate.SpanID(gold.ID, s.Start, s.End, s.Label), Start: s.Start, End: s.End,
			Label: s.Label, Text: gold.Slice(s.Start, s.End), Note: s.Note,
		}
		edits = append(edits, &annotate.AddSpan{Span: ns})
		added[k] = ns.ID
		return ns.ID
	}
	from := ""
	if i := gold.FindSpan(source.Start, source.End, source.Label); i >= 0 {
		from = gold.Spans[i].ID
	} else if len(speakers) == 0 {
		return nil // no source, no speakers: nothing to take away
	} else {
		from = ensure(source)
	}
	want := map[spanKey]bool{}
	for _, s := range speakers {
		want[keyOfSpan(s)] = true
	}
	have := map[spanKey]bool{}
	for _, r := range gold.Relations {
		if r.From != from || r.Label != relation {
			continue
		}
		i := gold.SpanByID(r.To)
		if i >= 0 && want[keyOfSpan(gold.Spans[i])] && !have[keyOfSpan(gold.Spans[i])] {
			have[keyOfSpan(gold.Spans[i])] = true
			continue
		}
		edits = append(edits, &annotate.RemoveRelation{ID: r.ID})
	}
	sorted := slices.Clone(speakers)
	slices.SortFunc(sorted, annotate.CompareSpans)
	for _, s := range sorted {
		k := keyOfSpan(s)
		if have[k] {
			continue
		}
		have[k] = true
		to := ensure(s)
		edits = append(edits, &annotate.AddRelation{Relation: annotate.Relation{
			ID: annotate.RelationID(from, to, relation), Label: relation, From: from, To: to,
		}})
	}
	return edits
}

// Conflict is a source span that a merge kept without a speaker although
// some files give it one: no speaker reached the files it needed.
type Conflict struct {
	// Source is the gold's span.
	Source annotate.Span
	// Relation is the relation label ("SAID_BY").
	Relation string
	// Speakers holds, per file in the order given, the speakers that file
	// links the source to (nil for none).
	Speakers [][]annotate.Span
}

// SpeakerConflicts lists, in text order, the spans of gold (the merge of
// docs) that some file links by a relation while the gold links them by
// no relation of that label: the speakers the files gave were too
// divided for any to reach the merge's minimum.
func SpeakerConflicts(docs []*annotate.Document, gold *annotate.Document) []Conflict {
	type source struct {
		key      spanKey
		relation string
	}
	linked := map[source]bool{}
	var sources []source
	for _, d := range docs {
		byID := make(map[string]spanKey, len(d.Spans))
		for _, s := range d.Spans {
			if s.Asserted() {
				byID[s.ID] = keyOfSpan(s)
			}
		}
		for _, r := range d.Relations {
			from, okFrom := byID[r.From]
			_, okTo := byID[r.To]
			src := source{from, r.Label}
			if r.Suggested || !okFrom || !okTo || linked[src] {
				continue
			}
			linked[src] = true
			sources = append(sources, src)
		}
	}
	if len(sources) == 0 {
		return nil
	}
	held := map[source]bool{}
	goldIndex := spanIndexes(gold)
	for _, r := range gold.Relations {
		if i := gold.SpanByID(r.From); i >= 0 {
			held[source{keyOfSpan(gold.Spans[i]), r.Label}] = true
		}
	}
	var out []Conflict
	for _, src := range sources {
		i, kept := goldIndex[src.key]
		if !kept || held[src] {
			continue
		}
		c := Conflict{Source: gold.Spans[i], Relation: src.relation, Speakers: make([][]annotate.Span, len(docs))}
		for f, d := range docs {
			c.Speakers[f] = Speakers(d, c.Source, src.relation)
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Conflict) int {
		if c := annotate.CompareSpans(a.Source, b.Source); c != 0 {
			return c
		}
		return cmp.Compare(a.Relation, b.Relation)
	})
	return out
}
