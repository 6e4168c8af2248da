package learn

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gloss/annotate"
	"gloss/annotate/suggest"
)

// Suggest is suggest.Suggest with a model: the rules run first and their
// output is among the tagger's features; then, for each label the model
// learned (Meta.Spans), the tagger's spans replace the rules' (a rule span
// the tagger agrees with keeps the rules' reason, with the model's
// confidence after it), and for labels it did not learn the rules' spans
// stand. When the model learned speakers, the ranker picks the speaker of
// every suggested quote and claim (and of the document's own that have
// none yet); else the rules' SAID_BY stand. A nil model is the rules
// alone. The contract is suggest.Suggest's: d is not modified, nothing
// duplicates or overlaps a span of d with the same label, ids are
// name-based, the same input gives the same output.
func Suggest(d *annotate.Document, ls *annotate.LabelSet, opt suggest.Options, m *Model) ([]annotate.Span, []annotate.Relation) {
	if m == nil {
		return suggest.Suggest(d, ls, opt)
	}
	if ls == nil {
		ls = annotate.DefaultLabelSet()
	}
	ruleSpans, ruleRels, ctx := suggest.Analyze(d, ls, opt)
	n := len([]rune(d.Text))
	var own []annotate.Span // d's spans in range
	for _, s := range d.Spans {
		if 0 <= s.Start && s.Start < s.End && s.End <= n {
			own = append(own, s)
		}
	}
	df := prepare(d.Text, append(slices.Clip(ruleSpans), own...), ctx)
	var use [nLabels]bool
	for l, name := range tagLabels {
		use[l] = m.Meta.Spans[name] > 0 && ls.Label(name) != nil
	}
	tg := tag(&m.tagger, df, use, nil, nil)

	out := newOutput(d, own, ls)
	ruleByKey := make(map[spanKey]annotate.Span, len(ruleSpans))
	for _, s := range ruleSpans {
		ruleByKey[spanKey{s.Start, s.End, s.Label}] = s
		if l := labelIndex(s.Label); l < 0 || !use[l] {
			out.add(s)
		}
	}
	var learned [nLabels][]tokenSpan
	for l := range nLabels {
		if !use[l] {
			continue
		}
		learned[l] = tg.spans(l)
		switch tagLabels[l] {
		case suggest.LabelClaim:
			learned[l] = df.mendClaims(learned[l], tg.prob[l])
		case suggest.LabelQuote:
			learned[l] = df.quotedOnly(learned[l])
		}
		learned[l] = aboveFloor(learned[l], confFloor[l])
		for _, ts := range learned[l] {
			start, end := df.toks[ts.first].Start, df.toks[ts.last].End
			label := tagLabels[l]
			reason := fmt.Sprintf("learned: %.2f%s", ts.conf, m.explainTag(df, l, ts.first))
			if rs, ok := ruleByKey[spanKey{start, end, label}]; ok {
				reason = fmt.Sprintf("%s · learned: %.2f", rs.Reason, ts.conf)
			}
			out.add(annotate.Span{ID: annotate.SpanID(d.ID, start, end, label), Start: start, End: end,
				Label: label, Text: string(df.r[start:end]), Suggested: true, Reason: reason})
		}
	}
	// ACTOR spans are the one label where the rules' stand beside the
	// learned ones: annotators label the speakers and seldom every other
	// mention, so an actor the model did not tag is no evidence against it.
	// A rule actor overlapping a learned one gives way to it.
	if a := labelIndex(suggest.LabelActor); use[a] {
		for _, s := range ruleSpans {
			if s.Label == suggest.LabelActor && !df.overlapsAny(learned[a], s.Start, s.End) {
				out.add(s)
			}
		}
	}

	if m.Meta.SaidBy == 0 || m.ranker.n == 0 {
		out.ruleRelations(ruleSpans, ruleRels)
	} else {
		out.rankSpeakers(m, df, ruleSpans, ruleRels)
	}
	// After the speakers are chosen: the ranker, which never saw such
	// candidates in training, took them for the speakers of quotes and
	// claims they do not belong to (docs/suggest.md).
	if use[labelIndex(suggest.LabelActor)] {
		out.addSubjects(m, df, tg, learned)
	}
	return out.result()
}

// addSubjects adds the ACTOR spans subjectActors finds before the learned
// quotes and claims that have none before them in their sentence, with a
// reason that says where they stand.
func (o *output) addSubjects(m *Model, df *docFeatures, tg tagging, learned [nLabels][]tokenSpan) {
	actorAt := make([]bool, len(df.toks))
	for _, s := range o.own {
		if s.Label == suggest.LabelActor {
			df.markTokens(actorAt, s.Start, s.End)
		}
	}
	for _, s := range o.spans {
		if s.Label == suggest.LabelActor {
			df.markTokens(actorAt, s.Start, s.End)
		}
	}
	contents := append(slices.Clip(learned[labelIndex(suggest.LabelQuote)]), learned[labelIndex(suggest.LabelClaim)]...)
	slices.SortFunc(contents, func(a, b tokenSpan) int { return cmp.Compare(a.first, b.first) })
	for _, ts := range df.subjectActors(&m.tagger, &tg, contents, actorAt) {
		start, end := df.toks[ts.first].Start, df.toks[ts.last].End
		o.add(annotate.Span{ID: annotate.SpanID(o.d.ID, start, end, suggest.LabelActor), Start: start, End: end,
			Label: suggest.LabelActor, Text: string(df.r[start:end]), Suggested: true,
			Reason: fmt.Sprintf("subject of the clause before a learned quote or claim (learned: %.2f)", ts.conf)})
	}
}

// markTokens sets marks[i] for the tokens of code points [start, end).
func (df *docFeatures) markTokens(marks []bool, start, end int) {
	if first, last, ok := df.tokenRange(start, end); ok {
		for i := first; i <= last; i++ {
			marks[i] = true
		}
	}
}

// minClaimTokens is the fewest tokens a learned CLAIM may have (the
// rules ask three words too); minClaimTokensAfterCue the fewest right
// after a cue, where a short object is what was said ("praised her
// effort", "denounced the deal"): annotators mark such claims, and
// elsewhere two words are more often a stray noun phrase.
const (
	minClaimTokens         = 3
	minClaimTokensAfterCue = 2
)

// mendClaims joins learned CLAIM spans that a gap of one or two tokens
// splits within a sentence (the greedy tagger sometimes drops out of a long
// clause for a word), splits them where a second attribution begins inside
// (splitClaims), then drops the ones too short to be a claim. prob is the
// tagging's CLAIM probability per token, for the confidence of the parts.
func (df *docFeatures) mendClaims(spans []tokenSpan, prob []float32) []tokenSpan {
	var out []tokenSpan
	for _, s := range spans {
		if k := len(out) - 1; k >= 0 && s.first-out[k].last <= 3 && !df.breaksBetween(out[k].last, s.first) {
			p := &out[k]
			n1, n2 := float32(p.last-p.first+1), float32(s.last-s.first+1)
			p.conf = (p.conf*n1 + s.conf*n2) / (n1 + n2)
			p.last = s.last
			continue
		}
		out = append(out, s)
	}
	out = df.splitClaims(out, prob)
	return slices.DeleteFunc(out, func(s tokenSpan) bool {
		n := s.last - s.first + 1
		if s.first > 0 && df.cue[s.first-1] >= 0 {
			return n < minClaimTokensAfterCue
		}
		return n < minClaimTokens
	})
}

// maxSubject is how many words may stand between a clause break and a
// cue inside a learned CLAIM for splitClaims to take them for the
// speaker of a second attribution ("…, and a third said …").
const maxSubject = 3

// splitClaims splits each learned CLAIM where a second attribution begins
// inside it. The tagger, going on through a clause by its recall margin,
// runs one claim into the next ("X, adding that Y", "X and said Y", "X,
// and a third said Y", "X and highlighted Y"), and annotators take the
// two apart: on PolNeAR's tuning split, with the two-word claims of
// mendClaims, CLAIM recall rose from 0.533 to 0.580 and F1 from 0.590 to
// 0.612. The first part ends before the clause break, the second starts
// after the cue; the words between (the second speaker) belong to
// neither.
func (df *docFeatures) splitClaims(spans []tokenSpan, prob []float32) []tokenSpan {
	var out []tokenSpan
	for _, s := range spans {
		first := s.first
		for i := first + 1; i < s.last; i++ {
			brk, next := df.claimSplit(first, i)
			if brk < 0 || next > s.last {
				continue
			}
			out = append(out, tokenSpan{first, brk - 1, meanProb(prob, first, brk-1)})
			first, i = next, next
		}
		if first == s.first {
			out = append(out, s)
		} else {
			out = append(out, tokenSpan{first, s.last, meanProb(prob, first, s.last)})
		}
	}
	return out
}

// claimSplit reports whether a claim running from token first splits at
// token i: when a cue starts there with a clause break at most maxSubject
// words before it, or when i is a verb in the past tense right after "and"
// or "but" (a coordinated verb no cue list holds: "and boycotted", "but
// insisted"). It returns the first token of the clause break (of the run
// of breaks: ", and") and the token after the cue or verb; brk is -1 when
// the claim goes on.
func (df *docFeatures) claimSplit(first, i int) (brk, next int) {
	w := df.lower[i]
	if c := df.cue[i]; c >= 0 && df.cues[c].first == i {
		next = df.cues[c].last + 1
		brk = -1
		for b := i - 1; b > first && b >= i-1-maxSubject; b-- {
			if isClauseBreak(df.lower[b]) {
				brk = b
				break
			}
		}
	} else if c < 0 && (df.lower[i-1] == "and" || df.lower[i-1] == "but") && len(w) > 4 && strings.HasSuffix(w, "ed") {
		next, brk = i+1, i-1
	} else {
		return -1, 0
	}
	for brk-1 > first && isClauseBreak(df.lower[brk-1]) {
		brk--
	}
	if brk <= first {
		return -1, 0
	}
	return brk, next
}

// isClauseBreak reports whether a word can end one clause before another
// begins.
func isClauseBreak(w string) bool {
	switch w {
	case ",", ";", "—", "–", "--", "-", "and", "but":
		return true
	}
	return false
}

// meanProb is the mean of prob over tokens first..last.
func meanProb(prob []float32, first, last int) float32 {
	var sum float32
	for i := first; i <= last; i++ {
		sum += prob[i]
	}
	return sum / float32(last-first+1)
}

// quotedOnly keeps the learned QUOTE spans that begin where a quotation
// does: on a mark, right after one with no space between, or after the
// opening mark of a quotation the rules paired. The tagger, reading words,
// sometimes takes the "or" between two quoted phrases for a quote, and
// where a text's marks are unbalanced (a closing mark typed as an opening
// one) the rules' quotation context is inverted and the tagger starts
// quotes mid-sentence ("Former [Carson advisers told …"): no quotation
// begins after a word. On a split of PolNeAR's train articles this dropped
// 16 of the 55 learned QUOTEs that matched no direct quote and none of the
// 601 that did (docs/suggest.md).
func (df *docFeatures) quotedOnly(spans []tokenSpan) []tokenSpan {
	return slices.DeleteFunc(spans, func(s tokenSpan) bool { return !df.opensQuote(s.first) })
}

// opensQuote reports whether a quote may begin at token i: the token is a
// mark, or follows one that touches it or opens a paired quotation.
func (df *docFeatures) opensQuote(i int) bool {
	if isMarkToken(df.lower[i]) {
		return true
	}
	if i == 0 || !isMarkToken(df.lower[i-1]) {
		return false
	}
	return df.toks[i-1].End == df.toks[i].Start || df.mark[i-1] == 1
}

func isMarkToken(w string) bool {
	return strings.ContainsAny(w, "\"'“”„‚«»‹›「」『』‘’")
}

// breaksBetween reports whether a sentence starts or a quotation mark
// stands after token a, up to token b.
func (df *docFeatures) breaksBetween(a, b int) bool {
	for i := a + 1; i <= b && i < len(df.toks); i++ {
		if df.sentStart[i] || df.mark[i] != 0 {
			return true
		}
	}
	return false
}

// overlapsAny reports whether code points [start, end) overlap one of the
// token spans.
func (df *docFeatures) overlapsAny(spans []tokenSpan, start, end int) bool {
	for _, s := range spans {
		if start < df.toks[s.last].End && df.toks[s.first].Start < end {
			return true
		}
	}
	return false
}

// spanKey identifies a span by where it is and what it is.
type spanKey struct {
	start, end int
	label      string
}

// output gathers the merged suggestions of one document.
type output struct {
	d      *annotate.Document
	ls     *annotate.LabelSet
	own    []annotate.Span
	spans  []annotate.Span
	rels   []annotate.Relation
	have   map[string]bool // ids of d's spans and of the suggestions
	said   map[string]bool // sources that have a SAID_BY
	byText map[spanKey]string
}

func newOutput(d *annotate.Document, own []annotate.Span, ls *annotate.LabelSet) *output {
	o := &output{d: d, ls: ls, own: own, have: map[string]bool{}, said: map[string]bool{}, byText: map[spanKey]string{}}
	for _, s := range own {
		o.have[s.ID] = true
		o.byText[spanKey{s.Start, s.End, s.Label}] = s.ID
	}
	for _, r := range d.Relations {
		if r.Label == suggest.RelSaidBy {
			o.said[r.From] = true
		}
	}
	return o
}

// add adds a suggested span unless the label set lacks its label or it
// duplicates or overlaps a span of the document with the same label, or
// one already added.
func (o *output) add(s annotate.Span) bool {
	if o.ls.Label(s.Label) == nil || o.have[s.ID] {
		return false
	}
	if _, dup := o.byText[spanKey{s.Start, s.End, s.Label}]; dup {
		return false
	}
	for _, e := range o.own {
		if e.Label == s.Label && s.Start < e.End && e.Start < s.End {
			return false
		}
	}
	o.have[s.ID] = true
	o.byText[spanKey{s.Start, s.End, s.Label}] = s.ID
	o.spans = append(o.spans, s)
	return true
}

// link adds a SAID_BY from span from (labelled fromLabel) to span to.
func (o *output) link(from, fromLabel, to, reason string) {
	if o.said[from] || !o.ls.Allows(suggest.RelSaidBy, fromLabel, suggest.LabelActor) {
		return
	}
	o.said[from] = true
	o.rels = append(o.rels, annotate.Relation{ID: annotate.RelationID(from, to, suggest.RelSaidBy),
		Label: suggest.RelSaidBy, From: from, To: to, Suggested: true, Reason: reason})
}

// ruleRelations keeps the rules' SAID_BY whose quote or claim survived the
// merge, bringing back the speaker span the tagger dropped.
func (o *output) ruleRelations(ruleSpans []annotate.Span, ruleRels []annotate.Relation) {
	byID := map[string]annotate.Span{}
	for _, s := range ruleSpans {
		byID[s.ID] = s
	}
	for _, r := range ruleRels {
		from, ok := byID[r.From]
		if !ok {
			if o.have[r.From] {
				from = annotate.Span{ID: r.From, Label: o.labelOf(r.From)}
			} else {
				continue
			}
		}
		if !o.have[from.ID] {
			continue
		}
		if to, ok := byID[r.To]; ok && !o.have[to.ID] && !o.add(to) {
			continue
		}
		if o.have[r.To] {
			o.link(from.ID, from.Label, r.To, r.Reason)
		}
	}
}

func (o *output) labelOf(id string) string {
	for _, s := range o.own {
		if s.ID == id {
			return s.Label
		}
	}
	for _, s := range o.spans {
		if s.ID == id {
			return s.Label
		}
	}
	return ""
}

// rankSpeakers links each suggested quote and claim, and each of the
// document's own without a SAID_BY, to the speaker the ranker prefers
// among the actors (suggested, the rules', the document's) and subject
// pronouns within reach; a pronoun or rule actor chosen becomes an ACTOR
// suggestion.
func (o *output) rankSpeakers(m *Model, df *docFeatures, ruleSpans []annotate.Span, ruleRels []annotate.Relation) {
	var actors []annotate.Span
	seen := map[[2]int]bool{}
	addActor := func(s annotate.Span) {
		k := [2]int{s.Start, s.End}
		if s.Label == suggest.LabelActor && !seen[k] {
			seen[k] = true
			actors = append(actors, s)
		}
	}
	for _, s := range o.own {
		addActor(s)
	}
	for _, s := range o.spans {
		addActor(s)
	}
	for _, s := range ruleSpans {
		addActor(s)
	}
	ranges := make([][2]int, len(actors))
	for k, a := range actors {
		ranges[k] = [2]int{a.Start, a.End}
	}
	ms := df.mentions(ranges)
	rules := ruleSpeakers(append(slices.Clip(ruleSpans), o.own...), ruleRels)
	var contents []annotate.Span
	for _, s := range o.own {
		if (s.Label == suggest.LabelQuote || s.Label == suggest.LabelClaim) && !o.said[s.ID] {
			contents = append(contents, s)
		}
	}
	for _, s := range o.spans {
		if s.Label == suggest.LabelQuote || s.Label == suggest.LabelClaim {
			contents = append(contents, s)
		}
	}
	// In text order: each content's features name the speaker chosen for
	// the one before.
	slices.SortStableFunc(contents, func(a, b annotate.Span) int { return cmp.Compare(a.Start, b.Start) })
	var prev contentRef
	var prevM mention
	havePrev := false
	for _, s := range contents {
		c, ok := df.content(s.Start, s.End, labelIndex(s.Label), rules)
		if !ok {
			continue
		}
		df.follow(&c, prev, prevM, havePrev)
		cands := candidates(ms, c)
		best, p, r := df.rank(&m.ranker, c, cands, -1, nil)
		reason := ""
		if k := df.dashLine(c, cands); k >= 0 && k != best {
			best, reason = k, "named on the dash line after the quotation"
		}
		mt := cands[best]
		prev, prevM, havePrev = c, mt, true
		if mt.null {
			continue
		}
		var to annotate.Span
		if mt.ref >= 0 {
			to = actors[mt.ref]
		} else {
			to = annotate.Span{ID: annotate.SpanID(o.d.ID, mt.start, mt.end, suggest.LabelActor), Start: mt.start, End: mt.end,
				Label: suggest.LabelActor, Text: string(df.r[mt.start:mt.end]), Suggested: true,
				Reason: fmt.Sprintf("pronoun speaker (learned: %.2f)", p)}
		}
		if !o.have[to.ID] {
			if id, dup := o.byText[spanKey{to.Start, to.End, to.Label}]; dup {
				to.ID = id
			} else if !o.add(to) {
				continue
			}
		}
		if reason == "" {
			reason = fmt.Sprintf("learned speaker: %.2f%s", p, m.explainRank(df, c, mt, r))
		}
		o.link(s.ID, s.Label, to.ID, reason)
	}
}

// dashLine returns the candidate that a line of its own right after
// quote c names with a dash ("“…” ¶ - Zorbin."), the layout of quotations
// set out for checking, or -1. The ranker, trained mostly on "…," he
// said, takes the line for nobody's.
func (df *docFeatures) dashLine(c contentRef, cands []mention) int {
	if tagLabels[c.label] != suggest.LabelQuote {
		return -1
	}
	i := c.last + 1
	for i < len(df.toks) && !df.lineAt[i] && (isMarkToken(df.lower[i]) || !isWordToken(df.lower[i])) {
		i++
	}
	if i+1 >= len(df.toks) || !df.lineAt[i] || !dashes[df.lower[i]] {
		return -1
	}
	for k, m := range cands {
		if m.null || m.first != i+1 {
			continue
		}
		e := m.last + 1
		if e < len(df.toks) && df.lower[e] == "." {
			e++
		}
		if e == len(df.toks) || df.lineAt[e] {
			return k
		}
	}
	return -1
}

var dashes = map[string]bool{"-": true, "–": true, "—": true, "--": true}

// result sorts the suggestions as suggest.Suggest does.
func (o *output) result() ([]annotate.Span, []annotate.Relation) {
	slices.SortFunc(o.spans, annotate.CompareSpans)
	pos := make(map[string]int, len(o.own)+len(o.spans))
	for _, s := range o.own {
		pos[s.ID] = s.Start
	}
	for _, s := range o.spans {
		pos[s.ID] = s.Start
	}
	slices.SortStableFunc(o.rels, func(a, b annotate.Relation) int { return cmp.Compare(pos[a.From], pos[b.From]) })
	return o.spans, o.rels
}
