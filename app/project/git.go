package project

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// Git runs the git command line in one repository. Gloss drives git itself
// rather than a Go reimplementation so that the user's remotes,
// credentials (ssh agent, credential helpers) and configuration work as they
// do in their terminal; docs/projects.md says more.
//
// Every command runs under a context with a time limit, with no standard
// input and, on Unix, in a session of its own without a controlling
// terminal, and with GIT_TERMINAL_PROMPT=0: git and ssh can never stop to
// ask for a password on a terminal nobody is looking at. A remote that needs
// a password it cannot get fails at once, and Sync reports it.
type Git struct {
	// Dir is the repository's work tree.
	Dir string
	// Timeout bounds each command; 0 means DefaultGitTimeout.
	Timeout time.Duration
	// Env is added to the environment of every command (tests set HOME and
	// GIT_CONFIG_GLOBAL there).
	Env []string
	// Program is the git executable; "" means "git" on PATH.
	Program string
}

// DefaultGitTimeout bounds one git command: long enough for a slow remote,
// short enough that a hung connection does not hang the app.
const DefaultGitTimeout = 2 * time.Minute

// GitError is a git command that failed: its arguments, exit status and
// what it wrote on stderr.
type GitError struct {
	Args   []string
	Stderr string
	Err    error
}

func (e *GitError) Error() string {
	msg := lastLines(e.Stderr, 3)
	if msg == "" {
		msg = e.Err.Error()
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.Args, " "), msg)
}

func (e *GitError) Unwrap() error { return e.Err }

// ErrNoGit is returned when git is not installed.
var ErrNoGit = errors.New("git is not installed (Gloss projects need it: https://git-scm.com)")

// Run runs git with args and returns what it printed on stdout.
func (g *Git) Run(ctx context.Context, args ...string) (string, error) {
	out, err := g.run(ctx, nil, args...)
	return string(out), err
}

// run runs git, with stdin when not nil.
func (g *Git) run(ctx context.Context, stdin []byte, args ...string) ([]byte, error) {
	timeout := g.Timeout
	if timeout <= 0 {
		timeout = DefaultGitTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	prog := g.Program
	if prog == "" {
		prog = "git"
	}
	cmd := exec.CommandContext(ctx, prog, args...)
	cmd.Dir = g.Dir
	cmd.Env = append(os.Environ(),
		"GIT_TERMINAL_PROMPT=0", // never ask for a user name or password
		"GCM_INTERACTIVE=never", // nor through Git Credential Manager
		"GIT_EDITOR=true",       // a merge never opens an editor
		"LC_ALL=C",              // messages Sync can read
	)
	cmd.Env = append(cmd.Env, g.Env...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	detach(cmd)
	// After the context ends, give git a moment to exit, then stop
	// waiting for pipes its children (ssh) may hold open.
	cmd.WaitDelay = 2 * time.Second
	err := cmd.Run()
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, ErrNoGit
		}
		if ctx.Err() != nil {
			err = fmt.Errorf("no answer in %s: %w", timeout, ctx.Err())
		}
		return stdout.Bytes(), &GitError{Args: args, Stderr: stderr.String(), Err: err}
	}
	return stdout.Bytes(), nil
}

// lastLines is the last n non-empty lines of s, joined by "; ", without
// git's "hint:" lines.
func lastLines(s string, n int) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "hint:") {
			continue
		}
		keep = append(keep, line)
	}
	if len(keep) > n {
		keep = keep[len(keep)-n:]
	}
	return strings.Join(keep, "; ")
}
