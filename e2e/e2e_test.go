// Package e2e tests the real gloss binary in a real window: it starts Xvfb,
// runs gloss, drives it with xdotool and checks the files it writes.
//
// GLOSS_BINARY names the binary (make e2e sets it); without it the test
// builds one. Screenshots of every step go to a folder the test names in
// its log (GLOSS_E2E_SHOTS, or a new temporary folder); with -shots they
// also go to docs/img/app-*.png.
package e2e

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"gloss/export/exporttest"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

var docShots = flag.Bool("shots", false, "also write the documentation screenshots to docs/img/app-*.png")

// binary is the gloss binary under test.
var binary string

// builtIn is the temporary folder of a binary the test built itself.
var builtIn string

// shotDir is where screenshots go.
var shotDir string

func TestMain(m *testing.M) {
	flag.Parse()
	code, err := setup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		code = 1
	}
	if code < 0 {
		code = m.Run()
	}
	if builtIn != "" {
		os.RemoveAll(builtIn)
	}
	os.Exit(code)
}

// setup finds or builds the binary and makes the screenshot folder; code
// is -1 to go on with the tests.
func setup() (int, error) {
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			return 0, fmt.Errorf("%s is needed (apt-get install xvfb xdotool imagemagick): %v", tool, err)
		}
	}
	binary = os.Getenv("GLOSS_BINARY")
	if binary == "" {
		dir, err := os.MkdirTemp("", "gloss-e2e-bin-")
		if err != nil {
			return 0, err
		}
		builtIn = dir
		binary = filepath.Join(dir, "gloss")
		cmd := exec.Command("go", "build", "-o", binary, "gloss")
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return 0, fmt.Errorf("building gloss: %v", err)
		}
	}
	shotDir = os.Getenv("GLOSS_E2E_SHOTS")
	if shotDir == "" {
		var err error
		if shotDir, err = os.MkdirTemp("", "gloss-e2e-shots-"); err != nil {
			return 0, err
		}
	}
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		return 0, err
	}
	fmt.Fprintln(os.Stderr, "e2e: screenshots in", shotDir)
	return -1, nil
}

// display is one Xvfb server.
type display struct {
	name string
	cmd  *exec.Cmd
	log  *bytes.Buffer // Xvfb's output, for failures
}

// startX starts Xvfb on a free display number from 70 up and waits until
// it accepts connections (it says its number on -displayfd then); when
// another server wins the number first, it tries the next. -noreset: by
// default Xvfb resets when its last client leaves (every xdotool call, a
// killed app), and a client connecting during the reset fails. Cleanup
// stops it with SIGTERM, so that it removes its lock and socket.
func startX(t *testing.T) *display {
	t.Helper()
	for n := 70; n < 400; n++ {
		if exists(fmt.Sprintf("/tmp/.X%d-lock", n)) || exists(fmt.Sprintf("/tmp/.X11-unix/X%d", n)) {
			continue
		}
		if d := tryX(t, n); d != nil {
			return d
		}
	}
	t.Fatal("no free X display")
	return nil
}

// tryX starts Xvfb on display n; nil when it could not have n.
func tryX(t *testing.T, n int) *display {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", fmt.Sprintf(":%d", n), "-displayfd", "3", "-noreset", "-screen", "0", "1280x900x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stop := func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(3 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
	}
	got := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		got <- strings.TrimSpace(line)
	}()
	select {
	case num := <-got:
		if num != fmt.Sprint(n) {
			stop() // it exited (lost the number) or said something else
			return nil
		}
		t.Cleanup(stop)
		return &display{name: ":" + num, cmd: cmd, log: &log}
	case <-time.After(20 * time.Second):
		stop()
		t.Fatal("Xvfb did not start within 20 s")
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// session is one run of gloss in a display.
type session struct {
	t    *testing.T
	x    *display
	home string
	cmd  *exec.Cmd
	done chan struct{}
	win  string // the X window id
	log  bytes.Buffer
}

// shots numbers the screenshots of a test run in the order taken.
var shots int

// start runs gloss with args in x, with home as its HOME (preferences and
// recovery files go there), and waits for its window.
func start(t *testing.T, x *display, home string, args ...string) *session {
	t.Helper()
	return startEnv(t, x, home, nil, args...)
}

// startEnv is start with env added to the app's environment.
func startEnv(t *testing.T, x *display, home string, env []string, args ...string) *session {
	t.Helper()
	s := &session{t: t, x: x, home: home, done: make(chan struct{})}
	s.cmd = exec.Command(binary, args...)
	s.cmd.Env = append(appEnv(x, home), env...)
	s.cmd.Stdout, s.cmd.Stderr = &s.log, &s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.cmd.Wait(); close(s.done) }()
	t.Cleanup(s.kill)
	s.win = s.waitWindow(20 * time.Second)
	// A window is mapped before it is first drawn; under load, keys sent
	// (and screenshots taken) in between were lost (one Ctrl+= of two; a
	// black "dark theme" shot). Wait for the first frame.
	if !waitFor(10*time.Second, s.drawnNow) {
		t.Logf("the window was not drawn within 10 s of mapping")
	}
	return s
}

// drawnNow reports whether the window shows a drawn frame, from a
// screenshot outside the screenshot folder.
func (s *session) drawnNow() bool {
	path := filepath.Join(s.t.TempDir(), "frame.png")
	cmd := exec.Command("import", "-window", s.win, path)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.x.name)
	if cmd.Run() != nil {
		return false
	}
	return drawn(path)
}

// appEnv is the environment gloss runs in: display x, home as its HOME
// (preferences and recovery files go there), software OpenGL.
func appEnv(x *display, home string) []string {
	return append(os.Environ(), "DISPLAY="+x.name, "LANG=en_US.UTF-8", "HOME="+home,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"LIBGL_ALWAYS_SOFTWARE=1")
}

// kill stops the app at once (a crash, as far as it knows).
func (s *session) kill() {
	select {
	case <-s.done:
	default:
		s.cmd.Process.Signal(syscall.SIGKILL)
		<-s.done
	}
}

// exited waits up to d for the app to end by itself.
func (s *session) exited(d time.Duration) bool {
	select {
	case <-s.done:
		return true
	case <-time.After(d):
		return false
	}
}

// xdo runs xdotool in the session's display and returns its output.
func (s *session) xdo(args ...string) string {
	s.t.Helper()
	out, err := s.xdoErr(args...)
	if err != nil {
		s.t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
	return out
}

func (s *session) xdoErr(args ...string) (string, error) {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.x.name)
	out, err := cmd.CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// waitWindow waits for gloss's window to be visible.
func (s *session) waitWindow(d time.Duration) string {
	s.t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			alive := s.x.cmd.ProcessState == nil
			s.t.Fatalf("gloss exited before showing a window:\n%s\nXvfb %s (running: %v) says:\n%s", s.log.String(), s.x.name, alive, s.x.log.String())
		default:
		}
		// This process's window: right after an earlier session is killed,
		// its window may still be mapped, and keys sent to it are lost.
		if out, err := s.xdoErr("search", "--all", "--onlyvisible", "--pid", fmt.Sprint(s.cmd.Process.Pid), "--name", "Gloss"); err == nil && out != "" {
			return strings.Fields(out)[0]
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("no gloss window after %v:\n%s", d, s.log.String())
	return ""
}

// title is the window's title now.
func (s *session) title() string { return s.xdo("getwindowname", s.win) }

// keys presses each key combination in turn, pausing so that the app
// keeps up.
func (s *session) keys(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		s.xdo("key", k)
		time.Sleep(250 * time.Millisecond)
	}
}

// drag presses the primary button at (x0, y) and moves to x1 in steps.
func (s *session) drag(x0, x1, y int) {
	s.t.Helper()
	s.xdo("mousemove", "--window", s.win, fmt.Sprint(x0), fmt.Sprint(y), "mousedown", "1")
	for i := 1; i <= 6; i++ {
		x := x0 + (x1-x0)*i/6
		time.Sleep(50 * time.Millisecond)
		s.xdo("mousemove", "--window", s.win, fmt.Sprint(x), fmt.Sprint(y))
	}
	time.Sleep(50 * time.Millisecond)
	s.xdo("mouseup", "1")
	time.Sleep(250 * time.Millisecond)
}

// click clicks the primary button at (x, y) of the window.
func (s *session) click(x, y int) {
	s.t.Helper()
	s.xdo("mousemove", "--window", s.win, fmt.Sprint(x), fmt.Sprint(y), "click", "1")
	time.Sleep(300 * time.Millisecond)
}

// shot captures the window into the screenshot folder and returns the
// file's path.
func (s *session) shot(name string) string {
	s.t.Helper()
	shots++
	path := filepath.Join(shotDir, fmt.Sprintf("%02d-%s-%s.png", shots, s.t.Name(), name))
	cmd := exec.Command("import", "-window", s.win, path)
	cmd.Env = append(os.Environ(), "DISPLAY="+s.x.name)
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Fatalf("import: %v\n%s", err, out)
	}
	return path
}

// waitFor polls cond until it holds or d passes.
func waitFor(d time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(d)
	for {
		if cond() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// e2eText has an emoji flag (two code points), an emoji, curly quotes and
// CRLF line ends.
const e2eText = "Ankara 🇹🇷 said “we will not stop” today.\r\n" +
	"Vladimir Putin 😀 replied from Moscow.\r\n"

// phrase is a span to make: label on the first occurrence of text.
type phrase struct{ label, text string }

// addSpans labels the first occurrence of each phrase in d's text, as
// d's annotator.
func addSpans(t *testing.T, d *annotate.Document, phrases ...phrase) {
	t.Helper()
	for _, p := range phrases {
		s, e := annotatetest.Find(t, d.Text, p.text, 0)
		d.Spans = append(d.Spans, annotate.NewSpan(d, s, e, p.label, d.Annotator))
	}
}

// summary lists spans as "LABEL start-end text", sorted.
func summary(d *annotate.Document) []string {
	var out []string
	for _, s := range d.Spans {
		out = append(out, fmt.Sprintf("%s %d-%d %s", s.Label, s.Start, s.End, s.Text))
	}
	sort.Strings(out)
	return out
}

// Where the first lines of text are drawn in a fresh window (default size
// and text size): the text starts 12 px in, below the menu and label bars,
// and lines are 26 px apart.
const (
	textLeft  = 12
	firstLine = 104
	linePitch = 26
)

func TestAnnotateSaveUndo(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "article.txt")
	if err := os.WriteFile(in, []byte(e2eText), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	s := start(t, x, t.TempDir(), "--annotator", "e2e", "-o", out, in)
	if got := s.title(); got != "out.jsonl — Gloss" {
		t.Errorf("title at start = %q", got)
	}
	s.shot("start")

	// Keyboard: select the first word and label it ACTOR.
	s.keys("ctrl+Home", "ctrl+shift+Right", "a")
	// Mouse: drag from the start of line 2 into "Putin"; snapping widens
	// the selection to whole words. Then the number key of ACTOR.
	s.drag(textLeft+2, textLeft+75, firstLine+linePitch)
	s.keys("1")
	// A CLAIM made and undone with Ctrl+Z.
	s.keys("ctrl+End", "ctrl+shift+Left", "ctrl+shift+Left", "c")
	shot := s.shot("labelled")
	if got := s.title(); !strings.HasPrefix(got, "● ") {
		t.Errorf("title %q has no unsaved mark (%s)", got, shot)
	}
	// Undo, then redo both ways: Ctrl+Shift+Z and Ctrl+Y.
	for _, redo := range []string{"ctrl+shift+z", "ctrl+y"} {
		s.keys("ctrl+z", redo)
		if n := len(s.save(out)[0].Spans); n != 3 {
			t.Errorf("after Ctrl+Z, %s and Ctrl+S the file has %d spans, want 3 (%s)", redo, n, s.shot(redo))
		}
	}
	s.keys("ctrl+z")
	docs := s.save(out)
	shot = s.shot("saved")
	if len(docs) != 1 || docs[0].Text != e2eText || docs[0].ID != "article" {
		t.Fatalf("saved %d documents; text kept: %v (%s)", len(docs), len(docs) == 1 && docs[0].Text == e2eText, shot)
	}
	a0, a1 := annotatetest.Find(t, e2eText, "Ankara", 0)
	p0, p1 := annotatetest.Find(t, e2eText, "Vladimir Putin", 0)
	want := []string{
		fmt.Sprintf("ACTOR %d-%d Ankara", a0, a1),
		fmt.Sprintf("ACTOR %d-%d Vladimir Putin", p0, p1),
	}
	if got := summary(docs[0]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("saved spans %q, want %q (%s)", got, want, shot)
	}
	for _, sp := range docs[0].Spans {
		if sp.Annotator != "e2e" {
			t.Errorf("span %q annotator %q", sp.Text, sp.Annotator)
		}
	}
	if got := s.title(); got != "out.jsonl — Gloss" {
		t.Errorf("title after save = %q (%s)", got, shot)
	}
	// Saved work quits without a question.
	s.keys("ctrl+q")
	if !s.exited(5 * time.Second) {
		t.Errorf("Ctrl+Q did not quit (%s)", s.shot("quit"))
	}
}

// TestRecoveryAfterKill: a span labelled, kill -9 one second later (the
// journal makes an edit durable within a second), and the next start
// offers the span back.
func TestRecoveryAfterKill(t *testing.T) {
	x := startX(t)
	in, out, home, rec := killedAfterOneLabel(t, x)
	a0, a1 := annotatetest.Find(t, e2eText, "Ankara", 0)
	if j, _ := os.ReadFile(rec); !strings.Contains(string(j), fmt.Sprintf(`"start":%d,"end":%d,"label":"QUOTE","text":"Ankara"`, a0, a1)) {
		t.Fatalf("the journal holds %s", j)
	}
	if exists(out) {
		t.Fatal("the killed app wrote its save file")
	}
	// The next start offers the work back; Tab and Space pick Recover.
	s2 := start(t, x, home, "-o", out, in)
	time.Sleep(500 * time.Millisecond)
	shot := s2.shot("offer")
	keep(t, shot, "app-recover.png")
	s2.keys("Tab", "space")
	if got := s2.title(); !strings.HasPrefix(got, "● ") {
		t.Fatalf("recovered work not shown as unsaved: title %q (%s)", got, shot)
	}
	s2.keys("ctrl+s")
	if !waitFor(5*time.Second, func() bool { return exists(out) && !strings.HasPrefix(s2.title(), "● ") }) {
		t.Fatalf("no save after recovering (%s)", s2.shot("recovered"))
	}
	if got := summary(exporttest.ReadNative(t, out)[0]); len(got) != 1 || got[0] != fmt.Sprintf("QUOTE %d-%d Ankara", a0, a1) {
		t.Errorf("saved after recovery: %v", got)
	}
	if !waitFor(2*time.Second, func() bool { return !exists(rec) }) {
		t.Error("the journal outlived the save")
	}
}

// killedAfterOneLabel starts the app on e2eText, labels its first word
// QUOTE, waits a second (an edit is durable in the journal within one) and
// kills it with SIGKILL. It returns the article, the save file (not
// written), the home folder and the one recovery journal left behind.
func killedAfterOneLabel(t *testing.T, x *display) (in, out, home, journal string) {
	t.Helper()
	dir := t.TempDir()
	home = t.TempDir()
	in = filepath.Join(dir, "article.txt")
	if err := os.WriteFile(in, []byte(e2eText), 0o644); err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(dir, "out.jsonl")
	s := start(t, x, home, "-o", out, in)
	s.keys("ctrl+Home", "ctrl+shift+Right")
	s.xdo("key", "q")
	time.Sleep(time.Second)
	s.kill()
	recDir := filepath.Join(home, ".cache", "gloss", "recovery")
	m, _ := filepath.Glob(filepath.Join(recDir, "*.journal"))
	if len(m) != 1 {
		t.Fatalf("journals in %s: %v", recDir, m)
	}
	return in, out, home, m[0]
}

// save presses Ctrl+S, waits until the title loses its unsaved mark, and
// reads the saved file.
func (s *session) save(out string) []*annotate.Document {
	s.t.Helper()
	s.keys("ctrl+s")
	if !waitFor(5*time.Second, func() bool { return exists(out) && !strings.HasPrefix(s.title(), "● ") }) {
		s.t.Fatalf("Ctrl+S did not save %s (%s)\n%s", out, s.shot("not-saved"), s.log.String())
	}
	return exporttest.ReadNative(s.t, out)
}

func TestStartupTime(t *testing.T) {
	x := startX(t)
	var times []time.Duration
	for i := 0; i < 3; i++ {
		home := t.TempDir()
		t0 := time.Now()
		s := start(t, x, home)
		// Drawn: the window's capture shows text, not one flat colour.
		var shot string
		if !waitFor(20*time.Second, func() bool {
			shot = s.shot("startup")
			return drawn(shot)
		}) {
			t.Fatalf("the window never showed the article (%s)", shot)
		}
		times = append(times, time.Since(t0))
		s.kill()
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	t.Logf("startup to a drawn window on the sample article: median %v (runs %v; includes one capture)", times[1].Round(time.Millisecond), times)
}

// drawn reports whether a screenshot has enough distinct colours to be
// text rather than an empty window.
func drawn(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return false
	}
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	return len(seen) > 20 && b.Dx() > 600
}

func TestQuitAsksAboutUnsavedWork(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	home := t.TempDir()
	in := filepath.Join(dir, "article.txt")
	if err := os.WriteFile(in, []byte(e2eText), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	s := start(t, x, home, "-o", out, in)
	s.keys("ctrl+End", "ctrl+shift+Left", "ctrl+shift+Left", "c", "ctrl+q")
	shot := s.shot("asked")
	if s.exited(time.Second) {
		t.Fatalf("Ctrl+Q with unsaved work quit without asking (%s)", shot)
	}
	// The buttons are Save, Discard, Cancel: Cancel keeps the app open.
	s.keys("Tab", "Tab", "Tab", "space")
	if s.exited(time.Second) {
		t.Fatalf("Cancel quit the app (%s)", s.shot("cancelled"))
	}
	s.keys("ctrl+q", "Tab", "Tab", "space")
	if !s.exited(5 * time.Second) {
		t.Fatalf("Discard did not quit (%s)", s.shot("discard"))
	}
	if exists(out) {
		t.Error("Discard wrote the save file")
	}
	if m, _ := filepath.Glob(filepath.Join(home, ".cache", "gloss", "recovery", "*")); len(m) > 0 {
		t.Errorf("discarded work left recovery files %v", m)
	}
}

func TestPreferencesPersist(t *testing.T) {
	x := startX(t)
	home := t.TempDir()
	s := start(t, x, home)
	s.keys("ctrl+equal", "ctrl+equal", "ctrl+q")
	if !s.exited(5 * time.Second) {
		t.Fatalf("Ctrl+Q did not quit (%s)", s.shot("quit"))
	}
	prefs, err := os.ReadFile(filepath.Join(home, ".config", "fyne", "org.gloss.Gloss", "preferences.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"text.size":18`, `"window.width":`, `"window.height":`} {
		if !strings.Contains(string(prefs), want) {
			t.Errorf("preferences %s lack %s", prefs, want)
		}
	}
	// The next start draws the text larger, so the title wraps: Shift+End
	// selects its first line only, which a label key then labels.
	out := filepath.Join(t.TempDir(), "out.jsonl")
	s2 := start(t, x, home, "-o", out)
	s2.keys("ctrl+Home", "shift+End", "c")
	docs := s2.save(out)
	title := "Russia fails in its attempt to persuade Turkey to stop its offensive in Libya and agree to a peace plan"
	if len(docs[0].Spans) != 1 {
		t.Fatalf("spans %v", summary(docs[0]))
	}
	if got := docs[0].Spans[0].Text; got == title || !strings.HasPrefix(title, got) {
		t.Errorf("Shift+End at text size 18 selected %q: the title did not wrap (%s)", got, s2.shot("larger-text"))
	}
}

func TestFindLabelAll(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	text := e2eText + "Then ANKARA 🇹🇷 answered.\r\n"
	in := filepath.Join(dir, "article.txt")
	if err := os.WriteFile(in, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.jsonl")
	s := start(t, x, t.TempDir(), "-o", out, in)
	// Ctrl+L acts while the find entry has the keyboard: menu shortcuts
	// come first.
	s.keys("ctrl+f")
	s.xdo("type", "--delay", "30", "ankara")
	s.keys("ctrl+l", "Escape")
	docs := s.save(out)
	a0, a1 := annotatetest.Find(t, text, "Ankara", 0)
	b0, b1 := annotatetest.Find(t, text, "ANKARA", 0)
	want := []string{fmt.Sprintf("ACTOR %d-%d Ankara", a0, a1), fmt.Sprintf("ACTOR %d-%d ANKARA", b0, b1)}
	if got := summary(docs[0]); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Label All saved %q, want %q (%s)", got, want, s.shot("label-all"))
	}
	// One Ctrl+Z undoes both.
	s.keys("ctrl+z")
	if got := summary(s.save(out)[0]); len(got) != 0 {
		t.Errorf("after one undo: %q", got)
	}
}

// TestReopensLastWork: a start with no file reopens the work open last;
// Help → Open Sample Article is the sample, which the next start opens.
func TestReopensLastWork(t *testing.T) {
	x := startX(t)
	home := t.TempDir()
	work := filepath.Join(t.TempDir(), "work.jsonl")
	d := &annotate.Document{ID: "work", Text: e2eText}
	if err := export.SaveNative(work, d); err != nil {
		t.Fatal(err)
	}
	s := start(t, x, home, work)
	s.keys("ctrl+q")
	if !s.exited(5 * time.Second) {
		t.Fatalf("Ctrl+Q did not quit (%s)", s.shot("quit"))
	}
	s2 := start(t, x, home)
	if got := s2.title(); got != "work.jsonl — Gloss" {
		t.Fatalf("a start with no file opened %q (%s)", got, s2.shot("reopened"))
	}
	s2.kill()
}
