package docview

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2/test"
)

// checkBlocks verifies that blocks tile text: each block's bytes and code
// points agree, and the breaks between them are exactly \n, \r\n or \r.
func checkBlocks(t *testing.T, text string, blocks []block) {
	t.Helper()
	runes, bytes := 0, 0
	for i, b := range blocks {
		if b.start != runes || b.bstart != bytes {
			t.Fatalf("block %d starts at %d/%d, want %d/%d", i, b.start, b.bstart, runes, bytes)
		}
		s := text[b.bstart:b.bend]
		if n := utf8.RuneCountInString(s); n != b.end-b.start {
			t.Fatalf("block %d: %d code points, its range says %d", i, n, b.end-b.start)
		}
		if strings.ContainsAny(s, "\r\n") {
			t.Fatalf("block %d holds a line break: %q", i, s)
		}
		brk := text[b.bend:]
		switch {
		case b.brk == 2 && strings.HasPrefix(brk, "\r\n"):
		case b.brk == 1 && (strings.HasPrefix(brk, "\n") || strings.HasPrefix(brk, "\r") && !strings.HasPrefix(brk, "\r\n")):
		case b.brk == 0 && (i == len(blocks)-1 || b.end-b.start > 0):
		default:
			t.Fatalf("block %d: break %d before %q", i, b.brk, brk[:min(len(brk), 3)])
		}
		runes, bytes = b.end+b.brk, b.bend+b.brk
	}
	if runes != utf8.RuneCountInString(text) || bytes != len(text) {
		t.Fatalf("blocks end at %d/%d, the text at %d/%d", runes, bytes, utf8.RuneCountInString(text), len(text))
	}
}

func TestSplitBlocks(t *testing.T) {
	long := strings.Repeat("word ", maxBlock/2) // longer than a block
	tests := []struct {
		name   string
		text   string
		blocks int
	}{
		{"empty", "", 1},
		{"one line", "abc", 1},
		{"LF", "ab\ncd", 2},
		{"CRLF", "ab\r\ncd\r\n", 3},
		{"lone CR", "ab\rcd", 2},
		{"CR CR LF", "ab\r\r\ncd", 3},
		{"blank lines", "\n\n", 3},
		{"emoji and CJK", "👍🏽 中文\r\né", 2},
		{"long paragraph", long + "\n" + long, 6},
		{"long word", strings.Repeat("é", maxBlock*2+5), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := splitBlocks(tt.text)
			if len(blocks) != tt.blocks {
				t.Errorf("%d blocks, want %d", len(blocks), tt.blocks)
			}
			checkBlocks(t, tt.text, blocks)
			for _, b := range blocks {
				if b.end-b.start > maxBlock {
					t.Errorf("a block of %d code points", b.end-b.start)
				}
			}
		})
	}
}

func TestBlockAt(t *testing.T) {
	text := "ab\r\ncd\n\nef"
	blocks := splitBlocks(text)
	for off, want := range []int{0, 0, 0, 0, 1, 1, 1, 2, 3, 3, 3} {
		if got := blockAt(blocks, off); got != want {
			t.Errorf("blockAt(%d) = %d, want %d", off, got, want)
		}
	}
}

func TestFenwick(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	vals := make([]int32, 97)
	for i := range vals {
		vals[i] = int32(1 + rng.IntN(5))
	}
	f := newFenwick(append([]int32(nil), vals...))
	for round := range 50 {
		i := rng.IntN(len(vals))
		vals[i] = int32(1 + rng.IntN(9))
		f.set(i, vals[i])
		sum := 0
		for k, v := range vals {
			if got := f.prefix(k); got != sum {
				t.Fatalf("round %d: prefix(%d) = %d, want %d", round, k, got, sum)
			}
			for line := sum; line < sum+int(v); line++ {
				if got := f.find(line); got != k {
					t.Fatalf("round %d: annotatetest.Find(%d) = %d, want %d", round, line, got, k)
				}
			}
			sum += int(v)
		}
		if f.total() != sum {
			t.Fatalf("total %d, want %d", f.total(), sum)
		}
	}
}

func TestWrap(t *testing.T) {
	test.NewTempApp(t)
	m := newMeasurer(14)
	tests := []struct {
		name  string
		text  string
		width float32
		lines int // 0: just check the invariants
	}{
		{"empty", "", 100, 1},
		{"fits", "short line", 1000, 1},
		{"wraps at spaces", "alpha beta gamma delta epsilon zeta eta theta", 120, 0},
		{"long word is cut", strings.Repeat("x", 200), 100, 0},
		{"leading spaces", "    indented text that wraps somewhere", 90, 0},
		{"emoji and CJK", "中文字符 👍🏽👍🏽 café naïve 中文字符中文字符中文字符", 80, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			starts := m.wrap(tt.text, tt.width)
			if tt.lines > 0 && len(starts) != tt.lines {
				t.Errorf("%d lines, want %d", len(starts), tt.lines)
			}
			runes := []rune(tt.text)
			if starts[0] != 0 {
				t.Fatalf("first line starts at %d", starts[0])
			}
			for i, s := range starts {
				end := int32(len(runes))
				if i+1 < len(starts) {
					end = starts[i+1]
				}
				if end <= s && len(runes) > 0 {
					t.Fatalf("line %d is empty: %v", i, starts)
				}
				line := strings.TrimRight(string(runes[s:end]), " ")
				if w := m.width(line); w > tt.width && utf8.RuneCountInString(line) > 1 {
					t.Errorf("line %d %q is %v wide, more than %v", i, line, w, tt.width)
				}
			}
		})
	}
}

func TestFirstWider(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 2000 {
		n := rng.IntN(40)
		widths := make([]float32, n+1)
		for k := 1; k <= n; k++ {
			widths[k] = widths[k-1] + float32(rng.IntN(3)) // zero-width code points too
		}
		measured := 0
		width := func(k int) float32 {
			measured++
			return widths[k]
		}
		x := float32(rng.IntN(int(widths[n])+4)) - 1.5
		guess := rng.IntN(n+5) - 2
		want := n + 1
		for k := 0; k <= n; k++ {
			if widths[k] > x {
				want = k
				break
			}
		}
		if got := firstWider(n, width, x, guess); got != want {
			t.Fatalf("round %d: widths %v x %v guess %d: got %d, want %d", round, widths, x, guess, got, want)
		}
		// A right guess costs at most two measurements.
		measured = 0
		firstWider(n, width, x, want)
		if measured > 2 {
			t.Fatalf("round %d: a right guess took %d measurements", round, measured)
		}
	}
}
