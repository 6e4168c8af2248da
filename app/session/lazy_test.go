package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"gloss/export/exporttest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// loop is a user interface's goroutine for a Session in a test: what the
// Session posts waits in it until the test runs it (settle).
type loop struct{ ch chan func() }

func newLoop() *loop { return &loop{ch: make(chan func(), 1<<16)} }

func (l *loop) post(f func()) { l.ch <- f }

// settle runs what was posted until the Session has no background work
// left.
func (l *loop) settle(t testing.TB, s *Session) {
	t.Helper()
	for {
		select {
		case f := <-l.ch:
			f()
			continue
		default:
		}
		if !s.Busy() {
			return
		}
		select {
		case f := <-l.ch:
			f()
		case <-time.After(2 * time.Minute): // the check pass of a 3.6 GB corpus reports only at its end
			t.Fatal("the session's background work did not finish")
		}
	}
}

// pyCorpus writes n documents the way ../shared/bench/gen.py does
// (Python's json.dumps: spaces after separators, non-ASCII as is), which
// is not how Gloss writes them: a save that re-encoded an unchanged
// document would change its bytes.
func pyCorpus(t testing.TB, path string, n int) []string {
	t.Helper()
	var lines []string
	var buf bytes.Buffer
	annotatetest.Corpus(11, n, 600, 4, func(d *annotate.Document) error {
		type span struct {
			ID    string `json:"id"`
			Start int    `json:"start"`
			End   int    `json:"end"`
			Label string `json:"label"`
			Text  string `json:"text"`
		}
		var spans []span
		for _, s := range d.Spans {
			spans = append(spans, span{s.ID, s.Start, s.End, s.Label, s.Text})
		}
		b, err := json.Marshal(map[string]any{"id": d.ID, "text": d.Text, "annotator": "gen", "spans": spans, "relations": []any{}, "meta": map[string]any{}})
		if err != nil {
			return err
		}
		// encoding/json sorts keys and escapes <>&; spaces as Python puts them.
		line := strings.ReplaceAll(strings.ReplaceAll(string(b), `":`, `": `), `","`, `", "`)
		lines = append(lines, line)
		buf.WriteString(line + "\n")
		return nil
	})
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return lines
}

// checkLater makes every native file open before it is checked, as big
// ones do, until the test ends.
func checkLater(t testing.TB) {
	old := checkNowBytes
	checkNowBytes = 0
	t.Cleanup(func() { checkNowBytes = old })
}

// openLazy opens path in a Session on a loop, without settling; the file
// is checked in the background, as a big one is.
func openLazy(t testing.TB, path string, cache int) (*Session, *loop, *[]Change) {
	t.Helper()
	checkLater(t)
	l := newLoop()
	s := New(Options{Annotator: "ana", RecoveryDir: t.TempDir(), Post: l.post, CacheSize: cache})
	var changes []Change
	s.OnChange(func(c Change) { changes = append(changes, c) })
	w, err := Read(Spec{Paths: []string{path}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Start(w)
	// The journal is written in the background: let it finish before
	// the recovery folder is removed, or the removal races its writes.
	t.Cleanup(func() { s.SyncJournal(); s.Close() })
	return s, l, &changes
}

func TestLazyOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	lines := pyCorpus(t, path, 300)
	s, l, changes := openLazy(t, path, 8)
	// The first document is there before the index pass has run.
	if s.Len() != 1 || s.Current() != 0 || s.Document().ID != "doc-000000" {
		t.Fatalf("at once: %d documents, current %q", s.Len(), s.Document().ID)
	}
	if running, _ := s.Listing(); !running {
		t.Fatal("no index pass running")
	}
	l.settle(t, s)
	if s.Len() != 300 || s.ReadOnly() != nil {
		t.Fatalf("listed %d documents, problems %v", s.Len(), s.ReadOnly())
	}
	last := (*changes)[len(*changes)-1]
	if last.Kind != Listed || last.Err != nil {
		t.Errorf("last change %v", last)
	}
	if running, frac := s.Listing(); running || frac != 1 {
		t.Errorf("listing %v %v after the pass", running, frac)
	}
	counts := s.Counts()
	if counts[InProgress] != 300 {
		t.Errorf("counts %v", counts)
	}
	// The index describes every document as parsing it would.
	for i := 0; i < s.Len(); i += 37 {
		info := s.Info(i)
		d, err := s.Doc(i)
		if err != nil {
			t.Fatal(err)
		}
		if info.ID != d.ID || info.Spans != len(d.Spans) || info.Status != StatusOf(d) {
			t.Errorf("document %d: info %+v, parsed %q with %d spans", i, info, d.ID, len(d.Spans))
		}
	}
	if s.Cached() > 8+1 {
		t.Errorf("%d documents parsed: the cache holds 8 and the current one", s.Cached())
	}
	// Edited documents stay in memory whatever the cache does.
	for _, i := range []int{5, 100, 299} {
		if err := s.Show(i); err != nil {
			t.Fatal(err)
		}
		s.ToggleDone()
	}
	for i := range s.Len() {
		s.Doc(i)
	}
	for _, i := range []int{5, 100, 299} {
		if !s.DocumentDirty(i) || s.Status(i) != Done {
			t.Errorf("document %d: dirty %v, status %v", i, s.DocumentDirty(i), s.Status(i))
		}
	}
	if got := s.Counts(); got[Done] != 3 || got[InProgress] != 297 {
		t.Errorf("counts after marking 3 done: %v", got)
	}
	if got := s.Search("DOC-00010"); len(got) != 10 || got[0] != 100 {
		t.Errorf("search: %v", got)
	}
	_ = lines
}

func TestSaveCopiesLines(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	lines := pyCorpus(t, path, 200)
	s, l, changes := openLazy(t, path, 4)
	l.settle(t, s)
	s.Show(7)
	start, end := 0, 5
	s.AddSpan("CLAIM", start, end)
	edited := string(export.AppendNative(nil, s.Document(), false))
	s.SaveTo(path, nil)
	// Edits made while the save runs are not in it, and stay unsaved.
	s.Show(9)
	s.ToggleDone()
	l.settle(t, s)
	got := strings.Split(strings.TrimSuffix(readFile(t, path), "\n"), "\n")
	if len(got) != 200 {
		t.Fatalf("saved %d lines", len(got))
	}
	for i := range got {
		want := lines[i]
		if i == 7 {
			want = edited
		}
		if got[i] != want {
			t.Fatalf("line %d:\n%s\nwant\n%s", i+1, got[i], want)
		}
	}
	if !s.Dirty() || s.DocumentDirty(7) || !s.DocumentDirty(9) {
		t.Errorf("after the save: dirty %v, 7 %v, 9 %v", s.Dirty(), s.DocumentDirty(7), s.DocumentDirty(9))
	}
	kinds := map[Kind]bool{}
	for _, c := range *changes {
		kinds[c.Kind] = true
	}
	if !kinds[SaveStarted] || !kinds[Saved] {
		t.Errorf("changes %v", *changes)
	}
	// The documents are now read from the new file: a second save, of the
	// edit made during the first, copies the first one's lines.
	s.SaveTo(path, nil)
	l.settle(t, s)
	if s.Dirty() {
		t.Error("still dirty after the second save")
	}
	got = strings.Split(strings.TrimSuffix(readFile(t, path), "\n"), "\n")
	if got[7] != edited || got[0] != lines[0] || !strings.Contains(got[9], `"status":"done"`) {
		t.Errorf("second save: line 8 kept %v, line 1 kept %v, line 10 %s", got[7] == edited, got[0] == lines[0], got[9][:60])
	}
	for i := 0; i < s.Len(); i += 13 {
		if _, err := s.Doc(i); err != nil {
			t.Fatalf("document %d after two saves: %v", i, err)
		}
	}
	// Save As elsewhere writes the same bytes.
	other := filepath.Join(dir, "copy.jsonl")
	s.SaveTo(other, nil)
	l.settle(t, s)
	if readFile(t, other) != readFile(t, path) || s.SavePath() != other {
		t.Errorf("Save As: same bytes %v, save path %q", readFile(t, other) == readFile(t, path), s.SavePath())
	}
}

func TestSaveFails(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	pyCorpus(t, path, 20)
	before := readFile(t, path)
	s, l, changes := openLazy(t, path, 4)
	l.settle(t, s)
	s.ToggleDone()
	var got error
	s.SaveTo(filepath.Join(dir, "no such folder", "x.jsonl"), func(err error) { got = err })
	l.settle(t, s)
	if got == nil || (*changes)[len(*changes)-1].Kind != SaveFailed || !s.Dirty() || s.SavePath() != path {
		t.Errorf("a failed save: err %v, changes %v, dirty %v, save path %q", got, *changes, s.Dirty(), s.SavePath())
	}
	if readFile(t, path) != before {
		t.Error("a failed save changed the file")
	}
	// Two saves asked for at once make one after the other.
	n := 0
	s.SaveTo(path, func(error) { n++ })
	s.SaveTo(path, func(error) { n++ })
	l.settle(t, s)
	if n != 2 || s.Dirty() {
		t.Errorf("two saves: %d answers, dirty %v", n, s.Dirty())
	}
}

func TestLazyProblems(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	lines := pyCorpus(t, path, 30)
	lines[12] = `{"id": "broken", "text": `
	lines[20] = strings.Replace(lines[20], `"start": 0`, `"start": -4`, 1)
	lines[25] = lines[3] // a second document with the same id
	content := strings.Join(lines, "\n") + "\n"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	// A small file is checked whole before it opens: refused.
	_, err := Read(Spec{Paths: []string{path}}, nil)
	var problems *export.Problems
	if !errors.As(err, &problems) || problems.Total != 3 || !strings.Contains(err.Error(), "corpus.jsonl:13:") {
		t.Fatalf("a small file with problems: %v", err)
	}
	// A big one opens at once, and turns read-only when the check pass
	// finds them.
	s, l, changes := openLazy(t, path, 4)
	s.Show(0)
	s.ToggleDone() // before the check is done: taken
	l.settle(t, s)
	if s.ReadOnly() == nil || s.Len() != 29 {
		t.Fatalf("read-only %v, %d documents", s.ReadOnly(), s.Len())
	}
	for _, want := range []string{"corpus.jsonl:13:", "corpus.jsonl:21: span", `corpus.jsonl:26: document id "doc-000003" already used on line 4`} {
		if !strings.Contains(s.ReadOnly().Error(), want) {
			t.Errorf("problems %q lack %q", s.ReadOnly(), want)
		}
	}
	if last := (*changes)[len(*changes)-1]; last.Kind != Listed || last.Err == nil {
		t.Errorf("the end of the check pass: %v", last)
	}
	if r := s.ToggleDone(); r.Done || !strings.Contains(r.Message, "read-only") {
		t.Errorf("an edit of read-only work: %+v", r)
	}
	for _, to := range []string{path, filepath.Join(dir, "elsewhere.jsonl")} {
		s.SaveTo(to, func(e error) { err = e })
		l.settle(t, s)
		if err == nil || !strings.Contains(err.Error(), "read-only") {
			t.Errorf("saving read-only work to %s: %v", to, err)
		}
	}
	if readFile(t, path) != content {
		t.Error("the file with problems changed")
	}
	// A first line that is bad fails the open at once.
	bad := writeFile(t, dir, "bad.jsonl", "{\"text\": 1}\n"+lines[0]+"\n")
	if _, err := Read(Spec{Paths: []string{bad}}, nil); err == nil || !strings.Contains(err.Error(), "bad.jsonl:1:") {
		t.Errorf("a bad first line: %v", err)
	}
}

func TestFileChangedUnderneath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	lines := pyCorpus(t, path, 10)
	s, l, _ := openLazy(t, path, 1)
	l.settle(t, s)
	// Someone else rewrites the file in place: the index no longer fits.
	slices.Reverse(lines)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(strings.Join(lines, "\n") + "\n")
	f.Close()
	err = s.Show(3)
	var le *export.LineError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "changed since") || s.Current() != 0 {
		t.Errorf("showing a document of a changed file: %v (current %d)", err, s.Current())
	}
}

func TestSubset(t *testing.T) {
	checkLater(t)
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	pyCorpus(t, path, 50)
	l := newLoop()
	s := New(Options{RecoveryDir: t.TempDir(), Post: l.post})
	ids := []string{"doc-000040", "doc-000003", "doc-000017"}
	w, err := Read(Spec{Paths: []string{path}, IDs: ids, SaveTo: filepath.Join(t.TempDir(), "mine.jsonl")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Start(w)
	l.settle(t, s)
	var got []string
	for i := range s.Len() {
		got = append(got, s.Info(i).ID)
	}
	if fmt.Sprint(got) != "[doc-000003 doc-000017 doc-000040]" {
		t.Errorf("documents %v", got)
	}
	s.SaveTo(s.SavePath(), nil)
	l.settle(t, s)
	if n := len(readNativeFile(t, s.SavePath())); n != 3 {
		t.Errorf("saved %d documents", n)
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// readNativeFile reads a native file with the export reader.
func readNativeFile(t testing.TB, path string) []*annotate.Document {
	return exporttest.ReadNative(t, path)
}
