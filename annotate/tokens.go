package annotate

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// Token is a word of a text by Unicode word segmentation (UAX #29), in
// code points, end exclusive. White-space segments are not tokens.
type Token struct {
	Start, End int
}

// Tokenize splits text into tokens by UAX #29 word boundaries, dropping the
// segments that are only white space. Punctuation marks are tokens of their
// own.
func Tokenize(text string) []Token { return tokenizeFast(text) }

// tokenizeUniseg is Tokenize by uniseg alone, the reference that
// tokenizeFast (tokenize_fast.go) speeds up.
func tokenizeUniseg(text string) []Token {
	var toks []Token
	state := -1
	pos := 0 // code points
	rest := text
	for len(rest) > 0 {
		var word string
		word, rest, state = uniseg.FirstWordInString(rest, state)
		n := utf8.RuneCountInString(word)
		if !isSpace(word) {
			toks = append(toks, Token{Start: pos, End: pos + n})
		}
		pos += n
	}
	return toks
}

func isSpace(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// Tokens returns the document's tokens, computed once and cached.
func (d *Document) Tokens() []Token {
	d.Index()
	if d.tokens == nil {
		d.tokens = Tokenize(d.Text)
		if d.tokens == nil {
			d.tokens = []Token{}
		}
	}
	return d.tokens
}

// Snap widens [start, end) outward so that it does not cut any token: a
// token that the range touches is included whole. A range that touches no
// token (only white space) comes back unchanged. An empty range (start ==
// end) inside a token becomes that token.
func Snap(toks []Token, start, end int) (int, int) {
	if start > end {
		start, end = end, start
	}
	if start == end {
		if i := TokenAt(toks, start); i >= 0 {
			return toks[i].Start, toks[i].End
		}
		return start, end
	}
	if i := TokenAt(toks, start); i >= 0 {
		start = toks[i].Start
	}
	if j := TokenAt(toks, end-1); j >= 0 {
		end = toks[j].End
	}
	return start, end
}

// TokenAt returns the index of the token containing code point pos, or -1.
func TokenAt(toks []Token, pos int) int {
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End > pos })
	if i < len(toks) && toks[i].Start <= pos {
		return i
	}
	return -1
}

// TokenRange returns the indexes [first, last] of the tokens that [start,
// end) overlaps, and false when it overlaps none.
func TokenRange(toks []Token, start, end int) (first, last int, ok bool) {
	first = sort.Search(len(toks), func(i int) bool { return toks[i].End > start })
	last = sort.Search(len(toks), func(j int) bool { return toks[j].Start >= end }) - 1
	return first, last, first <= last && first < len(toks)
}
