package suggest

import (
	"fmt"
	"sort"
	"strings"
)

// cue is a speech verb ("said") or a source phrase ("according to") found
// outside quotations, as word indexes first..last.
type cue struct {
	first, last int
	verb        bool
	text        string
}

// speaker is who said a quote or claim, and why the rules think so.
type speaker struct {
	actor  *actor
	reason string
}

// speakerFinder attributes quotes and claims to actors.
type speakerFinder struct {
	t      *text
	actors []actor // sorted by start
	// inQuote[p] is true for code points between a pair of quotation marks,
	// marks included: cues and speakers are never taken from inside a
	// quotation.
	inQuote []bool
	// inActor[p] is true for code points covered by an actor.
	inActor []bool
	quotes  []quote
}

// subjectReach bounds how many words before a verb its subject may stand,
// which keeps the search linear on run-on text.
const subjectReach = 60

func newSpeakerFinder(t *text, actors []actor, quotes []quote) *speakerFinder {
	sort.Slice(quotes, func(a, b int) bool { return quotes[a].open < quotes[b].open })
	sf := &speakerFinder{t: t, actors: actors, quotes: quotes, inQuote: make([]bool, len(t.r)+1), inActor: make([]bool, len(t.r)+1)}
	sort.Slice(sf.actors, func(a, b int) bool { return sf.actors[a].start < sf.actors[b].start })
	for _, a := range actors {
		for p := a.start; p < a.end; p++ {
			sf.inActor[p] = true
		}
	}
	for _, q := range quotes {
		for p := max(q.open, 0); p <= q.close && p < len(sf.inQuote); p++ {
			sf.inQuote[p] = true
		}
	}
	return sf
}

// cueAt returns the cue that starts at word i, if any.
func (sf *speakerFinder) cueAt(i int) (cue, bool) {
	t := sf.t
	w := &t.words[i]
	if sf.inQuote[w.start] {
		return cue{}, false
	}
	// A speech verb is written in lower case, and a determiner before it
	// makes it a noun: "the states that border Libya", "free-text NOTES".
	if speechVerbs.has(w) && !w.capital && !(i > 0 && t.spaced(i-1) && determiners.has(&t.words[i-1])) {
		return cue{i, i, true, w.lower}, true
	}
	for _, p := range sourceCues.startingWith(w) {
		if i+len(p) > len(t.words) {
			continue
		}
		ok := true
		for k := 1; k < len(p) && ok; k++ {
			ok = t.words[i+k].lower == p[k] && t.spaced(i+k-1)
		}
		if ok {
			return cue{i, i + len(p) - 1, false, strings.Join(p, " ")}, true
		}
	}
	return cue{}, false
}

// cues returns the cues among words whose span lies in [from, to).
func (sf *speakerFinder) cues(from, to int) []cue {
	var out []cue
	t := sf.t
	for i := t.wordAt(from); i < len(t.words) && t.words[i].end <= to; i++ {
		if t.words[i].start < from {
			continue
		}
		if c, ok := sf.cueAt(i); ok {
			out = append(out, c)
			i = c.last
		}
	}
	return out
}

// forQuote finds who said the quotation q: through a cue just before the
// opening mark or just after the closing mark in the same sentence (the
// nearer one wins), else through a cue in the previous sentence.
func (sf *speakerFinder) forQuote(q quote) (speaker, bool) {
	t := sf.t
	var best speaker
	bestDist := -1
	// Before: from the start of the opening sentence (or the end of an
	// earlier quotation in it) to the opening mark.
	from := t.sents[t.sentAt(q.open)].start
	// The quotations are sorted by opening mark and do not overlap (bar
	// odd existing spans): the neighbours bound the search.
	k := sort.Search(len(sf.quotes), func(i int) bool { return sf.quotes[i].open >= q.open })
	if k > 0 && sf.quotes[k-1].close < q.open && sf.quotes[k-1].close+1 > from {
		from = sf.quotes[k-1].close + 1
	}
	// "Lavrov: “…”": a name and a colon introduce the quotation.
	if a := sort.Search(len(sf.actors), func(a int) bool { return sf.actors[a].start >= q.open }) - 1; a >= 0 {
		ac := &sf.actors[a]
		if ac.end <= q.open && ac.start >= from && !sf.inQuote[ac.start] && strings.TrimSpace(t.str(ac.end, q.open)) == ":" {
			return speaker{actor: ac, reason: "speaker: name and colon before the quote"}, true
		}
	}
	if cs := sf.cues(from, q.open); len(cs) > 0 {
		c := cs[len(cs)-1]
		if sp, ok := sf.resolveCue(c, from, q.open); ok {
			sp.reason = fmt.Sprintf("speaker: '%s' before the quote%s", c.text, sp.reason)
			best, bestDist = sp, q.open-t.words[c.last].end
		}
	}
	// After: from the closing mark to the end of its sentence or the next
	// quotation.
	to := t.sents[t.sentAt(q.close)].end
	for i := k; i < len(sf.quotes) && sf.quotes[i].open < to; i++ {
		if o := sf.quotes[i]; o.open > q.close {
			to = o.open
			break
		}
	}
	if cs := sf.cues(q.close+1, to); len(cs) > 0 {
		c := cs[0]
		if sp, ok := sf.resolveCue(c, q.close+1, to); ok {
			if d := t.words[c.first].start - q.close; bestDist < 0 || d < bestDist {
				sp.reason = fmt.Sprintf("speaker: '%s' after the quote%s", c.text, sp.reason)
				best, bestDist = sp, d
			}
		}
	}
	if bestDist >= 0 {
		return best, true
	}
	// The previous sentence, for a quotation that opens its own sentence:
	// "Lavrov told reporters on Monday. “We are ready.”" A quotation inside
	// a sentence with no cue of its own is a title or scare quote.
	prev := t.sentAt(q.open) - 1
	if prev < 0 || t.sents[prev+1].start != q.open {
		return speaker{}, false
	}
	s := t.sents[prev]
	cs := sf.cues(s.start, s.end)
	for i := len(cs) - 1; i >= 0; i-- {
		if sp, ok := sf.resolveCue(cs[i], s.start, s.end); ok {
			sp.reason = fmt.Sprintf("speaker: '%s' in the previous sentence%s", cs[i].text, sp.reason)
			return sp, true
		}
	}
	return speaker{}, false
}

// resolveCue finds the speaker a cue points at, within [from, to): after a
// source phrase, the actor that follows it; for a verb, its subject before
// it or, failing that, the actor right after it ("”, said Lavrov").
func (sf *speakerFinder) resolveCue(c cue, from, to int) (speaker, bool) {
	t := sf.t
	if !c.verb {
		return sf.actorAfter(t.words[c.last].end, to)
	}
	if sp, ok := sf.subject(c.first, from); ok {
		return sp, true
	}
	// "quoted by X": X is the source that quotes, not the speaker.
	if c.text == "quoted" {
		return speaker{}, false
	}
	return sf.actorAfter(t.words[c.last].end, to)
}

// actorAfter returns the first actor starting within a few words after pos
// and ending before to.
func (sf *speakerFinder) actorAfter(pos, to int) (speaker, bool) {
	t := sf.t
	i := t.wordAt(pos)
	for k := i; k < len(t.words) && k < i+4; k++ {
		w := t.words[k]
		if w.start >= to {
			break
		}
		a := sort.Search(len(sf.actors), func(a int) bool { return sf.actors[a].start >= w.start })
		if a < len(sf.actors) {
			if ac := &sf.actors[a]; ac.start == w.start && ac.end <= to && !sf.inQuote[ac.start] {
				return speaker{actor: ac}, true
			}
		}
	}
	return speaker{}, false
}

// subject finds the subject of the verb at word v: the nearest actor or
// subject pronoun before it, within [from, verb), that is not the object
// of a preposition. A pronoun is resolved to the nearest fitting actor
// before it.
func (sf *speakerFinder) subject(v, from int) (speaker, bool) {
	t := sf.t
	vs := t.words[v].start
	if reach := max(v-subjectReach, 0); t.words[reach].start > from {
		from = t.words[reach].start
	}
	// Candidates from nearest to farthest: actors ending before the verb,
	// and pronouns.
	ai := sort.Search(len(sf.actors), func(a int) bool { return sf.actors[a].start >= vs }) - 1
	wi := v - 1
	for {
		// Pick the nearer of the next actor and the next pronoun going back.
		for ai >= 0 && (sf.actors[ai].end > vs || sf.inQuote[sf.actors[ai].start]) {
			ai--
		}
		for wi >= 0 && (!pronouns.has(&t.words[wi]) || sf.inQuote[t.words[wi].start]) {
			wi--
		}
		actorOK := ai >= 0 && sf.actors[ai].start >= from
		pronOK := wi >= 0 && t.words[wi].start >= from
		if !actorOK && !pronOK {
			return speaker{}, false
		}
		if actorOK && (!pronOK || sf.actors[ai].end > t.words[wi].start) {
			ac := &sf.actors[ai]
			ai--
			if sf.prepositional(ac.start) {
				continue
			}
			return speaker{actor: ac}, true
		}
		pw := t.words[wi]
		wi--
		if sf.prepositional(pw.start) || sf.inActor[pw.start] {
			continue
		}
		ac := sf.antecedent(pw.start, pronounKinds[pw.lower])
		if ac == nil {
			return speaker{}, false
		}
		return speaker{actor: ac, reason: fmt.Sprintf("; '%s' resolved to '%s'", t.str(pw.start, pw.end), t.str(ac.start, ac.end))}, true
	}
}

// prepositional reports whether the phrase starting at pos follows a
// preposition ("quoted by the agency", "with Haftar").
func (sf *speakerFinder) prepositional(pos int) bool {
	t := sf.t
	i := t.wordAt(pos)
	if i == 0 || i > len(t.words) {
		return false
	}
	p := i - 1
	return t.spaced(p) && prepositions.has(&t.words[p])
}

// antecedent returns the nearest actor before pos, outside quotations, of a
// kind the pronoun fits.
//
// An actor known to be of a fitting kind (a person for "she") wins over a
// nearer one of unknown kind, as long as it is within antecedentReach
// actors: "Marcela Hernando … talks with Albemarle … She added" is
// Hernando.
func (sf *speakerFinder) antecedent(pos int, fits kindMask) *actor {
	var fallback *actor
	seen := 0
	for a := sort.Search(len(sf.actors), func(a int) bool { return sf.actors[a].start >= pos }) - 1; a >= 0 && seen < antecedentReach; a-- {
		ac := &sf.actors[a]
		if ac.end > pos || sf.inQuote[ac.start] {
			continue
		}
		seen++
		switch {
		case ac.kind&fits&^unknownKind != 0:
			return ac
		case ac.kind&fits != 0 && fallback == nil:
			fallback = ac
		}
	}
	return fallback
}

// antecedentReach is how many actors back a pronoun may look.
const antecedentReach = 8

// maxClaim is the longest that-clause suggested as a CLAIM, in code points.
const maxClaim = 1000

// claim is reported speech: the that-clause after a speech verb, to the end
// of the sentence, and who said it.
type claim struct {
	start, end int
	verb       string
	speaker    speaker
}

// claims finds reported speech outside quotations: "X said that …", the
// clause after "that" to the end of the sentence (or to ", but warned
// that …", which is a claim of its own), when it does not open a quotation
// (then the quotation is the QUOTE) and the verb has a subject; and
// "According to X, …" or "…, according to X.", the rest of the sentence.
func (sf *speakerFinder) claims() []claim {
	t := sf.t
	var out []claim
	for v := range t.words {
		c, ok := sf.cueAt(v)
		if !ok {
			continue
		}
		if !c.verb {
			if cl, ok := sf.sourceClaim(c); ok {
				out = append(out, cl)
			}
			continue
		}
		// "said it was studying the announcement": no "that", but a
		// subject pronoun and an auxiliary right after the verb.
		if v+2 < len(t.words) && t.spaced(v) && t.spaced(v+1) && pronouns.has(&t.words[v+1]) &&
			auxiliaries.has(&t.words[v+2]) && t.words[v+2].sent == t.words[v].sent {
			s := t.sents[t.words[v].sent]
			start, end := t.words[v+1].start, sf.clauseEnd(v+1, s)
			if sp, ok := sf.subject(v, s.start); ok && sf.claimable(start, end) {
				sp.reason = fmt.Sprintf("speaker: subject of '%s'%s", c.text, sp.reason)
				out = append(out, claim{start: start, end: end, verb: c.text, speaker: sp})
			}
			continue
		}
		th := -1
		for k := v; k < len(t.words)-1 && k < v+5; k++ {
			if !t.spaced(k) || t.words[k+1].sent != t.words[v].sent {
				break
			}
			if t.words[k+1].lower == "that" {
				th = k + 1
				break
			}
		}
		if th < 0 || th+1 >= len(t.words) || t.words[th+1].sent != t.words[v].sent || sf.opensQuote(th) {
			continue
		}
		s := t.sents[t.words[v].sent]
		start, end := t.words[th+1].start, sf.clauseEnd(th+1, s)
		if !sf.claimable(start, end) {
			continue
		}
		sp, ok := sf.subject(v, s.start)
		if !ok {
			continue
		}
		sp.reason = fmt.Sprintf("speaker: subject of '%s'%s", c.text, sp.reason)
		out = append(out, claim{start: start, end: end, verb: c.text + " that", speaker: sp})
	}
	return out
}

// sourceClaim is the claim of "According to X, …" (the cue opens the
// sentence) or "…, according to X." (X ends it).
func (sf *speakerFinder) sourceClaim(c cue) (claim, bool) {
	t := sf.t
	s := t.sents[t.words[c.first].sent]
	sp, ok := sf.actorAfter(t.words[c.last].end, s.end)
	if !ok {
		return claim{}, false
	}
	sp.reason = fmt.Sprintf("speaker: '%s'", c.text)
	var start, end int
	switch {
	case t.words[c.first].start == s.start:
		// "According to X, more than 100,000 people crossed …".
		k := t.wordAt(sp.actor.end)
		if k >= len(t.words) || t.words[k].sent != t.words[c.first].sent || sf.opensQuote(k-1) {
			return claim{}, false
		}
		if g := strings.TrimSpace(string(t.gap(k - 1))); g != "," {
			return claim{}, false
		}
		start, end = t.words[k].start, sf.clauseEnd(k, s)
	case c.first > 0 && strings.TrimSpace(string(t.gap(c.first-1))) == ",":
		// "The talks failed, according to X." X must end the sentence.
		for _, r := range t.r[sp.actor.end:s.end] {
			if !isSpace(r) && !strings.ContainsRune(".!?…", r) {
				return claim{}, false
			}
		}
		start, end = s.start, t.words[c.first-1].end
		if isQuoteMark(t.r[start]) {
			return claim{}, false
		}
	default:
		return claim{}, false
	}
	if !sf.claimable(start, end) {
		return claim{}, false
	}
	return claim{start: start, end: end, verb: c.text, speaker: sp}, true
}

// opensQuote reports whether a quotation mark follows word i: "that “…”".
func (sf *speakerFinder) opensQuote(i int) bool {
	g := strings.TrimSpace(string(sf.t.gap(i)))
	return g != "" && isQuoteMark([]rune(g)[0])
}

// claimable reports whether [start, end) can be a claim: not empty, not
// inside a quotation, and not longer than maxClaim (a "sentence" that long
// is text the splitter could not cut: no claim is better than a wrong one).
func (sf *speakerFinder) claimable(start, end int) bool {
	return start < end && end-start <= maxClaim && !sf.inQuote[start]
}

// clauseEnd returns where the clause starting at word i of sentence s ends:
// at the end of the sentence, or before a comma that introduces a further
// speech verb (", but warned that …"), whose clause is a claim of its own.
// Closing punctuation is left out.
func (sf *speakerFinder) clauseEnd(i int, s sentence) int {
	t := sf.t
	end := s.end
	for k := i + 1; k < len(t.words) && t.words[k].start < s.end; k++ {
		if !speechVerbs.has(&t.words[k]) || sf.inQuote[t.words[k].start] {
			continue
		}
		p := k - 1
		for p > i && clauseJoins.has(&t.words[p]) && t.spaced(p) {
			p--
		}
		if strings.ContainsRune(string(t.gap(p)), ',') {
			end = t.words[p].end
			break
		}
	}
	for end > t.words[i].start && (isSpace(t.r[end-1]) || strings.ContainsRune(".!?…;:,", t.r[end-1])) {
		end--
	}
	return end
}
