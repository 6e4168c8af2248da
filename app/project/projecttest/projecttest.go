// Package projecttest gives tests of Gloss projects a git of their own: a
// HOME, a global configuration with a user and a default branch, and no
// system configuration, so that no test depends on the machine's git setup.
package projecttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Env makes a fresh git configuration and returns the environment
// variables that select it, for a project.Git's Env (tests that run in
// parallel) or for Isolate.
func Env(t testing.TB) []string {
	t.Helper()
	home := t.TempDir()
	cfg := filepath.Join(home, ".gitconfig")
	if err := os.WriteFile(cfg, []byte("[user]\n\tname = Gloss Test\n\temail = test@gloss.invalid\n[init]\n\tdefaultBranch = main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"GIT_CONFIG_GLOBAL=" + cfg,
		"GIT_CONFIG_NOSYSTEM=1",
	}
}

// Isolate sets Env's variables in the process for the rest of the test
// (which therefore may not run in parallel), for code that runs git
// without a project.Git of the test's making: the command line, the app.
func Isolate(t testing.TB) {
	t.Helper()
	for _, kv := range Env(t) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
}

// Git runs git in dir with the process's environment and fails the test
// on error; it returns the trimmed output.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}
