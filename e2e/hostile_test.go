package e2e

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/export"
)

// TestNoDisplay: the real binary without a display (none set, or one no
// server answers) says so in one line and exits 1: no GLFW panic, no
// goroutine dump, no window.
func TestNoDisplay(t *testing.T) {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			env = append(env, kv)
		}
	}
	home := t.TempDir()
	env = append(env, "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_CACHE_HOME="+home, "LANG=en_US.UTF-8")
	for _, tt := range []struct {
		display string
		args    []string
		want    string
	}{
		{"", nil, "gloss: no display to open the window on (DISPLAY is not set)"},
		{":4242", nil, "gloss: cannot reach the display DISPLAY=:4242"},
		{"", []string{"review", "a.jsonl", "b.jsonl"}, "gloss: no display"},
	} {
		cmd := exec.Command(binary, tt.args...)
		cmd.Dir = home
		cmd.Env = env
		if tt.display != "" {
			cmd.Env = append(env, "DISPLAY="+tt.display)
		}
		os.WriteFile(home+"/a.jsonl", []byte(`{"text":"a"}`+"\n"), 0o644)
		os.WriteFile(home+"/b.jsonl", []byte(`{"text":"a"}`+"\n"), 0o644)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var err error
		select {
		case err = <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("DISPLAY=%q %v: still running after 30 s", tt.display, tt.args)
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Errorf("DISPLAY=%q %v: %v, want exit status 1", tt.display, tt.args, err)
		}
		got := stderr.String()
		if strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, tt.want) || strings.Contains(got, "panic") {
			t.Errorf("DISPLAY=%q %v: stderr %q, want one line starting %q", tt.display, tt.args, got, tt.want)
		}
	}
}

// TestDamagedJournalInTheWindow: a recovery journal with a line that
// cannot be read is not dropped in silence: the recovery offer says so and
// where the copy is kept, and the work that can be read comes back.
func TestDamagedJournalInTheWindow(t *testing.T) {
	x := startX(t)
	in, out, home, journal := killedAfterOneLabel(t, x)
	f, err := os.OpenFile(journal, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("0\tnot a document\n") // a whole line, not a crash's torn one
	f.Close()
	s2 := start(t, x, home, "-o", out, in)
	time.Sleep(500 * time.Millisecond)
	shot := s2.shot("damaged")
	keep(t, shot, "app-recover-damaged.png")
	if !exists(journal + ".damaged") {
		t.Errorf("no copy of the damaged journal (%s)", shot)
	}
	s2.keys("Tab", "space")
	if got := s2.title(); !strings.HasPrefix(got, "● ") {
		t.Errorf("the readable work was not recovered: title %q (%s)", got, shot)
	}
}

// TestSameFileInTwoProcesses: a second Gloss on a file the first has open
// (same user, same recovery folder) opens the sample and says why; once
// the first is killed, the kernel frees the file and the next start opens
// it, offering the first's unsaved work back.
func TestSameFileInTwoProcesses(t *testing.T) {
	x := startX(t)
	home := t.TempDir()
	path := filepath.Join(t.TempDir(), "gold.jsonl")
	if err := export.SaveNative(path, &annotate.Document{ID: "talks", Text: e2eText}); err != nil {
		t.Fatal(err)
	}
	first := start(t, x, home, path)
	first.keys("ctrl+Home", "ctrl+shift+Right")
	first.xdo("key", "q")
	time.Sleep(time.Second)

	second := start(t, x, home, path)
	time.Sleep(500 * time.Millisecond)
	shot := second.shot("open-elsewhere")
	keep(t, shot, "app-open-elsewhere.png")
	if got := second.title(); got != "russia-turkey-libya — Gloss" {
		t.Errorf("the second start shows %q (%s)", got, shot)
	}
	second.kill()

	first.kill()
	third := start(t, x, home, path)
	time.Sleep(500 * time.Millisecond)
	third.keys("Tab", "space") // Recover
	if got := third.title(); got != "● gold.jsonl — Gloss" {
		t.Errorf("after the first was killed: title %q (%s)", got, third.shot("reopened"))
	}
}
