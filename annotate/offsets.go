package annotate

import (
	"sort"
	"unicode/utf8"
)

// runeStride is how many code points lie between two checkpoints of a
// RuneIndex. Converting an offset decodes at most this many runes.
const runeStride = 64

// RuneIndex converts between code-point offsets (the unit of every offset in
// Gloss) and byte offsets into a Go string. It is the one place where that
// conversion happens: rune→byte is O(1) (a checkpoint plus at most 63
// decoded runes) and byte→rune is O(log n).
//
// Pure ASCII text needs no table at all: both conversions are the identity.
type RuneIndex struct {
	text  string
	runes int
	// checkpoints[k] is the byte offset of code point k*runeStride.
	// It is nil when the text is pure ASCII.
	checkpoints []int
}

// NewRuneIndex builds the index of text in one pass.
func NewRuneIndex(text string) *RuneIndex {
	ix := &RuneIndex{text: text}
	if asciiPrefix(text) == len(text) {
		ix.runes = len(text)
		return ix
	}
	ix.checkpoints = make([]int, 0, len(text)/runeStride+1)
	// Eight ASCII bytes are eight code points, skipped at once when no
	// checkpoint falls inside; other code points are decoded as range
	// does (an invalid byte is one code point).
	n := 0
	for i := 0; i < len(text); {
		if n%runeStride <= runeStride-8 && i+8 <= len(text) && load64(text, i)&0x8080808080808080 == 0 {
			if n%runeStride == 0 {
				ix.checkpoints = append(ix.checkpoints, i)
			}
			n, i = n+8, i+8
			continue
		}
		if n%runeStride == 0 {
			ix.checkpoints = append(ix.checkpoints, i)
		}
		n++
		if text[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	ix.runes = n
	return ix
}

// load64 returns the eight bytes of s from i as one little-endian word.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// asciiPrefix returns the length of the longest prefix of s that is ASCII,
// looking at eight bytes at a time.
func asciiPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s) && load64(s, i)&0x8080808080808080 == 0; i += 8 {
	}
	for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
	}
	return i
}

// Len is the number of code points in the text.
func (ix *RuneIndex) Len() int { return ix.runes }

// Text is the string this index describes.
func (ix *RuneIndex) Text() string { return ix.text }

// ByteOffset returns the byte offset of code point r. r is clamped to
// [0, Len()], so ByteOffset(Len()) is len(text).
func (ix *RuneIndex) ByteOffset(r int) int {
	if r <= 0 {
		return 0
	}
	if r >= ix.runes {
		return len(ix.text)
	}
	if ix.checkpoints == nil {
		return r
	}
	return ix.advance(ix.checkpoints[r/runeStride], r%runeStride)
}

// advance returns the byte offset k code points after byte offset b of
// the text (which has k more), skipping eight ASCII bytes at a time.
func (ix *RuneIndex) advance(b, k int) int {
	text := ix.text
	for k > 0 {
		if k >= 8 && b+8 <= len(text) && load64(text, b)&0x8080808080808080 == 0 {
			b, k = b+8, k-8
			continue
		}
		if text[b] < utf8.RuneSelf {
			b, k = b+1, k-1
			continue
		}
		_, size := utf8.DecodeRuneInString(text[b:])
		b, k = b+size, k-1
	}
	return b
}

// RuneOffset returns the code-point offset of byte offset b. A byte offset
// inside a multi-byte sequence counts as the code point that contains it.
// b is clamped to [0, len(text)].
func (ix *RuneIndex) RuneOffset(b int) int {
	if b <= 0 {
		return 0
	}
	if b >= len(ix.text) {
		return ix.runes
	}
	if ix.checkpoints == nil {
		return b
	}
	// The last checkpoint at or before b.
	k := sort.Search(len(ix.checkpoints), func(i int) bool { return ix.checkpoints[i] > b }) - 1
	r := k * runeStride
	for p := ix.checkpoints[k]; p < b; {
		if ix.text[p] < utf8.RuneSelf {
			p++
		} else {
			_, size := utf8.DecodeRuneInString(ix.text[p:])
			if p+size > b {
				break
			}
			p += size
		}
		r++
	}
	return r
}

// Slice returns the text between code points start and end (end exclusive),
// clamped to the text.
func (ix *RuneIndex) Slice(start, end int) string {
	if end < start {
		return ""
	}
	b := ix.ByteOffset(start)
	if start < 0 || end >= ix.runes || ix.checkpoints == nil || end-start >= runeStride {
		return ix.text[b:ix.ByteOffset(end)]
	}
	// A short slice (a span's text, checked for every span of a corpus)
	// is walked from its start rather than from end's checkpoint, which
	// is on average half a stride back.
	return ix.text[b:ix.advance(b, end-start)]
}

// UTF16Offsets converts code-point offsets to UTF-16 code-unit offsets and
// back. doccano and INCEpTION count in UTF-16; Gloss converts at the edge.
type UTF16Offsets struct {
	ix *RuneIndex
	// astral[k] is the number of astral-plane code points (two UTF-16 units)
	// before checkpoint k. nil when the text has no astral code points.
	astralBefore []int
	astralRunes  []int // code-point offsets of every astral code point, sorted
}

// NewUTF16Offsets prepares conversions for the text of ix.
func NewUTF16Offsets(ix *RuneIndex) *UTF16Offsets {
	u := &UTF16Offsets{ix: ix}
	if ix.checkpoints == nil {
		return u
	}
	r := 0
	for _, c := range ix.text {
		if c > 0xFFFF {
			u.astralRunes = append(u.astralRunes, r)
		}
		r++
	}
	return u
}

// FromRune converts a code-point offset to a UTF-16 offset.
func (u *UTF16Offsets) FromRune(r int) int {
	// Every astral code point before r adds one unit.
	n := sort.SearchInts(u.astralRunes, r)
	return r + n
}

// ToRune converts a UTF-16 offset to a code-point offset. An offset that falls
// between the two halves of a surrogate pair counts as the code point that
// contains it; ok is false then, so callers can report it.
func (u *UTF16Offsets) ToRune(w int) (r int, ok bool) {
	// Find r with r + astral(<r) == w. astral(<r) is monotone, so search.
	lo, hi := 0, len(u.astralRunes)
	// n = number of astral runes whose UTF-16 start is < w.
	for lo < hi {
		m := (lo + hi) / 2
		if u.astralRunes[m]+m < w {
			lo = m + 1
		} else {
			hi = m
		}
	}
	n := lo
	// If the n-th astral rune (0-based n-1) starts at w-1 in UTF-16, w is inside it.
	if n > 0 && u.astralRunes[n-1]+(n-1)+1 == w {
		return u.astralRunes[n-1], false
	}
	return w - n, true
}
