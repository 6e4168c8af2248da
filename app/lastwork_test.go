package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// TestReopensLastWork: starting with no file reopens what was open last,
// with its recovery check; the sample article is a menu item away, and is
// what opens when there is no last work, or it is gone.
func TestReopensLastWork(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	if err := export.SaveNative(path, &annotate.Document{ID: "a", Text: mixedText}, &annotate.Document{ID: "b", Text: "Moscow did not."}); err != nil {
		t.Fatal(err)
	}
	first, _ := newTestWindow(t, Options{})
	a := first.app
	if first.Document().ID != "russia-turkey-libya" {
		t.Fatalf("a first start opened %q, not the sample", first.Document().ID)
	}
	w, _ := newWindowIn(t, a, Options{Files: []string{path}})
	s, e := annotatetest.Find(t, mixedText, "Vladimir Putin", 0)
	w.AddSpan("ACTOR", s, e)
	crash(t, w)
	// The app "crashes"; started with no file, it reopens the corpus and
	// offers the unsaved span back.
	w2, ans := newWindowIn(t, a, Options{})
	if w2.s.Source() != path || w2.s.SavePath() != path || w2.s.Len() != 2 {
		t.Fatalf("reopened %q (save %q), %d documents", w2.s.Source(), w2.s.SavePath(), w2.s.Len())
	}
	ans.next = []string{"Recover"}
	w2.OfferRecovery()
	if len(ans.asked) != 1 || len(w2.Document().Spans) != 1 {
		t.Fatalf("asked %v; spans %v", ans.asked, spanSummary(w2.Document()))
	}
	w2.Save()
	w2.WaitTasks()
	// Help → Open Sample Article: the sample, and the last work from then on.
	w2.menuItem("Help", "Open Sample Article").Action()
	if w2.Document().ID != "russia-turkey-libya" {
		t.Fatalf("Open Sample Article opened %q", w2.Document().ID)
	}
	if w3, _ := newWindowIn(t, a, Options{}); w3.Document().ID != "russia-turkey-libya" {
		t.Errorf("after the sample, a start with no file opened %q", w3.Document().ID)
	}
	// A last work that has problems now: the sample, with a word about it.
	w4, _ := newWindowIn(t, a, Options{Files: []string{path}})
	w4.Quit()
	good, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(`{"id":"a","text":"Russia","spans":[{"start":-1,"end":3,"label":"ACTOR"}]}`+"\n"), 0o644)
	w5, _ := newWindowIn(t, a, Options{})
	if w5.Document().ID != "russia-turkey-libya" || !strings.Contains(w5.Message(), "Did not reopen the last work") {
		t.Errorf("with the last work broken: %q, %q", w5.Document().ID, w5.Message())
	}
	// A last work that is gone: the sample.
	os.WriteFile(path, good, 0o644)
	w6, _ := newWindowIn(t, a, Options{Files: []string{path}})
	w6.Quit()
	os.Rename(path, path+".moved")
	if w7, _ := newWindowIn(t, a, Options{}); w7.Document().ID != "russia-turkey-libya" {
		t.Errorf("with the last work gone, a start opened %q", w7.Document().ID)
	}
}
