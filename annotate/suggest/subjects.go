package suggest

import (
	"fmt"
	"strings"
	"unicode"
)

// The subjects of cues are actors too, even when they are no names: "the
// judge said", "a new poll shows", "Rubio’s campaign argued", "55 percent
// of voters say", and the pronouns that stand for a speaker ("he said").
// This file finds them as ACTOR candidates; speakers.go links them.

// lyNouns end in -ly but are nouns, not adverbs.
var lyNouns = set(`family ally assembly rally supply monopoly anomaly homily melee`)

// quantifiers open a noun phrase as a determiner does: "most voters",
// "several officials", "two aides".
var quantifiers = set(`some many most several all both few each every no any one two three four
	five six seven eight nine ten dozens hundreds thousands millions more other another`)

// shareNouns name a share of the people asked: "half said", "a majority
// say", "Twenty-four percent said".
var shareNouns = set(`half majority minority plurality percent third quarter most many some few
	all both none`)

// complementPreps join a person or group to what it belongs to: "a
// spokesman for Disney", "the head of the party".
var complementPreps = set(`for of at from with`)

// adverbAt reports whether word i is an adverb that may stand between a
// subject and its verb ("he also said", "she bluntly told").
func adverbAt(t *text, i int) bool {
	w := &t.words[i]
	if w.capital {
		return false
	}
	return cueAdverbs.has(w) || strings.HasSuffix(w.lower, "ly") && len(w.lower) > 4 && !lyNouns.has(w)
}

// subjectEnd returns the word where the subject of the verb at word v
// ends, walking back over auxiliaries and adverbs ("has also said"), or -1
// when punctuation, a line break or from comes first.
func (t *text) subjectEnd(v, from int) int {
	k := v - 1
	for n := 0; k >= 0 && n < 5; n++ {
		if t.words[k].start < from || !t.spaced(k) {
			return -1
		}
		if w := &t.words[k]; !(auxiliaries.has(w) || adverbAt(t, k)) || w.capital {
			return k
		}
		k--
	}
	return -1
}

// nounHead reports whether word i can end a common-noun phrase.
func (f *actorFinder) nounHead(i int) bool {
	w := &f.t.words[i]
	// A capital proves nothing at the start of a sentence: "Critics say".
	if w.capital && !w.initial || w.acronym || len(w.lower) < 2 {
		return false
	}
	if stopCaps.has(w) && !quantifiers.has(w) || determiners.has(w) || pronouns.has(w) || auxiliaries.has(w) ||
		prepositions.has(w) || speechVerbs.has(w) && !nounForms.has(w) || thoughtVerbs.has(w) && !nounForms.has(w) ||
		adverbAt(f.t, i) || relatives.has(w) {
		return false
	}
	// "the 46-year-old": digits only inside a hyphenated word.
	letters := false
	for _, c := range w.lower {
		switch {
		case unicode.IsLetter(c):
			letters = true
		case c == '-' || unicode.IsDigit(c) && strings.ContainsRune(w.lower, '-'):
		default:
			return false
		}
	}
	return letters
}

// modifier reports whether word i may stand inside a noun phrase before its
// head: an adjective or noun, a name ("the Trump campaign"), a number.
func (f *actorFinder) modifier(i int) bool {
	w := &f.t.words[i]
	if f.number(i) {
		return true
	}
	if stopCaps.has(w) || determiners.has(w) || pronouns.has(w) || auxiliaries.has(w) || prepositions.has(w) ||
		relatives.has(w) || (speechVerbs.has(w) || thoughtVerbs.has(w)) && !w.capital || cueAdverbs.has(w) {
		return false
	}
	return true
}

// number reports whether word i is a number: "45", "seven",
// "Twenty-four".
func (f *actorFinder) number(i int) bool {
	w := &f.t.words[i]
	if unicode.IsDigit(f.t.r[w.start]) || numberWords.has(w) {
		return true
	}
	h := strings.IndexByte(w.lower, '-')
	return h > 0 && numberWords.hasString(w.lower[:h])
}

// numberWords are spelled-out numbers: "Twenty-four percent".
var numberWords = set(`one two three four five six seven eight nine ten eleven twelve twenty thirty
	forty fifty sixty seventy eighty ninety hundred thousand million half`)

// nounPhrase returns where a common-noun phrase ending with word k starts,
// and its kind: "the judge", "a new poll", "Rubio’s campaign manager",
// "Twenty-four percent", "most of the voters", "officials". It returns -1
// when word k ends no such phrase; from bounds the search.
func (f *actorFinder) nounPhrase(k, from int) (int, kindMask) {
	t := f.t
	if j := f.shareOf(k, from); j >= 0 {
		return j, person
	}
	if !f.nounHead(k) {
		return -1, 0
	}
	h := &t.words[k]
	j := k
	det := false
	for j > 0 && k-j < 6 {
		p := j - 1
		pw := &t.words[p]
		if pw.start < from {
			break
		}
		if t.possessiveSpaced(p) {
			// "Rubio’s campaign", "the agency’s spokesman".
			j, det = p, true
			continue
		}
		if !t.spaced(p) {
			break
		}
		if determiners.has(pw) || quantifiers.has(pw) && !numberWords.has(pw) {
			j, det = p, true
			break
		}
		if !f.modifier(p) || pw.possessive {
			break
		}
		if f.number(p) {
			det = true
		}
		j = p
	}
	// "most of the voters", "55 percent of all voters".
	if det && j >= 2 && t.words[j-1].lower == "of" && t.spaced(j-1) && t.spaced(j-2) && t.words[j-2].start >= from {
		q := &t.words[j-2]
		if quantifiers.has(q) || q.lower == "percent" || f.number(j-2) {
			j -= 2
			if q.lower == "percent" && j > 0 && t.spaced(j-1) && t.words[j-1].start >= from && f.number(j-1) {
				j--
			}
		}
	}
	plural := strings.HasSuffix(h.lower, "s") && !strings.HasSuffix(h.lower, "ss") && len(h.lower) > 3
	people := personNouns.has(h) || titleHeads.has(h)
	switch {
	case det, people, plural && j < k, shareNouns.has(h):
	default:
		return -1, 0
	}
	// A phrase made of one weak word ("the former") is no phrase.
	kind := unknownKind
	switch {
	case people:
		kind = person
	case orgHeads.has(h) || sourceNouns.has(h):
		kind = org
	}
	return j, kind
}

// shareOf returns where a share of people ending at word k starts: "4 in
// 10", "about six in 10", or -1.
func (f *actorFinder) shareOf(k, from int) int {
	t := f.t
	if k < 2 || !f.number(k) || t.words[k-1].lower != "in" || !f.number(k-2) || !t.spaced(k-1) || !t.spaced(k-2) {
		return -1
	}
	j := k - 2
	if j > 0 && t.spaced(j-1) && (t.words[j-1].lower == "about" || t.words[j-1].lower == "nearly" || t.words[j-1].lower == "almost") {
		j--
	}
	if t.words[j].start < from {
		return -1
	}
	return j
}

// phraseFrom returns where a noun phrase starting at word j with a
// determiner ends ("said the spokesman", "according to a new poll"), or
// -1.
func (f *actorFinder) phraseFrom(j int) (int, kindMask) {
	t := f.t
	if j >= len(t.words) || !(determiners.has(&t.words[j]) || quantifiers.has(&t.words[j])) {
		return -1, 0
	}
	end := -1
	var kind kindMask
	for k := j + 1; k < len(t.words) && k-j <= 6; k++ {
		if !t.spaced(k-1) && !t.possessiveSpaced(k-1) {
			break
		}
		if s, kd := f.nounPhrase(k, t.words[j].start); s == j {
			end, kind = k, kd
		}
		if !f.modifier(k) && !f.nounHead(k) {
			break
		}
	}
	return end, kind
}

// nameRunEnding returns the first word of the run of capitalised words
// that ends with word k ("Walt Disney"), or -1.
func (f *actorFinder) nameRunEnding(k int) int {
	t := f.t
	if !t.words[k].capital && !t.words[k].acronym {
		return -1
	}
	j := k
	for j > 0 && t.spaced(j-1) && (t.words[j-1].capital || t.words[j-1].acronym) && !stopCaps.has(&t.words[j-1]) && k-j < 5 {
		j--
	}
	return j
}

// cueSubjects returns, as ACTOR candidates, the subjects of the cues that
// are no names: noun phrases ("the judge said"), the person or group a
// name belongs to ("a spokesman for Disney said"), the phrase after a
// source cue or an inverted verb ("according to the newspaper", "”, said
// the senator"), and subject pronouns ("he said"). A pronoun candidate is
// marked as such: it is suggested only when it is linked as a speaker.
func (f *actorFinder) cueSubjects(cues []cue, inQuote []bool) []actor {
	t := f.t
	var out []actor
	for _, c := range cues {
		if !c.verb() || afterQuote(t, c.first) || c.first > 0 && strings.ContainsRune(string(t.gap(c.first-1)), ',') {
			// After a source phrase or an inverted verb: the phrase that
			// follows ("according to the newspaper", "”, said the senator").
			if e, kind := f.phraseFrom(c.last + 1); e >= 0 && !inQuote[t.words[c.last+1].start] {
				out = append(out, actor{start: t.words[c.last+1].start, end: t.words[e].end, kind: kind, prio: prioPhrase,
					reason: fmt.Sprintf("speaker after '%s'", c.text)})
				continue
			}
			if !c.verb() {
				continue
			}
		}
		// A participle's subject is its clause's, but right after a noun
		// the noun is it: "a hat reading", "one of her ads asking".
		if c.participle && strings.ContainsRune(string(t.gap(c.first-1)), ',') {
			continue
		}
		k := t.subjectEnd(c.first, 0)
		if k < 0 || inQuote[t.words[k].start] {
			continue
		}
		w := &t.words[k]
		reason := fmt.Sprintf("subject of '%s'", c.text)
		if pronouns.has(w) && !w.possessive {
			out = append(out, actor{start: w.start, end: w.end, kind: pronounKind(w.lower), prio: prioPhrase,
				reason: "pronoun, " + reason, pronoun: true})
			continue
		}
		// The subject: a noun phrase, or a name, with what it belongs to
		// ("a spokesman for Disney", "the head of the party").
		start, kind := f.nounPhrase(k, 0)
		named := false
		if start < 0 {
			if start = f.nameRunEnding(k); start < 0 {
				continue
			}
			named = true
		}
		if p := start - 1; p >= 1 && complementPreps.has(&t.words[p]) && t.spaced(p) && t.spaced(p-1) {
			if s2, k2 := f.nounPhrase(p-1, 0); s2 >= 0 && k2&(person|org) != 0 {
				start, kind, named = s2, k2, false
			}
		}
		if named {
			continue // the name rules find it
		}
		// "via its website stating", "issued a statement saying": the
		// speaker is the clause's subject, not this phrase.
		if c.participle && (sourceNouns.has(w) || start > 0 && t.spaced(start-1) && prepositions.has(&t.words[start-1])) {
			continue
		}
		out = append(out, actor{start: t.words[start].start, end: w.end, kind: kind, prio: prioPhrase, reason: reason})
	}
	return out
}

// pronounKind is the kind of actor a pronoun itself is.
func pronounKind(p string) kindMask {
	switch p {
	case "it":
		return org
	case "they", "we", "you":
		return person | org
	}
	return person
}
