package session

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"gloss/annotate"
	"gloss/export"
	"gloss/export/exporttest"
)

// crash is what a crash does to s's hold on its work: the kernel lets its
// lock go, and the journal stays as it was written.
func crash(s *Session) { s.holdLock(nil) }

// TestOneSessionPerFile: a second session opening or saving to the file
// a live session has open is refused, and neither its work nor the
// first's journal is touched; once the first is closed (or crashed), the
// file is free again.
func TestOneSessionPerFile(t *testing.T) {
	dir, rec := t.TempDir(), t.TempDir()
	path := filepath.Join(dir, "gold.jsonl")
	other := filepath.Join(dir, "other.jsonl")
	for _, p := range []string{path, other} {
		if err := export.SaveNative(p, &annotate.Document{ID: filepath.Base(p), Text: mixedText}); err != nil {
			t.Fatal(err)
		}
	}
	open := func(p string) (*Session, error) {
		t.Helper()
		s := New(Options{Annotator: "ana", RecoveryDir: rec})
		w, err := Read(Spec{Paths: []string{p}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return s, s.Start(w)
	}
	first, err := open(path)
	if err != nil {
		t.Fatal(err)
	}
	first.AddSpan("ACTOR", 0, 3)
	if err := first.SyncJournal(); err != nil {
		t.Fatal(err)
	}
	journal, _ := os.ReadFile(first.JournalPath())

	// The review's gold opened again (another window, or another Gloss).
	second, err := open(path)
	var oe *OpenElsewhereError
	if !errors.As(err, &oe) || oe.Path != path || oe.Saving {
		t.Fatalf("a second open of %s: %v", path, err)
	}
	// Its own work stays open when it opens another file and then tries
	// to Save As onto the first's file.
	w, _ := Read(Spec{Paths: []string{other}}, nil)
	if err := second.Start(w); err != nil {
		t.Fatal(err)
	}
	second.AddSpan("ACTOR", 0, 3)
	var saveErr error
	second.SaveTo(path, func(err error) { saveErr = err })
	if !errors.As(saveErr, &oe) || !oe.Saving || second.SavePath() != other {
		t.Fatalf("Save As onto an open file: %v (save path %s)", saveErr, second.SavePath())
	}
	if d := exporttest.ReadNative(t, path); len(d) != 1 || len(d[0].Spans) != 0 {
		t.Errorf("the refused save wrote %s: %+v", path, d)
	}
	if now, _ := os.ReadFile(first.JournalPath()); string(now) != string(journal) {
		t.Errorf("the first session's journal changed:\n%s\nwas\n%s", now, journal)
	}
	// Saving its own file, and to a free name, is fine; the name it left
	// is free again.
	saved := filepath.Join(dir, "mine.jsonl")
	second.SaveTo(saved, func(err error) { saveErr = err })
	if saveErr != nil || second.SavePath() != saved {
		t.Fatalf("Save As to a free name: %v", saveErr)
	}
	if third, err := open(other); err != nil {
		t.Errorf("the name a Save As left is still locked: %v", err)
	} else {
		third.Close()
	}

	// Closed, the first lets the file go, and deletes its lock file.
	first.Close()
	if _, err := os.Stat(filepath.Join(rec, keyOf(path)+".lock")); !os.IsNotExist(err) {
		t.Errorf("the lock file outlived Close: %v", err)
	}
	if third, err := open(path); err != nil {
		t.Errorf("after the first closed: %v", err)
	} else {
		third.Close()
	}
	// Untitled work locks nothing.
	a, b := New(Options{RecoveryDir: rec}), New(Options{RecoveryDir: rec})
	for _, s := range []*Session{a, b} {
		if err := s.Start(NewWork([]*annotate.Document{{ID: "x", Text: "x"}}, "", "")); err != nil {
			t.Errorf("untitled: %v", err)
		}
	}
}
