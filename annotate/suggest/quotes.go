package suggest

import (
	"sort"
	"strings"
	"unicode"
)

// quote is a quotation, or one paragraph of a quotation that runs over
// several: its opening mark sits at open, the words are [start, end) with
// surrounding white space left out, and close is the closing mark (for a
// paragraph that the next one continues, the end of its words).
type quote struct {
	open, close int
	start, end  int
	// openMark and closeMark are the marks, for the reason; closeMark is
	// empty when the next paragraph continues the quotation.
	openMark, closeMark string
	// first is the opening mark of the quotation's first paragraph: the
	// paragraphs of one quotation share it.
	first int
	// embedded: a word or phrase quoted inside a clause ("called it “a
	// mistake”", "the “upper layers”", "said that “…”") rather than a
	// quotation of its own. It is no QUOTE; it may be part of a CLAIM.
	embedded bool
}

// opener is an opening mark waiting for its closing mark.
type opener struct {
	pos     int
	mark    rune
	width   int // 2 for '' (two apostrophes standing for one double mark)
	closers string
	// segOpen and segStart are where the current paragraph of the
	// quotation opens and its words start (a quotation over several
	// paragraphs repeats its opening mark at the start of each).
	segOpen, segStart int
}

// apos2 stands for ” (two apostrophes typed for a double quotation mark,
// as in some archives); it never occurs in text.
const apos2 rune = 0xE000

// markText is how a mark is shown in a reason.
func markText(c rune) string {
	if c == apos2 {
		return "''"
	}
	return string(c)
}

// ambiguousLookahead bounds how far an apostrophe-or-closing-mark looks for
// a better closing mark, so that scanning stays linear.
const ambiguousLookahead = 2000

// tagReach bounds how far a "<" looks for the ">" that closes an HTML or
// XML tag.
const tagReach = 2000

// findQuotes pairs the quotation marks of the text and returns the
// outermost pairs in text order, each paragraph of a quotation that runs
// over several as a quote of its own. Pairs nest like brackets; a closing
// mark closes the nearest opening mark it can close, abandoning any
// unclosed marks opened inside it. An apostrophe between letters never
// counts, and a ’ that might end a possessive ("the workers’ rights")
// counts as a closing mark only when no plain closing mark follows in its
// paragraph. Marks inside HTML or XML tags (attribute values) are not
// quotation marks. A curly mark may be closed by a straight one and the
// other way round ("“…\"").
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
	lastBreak := -1 // the last line break
	for i := 0; i < n; i++ {
		c := r[i]
		if isNewline(c) {
			lineStart = true
			lastBreak = i
			continue
		}
		if isSpace(c) {
			continue
		}
		atLineStart := lineStart
		lineStart = false
		if c == '<' {
			if j := tagEnd(r, i); j > i {
				i = j
			}
			continue
		}
		if !isQuoteMark(c) {
			continue
		}
		width := 1
		if c == '\'' && i+1 < n && r[i+1] == '\'' {
			// '' is one double mark; in ''' the single mark comes first
			// when closing ("them,'''"), last when opening.
			if !(i+2 < n && r[i+2] == '\'' && i > 0 && !isSpace(r[i-1])) {
				c, width = apos2, 2
			}
		}
		var prev, next rune
		if i > 0 {
			prev = r[i-1]
		}
		if i+width < n {
			next = r[i+width]
		}
		leftOpen := i == 0 || isSpace(prev) || strings.ContainsRune("([{—–-/", prev) || isQuoteMark(prev)
		rightOpen := i+width == n || isSpace(next) || strings.ContainsRune(".,;:!?)]}…—–", next) || isQuoteMark(next)
		between := isWordRune(prev) && isWordRune(next)

		// A paragraph that opens with the mark that is already open
		// continues the quotation (the mark is repeated at the start of each
		// paragraph of a long quotation and closed only at its end): the
		// paragraph before is a quotation of its own.
		if atLineStart && len(stack) > 0 && stack[len(stack)-1].mark == c && !rightOpen {
			o := &stack[len(stack)-1]
			if s, e := trimSpace(r, o.segStart, i); s < e {
				pairs = append(pairs, quote{open: o.segOpen, close: e, start: s, end: e,
					openMark: markText(o.mark), first: o.pos})
			}
			o.segOpen, o.segStart = i, i+width
			i += width - 1
			continue
		}
		closeWith := func() bool {
			if waiting[c] == 0 {
				return false
			}
			for k := len(stack) - 1; k >= 0; k-- {
				if strings.ContainsRune(stack[k].closers, c) {
					o := stack[k]
					if []rune(o.closers)[0] != c && o.segOpen < lastBreak {
						// A straight mark closing a curly one (or the
						// other way round) stays on its line.
						return false
					}
					for _, p := range stack[k:] {
						for _, cl := range p.closers {
							waiting[cl]--
						}
					}
					stack = stack[:k]
					if s, e := trimSpace(r, o.segStart, i); s < e {
						pairs = append(pairs, quote{open: o.segOpen, close: i, start: s, end: e,
							openMark: markText(o.mark), closeMark: markText(c), first: o.pos})
					}
					return true
				}
			}
			return false
		}
		canClose := func() bool { return waiting[c] > 0 }
		push := func(closers string) {
			stack = append(stack, opener{pos: i, mark: c, width: width, closers: closers, segOpen: i, segStart: i + width})
			for _, cl := range closers {
				waiting[cl]++
			}
		}
		looksOpening := leftOpen && !rightOpen
		looksClosing := !leftOpen && rightOpen

		switch c {
		case '“':
			// Closes German „…“; otherwise opens English “…”.
			if !looksOpening && canClose() {
				closeWith()
			} else if !rightOpen || !leftOpen {
				push("”\"")
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
		case '"', apos2:
			closers := string(c)
			if c == '"' {
				closers = "\"”"
			}
			switch {
			case looksOpening:
				push(closers)
			case looksClosing:
				closeWith()
			case canClose():
				closeWith()
			default:
				push(closers)
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
		i += width - 1
	}
	out := outermost(pairs)
	for k := range out {
		out[k].embedded = embedded(t, out[k])
	}
	return out
}

// tagEnd returns the position of the ">" that closes the HTML or XML tag
// opening at i ("<tweet id=\"…\">", "</p>"), or -1 when i opens no tag.
func tagEnd(r []rune, i int) int {
	if i+1 >= len(r) || !(unicode.IsLetter(r[i+1]) || r[i+1] == '/' || r[i+1] == '!') {
		return -1
	}
	for j := i + 1; j < len(r) && j < i+tagReach; j++ {
		switch {
		case r[j] == '>':
			return j
		case r[j] == '<' || isNewline(r[j]):
			return -1
		}
	}
	return -1
}

func isQuoteMark(c rune) bool {
	switch c {
	case '"', '\'', '“', '”', '„', '‚', '«', '»', '‹', '›', '「', '」', '『', '』', '‘', '’':
		return true
	}
	return false
}

// embedded reports whether quotation q is a word or phrase quoted inside a
// clause rather than direct speech of its own. Direct speech opens a
// paragraph or a sentence, or follows a colon, a comma or a speech verb
// ("said “We …”"); a quotation after any other word ("the “enemy”", "said
// that “…”", "called it “a mistake”"), a bracket or a dash is embedded, and
// so is a short one run into the sentence that goes on after it ("“Frozen”
// and the books").
func embedded(t *text, q quote) bool {
	r := t.r
	if q.open != q.first {
		return false // a further paragraph of a quotation
	}
	inner := r[q.start:q.end]
	capital := false
	for _, c := range inner {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			capital = !unicode.IsLower(c)
			break
		}
	}
	last := inner[len(inner)-1]
	for k := len(inner) - 1; k > 0 && (isQuoteMark(last) || last == ')' || last == ']'); k-- {
		last = inner[k-1]
	}
	stop := strings.ContainsRune(".,!?;:…—–-", last)
	p := q.open - 1
	for p >= 0 && isSpace(r[p]) && !isNewline(r[p]) {
		p--
	}
	switch {
	case p < 0 || isNewline(r[p]) || strings.ContainsRune(".!?…:>", r[p]) || isQuoteMark(r[p]):
	case r[p] == ',':
		if !capital && !stop {
			return true
		}
	case isWordRune(r[p]):
		w := t.wordAt(p)
		// After a speech verb ("said “We …”", "says “the game is
		// over.”"), but not after one that names ("called it “…”").
		if w >= len(t.words) || !speechVerbs.has(&t.words[w]) || nounForms.has(&t.words[w]) || participleNames.has(&t.words[w]) ||
			!stop && (!capital || len(strings.Fields(string(inner))) < 4) {
			return true
		}
	default:
		return true
	}
	if stop || q.closeMark == "" {
		return false
	}
	// Run into the sentence: "“Frozen” and the books".
	k := q.close + 1
	if q.closeMark == "''" {
		k++
	}
	for k < len(r) && isSpace(r[k]) && !isNewline(r[k]) {
		k++
	}
	if k < len(r) && isWordRune(r[k]) {
		return !capital || len(strings.Fields(string(inner))) < 4
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
