package learn

import (
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"gloss/annotate"
	"gloss/annotate/suggest"
)

// The labels the tagger learns, in the order of its rows.
var tagLabels = [nLabels]string{suggest.LabelQuote, suggest.LabelClaim, suggest.LabelActor}

const (
	nLabels = 3
	// A token's tag for one label: outside, beginning or inside a span.
	tagO, tagB, tagI = 0, 1, 2
	nTags            = 3
	tagWidth         = nLabels * nTags
	// tagUnknown marks a token whose tag the training data does not say
	// (it lies under a suggestion nobody accepted or rejected yet).
	tagUnknown = 255
)

var tagNames = [nTags]string{"O", "B", "I"}

// tagCombos names the tags of the three labels together ("OBI": QUOTE O,
// CLAIM B, ACTOR I), indexed by their base-3 number.
var tagCombos = func() (out [nTags * nTags * nTags]string) {
	for k := range out {
		out[k] = tagNames[k/9] + tagNames[k/3%3] + tagNames[k%3]
	}
	return out
}()

// Feature templates. A feature is a template and one or two values,
// hashed (featureHash); explain.go renders the ones a person can read.
const (
	fBias byte = iota
	fWord
	fWordPrev
	fWordNext
	fBigramPrev
	fBigramNext
	fShape
	fShapePrev
	fShapeNext
	fPrefix
	fSuffix
	fRule     // the rules' tag of this token, per label
	fRulePrev // the rules' tag of the previous and this token
	fRuleNext // the rules' tag of this and the next token
	fRuleAll  // the rules' tags of the three labels together
	fQuoteCtx // inside a direct or embedded quotation, or outside
	fAfterOpen
	fBeforeClose
	fIsMark
	fCueBefore     // nearest cue before, with its distance
	fCueBeforeWord // nearest cue before
	fCueAfter
	fCueAfterWord
	fInCue
	fLineStart
	fLineEnd
	fSentCueBefore // a cue earlier in the sentence, however far
	fSentCueAfter  // a cue later in the sentence
	fSentStart
	fContentAfter  // a rule QUOTE or CLAIM starts later in the sentence, with its distance
	fContentBefore // one ended earlier in the sentence
	fPrevTag       // the tag the tagger gave the previous token, per label
	fPrevTagWord   // the same with this token's word
	fPrevTags      // the previous tags of the three labels together
)

// featureHash is FNV-1a over the template and the values.
func featureHash(tpl byte, a, b string) uint64 {
	h := uint64(14695981039346656037)
	h = (h ^ uint64(tpl)) * fnvPrime
	h = fnvString(h, a)
	h = (h ^ 0xff) * fnvPrime
	return fnvString(h, b)
}

const fnvPrime = 1099511628211

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// featureName is a feature before hashing, for explanations.
type featureName struct {
	tpl  byte
	a, b string
}

// sink collects a token's features: their hashes (the lowest bit set, so
// that none is 0, which marks an empty slot of weights), and their names
// when explaining.
type sink struct {
	hashes  []uint64
	names   []featureName
	explain bool
}

func (s *sink) add(tpl byte, a, b string) {
	s.hashes = append(s.hashes, featureHash(tpl, a, b)|1)
	if s.explain {
		s.names = append(s.names, featureName{tpl, a, b})
	}
}

// add3 is add with the second value in two parts, b1+b2 (hashed as one
// string, without building it).
func (s *sink) add3(tpl byte, a, b1, b2 string) {
	if s.explain {
		s.add(tpl, a, b1+b2)
		return
	}
	h := uint64(14695981039346656037)
	h = (h ^ uint64(tpl)) * fnvPrime
	h = fnvString(h, a)
	h = (h ^ 0xff) * fnvPrime
	s.hashes = append(s.hashes, fnvString(fnvString(h, b1), b2)|1)
}

func (s *sink) reset() {
	s.hashes = s.hashes[:0]
	s.names = s.names[:0]
}

// docFeatures is a document prepared for the tagger and the ranker: its
// tokens and what the rules found around each.
type docFeatures struct {
	r      []rune
	toks   []annotate.Token
	lower  []string
	shape  []string
	lineAt []bool // a line break (or the start of the text) before token i
	// rule[l][i] is the rules' tag of token i for label l (their
	// suggestions and the document's own spans).
	rule [nLabels][]uint8
	// quote[i]: 0 outside quotation marks, 1 in a direct quotation, 2 in an
	// embedded one; mark[i]: token i is a quotation's opening (1) or
	// closing (2) mark.
	quote, mark []uint8
	// cue[i] is the cue covering token i, or -1; cueBefore/cueAfter the
	// nearest cue ending before / starting after it on the same line.
	cue, cueBefore, cueAfter []int32
	cues                     []cueTokens
	// sentCueBefore/sentCueAfter: the nearest cue before / after token i
	// in its sentence, or -1; sentStart: token i starts a sentence.
	sentCueBefore, sentCueAfter []int32
	sentStart                   []bool
	// contentAfter/contentBefore: the distance in tokens to the nearest
	// start of a rule QUOTE or CLAIM after token i / end of one before it,
	// in its sentence, and its label (0 QUOTE, 1 CLAIM); -1 for none.
	contentAfter, contentBefore   []int32
	contentAfterL, contentBeforeL []uint8
	// scratch and explaining are sinks reused by rank and the explanations.
	scratch, explaining sink
}

// cueTokens is a cue as a range of tokens.
type cueTokens struct {
	first, last int
	text        string
}

// cueReach is how many tokens a cue reaches, before or after.
const cueReach = 12

// prepare tokenises text and lays out the rules' view of it: their spans
// (spans, by label), quotations and cues.
func prepare(text string, spans []annotate.Span, ctx suggest.Context) *docFeatures {
	df := &docFeatures{r: []rune(text), toks: annotate.Tokenize(text)}
	// byteAt[k] is the byte offset of code point k, to slice text without
	// allocating.
	byteAt := make([]int32, 0, len(df.r)+1)
	for i := range text {
		byteAt = append(byteAt, int32(i))
	}
	byteAt = append(byteAt, int32(len(text)))
	n := len(df.toks)
	df.lower = make([]string, n)
	df.shape = make([]string, n)
	df.lineAt = make([]bool, n)
	df.quote = make([]uint8, n)
	df.mark = make([]uint8, n)
	df.cue = make([]int32, n)
	prevEnd := 0
	for i, t := range df.toks {
		w := df.r[t.Start:t.End]
		df.lower[i] = lowerWord(text[byteAt[t.Start]:byteAt[t.End]], w)
		df.shape[i] = shapeOf(w)
		df.lineAt[i] = i == 0
		for _, c := range df.r[prevEnd:t.Start] {
			if c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' {
				df.lineAt[i] = true
			}
		}
		prevEnd = t.End
		df.cue[i] = -1
	}
	for l := range df.rule {
		df.rule[l] = make([]uint8, n)
	}
	for _, s := range spans {
		l := labelIndex(s.Label)
		if l < 0 {
			continue
		}
		first, last, ok := df.tokenRange(s.Start, s.End)
		if !ok {
			continue
		}
		if df.rule[l][first] == tagO {
			df.rule[l][first] = tagB
		}
		for i := first + 1; i <= last; i++ {
			df.rule[l][i] = tagI
		}
	}
	for _, q := range ctx.Quotations {
		first, last, ok := df.tokenRange(q.Open, q.Close+1)
		if !ok {
			continue
		}
		kind := uint8(1)
		if q.Embedded {
			kind = 2
		}
		for i := first; i <= last; i++ {
			df.quote[i] = kind
		}
		df.mark[first] = 1
		if df.toks[last].End == q.Close+1 {
			df.mark[last] = 2
		}
	}
	for _, c := range ctx.Cues {
		first, last, ok := df.tokenRange(c.Start, c.End)
		if !ok {
			continue
		}
		k := int32(len(df.cues))
		df.cues = append(df.cues, cueTokens{first, last, c.Text})
		for i := first; i <= last; i++ {
			df.cue[i] = k
		}
	}
	df.sentences()
	df.contents()
	df.cueBefore, df.cueAfter = df.nearestCues(df.lineAt, cueReach)
	return df
}

// sentences marks where sentences start (after . ! ? and the closing
// marks after them, and at line breaks) and the cues of each sentence.
func (df *docFeatures) sentences() {
	n := len(df.toks)
	df.sentStart = make([]bool, n)
	stop := false
	for i := 0; i < n; i++ {
		w := df.lower[i]
		if df.lineAt[i] || stop && df.mark[i] != 2 && w != ")" {
			df.sentStart[i] = true
			stop = false
		}
		if w == "." || w == "!" || w == "?" {
			stop = true
		}
	}
	df.sentCueBefore, df.sentCueAfter = df.nearestCues(df.sentStart, n)
}

// contents finds, for each token, the nearest rule QUOTE or CLAIM that
// starts after it or ends before it in its sentence: speakers stand next
// to what they said.
func (df *docFeatures) contents() {
	n := len(df.toks)
	df.contentAfter, df.contentBefore = make([]int32, n), make([]int32, n)
	df.contentAfterL, df.contentBeforeL = make([]uint8, n), make([]uint8, n)
	last, lastL := -1, uint8(0)
	for i := 0; i < n; i++ {
		if df.sentStart[i] {
			last = -1
		}
		df.contentBefore[i] = -1
		if last >= 0 {
			df.contentBefore[i], df.contentBeforeL[i] = int32(i-last), lastL
		}
		for l := uint8(0); l < 2; l++ {
			if df.rule[l][i] != tagO && (i+1 == n || df.rule[l][i+1] != tagI) {
				last, lastL = i, l
			}
		}
	}
	next, nextL := -1, uint8(0)
	for i := n - 1; i >= 0; i-- {
		df.contentAfter[i] = -1
		if next >= 0 {
			df.contentAfter[i], df.contentAfterL[i] = int32(next-i), nextL
		}
		for l := uint8(0); l < 2; l++ {
			if df.rule[l][i] == tagB {
				next, nextL = i, l
			}
		}
		if df.sentStart[i] {
			next = -1
		}
	}
}

// nearestCues returns, for each token, the nearest cue ending before it
// and the nearest starting after it, at most reach tokens away and with
// no token marked in starts (a line or a sentence start) between; -1 for
// none.
func (df *docFeatures) nearestCues(starts []bool, reach int) (before, after []int32) {
	n := len(df.toks)
	before, after = make([]int32, n), make([]int32, n)
	last := int32(-1)
	for i := 0; i < n; i++ {
		if starts[i] {
			last = -1
		}
		before[i] = last
		if last >= 0 && i-df.cues[last].last > reach {
			before[i] = -1
		}
		if c := df.cue[i]; c >= 0 && df.cues[c].last == i {
			last = c
		}
	}
	next := int32(-1)
	for i := n - 1; i >= 0; i-- {
		after[i] = next
		if next >= 0 && df.cues[next].first-i > reach {
			after[i] = -1
		}
		if c := df.cue[i]; c >= 0 && df.cues[c].first == i {
			next = c
		}
		if starts[i] {
			next = -1
		}
	}
	return before, after
}

// tokenRange returns the tokens that lie within code points [start, end).
func (df *docFeatures) tokenRange(start, end int) (first, last int, ok bool) {
	first = sort.Search(len(df.toks), func(i int) bool { return df.toks[i].Start >= start })
	last = sort.Search(len(df.toks), func(i int) bool { return df.toks[i].End > end }) - 1
	return first, last, first <= last && first < len(df.toks)
}

func labelIndex(label string) int {
	for l, name := range tagLabels {
		if name == label {
			return l
		}
	}
	return -1
}

// lowerWord is a token (w, its text; r, its code points) in lower case,
// digits folded to 0 (numbers differ more than they mean), cut at 24 code
// points. A word already so is returned as it is, without allocating.
func lowerWord(w string, r []rune) string {
	plain := len(r) <= 24
	for _, c := range r {
		if unicode.IsUpper(c) || unicode.IsTitle(c) || unicode.IsDigit(c) {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	var b strings.Builder
	for k, c := range r {
		if k == 24 {
			break
		}
		switch {
		case unicode.IsDigit(c):
			b.WriteByte('0')
		default:
			b.WriteRune(unicode.ToLower(c))
		}
	}
	return b.String()
}

// shapes interns the shapes of words: there are few.
var (
	shapesMu sync.Mutex
	shapes   = map[string]string{}
)

// shapeOf maps letters to X and x, digits to d, keeps other characters,
// and shortens runs to two ("Putin" → "Xxx"; "U.S." → "X.X.").
func shapeOf(w []rune) string {
	var buf [32]byte
	b := buf[:0]
	var last, last2 rune = -1, -1
	n := 0
	for _, c := range w {
		s := c
		switch {
		case unicode.IsUpper(c) || unicode.IsTitle(c):
			s = 'X'
		case unicode.IsLetter(c):
			s = 'x'
		case unicode.IsDigit(c):
			s = 'd'
		}
		if s == last && s == last2 {
			continue
		}
		last2, last = last, s
		b = utf8.AppendRune(b, s)
		if n++; n == 8 {
			break
		}
	}
	shapesMu.Lock()
	defer shapesMu.Unlock()
	if sh, ok := shapes[string(b)]; ok {
		return sh
	}
	sh := string(b)
	if len(shapes) < 1<<16 {
		shapes[sh] = sh
	}
	return sh
}

// affix is the first (prefix) or last n code points of s, a substring.
func affix(s string, n int, prefix bool) string {
	if prefix {
		i := 0
		for k := 0; k < n && i < len(s); k++ {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
		}
		return s[:i]
	}
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

var quoteKinds = [3]string{"out", "direct", "embedded"}

// distBucket groups token distances.
func distBucket(d int) string {
	switch {
	case d <= 1:
		return "1"
	case d <= 2:
		return "2"
	case d <= 4:
		return "3-4"
	case d <= 8:
		return "5-8"
	case d <= 16:
		return "9-16"
	case d <= 32:
		return "17-32"
	}
	return "far"
}

const boundary = "<s>" // the word before the first or after the last token

func (df *docFeatures) word(i int) string {
	if i < 0 || i >= len(df.toks) {
		return boundary
	}
	return df.lower[i]
}

func (df *docFeatures) shapeAt(i int) string {
	if i < 0 || i >= len(df.toks) {
		return boundary
	}
	return df.shape[i]
}

func (df *docFeatures) ruleAt(l, i int) string {
	if i < 0 || i >= len(df.toks) {
		return boundary
	}
	return tagNames[df.rule[l][i]]
}

// tokenFeatures adds the features of token i that do not depend on the
// tags given so far.
func (df *docFeatures) tokenFeatures(i int, s *sink) {
	w := df.lower[i]
	s.add(fBias, "", "")
	s.add(fWord, w, "")
	s.add(fWordPrev, df.word(i-1), "")
	s.add(fWordNext, df.word(i+1), "")
	s.add(fBigramPrev, df.word(i-1), w)
	s.add(fBigramNext, w, df.word(i+1))
	s.add(fShape, df.shape[i], "")
	s.add(fShapePrev, df.shapeAt(i-1), df.shape[i])
	s.add(fShapeNext, df.shape[i], df.shapeAt(i+1))
	s.add(fPrefix, affix(w, 3, true), "")
	s.add(fSuffix, affix(w, 3, false), "")
	all := 0
	for l := range nLabels {
		label := tagLabels[l][:1]
		s.add(fRule, label, df.ruleAt(l, i))
		s.add3(fRulePrev, label, df.ruleAt(l, i-1), df.ruleAt(l, i))
		s.add3(fRuleNext, label, df.ruleAt(l, i), df.ruleAt(l, i+1))
		all = all*nTags + int(df.rule[l][i])
	}
	s.add(fRuleAll, tagCombos[all], "")
	s.add(fQuoteCtx, quoteKinds[df.quote[i]], "")
	if i > 0 && df.mark[i-1] == 1 {
		s.add(fAfterOpen, quoteKinds[df.quote[i-1]], "")
	}
	if i+1 < len(df.toks) && df.mark[i+1] == 2 {
		s.add(fBeforeClose, quoteKinds[df.quote[i+1]], "")
	}
	if df.mark[i] != 0 {
		s.add(fIsMark, quoteKinds[df.quote[i]], string('0'+rune(df.mark[i])))
	}
	if c := df.cueBefore[i]; c >= 0 {
		s.add(fCueBefore, distBucket(i-df.cues[c].last), "")
		s.add(fCueBeforeWord, df.cues[c].text, "")
	}
	if c := df.cueAfter[i]; c >= 0 {
		s.add(fCueAfter, distBucket(df.cues[c].first-i), "")
		s.add(fCueAfterWord, df.cues[c].text, "")
	}
	if df.cue[i] >= 0 {
		s.add(fInCue, "", "")
	}
	if df.lineAt[i] {
		s.add(fLineStart, "", "")
	}
	if df.sentStart[i] {
		s.add(fSentStart, "", "")
	}
	if c := df.sentCueBefore[i]; c >= 0 {
		s.add(fSentCueBefore, df.cues[c].text, "")
		s.add(fSentCueBefore, "", "")
	}
	if c := df.sentCueAfter[i]; c >= 0 {
		s.add(fSentCueAfter, df.cues[c].text, "")
		s.add(fSentCueAfter, "", "")
	}
	if i+1 == len(df.toks) || df.lineAt[i+1] {
		s.add(fLineEnd, "", "")
	}
	if d := df.contentAfter[i]; d >= 0 {
		s.add(fContentAfter, tagLabels[df.contentAfterL[i]][:1], distBucket(int(d)))
	}
	if d := df.contentBefore[i]; d >= 0 {
		s.add(fContentBefore, tagLabels[df.contentBeforeL[i]][:1], distBucket(int(d)))
	}
}

// tagFeatures adds the features of token i that depend on the tags of
// the previous token (prev, one per label).
func (df *docFeatures) tagFeatures(i int, prev [nLabels]uint8, s *sink) {
	all := 0
	for l := range nLabels {
		s.add(fPrevTag, tagLabels[l][:1], tagNames[prev[l]])
		all = all*nTags + int(prev[l])
	}
	s.add(fPrevTags, tagCombos[all], "")
	// One feature, not one per label: each lexical feature is a lookup
	// that misses the cache in a big model.
	s.add(fPrevTagWord, tagCombos[all], df.lower[i])
}
