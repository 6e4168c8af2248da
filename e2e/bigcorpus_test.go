package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBigCorpus opens the corpus GLOSS_BENCH_CORPUS names (made with
// ../shared/bench/gen.py, see docs/performance.md) in the real window and
// logs what issue 14 measures: the time to the first document drawn and
// to the whole list, resident memory, and a Ctrl+S of one edited document
// with the user interface's longest wait meanwhile (GLOSS_UI_PROBE) while
// keys are pressed. It checks what can be checked without a clock: the
// edit is saved, every other line is copied byte for byte. Without the
// variable it is skipped: the corpus is hundreds of MB, made on purpose.
func TestBigCorpus(t *testing.T) {
	src := os.Getenv("GLOSS_BENCH_CORPUS")
	if src == "" {
		t.Skip("set GLOSS_BENCH_CORPUS to a corpus made by ../shared/bench/gen.py (docs/performance.md)")
	}
	x := startX(t)
	dir := t.TempDir()
	home := t.TempDir()
	// A hard link: the save renames a new file over it and leaves the
	// corpus as it was (a copy where links cannot be made).
	corpus := filepath.Join(dir, filepath.Base(src))
	if err := os.Link(src, corpus); err != nil {
		copyFile(t, src, corpus)
	}
	docs := countLines(t, src)
	probe := filepath.Join(dir, "probe.txt")
	t0 := time.Now()
	s := startEnv(t, x, home, []string{"GLOSS_UI_PROBE=" + probe}, corpus)
	window := time.Since(t0)
	// Drawn between the start of the last capture that was not and the
	// end of the first that was: a capture takes 0.1–0.5 s here.
	var shot string
	var notYet, first time.Duration
	if !waitFor(30*time.Second, func() bool {
		at := time.Since(t0)
		shot = s.shot("first")
		if drawn(shot) {
			first = time.Since(t0)
			return true
		}
		notYet = at
		return false
	}) {
		t.Fatalf("the first document was never drawn (%s)", shot)
	}
	listed := fmt.Sprintf("/%d ", docs)
	if !waitFor(120*time.Second, func() bool { return strings.Contains(s.title(), listed) }) {
		t.Fatalf("the list never reached %d documents: title %q", docs, s.title())
	}
	all := time.Since(t0)
	time.Sleep(2 * time.Second) // the check pass ends
	rssOpen := procStatus(t, s, "VmRSS")

	// A control: the user interface's longest wait while keys are pressed
	// and nothing else runs, for as long as a save takes.
	idleFrom := time.Now()
	for time.Since(idleFrom) < 3*time.Second {
		s.xdo("key", "Right")
		time.Sleep(50 * time.Millisecond)
	}
	idleTo := time.Now()

	// One edit: the first word of the first document as a QUOTE.
	s.keys("ctrl+Home", "ctrl+shift+Right", "q")
	if !waitFor(5*time.Second, func() bool { return strings.HasPrefix(s.title(), "● ") }) {
		t.Fatalf("no unsaved mark after labelling (%s)", s.shot("unlabelled"))
	}
	before := time.Now()
	s.xdo("key", "ctrl+s")
	keys := 0
	for strings.HasPrefix(s.title(), "● ") && time.Since(before) < 5*time.Minute {
		// Input goes on while it saves: the caret moves.
		s.xdo("key", "Right")
		keys++
		time.Sleep(50 * time.Millisecond)
	}
	save := time.Since(before)
	if strings.HasPrefix(s.title(), "● ") {
		t.Fatalf("Ctrl+S did not finish within 5 minutes (%s)", s.shot("saving"))
	}
	after := time.Now()
	time.Sleep(1100 * time.Millisecond) // the probe's second ends
	worst := probeWorst(t, probe, before, after.Add(time.Second))
	idle := probeWorst(t, probe, idleFrom.Add(time.Second), idleTo)
	if data, err := os.ReadFile(probe); err == nil {
		t.Logf("UI probe (second, longest wait in ms):\n%s", data)
	}
	peak := procStatus(t, s, "VmHWM")
	s.kill()

	// The first line has the QUOTE; every other line is as it was.
	a, b := openLines(t, src), openLines(t, corpus)
	for n := 1; ; n++ {
		la, ea := a.ReadBytes('\n')
		lb, eb := b.ReadBytes('\n')
		if n == 1 {
			if !bytes.Contains(lb, []byte(`"label":"QUOTE"`)) {
				t.Errorf("the saved first line has no QUOTE: %.200s", lb)
			}
		} else if !bytes.Equal(la, lb) {
			t.Fatalf("line %d changed:\n%.200s\nwant\n%.200s", n, lb, la)
		}
		if ea == io.EOF || eb == io.EOF {
			if ea != eb {
				t.Fatalf("the saved file has another number of lines (%d read)", n)
			}
			break
		}
	}
	t.Logf("%d documents: window %v, first document drawn after %v and by %v, all listed %v; RSS %d MB open, peak %d MB; "+
		"Ctrl+S of one edit %v (%d keys pressed meanwhile), longest UI wait during it %.1f ms (%.1f ms with keys alone)",
		docs, window.Round(time.Millisecond), notYet.Round(time.Millisecond), first.Round(time.Millisecond), all.Round(time.Millisecond),
		rssOpen>>10, peak>>10, save.Round(time.Millisecond), keys, worst, idle)
}

// procStatus reads a field of the app's /proc status, in kB.
func procStatus(t *testing.T, s *session, field string) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	t.Fatalf("no %s in /proc status", field)
	return 0
}

// probeWorst is the longest wait the UI probe wrote for the seconds
// between from and to, in ms.
func probeWorst(t *testing.T, path string, from, to time.Time) float64 {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	worst := 0.0
	day := from.Format("2006-01-02 ")
	for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(l)
		if len(f) != 2 {
			continue
		}
		at, err := time.ParseInLocation("2006-01-02 15:04:05.000", day+f[0], time.Local)
		ms, err2 := strconv.ParseFloat(f[1], 64)
		if err != nil || err2 != nil || at.Before(from) || at.After(to) {
			continue
		}
		worst = max(worst, ms)
	}
	return worst
}

func countLines(t *testing.T, path string) int {
	r := openLines(t, path)
	n := 0
	for {
		_, err := r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			continue
		}
		if err != nil {
			return n
		}
		n++
	}
}

func openLines(t *testing.T, path string) *bufio.Reader {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return bufio.NewReaderSize(f, 1<<20)
}

func copyFile(t *testing.T, src, dst string) {
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
