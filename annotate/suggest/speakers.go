package suggest

import (
	"fmt"
	"sort"
	"strings"
)

// speaker is who said a quote or claim, and why the rules think so.
type speaker struct {
	actor  *actor
	reason string
}

// speakerFinder attributes quotes and claims to actors.
type speakerFinder struct {
	t      *text
	actors []actor // sorted by start
	// endAt maps the end of each actor to its index (the longest actor
	// when several end there).
	endAt map[int]int
	// inQuote[p] is true for code points between a pair of quotation marks,
	// marks included: cues and speakers are never taken from inside a
	// quotation.
	inQuote []bool
	// inActor[p] is true for code points covered by an actor.
	inActor []bool
	quotes  []quote // every quotation, embedded ones too, sorted by open
	cues    []cue
	// lazy holds the pronouns made speakers that were no candidates,
	// by start.
	lazy map[int]*actor
}

// subjectReach bounds how many words before a verb its subject may stand,
// which keeps the search linear on run-on text.
const subjectReach = 60

func newSpeakerFinder(t *text, actors []actor, quotes []quote, inQuote []bool, cues []cue) *speakerFinder {
	sort.Slice(quotes, func(a, b int) bool { return quotes[a].open < quotes[b].open })
	sf := &speakerFinder{t: t, actors: actors, quotes: quotes, inQuote: inQuote, inActor: make([]bool, len(t.r)+1),
		cues: cues, endAt: make(map[int]int, len(actors)), lazy: map[int]*actor{}}
	sort.SliceStable(sf.actors, func(a, b int) bool { return sf.actors[a].start < sf.actors[b].start })
	for i, a := range sf.actors {
		for p := a.start; p < a.end; p++ {
			sf.inActor[p] = true
		}
		if j, ok := sf.endAt[a.end]; !ok || sf.actors[j].start > a.start {
			sf.endAt[a.end] = i
		}
	}
	return sf
}

// markQuotes returns, for each code point of a text of n code points,
// whether it lies between a pair of quotation marks (marks included).
func markQuotes(n int, quotes []quote) []bool {
	in := make([]bool, n+1)
	for _, q := range quotes {
		for p := max(q.open, 0); p <= q.close && p < len(in); p++ {
			in[p] = true
		}
	}
	return in
}

// cuesIn returns the cues whose words lie in [from, to).
func (sf *speakerFinder) cuesIn(from, to int) []cue {
	t := sf.t
	i := sort.Search(len(sf.cues), func(i int) bool { return t.words[sf.cues[i].first].start >= from })
	j := i
	for j < len(sf.cues) && t.words[sf.cues[j].last].end <= to {
		j++
	}
	return sf.cues[i:j]
}

// actorEndingAt returns the actor that ends at pos, or nil.
func (sf *speakerFinder) actorEndingAt(pos int) *actor {
	if i, ok := sf.endAt[pos]; ok {
		return &sf.actors[i]
	}
	return nil
}

// quoteIndex returns the index of the first quotation opening at or after
// pos.
func (sf *speakerFinder) quoteIndex(pos int) int {
	return sort.Search(len(sf.quotes), func(i int) bool { return sf.quotes[i].open >= pos })
}

// forQuote finds who said the quotation q from the words around it: a
// name and a colon before it, or a cue just before the opening mark or
// just after the closing mark in the same sentence (the nearer one wins).
// Quotations that these leave without a speaker are attributed by
// attributeQuotes.
func (sf *speakerFinder) forQuote(q quote) (speaker, bool) {
	t := sf.t
	var best speaker
	bestDist := -1
	// Before: from the start of the opening sentence (or the end of an
	// earlier quotation in it) to the opening mark.
	from := t.sents[t.sentAt(q.open)].start
	k := sf.quoteIndex(q.open)
	if k > 0 && sf.quotes[k-1].close < q.open && sf.quotes[k-1].close+1 > from {
		from = sf.quotes[k-1].close + 1
	}
	// "Lavrov: “…”": a name and a colon introduce the quotation.
	if a := sort.Search(len(sf.actors), func(a int) bool { return sf.actors[a].start >= q.open }) - 1; a >= 0 {
		ac := &sf.actors[a]
		if ac.end <= q.open && ac.start >= from && !sf.inQuote[ac.start] && !sf.prepositional(ac.start) && strings.TrimSpace(t.str(ac.end, q.open)) == ":" {
			return sf.speakerFor(ac, "speaker: name and colon before the quote"), true
		}
	}
	if q.open == q.first {
		if cs := sf.cuesIn(from, q.open); len(cs) > 0 {
			c := cs[len(cs)-1]
			if c.kind != thoughtCue {
				if sp, ok := sf.resolveCue(c, from, q.open); ok {
					sp.reason = fmt.Sprintf("speaker: '%s' before the quote%s", c.text, sp.reason)
					best, bestDist = sp, q.open-t.words[c.last].end
				}
			}
		}
	}
	// After: from the closing mark to the end of its sentence or the next
	// quotation.
	if q.closeMark == "" {
		return best, bestDist >= 0
	}
	to := t.sents[t.sentAt(q.close)].end
	near := len(t.words) // the first word index the cue may not reach
	if si := t.sentAt(q.close); to <= q.close+2 && si+1 < len(t.sents) && q.end > q.start &&
		strings.ContainsRune("?!", t.r[q.end-1]) && sf.t.wordAt(t.sents[si+1].end)-sf.t.wordAt(t.sents[si+1].start) <= 12 {
		// "“…my dad?” Erica Garner said.": the quotation ends its
		// sentence, and the attribution that follows is the next one, if
		// it comes within a few words.
		to = t.sents[si+1].end
		near = t.wordAt(q.close+1) + 6
	}
	for i := k; i < len(sf.quotes) && sf.quotes[i].open < to; i++ {
		if o := sf.quotes[i]; o.open > q.close && !o.embedded {
			to = o.open
			break
		}
	}
	if cs := sf.cuesIn(q.close+1, to); len(cs) > 0 && cs[0].kind != thoughtCue && cs[0].first < near {
		c := cs[0]
		sp, ok := sf.resolveCue(c, q.close+1, to)
		// "“…,” Trump, the front-runner, said": the actor right after the
		// quote, when the verb has no subject of its own before it.
		if c.verb() && t.subjectEnd(c.first, q.close+1) < 0 {
			if a, found := sf.actorAfter(q.close+1, t.words[c.first].start); found && t.wordAt(a.actor.start) == t.wordAt(q.close+1) {
				sp, ok = a, true
			}
		}
		if ok {
			if d := t.words[c.first].start - q.close; bestDist < 0 || d < bestDist {
				sp.reason = fmt.Sprintf("speaker: '%s' after the quote%s", c.text, sp.reason)
				best, bestDist = sp, d
			}
		}
	}
	return best, bestDist >= 0
}

// fromPreviousSentence attributes a quotation that opens its own sentence
// through a cue in the sentence before: "Lavrov told reporters on Monday.
// “We are ready.”" A quotation inside a sentence with no cue of its own is
// a title or scare quote and gets no speaker.
func (sf *speakerFinder) fromPreviousSentence(q quote) (speaker, bool) {
	t := sf.t
	prev := t.sentAt(q.open) - 1
	if prev < 0 || t.sents[prev+1].start != q.open {
		return speaker{}, false
	}
	s := t.sents[prev]
	cs := sf.cuesIn(s.start, s.end)
	for i := len(cs) - 1; i >= 0; i-- {
		if cs[i].kind == thoughtCue {
			continue
		}
		if sp, ok := sf.resolveCue(cs[i], s.start, s.end); ok {
			sp.reason = fmt.Sprintf("speaker: '%s' in the previous sentence%s", cs[i].text, sp.reason)
			return sp, true
		}
	}
	return speaker{}, false
}

// attributeQuotes finds the speakers of the quotations qs, in text order
// (a result per quotation; a nil actor when none is found). Beyond forQuote
// it follows news conventions: the paragraphs of one quotation share their
// speaker; a quotation that opens a paragraph right after another
// quotation, with nothing between, continues its speaker's words; and a
// quotation that opens its sentence may take the speaker of a cue in the
// sentence before.
func (sf *speakerFinder) attributeQuotes(qs []quote) []speaker {
	out := make([]speaker, len(qs))
	found := make([]bool, len(qs))
	for i, q := range qs {
		out[i], found[i] = sf.forQuote(q)
	}
	// The paragraphs of one quotation: the earliest speaker found.
	chain := map[int]int{}
	for i, q := range qs {
		if _, ok := chain[q.first]; !ok && found[i] {
			chain[q.first] = i
		}
	}
	for i, q := range qs {
		if j, ok := chain[q.first]; ok && !found[i] {
			out[i] = speaker{actor: out[j].actor, reason: "speaker: the same quotation, in another paragraph" + sf.resolution(out[j].actor)}
			found[i] = true
		}
	}
	for i, q := range qs {
		if found[i] {
			continue
		}
		if i > 0 && found[i-1] && sf.continues(qs[i-1], q) {
			out[i] = speaker{actor: out[i-1].actor, reason: "speaker: continues the quotation before" + sf.resolution(out[i-1].actor)}
			found[i] = true
			continue
		}
		if q.open == q.first {
			out[i], found[i] = sf.fromPreviousSentence(q)
		}
	}
	return out
}

// continues reports whether quotation q follows quotation p with nothing
// but white space between them, q opening a paragraph: the same speaker
// goes on.
func (sf *speakerFinder) continues(p, q quote) bool {
	if p.close >= q.open {
		return false
	}
	gap := sf.t.r[p.close+1 : q.open]
	if len(gap) > 12 {
		return false
	}
	breaks := false
	for _, c := range gap {
		if isNewline(c) {
			breaks = true
		} else if !isSpace(c) && !strings.ContainsRune(".,", c) {
			return false
		}
	}
	return breaks
}

// resolveCue finds the speaker a cue points at, within [from, to): after a
// source phrase, the actor that follows it; for a verb, its subject before
// it or, failing that, the actor right after it ("”, said Lavrov").
func (sf *speakerFinder) resolveCue(c cue, from, to int) (speaker, bool) {
	t := sf.t
	if !c.verb() {
		return sf.actorAfter(t.words[c.last].end, to)
	}
	if sp, ok := sf.subject(c, from); ok {
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
				return sf.speakerFor(ac, ""), true
			}
		}
	}
	return speaker{}, false
}

// speakerFor makes actor a the speaker, with reason; for a pronoun the
// reason names its antecedent.
func (sf *speakerFinder) speakerFor(a *actor, reason string) speaker {
	return speaker{actor: a, reason: reason + sf.resolution(a)}
}

// resolution is the part of a reason that says whom a pronoun stands for:
// "; 'he' resolved to 'Sergey Lavrov'", or "" for no pronoun.
func (sf *speakerFinder) resolution(a *actor) string {
	if a == nil || !a.pronoun {
		return ""
	}
	p := sf.t.str(a.start, a.end)
	fits, ok := pronounKinds[strings.ToLower(p)]
	if !ok {
		return ""
	}
	if ac := sf.antecedent(a.start, fits); ac != nil {
		return fmt.Sprintf("; '%s' resolved to '%s'", p, sf.t.str(ac.start, ac.end))
	}
	return ""
}

// subject finds the subject of the verb cue c, within [from, verb): the
// actor or pronoun that ends right before it (over auxiliaries and
// adverbs: "he has also said"), the noun a relative pronoun stands for
// ("Bush, who announced"), for a participle the subject of its clause
// (", saying"), else the nearest actor or subject pronoun before it that
// is not the object of a preposition.
func (sf *speakerFinder) subject(c cue, from int) (speaker, bool) {
	t := sf.t
	v := c.first
	if reach := max(v-subjectReach, 0); t.words[reach].start > from {
		from = t.words[reach].start
	}
	if k := t.subjectEnd(v, from); k >= 0 {
		w := &t.words[k]
		// "issued a statement saying": the one who issued it speaks; "a
		// hat reading", "the letter says": the thing itself.
		a := sf.actorEndingAt(w.end)
		written := c.participle && a != nil && (sourceNouns.has(w) || sf.prepositional(a.start))
		if a != nil && a.start >= from && !sf.inQuote[a.start] && !written {
			return sf.speakerFor(a, ""), true
		}
		switch {
		case w.lower == "who" || w.lower == "which":
			if a := sf.relativeAntecedent(k, from); a != nil {
				return speaker{actor: a}, true
			}
		case clauseJoins.has(w) && !c.participle:
			// "joked that …, but went on to say": the subject of the
			// clause the verb is joined to.
			if sp, ok := sf.clauseSubject(c, from); ok {
				return sp, true
			}
		}
	}
	if c.participle {
		if sp, ok := sf.clauseSubject(c, from); ok {
			return sp, true
		}
	}
	return sf.nearestSubject(v, from)
}

// clauseSubject is the subject of the clause a participle hangs on: the
// subject of the cue before it in the sentence ("said …, adding"), else
// the first actor of the clause that is not the object of a preposition.
func (sf *speakerFinder) clauseSubject(c cue, from int) (speaker, bool) {
	t := sf.t
	vs := t.words[c.first].start
	if cs := sf.cuesIn(from, vs); len(cs) > 0 {
		if p := cs[len(cs)-1]; p.verb() && !p.participle {
			if sp, ok := sf.subject(p, from); ok {
				return sp, true
			}
		}
	}
	a := sort.Search(len(sf.actors), func(a int) bool { return sf.actors[a].start >= from })
	for ; a < len(sf.actors) && sf.actors[a].end <= vs; a++ {
		ac := &sf.actors[a]
		if !sf.inQuote[ac.start] && !sf.prepositional(ac.start) {
			return sf.speakerFor(ac, ""), true
		}
	}
	return speaker{}, false
}

// relativeAntecedent returns the actor a relative pronoun at word k stands
// for: the one that ends right before it, or before its comma.
func (sf *speakerFinder) relativeAntecedent(k, from int) *actor {
	t := sf.t
	if k == 0 {
		return nil
	}
	p := t.words[k].start - 1
	for p >= 0 && (isSpace(sf.t.r[p]) || sf.t.r[p] == ',' || sf.t.r[p] == ')') {
		p--
	}
	if p < from {
		return nil
	}
	if a := sf.actorEndingAt(p + 1); a != nil && !a.pronoun {
		return a
	}
	return nil
}

// nearestSubject is the nearest actor or subject pronoun before the verb at
// word v, within [from, verb), that is not the object of a preposition.
func (sf *speakerFinder) nearestSubject(v, from int) (speaker, bool) {
	t := sf.t
	vs := t.words[v].start
	ai := sort.Search(len(sf.actors), func(a int) bool { return sf.actors[a].start >= vs }) - 1
	wi := v - 1
	for {
		// Pick the nearer of the next actor and the next pronoun going back.
		for ai >= 0 && (sf.actors[ai].end > vs || sf.inQuote[sf.actors[ai].start]) {
			ai--
		}
		for wi >= 0 && (!pronouns.has(&t.words[wi]) || t.words[wi].possessive || sf.inQuote[t.words[wi].start]) {
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
			return sf.speakerFor(ac, ""), true
		}
		pw := t.words[wi]
		wi--
		if sf.prepositional(pw.start) || sf.inActor[pw.start] {
			continue
		}
		return sf.speakerFor(sf.lazyPronoun(pw), ""), true
	}
}

// lazyPronoun returns the actor for a pronoun that was no candidate,
// made once.
func (sf *speakerFinder) lazyPronoun(w word) *actor {
	if a, ok := sf.lazy[w.start]; ok {
		return a
	}
	a := &actor{start: w.start, end: w.end, kind: pronounKind(w.lower), pronoun: true, reason: "pronoun, subject of a speech verb"}
	sf.lazy[w.start] = a
	return a
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
// kind the pronoun fits, and not the object of a preposition (the place
// in "arrived in New York. He said" is no antecedent).
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
		if ac.end > pos || sf.inQuote[ac.start] || ac.pronoun || sf.prepositional(ac.start) {
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

// maxClaim is the longest clause suggested as a CLAIM, in code points.
const maxClaim = 1000

// claim is reported speech: the clause a cue brings in, and who said it.
type claim struct {
	start, end int
	verb       string
	speaker    speaker
}

// claims finds reported speech outside quotations (see claimOf and
// sourceClaim).
func (sf *speakerFinder) claims() []claim {
	var out []claim
	for _, c := range sf.cues {
		var cl claim
		var ok bool
		if c.verb() {
			cl, ok = sf.verbClaim(c)
		} else {
			cl, ok = sf.sourceClaim(c)
		}
		if ok {
			out = append(out, cl)
		}
	}
	return out
}

// clauseStart returns where the clause a verb cue brings in starts (a word
// index), and the words that bring it in: after "that" within a few words
// ("said on Monday that"), after the person spoken to ("told reporters",
// "told CNN that"), or right after the verb. It returns -1 when no clause
// follows.
func (sf *speakerFinder) clauseStart(c cue) (int, string) {
	t := sf.t
	v := c.last
	sent := t.words[v].sent
	inSent := func(k int) bool { return k < len(t.words) && t.words[k].sent == sent && !sf.inQuote[t.words[k].start] }
	// "that" within a few words, over no punctuation but commas, after
	// the person spoken to ("told reporters that") or an adverbial ("said
	// on Monday that", "said, in a statement, that"): after any other word
	// it is a relative ("supports the NOTES that can be …").
	for k := v; k < v+8 && inSent(k+1); k++ {
		g := strings.TrimSpace(string(t.gap(k)))
		if g != "" && g != "," {
			break
		}
		if t.words[k+1].lower == "that" && k+2 < len(t.words) {
			return k + 2, c.text + " that"
		}
		w := &t.words[k+1]
		if k == v && !c.tell && g == "" && !(prepositions.has(w) || timeWords.has(w) || adverbAt(t, k+1)) {
			break
		}
		// Another verb's "that": "quoted by the agency, said that".
		if (speechVerbs.has(w) || thoughtVerbs.has(w)) && !w.capital && !w.acronym {
			break
		}
	}
	k := v + 1
	if k < len(t.words) && sf.inQuote[t.words[k].start] {
		// A clause that opens with a quoted phrase: "said “we” would".
		if q := sf.quoteIndex(t.words[k].start) - 1; q < 0 || !sf.quotes[q].embedded || sf.quotes[q].start != t.words[k].start {
			return -1, ""
		}
	} else if !inSent(k) {
		return -1, ""
	}
	if g := strings.Trim(string(t.gap(v)), " ,\u00a0"); thatOnly.has(&t.words[c.first]) || t.words[k].sent != sent ||
		!(g == "" || len([]rune(g)) == 1 && isQuoteMark([]rune(g)[0])) {
		return -1, ""
	}
	// The person spoken to: "told reporters", "told Fox News".
	if c.tell {
		switch {
		case sf.actorStartingAt(t.words[k].start) != nil:
			k = t.wordAt(sf.actorStartingAt(t.words[k].start).end)
		case objectPronouns.has(&t.words[k]) || personNouns.has(&t.words[k]):
			k++
		default:
			if e, _ := sf.phraseEnd(k); e > k {
				k = e
			}
		}
		if !inSent(k) || !t.spaced(k-1) {
			return -1, ""
		}
	}
	w := &t.words[k]
	switch {
	case w.lower == "to" && c.kind == thoughtCue || infinitiveCues.has(&t.words[c.first]) && w.lower == "to":
		// "wants to", "urged them to".
		return k, c.text
	case prepositions.has(w) || w.lower == "to" || adverbAt(t, k) && !w.capital || timeWords.has(w):
		// "announced on Monday she was …", "said in a statement the
		// deal …": over a short adverbial to a subject; else a claim only
		// with "that".
		for m := k + 1; m < k+5 && inSent(m) && t.spaced(m-1); m++ {
			if pw := &t.words[m]; pronouns.has(pw) && pw.lower != "you" && !pw.possessive || m > k+1 && (pw.lower == "the" || pw.lower == "a") {
				return m, c.text
			}
		}
		return -1, ""
	}
	return k, c.text
}

// objectPronouns are the pronouns that stand for the person spoken to.
var objectPronouns = set(`him her them me us you it`)

// infinitiveCues bring in what someone wants done: "urged Congress to
// act", "called on Turkey to withdraw", "vowed to fight".
var infinitiveCues = set(`urge urged urges urging call called calls calling vow vowed vows vowing
	pledge pledged pledges pledging promise promised promises promising threaten threatened
	threatens threatening ask asked asks asking`)

// timeWords are adverbials of time that may follow a speech verb: "said
// Monday".
var timeWords = set(`today yesterday tomorrow tonight monday tuesday wednesday thursday friday
	saturday sunday last this next earlier later recently`)

// actorStartingAt returns an actor that starts at pos, or nil.
func (sf *speakerFinder) actorStartingAt(pos int) *actor {
	a := sort.Search(len(sf.actors), func(a int) bool { return sf.actors[a].start >= pos })
	if a < len(sf.actors) && sf.actors[a].start == pos {
		return &sf.actors[a]
	}
	return nil
}

// phraseEnd returns the word after a short noun phrase starting at word k
// ("the crowd", "a group of reporters"), or k.
func (sf *speakerFinder) phraseEnd(k int) (int, bool) {
	t := sf.t
	if !determiners.has(&t.words[k]) {
		return k, false
	}
	for e := k + 1; e < len(t.words) && e < k+5; e++ {
		if !t.spaced(e - 1) {
			return e, true
		}
		if w := &t.words[e]; w.lower == "that" || prepositions.has(w) || auxiliaries.has(w) || pronouns.has(w) {
			return e, true
		}
	}
	return k, false
}

// verbClaim is the claim a verb cue brings in: the clause after it (after
// "that", the person spoken to, or nothing: "said the deal was a first
// step", "told reporters that …", "wants to build a wall"), or, when the
// verb and its subject end the sentence after a comma ("The deal is dead,
// Lavrov said."), the clause before them. The verb must have a subject; a
// clause that opens a quotation (then the quotation is the QUOTE) is no
// claim.
func (sf *speakerFinder) verbClaim(c cue) (claim, bool) {
	t := sf.t
	s := t.sents[t.words[c.first].sent]
	from := s.start
	if k := sf.quoteIndex(t.words[c.first].start); k > 0 && sf.quotes[k-1].close < t.words[c.first].start && sf.quotes[k-1].close+1 > from {
		from = sf.quotes[k-1].close + 1
	}
	sp, ok := sf.subject(c, from)
	if !ok {
		return claim{}, false
	}
	sp.reason = fmt.Sprintf("speaker: subject of '%s'%s", c.text, sp.reason)
	// "The deal is dead, Lavrov said." and "The deal, Lavrov said, is
	// dead.": the attribution follows its clause or stands inside it.
	if start, end, ok := sf.clauseAround(c, s, sp); ok {
		return claim{start: start, end: end, verb: c.text, speaker: sp}, true
	}
	if k, verb := sf.clauseStart(c); k >= 0 {
		start, end := t.words[k].start, sf.clauseEnd(k, s)
		// A clause that opens with a quoted phrase starts at its mark:
		// "said that “it is over”".
		if q := sf.quoteIndex(start) - 1; q >= 0 && sf.quotes[q].embedded && sf.quotes[q].start == start {
			start = sf.quotes[q].open
		}
		end = sf.overQuotes(start, end)
		end = sf.beforeDirectQuote(start, end)
		minWords := 3
		if strings.HasSuffix(verb, " that") {
			minWords = 2
		}
		if sf.claimable(start, end, minWords) {
			return claim{start: start, end: end, verb: verb, speaker: sp}, true
		}
	}
	return claim{}, false
}

// clauseAround finds the claim of an attribution (a verb and its subject)
// that comes after a comma: when it ends the sentence but for a few words
// ("The deal is dead, Lavrov said in a statement."), the claim is the
// clause before it; when the sentence goes on after a further comma ("The
// deal, Lavrov said, is dead."), it is the whole sentence.
func (sf *speakerFinder) clauseAround(c cue, s sentence, sp speaker) (int, int, bool) {
	t := sf.t
	// The subject stands right before the verb, or right after it.
	if k := t.subjectEnd(c.first, s.start); k < 0 || t.words[k].end != sp.actor.end {
		if after, ok := sf.actorAfter(t.words[c.last].end, s.end); !ok || after.actor != sp.actor {
			return 0, 0, false
		}
	}
	lo := min(sp.actor.start, t.words[c.first].start)
	hi := max(sp.actor.end, t.words[c.last].end)
	if lo <= s.start {
		return 0, 0, false
	}
	k := t.wordAt(lo)
	if k == 0 || t.words[k-1].start < s.start || !strings.Contains(string(t.gap(k-1)), ",") {
		return 0, 0, false
	}
	start, end := s.start, t.words[k-1].end
	for start < end && isSpace(t.r[start]) {
		start++
	}
	if sf.inQuote[start] && !sf.startsEmbedded(start) || sf.inQuote[end-1] {
		return 0, 0, false
	}
	// What follows the attribution: a few words ("in a statement on
	// Monday") to the end of the sentence, or a comma and more.
	after, parenthetical := 0, false
	for m := t.wordAt(hi); m < len(t.words) && t.words[m].start < s.end; m++ {
		if sf.inQuote[t.words[m].start] {
			return 0, 0, false
		}
		if m > 0 && t.words[m-1].end >= hi && strings.Contains(string(t.gap(m-1)), ",") {
			w := &t.words[m]
			if strings.HasSuffix(w.lower, "ing") || w.lower == "according" || clauseJoins.has(w) {
				break // ", adding that …": the claim is before.
			}
			parenthetical = true
			break
		}
		// No object or clause after the verb: "said in a statement".
		if w := &t.words[m]; after == 0 && !(prepositions.has(w) || timeWords.has(w) || adverbAt(t, m)) {
			return 0, 0, false
		}
		after++
		if after > 8 {
			return 0, 0, false
		}
	}
	if parenthetical {
		end = s.end
	}
	for end > start && strings.ContainsRune(".!?…,;:—–- ", t.r[end-1]) {
		end--
	}
	if !parenthetical && len(sf.verbCuesIn(start, t.words[k-1].end)) > 0 || !sf.claimable(start, end, 4) {
		return 0, 0, false
	}
	if sf.beforeDirectQuote(start, end) != end {
		return 0, 0, false
	}
	return start, end, true
}

// startsEmbedded reports whether pos is the opening mark of an embedded
// quotation.
func (sf *speakerFinder) startsEmbedded(pos int) bool {
	k := sf.quoteIndex(pos)
	return k < len(sf.quotes) && sf.quotes[k].open == pos && sf.quotes[k].embedded
}

// verbCuesIn returns the verb cues whose words lie in [from, to).
func (sf *speakerFinder) verbCuesIn(from, to int) []cue {
	var out []cue
	for _, c := range sf.cuesIn(from, to) {
		if c.verb() {
			out = append(out, c)
		}
	}
	return out
}

// overQuotes extends the end of a claim [start, end) that falls inside a
// quoted phrase of the claim (the sentence splitter cut inside it:
// "that “the jobs continue. The date …”") to the end of the sentence in
// which the phrase closes.
func (sf *speakerFinder) overQuotes(start, end int) int {
	t := sf.t
	k := sf.quoteIndex(end) - 1
	if k < 0 || sf.quotes[k].open < start || sf.quotes[k].close < end {
		return end
	}
	q := sf.quotes[k]
	s := t.sents[t.sentAt(q.close)]
	e := s.end
	for e > q.close+1 && (isSpace(t.r[e-1]) || strings.ContainsRune(".!?…;:,", t.r[e-1])) {
		e--
	}
	return max(e, q.close+1)
}

// beforeDirectQuote cuts [start, end) before the first quotation in it that
// is direct speech (a QUOTE of its own), with the punctuation before it.
func (sf *speakerFinder) beforeDirectQuote(start, end int) int {
	for k := sf.quoteIndex(start); k < len(sf.quotes) && sf.quotes[k].open < end; k++ {
		if !sf.quotes[k].embedded {
			e := sf.quotes[k].open
			for e > start && (isSpace(sf.t.r[e-1]) || strings.ContainsRune(",:;—–-", sf.t.r[e-1])) {
				e--
			}
			return e
		}
	}
	return end
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
		if g := strings.TrimSpace(string(t.gap(k - 1))); g != "," && !(strings.HasPrefix(g, ",") && sf.startsEmbedded(t.words[k].start-1)) {
			return claim{}, false
		}
		start, end = t.words[k].start, sf.clauseEnd(k, s)
		if q := sf.quoteIndex(t.words[k-1].end); q < len(sf.quotes) && sf.quotes[q].start == start {
			start = sf.quotes[q].open
		}
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
	if !sf.claimable(start, end, 1) {
		return claim{}, false
	}
	return claim{start: start, end: end, verb: c.text, speaker: sp}, true
}

// opensQuote reports whether a direct quotation opens after word i:
// "according to X, “We …”".
func (sf *speakerFinder) opensQuote(i int) bool {
	g := strings.TrimSpace(string(sf.t.gap(i)))
	if g == "" || !isQuoteMark([]rune(g)[0]) {
		return false
	}
	k := sf.quoteIndex(sf.t.words[i].end)
	return k >= len(sf.quotes) || !sf.quotes[k].embedded
}

// claimable reports whether [start, end) can be a claim: at least minWords
// words, not inside a quotation (it may start with an embedded one), and
// not longer than maxClaim (a "sentence" that long is text the splitter
// could not cut: no claim is better than a wrong one).
func (sf *speakerFinder) claimable(start, end, minWords int) bool {
	if start >= end || end-start > maxClaim {
		return false
	}
	if sf.inQuote[start] {
		k := sf.quoteIndex(start)
		if k >= len(sf.quotes) || sf.quotes[k].open != start || !sf.quotes[k].embedded {
			return false
		}
	}
	t := sf.t
	n := 0
	for i := t.wordAt(start); i < len(t.words) && t.words[i].end <= end && n < minWords; i++ {
		n++
	}
	return n >= minWords
}

// clauseEnd returns where the clause starting at word i of sentence s ends:
// at the end of the sentence, or before a comma that introduces a further
// speech verb (", but warned that …"), whose clause is a claim of its own,
// or before ", according to". Closing punctuation is left out.
func (sf *speakerFinder) clauseEnd(i int, s sentence) int {
	t := sf.t
	end := s.end
	for k := i + 1; k < len(t.words) && t.words[k].start < s.end; k++ {
		w := &t.words[k]
		if sf.inQuote[w.start] {
			continue
		}
		if w.lower == "according" && k+1 < len(t.words) && t.words[k+1].lower == "to" && strings.ContainsRune(string(t.gap(k-1)), ',') {
			end = t.words[k-1].end
			break
		}
		if !speechVerbs.has(w) {
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
