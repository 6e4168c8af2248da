package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/app/session"
	"gloss/export"
)

// mixedText has an emoji (astral plane), a combining accent, CJK and CRLF
// line ends, so that byte, UTF-16 and code-point offsets all differ.
const mixedText = "Ankara 🇹🇷 said: “we will not stop”.\r\n" +
	"Cafe\u0301 owners in 東京 agree 😀 with Ankara.\r\n" +
	"Vladimir Putin did not."

// answers scripts the window's questions: each confirm takes the next
// answer (a button label) and records the question.
type answers struct {
	t      testing.TB
	next   []string
	asked  []string
	quits  int
	choose func(title string, buttons []string) string
	// clock runs the window's timers (status messages expiring).
	clock testClock
}

// crash ends w as a crash does for the next window on its file: the
// journal stays as written, and the file is free again (the kernel lets a
// dead process's lock go).
func crash(t testing.TB, w *Window) {
	t.Helper()
	if err := w.s.SyncJournal(); err != nil {
		t.Fatal(err)
	}
	w.s.Close()
}

// newTestWindow builds a Window on opt in a test app whose preferences are
// in memory and whose recovery folder is a fresh temporary one.
func newTestWindow(t testing.TB, opt Options) (*Window, *answers) {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	a := test.NewTempApp(t)
	return newWindowIn(t, a, opt)
}

// newWindowIn builds a Window on opt in the app a.
func newWindowIn(t testing.TB, a fyne.App, opt Options) (*Window, *answers) {
	t.Helper()
	win := test.NewTempWindow(t, nil)
	w, err := newWindow(a, win, opt, make(chan func(), 1<<16))
	if err != nil {
		t.Fatal(err)
	}
	w.WaitTasks()
	// Background work (the learner writes its model beside the work, the
	// journal's writer its file in the cache folder) ends before the
	// test's folders are removed: a file made during the removal failed
	// it with "directory not empty".
	t.Cleanup(func() {
		w.WaitTasks()
		w.s.Close()
	})
	win.Resize(fyne.NewSize(1100, 700))
	ans := &answers{t: t}
	w.confirm = func(title, message string, buttons []string, then func(int)) {
		ans.asked = append(ans.asked, title)
		if len(ans.next) == 0 {
			t.Fatalf("unexpected question %q: %s", title, message)
		}
		pick := ans.next[0]
		ans.next = ans.next[1:]
		for i, b := range buttons {
			if b == pick {
				then(i)
				return
			}
		}
		t.Fatalf("question %q has no button %q (%v)", title, pick, buttons)
	}
	w.quit = func() { ans.quits++ }
	// Status messages expire on the test's clock, not the machine's: a
	// slow test must not see a message go before it looks at it.
	w.status.after = ans.clock.after
	w.win.Canvas().Focus(w.view)
	return w, ans
}

// testClock holds the timers the window starts until the test lets them
// run out (fire).
type testClock struct{ pending []func() }

func (c *testClock) after(_ time.Duration, f func()) { c.pending = append(c.pending, f) }

// fire runs out every timer started so far.
func (c *testClock) fire() {
	p := c.pending
	c.pending = nil
	for _, f := range p {
		f()
	}
}

// writeFile writes a file in dir and returns its path.
func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// buttonWithText finds a button in o's tree whose text starts with prefix.
func buttonWithText(t testing.TB, o fyne.CanvasObject, prefix string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && found == nil && strings.HasPrefix(b.Text, prefix) {
			found = b
		}
		if b, ok := o.(*tipButton); ok && found == nil && strings.HasPrefix(b.Text, prefix) {
			found = &b.Button
		}
	})
	if found == nil {
		t.Fatalf("no button %q", prefix)
	}
	return found
}

// walk visits o and every object inside it.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	f(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, f)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			walk(c, f)
		}
	}
}

// spanSummary lists a document's spans as "LABEL start-end text".
func spanSummary(d *annotate.Document) []string {
	var out []string
	for _, s := range d.Spans {
		out = append(out, fmt.Sprintf("%s %d-%d %s", s.Label, s.Start, s.End, s.Text))
	}
	return out
}

// storageURI is the file URI of path.
func storageURI(path string) fyne.URI { return storage.NewFileURI(path) }

// setWork replaces the open work with docs read from source, saved to
// savePath.
func (w *Window) setWork(docs []*annotate.Document, source, savePath string) {
	w.s.Start(session.NewWork(docs, source, savePath))
}

// readPath reads every document at path as the app opens it.
func readPath(path string, f *export.Format, xo export.Options, p *session.Progress) ([]*annotate.Document, *export.Format, error) {
	work, err := session.Read(session.Spec{Paths: []string{path}, Format: f, Options: xo}, p)
	if err != nil {
		return nil, nil, err
	}
	s := session.New(session.Options{})
	s.Start(work)
	return s.Documents(), work.Format, nil
}

// snapshotOf is a snapshot of docs, as an export takes one.
func snapshotOf(docs []*annotate.Document) *session.Snapshot {
	s := session.New(session.Options{})
	s.Start(session.NewWork(docs, "", ""))
	return s.Snapshot()
}

// saveAndWait saves to path and waits for the save; it fails the test
// when the save fails.
func saveAndWait(t testing.TB, w *Window, path string) {
	t.Helper()
	w.SaveTo(path)
	w.WaitTasks()
	if !strings.HasPrefix(w.Message(), "Saved ") {
		t.Fatalf("save to %s: %s", path, w.Message())
	}
}
