package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// zorbledWork writes a corpus of two documents where "NAME zorbled
// CLAUSE." reports speech; the rules do not know the verb, so only a model
// that learned from the annotator suggests those claims.
func zorbledWork(t *testing.T) (path string, claims [2][]string) {
	t.Helper()
	people := []string{"Zoë Ngo-Tran", "Li Wei", "Amélie Dubois", "José Martí", "Sergey Lavrov", "Hulusi Akar", "Ana Souza"}
	clauses := []string{"the talks would resume in spring", "nobody had signed the accord 🎉", "the vote in 東京 was delayed",
		"the budget was short by a third", "the ceasefire held along the coast", "the reform was overdue", "the port would stay shut"}
	var b strings.Builder
	k := 0
	for doc := range 2 {
		var text []string
		for range 4 - doc {
			text = append(text, fmt.Sprintf("%s zorbled %s.", people[k%len(people)], clauses[k%len(clauses)]))
			claims[doc] = append(claims[doc], clauses[k%len(clauses)])
			k++
		}
		line, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("z%d", doc), "text": strings.Join(text, "\r\n\r\n")})
		b.Write(line)
		b.WriteByte('\n')
	}
	path = filepath.Join(t.TempDir(), "work.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, claims
}

// runeIndex is the code-point offset of s in text.
func runeIndex(text, s string) int {
	return utf8.RuneCountInString(text[:strings.Index(text, s)])
}

// learnedClaims runs Suggest on the document on screen and returns the
// suggested CLAIMs whose reason says they were learned, then rejects every
// suggestion.
func learnedClaims(w *Window) []string {
	w.Suggest()
	var out []string
	for _, s := range w.Document().Spans {
		if s.Suggested && s.Label == "CLAIM" && strings.HasPrefix(s.Reason, "learned: ") {
			out = append(out, s.Text)
		}
	}
	w.RejectAll()
	w.WaitTasks()
	return out
}

// TestLearnsFromAcceptedSpans: the claims the annotator labels in one
// document teach the model, in the background, to suggest the same kind
// of claim in the next; the status bar says when and from how many spans;
// the model is kept beside the work and read back by the next window;
// switched off, Suggest is the rules alone.
func TestLearnsFromAcceptedSpans(t *testing.T) {
	path, claims := zorbledWork(t)
	w, _ := newTestWindow(t, Options{Files: []string{path}})
	if got := w.status.learned.Text; got != "Nothing learned yet" {
		t.Errorf("status %q before any span", got)
	}
	w.showDocument(1)
	if got := learnedClaims(w); len(got) != 0 {
		t.Fatalf("learned claims %v before anything was labelled", got)
	}
	w.showDocument(0)
	d := w.Document()
	for _, c := range claims[0] {
		start := runeIndex(d.Text, c)
		w.AddSpan("CLAIM", start, start+utf8.RuneCountInString(c))
	}
	w.WaitTasks()
	if got := w.status.learned.Text; !strings.HasPrefix(got, "Learned ") || !strings.HasSuffix(got, " from 4 spans") {
		t.Errorf("status %q after learning from 4 claims", got)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "work.gloss-model")); err != nil {
		t.Errorf("no model beside the work: %v", err)
	}
	w.showDocument(1)
	got := learnedClaims(w)
	if strings.Join(got, "|") != strings.Join(claims[1], "|") {
		t.Errorf("learned claims %q in the next document, want %q", got, claims[1])
	}

	// A new window on the same work (the next start) reads the model.
	crash(t, w)
	w2, _ := newWindowIn(t, w.app, Options{Files: []string{path}})
	w2.WaitTasks()
	if got := w2.status.learned.Text; !strings.HasPrefix(got, "Model read ") || !strings.HasSuffix(got, " from 4 spans") {
		t.Errorf("second window: status %q", got)
	}
	w2.showDocument(1)
	if got := learnedClaims(w2); len(got) != len(claims[1]) {
		t.Errorf("second window: learned claims %q", got)
	}

	// Switched off (and remembered), Suggest is the rules alone.
	w.menuItem("Suggest", "Learn from Accepted Spans").Action()
	if w.Learning() || w.menuItem("Suggest", "Learn from Accepted Spans").Checked || !w.prefs.p.Bool(prefLearnOff) {
		t.Fatal("Learn from Accepted Spans did not switch learning off")
	}
	if got := w.status.learned.Text; got != "Learning off" {
		t.Errorf("status %q with learning off", got)
	}
	if got := learnedClaims(w); len(got) != 0 {
		t.Errorf("learned claims %q with learning off", got)
	}
	w.menuItem("Suggest", "Learn from Accepted Spans").Action()
	w.WaitTasks()
	if got := learnedClaims(w); len(got) != len(claims[1]) {
		t.Errorf("learning on again: learned claims %q", got)
	}
}

// TestForeignModelFileKept: a file beside the work that is no Gloss model
// is reported and never written over; the model lives in memory.
func TestForeignModelFileKept(t *testing.T) {
	path, claims := zorbledWork(t)
	foreign := filepath.Join(filepath.Dir(path), "work.gloss-model")
	os.WriteFile(foreign, []byte("my notes\n"), 0o644)
	w, _ := newTestWindow(t, Options{Files: []string{path}})
	if got := w.Message(); !strings.Contains(got, "Model not read: "+foreign+":1: not a Gloss model") {
		t.Errorf("message %q", got)
	}
	d := w.Document()
	start := runeIndex(d.Text, claims[0][0])
	w.AddSpan("CLAIM", start, start+utf8.RuneCountInString(claims[0][0]))
	w.WaitTasks()
	if b, _ := os.ReadFile(foreign); string(b) != "my notes\n" {
		t.Errorf("the foreign file was written over: %q", b)
	}
	if w.Model() == nil || w.Model().Meta.Total() != 1 {
		t.Errorf("model in memory: %+v", w.Model())
	}
}
