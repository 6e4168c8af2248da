package e2e

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/assets"
	"gloss/export"
)

// sampleWork is the sample article with overlapping and nested spans and
// a note, as a native file in dir.
func sampleWork(t *testing.T, dir string) string {
	t.Helper()
	text := string(assets.Sample)
	d := &annotate.Document{ID: "russia-turkey-libya", Text: text, Annotator: "ana"}
	addSpans(t, d,
		phrase{"CLAIM", "Russia fails in its attempt to persuade Turkey to stop its offensive in Libya"},
		phrase{"ACTOR", "Russia"}, phrase{"ACTOR", "Turkey"}, phrase{"ACTOR", "Vladimir Putin"}, phrase{"ACTOR", "Recep Tayyip Erdogan"},
		phrase{"ACTOR", "The foreign ministry of russia"},
		phrase{"QUOTE", "the jobs continue. The date of the meeting of the Foreign and Defence ministers of the two countries agreed in addition"},
		phrase{"ACTOR", "Abdelfatah al Sisi"}, phrase{"ACTOR", "Çavusoglu, quoted by the agency"},
		phrase{"QUOTE", "call a truce just when Haftar begins to lose ground. This is neither convincing nor sincere. The efforts of a cease-fire in Cairo are born dead"},
	)
	d.Spans[3].Note = "Russian president; speaks by telephone" // Vladimir Putin
	path := filepath.Join(dir, "russia-turkey-libya.jsonl")
	if err := export.SaveNative(path, d); err != nil {
		t.Fatal(err)
	}
	return path
}

// withTheme makes a home folder whose Gloss preferences choose a theme.
func withTheme(t *testing.T, theme string) string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, ".config", "fyne", "org.gloss.Gloss")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "preferences.json"), []byte(`{"theme":"`+theme+`"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	return home
}

// keep records a screenshot that the documentation shows, checking that
// it shows something, and with -shots copies it to docs/img.
func keep(t *testing.T, shot, name string) {
	t.Helper()
	if !drawn(shot) {
		t.Errorf("%s looks empty", shot)
	}
	if !*docShots {
		return
	}
	src, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(filepath.Join("..", "docs", "img", name))
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
}

// TestScreens walks through the main window's parts in both themes: spans
// on the sample article with a span selected and its note, the span list
// filtered, the find bar, a dialog and a corpus.
func TestScreens(t *testing.T) {
	x := startX(t)
	work := sampleWork(t, t.TempDir())

	light := start(t, x, withTheme(t, "light"), "--annotator", "ana", work)
	if got := light.title(); got != "russia-turkey-libya.jsonl — Gloss" {
		t.Errorf("title = %q", got)
	}
	// Select the span "Vladimir Putin" with Tab: the title's CLAIM, its
	// two ACTORs, then Putin.
	light.keys("Tab", "Tab", "Tab", "Tab")
	keep(t, light.shot("light"), "app-light.png")

	// Filter the span list to QUOTE: open the filter and pick the last
	// choice.
	light.click(1030, 109)
	light.shot("filter-open")
	light.click(1000, 109+4*37)
	keep(t, light.shot("filtered"), "app-filtered.png")

	light.keys("ctrl+f")
	light.xdo("type", "--delay", "30", "turkey")
	time.Sleep(300 * time.Millisecond)
	keep(t, light.shot("find"), "app-find.png")
	light.keys("Escape", "ctrl+slash")
	keep(t, light.shot("shortcuts"), "app-dialog.png")
	light.kill()

	dark := start(t, x, withTheme(t, "dark"), "--annotator", "ana", work)
	dark.keys("Tab", "Tab", "Tab", "Tab")
	keep(t, dark.shot("dark"), "app-dark.png")
	dark.kill()

	// A folder of .txt files is a corpus with a document list.
	corpus := t.TempDir()
	for i, name := range []string{"ankara", "cairo", "moscow", "tripoli"} {
		body := strings.Repeat(e2eText, i+1)
		if err := os.WriteFile(filepath.Join(corpus, name+".txt"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c := start(t, x, withTheme(t, "light"), "--annotator", "ana", "-o", filepath.Join(t.TempDir(), "corpus.jsonl"), corpus)
	c.keys("ctrl+Home", "ctrl+shift+Right", "a", "ctrl+d", "ctrl+Next", "ctrl+Home", "ctrl+shift+Right", "a")
	if got := c.title(); !strings.Contains(got, "[2/4 cairo]") || !strings.HasPrefix(got, "● ") {
		t.Errorf("corpus title = %q", got)
	}
	keep(t, c.shot("corpus"), "app-corpus.png")
}
