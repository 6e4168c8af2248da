package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// prodigyTeach is a file of Prodigy tasks: a manual one on spaCy tokens and
// binary ner.teach ones answered reject, accept and ignore.
var prodigyTeach = filepath.Join("..", "export", "testdata", "prodigy", "teach.jsonl")

// TestRejectedThroughTheCommandLine: the rejected "MX" PRODUCT of a binary
// task becomes no label in a CoNLL export, and stderr counts it; with
// --keep-ignored the ignored task's span is exported as a label.
func TestRejectedThroughTheCommandLine(t *testing.T) {
	for _, keep := range []bool{false, true} {
		args := []string{"import", "--from", "prodigy", prodigyTeach}
		if keep {
			args = append(args, "--keep-ignored")
		}
		code, native, errOut := runMain("", args...)
		if code != 0 {
			t.Fatalf("import: %d %s", code, errOut)
		}
		in := writeTemp(t, "teach.jsonl", native)
		code, out, errOut := runMain("", "export", "--to", "conll", in)
		if code != 0 {
			t.Fatalf("export: %d %s", code, errOut)
		}
		if strings.Contains(out, "B-PRODUCT") {
			t.Errorf("keep=%v: the rejected MX is a label:\n%s", keep, out)
		}
		if got := strings.Contains(out, "B-PERSON"); got != keep {
			t.Errorf("keep=%v: the ignored task's PERSON exported: %v", keep, got)
		}
		want := "conll: left out 2 rejected span(s)"
		if keep {
			want = "conll: left out 1 rejected span(s)"
		}
		if !strings.Contains(errOut, want) {
			t.Errorf("keep=%v: stderr %q, want %q", keep, errOut, want)
		}
	}
}

// TestLabelStudioTextKeyFlag: --text-key picks the text of tasks whose data
// has several strings, on import, and names it on export.
func TestLabelStudioTextKeyFlag(t *testing.T) {
	in := writeTemp(t, "tasks.json", `[{"id":3,"data":{"title":"T","body":"Ana left."},"annotations":[{"result":[{"id":"a","type":"labels","value":{"start":0,"end":3,"text":"Ana","labels":["ACTOR"]}}]}]}]`)
	code, _, errOut := runMain("", "import", in)
	if code != 1 || !strings.Contains(errOut, "choose one with --text-key") {
		t.Errorf("without --text-key: %d %q", code, errOut)
	}
	code, native, errOut := runMain("", "import", "--text-key", "body", in)
	if code != 0 || !strings.Contains(native, `"text":"Ana left."`) {
		t.Fatalf("import: %d %q %s", code, errOut, native)
	}
	code, out, errOut := runMain("", "export", "--to", "labelstudio", "--text-key", "body", writeTemp(t, "n.jsonl", native))
	if code != 0 || !strings.Contains(out, `{"id":3,"data":{"id":"3","body":"Ana left."}`) {
		t.Errorf("export: %d %q %s", code, errOut, out)
	}
}

// TestExportOnlyAndLayout: --only keeps just the named labels in every
// export; --layout single gives one NER column; the columns of a CoNLL
// export are known before writing, also from standard input; too many is
// an error that writes nothing.
func TestExportOnlyAndLayout(t *testing.T) {
	native := `{"id":"a","text":"Ana said: “Go home.”","spans":[{"start":0,"end":3,"label":"ACTOR"},{"start":11,"end":19,"label":"QUOTE"},{"start":14,"end":18,"label":"ACTOR"}]}
{"id":"b","text":"Rain in Bern.","spans":[{"start":8,"end":12,"label":"LOC"}]}
`
	in := writeTemp(t, "in.jsonl", native)
	code, out, errOut := runMain("", "export", "--to", "conll", "--layout", "single", "--only", "ACTOR", in)
	if code != 0 {
		t.Fatalf("%d %s", code, errOut)
	}
	if !strings.HasPrefix(out, "# columns = TOKEN NER\n") || strings.Contains(out, "QUOTE") || strings.Contains(out, "LOC") ||
		!strings.Contains(out, "Ana\tB-ACTOR\n") || !strings.Contains(out, "home\tB-ACTOR\n") {
		t.Errorf("single --only ACTOR:\n%s", out)
	}
	for _, to := range []string{"doccano", "labelstudio", "prodigy"} {
		_, out, _ := runMain("", "export", "--to", to, "--only", "QUOTE", in)
		if strings.Contains(out, "ACTOR") || strings.Contains(out, "LOC") || !strings.Contains(out, "QUOTE") {
			t.Errorf("%s --only QUOTE:\n%s", to, out)
		}
	}
	code, out, errOut = runMain(native, "export", "--to", "conll", "-")
	if code != 0 || !strings.HasPrefix(out, "# columns = TOKEN ACTOR CLAIM QUOTE LOC\n") || strings.Count(out, "\tO\tO\tO\tO\n") < 3 {
		t.Errorf("columns from standard input: %d %q\n%s", code, errOut, out)
	}
	if code, _, errOut := runMain("", "export", "--to", "doccano", "--layout", "single", in); code != 2 || !strings.Contains(errOut, "--layout is for --to conll") {
		t.Errorf("--layout with doccano: %d %q", code, errOut)
	}
	var many strings.Builder
	for i := range 70 {
		many.WriteString(`{"text":"x","spans":[{"start":0,"end":1,"label":"L` + string(rune('A'+i/26)) + string(rune('a'+i%26)) + `"}]}` + "\n")
	}
	outFile := filepath.Join(t.TempDir(), "out.conll")
	code, _, errOut = runMain("", "export", "--to", "conll", "-o", outFile, writeTemp(t, "many.jsonl", many.String()))
	if code != 1 || !strings.Contains(errOut, "more than 64") {
		t.Errorf("70 labels: %d %q", code, errOut)
	}
	if _, err := os.Stat(outFile); err == nil {
		t.Error("an output file was written")
	}
}

// TestHFThroughTheCommandLine: export --to hf, import it back (detected),
// and integer tags with --tag-names.
func TestHFThroughTheCommandLine(t *testing.T) {
	in := writeTemp(t, "in.jsonl", `{"id":"a","text":"Ana met Bob. Then left.","spans":[{"start":0,"end":3,"label":"ACTOR"},{"start":8,"end":11,"label":"ACTOR"}]}`+"\n")
	code, out, errOut := runMain("", "export", "--to", "hf", in)
	want := `{"id":"a:1","tokens":["Ana","met","Bob","."],"ner_tags":["B-ACTOR","O","B-ACTOR","O"]}` + "\n" + `{"id":"a:2","tokens":["Then","left","."],"ner_tags":["O","O","O"]}` + "\n"
	if code != 0 || out != want {
		t.Fatalf("export: %d %q\n%s", code, errOut, out)
	}
	code, native, errOut := runMain("", "import", writeTemp(t, "a.jsonl", out))
	if code != 0 || !strings.Contains(errOut, "reading as hf") || !strings.Contains(native, `"text":"Ana met Bob .\nThen left ."`) {
		t.Errorf("import: %d %q\n%s", code, errOut, native)
	}
	ints := writeTemp(t, "i.jsonl", `{"id":"0","tokens":["Ana","left"],"ner_tags":[1,0]}`+"\n")
	if code, _, errOut := runMain("", "import", "--from", "hf", ints); code != 1 || !strings.Contains(errOut, "--tag-names") {
		t.Errorf("integer tags without names: %d %q", code, errOut)
	}
	code, native, errOut = runMain("", "import", "--from", "hf", "--tag-names", "O,B-ACTOR,I-ACTOR", ints)
	if code != 0 || !strings.Contains(native, `"label":"ACTOR","text":"Ana"`) {
		t.Errorf("--tag-names: %d %q\n%s", code, errOut, native)
	}
}

// TestWebAnnoThroughTheCommandLine: export --to webanno writes a folder of
// .tsv files; import detects the folder and a single file.
func TestWebAnnoThroughTheCommandLine(t *testing.T) {
	in := writeTemp(t, "in.jsonl", `{"id":"a","text":"Ana 😊 said “go”.","spans":[{"id":"q","start":12,"end":14,"label":"QUOTE"},{"id":"a","start":0,"end":3,"label":"ACTOR"}],"relations":[{"label":"SAID_BY","from":"q","to":"a"}]}`+"\n")
	dir := filepath.Join(t.TempDir(), "tsv")
	if code, _, errOut := runMain("", "export", "--to", "webanno", in); code != 2 || !strings.Contains(errOut, "-o DIR") {
		t.Errorf("without -o: %d %q", code, errOut)
	}
	if code, _, errOut := runMain("", "export", "--to", "webanno", "-o", dir, in); code != 0 {
		t.Fatalf("export: %d %q", code, errOut)
	}
	tsv, err := os.ReadFile(filepath.Join(dir, "a.tsv"))
	if err != nil || !strings.Contains(string(tsv), "1-1\t0-3\tAna\tACTOR\tSAID\\_BY\t1-5\t\n") || !strings.Contains(string(tsv), "1-5\t13-15\tgo\tQUOTE") {
		t.Fatalf("a.tsv: %v\n%s", err, tsv)
	}
	for _, path := range []string{dir, filepath.Join(dir, "a.tsv")} {
		code, out, errOut := runMain("", "import", path)
		if code != 0 || !strings.Contains(errOut, "reading as webanno") || !strings.Contains(out, `"text":"Ana 😊 said “go”."`) || !strings.Contains(out, `"label":"SAID_BY"`) {
			t.Errorf("import %s: %d %q\n%s", path, code, errOut, out)
		}
	}
}
