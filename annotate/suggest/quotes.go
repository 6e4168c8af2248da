package suggest

import (
	"sort"
	"strings"
	"unicode"
)

// quote is a pair of quotation marks: the marks sit at open and close, the
// words between them are [start, end) with surrounding white space left
// out.
type quote struct {
	open, close int
	start, end  int
}

// opener is an opening mark waiting for its closing mark.
type opener struct {
	pos     int
	mark    rune
	closers string
}

// ambiguousLookahead bounds how far an apostrophe-or-closing-mark looks for
// a better closing mark, so that scanning stays linear.
const ambiguousLookahead = 2000

// findQuotes pairs the quotation marks of the text and returns the
// outermost pairs in text order. Pairs nest like brackets; a closing mark
// closes the nearest opening mark it can close, abandoning any unclosed
// marks opened inside it. An apostrophe between letters never counts, and
// a ’ that might end a possessive ("the workers’ rights") counts as a
// closing mark only when no plain closing mark follows in its paragraph.
func findQuotes(t *text) []quote {
	r := t.r
	n := len(r)
	var stack []opener
	// waiting counts, for each closing mark, the openers on the stack it
	// would close: canClose is then O(1) and a run of unclosed marks costs
	// linear time.
	waiting := map[rune]int{}
	var pairs []quote
	lineStart := true
	for i := 0; i < n; i++ {
		c := r[i]
		if isNewline(c) {
			lineStart = true
			continue
		}
		if isSpace(c) {
			continue
		}
		atLineStart := lineStart
		lineStart = false
		if !isQuoteMark(c) {
			continue
		}
		var prev, next rune
		if i > 0 {
			prev = r[i-1]
		}
		if i+1 < n {
			next = r[i+1]
		}
		leftOpen := i == 0 || isSpace(prev) || strings.ContainsRune("([{—–-/", prev) || isQuoteMark(prev)
		rightOpen := i+1 == n || isSpace(next) || strings.ContainsRune(".,;:!?)]}…—–", next) || isQuoteMark(next)
		between := isWordRune(prev) && isWordRune(next)

		// A paragraph that opens with the mark that is already open
		// continues the quotation (the mark is repeated at the start of each
		// paragraph of a long quotation and closed only at its end).
		if atLineStart && len(stack) > 0 && stack[len(stack)-1].mark == c && !rightOpen {
			continue
		}
		closeWith := func() bool {
			if waiting[c] == 0 {
				return false
			}
			for k := len(stack) - 1; k >= 0; k-- {
				if strings.ContainsRune(stack[k].closers, c) {
					o := stack[k]
					for _, p := range stack[k:] {
						for _, cl := range p.closers {
							waiting[cl]--
						}
					}
					stack = stack[:k]
					if s, e := trimSpace(r, o.pos+1, i); s < e {
						pairs = append(pairs, quote{open: o.pos, close: i, start: s, end: e})
					}
					return true
				}
			}
			return false
		}
		canClose := func() bool { return waiting[c] > 0 }
		push := func(closers string) {
			stack = append(stack, opener{i, c, closers})
			for _, cl := range closers {
				waiting[cl]++
			}
		}
		looksOpening := leftOpen && !rightOpen

		switch c {
		case '“':
			// Closes German „…“; otherwise opens English “…”.
			if !looksOpening && canClose() {
				closeWith()
			} else if !rightOpen || !leftOpen {
				push("”")
			}
		case '”':
			if !closeWith() && looksOpening {
				push("”") // Swedish and Finnish ”…”
			}
		case '„':
			if !rightOpen {
				push("“”")
			}
		case '‚':
			if !rightOpen && !between {
				push("‘’")
			}
		case '«', '‹':
			// Closes German »…«; otherwise opens, with or without the
			// French spaces inside.
			if !looksOpening && canClose() {
				closeWith()
			} else {
				push(map[rune]string{'«': "»", '‹': "›"}[c])
			}
		case '»', '›':
			if !closeWith() && looksOpening {
				push(map[rune]string{'»': "«", '›': "‹"}[c]) // German »…«
			}
		case '「':
			push("」")
		case '『':
			push("』")
		case '」', '』':
			closeWith()
		case '"':
			switch {
			case looksOpening:
				push("\"")
			case !leftOpen && rightOpen:
				closeWith()
			case canClose():
				closeWith()
			default:
				push("\"")
			}
		case '‘':
			switch {
			case between:
				// A misused apostrophe ("company‘s").
			case !leftOpen && canClose():
				closeWith()
			case !rightOpen:
				push("’")
			}
		case '’', '\'':
			switch {
			case between:
				// An apostrophe: "company’s", "don't".
			case c == '\'' && looksOpening && unicode.IsLetter(next):
				push("'")
			case leftOpen:
				// "’90s", "’tis": an elision, not a mark.
			case canClose() && !(possessive(r, i) && betterCloser(r, i, c)):
				closeWith()
			}
		}
	}
	return outermost(pairs)
}

func isQuoteMark(c rune) bool {
	switch c {
	case '"', '\'', '“', '”', '„', '‚', '«', '»', '‹', '›', '「', '」', '『', '』', '‘', '’':
		return true
	}
	return false
}

// possessive reports whether the ’ at i may end a plural possessive: it
// follows a letter and a word follows it after a space ("workers’ rights").
func possessive(r []rune, i int) bool {
	if i == 0 || !unicode.IsLetter(r[i-1]) || i+2 >= len(r) || r[i+1] != ' ' {
		return false
	}
	return isWordRune(r[i+2])
}

// betterCloser reports whether a plain closing mark c (one that is not
// itself a possible possessive) follows i in the same paragraph, before any
// new opening single mark.
func betterCloser(r []rune, i int, c rune) bool {
	limit := min(len(r), i+ambiguousLookahead)
	for j := i + 1; j < limit; j++ {
		switch r[j] {
		case '\n':
			if j+1 < limit && (r[j+1] == '\n' || (r[j+1] == '\r' && j+2 < limit && r[j+2] == '\n')) {
				return false
			}
		case '‘':
			if j+1 < len(r) && !isSpace(r[j+1]) && (j == 0 || !isWordRune(r[j-1])) {
				return false
			}
		case c:
			between := isWordRune(r[j-1]) && j+1 < len(r) && isWordRune(r[j+1])
			if !between && !isSpace(r[j-1]) && !possessive(r, j) {
				return true
			}
		}
	}
	return false
}

// outermost keeps the pairs that no other pair encloses.
func outermost(pairs []quote) []quote {
	sort.Slice(pairs, func(a, b int) bool {
		if pairs[a].open != pairs[b].open {
			return pairs[a].open < pairs[b].open
		}
		return pairs[a].close > pairs[b].close
	})
	var out []quote
	reach := -1
	for _, p := range pairs {
		if p.close <= reach {
			continue // inside the last kept pair
		}
		out = append(out, p)
		reach = p.close
	}
	return out
}

// trimSpace narrows [s, e) of r to leave out white space at both ends.
func trimSpace(r []rune, s, e int) (int, int) {
	for s < e && isSpace(r[s]) {
		s++
	}
	for e > s && isSpace(r[e-1]) {
		e--
	}
	return s, e
}
