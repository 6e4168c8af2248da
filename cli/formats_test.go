package cli

import (
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
