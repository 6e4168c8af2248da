package annotate_test

import (
	"fmt"
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

// TestParseLabelSetErrors checks that each bad label set is refused with
// the line at fault: "labels.toml:LINE: what is wrong".
func TestParseLabelSetErrors(t *testing.T) {
	tests := []struct{ toml, want string }{
		{``, "labels.toml: no [[label]]"},
		{`[[label]]
name = ""`, "labels.toml:2: label 1: empty label name"},
		{`[[label]]
name = "A"
[[label]]
name = "A"`, `labels.toml:4: label 2: label "A" defined twice`},
		{`[[label]]
name = "A"
key = "ab"`, "labels.toml:3: label 1: key \"ab\" of \"A\" must be one character"},
		{`[[label]]
name = "A"
key = "3"`, "labels.toml:3: label 1: key \"3\" of \"A\" is taken: 1–9 pick labels"},
		{`[[label]]
name = "A"
key = "x"
[[label]]
name = "B"
key = "x"`, `labels.toml:6: label 2: key "x" of "B" is already "A"'s`},
		// Key lookup ignores case, so "A" and "a" are one key.
		{`[[label]]
name = "ACTOR"
key = "a"

[[label]]
name = "AGENT"
key = "A"`, `labels.toml:7: label 2: key "A" of "AGENT" is already "ACTOR"'s (keys match ignoring case)`},
		{`[[label]]
name = "Ä"
key = "ö"
[[label]]
name = "B"
key = "Ö"`, `labels.toml:6: label 2: key "Ö" of "B" is already "Ä"'s`},
		{`[[label]]
name = "A"
color = "blue"`, `labels.toml:3: label 1: colour "blue" is not #rrggbb`},
		{`[[label]]
name = "A"
[[relation]]
name = "R"
from = ["A"]
to = ["Z"]`, `labels.toml:6: relation 1: "R" links unknown label "Z"`},
		{`[[label]]
name = "A"
colour = "#000000"`, `labels.toml:3: unknown key "label.colour"`},
		{`[[label]`, "labels.toml:1: "},
		{"[[label]]\nname = 5\n", "labels.toml:2: label.name: incompatible types"},
		// Names that CoNLL, brat and Prodigy files cannot carry.
		{"[[label]]\nname = \"A B\\n\\tC\"\n", `labels.toml:2: label 1: label name "A B\n\tC" has the control character U+000A`},
		{"[[label]]\nname = \"A\"\n[[relation]]\nname = \"R\\u2028\"\n", `labels.toml:4: relation 1: label name "R\u2028" has the control character U+2028`},
		{"[[label]]\nname = \"" + strings.Repeat("x", 300) + "\"\n", "labels.toml:2: label 1: label name of 300 bytes (at most 256)"},
		// A multi-line description does not shift the lines after it.
		{"[[label]]\nname = \"A\"\ndescription = \"\"\"one\n[[label]]\nthree\"\"\"\n[[label]]\nname = \"A\"\n", `labels.toml:7: label 2: label "A" defined twice`},
	}
	for _, tt := range tests {
		_, err := annotate.ParseLabelSet([]byte(tt.toml), "labels.toml")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseLabelSet(%q) error = %v, want %q", tt.toml, err, tt.want)
		}
	}
	var many strings.Builder
	for i := range annotate.MaxLabels + 1 {
		fmt.Fprintf(&many, "[[label]]\nname = \"L%d\"\n", i)
	}
	if _, err := annotate.ParseLabelSet([]byte(many.String()), "labels.toml"); err == nil || !strings.Contains(err.Error(), "at most 1000") {
		t.Errorf("%d labels: error %v, want at most 1000", annotate.MaxLabels+1, err)
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

// TestParseLabelSetTables reads the label tables of a file with other
// settings, naming that file's own lines.
func TestParseLabelSetTables(t *testing.T) {
	src := "name = \"news\"\noverlap = 2\n\n[[label]]\nname = \"A\"\n\n[[label]]\nname = \"B\"\nkey = \"b\"\n[[label]]\nname = \"C\"\nkey = \"B\"\n"
	if _, err := annotate.ParseLabelSetTables([]byte(src), "gloss.toml"); err == nil || !strings.Contains(err.Error(), `gloss.toml:12: label 3: key "B" of "C" is already "B"'s`) {
		t.Errorf("error %v", err)
	}
	ls, err := annotate.ParseLabelSetTables([]byte(src[:strings.LastIndex(src, "[[label]]")]), "gloss.toml")
	if err != nil || len(ls.Labels) != 2 {
		t.Errorf("%v, %v", ls, err)
	}
	if _, err := annotate.ParseLabelSet([]byte(src), "labels.toml"); err == nil || !strings.Contains(err.Error(), `labels.toml:1: unknown key "name"`) {
		t.Errorf("ParseLabelSet kept other keys: %v", err)
	}
}
