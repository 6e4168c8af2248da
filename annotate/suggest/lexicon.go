package suggest

import "strings"

// The word lists below are the engine's whole knowledge of English news
// prose. They are small on purpose: every suggestion must be explainable by
// a rule a person can read here.

// lexFlags says which word lists a word belongs to, one bit per list: a
// word is looked up once, when the text is scanned, and every rule then
// tests bits instead of hashing strings.
type lexFlags uint64

var (
	// lexicon maps each listed word to the lists it is on.
	lexicon          = map[string]lexFlags{}
	nextBit lexFlags = 1
)

// wordSet is one word list.
type wordSet struct {
	bit   lexFlags
	words map[string]bool
}

// set builds a word list from space-separated lower-case words.
func set(words string) wordSet {
	if nextBit == 0 {
		panic("suggest: more word lists than lexFlags has bits")
	}
	s := wordSet{bit: nextBit, words: map[string]bool{}}
	nextBit <<= 1
	for _, w := range strings.Fields(words) {
		s.words[w] = true
		lexicon[w] |= s.bit
	}
	return s
}

// has reports whether the word is on the list.
func (s wordSet) has(w *word) bool { return w.lex&s.bit != 0 }

// hasString reports whether the lower-case string is on the list.
func (s wordSet) hasString(l string) bool { return s.words[l] }

// phraseSet is a list of multi-word phrases, keyed by their first word.
type phraseSet struct {
	first   wordSet
	byFirst map[string][][]string
}

// phrases builds a list of lower-case phrases separated by commas.
func phrases(list string) phraseSet {
	var firsts []string
	m := map[string][][]string{}
	for _, p := range strings.Split(list, ",") {
		ws := strings.Fields(p)
		if len(ws) > 0 {
			m[ws[0]] = append(m[ws[0]], ws)
			firsts = append(firsts, ws[0])
		}
	}
	return phraseSet{first: set(strings.Join(firsts, " ")), byFirst: m}
}

// startingWith returns the phrases that may start at word w.
func (ps phraseSet) startingWith(w *word) [][]string {
	if !ps.first.has(w) {
		return nil
	}
	return ps.byFirst[w.lower]
}

// stopCaps are words that are capitalised at the start of a sentence or in
// headlines but never begin or make a name: function words, pronouns, days
// and months.
var stopCaps = set(`the a an and but or so yet for nor in on at to of by with from as into onto
	after before during since until while when where why how what who whom whose which that this
	these those there here it its he she they we i you his her their our my your him them us me
	if then than though although because however meanwhile moreover furthermore also still even
	now today yesterday tomorrow tonight last next according about above below all some many most
	more much no not none one two three four five six seven eight nine ten first second third
	nothing something everything anything nobody somebody everyone someone anyone everybody
	another other each every both either neither such only just very well yes oh ok
	is are was were be been being has have had do does did will would shall should can could may
	might must let please thus hence instead besides despite unlike like via per among amid
	between under over through across against without within toward towards upon
	later earlier afterwards finally meanwhile instead indeed perhaps maybe recently currently
	initially eventually previously nevertheless nonetheless otherwise overall again already
	once twice soon never always often sometimes speaking asked asking despite following
	monday tuesday wednesday thursday friday saturday sunday
	january february march april june july august september october november december
	mon tue wed thu fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec
	chapter section figure table photo image video source read watch share`)

// particles join the parts of a name: "Abdelfatah al Sisi", "Ursula von der
// Leyen", "Osama bin Laden".
var particles = set(`al el bin ibn bint abu de del della di da das dos du la le van von der den ter y`)

// honorifics are abbreviations that take a full stop and belong to the name
// that follows ("Mr. Lavrov").
var honorifics = set(`mr mrs ms dr prof gen col lt sgt capt cpt maj sen rep gov pres st rev adm cmdr`)

// weakCaps are capitalised words that do not name an actor on their own:
// nationality adjectives and the usual words of portfolios. A run made only
// of them ("Russian Foreign", "Defence") is not suggested.
var weakCaps = set(`foreign defence defense interior national federal international central
	affairs state public general supreme united royal islamic democratic republican popular
	economy economic finance health justice energy trade security intelligence
	north south east west northern southern eastern western`)

// demonyms are nationality adjectives; they are modifiers of titles ("his
// Turkish counterpart") and weak on their own.
var demonyms = set(`russian turkish egyptian libyan american british french german chinese
	iranian israeli syrian saudi emirati qatari iraqi ukrainian palestinian european arab italian
	spanish japanese indian pakistani afghan greek polish dutch belgian swiss austrian swedish
	norwegian danish finnish irish scottish welsh canadian mexican brazilian argentine chilean
	colombian venezuelan cuban korean vietnamese thai indonesian malaysian filipino australian
	african nigerian kenyan ethiopian sudanese somali algerian moroccan tunisian lebanese
	jordanian yemeni kuwaiti omani bahraini kurdish armenian azerbaijani georgian belarusian
	kazakh uzbek serbian croatian bosnian hungarian romanian bulgarian czech slovak portuguese
	western russian-backed turkish-backed us u.s. uk eu`)

// stateNames are countries and unions, matched in any case ("russia" is
// still Russia). They act ("Turkey rejected…") unless a locative
// preposition makes them places.
var stateNames = phrases(`afghanistan, albania, algeria, andorra, angola, argentina, armenia,
	australia, austria, azerbaijan, bahrain, bangladesh, belarus, belgium, bolivia, bosnia,
	brazil, bulgaria, burkina faso, cambodia, cameroon, canada, chad, chile, china, colombia,
	congo, croatia, cuba, cyprus, czech republic, czechia, denmark, ecuador, egypt, eritrea,
	estonia, ethiopia, finland, france, georgia, germany, ghana, greece, guatemala, haiti,
	honduras, hungary, iceland, india, indonesia, iran, iraq, ireland, israel, italy, japan,
	jordan, kazakhstan, kenya, kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon, libya,
	lithuania, luxembourg, malaysia, mali, malta, mauritania, mexico, moldova, mongolia,
	montenegro, morocco, mozambique, myanmar, nepal, netherlands, new zealand, nicaragua, niger,
	nigeria, north korea, norway, oman, pakistan, palestine, panama, paraguay, peru,
	philippines, poland, portugal, qatar, romania, russia, rwanda, saudi arabia, senegal,
	serbia, singapore, slovakia, slovenia, somalia, south africa, south korea, south sudan,
	spain, sri lanka, sudan, sweden, switzerland, syria, taiwan, tajikistan, tanzania,
	thailand, tunisia, turkey, turkmenistan, uganda, ukraine, united arab emirates,
	united kingdom, united states, uruguay, uzbekistan, venezuela, vietnam, yemen, zambia,
	zimbabwe, european union, nato, african union, arab league, un, eu, us, uk, uae, usa,
	moscow, ankara, washington, beijing, kyiv, kiev, tehran, london, paris, berlin, brussels,
	damascus, riyadh, doha, jerusalem, kremlin, white house, pentagon, elysee, downing street`)

// locatives are prepositions after which a place name is a place, not an
// actor ("in Libya", "to Istanbul"). "to" only makes places of names that
// are not states: "an allusion to Egypt" still names an actor.
var locatives = set(`in into at from inside within across throughout near around on onto
	toward towards to via through outside off`)

// placeNouns make the name after "of" a place: "the city of Sirte".
var placeNouns = set(`city town village province region district county capital port island
	islands area suburb neighbourhood neighborhood border coast gulf valley desert`)

// prepositions mark a noun phrase as an object, so it is not the subject
// who speaks.
var prepositions = set(`by of to with from for in on at about against between among via through
	into over under after before during without towards toward than like`)

// ownerPronouns make a definite actor of an organisation noun: "His
// government said".
var ownerPronouns = set(`his her its their our`)

// determiners open a descriptive noun phrase ("the egyptian president, …").
var determiners = set(`the a an his her its their our this that these those`)

// titleHeads are the nouns of titles that name a person when a name
// follows: "the marshal Khalifa Haftar", "his Turkish counterpart, Recep
// Tayyip Erdogan".
var titleHeads = set(`president minister counterpart colleague marshal general spokesman
	spokeswoman spokesperson ambassador chancellor premier king queen prince princess emir sheikh
	leader chief commander secretary envoy diplomat official head director chairman chairwoman
	chair mayor governor senator deputy representative adviser advisor analyst expert
	journalist correspondent negotiator prosecutor judge colonel captain major lieutenant
	sergeant admiral cardinal pope bishop imam rabbi founder ceo owner lawyer spokesmen`)

// orgHeads are the nouns of organisations. With a complement ("the foreign
// ministry of russia") or a nationality ("the Turkish government") they
// name an actor; as appositions they introduce one ("the agency, Turkish
// Anadolu").
var orgHeads = set(`ministry government army agency council committee parliament party court
	police embassy commission office department administration cabinet union organisation
	organization bank university company corporation group authority authorities navy
	federation alliance coalition assembly senate congress presidency secretariat militia
	newspaper channel broadcaster network institute foundation`)

// domainWords may follow "of" inside an organisation's name in lower case
// ("Ministry of Foreign affairs").
var domainWords = set(`affairs foreign defence defense interior justice health finance economy
	trade energy state education culture transport agriculture environment labour labor`)

// titleModifiers may stand between a determiner and a title or
// organisation head ("the former prime minister", "the foreign ministry").
var titleModifiers = set(`foreign defence defense interior prime deputy vice former chief top
	senior acting new interim state news finance economy health justice energy trade local
	regional federal national official military rebel opposition armed first`)

// auxiliaries stand between a subject and its verb ("he has said") or
// follow the subject of a reported clause without "that" ("said it was").
var auxiliaries = set(`was were is are would will had has have could can might may should must
	did does do shall been be being am`)

// clauseJoins join a further speech clause to a claim: ", but warned that".
var clauseJoins = set(`but and while yet also then`)

// pronouns are the subject pronouns that may stand for a speaker.
var pronouns = set(`he she it they i we you`)

// relatives bring in a relative clause whose subject is the noun before
// them: "Jeb Bush, who announced …".
var relatives = set(`who which that`)

// pronounKinds says which kinds of actor a subject pronoun can stand for,
// for the reason that names its antecedent.
var pronounKinds = map[string]kindMask{
	"he": person, "she": person,
	"it":   org | state,
	"they": person | org | state | unknownKind,
}

// personNouns are common nouns for people and groups of people that speak
// as the subject of a speech verb: "the judge said", "critics argue",
// "a spokesman for Disney told".
var personNouns = set(`official officials critic critics expert experts analyst analysts source
	sources aide aides voter voters resident residents supporter supporters opponent opponents
	protester protesters protestor protestors officer officers lawmaker lawmakers legislator
	legislators democrat democrats republican republicans conservative conservatives liberal
	liberals activist activists leader leaders member members man men woman women people person
	player players fan fans student students parent parents worker workers employee employees
	executive executives investor investors economist economists scientist scientists researcher
	researchers doctor doctors teacher teachers candidate candidates nominee nominees delegate
	delegates donor donors adviser advisers advisor advisors strategist strategists pollster
	pollsters observer observers witness witnesses victim victims citizen citizens americans
	immigrant immigrants owner owners author authors writer writers reporter reporters editor
	editors columnist columnists host hosts anchor anchors commentator commentators pundit pundits
	judge judges jury prosecutor prosecutors attorney attorneys lawyer lawyers spokespeople
	representatives senators congressman congresswoman congressmen governors mayors presidents
	ministers chairmen founder directors secretaries manager managers agent agents troops soldiers
	soldier veteran veterans family families friend friends neighbor neighbors neighbour
	neighbours mother father son daughter wife husband brother sister child children kid kids girl
	girls boy boys guy guys audience crowd tycoon billionaire businessman businesswoman mogul
	magnate star actor actress singer comedian pastor priest rival rivals colleague colleagues
	partner partners staff staffer staffers insiders insider everyone nobody someone somebody
	anyone respondents participants attendees organizers organisers backers allies ally
	defenders skeptics sceptics detractors proponents advocates`)

// sourceNouns are things that speak in news prose: "the report said",
// "a new poll shows", "the statement read".
var sourceNouns = set(`campaign report reports poll polls survey surveys study studies statement
	statements letter letters email emails memo website site paper newspaper magazine show
	panel board team firm article story analysis editorial tweet tweets post message messages
	document documents filing complaint lawsuit ruling decision data figures estimates
	numbers research headline headlines ad ads video release transcript record records`)
