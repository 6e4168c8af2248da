package learn

import (
	"strings"
	"unicode"

	"gloss/annotate/suggest"
)

// Subjects of attributions whose cue no list knows. "His supporters are
// optimistic that …", "The voters are split on …": the tagger finds the
// clause after such a verb (a learned CLAIM) but, with no cue near, not
// the speaker before it, and about a third of the named Sources missed on
// the tuning split (docs/suggest.md) stand so. subjectActors goes back
// over those clauses: where no actor stands between a learned QUOTE or
// CLAIM and its sentence's start (or, after the last actor there, where
// a clause begins after a comma), the tagger is asked again how likely an
// ACTOR start is at each place a clause's subject may begin; at the
// likeliest it starts an ACTOR and goes on with it by its own
// continuation margin, as it would have had it dared the start. The
// probabilities are tiny (0.0001–0.01: the tagger did not dare), so they
// choose among the places but a floor on them only lost recall. Only
// those few tokens are scored again, not the document.

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
	a := labelIndex(suggest.LabelActor)
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
		if !df.sentStart[s0] || s0 == c.first {
			continue
		}
		// After an actor, only a clause after a comma may have a subject of
		// its own ("When Zorbin was asked, his aides said …").
		from, afterActor := s0, false
		for k := c.first - 1; k >= s0; k-- {
			if actorAt[k] {
				from, afterActor = k+1, true
				break
			}
		}
		best, bestP := -1, float32(-1)
		for k := from; k < c.first; k++ {
			opens := k == s0 || df.lower[k-1] == "," || k-1 == s0 && subjectAfter[df.lower[s0]]
			if !opens || afterActor && (df.lower[k-1] != "," || !subjectLeads[df.lower[k]] && !df.capitalised(k)) ||
				df.appositive(k) || !df.mayStartSubject(k, k == s0) {
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

// mayStartSubject reports whether token i (at a sentence's start or not)
// may begin a subject: a word, not a pronoun (the ranker has those), nor a
// word that opens a clause, nor one ending like a participle or an adverb
// ("Asked", "saying", "falsely"), unless it is capitalised inside the
// sentence.
func (df *docFeatures) mayStartSubject(i int, sentStart bool) bool {
	w := df.lower[i]
	if !isWordToken(w) || subjectPronouns[w] {
		return false
	}
	if !sentStart && df.capitalised(i) {
		return true // a name, even one spelt like a word ("Instead, Will called for …")
	}
	verbal := len(w) > 4 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly"))
	return !verbal && !clauseOpeners[w] && !subjectStops[w] && !nonSubjects[w]
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

// capitalised reports whether token i is a word with a capital and then
// small letters ("Will", not "WILL" or "will").
func (df *docFeatures) capitalised(i int) bool {
	return strings.HasPrefix(df.shape[i], "Xx")
}

// appositive reports whether token i, after a comma, begins what is most
// often an appositive, not a clause: an indefinite article after anything
// but an opening word (", a move that …", but "Instead, a mogul …").
// After a name it may well be a clause ("When Zorbin was asked, his
// response …"), so a name before the comma says nothing.
func (df *docFeatures) appositive(i int) bool {
	if i < 2 || df.lower[i-1] != "," || clauseOpeners[df.lower[i-2]] {
		return false
	}
	return df.lower[i] == "a" || df.lower[i] == "an"
}
