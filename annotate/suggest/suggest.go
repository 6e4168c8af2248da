// Package suggest is Gloss's suggestion engine (pre-annotation): it
// proposes QUOTE, ACTOR and CLAIM spans and SAID_BY relations for the
// annotator to accept or reject, as the recommenders of Prodigy and
// INCEpTION do, but offline, deterministic and explainable. Every
// suggestion is an ordinary annotate.Span or annotate.Relation with
// Suggested set and a Reason a person can check.
//
// The rules, in brief (docs/suggest.md has them in full):
//   - QUOTE: direct speech between paired quotation marks of any common
//     style (“ ”, „ “, « », » «, ‹ ›, " ", ” ”, ‘ ’, ' ', 「 」, 『 』), marks
//     excluded, one QUOTE per paragraph of a long quotation; a phrase
//     quoted inside a clause ("said that “…”", scare quotes, titles) and
//     marks inside HTML tags are no QUOTE.
//   - ACTOR: capitalised names (with particles such as al, von, bin),
//     titles with names, organisations named by a common noun, states,
//     every further mention of an actor already labelled in the document or
//     known from the corpus, and the subjects of speech verbs that are no
//     names ("the judge said", "a new poll shows").
//   - SAID_BY: from each quote or claim to the subject of the cue that
//     brings it in (a speech verb, a verb of thought or a source phrase);
//     a pronoun subject is an ACTOR of its own, and the reason names what
//     it stands for.
//   - CLAIM: reported speech: the clause a cue brings in ("said that …",
//     "said the deal …", "The deal is dead, Lavrov said.", "According to
//     X, …").
package suggest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gloss/annotate"
)

// Label and relation names the engine produces. A label set that lacks one
// of them simply gets no suggestions of that kind.
const (
	LabelActor = "ACTOR"
	LabelClaim = "CLAIM"
	LabelQuote = "QUOTE"
	RelSaidBy  = "SAID_BY"
)

// Options tunes Suggest.
type Options struct {
	// KnownActors are surface forms labelled ACTOR elsewhere in the corpus;
	// their mentions in this document are suggested too.
	KnownActors []string
}

type spanKey struct {
	start, end int
	label      string
}

// Suggest returns the suggestions for d (it does not modify d): spans and
// relations, every one Suggested with a Reason. Spans come in their
// canonical order (annotate.CompareSpans), relations in the order of their
// source spans. No span duplicates a span of d (same start, end and label)
// and none overlaps a span of d with the same label; relations may point at
// spans of d or at suggested spans. Labels and relations that ls (nil: the
// built-in set) does not define are not suggested. Spans of d whose offsets
// are out of range are ignored.
func Suggest(d *annotate.Document, ls *annotate.LabelSet, opt Options) (spans []annotate.Span, rels []annotate.Relation) {
	spans, rels, _ = Analyze(d, ls, opt)
	return spans, rels
}

// Quotation is a pair of quotation marks the rules found: Open and Close
// are the code points of the marks (Close is the end of the paragraph's
// words when the next paragraph continues the quotation). Embedded: a
// phrase quoted inside a clause, which is no QUOTE.
type Quotation struct {
	Open, Close int
	Embedded    bool
}

// Cue is a word or phrase the rules read as bringing in speech or thought
// ("said", "according to"), in code points [Start, End), with its text in
// lower case.
type Cue struct {
	Start, End int
	Text       string
	// Thought: a verb of thought ("believes"), which brings in claims only.
	Thought bool
}

// Context is what the rules saw in a text besides what they suggest: the
// learner (annotate/learn) reads it as features.
type Context struct {
	Quotations []Quotation
	Cues       []Cue
}

// Analyze is Suggest that also returns the quotations and cues the rules
// found.
func Analyze(d *annotate.Document, ls *annotate.LabelSet, opt Options) (spans []annotate.Span, rels []annotate.Relation, ctx Context) {
	if ls == nil {
		ls = annotate.DefaultLabelSet()
	}
	t := scan(d.Text)
	t.markHeadings()
	n := len(t.r)
	exists := make(map[spanKey]bool, len(d.Spans)+len(t.words)/4)
	byLabel := map[string][]annotate.Span{}
	for _, s := range d.Spans {
		if s.Start < 0 || s.End > n || s.Start >= s.End {
			continue
		}
		exists[spanKey{s.Start, s.End, s.Label}] = true
		byLabel[s.Label] = append(byLabel[s.Label], s)
	}
	overlapsExisting := func(start, end int, label string) bool {
		for _, s := range byLabel[label] {
			if start < s.End && s.Start < end {
				return true
			}
		}
		return false
	}
	add := func(start, end int, label, reason string) (string, bool) {
		k := spanKey{start, end, label}
		if ls.Label(label) == nil || exists[k] || overlapsExisting(start, end, label) {
			return "", false
		}
		exists[k] = true
		id := annotate.SpanID(d.ID, start, end, label)
		spans = append(spans, annotate.Span{
			ID: id, Start: start, End: end, Label: label, Text: t.str(start, end),
			Suggested: true, Reason: reason,
		})
		return id, true
	}

	// Quotations: the ones found and the QUOTE spans already there.
	found := findQuotes(t)
	type quoteRef struct {
		q  quote
		id string
	}
	var quotes []quoteRef
	for _, q := range found {
		if q.embedded {
			continue
		}
		reason := fmt.Sprintf("inside %s %s quotation marks", q.openMark, q.closeMark)
		switch {
		case q.closeMark == "":
			reason = fmt.Sprintf("inside %s quotation marks, continued in the next paragraph", q.openMark)
		case q.open != q.first:
			reason = fmt.Sprintf("inside %s %s quotation marks, continuing the paragraph before", q.openMark, q.closeMark)
		}
		if id, ok := add(q.start, q.end, LabelQuote, reason); ok {
			quotes = append(quotes, quoteRef{q, id})
		}
	}
	for _, s := range byLabel[LabelQuote] {
		open, end := max(s.Start-1, 0), min(s.End, n-1)
		quotes = append(quotes, quoteRef{quote{open: open, close: end, start: s.Start, end: s.End, first: open,
			openMark: string(t.r[open]), closeMark: string(t.r[end])}, s.ID})
	}

	// Every quotation counts for where cues and speakers may stand, the
	// embedded ones too.
	allQuotes := make([]quote, 0, len(found)+len(byLabel[LabelQuote]))
	allQuotes = append(allQuotes, found...)
	for _, q := range quotes[len(quotes)-len(byLabel[LabelQuote]):] {
		allQuotes = append(allQuotes, q.q)
	}
	inQuote := markQuotes(n, allQuotes)
	cues := findCues(t, inQuote)
	ctx.Quotations = make([]Quotation, 0, len(found))
	for _, q := range found {
		ctx.Quotations = append(ctx.Quotations, Quotation{Open: q.open, Close: q.close, Embedded: q.embedded})
	}
	ctx.Cues = make([]Cue, 0, len(cues))
	for _, c := range cues {
		start, end := t.words[c.first].start, t.words[c.last].end
		ctx.Cues = append(ctx.Cues, Cue{Start: start, End: end, Text: strings.ToLower(t.str(start, end)), Thought: c.kind == thoughtCue})
	}

	// Actors: the existing ACTOR spans block overlapping suggestions and
	// lend their surface forms to further mentions.
	f := newActorFinder(t)
	var existing []actor
	for _, s := range byLabel[LabelActor] {
		existing = append(existing, actor{start: s.Start, end: s.End, id: s.ID, pronoun: isPronoun(t.str(s.Start, s.End))})
	}
	cands := f.find(knownForms(existing, t, opt.KnownActors))
	cands = append(cands, f.cueSubjects(cues, inQuote)...)
	for i := range existing {
		a := &existing[i]
		first, last := t.wordAt(a.start), t.wordAt(a.end-1)
		a.kind = unknownKind
		if first <= last && last < len(t.words) {
			a.kind = classify(f, first, last)
		}
	}
	actors := existing
	if ls.Label(LabelActor) != nil {
		for _, a := range resolve(cands, existing, n) {
			if a.pronoun {
				// Suggested once linked as a speaker.
				actors = append(actors, a)
				continue
			}
			if id, ok := add(a.start, a.end, LabelActor, a.reason); ok {
				a.id = id
				actors = append(actors, a)
			}
		}
	}

	// Speakers of quotations and claims.
	relSeen := map[[2]string]bool{}
	attributed := map[string]bool{}
	for _, r := range d.Relations {
		if r.Label == RelSaidBy {
			attributed[r.From] = true
			relSeen[[2]string{r.From, r.To}] = true
		}
	}
	link := func(from, fromLabel string, sp speaker) {
		if from == "" || sp.actor == nil || !ls.Allows(RelSaidBy, fromLabel, LabelActor) {
			return
		}
		if sp.actor.id == "" {
			// A pronoun becomes an ACTOR once it is a speaker.
			id, ok := add(sp.actor.start, sp.actor.end, LabelActor, sp.actor.reason)
			if !ok {
				return
			}
			sp.actor.id = id
		}
		k := [2]string{from, sp.actor.id}
		if relSeen[k] {
			return
		}
		relSeen[k] = true
		rels = append(rels, annotate.Relation{
			ID: annotate.RelationID(from, sp.actor.id, RelSaidBy), Label: RelSaidBy,
			From: from, To: sp.actor.id, Suggested: true, Reason: sp.reason,
		})
	}
	sf := newSpeakerFinder(t, actors, allQuotes, inQuote, cues)
	slices.SortFunc(quotes, func(a, b quoteRef) int { return cmp.Compare(a.q.open, b.q.open) })
	qs := make([]quote, len(quotes))
	for i, q := range quotes {
		qs[i] = q.q
	}
	for i, sp := range sf.attributeQuotes(qs) {
		if !attributed[quotes[i].id] {
			link(quotes[i].id, LabelQuote, sp)
		}
	}
	for _, c := range sf.claims() {
		if id, ok := add(c.start, c.end, LabelClaim, fmt.Sprintf("reported speech: '%s …'", c.verb)); ok {
			link(id, LabelClaim, c.speaker)
		}
	}

	// Ids are unique, so CompareSpans is a total order: no need for a
	// stable sort.
	slices.SortFunc(spans, annotate.CompareSpans)
	pos := make(map[string]int, len(d.Spans)+len(spans))
	for _, s := range d.Spans {
		pos[s.ID] = s.Start
	}
	for _, s := range spans {
		pos[s.ID] = s.Start
	}
	slices.SortStableFunc(rels, func(a, b annotate.Relation) int { return cmp.Compare(pos[a.From], pos[b.From]) })
	return spans, rels, ctx
}

// isPronoun reports whether an actor's text is a pronoun ("he", "They"):
// a pronoun stands for one actor in one place, so it is never a known
// actor whose further mentions are suggested.
func isPronoun(s string) bool {
	return pronouns.hasString(strings.ToLower(strings.TrimSpace(s)))
}

// KnownActors collects, for Options.KnownActors, the distinct texts of the
// accepted (not suggested) ACTOR spans of a corpus, sorted. Passing the
// document being suggested for as well is harmless: its own spans count as
// mentions of this document first.
func KnownActors(docs ...*annotate.Document) []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range docs {
		for _, s := range d.Spans {
			if s.Label != LabelActor || s.Suggested {
				continue
			}
			text := s.Text
			if text == "" {
				text = d.Slice(s.Start, s.End)
			}
			if text != "" && !seen[text] && !isPronoun(text) {
				seen[text] = true
				out = append(out, text)
			}
		}
	}
	slices.Sort(out)
	return out
}
