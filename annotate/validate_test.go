package annotate_test

import (
	"fmt"
	"strings"
	"testing"

	"gloss/annotate"
)

func TestValidate(t *testing.T) {
	text := "Akar 😀 said “no”"
	ls := annotate.DefaultLabelSet()
	span := func(id string, start, end int, label, stext string) annotate.Span {
		return annotate.Span{ID: id, Start: start, End: end, Label: label, Text: stext}
	}
	tests := []struct {
		name      string
		spans     []annotate.Span
		relations []annotate.Relation
		want      []string // substrings, one per problem, in order
	}{
		{"clean", []annotate.Span{span("a", 0, 4, "ACTOR", "Akar"), span("q", 13, 15, "QUOTE", "no")},
			[]annotate.Relation{{ID: "r", Label: "SAID_BY", From: "q", To: "a"}}, nil},
		{"emoji counts one", []annotate.Span{span("a", 5, 6, "ACTOR", "😀")}, nil, nil},
		{"out of range", []annotate.Span{span("a", 10, 40, "ACTOR", "")}, nil,
			[]string{"span 1 (id a): offsets [10,40) out of range: the text has 16 code points"}},
		{"empty", []annotate.Span{span("a", 4, 4, "ACTOR", "")}, nil, []string{"start 4 is not before end 4"}},
		{"negative", []annotate.Span{span("a", -1, 4, "ACTOR", "")}, nil, []string{"out of range"}},
		{"text mismatch", []annotate.Span{span("a", 0, 4, "ACTOR", "Akr")}, nil,
			[]string{`text "Akr" does not match the text at [0,4): "Akar"`}},
		{"unknown label", []annotate.Span{span("a", 0, 4, "PERSON", "Akar")}, nil, []string{`unknown label "PERSON"`}},
		{"duplicate", []annotate.Span{span("a", 0, 4, "ACTOR", "Akar"), span("b", 0, 4, "ACTOR", "Akar")}, nil,
			[]string{"span 2 (id b): duplicate of span 1"}},
		{"same range other label is fine", []annotate.Span{span("a", 0, 4, "ACTOR", "Akar"), span("b", 0, 4, "CLAIM", "Akar")}, nil, nil},
		{"duplicate id", []annotate.Span{span("a", 0, 4, "ACTOR", "Akar"), span("a", 13, 15, "QUOTE", "no")}, nil,
			[]string{"id already used by span 1"}},
		{"relation to missing span", []annotate.Span{span("q", 13, 15, "QUOTE", "no")},
			[]annotate.Relation{{ID: "r", Label: "SAID_BY", From: "q", To: "zz"}}, []string{`relation 1 (id r): to "zz": no such span`}},
		{"relation not allowed", []annotate.Span{span("a", 0, 4, "ACTOR", "Akar"), span("q", 13, 15, "QUOTE", "no")},
			[]annotate.Relation{{ID: "r", Label: "SAID_BY", From: "a", To: "q"}}, []string{"SAID_BY may not link ACTOR to QUOTE"}},
		{"empty label", []annotate.Span{span("a", 0, 4, "", "Akar")}, nil, []string{"span 1 (id a): empty label name"}},
		{"control character in a label", []annotate.Span{span("a", 0, 4, "A B\n\tC", "Akar")}, nil,
			[]string{`label name "A B\n\tC" has the control character U+000A`}},
		{"empty relation label", []annotate.Span{span("a", 0, 4, "ACTOR", "Akar"), span("q", 13, 15, "QUOTE", "no")},
			[]annotate.Relation{{ID: "r", Label: " ", From: "q", To: "a"}}, []string{"relation 1 (id r): empty label name"}},
		{"unknown relation", []annotate.Span{span("a", 0, 4, "ACTOR", "Akar"), span("q", 13, 15, "QUOTE", "no")},
			[]annotate.Relation{{ID: "r", Label: "LIKES", From: "q", To: "a"}}, []string{`unknown relation "LIKES"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &annotate.Document{ID: "d", Text: text, Spans: tt.spans, Relations: tt.relations}
			ps := annotate.Validate(d, ls)
			if len(ps) != len(tt.want) {
				t.Fatalf("got %d problems %v, want %d", len(ps), ps, len(tt.want))
			}
			for i, p := range ps {
				if !strings.Contains(p.String(), tt.want[i]) {
					t.Errorf("problem %d = %q, want it to contain %q", i, p, tt.want[i])
				}
			}
		})
	}
}

func TestValidateWithoutLabelSetSkipsLabels(t *testing.T) {
	d := &annotate.Document{Text: "abc", Spans: []annotate.Span{{ID: "x", Start: 0, End: 1, Label: "ANY"}}}
	if ps := annotate.Validate(d, nil); len(ps) != 0 {
		t.Errorf("problems %v", ps)
	}
}

// TestValidateLongMismatch checks that a text mismatch between two long
// strings shows where they differ, not two cut prefixes that look alike.
func TestValidateLongMismatch(t *testing.T) {
	text := strings.Repeat("The minister said the talks would go on. ", 3) + "😀 end"
	n := len([]rune(text))
	stated := []rune(text)
	stated[100] = 'X'
	d := &annotate.Document{ID: "d", Text: text, Spans: []annotate.Span{{ID: "a", Start: 0, End: n, Label: "QUOTE", Text: string(stated)}}}
	ps := annotate.Validate(d, nil)
	if len(ps) != 1 {
		t.Fatalf("problems %v, want 1", ps)
	}
	msg := ps[0].String()
	for _, want := range []string{"differs from code point 100 of " + fmt.Sprint(n), `said Xhe`, `…"ster said the`} {
		if !strings.Contains(msg, want) {
			t.Errorf("%s\nwants %q", msg, want)
		}
	}
	if len(msg) > 400 {
		t.Errorf("message of %d bytes: %s", len(msg), msg)
	}
}

func TestMismatch(t *testing.T) {
	for _, tt := range []struct{ got, want, g, w string }{
		{"Akr", "Akar", `"Akr"`, `"Akar"`},
		{strings.Repeat("a", 70) + "b", strings.Repeat("a", 70) + "c",
			`…"aaaaaaaaaab" (differs from code point 70 of 71)`, `…"aaaaaaaaaac" (differs from code point 70 of 71)`},
		{strings.Repeat("é", 80), strings.Repeat("é", 70),
			`…"éééééééééééééééééééé" (differs from code point 70 of 80)`, `…"éééééééééé" (differs from code point 70 of 70)`},
	} {
		g, w := annotate.Mismatch(tt.got, tt.want)
		if g != tt.g || w != tt.w {
			t.Errorf("Mismatch(%q, %q) = %s, %s; want %s, %s", tt.got, tt.want, g, w, tt.g, tt.w)
		}
	}
}
