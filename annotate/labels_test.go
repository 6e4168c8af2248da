package annotate_test

import (
	"strings"
	"testing"

	"gloss/annotate"
)

func TestDefaultLabelSet(t *testing.T) {
	ls := annotate.DefaultLabelSet()
	var names []string
	for _, l := range ls.Labels {
		names = append(names, l.Name+"/"+l.Key)
	}
	if got := strings.Join(names, " "); got != "ACTOR/a CLAIM/c QUOTE/q" {
		t.Errorf("labels = %s", got)
	}
	for _, tt := range []struct {
		key  rune
		want string
	}{{'a', "ACTOR"}, {'A', "ACTOR"}, {'c', "CLAIM"}, {'q', "QUOTE"}, {'1', "ACTOR"}, {'3', "QUOTE"}, {'4', ""}, {'x', ""}} {
		got := ""
		if l := ls.LabelForKey(tt.key); l != nil {
			got = l.Name
		}
		if got != tt.want {
			t.Errorf("LabelForKey(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
	if !ls.Allows("SAID_BY", "QUOTE", "ACTOR") || !ls.Allows("SAID_BY", "CLAIM", "ACTOR") {
		t.Error("SAID_BY should link QUOTE and CLAIM to ACTOR")
	}
	if ls.Allows("SAID_BY", "ACTOR", "QUOTE") || ls.Allows("SAID_BY", "ACTOR", "ACTOR") {
		t.Error("SAID_BY allows a pair it should not")
	}
}

func TestParseLabelSetErrors(t *testing.T) {
	tests := []struct{ toml, want string }{
		{``, "no [[label]]"},
		{`[[label]]
name = ""`, "empty name"},
		{`[[label]]
name = "A"
[[label]]
name = "A"`, `label "A" defined twice`},
		{`[[label]]
name = "A"
key = "ab"`, "must be one character"},
		{`[[label]]
name = "A"
key = "3"`, "1–9 pick labels"},
		{`[[label]]
name = "A"
key = "x"
[[label]]
name = "B"
key = "x"`, `already "A"'s`},
		{`[[label]]
name = "A"
color = "blue"`, "not #rrggbb"},
		{`[[label]]
name = "A"
[[relation]]
name = "R"
from = ["A"]
to = ["Z"]`, `unknown label "Z"`},
		{`[[label]]
name = "A"
colour = "#000000"`, `unknown key "label.colour"`},
		{`[[label]`, "labels.toml"},
	}
	for _, tt := range tests {
		_, err := annotate.ParseLabelSet([]byte(tt.toml), "labels.toml")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseLabelSet(%q) error = %v, want %q", tt.toml, err, tt.want)
		}
	}
}

func TestParseLabelSetFallbackColor(t *testing.T) {
	ls, err := annotate.ParseLabelSet([]byte("[[label]]\nname = \"X\"\n"), "x.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := annotate.ParseColor(ls.Labels[0].Color); err != nil {
		t.Errorf("fallback colour %q: %v", ls.Labels[0].Color, err)
	}
}

func TestDefaultLabelSetIsACopy(t *testing.T) {
	a := annotate.DefaultLabelSet()
	a.Labels[0].Name = "CHANGED"
	a.Relations[0].To[0] = "CHANGED"
	b := annotate.DefaultLabelSet()
	if b.Labels[0].Name != "ACTOR" || b.Relations[0].To[0] != "ACTOR" {
		t.Errorf("a change to one copy reached another: %+v", b)
	}
}
