package app

import (
	"testing"
	"unicode/utf8"

	"gloss/annotate"
)

// FuzzFindAll checks that every match is in bounds, in order, not
// overlapping, and equal to the query but for case.
func FuzzFindAll(f *testing.F) {
	f.Add("Turkey and TURKEY", "turkey")
	f.Add("a\r\nb\r\nab", "b\r\na")
	f.Add("😀 Ankara 🇹🇷", "ankara 🇹🇷")
	f.Add("bad \xff bytes \xfe", "\xff")
	f.Fuzz(func(t *testing.T, text, query string) {
		folded := annotate.NewRuneIndex(foldCase(text))
		orig := annotate.NewRuneIndex(text)
		prev := 0
		for _, m := range findAll(folded, query) {
			if m[0] < prev || m[1] <= m[0] || m[1] > orig.Len() {
				t.Fatalf("match %v after %d in a text of %d code points", m, prev, orig.Len())
			}
			if got := foldCase(orig.Slice(m[0], m[1])); got != foldCase(query) && utf8.ValidString(text) && utf8.ValidString(query) {
				t.Fatalf("match %v is %q, query %q", m, got, query)
			}
			prev = m[1]
		}
	})
}
