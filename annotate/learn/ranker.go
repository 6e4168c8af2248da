package learn

import (
	"math"
	"sort"
)

// Ranker feature templates (a table of their own, so they share no hash
// space with the tagger's).
const (
	rNull byte = iota
	rDist
	rDirLabel
	rRank
	rRule
	rRuleDist
	rPronoun
	rFirstWord
	rLastWord
	rShape
	rNext
	rPrev
	rCueNext
	rCuePrev
	rCrossLine
	rStops
	rInQuote
	rRuleActor
	rSamePrev // the candidate names the speaker chosen for the previous quote or claim
)

var smallNumbers = [4]string{"0", "1", "2", "3"}

// mention is a candidate speaker: an actor span or a pronoun, as tokens,
// or the null candidate ("nobody here said it").
type mention struct {
	start, end  int // code points
	first, last int // tokens
	pronoun     bool
	null        bool
	// ref says where the mention comes from, for the caller (an index
	// into its list of actor spans, or -1 for a pronoun).
	ref int
}

// contentRef is a quote or claim whose speaker is sought.
type contentRef struct {
	start, end  int
	first, last int
	label       int // 0 QUOTE, 1 CLAIM (tagLabels order)
	// ruleTo is the code-point range of the rules' speaker, if any.
	ruleTo    [2]int
	hasRuleTo bool
	// prevSpeaker is the last word (lower case) of the speaker chosen for
	// the quote or claim before this one in the text ("" for none), and
	// prevGap how many tokens lie between the two: news goes on quoting
	// the one it quoted last.
	prevSpeaker string
	prevGap     int
}

// subjectPronouns may be a speaker of their own ("he said").
var subjectPronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "i": true, "you": true}

// Reach of the candidates, in tokens before and after the content. A
// quotation's speaker may be named paragraphs before it; on the tuning
// split (docs/suggest.md) 200 tokens back rather than 60 took speaker
// accuracy from 0.957 to 0.967, with rSamePrev.
const (
	reachBefore = 200
	reachAfter  = 40
)

// mentions lists the candidate speakers of a document: the actor spans
// given (ranges in code points) and the subject pronouns outside them,
// sorted by first token.
func (df *docFeatures) mentions(actors [][2]int) []mention {
	covered := make([]bool, len(df.toks))
	var out []mention
	for k, a := range actors {
		first, last, ok := df.tokenRange(a[0], a[1])
		if !ok {
			continue
		}
		for i := first; i <= last; i++ {
			covered[i] = true
		}
		out = append(out, mention{start: a[0], end: a[1], first: first, last: last, ref: k,
			pronoun: first == last && subjectPronouns[df.lower[first]]})
	}
	for i, w := range df.lower {
		if !covered[i] && subjectPronouns[w] {
			t := df.toks[i]
			out = append(out, mention{start: t.Start, end: t.End, first: i, last: i, pronoun: true, ref: -1})
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].first != out[b].first {
			return out[a].first < out[b].first
		}
		return out[a].last < out[b].last
	})
	return out
}

// candidates are the mentions within reach of content c (none inside it),
// then the null candidate, with their rank: how many candidates stand
// nearer on the same side.
func candidates(ms []mention, c contentRef) []mention {
	lo := sort.Search(len(ms), func(i int) bool { return ms[i].first >= c.first-reachBefore })
	var out []mention
	for _, m := range ms[lo:] {
		if m.first > c.last+reachAfter {
			break
		}
		if m.last >= c.first && m.first <= c.last {
			continue
		}
		out = append(out, m)
	}
	return append(out, mention{null: true, ref: -1})
}

// rankFeatures adds the features of candidate m of content c; rank is
// how many candidates on its side stand nearer.
func (df *docFeatures) rankFeatures(c contentRef, m mention, rank int, s *sink) {
	label := tagLabels[c.label][:1]
	rule := "none"
	if c.hasRuleTo {
		rule = "other"
		if !m.null && m.start < c.ruleTo[1] && c.ruleTo[0] < m.end {
			rule = "same"
		}
	}
	if m.null {
		s.add(rNull, label, rule)
		if c.prevSpeaker != "" {
			s.add(rSamePrev, "null", distBucket(c.prevGap))
		}
		return
	}
	if c.prevSpeaker != "" {
		same := "other"
		if df.lower[m.last] == c.prevSpeaker {
			same = "same"
		}
		s.add(rSamePrev, same+label, distBucket(c.prevGap))
	}
	dir, dist := "before", c.first-m.last
	from, to := m.last+1, c.first
	if m.first > c.last {
		dir, dist = "after", m.first-c.last
		from, to = c.last+1, m.first
	}
	b := distBucket(dist)
	s.add(rDist, dir, b)
	s.add(rDirLabel, dir, label)
	s.add(rRank, dir, smallNumbers[min(rank, 3)])
	s.add(rRule, rule, label)
	s.add(rRuleDist, rule+dir, b)
	if m.pronoun {
		s.add(rPronoun, df.lower[m.first], dir)
	} else {
		s.add(rFirstWord, df.lower[m.first], "")
		s.add(rLastWord, df.lower[m.last], "")
		s.add(rShape, df.shape[m.first], smallNumbers[min(m.last-m.first, 3)])
	}
	s.add(rNext, df.word(m.last+1), dir)
	s.add(rPrev, df.word(m.first-1), dir)
	for k := m.last + 1; k <= m.last+2 && k < len(df.toks); k++ {
		if ci := df.cue[k]; ci >= 0 {
			s.add(rCueNext, df.cues[ci].text, dir)
			break
		}
	}
	for k := m.first - 1; k >= m.first-2 && k >= 0; k-- {
		if ci := df.cue[k]; ci >= 0 {
			s.add(rCuePrev, df.cues[ci].text, dir)
			break
		}
	}
	stops, line := 0, false
	for k := from; k < to && k < len(df.toks); k++ {
		switch df.lower[k] {
		case ".", "!", "?":
			stops++
		}
		if df.lineAt[k] {
			line = true
		}
	}
	if to < len(df.toks) && df.lineAt[to] && to > from {
		line = true
	}
	if line {
		s.add(rCrossLine, dir, "")
	}
	s.add(rStops, dir, smallNumbers[min(stops, 2)])
	s.add(rInQuote, quoteKinds[df.quote[m.first]], "")
	s.add(rRuleActor, tagNames[df.rule[2][m.first]], tagNames[df.rule[2][m.last]])
}

// follow sets c's prevSpeaker and prevGap from the content before it
// (prev, whose chosen candidate is m; ok is false when there is none).
func (df *docFeatures) follow(c *contentRef, prev contentRef, m mention, ok bool) {
	if !ok || m.null {
		return
	}
	c.prevSpeaker = df.lower[m.last]
	c.prevGap = max(0, c.first-prev.last)
}

// rank scores the candidates of c and returns the best one's index, its
// softmax probability and its rank (for rankFeatures). With tr set and
// gold >= 0 it trains.
func (df *docFeatures) rank(t scorer, c contentRef, cands []mention, gold int, tr *trainer) (int, float32, int) {
	ranks := make([]int, len(cands))
	scores := make([]float32, len(cands))
	var feats [][]uint64
	if tr != nil {
		feats = make([][]uint64, len(cands))
	}
	s := &df.scratch
	before, after := 0, 0
	// Ranks: candidates before c are in text order, so the nearest is last.
	nBefore := 0
	for _, m := range cands {
		if !m.null && m.last < c.first {
			nBefore++
		}
	}
	for k, m := range cands {
		s.reset()
		r := 0
		switch {
		case m.null:
		case m.last < c.first:
			r = nBefore - 1 - before
			before++
		default:
			r = after
			after++
		}
		ranks[k] = r
		df.rankFeatures(c, m, r, s)
		var sc [1]float32
		t.score(s.hashes, sc[:])
		scores[k] = sc[0]
		if tr != nil {
			feats[k] = append([]uint64(nil), s.hashes...)
		}
	}
	best := 0
	for k := range scores {
		if scores[k] > scores[best] {
			best = k
		}
	}
	if tr != nil && gold >= 0 {
		if best != gold {
			tr.update(feats[gold], 0, 1)
			tr.update(feats[best], 0, -1)
		}
		tr.tick()
	}
	var sum float64
	for _, x := range scores {
		sum += math.Exp(float64(x - scores[best]))
	}
	return best, float32(1 / sum), ranks[best]
}
