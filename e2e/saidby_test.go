package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// TestSaidByKeyboard links a quote to its speaker with the keyboard only:
// Tab to the QUOTE, S, Tab to the next ACTOR, Enter, Ctrl+S; the saved
// file holds the SAID_BY relation. Esc before that cancels a first try.
func TestSaidByKeyboard(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	d := &annotate.Document{ID: "article", Text: e2eText, Annotator: "e2e"}
	ids := map[string]string{}
	for _, p := range []struct{ label, phrase string }{
		{"ACTOR", "Ankara"}, {"QUOTE", "we will not stop"}, {"ACTOR", "Vladimir Putin"},
	} {
		s, e := annotatetest.Find(t, e2eText, p.phrase, 0)
		sp := annotate.NewSpan(d, s, e, p.label, "e2e")
		ids[p.phrase] = sp.ID
		d.Spans = append(d.Spans, sp)
	}
	in := filepath.Join(dir, "article.jsonl")
	if err := export.SaveNative(in, d); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	s := start(t, x, t.TempDir(), "--annotator", "e2e", "-o", out, in)

	// Tab, Tab: Ankara, then the quote. S starts Said By; Esc cancels it.
	s.keys("Tab", "Tab", "s")
	s.shot("linking")
	s.keys("Escape")
	if got := s.title(); strings.HasPrefix(got, "● ") {
		t.Errorf("Esc left unsaved work: %q", got)
	}
	// Again: S, Tab to the next ACTOR (Putin), Enter.
	s.keys("s", "Tab", "Return")
	shot := s.shot("linked")
	if got := s.title(); !strings.HasPrefix(got, "● ") {
		t.Errorf("title %q has no unsaved mark after linking (%s)", got, shot)
	}
	docs := s.save(out)
	if len(docs) != 1 || len(docs[0].Relations) != 1 {
		t.Fatalf("saved relations %+v (%s)", docs[0].Relations, shot)
	}
	r := docs[0].Relations[0]
	if r.Label != "SAID_BY" || r.From != ids["we will not stop"] || r.To != ids["Vladimir Putin"] || r.Suggested {
		t.Errorf("saved relation %+v, want SAID_BY quote → Putin (%s)", r, shot)
	}
	s.keys("ctrl+q")
	if !s.exited(5 * time.Second) {
		t.Errorf("Ctrl+Q did not quit (%s)", s.shot("quit"))
	}
}

// TestSaidByScreens makes the screenshots of docs/app.md's "Who said it":
// link mode with a caption already drawn, and suggestions on the sample.
func TestSaidByScreens(t *testing.T) {
	x := startX(t)
	work := sampleWork(t, t.TempDir())
	s := start(t, x, withTheme(t, "light"), "--annotator", "ana", work)
	// The first quote (the seventh span) said by the ministry (the sixth):
	// Tab ×7, S, Shift+Tab, Enter. Then the second quote: Tab ×3 more
	// (Sisi, Çavusoglu, the quote), S, Shift+Tab to Çavusoglu.
	s.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "Tab", "s", "shift+Tab", "Return")
	s.keys("Tab", "Tab", "Tab", "s", "shift+Tab")
	keep(t, s.shot("saidby"), "app-saidby.png")
	s.kill()

	// The bare sample article, suggested: two accepted with Enter, the
	// third suggestion selected.
	g := start(t, x, withTheme(t, "light"), "--annotator", "ana")
	// A key sent the moment the window maps can be lost: press Ctrl+Shift+G
	// until the work is unsaved (a second Suggest adds nothing).
	for i := 0; i < 5 && !strings.HasPrefix(g.title(), "● "); i++ {
		g.keys("ctrl+shift+g")
		time.Sleep(500 * time.Millisecond)
	}
	g.keys("Return", "Return")
	// A click on "jobs" selects the suggestion over the ministry's quote: its reason shows
	// in the status bar and the list scrolls to it.
	g.click(560, 529)
	if got := g.title(); !strings.HasPrefix(got, "● ") {
		t.Errorf("title %q has no unsaved mark after Suggest", got)
	}
	keep(t, g.shot("suggestions"), "app-suggestions.png")
}
