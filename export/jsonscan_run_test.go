package export

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPlainRun: eight bytes at a time, plainRun stops exactly where a byte
// by byte look does, for every stopping byte at every position of a word.
func TestPlainRun(t *testing.T) {
	naive := func(b []byte, nonASCII bool) int {
		for i, c := range b {
			if c < 0x20 || c == '"' || c == '\\' || nonASCII && c >= 0x80 {
				return i
			}
		}
		return len(b)
	}
	alphabet := []byte{'a', ' ', '~', 0x1f, 0x20, '"', '\\', 0x21, 0x5b, 0x5d, 0x7f, 0x80, 0xc3, 0xff, 0x00, '!', '#'}
	rng := rand.New(rand.NewPCG(3, 4))
	for k := range 20000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = 'x'
			if rng.IntN(6) == 0 {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
		}
		for _, nonASCII := range []bool{false, true} {
			if got, want := plainRun(b, nonASCII), naive(b, nonASCII); got != want {
				t.Fatalf("case %d %q nonASCII=%v: %d, want %d", k, b, nonASCII, got, want)
			}
			if got, want := plainRun(string(b), nonASCII), naive(b, nonASCII); got != want {
				t.Fatalf("case %d %q (string) nonASCII=%v: %d, want %d", k, b, nonASCII, got, want)
			}
		}
	}
}

// TestLineBreakIn agrees with strings.ContainsAny on the five line breaks.
func TestLineBreakIn(t *testing.T) {
	for _, s := range []string{"", " ", "  ", "\n", " \r", "\u0085", "a\u2028", "\u2029b", "\u00c2", "\u00e2\u0080", "é", "€", "\u2027", "\u202a", "x\xc2", "x\xe2\x80"} {
		if got, want := lineBreakIn(s), strings.ContainsAny(s, "\r\n\u2028\u2029\u0085"); got != want {
			t.Errorf("lineBreakIn(%q) = %v, want %v", s, got, want)
		}
	}
}
