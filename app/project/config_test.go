package project

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"gloss/export"
)

const goodConfig = `# the lead's comment
name = "news"
reviewer = "lead"
overlap = 2

[[annotator]]
name = "ana"

[[annotator]]
name = "bo"

[assign]
ana = ["d1", "d2"]
bo = [
  "d1",
]
`

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig([]byte(goodConfig), "gloss.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "news" || c.Reviewer != "lead" || c.Overlap != 2 || !c.Blind || c.LabelsFile != "" || c.Inline != nil {
		t.Errorf("config = %+v", c)
	}
	if !slices.Equal(c.Annotators, []string{"ana", "bo"}) {
		t.Errorf("annotators = %v", c.Annotators)
	}
	if !slices.Equal(c.Assign["ana"], []string{"d1", "d2"}) || !slices.Equal(c.Assign["bo"], []string{"d1"}) {
		t.Errorf("assign = %v", c.Assign)
	}
	if got := c.Members(); !slices.Equal(got, []string{"ana", "bo", "lead"}) {
		t.Errorf("members = %v", got)
	}
}

func TestParseConfigInlineLabels(t *testing.T) {
	src := `name = "x"
blind = false
[[label]]
name = "PERSON"
key = "p"
[[label]]
name = "SAYS"
[[relation]]
name = "TO"
from = ["SAYS"]
to = ["PERSON"]
[[annotator]]
name = "ana"
`
	c, err := ParseConfig([]byte(src), "gloss.toml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Blind {
		t.Error("blind = false was not read")
	}
	if c.Inline == nil || len(c.Inline.Labels) != 2 || c.Inline.Labels[0].Name != "PERSON" || len(c.Inline.Relations) != 1 {
		t.Errorf("inline labels = %+v", c.Inline)
	}
}

// Every refusal names the file and, where it can, the line.
func TestParseConfigErrors(t *testing.T) {
	ann := "\n[[annotator]]\nname = \"ana\"\n"
	for _, tc := range []struct {
		name, src, want string
	}{
		{"hostile name", "name = \"x\"\n[[annotator]]\nname = \"annotations/../x\"\n",
			`gloss.toml:3: annotator 1: name "annotations/../x" has '/'`},
		{"dot dot", "[[annotator]]\nname = \"..\"\n", `gloss.toml:2: annotator 1: name ".." may not start with "."`},
		{"hostile reviewer", "reviewer = \"../../etc/passwd\"" + ann, `gloss.toml:1: reviewer: name "../../etc/passwd" may not start`},
		{"no annotators", "name = \"x\"\n", "gloss.toml: no [[annotator]]"},
		{"twice", ann + "[[annotator]]\nname = \"Ana\"\n", `gloss.toml:5: annotator "Ana" is listed twice (as "ana" before)`},
		{"overlap 0", "overlap = 0" + ann, "gloss.toml:1: overlap is 0: it is between 1 and the number of annotators (1)"},
		{"overlap big", "overlap = 3" + ann, "gloss.toml:1: overlap is 3"},
		{"unknown key", "nmae = \"x\"" + ann, `gloss.toml:1: unknown key "nmae"`},
		{"unknown annotator key", ann + "email = \"a@b\"\n", `gloss.toml:4: unknown key "annotator.email"`},
		{"assign stranger", ann + "[assign]\nzed = [\"d1\"]\n", `gloss.toml:5: [assign] names "zed", who is not an [[annotator]]`},
		{"assign twice", ann + "[assign]\nana = [\"d1\", \"d1\"]\n", `gloss.toml:5: [assign] ana: document "d1" is given twice`},
		{"assign empty id", ann + "[assign]\nana = [\"\"]\n", `[assign] ana: an empty document id`},
		{"labels outside", "labels = \"../labels.toml\"" + ann, `gloss.toml:1: labels: "../labels.toml" is not a path inside the project`},
		{"labels absolute", "labels = \"/etc/labels.toml\"" + ann, `is not a path inside the project`},
		{"labels both", "labels = \"l.toml\"\n[[label]]\nname = \"A\"" + ann, "gloss.toml:1: labels names a file and gloss.toml has [[label]] tables too"},
		{"bad inline", "[[label]]\nname = \"A\"\ncolor = \"red\"" + ann, `gloss.toml:3: label 1: colour "red" is not #rrggbb`},
		{"syntax", "name = \"x\n" + ann, "gloss.toml:1:"},
		{"wrong type", "overlap = \"two\"" + ann, "gloss.toml:1: incompatible types"},
		{"not utf8", "name = \"\xff\"" + ann, "gloss.toml: not UTF-8 text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConfig([]byte(tc.src), "gloss.toml")
			if err == nil {
				t.Fatal("accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestParseConfigLineErrors(t *testing.T) {
	_, err := ParseConfig([]byte("[[annotator]]\nname = \"a/b\"\n"), "p/gloss.toml")
	var le *export.LineError
	if !errors.As(err, &le) || le.File != "p/gloss.toml" || le.Line != 2 {
		t.Errorf("error %#v, want a LineError at p/gloss.toml:2", err)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	c := &Config{
		Name: `the "news" \ project`, LabelsFile: "labels.toml", Reviewer: "lead", Overlap: 2, Blind: true,
		Annotators: []string{"ana", "bo", "c.d"},
		Assign: map[string][]string{
			"ana": {"d1", "emoji 😀", "tab\there", "line\nbreak", `quote"s`},
			"bo":  {"d1", "習近平"},
		},
	}
	data := c.Encode()
	back, err := ParseConfig(data, "gloss.toml")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if back.Name != c.Name || back.LabelsFile != c.LabelsFile || back.Reviewer != c.Reviewer || back.Overlap != 2 ||
		!slices.Equal(back.Annotators, c.Annotators) || !sameAssign(withoutEmpty(back.Assign), c.Assign) {
		t.Errorf("round trip:\n%s\ngave %+v", data, back)
	}
	if !strings.Contains(string(data), "\"c.d\" = []\n") {
		t.Errorf("a dotted name is not quoted:\n%s", data)
	}
	if !strings.Contains(string(data), "  \"emoji 😀\",\n") {
		t.Errorf("ids are not one a line:\n%s", data)
	}
}

func withoutEmpty(m map[string][]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range m {
		if len(v) > 0 {
			out[k] = v
		}
	}
	return out
}

func TestReplaceAssign(t *testing.T) {
	c, err := ParseConfig([]byte(goodConfig), "gloss.toml")
	if err != nil {
		t.Fatal(err)
	}
	c.Assign["bo"] = append(c.Assign["bo"], "d3")
	for _, tc := range []struct{ name, src string }{
		{"at the end", goodConfig},
		{"in the middle", strings.Replace(goodConfig, "[assign]", "[assign] # who does what", 1) + "\n[[label]]\nname = \"A\"\n"},
		{"none", strings.Split(goodConfig, "[assign]")[0]},
		{"no final newline", strings.TrimSuffix(strings.Split(goodConfig, "[assign]")[0], "\n")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := ReplaceAssign([]byte(tc.src), c)
			if !strings.HasPrefix(string(out), "# the lead's comment\n") {
				t.Errorf("the comment is gone:\n%s", out)
			}
			back, err := ParseConfig(out, "gloss.toml")
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if !sameAssign(back.Assign, c.Assign) {
				t.Errorf("assign %v, want %v\n%s", back.Assign, c.Assign, out)
			}
			if strings.Contains(tc.src, "[[label]]") && back.Inline == nil {
				t.Errorf("the label table after [assign] is gone:\n%s", out)
			}
		})
	}
}
