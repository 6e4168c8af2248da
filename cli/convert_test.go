package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate/annotatetest"
	"gloss/export"
)

// fixtures marks an argument of a test table as a path in the shared folder
// of real rivals' files (../shared/fixtures beside the repository);
// withFixtures resolves such arguments, skipping the test when ../shared is
// absent.
const fixtures = "shared:fixtures"

// withFixtures returns args with every argument under fixtures resolved by
// annotatetest.Shared.
func withFixtures(t *testing.T, args []string) []string {
	t.Helper()
	out := make([]string, len(args))
	for i, a := range args {
		if rel, ok := strings.CutPrefix(a, "shared:"); ok {
			a = annotatetest.Shared(t, filepath.ToSlash(rel))
		}
		out[i] = a
	}
	return out
}

func runMain(stdin string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Main(args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut})
	return code, out.String(), errOut.String()
}

// nativeSample is a native file with emoji, a nested span, a relation and
// a note.
const nativeSample = `{"id":"d1","text":"Ana 🌍 said: \"Olá!\"","spans":[{"start":0,"end":3,"label":"ACTOR","note":"n"},{"start":13,"end":17,"label":"QUOTE"}],"relations":[]}
{"id":"d2","text":"外交部说，很好。\r\nOK.","spans":[{"start":0,"end":3,"label":"ACTOR"}]}
`

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImport imports fixtures and generated files with and without --from.
func TestImport(t *testing.T) {
	doccano := filepath.Join(fixtures, "doccano")
	brat := filepath.Join(fixtures, "brat-news")
	tests := []struct {
		name   string
		args   []string
		status int
		docs   int    // documents in the output
		stderr string // must contain
	}{
		{"doccano detected", []string{filepath.Join(doccano, "export-sequence_labeling-example.jsonl")}, 0, 3, "reading as doccano"},
		{"doccano-rel detected", []string{filepath.Join(doccano, "relation_extraction-example.jsonl")}, 0, 1, "reading as doccano-rel"},
		{"doccano overlapping", []string{filepath.Join(doccano, "sequence_labeling-example_overlapping.jsonl")}, 0, 1, "dropped 1 duplicate span"},
		{"doccano without text", []string{"--from", "doccano", filepath.Join(doccano, "sequence_labeling-example.jsonl")}, 1, 0, `sequence_labeling-example.jsonl:3: missing "text"`},
		{"conll detected", []string{filepath.Join(doccano, "sequence_labeling-example.conll")}, 0, 2, "reading as conll"},
		{"conll invalid", []string{filepath.Join(doccano, "sequence_labeling-labeling.invalid.conll")}, 1, 0, `sequence_labeling-labeling.invalid.conll:1: bad tag "SOCCERO"`},
		{"brat file", []string{filepath.Join(brat, "060-relation_annotation.ann")}, 0, 1, "reading as brat"},
		{"brat text beside its .ann", []string{filepath.Join(brat, "060-relation_annotation.txt")}, 0, 1, "060-relation_annotation.txt: reading as brat"},
		{"brat files", []string{"--from", "brat", filepath.Join(brat, "000-introduction.ann"), filepath.Join(brat, "110-note_annotation.ann")}, 0, 2, "skipped"},
		{"brat folder", []string{filepath.Join(brat)}, 0, 13, "brat-news: reading as brat"},
		{"utf16", []string{"--offsets", "utf16", "--from", "doccano", "-"}, 0, 1, ""},
		{"brat from stdin", []string{"--from", "brat", "-"}, 2, 0, "not standard input"},
		{"unknown format", []string{"--from", "word", "x"}, 2, 0, `unknown format "word"`},
		{"bad offsets", []string{"--offsets", "bytes", "x"}, 2, 0, "--offsets is codepoints or utf16"},
		{"no file", []string{}, 2, 0, "name at least one FILE"},
		{"missing file", []string{"/nonexistent/x.jsonl"}, 1, 0, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := `{"text":"🌍 Ana","label":[[3,6,"ACTOR"]]}`
			code, out, errOut := runMain(stdin, append([]string{"import"}, withFixtures(t, tt.args)...)...)
			if code != tt.status {
				t.Fatalf("status %d, want %d; stderr:\n%s", code, tt.status, errOut)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr %q, want %q", errOut, tt.stderr)
			}
			if tt.status != 0 {
				if out != "" {
					t.Errorf("failed import wrote %q", out)
				}
				return
			}
			docs, err := export.ReadAll(export.NewNativeReader(strings.NewReader(out), "out.jsonl", export.Options{}))
			if err != nil || len(docs) != tt.docs {
				t.Fatalf("output: %d documents, %v; want %d", len(docs), err, tt.docs)
			}
			if tt.name == "utf16" && (docs[0].Spans[0].Start != 2 || docs[0].Spans[0].Text != "Ana") {
				t.Errorf("utf16 offsets not converted: %+v", docs[0].Spans[0])
			}
		})
	}
}

// TestExport exports a native file to every format and imports it back.
func TestExport(t *testing.T) {
	in := writeTemp(t, "in.jsonl", nativeSample)
	for _, f := range export.Formats() {
		if f.Name == "text" {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out"+f.Extension)
			if f.WriteDir != nil {
				out = filepath.Join(t.TempDir(), "out")
			}
			code, _, errOut := runMain("", "export", "--to", f.Name, "-o", out, in)
			if code != 0 {
				t.Fatalf("export status %d: %s", code, errOut)
			}
			// Without --from: Gloss must recognise its own output.
			code, back, errOut := runMain("", "import", out)
			if code != 0 {
				t.Fatalf("import status %d: %s", code, errOut)
			}
			if want := out + ": reading as " + f.Name; !strings.Contains(errOut, want) {
				t.Errorf("stderr %q, want %q", errOut, want)
			}
			docs, err := export.ReadAll(export.NewNativeReader(strings.NewReader(back), "back.jsonl", export.Options{}))
			if err != nil || len(docs) != 2 {
				t.Fatalf("%d documents back, %v", len(docs), err)
			}
			byID := map[string]int{}
			for i, d := range docs {
				byID[d.ID] = i
			}
			// hf has no text: compare what its tokens spell.
			same := func(got, want string) bool {
				if f.Name == "hf" {
					got, want = strings.Join(strings.Fields(got), ""), strings.Join(strings.Fields(want), "")
				}
				return got == want
			}
			d := docs[byID["d1"]]
			if !same(d.Text, "Ana 🌍 said: \"Olá!\"") || len(d.Spans) != 2 || !same(d.Spans[1].Text, "Olá!") {
				t.Errorf("d1 came back as %q %+v", d.Text, d.Spans)
			}
			if d := docs[byID["d2"]]; !same(d.Text, "外交部说，很好。\r\nOK.") || !same(d.Spans[0].Text, "外交部") {
				t.Errorf("d2 came back as %q %+v", d.Text, d.Spans)
			}
		})
	}
}

func TestExportToStdoutAndUsage(t *testing.T) {
	in := writeTemp(t, "in.jsonl", nativeSample)
	tests := []struct {
		name   string
		args   []string
		status int
		stdout string
		stderr string
	}{
		{"doccano utf16", []string{"--to", "doccano", "--offsets", "utf16", in}, 0, `[0,3,"ACTOR"],[14,18,"QUOTE"]`, ""},
		{"doccano codepoints", []string{"--to", "doccano", in}, 0, `[0,3,"ACTOR"],[13,17,"QUOTE"]`, ""},
		{"conll", []string{"--to", "conll", in}, 0, "# id = d1\n# text = Ana 🌍 said: \"Olá!\"\nAna\tB-ACTOR\tO\tO\n", ""},
		{"brat needs a folder", []string{"--to", "brat", in}, 2, "", "-o DIR"},
		{"no --to", []string{in}, 2, "", "--to FORMAT is required"},
		{"unknown --to", []string{"--to", "xml", in}, 2, "", `unknown format "xml"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runMain("", append([]string{"export"}, tt.args...)...)
			if code != tt.status || !strings.Contains(out, tt.stdout) || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("status %d stdout %q stderr %q; want %d, %q, %q", code, out, errOut, tt.status, tt.stdout, tt.stderr)
			}
		})
	}
}

// TestFailedConvertWritesNothing checks that bad input leaves an existing
// output byte-identical, and creates no brat folder.
func TestFailedConvertWritesNothing(t *testing.T) {
	good := writeTemp(t, "good.jsonl", nativeSample)
	bad := writeTemp(t, "bad.jsonl", strings.NewReplacer(`"d1"`, `"e1"`, `"d2"`, `"e2"`).Replace(nativeSample)+`{"id":"d3","text":"abc","spans":[{"start":1,"end":9,"label":"ACTOR"}]}`+"\n")
	old := "old content\n"
	tests := []struct {
		name string
		args []string
		err  string
	}{
		{"import", []string{"import", "--from", "conll", filepath.Join(fixtures, "doccano", "sequence_labeling-labeling.invalid.conll")}, "invalid.conll:1:"},
		{"import second file", []string{"import", "--from", "doccano", filepath.Join(fixtures, "doccano", "export-sequence_labeling-example.jsonl"), filepath.Join(fixtures, "doccano", "sequence_labeling-example.jsonl")}, "sequence_labeling-example.jsonl:3:"},
		{"export", []string{"export", "--to", "prodigy", good, bad}, "bad.jsonl:3: span 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := writeTemp(t, "out.jsonl", old)
			code, stdout, errOut := runMain("", append(withFixtures(t, tt.args), "-o", out)...)
			if code != 1 || !strings.Contains(errOut, tt.err) {
				t.Errorf("status %d stderr %q, want 1 and %q", code, errOut, tt.err)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if got, _ := os.ReadFile(out); string(got) != old {
				t.Errorf("output changed to %q", got)
			}
			if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
				t.Errorf("left files behind: %v", entries)
			}
		})
	}
	t.Run("brat folder", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "out")
		code, _, errOut := runMain("", "export", "--to", "brat", "-o", dir, good, bad)
		if code != 1 || !strings.Contains(errOut, "bad.jsonl:3:") {
			t.Errorf("status %d stderr %q", code, errOut)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 0 {
			t.Errorf("left %v behind", entries)
		}
		// An existing folder keeps its files.
		os.Mkdir(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "d1.ann"), []byte(old), 0o644)
		runMain("", "export", "--to", "brat", "-o", dir, good, bad)
		if got, _ := os.ReadFile(filepath.Join(dir, "d1.ann")); string(got) != old {
			t.Errorf("d1.ann changed to %q", got)
		}
		// And a good export fills it.
		if code, _, errOut := runMain("", "export", "--to", "brat", "-o", dir, good); code != 0 {
			t.Fatalf("status %d: %s", code, errOut)
		}
		for _, name := range []string{"d1.txt", "d1.ann", "d2.txt", "d2.ann", "annotation.conf"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
				t.Error(err)
			}
		}
	})
}
