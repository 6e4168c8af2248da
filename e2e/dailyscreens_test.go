package e2e

import (
	"gloss/export/exporttest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gloss/export"
)

// withPrefs makes a home folder whose Gloss preferences are prefs (JSON).
func withPrefs(t *testing.T, prefs string) string {
	t.Helper()
	home := t.TempDir()
	dir := filepath.Join(home, ".config", "fyne", "org.gloss.Gloss")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "preferences.json"), []byte(prefs), 0o644); err != nil {
		t.Fatal(err)
	}
	return home
}

// otherWindow waits for a visible window of the session's process whose
// name contains name, and returns its id.
func (s *session) otherWindow(name string) string {
	s.t.Helper()
	var id string
	waitFor(10*time.Second, func() bool {
		out, err := s.xdoErr("search", "--onlyvisible", "--name", name)
		if err != nil {
			return false
		}
		id = strings.TrimSpace(strings.Split(strings.TrimSpace(out), "\n")[0])
		return id != ""
	})
	if id == "" {
		s.t.Fatalf("no window %q (%s)", name, s.shot("no-"+name))
	}
	return id
}

// importWindow captures window id into path.
func (s *session) importWindow(id, path string) {
	s.t.Helper()
	cmd := exec.Command("import", "-window", id, path)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.x.name)
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("import: %v\n%s", err, out)
	}
}

// TestDailyScreens: the screens issue 15 changed, in a real window —
// 800×600 with a span row's tooltip, the label bar's tooltip, the View
// menu's theme checks, the help with labels, the guidelines searched, and
// the document labels in the dark theme at full size.
func TestDailyScreens(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	work := sampleWork(t, dir)
	labels := filepath.Join(dir, "labels.toml")
	if err := os.WriteFile(labels, []byte(choiceLabels), 0o644); err != nil {
		t.Fatal(err)
	}
	guide := "# ACTOR\n\nA person, organisation or state. Include titles: *President Vladimir Putin*.\n\n" +
		"# QUOTE\n\nWhat is between the quotation marks, **the marks left out**. A quote has a speaker: press S.\n\n" +
		"# Stance\n\n- **for**: the article backs the offensive\n- **against**: it opposes it\n- **neutral**: neither\n"
	if err := os.WriteFile(filepath.Join(dir, "guidelines.md"), []byte(guide), 0o644); err != nil {
		t.Fatal(err)
	}

	small := start(t, x, withPrefs(t, `{"theme":"light","window.width":800,"window.height":600}`),
		"--annotator", "ana", "--labels", labels, work)
	small.keys("Tab", "Tab", "Tab", "Tab", "ctrl+2", "ctrl+4")
	// The pointer on a label button, then on the long quote's row.
	small.xdo("mousemove", "--window", small.win, "110", "53")
	time.Sleep(400 * time.Millisecond)
	keep(t, small.shot("label-tip"), "app-label-tooltip.png")
	small.xdo("mousemove", "--window", small.win, "640", "300")
	time.Sleep(400 * time.Millisecond)
	keep(t, small.shot("800x600"), "app-800x600.png")

	small.keys("ctrl+slash")
	time.Sleep(300 * time.Millisecond)
	keep(t, small.shot("help"), "app-dialog.png")
	small.keys("Escape")

	small.click(192, 14) // View
	time.Sleep(300 * time.Millisecond)
	keep(t, small.shot("view-menu"), "app-theme-menu.png")
	small.keys("Escape")

	small.click(330, 14) // Help
	time.Sleep(300 * time.Millisecond)
	small.shot("help-menu")
	small.keys("Down", "Down", "Return")
	gw := small.otherWindow("Guidelines")
	small.xdo("type", "--window", gw, "--delay", "40", "quote")
	time.Sleep(500 * time.Millisecond)
	shot := filepath.Join(shotDir, "guidelines.png")
	small.importWindow(gw, shot)
	keep(t, shot, "app-guidelines.png")
	small.kill()

	big := start(t, x, withTheme(t, "dark"), "--annotator", "ana", "--labels", labels, work)
	big.keys("Tab", "Tab", "Tab", "Tab", "ctrl+3", "ctrl+5", "ctrl+6")
	keep(t, big.shot("choices-dark"), "app-choices-dark.png")
}

// TestReviewDocumentLabels: the review window shows each annotator's
// document labels; Ctrl+3 takes cem's into the gold, which Ctrl+S saves;
// Ctrl+Q then closes the window, and gloss review with it.
func TestReviewDocumentLabels(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	files := reviewFiles(t, dir)
	values := map[string]map[string][]string{
		"ana": {"stance": {"against"}, "topic": {"war"}},
		"ben": {"stance": {"against"}, "topic": {"war", "diplomacy"}},
		"cem": {"stance": {"neutral"}, "topic": {"diplomacy"}},
	}
	for _, f := range files {
		d := exporttest.ReadNative(t, f)[0]
		d.Choices = values[d.Annotator]
		if err := export.SaveNative(f, d); err != nil {
			t.Fatal(err)
		}
	}
	labels := filepath.Join(dir, "labels.toml")
	if err := os.WriteFile(labels, []byte(choiceLabels), 0o644); err != nil {
		t.Fatal(err)
	}
	gold := filepath.Join(dir, "gold.jsonl")
	s := start(t, x, withTheme(t, "light"), append([]string{"review", "--labels", labels, "-o", gold}, files...)...)
	var shot string
	if !waitFor(20*time.Second, func() bool { shot = s.shot("start"); return drawn(shot) }) {
		t.Fatalf("the review window never showed the article (%s)", shot)
	}
	s.keys("ctrl+3")
	if !waitFor(5*time.Second, func() bool { return strings.HasPrefix(s.title(), "● ") }) {
		t.Fatalf("Ctrl+3 made no decision (title %q, %s)", s.title(), s.shot("no-take"))
	}
	keep(t, s.shot("choices"), "review-choices.png")
	d := s.save(gold)[0]
	if !slices.Equal(d.Choices["stance"], []string{"neutral"}) || !slices.Equal(d.Choices["topic"], []string{"diplomacy"}) {
		t.Errorf("gold choices %v", d.Choices)
	}
	s.keys("ctrl+q")
	if !s.exited(5 * time.Second) {
		t.Errorf("Ctrl+Q did not close gloss review (%s)", s.shot("after-ctrl-q"))
	}
}
