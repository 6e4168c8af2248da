package e2e

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/app/project"
	"gloss/app/project/projecttest"
)

// TestProjectSync opens a project clone as ana in the real window, labels
// a word, marks the document done and syncs with Ctrl+Shift+S: her file
// reaches the bare remote. Ctrl+P shows the team's progress.
func TestProjectSync(t *testing.T) {
	projecttest.Isolate(t)
	x := startX(t)
	lead := filepath.Join(t.TempDir(), "news")
	docs := []*annotate.Document{{ID: "ankara", Text: e2eText}, {ID: "talks", Text: "Putin said \"we will stay\" in Libya."}}
	if _, _, err := project.Init(context.Background(), lead, docs, project.InitOptions{
		Annotators: []string{"ana", "bo"}, Overlap: 2, Reviewer: "lead"}); err != nil {
		t.Fatal(err)
	}
	remote := filepath.Join(t.TempDir(), "news.git")
	projecttest.Git(t, "", "init", "-q", "--bare", remote)
	projecttest.Git(t, lead, "remote", "add", "origin", remote)
	projecttest.Git(t, lead, "push", "-q", "-u", "origin", "main")
	clone := filepath.Join(t.TempDir(), "ana")
	projecttest.Git(t, "", "clone", "-q", remote, clone)

	s := start(t, x, t.TempDir(), "--annotator", "ana", clone)
	if got := s.title(); got != "news · ana [1/2 ankara] — Gloss" {
		t.Errorf("title %q (%s)", got, s.shot("start"))
	}
	s.keys("ctrl+Home", "ctrl+shift+Right", "a", "ctrl+d")
	s.shot("labelled")
	s.keys("ctrl+shift+s")
	var file string
	synced := waitFor(20*time.Second, func() bool {
		out, err := gitOut(remote, "show", "main:annotations/ana.jsonl")
		file = out
		return err == nil
	})
	shot := s.shot("synced")
	if !synced {
		t.Fatalf("ana's file never reached the remote (%s)\n%s", shot, s.log.String())
	}
	if !strings.Contains(file, `"text":"Ankara","annotator":"ana"`) && !strings.Contains(file, `"text":"Ankara"`) || !strings.Contains(file, `"status":"done"`) {
		t.Errorf("the remote has %s (%s)", file, shot)
	}
	if got := s.title(); strings.HasPrefix(got, "● ") {
		t.Errorf("unsaved after the sync: %q (%s)", got, shot)
	}
	if msg := projecttest.Git(t, remote, "log", "-1", "--format=%an: %s", "main"); msg != "Gloss Test: ana: 1 done, 0 in progress of 2 (gloss sync)" {
		t.Errorf("the remote's last commit: %q", msg)
	}
	s.keys("ctrl+p")
	time.Sleep(500 * time.Millisecond)
	s.shot("progress")
	s.keys("Escape")
}

// gitOut runs git in dir and returns its output and error.
func gitOut(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	return string(out), err
}
