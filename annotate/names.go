package annotate

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxLabelName is the longest label or relation name, in bytes: longer
// ones are a mistake (a sentence pasted as a label), and every exporter
// repeats the name on each span or token.
const MaxLabelName = 256

// CheckLabelName reports why name cannot be a span or relation label: it
// is empty, too long, or holds a control character or a line or paragraph
// separator, which CoNLL, brat and Prodigy files cannot carry and read
// back. Spaces are allowed (brat writes them as '_').
func CheckLabelName(name string) error {
	if strings.TrimSpace(name) == "" {
		return errors.New("empty label name")
	}
	if len(name) > MaxLabelName {
		return fmt.Errorf("label name of %d bytes (at most %d)", len(name), MaxLabelName)
	}
	for i, r := range name {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return fmt.Errorf("label name %q has the control character %U at byte %d", name, r, i)
		}
	}
	return nil
}

// Mismatch quotes got and want, two texts that should be equal, for a
// message: in full when both are short, else each from a little before the
// code point where they part, with that code point and the length, so that
// the difference shows however long they are.
func Mismatch(got, want string) (quotedGot, quotedWant string) {
	const short = 60
	if utf8.RuneCountInString(got) <= short && utf8.RuneCountInString(want) <= short {
		return fmt.Sprintf("%q", got), fmt.Sprintf("%q", want)
	}
	at, b := 0, 0 // the first differing code point and its byte offset
	for b < len(got) && b < len(want) {
		r1, n1 := utf8.DecodeRuneInString(got[b:])
		r2, n2 := utf8.DecodeRuneInString(want[b:])
		if r1 != r2 || n1 != n2 {
			break
		}
		b += n1
		at++
	}
	from := b // a little context before, common to both
	for k := 0; k < 10 && from > 0; k++ {
		_, n := utf8.DecodeLastRuneInString(got[:from])
		from -= n
	}
	return excerpt(got, from, b, at), excerpt(want, from, b, at)
}

// excerpt quotes s from byte from to 30 code points after byte at (code
// point n), with "…" where it cuts, and says where it parts and how long s
// is.
func excerpt(s string, from, at, n int) string {
	end := at
	for k := 0; k < 30 && end < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[end:])
		end += size
	}
	q := fmt.Sprintf("%q", s[from:end])
	if from > 0 {
		q = "…" + q
	}
	if end < len(s) {
		q += "…"
	}
	return fmt.Sprintf("%s (differs from code point %d of %d)", q, n, utf8.RuneCountInString(s))
}
