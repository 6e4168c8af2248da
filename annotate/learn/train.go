// Package learn is Gloss's learner: from the spans and SAID_BY relations
// an annotator accepted it trains (a) an averaged-perceptron token tagger
// for QUOTE, CLAIM and ACTOR boundaries (BIO tags over annotate.Tokenize's
// tokens; its features are the words around a token, their shapes and
// affixes, the quotation marks around it, the speech cues near it and the
// rules' own suggestions, annotate/suggest) and (b) a speaker ranker that
// picks, for each quote or claim, one of the actors and subject pronouns
// near it, or nobody. Suggest merges the model with the rules. Training is
// deterministic: the same documents give the same model bytes.
package learn

import (
	"math/rand/v2"
	"sort"

	"gloss/annotate"
	"gloss/annotate/suggest"
)

// DefaultEpochs is how many passes Train makes over the documents.
const DefaultEpochs = 6

// Options tunes Train.
type Options struct {
	// Labels is the label set (nil: the built-in one); a label it lacks is
	// not learned.
	Labels *annotate.LabelSet
	// Epochs is the number of passes (0: DefaultEpochs).
	Epochs int
}

// example is one document prepared for training.
type example struct {
	df       *docFeatures
	gold     [nLabels][]uint8
	contents []contentRef
	cands    [][]mention
	goldCand []int
}

// Train learns a model from the accepted (not Suggested) QUOTE, CLAIM and
// ACTOR spans and SAID_BY relations of docs. Documents without an accepted
// span of those labels teach nothing and are skipped; within a document,
// tokens under a pending suggestion teach nothing about its label, every
// other token is taken as annotated (inside an accepted span or not).
func Train(docs []*annotate.Document, opt Options) *Model {
	ls := opt.Labels
	if ls == nil {
		ls = annotate.DefaultLabelSet()
	}
	epochs := opt.Epochs
	if epochs <= 0 {
		epochs = DefaultEpochs
	}
	m := &Model{Meta: Meta{Spans: map[string]int{}}}
	var exs []*example
	for _, d := range docs {
		if ex := prepareExample(d, ls, &m.Meta); ex != nil {
			exs = append(exs, ex)
		}
	}
	var use [nLabels]bool
	for l, name := range tagLabels {
		use[l] = m.Meta.Spans[name] > 0
	}
	tagTr, rankTr := newTrainer(tagWidth), newTrainer(1)
	rng := rand.New(rand.NewPCG(0x6c6f7373, 0x6c6561726e))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	for range epochs {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, k := range order {
			ex := exs[k]
			tag(&tagTr.t, ex.df, use, &ex.gold, tagTr)
			// In text order, each content knowing the speaker the ranker
			// chose for the one before, as when suggesting.
			var prev contentRef
			var prevM mention
			for j, c := range ex.contents {
				ex.df.follow(&c, prev, prevM, j > 0)
				best, _, _ := ex.df.rank(&rankTr.t, c, ex.cands[j], ex.goldCand[j], rankTr)
				prev, prevM = c, ex.cands[j][best]
			}
		}
	}
	m.tagger = tagTr.average()
	m.ranker = rankTr.average()
	return m
}

// prepareExample lays out d for training, counting what it holds in meta;
// nil when d has no accepted span to learn from.
func prepareExample(d *annotate.Document, ls *annotate.LabelSet, meta *Meta) *example {
	n := len([]rune(d.Text))
	var accepted []annotate.Span
	for _, s := range d.Spans {
		if !s.Suggested && labelIndex(s.Label) >= 0 && ls.Label(s.Label) != nil && 0 <= s.Start && s.Start < s.End && s.End <= n {
			accepted = append(accepted, s)
		}
	}
	if len(accepted) == 0 {
		return nil
	}
	// The rules see the bare text, as they do a new document.
	ruleSpans, ruleRels, ctx := suggest.Analyze(&annotate.Document{ID: d.ID, Text: d.Text}, ls, suggest.Options{})
	df := prepare(d.Text, ruleSpans, ctx)
	ex := &example{df: df}
	for l := range ex.gold {
		ex.gold[l] = make([]uint8, len(df.toks))
	}
	for _, s := range d.Spans {
		if l := labelIndex(s.Label); l >= 0 && s.Suggested {
			if first, last, ok := df.tokenRange(s.Start, s.End); ok {
				for i := first; i <= last; i++ {
					ex.gold[l][i] = tagUnknown
				}
			}
		}
	}
	for _, s := range accepted {
		l := labelIndex(s.Label)
		first, last, ok := df.tokenRange(s.Start, s.End)
		if !ok {
			continue
		}
		meta.Spans[s.Label]++
		if ex.gold[l][first] != tagI {
			ex.gold[l][first] = tagB
		}
		for i := first + 1; i <= last; i++ {
			ex.gold[l][i] = tagI
		}
	}
	meta.Documents++
	meta.Tokens += len(df.toks)

	// The ranker: every accepted quote and claim, its candidates the
	// rules' actors and the accepted ones, its answer the accepted SAID_BY.
	byID := map[string]annotate.Span{}
	var actors [][2]int
	seen := map[[2]int]bool{}
	addActor := func(s annotate.Span) {
		k := [2]int{s.Start, s.End}
		if !seen[k] {
			seen[k] = true
			actors = append(actors, k)
		}
	}
	for _, s := range accepted {
		byID[s.ID] = s
		if s.Label == suggest.LabelActor {
			addActor(s)
		}
	}
	for _, s := range ruleSpans {
		if s.Label == suggest.LabelActor {
			addActor(s)
		}
	}
	ms := df.mentions(actors)
	speakerOf := map[string]annotate.Span{}
	for _, r := range d.Relations {
		if r.Label != suggest.RelSaidBy || r.Suggested {
			continue
		}
		if to, ok := byID[r.To]; ok && to.Label == suggest.LabelActor {
			if _, ok := byID[r.From]; ok {
				speakerOf[r.From] = to
			}
		}
	}
	rules := ruleSpeakers(ruleSpans, ruleRels)
	for _, s := range accepted {
		if s.Label != suggest.LabelQuote && s.Label != suggest.LabelClaim {
			continue
		}
		c, ok := df.content(s.Start, s.End, labelIndex(s.Label), rules)
		if !ok {
			continue
		}
		cands := candidates(ms, c)
		gold := len(cands) - 1 // nobody
		if sp, ok := speakerOf[s.ID]; ok {
			gold = -1
			bestOverlap := 0
			for k, m := range cands {
				if o := min(m.end, sp.End) - max(m.start, sp.Start); !m.null && o > bestOverlap {
					gold, bestOverlap = k, o
				}
			}
			if gold < 0 {
				continue // the speaker is out of reach
			}
		}
		meta.SaidBy++
		ex.contents = append(ex.contents, c)
		ex.cands = append(ex.cands, cands)
		ex.goldCand = append(ex.goldCand, gold)
	}
	ex.sortContents()
	return ex
}

// sortContents puts the ranker's contents in text order.
func (ex *example) sortContents() {
	idx := make([]int, len(ex.contents))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return ex.contents[idx[a]].start < ex.contents[idx[b]].start })
	contents, cands, gold := ex.contents, ex.cands, ex.goldCand
	ex.contents, ex.cands, ex.goldCand = nil, nil, nil
	for _, i := range idx {
		ex.contents = append(ex.contents, contents[i])
		ex.cands = append(ex.cands, cands[i])
		ex.goldCand = append(ex.goldCand, gold[i])
	}
}

// ruleSpeaker is a content the rules attributed, and to what.
type ruleSpeaker struct{ from, to [2]int }

// ruleSpeakers lists the rules' SAID_BY relations by code-point ranges.
func ruleSpeakers(spans []annotate.Span, rels []annotate.Relation) []ruleSpeaker {
	byID := make(map[string]annotate.Span, len(spans))
	for _, s := range spans {
		byID[s.ID] = s
	}
	var out []ruleSpeaker
	for _, r := range rels {
		from, ok1 := byID[r.From]
		to, ok2 := byID[r.To]
		if r.Label == suggest.RelSaidBy && ok1 && ok2 {
			out = append(out, ruleSpeaker{[2]int{from.Start, from.End}, [2]int{to.Start, to.End}})
		}
	}
	return out
}

// content makes a contentRef of [start, end), with the speaker the rules
// gave the content that overlaps it most.
func (df *docFeatures) content(start, end, label int, rules []ruleSpeaker) (contentRef, bool) {
	first, last, ok := df.tokenRange(start, end)
	if !ok {
		return contentRef{}, false
	}
	c := contentRef{start: start, end: end, first: first, last: last, label: label}
	best := 0
	for _, r := range rules {
		if o := min(r.from[1], end) - max(r.from[0], start); o > best {
			best = o
			c.ruleTo, c.hasRuleTo = r.to, true
		}
	}
	return c, true
}
