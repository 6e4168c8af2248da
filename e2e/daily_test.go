package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// choiceLabels is a label set with document labels: stance (one of) and
// topic (any of); Ctrl+1…3 are stance's values, Ctrl+4…6 topic's.
const choiceLabels = annotatetest.ChoiceLabels

// readAs reads path in format name.
func readAs(t *testing.T, path, name string) []*annotate.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ls := annotatetest.ChoiceLabelSet(t)
	docs, err := export.ReadAll(export.Lookup(name).NewReader(f, path, export.Options{Labels: ls}))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// formatSteps is how many ← presses take Export…'s format choice from
// native (its default) to name: the choices are the writing formats in
// name order.
func formatSteps(t *testing.T, name string) int {
	var names []string
	for _, f := range export.Formats() {
		if f.NewWriter != nil || f.WriteDir != nil {
			names = append(names, f.Name)
		}
	}
	from, to := slices.Index(names, "jsonl"), slices.Index(names, name)
	if from < 0 || to < 0 || to > from {
		t.Fatalf("formats %v", names)
	}
	return from - to
}

// exportAs opens File → Export…, picks format name by keys and goes on to
// the file dialog; what the dialog's name entry then holds is typed over
// with file unless file is "".
func (s *session) exportAs(t *testing.T, name, file string) {
	t.Helper()
	s.keys("ctrl+e", "Tab")
	for range formatSteps(t, name) {
		s.keys("Left")
	}
	s.shot("export-" + name)
	s.keys("Return")
	time.Sleep(700 * time.Millisecond) // the file dialog lists the folder
	if file != "" {
		s.keys("ctrl+a")
		s.xdo("type", "--delay", "30", file)
	}
	s.shot("export-name")
	s.keys("Return")
}

// TestDocumentLabels: Ctrl+2 and Ctrl+4 set the document's stance and a
// topic in a real window; Ctrl+S saves them in the native file; an export
// to doccano writes them as cats; an export onto the work file itself is
// refused (after Fyne's "Overwrite?") and leaves it whole.
func TestDocumentLabels(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	labels := filepath.Join(dir, "labels.toml")
	if err := os.WriteFile(labels, []byte(choiceLabels), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(dir, "libya.txt")
	if err := os.WriteFile(doc, []byte(e2eText), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "libya.jsonl")
	s := start(t, x, withTheme(t, "light"), "--annotator", "ana", "--labels", labels, "-o", out, doc)
	s.keys("ctrl+Home", "ctrl+shift+Right", "a", "ctrl+2", "ctrl+4", "ctrl+6")
	keep(t, s.shot("choices"), "app-choices.png")
	d := s.save(out)[0]
	if !slices.Equal(d.Choices["stance"], []string{"against"}) || !slices.Equal(d.Choices["topic"], []string{"war", "economy"}) {
		t.Fatalf("saved choices %v\n%s", d.Choices, s.log.String())
	}
	if len(d.Spans) != 1 {
		t.Errorf("saved spans %v", summary(d))
	}
	saved, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}

	// doccano, the name it suggests: libya.doccano.jsonl beside the work.
	s.exportAs(t, "doccano", "")
	exported := filepath.Join(dir, "libya.doccano.jsonl")
	if !waitFor(10*time.Second, func() bool { return exists(exported) }) {
		t.Fatalf("no %s (%s)\n%s", exported, s.shot("no-export"), s.log.String())
	}
	got := readAs(t, exported, "doccano")[0]
	if !slices.Equal(got.Choices["stance"], []string{"against"}) || !annotate.SameValues(got.Choices["topic"], []string{"war", "economy"}) {
		t.Errorf("doccano export holds %v", got.Choices)
	}
	if b, _ := os.ReadFile(exported); !bytes.Contains(b, []byte(`"cats"`)) && !bytes.Contains(b, []byte(`"label"`)) {
		t.Errorf("doccano export: %s", b)
	}

	// doccano onto the work file: "Overwrite?" (Enter: yes), then Gloss
	// refuses.
	s.exportAs(t, "doccano", filepath.Base(out))
	time.Sleep(500 * time.Millisecond)
	s.shot("overwrite")
	s.keys("Return")
	time.Sleep(500 * time.Millisecond)
	keep(t, s.shot("guard"), "app-export-guard.png")
	if after, _ := os.ReadFile(out); !bytes.Equal(after, saved) {
		t.Fatalf("the doccano export replaced the work file:\n%s", after)
	}
	s.keys("Escape")
	s.keys("ctrl+1")
	if !waitFor(3*time.Second, func() bool { return strings.HasPrefix(s.title(), "● ") }) {
		t.Errorf("after Esc the window did not take Ctrl+1 (title %q; %s)", s.title(), s.shot("after-guard"))
	}
	if d := s.save(out)[0]; !slices.Equal(d.Choices["stance"], []string{"for"}) {
		t.Errorf("after the guard, saved stance %v", d.Choices["stance"])
	}
}
