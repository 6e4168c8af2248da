package project

import (
	"fmt"
	"unicode/utf8"
)

// maxNameLen bounds an annotator's name: it becomes a file name, and file
// systems limit those to 255 bytes.
const maxNameLen = 64

// CheckName reports why name cannot be an annotator's or reviewer's name,
// or nil when it can. A name becomes the file annotations/NAME.jsonl, so it
// is made of letters, digits, '-', '_' and '.' only (no '/', no '\', no
// white space), and it may not start with '.' or '-': that refuses "..",
// hidden files and anything git could read as an option.
func CheckName(name string) error {
	switch {
	case name == "":
		return fmt.Errorf("empty name")
	case len(name) > maxNameLen:
		return fmt.Errorf("name %q is longer than %d characters", truncate(name), maxNameLen)
	case name[0] == '.' || name[0] == '-':
		return fmt.Errorf("name %q may not start with %q", name, name[:1])
	}
	for _, r := range name {
		if !nameRune(r) {
			return fmt.Errorf("name %q has %q: a name is letters, digits, '-', '_' and '.' (it becomes a file name)", truncate(name), r)
		}
	}
	return nil
}

func nameRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
		r == '-' || r == '_' || r == '.'
}

// truncate shortens s for a message, at a code point boundary.
func truncate(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
