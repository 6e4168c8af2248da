package suggest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
)

// kindMask says what an actor is, as far as the rules can tell; pronouns
// resolve to actors of a fitting kind.
type kindMask uint8

const (
	person kindMask = 1 << iota
	org
	state
	unknownKind
)

// Priorities break ties between candidates of the same extent: a known
// actor beats a rule, a specific rule beats a general one.
const (
	prioPhrase = iota
	prioName
	prioState
	prioOrg
	prioTitle
	prioKnown
)

// actor is an ACTOR candidate or an existing ACTOR span.
type actor struct {
	start, end int
	kind       kindMask
	prio       int
	reason     string
	id         string // set for existing spans and once suggested
	// pronoun: a subject pronoun ("he said"), suggested only once it is
	// linked as a speaker, and never an antecedent.
	pronoun bool
}

// knownForm is a surface form of an actor labelled elsewhere.
type knownForm struct {
	surface string
	runes   int    // length of surface in code points
	first   string // first word, exact case
	reason  string
	at      int // start of the labelled span in this document, or -1
}

// actorFinder holds what the actor rules need across the document.
type actorFinder struct {
	t *text
	// nameWords are words that appear capitalised inside a sentence, where
	// capitals are not due to position: they vouch for the same word, in
	// the same case, at the start of a sentence ("TEXT" does not vouch for
	// "Text").
	nameWords map[string]bool
	// persons are the last words of multi-word names ("Haftar" from
	// "Khalifa Haftar"): a person is not a place even after "to".
	persons map[string]bool
	// lowerWords are the words the document writes in lower case.
	lowerWords map[string]bool
	// dated marks the code points of datelines (nil when there is none).
	dated []bool
}

func newActorFinder(t *text) *actorFinder {
	f := &actorFinder{t: t, nameWords: make(map[string]bool, len(t.words)/8), persons: map[string]bool{},
		lowerWords: make(map[string]bool, len(t.words)/2)}
	f.findDatelines()
	for i, w := range t.words {
		if f.nameWord(i) && !w.initial {
			f.nameWords[t.str(w.start, w.end)] = true
		}
		if !w.capital && !w.acronym {
			f.lowerWords[w.lower] = true
		}
	}
	return f
}

// nameWord reports whether word i can be part of a name.
func (f *actorFinder) nameWord(i int) bool {
	w := &f.t.words[i]
	if w.heading || stopCaps.has(w) || unicode.IsDigit(f.t.r[w.start]) {
		return false
	}
	return w.capital || w.acronym || f.particleName(i)
}

// particleName reports whether word i is a particle joined by a hyphen to
// a capitalised name: "al-Gaddafi", "bin-Salman".
func (f *actorFinder) particleName(i int) bool {
	w := &f.t.words[i]
	h := strings.IndexByte(w.lower, '-')
	if h <= 0 || !particles.hasString(w.lower[:h]) {
		return false
	}
	k := w.start + len([]rune(w.lower[:h])) + 1
	return k < w.end && unicode.IsUpper(f.t.r[k])
}

// weak reports whether word i does not name anything on its own.
func (f *actorFinder) weak(i int) bool {
	w := &f.t.words[i]
	return weakCaps.has(w) || demonyms.has(w)
}

// find returns every ACTOR candidate of the document, overlapping ones
// included; resolve picks among them.
func (f *actorFinder) find(known []knownForm) []actor {
	var cands []actor
	runs := f.nameRuns()
	for _, run := range runs {
		if run[1] > run[0] {
			f.persons[f.t.words[run[1]].lower] = true
		}
	}
	for _, run := range runs {
		if a, ok := f.nameActor(run[0], run[1]); ok {
			cands = append(cands, a)
		}
		if a, ok := f.titleActor(run[0], run[1]); ok {
			cands = append(cands, a)
		}
	}
	cands = append(cands, f.states()...)
	cands = append(cands, f.orgs()...)
	cands = append(cands, f.known(known)...)
	return cands
}

// nameRuns returns the runs of capitalised words, as [first, last] word
// indexes: words separated by single spaces, joined by particles ("al",
// "von der"), honorifics ("Mr. X") and by "of" after an organisation
// ("Government of National Unity").
func (f *actorFinder) nameRuns() [][2]int {
	t := f.t
	var runs [][2]int
	for i := 0; i < len(t.words); i++ {
		if !f.nameWord(i) {
			continue
		}
		j := i
		for j+1 < len(t.words) {
			// "Mr. Lavrov", "J. K. Rowling".
			initial := t.words[j].end-t.words[j].start == 1 && t.words[j].capital
			if (honorifics.has(&t.words[j]) || initial) && string(t.gap(j)) == ". " && f.nameWord(j+1) {
				j++
				continue
			}
			if !t.spaced(j) {
				break
			}
			if f.nameWord(j + 1) {
				j++
				continue
			}
			// Lower-case particles ("von der") or "of" after an
			// organisation, between two capitalised words.
			k := j + 1
			if t.words[k].lower == "of" && orgHeads.has(&t.words[j]) {
				k++
			} else {
				for k < len(t.words) && k-j <= 3 && particles.has(&t.words[k]) && !t.words[k].capital && k+1 < len(t.words) && t.spaced(k) {
					k++
				}
			}
			if k > j+1 && k < len(t.words) && t.spaced(k-1) && f.nameWord(k) {
				j = k
				continue
			}
			break
		}
		runs = append(runs, [2]int{i, j})
		i = j
	}
	return runs
}

// nameActor judges a run of capitalised words as a name.
func (f *actorFinder) nameActor(i, j int) (actor, bool) {
	t := f.t
	allWeak := true
	for k := i; k <= j; k++ {
		allWeak = allWeak && f.weak(k)
	}
	if allWeak {
		return actor{}, false
	}
	if f.dateline(i, j) {
		return actor{}, false
	}
	// A capital at the start of a sentence proves nothing: the word must
	// be capitalised elsewhere too, or be a state, or an acronym, or start a
	// longer name. Even then, a word the document also writes in lower case
	// ("See" and "see"), or one in title case before capitals ("See TEXT"),
	// is an ordinary word and not part of the name.
	if first := &t.words[i]; first.initial && !first.acronym && !f.nameWords[t.str(first.start, first.end)] && f.stateAt(i) == 0 {
		// Titles are lower case alone and capitalised before a name
		// ("prime minister", "Prime Minister Giorgia Meloni").
		// Organisations too ("Bank of England", and "the bank").
		title := titleHeads.has(first) || titleModifiers.has(first) || honorifics.has(first) ||
			orgHeads.has(first) || f.weak(i)
		if i == j || (f.lowerWords[first.lower] && !title) || t.words[i+1].acronym {
			// The name, if any, starts at the next capitalised word or
			// particle ("al Sisi"), not at "of".
			k := i + 1
			for k <= j && !f.nameWord(k) && !particles.has(&t.words[k]) {
				k++
			}
			if k > j {
				return actor{}, false
			}
			return f.nameActor(k, j)
		}
	}
	first := &t.words[i]
	a := actor{start: first.start, end: t.words[j].end, prio: prioName, reason: "capitalised name"}
	switch {
	case f.isState(i, j):
		a.kind, a.prio, a.reason = state, prioState, "name of a state"
	case f.hasOrgHead(i, j) || (i == j && first.acronym):
		a.kind = org
	case j > i:
		a.kind = person
	default:
		a.kind = unknownKind
	}
	if f.place(i, j, a.kind) {
		return actor{}, false
	}
	return a, true
}

// hasOrgHead reports whether words i..j include an organisation noun.
func (f *actorFinder) hasOrgHead(i, j int) bool {
	for k := i; k <= j; k++ {
		if orgHeads.has(&f.t.words[k]) {
			return true
		}
	}
	return false
}

// isState reports whether words i..j are exactly a state's name.
func (f *actorFinder) isState(i, j int) bool {
	n := f.stateAt(i)
	return n > 0 && i+n-1 == j
}

// stateAt returns how many words from i make a state's name (the longest
// one), or 0.
func (f *actorFinder) stateAt(i int) int {
	t := f.t
	best := 0
	for _, p := range stateNames.startingWith(&t.words[i]) {
		if i+len(p) > len(t.words) || len(p) <= best {
			continue
		}
		ok := true
		for k := 1; k < len(p) && ok; k++ {
			ok = t.words[i+k].lower == p[k] && t.spaced(i+k-1)
		}
		if ok {
			best = len(p)
		}
	}
	return best
}

// findDatelines marks news datelines: capitals at the start of a line,
// maybe with a date and the agency's credit, then a dash ("BRUSSELS —",
// "MOSCOW, June 3 –", "SANTIAGO (Reuters) -"). They say where and by whom
// the story was filed; their names are not actors.
func (f *actorFinder) findDatelines() {
	t := f.t
	for i := range t.words {
		if !t.words[i].acronym || !t.lineStart(i) {
			continue
		}
	scan:
		for k := i; k+1 < len(t.words) && k < i+6; k++ {
			for _, c := range t.gap(k) {
				switch {
				case c == '—' || c == '–' || c == '-':
					if f.dated == nil {
						f.dated = make([]bool, len(t.r))
					}
					for p := t.words[i].start; p < t.words[k].end; p++ {
						f.dated[p] = true
					}
					// The story starts after the dash, with a capital.
					t.words[k+1].initial = true
					break scan
				case isNewline(c) || !isSpace(c) && !strings.ContainsRune(",()", c):
					break scan
				}
			}
			if next := t.r[t.words[k+1].start]; !t.words[k+1].capital && !unicode.IsDigit(next) {
				break
			}
		}
	}
}

// dateline reports whether words i..j lie in a dateline.
func (f *actorFinder) dateline(i, j int) bool {
	return f.dated != nil && f.dated[f.t.words[i].start]
}

// place reports whether words i..j name a place rather than an actor: they
// follow a locative preposition ("in Libya", "in the Kremlin", "to
// Istanbul"). People are never places, and states only after "in"-like
// prepositions, not after "to".
func (f *actorFinder) place(i, j int, kind kindMask) bool {
	t := f.t
	if kind == person || f.persons[t.words[j].lower] {
		return false
	}
	p := i - 1
	if p >= 0 && t.words[p].lower == "the" && t.spaced(p) {
		p--
	}
	if p < 0 || !t.spaced(p) {
		return false
	}
	prep := &t.words[p]
	// "the city of Sirte".
	if prep.lower == "of" && p > 0 && t.spaced(p-1) && placeNouns.has(&t.words[p-1]) {
		return true
	}
	if !locatives.has(prep) {
		return false
	}
	// "according to Politico", "told to Reuters": a source, not a place.
	if prep.lower == "to" && p > 0 && t.spaced(p-1) && (t.words[p-1].lower == "according" || speechVerbs.has(&t.words[p-1])) {
		return false
	}
	return prep.lower != "to" || kind != state
}

// states finds state names in any case ("russia", "the united Arab
// Emirates").
func (f *actorFinder) states() []actor {
	var out []actor
	t := f.t
	for i := range t.words {
		n := f.stateAt(i)
		if n == 0 || t.words[i].heading {
			continue
		}
		j := i + n - 1
		if f.dateline(i, j) {
			continue
		}
		// Lower-case "us" is the pronoun; only "US" is the state.
		if n == 1 && t.words[i].lower == "us" && !t.words[i].acronym {
			continue
		}
		if f.place(i, j, state) {
			continue
		}
		out = append(out, actor{start: t.words[i].start, end: t.words[j].end, kind: state, prio: prioState, reason: "name of a state"})
	}
	return out
}

// titleActor extends a name backwards over a title: "the marshal Khalifa
// Haftar", "The Russian president, Vladimir Putin", "the minister of
// Defense, Turkish, Hulusi Akar", "the agency, Turkish Anadolu".
func (f *actorFinder) titleActor(i, j int) (actor, bool) {
	t := f.t
	if i == 0 || f.isState(i, j) {
		return actor{}, false
	}
	k := i - 1
	comma := t.commaSpaced(k)
	if !comma && !t.spaced(k) {
		return actor{}, false
	}
	// ", Turkish, Hulusi Akar": a nationality in commas.
	if comma && demonyms.has(&t.words[k]) && k > 0 && t.commaSpaced(k-1) {
		k--
	}
	// "minister of Defense": a complement of capitalised or portfolio words.
	head := k
	for m := k; m > 0 && k-m < 4; m-- {
		if t.words[m-1].lower == "of" && t.spaced(m-1) && m >= 2 && t.spaced(m-2) && titleHeads.has(&t.words[m-2]) {
			head = m - 2
			break
		}
		w := t.words[m]
		if !(w.capital || domainWords.has(&w)) || !t.spaced(m-1) {
			break
		}
	}
	hw := &t.words[head]
	h := hw.lower
	isTitle := titleHeads.has(hw)
	if !isTitle && !(comma && orgHeads.has(hw)) {
		return actor{}, false
	}
	if !isTitle && head != k {
		return actor{}, false
	}
	start := head
	for start > 0 && t.spaced(start-1) && head-start < 3 {
		l := &t.words[start-1]
		if !(demonyms.has(l) || titleModifiers.has(l) || f.stateAt(start-1) == 1) {
			break
		}
		start--
	}
	// One more plain word before the title when a determiner or the start
	// of the sentence bounds it: "Mining minister Marcela Hernando", "the
	// mining minister".
	if p := start - 1; p >= 0 && t.spaced(p) && f.plainWord(p) &&
		(t.words[p].initial || (p > 0 && t.spaced(p-1) && determiners.has(&t.words[p-1]))) {
		start = p
	}
	withDet := f.determinerBefore(start)
	if comma && withDet == start && start == head {
		// "colleague, Mevlut Çavusoglu" without "his": too loose.
		return actor{}, false
	}
	start = withDet
	a := actor{start: t.words[start].start, end: t.words[j].end, prio: prioTitle}
	if isTitle {
		a.kind, a.reason = person, fmt.Sprintf("title with name ('%s')", h)
	} else {
		a.kind, a.reason = org, fmt.Sprintf("organisation with name ('%s')", h)
	}
	return a, true
}

// orgs finds organisations named by a common noun: "The foreign ministry
// of russia", "The Ministry of Foreign affairs Turkish", "the Turkish
// government".
func (f *actorFinder) orgs() []actor {
	t := f.t
	var out []actor
	for h := range t.words {
		if !orgHeads.has(&t.words[h]) || t.words[h].heading {
			continue
		}
		end := h
		// Complement: "of russia", "of Foreign affairs Turkish".
		if h+2 < len(t.words) && t.words[h+1].lower == "of" && t.spaced(h) && t.spaced(h+1) {
			c := h + 2
			if t.words[c].lower == "the" && c+1 < len(t.words) && t.spaced(c) {
				c++
			}
			if n := f.stateAt(c); n > 0 {
				end = c + n - 1
			} else {
				m := c
				capitals := 0
				for m < len(t.words) && m-c < 5 && (f.nameWord(m) || domainWords.has(&t.words[m])) {
					if t.words[m].capital {
						capitals++
					}
					if m+1 >= len(t.words) || !t.spaced(m) {
						m++
						break
					}
					m++
				}
				if capitals > 0 {
					end = m - 1
				}
			}
		}
		// Modifiers: nationalities, states and names ("the Turkish
		// government", "the United Nations refugee agency"), portfolio
		// words, and one plain noun after a name ("refugee").
		start := h
		national, noun := false, false
	modifiers:
		for start > 0 && t.spaced(start-1) && h-start < 4 {
			l := &t.words[start-1]
			switch {
			case demonyms.has(l) || f.stateAt(start-1) == 1 || (f.nameWord(start-1) && !l.initial):
				national = true
			case titleModifiers.has(l):
			case !noun && start == h && !l.capital && !stopCaps.has(l) && !determiners.has(l) &&
				start >= 2 && t.spaced(start-2) && f.nameWord(start-2):
				noun = true
			default:
				break modifiers
			}
			start--
		}
		// "His government": a possessive pronoun makes the organisation a
		// definite actor.
		owned := start > 0 && t.spaced(start-1) && ownerPronouns.has(&t.words[start-1])
		if end == h && !national && !owned {
			continue
		}
		// The determiner belongs to a descriptive phrase ("The foreign
		// ministry of russia"), not to a proper name ("the Government of
		// National Unity" is "Government of National Unity").
		if f.lowerContent(start, end) {
			start = f.determinerBefore(start)
		}
		out = append(out, actor{start: t.words[start].start, end: t.words[end].end, kind: org, prio: prioOrg,
			reason: fmt.Sprintf("organisation ('%s')", t.words[h].lower)})
	}
	return out
}

// determinerBefore returns where a descriptive phrase starting at word i
// begins once its determiner is included: "the", "his", or a possessive
// with its own determiner ("The agency’s", "Hungary’s"). It returns i when
// there is none.
func (f *actorFinder) determinerBefore(i int) int {
	t := f.t
	if i == 0 {
		return i
	}
	if t.spaced(i-1) && determiners.has(&t.words[i-1]) {
		return i - 1
	}
	if !t.possessiveSpaced(i - 1) {
		return i
	}
	p := i - 1
	for p > 0 && t.spaced(p-1) && f.nameWord(p-1) && f.nameWord(p) {
		p--
	}
	if p > 0 && t.spaced(p-1) && determiners.has(&t.words[p-1]) {
		p--
	}
	return p
}

// plainWord reports whether word i is an ordinary content word: not a
// function word, determiner, speech verb or name.
func (f *actorFinder) plainWord(i int) bool {
	w := &f.t.words[i]
	return !stopCaps.has(w) && !determiners.has(w) && !speechVerbs.has(w) && !w.acronym &&
		(!w.capital || w.initial) && !unicode.IsDigit(f.t.r[w.start])
}

// lowerContent reports whether words i..j hold a lower-case word other than
// a function word or particle.
func (f *actorFinder) lowerContent(i, j int) bool {
	for k := i; k <= j; k++ {
		w := f.t.words[k]
		if !w.capital && !stopCaps.has(&w) && !particles.has(&w) {
			return true
		}
	}
	return false
}

// knownForms lists the surface forms to look for: the texts of the
// document's ACTOR spans, the corpus's known actors, and the short forms of
// multi-word person names ("Hulusi Akar", "Akar" from "the minister of
// Defense, Turkish, Hulusi Akar").
func knownForms(existing []actor, t *text, corpus []string) []knownForm {
	var forms []knownForm
	seen := map[string]bool{}
	add := func(fs []knownForm, at int) {
		for _, fm := range fs {
			if !seen[fm.surface] {
				seen[fm.surface] = true
				fm.at = at
				forms = append(forms, fm)
			}
		}
	}
	for _, a := range existing {
		if !a.pronoun {
			add(formsOf(t.str(a.start, a.end), ""), a.start)
		}
	}
	for _, s := range corpus {
		if !isPronoun(s) {
			add(corpusForms(s), -1)
		}
	}
	return forms
}

// corpusCache keeps the forms of the corpus's known actors, which are the
// same for every document (up to corpusCacheMax names).
var (
	corpusCache     sync.Map // string → []knownForm
	corpusCacheSize atomic.Int64
)

const corpusCacheMax = 100_000

// corpusForms returns the forms of a known actor from the corpus.
func corpusForms(surface string) []knownForm {
	if fs, ok := corpusCache.Load(surface); ok {
		return fs.([]knownForm)
	}
	fs := formsOf(surface, fmt.Sprintf("ACTOR '%s' labelled in another document", strings.TrimSpace(surface)))
	if corpusCacheSize.Add(1) <= corpusCacheMax {
		corpusCache.Store(surface, fs)
	}
	return fs
}

// formsOf returns a surface form and, for a person's name, its short
// forms: its last capitalised run and that run's last word.
func formsOf(surface, reason string) []knownForm {
	surface = strings.TrimSpace(surface)
	st := scan(surface)
	if len(st.words) == 0 {
		return nil
	}
	form := func(s string) knownForm {
		ss := scan(s)
		return knownForm{surface: s, runes: len(ss.r), first: ss.str(ss.words[0].start, ss.words[0].end), reason: reason}
	}
	forms := []knownForm{form(surface)}
	sf := newActorFinder(st)
	runs := sf.nameRuns()
	if len(runs) == 0 {
		return forms
	}
	last := runs[len(runs)-1]
	if st.words[last[1]].end != len(st.r) || last[1] == last[0] || sf.isState(last[0], last[1]) ||
		sf.hasOrgHead(last[0], last[1]) || sf.weak(last[1]) {
		return forms
	}
	for _, short := range []string{st.str(st.words[last[0]].start, len(st.r)), st.str(st.words[last[1]].start, len(st.r))} {
		if short != forms[len(forms)-1].surface {
			forms = append(forms, form(short))
		}
	}
	return forms
}

// known finds every mention of a known form, whole words only.
func (f *actorFinder) known(forms []knownForm) []actor {
	if len(forms) == 0 {
		return nil
	}
	t := f.t
	byFirst := map[string][]int{}
	for k, fm := range forms {
		byFirst[fm.first] = append(byFirst[fm.first], k)
	}
	var out []actor
	for i, w := range t.words {
		ks := byFirst[t.str(w.start, w.end)]
		for _, k := range ks {
			fm := forms[k]
			e := w.start + fm.runes
			if e > len(t.r) || t.str(w.start, e) != fm.surface {
				continue
			}
			// The match must end at a word's end.
			m := t.wordAt(e - 1)
			if m >= len(t.words) || t.words[m].end != e || m < i {
				continue
			}
			reason := fm.reason
			if fm.at >= 0 {
				when := "earlier"
				if fm.at > w.start {
					when = "later"
				}
				reason = fmt.Sprintf("%s mention of ACTOR '%s'", when, fm.surface)
			}
			kind := classify(f, i, m)
			if f.place(i, m, kind) {
				continue
			}
			out = append(out, actor{start: w.start, end: e, kind: kind, prio: prioKnown, reason: reason})
		}
	}
	return out
}

// classify guesses the kind of the actor spanning words i..j.
func classify(f *actorFinder, i, j int) kindMask {
	switch {
	case f.isState(i, j):
		return state
	case f.hasOrgHead(i, j) || (i == j && f.t.words[i].acronym):
		return org
	}
	for k := i; k <= j; k++ {
		if titleHeads.has(&f.t.words[k]) {
			return person
		}
	}
	if j > i {
		return person
	}
	if f.persons[f.t.words[i].lower] {
		return person
	}
	return unknownKind
}

// resolve picks non-overlapping candidates, longest first, then by
// priority; candidates overlapping a blocked range (an existing ACTOR
// span) are dropped. n is the length of the text.
func resolve(cands []actor, blocked []actor, n int) []actor {
	// Sort indexes, not the candidates themselves, which are large.
	order := make([]int32, len(cands))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		a, b := &cands[i], &cands[j]
		if c := cmp.Compare(b.end-b.start, a.end-a.start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.prio, a.prio); c != 0 {
			return c
		}
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return strings.Compare(a.reason, b.reason)
	})
	// taken marks the code points already covered, so that the choice
	// costs the total length of the candidates, not their count squared.
	taken := make([]bool, n)
	take := func(a actor) {
		for p := max(a.start, 0); p < min(a.end, n); p++ {
			taken[p] = true
		}
	}
	for _, b := range blocked {
		take(b)
	}
	var out []actor
	for _, i := range order {
		c := cands[i]
		free := true
		for p := c.start; p < c.end && free; p++ {
			free = !taken[p]
		}
		if free {
			out = append(out, c)
			take(c)
		}
	}
	slices.SortFunc(out, func(a, b actor) int { return cmp.Compare(a.start, b.start) })
	return out
}
