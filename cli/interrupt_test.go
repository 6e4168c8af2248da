package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run this package's command line in a child
// process, as the gloss binary would (with HandleInterrupts), so that it
// can be sent signals: GLOSS_TEST_MAIN=1 and the arguments after "--".
func TestMain(m *testing.M) {
	if os.Getenv("GLOSS_TEST_MAIN") == "1" {
		args := os.Args
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		HandleInterrupts(os.Stderr)
		os.Exit(Main(args, Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, OpenApp: signalledApp}))
	}
	os.Exit(m.Run())
}

// signalledApp stands in for the desktop app as Fyne runs it: it quits
// on SIGINT or SIGTERM, and says when it runs and when it quit.
func signalledApp(AppOptions) error {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	fmt.Fprintln(os.Stderr, "app running")
	<-ch
	time.Sleep(100 * time.Millisecond) // a save finishing
	fmt.Fprintln(os.Stderr, "app quit")
	return nil
}

// child starts the command line in a child process that reads its
// standard input from the returned pipe, in dir, with TMPDIR tmp.
func child(t *testing.T, dir, tmp string, args ...string) (*exec.Cmd, io.WriteCloser, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GLOSS_TEST_MAIN=1", "TMPDIR="+tmp)
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	errOut := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = io.Discard, errOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, in, errOut
}

// syncBuffer is a strings.Builder that the process's output goroutine
// and the test may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// names lists a folder's entries.
func names(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// waitUntil polls cond for up to a minute (a loaded machine is slow to
// start a process), and reports whether it came true.
func waitUntil(cond func() bool) bool {
	for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return false
}

// TestInterruptLeavesNothing: Ctrl+C or SIGTERM in the middle of an
// export or import removes its temporary file, folder or spool, leaves an
// old output whole, and exits 128+signal.
func TestInterruptLeavesNothing(t *testing.T) {
	doc := `{"id":"a","text":"Ana said","spans":[{"start":0,"end":3,"label":"ACTOR"}]}` + "\n"
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, tt := range []struct {
			name string
			args []string
		}{
			{"file", []string{"export", "--to", "doccano", "-o", "out.jsonl", "-"}},
			{"brat folder", []string{"export", "--to", "brat", "-o", "out", "-"}},
			{"stdout spool", []string{"import", "--from", "jsonl", "-"}},
			{"stdin spool", []string{"export", "--to", "conll", "-"}},
		} {
			t.Run(sig.String()+" "+tt.name, func(t *testing.T) {
				dir, tmp := t.TempDir(), t.TempDir()
				old := []byte("the old output\n")
				os.WriteFile(filepath.Join(dir, "out.jsonl"), old, 0o644)
				cmd, in, errOut := child(t, dir, tmp, tt.args...)
				in.Write([]byte(doc)) // and keep the input open: the command waits for more
				started := func() bool { return len(names(dir)) > 1 || len(names(tmp)) > 0 }
				if !waitUntil(started) {
					t.Fatalf("no temporary file appeared: %v %v; stderr %q", names(dir), names(tmp), errOut)
				}
				cmd.Process.Signal(sig)
				err := cmd.Wait()
				var exit *exec.ExitError
				if !errors.As(err, &exit) || exit.ExitCode() != 128+int(sig) {
					t.Errorf("%v, want exit status %d; stderr %q", err, 128+int(sig), errOut)
				}
				if got := names(dir); len(got) != 1 || got[0] != "out.jsonl" {
					t.Errorf("left in the folder: %v", got)
				}
				if got := names(tmp); len(got) > 0 {
					t.Errorf("left in TMPDIR: %v", got)
				}
				if b, _ := os.ReadFile(filepath.Join(dir, "out.jsonl")); string(b) != string(old) {
					t.Errorf("the old output is now %q", b)
				}
				if !strings.Contains(errOut.String(), "removed 1 unfinished temporary file(s)") {
					t.Errorf("stderr %q", errOut)
				}
			})
		}
	}
}

// TestStaleTempsRemoved: what a killed gloss left (its pid is in the
// names) goes at the next write to the same place; a running process's
// temporary files stay.
func TestStaleTempsRemoved(t *testing.T) {
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true(1) to get a dead pid from")
	}
	pid := dead.Process.Pid
	dir, tmp := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	in := filepath.Join(dir, "in.jsonl")
	os.WriteFile(in, []byte(`{"id":"a","text":"Ana"}`+"\n"), 0o644)
	stale := []string{
		filepath.Join(dir, ".out.jsonl."+strconv.Itoa(pid)+"-123.tmp"),
		filepath.Join(tmp, "gloss-out-"+strconv.Itoa(pid)+"-9"),
		filepath.Join(tmp, "gloss-in-"+strconv.Itoa(pid)+"-9.jsonl"),
	}
	live := []string{
		filepath.Join(dir, ".out.jsonl."+strconv.Itoa(os.Getppid())+"-5.tmp"), // a running process's
		filepath.Join(dir, ".other.jsonl."+strconv.Itoa(pid)+"-5.tmp"),        // another target's
	}
	for _, p := range append(stale, live...) {
		os.WriteFile(p, []byte("half"), 0o644)
	}
	os.MkdirAll(filepath.Join(dir, ".out."+strconv.Itoa(pid)+"-7.tmp"), 0o755)
	os.WriteFile(filepath.Join(dir, ".out."+strconv.Itoa(pid)+"-7.tmp", "a.txt"), nil, 0o644)
	stale = append(stale, filepath.Join(dir, ".out."+strconv.Itoa(pid)+"-7.tmp"))
	for _, args := range [][]string{
		{"export", "--to", "doccano", "-o", filepath.Join(dir, "out.jsonl"), in},
		{"export", "--to", "brat", "-o", filepath.Join(dir, "out"), in},
		{"export", "--to", "doccano", in},
	} {
		if code, _, errOut := runMain("", args...); code != 0 {
			t.Fatalf("%v: status %d, %s", args, code, errOut)
		}
	}
	if code, _, errOut := runMain(`{"text":"a"}`+"\n", "export", "--to", "conll", "-"); code != 0 {
		t.Fatalf("conll from stdin: %d %s", code, errOut)
	}
	for _, p := range stale {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("stale %s is still there", filepath.Base(p))
		}
	}
	for _, p := range live {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed", filepath.Base(p))
		}
	}
}

// TestInterruptLeavesTheAppToFyne: while the desktop app runs, a signal is
// the app's to quit on (as Fyne's driver does), not a reason to exit under
// it.
func TestInterruptLeavesTheAppToFyne(t *testing.T) {
	dir := t.TempDir()
	cmd, _, errOut := child(t, dir, t.TempDir())
	if !waitUntil(func() bool { return strings.Contains(errOut.String(), "app running") }) {
		t.Fatalf("the app did not start: %q", errOut)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("%v; stderr %q", err, errOut)
	}
	if got := errOut.String(); !strings.Contains(got, "app quit") || strings.Contains(got, "stopped by") {
		t.Errorf("stderr %q", got)
	}
}
