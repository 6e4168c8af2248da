package learn

import (
	"cmp"
	"math"
	"slices"
)

// trainer is an averaged perceptron over a table: it keeps, beside the
// weights, their sums over time (the usual trick: u accumulates c·update,
// so the average is w − u/c), and averages them once at the end.
type trainer struct {
	t table
	u []float64
	c float64 // updates so far plus one: the clock of the average
}

func newTrainer(width int) *trainer { return &trainer{t: newTable(width), c: 1} }

// update adds delta to column k of every feature's row.
func (tr *trainer) update(feats []uint64, k int, delta float32) {
	for _, h := range feats {
		i, ok := tr.t.index[h]
		if !ok {
			i = int32(len(tr.t.index))
			tr.t.index[h] = i
			tr.t.w = append(tr.t.w, make([]float32, tr.t.width)...)
			tr.u = append(tr.u, make([]float64, tr.t.width)...)
		}
		j := int(i)*tr.t.width + k
		tr.t.w[j] += delta
		tr.u[j] += tr.c * float64(delta)
	}
}

func (tr *trainer) tick() { tr.c++ }

// average returns the averaged weights, leaving out features whose row
// averaged to zero.
func (tr *trainer) average() weights {
	type entry struct {
		h   uint64
		row []float32
	}
	var rows []entry
	for h, i := range tr.t.index {
		row := make([]float32, tr.t.width)
		zero := true
		for k := range row {
			j := int(i)*tr.t.width + k
			row[k] = float32(float64(tr.t.w[j]) - tr.u[j]/tr.c)
			zero = zero && row[k] == 0
		}
		if !zero {
			rows = append(rows, entry{h, row})
		}
	}
	// The slots depend on the order of insertion only where hashes
	// collide; sorting makes even that independent of the map's order.
	slices.SortFunc(rows, func(a, b entry) int { return cmp.Compare(a.h, b.h) })
	out := newWeights(tr.t.width, len(rows))
	for _, e := range rows {
		out.put(e.h, e.row)
	}
	return out
}

// tagging is the tags the tagger gives a document's tokens, with the
// features of each token (kept only when explaining).
type tagging struct {
	tags [nLabels][]uint8
	// prob[l][i] is the softmax probability of token i's tag for label l.
	prob [nLabels][]float32
}

// tag runs the tagger greedily left to right over df's tokens. With gold
// and tr set it trains: each wrong tag moves the weights towards the right
// one (tokens whose gold tag is tagUnknown teach nothing). Labels whose
// use[l] is false are tagged O.
func tag(t scorer, df *docFeatures, use [nLabels]bool, gold *[nLabels][]uint8, tr *trainer) tagging {
	n := len(df.toks)
	var out tagging
	for l := range nLabels {
		out.tags[l] = make([]uint8, n)
		out.prob[l] = make([]float32, n)
	}
	var s sink
	var prev [nLabels]uint8
	var scores [tagWidth]float32
	for i := 0; i < n; i++ {
		s.reset()
		df.tokenFeatures(i, &s)
		df.tagFeatures(i, prev, &s)
		scores = [tagWidth]float32{}
		t.score(s.hashes, scores[:])
		for l := range nLabels {
			if !use[l] {
				continue
			}
			sc := scores[l*nTags : (l+1)*nTags]
			var margin float32 // training moves the weights by the plain best tag
			if tr == nil {
				margin = spanMargin(l, prev[l])
			}
			best := pick(sc, prev[l], margin)
			if tr != nil && gold != nil {
				g := gold[l][i]
				if g == tagI && prev[l] == tagO {
					// The span's start was missed: given that, the right
					// move is to start it here (a dynamic oracle; pushing
					// towards an I that cannot follow O only teaches noise).
					g = tagB
				}
				if g != tagUnknown && g != best {
					tr.update(s.hashes, l*nTags+int(g), 1)
					tr.update(s.hashes, l*nTags+int(best), -1)
				}
			}
			out.tags[l][i] = best
			if best != tagO {
				out.prob[l][i] = softmax(sc, best) // only spans need it
			}
			prev[l] = best
		}
		if tr != nil {
			tr.tick()
		}
	}
	return out
}

// recallMargin is, per label (tagLabels order), how far below O's score
// a span tag's may be and still be chosen when suggesting, as a fraction
// of the two scores' mean magnitude: [0] to start a span (after O), [1]
// to go on with one. The perceptron, trained to get every token right,
// leaves spans out more than it puts wrong ones in (on PolNeAR, CLAIM
// precision 0.62 against recall 0.46), and a person rejects a wrong
// suggestion faster than they find a missing one. ACTOR starts generously
// (1.8) but goes on by a narrower margin (0.8): a wide one on both lifted
// recall of named Sources only by making the names longer ("Howard Rubel,
// a senior analyst at", exact matches down); split, recall and exact rose
// together. CLAIM is the other way round, 0.8 to start and 1.1 to go on
// (with confFloor's floor): a clause once begun is most often longer than
// the tagger dares, while a wide start made a small model begin claims on
// their cue ("zorbled the reform was overdue", app/learner_test.go).
// QUOTE, whose precision is the weaker side, keeps the plain best tag.
// Tuned on a split of PolNeAR's train articles (docs/suggest.md). Below 2
// by construction: at 2 a span tag always wins.
var recallMargin = [2][nLabels]float32{
	{0, 0.8, 1.8}, // starting a span
	{0, 1.1, 0.8}, // going on with one
}

// spanMargin is the recall margin of label l after a token tagged prev.
func spanMargin(l int, prev uint8) float32 {
	if prev == tagO {
		return recallMargin[0][l]
	}
	return recallMargin[1][l]
}

// confFloor is, per label (tagLabels order), the lowest confidence (mean
// tag probability over the span, after mendClaims) a learned span may
// have and be suggested. A QUOTE the tagger barely prefers is most often
// a quoted phrase inside a claim or a stray mark; a wide CLAIM margin
// needs a floor to keep the clauses it lets through the ones the tagger
// half believes in. ACTOR has none: the spans its margin admits are by
// construction improbable by the softmax (O scored higher), and a floor
// of only 0.1 took recall of named Sources on the tuning split from
// 0.909 to 0.888. Tuned there too (docs/suggest.md).
var confFloor = [nLabels]float32{0.4, 0.3, 0}

// aboveFloor keeps the spans whose confidence reaches floor, in place.
func aboveFloor(spans []tokenSpan, floor float32) []tokenSpan {
	return slices.DeleteFunc(spans, func(s tokenSpan) bool { return s.conf < floor })
}

// pick is the best tag by its scores that may follow prev (I continues a
// span, so it cannot follow O); when O is best, the best span tag that may
// follow prev still wins if its score comes within margin·(|O|+|it|)/2 of
// O's (recallMargin).
func pick(sc []float32, prev uint8, margin float32) uint8 {
	best := uint8(tagO)
	for k := uint8(1); k < nTags; k++ {
		if k == tagI && prev == tagO {
			continue
		}
		if sc[k] > sc[best] {
			best = k
		}
	}
	if best != tagO || margin <= 0 {
		return best
	}
	alt := uint8(tagB)
	if prev != tagO && sc[tagI] > sc[tagB] {
		alt = tagI
	}
	if sc[alt] > sc[tagO]-margin*(abs32(sc[tagO])+abs32(sc[alt]))/2 {
		return alt
	}
	return tagO
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func softmax(sc []float32, k uint8) float32 {
	m := sc[0]
	for _, x := range sc[1:] {
		m = max(m, x)
	}
	var sum float64
	for _, x := range sc {
		sum += math.Exp(float64(x - m))
	}
	return float32(math.Exp(float64(sc[k]-m)) / sum)
}

// tokenSpan is a span of tokens [first, last] the tagger found, with its
// mean tag probability.
type tokenSpan struct {
	first, last int
	conf        float32
}

// spans reads the spans of label l off a tagging.
func (tg *tagging) spans(l int) []tokenSpan {
	var out []tokenSpan
	tags, prob := tg.tags[l], tg.prob[l]
	for i := 0; i < len(tags); i++ {
		if tags[i] != tagB {
			continue
		}
		j := i
		for j+1 < len(tags) && tags[j+1] == tagI {
			j++
		}
		out = append(out, tokenSpan{i, j, meanProb(prob, i, j)})
		i = j
	}
	return out
}
