package suggest

import (
	"strings"
	"unicode"
)

// Cues are the words that bring in what someone said or thinks: speech
// verbs ("said", "gushed", "points out"), verbs of thought ("believes",
// "found") and source phrases ("according to"). The word lists are here;
// finding them in a text is findCues.

// verbForms spells out every form of regular verbs: "argue" gives argue,
// argues, argued and arguing; "reply" gives replies, replied and replying;
// "stress" gives stresses. A verb written "admit+" doubles its last
// consonant (admitted, admitting).
func verbForms(lemmas string) string {
	var b strings.Builder
	for _, l := range strings.Fields(lemmas) {
		double := strings.HasSuffix(l, "+")
		l = strings.TrimSuffix(l, "+")
		stem := l
		if double {
			stem = l + l[len(l)-1:]
		}
		var s, ed, ing string
		switch {
		case strings.HasSuffix(l, "ee"):
			s, ed, ing = l+"s", l+"d", l+"ing"
		case strings.HasSuffix(l, "ie"):
			s, ed, ing = l+"s", l+"d", l[:len(l)-2]+"ying"
		case strings.HasSuffix(l, "e"):
			s, ed, ing = l+"s", l+"d", l[:len(l)-1]+"ing"
		case strings.HasSuffix(l, "y") && len(l) > 1 && !strings.ContainsRune("aeiou", rune(l[len(l)-2])):
			s, ed, ing = l[:len(l)-1]+"ies", l[:len(l)-1]+"ied", l+"ing"
		case strings.HasSuffix(l, "s") || strings.HasSuffix(l, "sh") || strings.HasSuffix(l, "ch") ||
			strings.HasSuffix(l, "x") || strings.HasSuffix(l, "z") || strings.HasSuffix(l, "o"):
			s, ed, ing = l+"es", stem+"ed", stem+"ing"
		default:
			s, ed, ing = l+"s", stem+"ed", stem+"ing"
		}
		b.WriteString(l + " " + s + " " + ed + " " + ing + " ")
	}
	return b.String()
}

// speechVerbs say that someone spoke or wrote: they bring in a quotation
// or reported speech. The speaker is the subject before the verb, or the
// actor right after it ("”, said Lavrov").
var speechVerbs = set(verbForms(`add note state declare explain insist report warn announce claim
	assert argue stress reply respond tweet post describe continue conclude exclaim confess
	answer ask shout yell retort echo recall remark observe acknowledge concede contend
	maintain suggest advise implore gush urge predict promise vow pledge boast joke complain
	lament counter charge allege testify affirm confirm deny reiterate repeat emphasize
	emphasise underline mention comment muse wonder scream cry whisper mutter sigh plead
	demand beg inform assure remind propose question caution proclaim reveal disclose
	indicate estimate speculate hint imply accuse blast slam criticize criticise praise thank
	recount summarize summarise quote cite agree disagree threaten elaborate interject
	interrupt opine theorize theorise tout insist email text message explain predict forecast
	bark snap fume rant rave sneer scoff marvel chime cheer applaud admit+ quip+ concur+
	call describe acknowledge announce declare clarify reason surmise posit insist lecture
	preach plead pray recommend request instruct order blame defend dismiss reject welcome
	mock ridicule deride decry denounce condemn applaud hail laud`) +
	`say said says saying tell told tells telling write wrote written writes writing
	speak spoke spoken speaks speaking read reads reading shot shoots shoot shooting
	put puts putting went goes go going`)

// thoughtVerbs say what someone thinks, wants or found: they bring in
// reported speech (a CLAIM) but no quotation.
var thoughtVerbs = set(verbForms(`believe hope fear expect worry doubt suspect guess assume figure
	reckon realize realise want wish prefer+ plan+ intend decide conclude learn consider view
	recognize recognise insist imagine predict suppose trust endorse support oppose refuse decline
	favor favour`) +
	`think thinks thought thinking feel feels felt feeling know knows knew known knowing
	find finds found finding show shows showed shown showing see sees saw seen seeing
	understand understands understood understanding seek seeks sought seeking`)

// thatOnly are cue verbs that bring in a claim only with "that": without
// it, what follows them is seldom what someone said ("know the
// hoodlums", "wrote a host of new songs", "continued his tour").
var thatOnly = set(`know knows knew known knowing write wrote written writes writing show shows
	showed shown showing find finds found finding continue continues continued continuing
	remark remarks read reads reading maintain maintains maintained maintaining`)

// participleNames are participles that, after a noun, name rather than
// say: "a program called Sandy Hook Promise", "the group known as", "271
// pledged delegates".
var participleNames = set(`called known named dubbed pledged labeled labelled termed nicknamed
	titled entitled`)

// tellVerbs take the person spoken to as their object: "told reporters
// that …", "assured the crowd …".
var tellVerbs = set(`tell told tells telling inform informed informs informing assure assured
	assures assuring remind reminded reminds reminding warn warned warns warning advise advised
	advises advising ask asked asks asking urge urged urges urging email emailed emails emailing
	text texted texts texting promise promised promises promising`)

// nounForms are forms of cue verbs that are also common nouns ("the
// reports", "states that border Libya", "his claims"); they are verbs only
// after a subject: a pronoun, a name, an auxiliary or an adverb.
var nounForms = set(`states state reports report claims claim notes note calls call answers answer
	comments comment questions question charges charge promises promise fears fear hopes hope
	plans plan views view shows show finds tweets tweet posts post replies reply responses cries
	cry demands demand jokes joke counters counter echoes echo quotes quote estimates estimate
	forecasts forecast wishes wish doubts doubt guesses guess figures figure texts text emails
	email messages message orders order requests request thanks praise defends reads read
	concerns warnings cheers cheer blames blame welcomes welcome want wants
	expects expect worries worry marvel views rant points point supports support
	put puts go goes shoot shoots`)

// pastParticiples of cue verbs that, after "was" or "is", make the subject
// the one spoken to or about, not the speaker: "he was asked", "she is
// expected to".
var passiveCues = set(`asked told informed reminded urged expected thought believed known seen
	found shown warned advised called described accused blamed praised criticized criticised
	quoted reported cited considered viewed feared`)

// cueAdverbs may stand between a subject and its verb: "he also said",
// "the minister later told".
var cueAdverbs = set(`also then later again still even just never not once first publicly
	privately repeatedly previously recently reportedly further simply quickly finally flatly
	angrily bluntly openly only long often always already subsequently initially quietly
	specifically explicitly now earlier since soon once famously memorably frequently
	tersely curtly proudly wryly calmly emotionally tearfully firmly strongly loudly`)

// particleCues complete a verb: "points out", "shot back", "went on".
var particleCues = map[string]string{
	"point": "out", "points": "out", "pointed": "out", "pointing": "out",
	"shot": "back", "shoots": "back", "shoot": "back", "shooting": "back", "fired": "back", "hit": "back",
	"went": "on", "goes": "on", "go": "on", "going": "on",
	"put": "it", "puts": "it",
}

// sourceCues introduce the speaker after them: "according to X", "in the
// opinion of X", "in the words of X".
var sourceCues = phrases(`according to, in the opinion of, in the words of, as reported by,
	as told by, per`)

// cueKind says what a cue brings in.
type cueKind uint8

const (
	speechCue  cueKind = iota // a speech verb: quotations and claims
	thoughtCue                // a verb of thought: claims only
	sourceCue                 // "according to": the speaker follows
)

// cue is a speech verb ("said"), a verb of thought ("believes") or a
// source phrase ("according to") found outside quotations, as word indexes
// first..last.
type cue struct {
	first, last int
	kind        cueKind
	text        string
	// tell: the verb's object is the person spoken to ("told reporters").
	tell bool
	// participle: an -ing form after a comma or "by" (", saying …"),
	// whose subject is the subject of the clause it hangs on.
	participle bool
}

// verb reports whether the cue is a verb rather than a source phrase.
func (c cue) verb() bool { return c.kind != sourceCue }

// findCues returns the cues of the text outside the quotations marked in
// inQuote, in text order.
func findCues(t *text, inQuote []bool) []cue {
	var out []cue
	for i := 0; i < len(t.words); i++ {
		if c, ok := cueAt(t, inQuote, i); ok {
			out = append(out, c)
			i = c.last
		}
	}
	return out
}

// cueAt returns the cue that starts at word i, if any.
func cueAt(t *text, inQuote []bool, i int) (cue, bool) {
	w := &t.words[i]
	if inQuote[w.start] {
		return cue{}, false
	}
	for _, p := range sourceCues.startingWith(w) {
		if i+len(p) > len(t.words) {
			continue
		}
		ok := true
		for k := 1; k < len(p) && ok; k++ {
			ok = t.words[i+k].lower == p[k] && t.spaced(i+k-1)
		}
		// "per" alone is a source only before a name: "per CNN".
		if ok && len(p) == 1 && (i+1 >= len(t.words) || !t.spaced(i) || !t.words[i+1].capital) {
			ok = false
		}
		if ok {
			return cue{first: i, last: i + len(p) - 1, kind: sourceCue, text: strings.Join(p, " ")}, true
		}
	}
	speech, thought := speechVerbs.has(w), thoughtVerbs.has(w)
	// A cue verb is written in lower case, and a determiner before it
	// makes it a noun: "the states that border Libya", "free-text NOTES".
	// "Said Dorothy Poynter, …" opens a sentence with the verb.
	inverted := w.initial && (w.lower == "said" || w.lower == "says") && i+1 < len(t.words) && t.spaced(i) && t.words[i+1].capital
	if !speech && !thought || (w.capital || w.acronym) && !inverted {
		return cue{}, false
	}
	var prev *word
	if i > 0 && t.spaced(i-1) {
		prev = &t.words[i-1]
	}
	if prev != nil && (determiners.has(prev) || prev.possessive) {
		return cue{}, false
	}
	if (nounForms.has(w) || participleNames.has(w)) && !verbAfter(t, i) && !afterQuote(t, i) {
		return cue{}, false
	}
	// "he was asked", "she is expected to": the subject is spoken to.
	if prev != nil && passiveCues.has(w) && w.lower != "quoted" && (prev.lower == "was" || prev.lower == "were" ||
		prev.lower == "is" || prev.lower == "are" || prev.lower == "be" || prev.lower == "been" || prev.lower == "being") {
		return cue{}, false
	}
	// "an initiative supported by Russia": a participle, not a verb.
	if strings.HasSuffix(w.lower, "ed") && w.lower != "quoted" && i+1 < len(t.words) && t.spaced(i) && t.words[i+1].lower == "by" {
		return cue{}, false
	}
	c := cue{first: i, last: i, kind: speechCue, text: w.lower, tell: tellVerbs.has(w)}
	if !speech {
		c.kind = thoughtCue
	}
	// Verbs that need their particle: "points out", "shot back", "went
	// on", "as he put it".
	if part, ok := particleCues[w.lower]; ok && part != "" {
		if i+1 >= len(t.words) || !t.spaced(i) || t.words[i+1].lower != part {
			return cue{}, false
		}
		c.last = i + 1
		c.text += " " + part
		// "went on to say": the cue runs to the speech verb.
		if part == "on" && i+3 < len(t.words) && t.words[i+2].lower == "to" && speechVerbs.has(&t.words[i+3]) {
			c.last = i + 3
			c.text = strings.Join([]string{w.lower, "on to", t.words[i+3].lower}, " ")
		}
	}
	// "…, saying", "a statement stating": the subject is the clause's
	// (but "he is saying" is a verb of its own).
	if strings.HasSuffix(w.lower, "ing") && i > 0 {
		c.participle = !(t.spaced(i-1) && (auxiliaries.has(&t.words[i-1]) || adverbAt(t, i-1)))
	}
	return c, true
}

// afterQuote reports whether word i directly follows a closing quotation
// mark and a comma ("…,” read one", "…,” says Lavrov").
func afterQuote(t *text, i int) bool {
	p := t.words[i].start - 1
	for p >= 0 && isSpace(t.r[p]) {
		p--
	}
	return p > 0 && isQuoteMark(t.r[p]) && !isWordRune(t.r[p-1])
}

// verbAfter reports whether word i, a form that may also be a noun
// ("reports", "claims"), stands where a verb does: after a pronoun, a
// relative, an auxiliary, an adverb, "to", or a name.
func verbAfter(t *text, i int) bool {
	if i == 0 || !t.spaced(i-1) {
		return false
	}
	p := &t.words[i-1]
	switch {
	case pronouns.has(p) || relatives.has(p) || auxiliaries.has(p) || cueAdverbs.has(p) || p.lower == "to":
		return true
	case p.capital && !stopCaps.has(p) || personNouns.has(p) || sourceNouns.has(p) || orgHeads.has(p) || titleHeads.has(p) ||
		shareNouns.has(p) || unicode.IsDigit(t.r[p.start]):
		// "Clinton says", "the ad claims", "the campaign states".
		return true
	}
	return false
}
