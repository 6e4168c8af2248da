package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// choicesLabels is a label set with two groups of document labels.
const choicesLabels = `
[[label]]
name = "ACTOR"
key = "a"

[[choice]]
name = "stance"
values = ["for", "against", "neutral"]

[[choice]]
name = "topic"
values = ["economy", "war", "health"]
multiple = true
`

// choicesFiles writes the label set and three annotators' files of four
// documents (emoji and CRLF texts) and returns the label set's path and
// the files'.
func choicesFiles(t *testing.T) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	labels := writeFile(t, dir, "labels.toml", choicesLabels)
	texts := []string{"Ana 🌍 left.", "Bob stayed.\r\nThen left.", "北京 agrees.", "Nothing."}
	choices := map[string][]string{
		"ana": {`{"stance":["for"],"topic":["war","economy"]}`, `{"stance":["against"]}`, `{}`, `{"stance":["neutral"],"topic":["health"]}`},
		"ben": {`{"stance":["for"],"topic":["war"]}`, `{"stance":["for"]}`, `{}`, `{"stance":["neutral"],"topic":["health"]}`},
		"cat": {`{"stance":["for"],"topic":["economy","war"]}`, `{"stance":["against"]}`, `{"topic":["health"]}`, `{}`},
	}
	var files []string
	for _, name := range []string{"ana", "ben", "cat"} {
		var b strings.Builder
		for i, text := range texts {
			tj, _ := json.Marshal(text)
			fmt.Fprintf(&b, `{"id":"d%d","text":%s,"annotator":%q,"choices":%s}`+"\n", i+1, tj, name, choices[name][i])
		}
		files = append(files, writeFile(t, dir, name+".jsonl", b.String()))
	}
	return labels, files
}

// TestChoicesAgree checks gloss agree's "choices" against the hand-worked
// figures of annotate/agree's test (the same first two files).
func TestChoicesAgree(t *testing.T) {
	labels, files := choicesFiles(t)
	out, errOut, code := run(t, "", "agree", "--json", "--labels", labels, files[0], files[1])
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Choices map[string]struct {
			Documents []int   `json:"documents"`
			Percent   float64 `json:"percent"`
			Kappa     float64 `json:"kappa"`
		} `json:"choices"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// stance: 3 of 4 documents the same, κ = 5/9; topic: 3 of 4 the
	// same (d2: neither), values economy, war, health: units 12, a1 3,
	// b1 2, both 2: pₒ = 11/12, pₑ = (6 + 90)/144, κ = (132−96)/(144−96).
	st, tp := r.Choices["stance"], r.Choices["topic"]
	if fmt.Sprint(st.Documents) != "[3 3]" || !agreeNear(st.Percent, 0.75) || !agreeNear(st.Kappa, 5.0/9) {
		t.Errorf("stance %+v", st)
	}
	if fmt.Sprint(tp.Documents) != "[2 2]" || !agreeNear(tp.Percent, 0.75) || !agreeNear(tp.Kappa, 36.0/48) {
		t.Errorf("topic %+v", tp)
	}
	if !strings.Contains(out, `"choices":{"stance":`) {
		t.Errorf("groups not in label-set order: %s", out)
	}
	out, _, code = run(t, "", append([]string{"agree", "--labels", labels}, files...)...)
	if code != 0 || !strings.Contains(out, "document label") || !strings.Contains(out, "stance") ||
		!strings.Contains(out, "3 / 3 / 2") || !strings.Contains(out, "percent") {
		t.Errorf("table:\n%s", out)
	}
	// Without document labels the JSON still has the member, empty.
	plain := writeFile(t, t.TempDir(), "p.jsonl", `{"id":"x","text":"a"}`+"\n")
	out, _, _ = run(t, "", "agree", "--json", plain, plain)
	if !strings.Contains(out, `"choices":{}`) {
		t.Errorf("no document labels: %s", out)
	}
}

func TestChoicesMergeAndValidate(t *testing.T) {
	labels, files := choicesFiles(t)
	gold := filepath.Join(t.TempDir(), "gold.jsonl")
	if _, errOut, code := run(t, "", "merge", "--labels", labels, "-o", gold, files[2], files[0], files[1]); code != 0 {
		t.Fatalf("merge: %s", errOut)
	}
	data, _ := os.ReadFile(gold)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	want := []string{
		`"choices":{"stance":["for"],"topic":["economy","war"]}`,
		`"choices":{"stance":["against"]}`,
		``, // d3: two files chose nothing, one topic: health
		`"choices":{"stance":["neutral"],"topic":["health"]}`,
	}
	for i, w := range want {
		if w == "" {
			if strings.Contains(lines[i], "choices") {
				t.Errorf("d%d: %s", i+1, lines[i])
			}
		} else if !strings.Contains(lines[i], w) {
			t.Errorf("d%d: %s\nwant %s", i+1, lines[i], w)
		}
	}
	if out, errOut, code := run(t, "", "validate", "--labels", labels, gold); code != 0 {
		t.Errorf("validate gold: %s %s", out, errOut)
	}
	bad := writeFile(t, t.TempDir(), "bad.jsonl", `{"id":"x","text":"a","choices":{"stance":["for","against"],"genre":["news"]}}`+"\n")
	out, _, code := run(t, "", "validate", "--labels", labels, bad)
	if code != 1 || !strings.Contains(out, `bad.jsonl:1: choice "genre": unknown group`) ||
		!strings.Contains(out, `bad.jsonl:1: choice "stance": 2 values in a group of one`) {
		t.Errorf("validate: %d %s", code, out)
	}
}

// TestChoicesExportImport exports document labels to every format that
// carries them and imports them back; brat and CoNLL say on stderr that
// they leave them out.
func TestChoicesExportImport(t *testing.T) {
	labels, files := choicesFiles(t)
	orig, _ := os.ReadFile(files[0])
	dir := t.TempDir()
	for _, format := range []string{"doccano", "doccano-rel", "prodigy", "labelstudio"} {
		out := filepath.Join(dir, format+".out")
		if _, errOut, code := run(t, "", "export", "--to", format, "--labels", labels, "-o", out, files[0]); code != 0 {
			t.Fatalf("export %s: %s", format, errOut)
		}
		back := filepath.Join(dir, format+".jsonl")
		if _, errOut, code := run(t, "", "import", "--from", format, "--labels", labels, "-o", back, out); code != 0 {
			t.Fatalf("import %s: %s", format, errOut)
		}
		data, _ := os.ReadFile(back)
		for i, line := range strings.Split(strings.TrimSpace(string(orig)), "\n") {
			_, want, _ := strings.Cut(line, `"choices":`)
			want = strings.TrimSuffix(want, "}")
			got := strings.Split(strings.TrimSpace(string(data)), "\n")[i]
			if want == "{}" {
				if strings.Contains(got, `"choices"`) {
					t.Errorf("%s d%d: %s", format, i+1, got)
				}
			} else if !strings.Contains(got, `"choices":`+want) {
				t.Errorf("%s d%d: %s\nwant choices %s", format, i+1, got, want)
			}
		}
	}
	for _, format := range []string{"brat", "conll"} {
		_, errOut, code := run(t, "", "export", "--to", format, "--labels", labels, "-o", filepath.Join(dir, format+"-out"), files[0])
		if code != 0 || !strings.Contains(errOut, format+": left out the document labels (choices) of 3 document(s), 6 value(s)") {
			t.Errorf("export %s: %d %s", format, code, errOut)
		}
	}
}
