package docview

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// maxBlock is the longest run of code points laid out as one unit. A longer
// paragraph is cut (at a space when there is one) into several blocks with
// no line break between them, so that a document with no newlines at all
// still lays out only what is visible.
const maxBlock = 4096

// block is a paragraph of the text, or a piece of a very long one: the unit
// that is wrapped and cached.
type block struct {
	start, end   int // code points; end excludes the line break
	bstart, bend int // the same in bytes
	brk          int // code points of the line break after it: 0, 1 (\n or \r) or 2 (\r\n)
}

// splitBlocks cuts text into blocks at \n, \r\n and lone \r; the break
// characters belong to no block, so they are never drawn or measured.
func splitBlocks(text string) []block {
	blocks := make([]block, 0, strings.Count(text, "\n")+1)
	runes, bstart, rstart := 0, 0, 0
	emit := func(bend, brk, brkBytes int) {
		b := block{start: rstart, end: runes, bstart: bstart, bend: bend, brk: brk}
		blocks = append(blocks, cutLong(text, b)...)
		runes += brk
		bstart = bend + brkBytes
		rstart = runes
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\n':
			emit(i, 1, 1)
		case c == '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				emit(i, 2, 2)
				i++
			} else {
				emit(i, 1, 1)
			}
		case c&0xC0 != 0x80: // the first byte of a code point
			runes++
		}
	}
	b := block{start: rstart, end: runes, bstart: bstart, bend: len(text)}
	return append(blocks, cutLong(text, b)...)
}

// cutLong splits a block longer than maxBlock into pieces joined without a
// break, cutting after a space where it can.
func cutLong(text string, b block) []block {
	if b.end-b.start <= maxBlock {
		return []block{b}
	}
	var out []block
	s := text[b.bstart:b.bend]
	r, bs := b.start, b.bstart
	for len(s) > 0 {
		n, cut, lastSpace, lastSpaceRunes := 0, 0, -1, 0
		for i, c := range s {
			if n == maxBlock {
				cut = i
				break
			}
			n++
			cut = i + utf8.RuneLen(c)
			if c == ' ' {
				lastSpace, lastSpaceRunes = cut, n
			}
		}
		if n == maxBlock && cut < len(s) && lastSpace > 0 {
			cut, n = lastSpace, lastSpaceRunes
		}
		out = append(out, block{start: r, end: r + n, bstart: bs, bend: bs + cut})
		r += n
		bs += cut
		s = s[cut:]
	}
	out[len(out)-1].brk = b.brk
	return out
}

// blockAt returns the index of the block holding code point off; an offset
// inside a line break belongs to the block before it.
func blockAt(blocks []block, off int) int {
	i := sort.Search(len(blocks), func(i int) bool { return blocks[i].start > off }) - 1
	return max(i, 0)
}

// displayText is what a line of the text looks like on screen: control
// characters (tabs) become spaces one for one, so that code point k of the
// text is code point k of what is drawn and measured.
func displayText(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] == 0x7f {
			return strings.Map(func(r rune) rune {
				if r < ' ' || r == 0x7f {
					return ' '
				}
				return r
			}, s)
		}
	}
	return s
}

// fenwick is a binary indexed tree of per-block line counts: prefix sums
// (the first line of a block) and the block at a line in O(log n).
type fenwick struct {
	tree []int32
	vals []int32
}

func newFenwick(vals []int32) *fenwick {
	f := &fenwick{tree: make([]int32, len(vals)+1), vals: vals}
	for i, v := range vals {
		f.tree[i+1] += v
		if j := (i + 1) + ((i + 1) & -(i + 1)); j <= len(vals) {
			f.tree[j] += f.tree[i+1]
		}
	}
	return f
}

// set changes the count of block i.
func (f *fenwick) set(i int, v int32) {
	d := v - f.vals[i]
	if d == 0 {
		return
	}
	f.vals[i] = v
	for j := i + 1; j < len(f.tree); j += j & -j {
		f.tree[j] += d
	}
}

// prefix is the sum of the counts of blocks [0, i).
func (f *fenwick) prefix(i int) int {
	s := int32(0)
	for j := i; j > 0; j -= j & -j {
		s += f.tree[j]
	}
	return int(s)
}

// total is the sum of all counts.
func (f *fenwick) total() int { return f.prefix(len(f.vals)) }

// find returns the block i with prefix(i) <= line < prefix(i+1), clamped to
// the blocks.
func (f *fenwick) find(line int) int {
	if line < 0 {
		return 0
	}
	pos, rem := 0, int32(line)
	step := 1
	for step*2 < len(f.tree) {
		step *= 2
	}
	for ; step > 0; step /= 2 {
		if n := pos + step; n < len(f.tree) && f.tree[n] <= rem {
			pos = n
			rem -= f.tree[n]
		}
	}
	return min(pos, len(f.vals)-1)
}

// measurer measures text in the view's font and size. Word widths are kept
// in a map of its own, which is faster than Fyne's shared cache for the
// many repeated words of a long text.
type measurer struct {
	size  float32
	style fyne.TextStyle
	words map[string]float32
	runes map[rune]float32
	caps  map[capKey]capFit // captions cut to the margin
	// capRatio corrects estimates of caption widths (see fitCaption).
	capRatio float32
}

func newMeasurer(size float32) *measurer {
	return &measurer{size: size, words: map[string]float32{}, runes: map[rune]float32{}, caps: map[capKey]capFit{}}
}

// width measures s exactly (Fyne's text measurement).
func (m *measurer) width(s string) float32 {
	if s == "" {
		return 0
	}
	return fyne.MeasureText(s, m.size, m.style).Width
}

// word measures a word (with its trailing spaces) through the cache.
func (m *measurer) word(s string) float32 {
	if w, ok := m.words[s]; ok {
		return w
	}
	w := m.width(s)
	if len(m.words) > 200_000 {
		clear(m.words)
	}
	m.words[strings.Clone(s)] = w
	return w
}

// wrap breaks the display text of a block into lines no wider than width,
// after spaces where it can and inside a word only when the word alone is
// too wide. It returns the code-point offset, relative to the block, at
// which each line starts; the first is 0. An empty block is one line.
func (m *measurer) wrap(s string, width float32) []int32 {
	starts := []int32{0}
	if s == "" {
		return starts
	}
	var lineW float32 // width of the current line so far, trailing spaces included
	runes := 0        // code points before the current word
	for len(s) > 0 {
		// One word and the spaces after it.
		end := 0
		for end < len(s) && s[end] != ' ' {
			_, n := utf8.DecodeRuneInString(s[end:])
			end += n
		}
		word := end
		for end < len(s) && s[end] == ' ' {
			end++
		}
		wordW := m.word(s[:word])
		fullW := wordW
		if end > word {
			fullW = m.word(s[:end])
		}
		lineStart := int(starts[len(starts)-1])
		switch {
		case lineW+wordW <= width:
			lineW += fullW
		case wordW <= width:
			if runes != lineStart {
				starts = append(starts, int32(runes))
			}
			lineW = fullW
		default:
			// The word alone is wider than the line: cut it where it fills one.
			if runes != lineStart {
				starts = append(starts, int32(runes))
			}
			rest, at := s[:word], runes
			for {
				k := fitRunes(m, rest, width)
				bk := len(rest)
				if offs := runeOffsets(rest); k < len(offs) {
					bk = offs[k]
				}
				if bk >= len(rest) {
					lineW = m.width(rest) + (fullW - wordW)
					break
				}
				at += k
				starts = append(starts, int32(at))
				rest = rest[bk:]
			}
		}
		runes += utf8.RuneCountInString(s[:end])
		s = s[end:]
	}
	return starts
}

// fitRunes returns how many leading code points of s fit in width (at least
// one, so that wrapping always advances).
func fitRunes(m *measurer, s string, width float32) int {
	offs := runeOffsets(s)
	n := len(offs) - 1
	k := sort.Search(n, func(k int) bool { return m.width(s[:offs[k+1]]) > width })
	return max(k, 1)
}

// runeOffsets returns the byte offset of every code point of s, and len(s)
// last.
func runeOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}

// firstWider returns the first boundary k in [0, n] of a line of n code
// points whose prefix is wider than x, or n+1 when none is (width(k) is the
// exact width of the first k code points). It gallops out from guess, so a
// good guess costs only a few measurements, and a bad one O(log n).
func firstWider(n int, width func(k int) float32, x float32, guess int) int {
	wider := func(k int) bool { return k > n || width(k) > x }
	g := min(max(guess, 0), n)
	var lo, hi int // the answer is in (lo, hi], and width(lo) <= x
	if wider(g) {
		if g == 0 {
			return 0
		}
		hi = g
		for step := 1; ; step *= 2 {
			lo = max(g-step, 0)
			if !wider(lo) {
				break
			}
			if hi = lo; lo == 0 {
				return 0
			}
		}
	} else {
		lo = g
		for step := 1; ; step *= 2 {
			hi = min(g+step, n+1)
			if wider(hi) {
				break
			}
			lo = hi
		}
	}
	return lo + 1 + sort.Search(hi-lo-1, func(i int) bool { return wider(lo + 1 + i) })
}

// hitRune returns the code point boundary of a line of n code points
// nearest to x (guess is where to start looking).
func hitRune(n int, width func(k int) float32, x float32, guess int) int {
	if x <= 0 || n == 0 {
		return 0
	}
	k := firstWider(n, width, x, guess)
	if k > n {
		return n
	}
	// x lies between boundaries k-1 and k: take the nearer.
	if x-width(k-1) < width(k)-x {
		return k - 1
	}
	return k
}

// runeUnder returns the code point of a line of n code points whose glyph
// is under x, or -1 when x is beyond the text.
func runeUnder(n int, width func(k int) float32, x float32, guess int) int {
	if x < 0 || n == 0 {
		return -1
	}
	k := firstWider(n, width, x, guess)
	if k > n {
		return -1
	}
	return k - 1
}

// guessRune estimates the boundary of s nearest to x by adding up the
// widths of its code points measured one by one (cached): no shaping of
// the whole line, and off by kerning only, which firstWider then corrects
// with exact measurements.
func (m *measurer) guessRune(s string, x float32) int {
	var w float32
	k := 0
	for _, r := range s {
		rw := m.runeWidth(r)
		if w+rw/2 > x {
			return k
		}
		w += rw
		k++
	}
	return k
}

// runeWidth is the width of code point r alone, cached.
func (m *measurer) runeWidth(r rune) float32 {
	w, ok := m.runes[r]
	if !ok {
		w = m.width(string(r))
		m.runes[r] = w
	}
	return w
}

// runeWidths estimates the width of s without shaping it: the sum of its
// code points' widths (kerning aside).
func (m *measurer) runeWidths(s string) float32 {
	var w float32
	for _, r := range s {
		w += m.runeWidth(r)
	}
	return w
}

// estimateLines guesses how many lines a block of n code points wraps to.
func estimateLines(n int, avg, width float32) int32 {
	if n == 0 || width <= 0 {
		return 1
	}
	return int32(max(1, math.Ceil(float64(float32(n)*avg/width))))
}
