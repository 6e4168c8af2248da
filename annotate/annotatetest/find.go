package annotatetest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Find returns the code-point range [start, end) of the nth (0-based)
// occurrence of phrase in text, and fails the test when there is none.
// Tests name spans by the words they cover rather than by offsets, which
// drift silently when a test text changes.
func Find(t testing.TB, text, phrase string, nth int) (start, end int) {
	t.Helper()
	from := 0
	for {
		i := strings.Index(text[from:], phrase)
		if i < 0 {
			t.Fatalf("%q not found (occurrence %d)", phrase, nth)
		}
		if nth == 0 {
			s := utf8.RuneCountInString(text[:from+i])
			return s, s + utf8.RuneCountInString(phrase)
		}
		nth--
		from += i + len(phrase)
	}
}
