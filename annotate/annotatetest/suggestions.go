package annotatetest

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"gloss/annotate"
)

// CheckSuggestions asserts what every suggestion must be, whatever the text:
// in range, non-empty, its text equal to the document's text at its code
// point offsets, suggested, explained, not a duplicate.
func CheckSuggestions(t testing.TB, d *annotate.Document, spans []annotate.Span, rels []annotate.Relation) {
	t.Helper()
	n := utf8.RuneCountInString(d.Text)
	runes := []rune(d.Text)
	seen := map[string]bool{}
	for _, s := range d.Spans {
		seen[fmt.Sprint(s.Start, s.End, s.Label)] = true
	}
	ids := map[string]string{}
	for _, s := range d.Spans {
		ids[s.ID] = s.Label
	}
	for _, s := range spans {
		if s.Start < 0 || s.End > n || s.Start >= s.End {
			t.Fatalf("span %+v out of range [0,%d)", s, n)
		}
		if got := string(runes[s.Start:s.End]); got != s.Text {
			t.Fatalf("span [%d,%d) %s: text %q, the document has %q", s.Start, s.End, s.Label, s.Text, got)
		}
		if !s.Suggested || s.Reason == "" || s.ID == "" {
			t.Fatalf("span %+v: not suggested, or without reason or id", s)
		}
		k := fmt.Sprint(s.Start, s.End, s.Label)
		if seen[k] {
			t.Fatalf("span %+v duplicates another span", s)
		}
		seen[k] = true
		if _, dup := ids[s.ID]; dup {
			t.Fatalf("span id %s used twice", s.ID)
		}
		ids[s.ID] = s.Label
	}
	ls := annotate.DefaultLabelSet()
	for _, r := range rels {
		from, ok1 := ids[r.From]
		to, ok2 := ids[r.To]
		if !ok1 || !ok2 {
			t.Fatalf("relation %+v points at a missing span", r)
		}
		if !ls.Allows(r.Label, from, to) || !r.Suggested || r.Reason == "" || r.ID == "" {
			t.Fatalf("relation %+v (%s→%s) not allowed or not explained", r, from, to)
		}
	}
	// The document with the suggestions added is valid.
	c := d.Clone()
	c.Spans = append(c.Spans, spans...)
	c.Relations = append(c.Relations, rels...)
	if ps := annotate.Validate(c, ls); len(ps) > 0 {
		t.Fatalf("suggestions make an invalid document: %v", ps)
	}
}
