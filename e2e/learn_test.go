package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/export"
)

// TestLearnsInTheWindow: in the real window, the claims accepted in the
// first document teach the model in the background (the status bar says
// so, a model file appears beside the work) and Suggest, on the next
// document, suggests the same kind of claim, which the rules alone do not
// know ("zorbled" is no English verb).
func TestLearnsInTheWindow(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	first := &annotate.Document{ID: "first", Annotator: "e2e",
		Text: "Zoë Ngo-Tran zorbled the talks would resume in spring.\n\nLi Wei zorbled nobody had signed the accord 🎉.\n\n" +
			"Amélie Dubois zorbled the vote in 東京 was delayed.\n\nJosé Martí zorbled the budget was short by a third."}
	addSpans(t, first, phrase{"CLAIM", "the talks would resume in spring"}, phrase{"CLAIM", "nobody had signed the accord 🎉"},
		phrase{"CLAIM", "the vote in 東京 was delayed"}, phrase{"CLAIM", "the budget was short by a third"})
	next := &annotate.Document{ID: "next", Annotator: "e2e",
		Text: "Sergey Lavrov zorbled the ceasefire held along the coast.\n\nAna Souza zorbled the port would stay shut."}
	work := filepath.Join(dir, "work.jsonl")
	if err := export.SaveNative(work, first, next); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	s := start(t, x, t.TempDir(), "--annotator", "e2e", "-o", out, work)
	model := filepath.Join(dir, "work.gloss-model")
	if !waitFor(20*time.Second, func() bool { return exists(model) }) {
		t.Fatalf("no model beside the work after 20 s (%s)", s.shot("no-model"))
	}
	shot := s.shot("learned")
	s.keys("ctrl+Next")
	// A key sent while the window redraws can be lost: press Ctrl+Shift+G
	// until the work is unsaved (a second Suggest adds nothing).
	waitFor(10*time.Second, func() bool {
		s.keys("ctrl+shift+g")
		return strings.HasPrefix(s.title(), "● ")
	})
	shot = s.shot("suggested")
	keep(t, shot, "app-learned.png")
	docs := s.save(out)
	if len(docs) != 2 {
		t.Fatalf("saved %d documents (%s)", len(docs), shot)
	}
	var learned []string
	for _, sp := range docs[1].Spans {
		if sp.Suggested && sp.Label == "CLAIM" && strings.HasPrefix(sp.Reason, "learned: ") {
			learned = append(learned, sp.Text)
		}
	}
	if want := "the ceasefire held along the coast|the port would stay shut"; strings.Join(learned, "|") != want {
		t.Errorf("learned claims in the next document %q, want %q (%s)", learned, want, shot)
	}
	if b, err := os.ReadFile(model); err != nil || !strings.HasPrefix(string(b), "gloss-model 1\n") {
		t.Errorf("model file: %v", err)
	}
	s.keys("ctrl+q")
	if !s.exited(5 * time.Second) {
		t.Errorf("Ctrl+Q did not quit (%s)", s.shot("quit"))
	}
}
