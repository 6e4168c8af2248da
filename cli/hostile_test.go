package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gloss/export"
)

// hostileCase is a bad input a command must refuse: exit 1 with a
// FILE:LINE: error naming what is wrong, nothing on stdout, no output file
// and nothing else left in the folder.
type hostileCase struct {
	name  string
	files map[string]string // written into a fresh folder
	// args of the command; "DIR/" is replaced by the folder.
	args   []string
	stderr string // must contain, after DIR/ is replaced
}

func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "DIR/", dir+"/")
			}
			code, out, errOut := runMain("", args...)
			want := strings.ReplaceAll(tt.stderr, "DIR/", dir+"/")
			if code != 1 || !strings.Contains(errOut, want) {
				t.Errorf("status %d, stderr %q; want 1 and %q", code, errOut, want)
			}
			if out != "" {
				t.Errorf("stdout %q", out)
			}
			var left []string
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if _, input := tt.files[e.Name()]; !input {
					left = append(left, e.Name())
				}
			}
			if len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

// TestBadLabelNames: labels no format can carry (empty, control
// characters) are refused on import, export and validate, and in a label
// set, instead of making files nobody can read back.
func TestBadLabelNames(t *testing.T) {
	runHostile(t, []hostileCase{
		{"doccano empty label", map[string]string{"d.jsonl": `{"text":"Ana said","label":[[0,2,""]]}` + "\n"},
			[]string{"import", "--from", "doccano", "-o", "DIR/out.jsonl", "DIR/d.jsonl"}, "DIR/d.jsonl:1: span 1 (id "},
		{"doccano empty label message", map[string]string{"d.jsonl": `{"text":"Ana said","label":[[0,2,""]]}` + "\n"},
			[]string{"import", "--from", "doccano", "-o", "DIR/out.jsonl", "DIR/d.jsonl"}, "empty label name"},
		{"native control characters to conll", map[string]string{"n.jsonl": `{"id":"a","text":"Ana said","spans":[{"start":0,"end":3,"label":"A B\n\tC"}]}` + "\n"},
			[]string{"export", "--to", "conll", "-o", "DIR/out.conll", "DIR/n.jsonl"}, `DIR/n.jsonl:1: span 1 (id `},
		{"native control characters to brat", map[string]string{"n.jsonl": `{"id":"a","text":"Ana said","spans":[{"start":0,"end":3,"label":"A\tB"}]}` + "\n"},
			[]string{"export", "--to", "brat", "-o", "DIR/out", "DIR/n.jsonl"}, `has the control character U+0009`},
		{"native control characters to prodigy", map[string]string{"n.jsonl": `{"id":"a","text":"Ana said","spans":[{"start":0,"end":3,"label":"A\u2028B"}]}` + "\n"},
			[]string{"export", "--to", "prodigy", "-o", "DIR/out.jsonl", "DIR/n.jsonl"}, `has the control character U+2028`},
		{"relation label", map[string]string{"n.jsonl": `{"id":"a","text":"Ana said no","spans":[{"id":"s","start":0,"end":3,"label":"ACTOR"},{"id":"q","start":9,"end":11,"label":"QUOTE"}],"relations":[{"label":"","from":"q","to":"s"}]}` + "\n"},
			[]string{"export", "--to", "brat", "-o", "DIR/out", "DIR/n.jsonl"}, `DIR/n.jsonl:1: relation 1`},
		{"labels.toml", map[string]string{"n.jsonl": `{"text":"Ana"}` + "\n", "l.toml": "[[label]]\nname = \"A B\\n\\tC\"\n"},
			[]string{"export", "--to", "conll", "--labels", "DIR/l.toml", "-o", "DIR/out.conll", "DIR/n.jsonl"}, `DIR/l.toml:2: label 1: label name "A B\n\tC" has the control character U+000A`},
	})
	path := writeTemp(t, "n.jsonl", `{"text":"Ana","spans":[{"start":0,"end":3,"label":""}]}`+"\n")
	if code, out, _ := runMain("", "validate", path); code != 1 || !strings.Contains(out, path+":1: span 1 (id ") || !strings.Contains(out, "empty label name") {
		t.Errorf("validate: status %d, stdout %q", code, out)
	}
}

// TestDuplicateDocumentIDs: import and export refuse documents sharing an
// id, within a file and across the files of one command, as validate
// does.
func TestDuplicateDocumentIDs(t *testing.T) {
	two := "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"a\",\"text\":\"two\"}\n"
	runHostile(t, []hostileCase{
		{"import", map[string]string{"n.jsonl": two},
			[]string{"import", "--from", "jsonl", "-o", "DIR/out.jsonl", "DIR/n.jsonl"}, `DIR/n.jsonl:2: document id "a" already used on line 1`},
		{"import doccano", map[string]string{"d.jsonl": "{\"id\":7,\"text\":\"one\",\"label\":[]}\n{\"id\":7,\"text\":\"two\",\"label\":[]}\n"},
			[]string{"import", "-o", "DIR/out.jsonl", "DIR/d.jsonl"}, `DIR/d.jsonl:2: document id "7" already used on line 1`},
		{"export", map[string]string{"n.jsonl": two},
			[]string{"export", "--to", "doccano", "-o", "DIR/out.jsonl", "DIR/n.jsonl"}, `DIR/n.jsonl:2: document id "a" already used`},
		{"export to stdout", map[string]string{"n.jsonl": two},
			[]string{"export", "--to", "conll", "DIR/n.jsonl"}, `DIR/n.jsonl:2: document id "a"`},
		{"across files", map[string]string{"x.jsonl": "{\"id\":\"a\",\"text\":\"one\"}\n", "y.jsonl": "{\"text\":\"b\"}\n{\"id\":\"a\",\"text\":\"one\"}\n"},
			[]string{"export", "--to", "brat", "-o", "DIR/out", "DIR/x.jsonl", "DIR/y.jsonl"}, `DIR/y.jsonl:2: document id "a" already used on DIR/x.jsonl:1`},
	})
}

// TestAppStartErrorsOneALine: gloss FILE with a file the command line
// refuses prints its problems as FILE:LINE lines and exits 1 (the app's
// loader is the one that refuses; here a stand-in app reports what it
// returns).
func TestAppStartErrorsOneALine(t *testing.T) {
	var errOut bytes.Buffer
	lines := []string{"bad.jsonl:1: span 1: start -1", "bad.jsonl:2: span 1: end 9"}
	problems := &export.Problems{File: "bad.jsonl"}
	problems.Add(&export.LineError{File: "bad.jsonl", Line: 1, Msg: "span 1: start -1"}, &export.LineError{File: "bad.jsonl", Line: 2, Msg: "span 1: end 9"})
	env := Env{Stdout: &bytes.Buffer{}, Stderr: &errOut, OpenApp: func(AppOptions) error { return problems }}
	if code := Main([]string{"bad.jsonl"}, env); code != exitBad {
		t.Errorf("status %d", code)
	}
	if got := strings.Split(strings.TrimSpace(errOut.String()), "\n"); !slices.Equal(got, lines) {
		t.Errorf("stderr %q, want %q", got, lines)
	}
}
