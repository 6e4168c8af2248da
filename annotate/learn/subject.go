package learn

import (
	"strings"
	"unicode"
)

// Subjects of attributions whose cue no list knows. "His supporters are
// optimistic that …", "The voters are split on …": the tagger finds the
// clause after such a verb (a learned CLAIM) but, with no cue near, not
// the speaker before it, and about a third of the named Sources missed on
// the tuning split (docs/suggest.md) stand so. subjectActors goes back
// over those clauses: where a learned QUOTE or CLAIM has no actor before
// it in its sentence, the tagger is asked again, at the start of the
// sentence and after each comma before the content, how near an ACTOR
// start came to O there; at the likeliest, above subjectMinProb, it starts an
// ACTOR and goes on with it by its own continuation margin, as it would
// have had it dared the start. Only those few tokens are scored again, not
// the document.

const (
	// subjectBack is how many tokens before a content its sentence's
	// start is looked for; a sentence longer than that has no subject
	// found for it.
	subjectBack = 40
	// subjectMaxLen is the most tokens a subject actor may have.
	subjectMaxLen = 8
)

// subjectActors returns the ACTOR spans it finds before the contents
// (learned QUOTE and CLAIM spans, in text order) of a document tagged tg
// by t; actorAt marks the tokens of the actors already there (it is
// updated with the new ones).
func (df *docFeatures) subjectActors(t scorer, tg *tagging, contents []tokenSpan, actorAt []bool) []tokenSpan {
	a := labelIndex("ACTOR")
	var out []tokenSpan
	var s sink
	var sc [tagWidth]float32
	score := func(i int, prevActor uint8) []float32 {
		var prev [nLabels]uint8
		if i > 0 {
			for l := range nLabels {
				prev[l] = tg.tags[l][i-1]
			}
		}
		prev[a] = prevActor
		s.reset()
		df.tokenFeatures(i, &s)
		df.tagFeatures(i, prev, &s)
		sc = [tagWidth]float32{}
		t.score(s.hashes, sc[:])
		return sc[a*nTags : (a+1)*nTags]
	}
	for _, c := range contents {
		s0 := c.first
		for s0 > 0 && (!df.sentStart[s0] || df.afterTitle(s0)) && c.first-s0 < subjectBack {
			s0--
		}
		if !df.sentStart[s0] || s0 == c.first || anyIn(actorAt, s0, c.first) {
			continue
		}
		best, bestP := -1, float32(-1)
		for k := s0; k < c.first; k++ {
			if k > s0 && df.lower[k-1] != "," && !(k-1 == s0 && subjectAfter[df.lower[s0]]) || !df.mayStartSubject(k) {
				continue
			}
			if p := softmax(score(k, tagO), tagB); p > bestP {
				best, bestP = k, p
			}
		}
		if best < 0 {
			continue
		}
		sum := bestP
		last, prevT := best, uint8(tagB)
		for j := best + 1; j < c.first && j-best < subjectMaxLen; j++ {
			title := titles[df.lower[j-1]] || df.afterTitle(j) // "Mrs. Zorbin"
			if subjectStops[df.lower[j]] && !(title && df.lower[j] == ".") {
				break
			}
			x := score(j, prevT)
			if !subjectLeads[df.lower[j-1]] && !title && pick(x, prevT, recallMargin[1][a]) != tagI {
				break
			}
			sum += softmax(x, tagI)
			last, prevT = j, tagI
		}
		if last == best && subjectLeads[df.lower[best]] {
			continue
		}
		for i := best; i <= last; i++ {
			actorAt[i] = true
		}
		out = append(out, tokenSpan{best, last, sum / float32(last-best+1)})
	}
	return out
}

// mayStartSubject reports whether token i may begin a subject: a word, not
// a pronoun (the ranker has those), nor a word that opens a clause.
func (df *docFeatures) mayStartSubject(i int) bool {
	w := df.lower[i]
	return isWordToken(w) && !subjectPronouns[w] && !clauseOpeners[w] && !subjectStops[w] && !nonSubjects[w]
}

// afterTitle reports whether token i follows a title's full stop ("Mrs.
// Clinton"), which is no sentence end.
func (df *docFeatures) afterTitle(i int) bool {
	return i >= 2 && df.lower[i-1] == "." && titles[df.lower[i-2]]
}

func wordSet(ws string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(ws) {
		m[w] = true
	}
	return m
}

var (
	// clauseOpeners begin no subject themselves: conjunctions and
	// sentence adverbs.
	clauseOpeners = wordSet("and but or so yet then still instead now when while as if because although though " +
		"after before since once unless whether meanwhile however nevertheless moreover also even just perhaps first finally")
	// subjectAfter are the clauseOpeners after which, at a sentence's
	// start, the main clause's subject may begin ("But the voters are
	// …"); after "When" or "After" a subordinate clause's would.
	subjectAfter = wordSet("and but or so yet then still instead now meanwhile however nevertheless moreover also even just perhaps first finally")
	// nonSubjects begin no subject: prepositions and words of no one.
	nonSubjects = wordSet("in on at for with by from to of into about over under among between against during without " +
		"there here it its this that what which who whom whose how why where not no asked let like according")
	// subjectStops end a subject: verbs of being and having, modals,
	// relative words, punctuation.
	subjectStops = wordSet("is are was were be been has have had will would can could should may might must do does did " +
		"says said say who which that and or , . ; : ( ) — – - ? !")
	// subjectLeads are words a subject goes on after (determiners,
	// quantifiers): "[The] room" is no subject.
	subjectLeads = wordSet("the a an his her their our my your some many most all both several few other another each " +
		"every any nearly about almost former more less two three four five six seven eight nine ten one half")
	// titles stand before a name with a full stop.
	titles = wordSet("mr mrs ms dr sen rep gov gen lt col sgt prof rev st jr")
)

// anyIn reports whether one of marks[from:to] is set.
func anyIn(marks []bool, from, to int) bool {
	for i := from; i < to; i++ {
		if marks[i] {
			return true
		}
	}
	return false
}

// isWordToken reports whether w has a letter or digit (not punctuation
// or a quotation mark).
func isWordToken(w string) bool {
	for _, c := range w {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return true
		}
	}
	return false
}
