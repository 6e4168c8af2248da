package export

import (
	"math/rand/v2"
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
