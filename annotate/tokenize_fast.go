package annotate

import "unicode/utf8"

// Tokenizing with uniseg runs at about 30 MB/s, too slow for exporters that
// write tokens (Prodigy, CoNLL) at 100 MB/s. Most of a news text is ASCII,
// whose UAX #29 word rules are few, so tokenizeFast cuts the text into
// regions at points where a word boundary is certain and segments each
// all-ASCII region with those rules, handing the rest to uniseg.
//
// A boundary is certain before an ASCII character that is not white space
// when an ASCII white-space character (space, tab, CR, LF, VT, FF) comes
// just before it: no UAX #29 rule joins those two (WB3d joins only spaces,
// WB4 only attaches Extend, Format and ZWJ, which are not ASCII, and CR × LF
// joins two white-space characters), and the rules that look further back
// (WB7, WB7c, WB11, WB15/16) need a letter, digit or regional indicator
// just before. Segmenting a region on its own is therefore the same as
// segmenting it in place. TestTokenizeFastMatchesUniseg and
// FuzzTokenizeFast check this against uniseg.

// wbClass is a UAX #29 Word_Break class of an ASCII byte.
type wbClass uint8

const (
	wbOther wbClass = iota
	wbCR
	wbLF
	wbNewline
	wbSpace // WSegSpace
	wbLetter
	wbNumeric
	wbExtendNumLet
	wbMidLetter
	wbMidNumLet
	wbMidNum
	wbSingleQuote
	wbTab // Other to UAX #29, but white space to Tokenize
)

var asciiWB = func() (t [128]wbClass) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = wbLetter, wbLetter
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = wbNumeric
	}
	t['\r'], t['\n'], t['\v'], t['\f'], t[' '], t['\t'] = wbCR, wbLF, wbNewline, wbNewline, wbSpace, wbTab
	t['_'], t[':'], t['.'], t[','], t[';'], t['\''] = wbExtendNumLet, wbMidLetter, wbMidNumLet, wbMidNum, wbMidNum, wbSingleQuote
	return t
}()

func asciiSpace(c byte) bool { return asciiSpaces[c] }

var asciiSpaces = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\v': true, '\f': true}

// simpleClass returns the Word_Break class of the non-ASCII code points
// that are common in news text and follow the same simple rules as ASCII
// (checked against uniseg's Unicode 15 table): Latin-1 and Latin
// Extended-A/B letters, Latin-1 punctuation, dashes, curly quotes, the
// ellipsis, CJK ideographs and punctuation, fullwidth forms and emoji.
// Anything else goes to uniseg.
func simpleClass(r rune) (wbClass, bool) {
	switch {
	case r >= 0xC0 && r <= 0x24F && r != 0xD7 && r != 0xF7, r == 0xAA, r == 0xB5, r == 0xBA:
		return wbLetter, true
	case r == 0xB7, r == 0x2027:
		return wbMidLetter, true
	case r == 0x2018, r == 0x2019, r == 0x2024:
		return wbMidNumLet, true
	case r >= 0xA1 && r <= 0xBF && r != 0xA9 && r != 0xAD && r != 0xAE,
		r == 0xD7, r == 0xF7, r >= 0x2010 && r <= 0x2026,
		// CJK ideographs and punctuation are words of their own.
		r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF,
		r >= 0x3001 && r <= 0x3004, r >= 0x3008 && r <= 0x3011,
		r == 0xFF01, r == 0xFF08, r == 0xFF09, r == 0xFF1F,
		// Emoji (Extended_Pictographic) join only after a ZWJ, which is
		// not simple; their modifiers are Extend.
		r >= 0x1F300 && r <= 0x1FAFF && (r < 0x1F3FB || r > 0x1F3FF):
		return wbOther, true
	case r == 0xFF0C, r == 0xFF1B:
		return wbMidNum, true
	case r == 0xFF1A:
		return wbMidLetter, true
	case r >= 0xFF10 && r <= 0xFF19:
		return wbNumeric, true
	}
	return 0, false
}

// tokenizeFast is Tokenize: the same tokens, faster on ASCII.
func tokenizeFast(text string) []Token {
	toks := make([]Token, 0, len(text)/6+1)
	var cls []wbClass
	runes := 0 // code points before start
	start := 0
	for start < len(text) {
		// The region runs to the next certain boundary.
		end, ascii, simple, n := start, true, true, 0
		for end < len(text) {
			c := text[end]
			if c < utf8.RuneSelf {
				if end > start && !asciiSpace(c) && asciiSpace(text[end-1]) {
					break
				}
				end++
				n++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[end:])
			if _, ok := simpleClass(r); !ok || size == 1 {
				simple = false
			}
			ascii = false
			end += size
			n++
		}
		region := text[start:end]
		switch {
		case ascii:
			toks = appendASCIITokens(toks, region, runes)
		case simple:
			cls = cls[:0]
			for _, r := range region {
				if r < utf8.RuneSelf {
					cls = append(cls, asciiWB[r])
				} else {
					c, _ := simpleClass(r)
					cls = append(cls, c)
				}
			}
			toks = appendClassTokens(toks, cls, runes)
		default:
			for _, t := range tokenizeUniseg(region) {
				toks = append(toks, Token{Start: runes + t.Start, End: runes + t.End})
			}
			n = utf8.RuneCountInString(region)
		}
		runes += n
		start = end
	}
	return toks
}

// appendClassTokens is appendASCIITokens over the classes of a region's
// code points.
func appendClassTokens(toks []Token, cls []wbClass, base int) []Token {
	start := 0
	space := true // the segment so far is white space
	for i := 1; i <= len(cls); i++ {
		b := cls[i-1]
		space = space && (b == wbSpace || b == wbCR || b == wbLF || b == wbNewline || b == wbTab)
		if i < len(cls) {
			c := cls[i]
			if (b == wbLetter || b == wbNumeric) && (c == wbLetter || c == wbNumeric) {
				continue
			}
			a, d := wbClass(255), wbClass(255)
			if i >= 2 {
				a = cls[i-2]
			}
			if i+1 < len(cls) {
				d = cls[i+1]
			}
			if !asciiBreak(a, b, c, d) {
				continue
			}
		}
		if !space {
			toks = append(toks, Token{Start: base + start, End: base + i})
		}
		start, space = i, true
	}
	return toks
}

// appendASCIITokens segments ASCII text by the UAX #29 rules that concern
// ASCII and appends its non-space segments, offset by base.
func appendASCIITokens(toks []Token, s string, base int) []Token {
	cls := func(i int) wbClass {
		if i < 0 || i >= len(s) {
			return 255
		}
		return asciiWB[s[i]]
	}
	start := 0
	for i := 1; i <= len(s); i++ {
		if i < len(s) {
			b, c := asciiWB[s[i-1]], asciiWB[s[i]]
			// The common case first: inside a word or a number.
			if (b == wbLetter || b == wbNumeric) && (c == wbLetter || c == wbNumeric) {
				continue
			}
			if !asciiBreak(cls(i-2), b, c, cls(i+1)) {
				continue
			}
		}
		if !isASCIISpaceSegment(s[start:i]) {
			toks = append(toks, Token{Start: base + start, End: base + i})
		}
		start = i
	}
	return toks
}

func isASCIISpaceSegment(seg string) bool {
	for i := 0; i < len(seg); i++ {
		if !asciiSpace(seg[i]) {
			return false
		}
	}
	return true
}

// asciiBreak reports whether there is a word boundary between b and c,
// with a before b and d after c (255 when absent).
func asciiBreak(a, b, c, d wbClass) bool {
	midLetterQ := func(x wbClass) bool { return x == wbMidLetter || x == wbMidNumLet || x == wbSingleQuote }
	midNumQ := func(x wbClass) bool { return x == wbMidNum || x == wbMidNumLet || x == wbSingleQuote }
	switch {
	case b == wbCR && c == wbLF: // WB3
		return false
	case b == wbCR || b == wbLF || b == wbNewline || c == wbCR || c == wbLF || c == wbNewline: // WB3a, WB3b
		return true
	case b == wbSpace && c == wbSpace: // WB3d
		return false
	case b == wbLetter && c == wbLetter: // WB5
		return false
	case b == wbLetter && midLetterQ(c) && d == wbLetter: // WB6
		return false
	case a == wbLetter && midLetterQ(b) && c == wbLetter: // WB7
		return false
	case b == wbNumeric && c == wbNumeric, b == wbLetter && c == wbNumeric, b == wbNumeric && c == wbLetter: // WB8–10
		return false
	case a == wbNumeric && midNumQ(b) && c == wbNumeric: // WB11
		return false
	case b == wbNumeric && midNumQ(c) && d == wbNumeric: // WB12
		return false
	case (b == wbLetter || b == wbNumeric || b == wbExtendNumLet) && c == wbExtendNumLet: // WB13a
		return false
	case b == wbExtendNumLet && (c == wbLetter || c == wbNumeric): // WB13b
		return false
	}
	return true // WB999
}
