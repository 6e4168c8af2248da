package suggest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one word of the text, in code points, end exclusive. A possessive
// ending ("Putin’s") is not part of the word.
type word struct {
	start, end int
	lower      string
	lex        lexFlags // the word lists lower is on
	// capital: the first letter is upper or title case.
	capital bool
	// acronym: two or more letters, all upper case ("GNA", "UN").
	acronym bool
	// initial: the first word of a sentence or of a quotation, where every
	// word is capitalised.
	initial bool
	// heading: the word is on a short line in title case without final
	// punctuation ("About Author", "Leave A Reply"): page furniture, not
	// prose.
	heading bool
	// possessive: the word was followed by ’s, which is not part of it.
	possessive bool
	sent       int
}

// sentence is a range of code points [start, end).
type sentence struct{ start, end int }

// text is the document's text split for the rules: code points, words and
// sentences.
type text struct {
	s string
	r []rune
	// b[k] is the byte offset in s of code point k (b[len(r)] == len(s)), so
	// that slicing the text allocates nothing.
	b     []int32
	words []word
	sents []sentence
}

// str returns the text of code points [start, end).
func (t *text) str(start, end int) string { return t.s[t.b[start]:t.b[end]] }

func isWordRune(c rune) bool {
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c)
}

func isSpace(c rune) bool { return unicode.IsSpace(c) }

func isNewline(c rune) bool { return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' }

// joiners may stand inside a word: "al-Gaddafi", "company’s", "don't".
func isJoiner(c rune) bool { return c == '-' || c == '\'' || c == '’' || c == '\u2011' }

// closers may stand between a sentence's final stop and the next sentence.
const sentenceClosers = "”’\"»›」』)]"

// openers may stand before the first word of a sentence or quotation.
const quoteOpeners = "“„«‹「『\"'‘‚(["

func scan(s string) *text {
	t := &text{s: s, r: []rune(s)}
	t.b = make([]int32, 0, len(t.r)+1)
	for i := range s {
		t.b = append(t.b, int32(i))
	}
	t.b = append(t.b, int32(len(s)))
	t.words = make([]word, 0, len(t.r)/6+1)
	t.scanSentences()
	t.scanWords()
	return t
}

// scanSentences splits at a final stop (. ! ? …) followed by white space and
// a capital, digit or opening mark, and at line breaks that end a line
// which does not run on in lower case (hard-wrapped prose keeps its
// sentences).
func (t *text) scanSentences() {
	r := t.r
	n := len(r)
	start := 0
	cut := func(end, next int) {
		if end > start {
			t.sents = append(t.sents, sentence{start, end})
		}
		start = next
	}
	for i := 0; i < n; i++ {
		c := r[i]
		switch {
		case isNewline(c):
			k := i
			for k < n && isSpace(r[k]) {
				k++
			}
			if k == n {
				continue
			}
			breaks := 0
			for _, b := range r[i:k] {
				if b == '\n' {
					breaks++
				}
			}
			blank := breaks > 1
			p := i - 1
			for p >= start && isSpace(r[p]) {
				p--
			}
			runsOn := p >= start && (isWordRune(r[p]) || r[p] == ',') && unicode.IsLower(r[k])
			if blank || !runsOn {
				cut(i, k)
			}
			i = k - 1
		case c == '.' || c == '!' || c == '?' || c == '…':
			j := i + 1
			for j < n && (strings.ContainsRune(sentenceClosers, r[j]) || r[j] == '.' || r[j] == '!' || r[j] == '?') {
				j++
			}
			if j == n || !isSpace(r[j]) {
				continue
			}
			k := j
			for k < n && isSpace(r[k]) {
				k++
			}
			if k == n {
				continue
			}
			if !(unicode.IsUpper(r[k]) || unicode.IsDigit(r[k]) || strings.ContainsRune(quoteOpeners, r[k])) {
				continue
			}
			if c == '.' && t.abbreviationBefore(i) {
				continue
			}
			cut(j, k)
			i = k - 1
		}
	}
	cut(n, n)
}

// abbreviationBefore reports whether the full stop at i ends an
// abbreviation ("Mr.", "U.S.") rather than a sentence.
func (t *text) abbreviationBefore(i int) bool {
	s := i
	for s > 0 && isWordRune(t.r[s-1]) {
		s--
	}
	if s == i {
		return false
	}
	w := strings.ToLower(t.str(s, i))
	if honorifics.hasString(w) {
		return true
	}
	// A single capital letter is an initial ("J. Smith", "U.S.").
	return i-s == 1 && unicode.IsUpper(t.r[s])
}

func (t *text) scanWords() {
	r := t.r
	n := len(r)
	sent := 0
	for i := 0; i < n; {
		if !isWordRune(r[i]) {
			i++
			continue
		}
		s := i
		for i < n && (isWordRune(r[i]) || (isJoiner(r[i]) && i+1 < n && isWordRune(r[i+1]))) {
			i++
		}
		e := i
		// "Putin’s": the name is "Putin".
		possessive := false
		if e-s > 2 && (r[e-1] == 's' || r[e-1] == 'S') && (r[e-2] == '’' || r[e-2] == '\'') {
			e -= 2
			possessive = true
		}
		for sent+1 < len(t.sents) && t.sents[sent].end <= s {
			sent++
		}
		w := word{start: s, end: e, sent: sent, possessive: possessive}
		first := r[s]
		w.capital = unicode.IsUpper(first) || unicode.IsTitle(first)
		letters, upper, other := 0, 0, false
		for _, c := range r[s:e] {
			if c < utf8.RuneSelf {
				if 'a' <= c && c <= 'z' {
					letters++
				} else if 'A' <= c && c <= 'Z' {
					letters++
					upper++
				}
				continue
			}
			other = true
			if unicode.IsLetter(c) {
				letters++
				if unicode.IsUpper(c) {
					upper++
				}
			}
		}
		// Most words are already lower case: share the text's bytes.
		if upper == 0 && !other {
			w.lower = t.str(s, e)
		} else {
			w.lower = strings.ToLower(t.str(s, e))
		}
		w.lex = lexicon[w.lower]
		w.acronym = letters >= 2 && upper == letters
		w.initial = len(t.words) == 0 || t.words[len(t.words)-1].sent != sent
		if !w.initial {
			// An opening mark hugs the first word of a quotation; a closing
			// mark is followed by a space ("…,” Viguerie notes").
			p := s - 1
			w.initial = p >= 0 && isQuoteMark(r[p])
			for p >= 0 && isSpace(r[p]) {
				p--
			}
			w.initial = w.initial || p >= 0 && r[p] == ':'
		}
		t.words = append(t.words, w)
	}
}

// markHeadings flags the words of short title-case lines with no final
// punctuation, which in scraped news are headings and page furniture.
func (t *text) markHeadings() {
	const maxWords = 6
	i := 0
	for i < len(t.words) {
		j := i
		for j+1 < len(t.words) && !t.hasNewline(t.words[j].end, t.words[j+1].start) {
			j++
		}
		// Line holds words i..j.
		all := j-i+1 <= maxWords && j > i
		for k := i; all && k <= j; k++ {
			all = t.words[k].capital
		}
		if all {
			end := t.words[j].end
			for end < len(t.r) && !isNewline(t.r[end]) {
				if c := t.r[end]; c == '.' || c == '!' || c == '?' || c == ',' || c == ':' || c == ';' {
					all = false
				}
				end++
			}
		}
		if all {
			for k := i; k <= j; k++ {
				t.words[k].heading = true
			}
		}
		i = j + 1
	}
}

func (t *text) hasNewline(a, b int) bool {
	for _, c := range t.r[a:b] {
		if isNewline(c) {
			return true
		}
	}
	return false
}

// gap returns the text between words i and i+1.
func (t *text) gap(i int) []rune { return t.r[t.words[i].end:t.words[i+1].start] }

// spaced reports whether words i and i+1 are separated by spaces only, on
// one line.
func (t *text) spaced(i int) bool {
	g := t.gap(i)
	if len(g) == 0 {
		return false
	}
	for _, c := range g {
		if !isSpace(c) || isNewline(c) {
			return false
		}
	}
	return true
}

// possessiveSpaced reports whether words i and i+1 are separated by a
// possessive ’s and spaces: "Hungary’s prime minister".
func (t *text) possessiveSpaced(i int) bool {
	g := t.gap(i)
	if len(g) < 3 || !t.words[i].possessive {
		return false
	}
	for _, c := range g[2:] {
		if !isSpace(c) || isNewline(c) {
			return false
		}
	}
	return true
}

// lineStart reports whether word i is the first word of its line.
func (t *text) lineStart(i int) bool {
	return i == 0 || t.hasNewline(t.words[i-1].end, t.words[i].start)
}

// commaSpaced reports whether words i and i+1 are separated by a comma and
// spaces, on one line.
func (t *text) commaSpaced(i int) bool {
	g := t.gap(i)
	if len(g) < 2 || g[0] != ',' {
		return false
	}
	for _, c := range g[1:] {
		if !isSpace(c) || isNewline(c) {
			return false
		}
	}
	return true
}

// wordAt returns the index of the first word that ends after pos.
func (t *text) wordAt(pos int) int {
	lo, hi := 0, len(t.words)
	for lo < hi {
		m := (lo + hi) / 2
		if t.words[m].end <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// sentAt returns the index of the sentence containing pos (or the last one
// that starts before it).
func (t *text) sentAt(pos int) int {
	lo, hi := 0, len(t.sents)
	for lo < hi {
		m := (lo + hi) / 2
		if t.sents[m].start <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == 0 {
		return 0
	}
	return lo - 1
}
