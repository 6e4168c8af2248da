package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// TestDamagedJournal: a journal with lines that cannot be read (not the
// torn last line of a crash) is never silently dropped: the damage is
// counted, a copy is kept aside, and a journal with nothing left to
// recover is still reported.
func TestDamagedJournal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "work.jsonl")
	if err := export.SaveNative(path, &annotate.Document{ID: "a", Text: mixedText}); err != nil {
		t.Fatal(err)
	}
	rec := t.TempDir()
	// Each open is the next start of the app after a crash of the last.
	var last *Session
	open := func() *Session {
		t.Helper()
		if last != nil {
			crash(last)
		}
		l := newLoop()
		s := New(Options{Annotator: "ana", RecoveryDir: rec, Post: l.post})
		last = s
		w, err := Read(Spec{Paths: []string{path}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Start(w); err != nil {
			t.Fatal(err)
		}
		l.settle(t, s)
		return s
	}
	s := open()
	start, end := annotatetest.Find(t, mixedText, "Vladimir Putin", 0)
	s.AddSpan("ACTOR", start, end)
	if err := s.SyncJournal(); err != nil {
		t.Fatal(err)
	}
	journal := s.JournalPath()
	good, _ := os.ReadFile(journal)
	// Work to recover, and a damaged line after it.
	os.WriteFile(journal, append(append([]byte{}, good...), "0\tnot json\n"...), 0o600)
	r := open().FindRecoverable()
	if r == nil || r.Documents != 1 || r.Damaged != 1 || r.DamagedCopy != journal+".damaged" {
		t.Fatalf("recoverable %+v", r)
	}
	if kept, _ := os.ReadFile(r.DamagedCopy); !strings.Contains(string(kept), "not json") {
		t.Errorf("the copy holds %q", kept)
	}
	// Nothing but damage: reported, not dropped in silence.
	os.Remove(r.DamagedCopy)
	os.WriteFile(journal, []byte(journalHeader+"\nrubbish\n\x00\x01\x02\n"), 0o600)
	r = open().FindRecoverable()
	if r == nil || r.Documents != 0 || r.Damaged != 2 {
		t.Fatalf("only damage: %+v", r)
	}
	if _, err := os.Stat(r.DamagedCopy); err != nil {
		t.Errorf("no copy kept: %v", err)
	}
	// A torn last line alone is a crash, not damage: nothing to say.
	os.WriteFile(journal, []byte(journalHeader+"\n0\t{\"id\":\"a\",\"te"), 0o600)
	if r := open().FindRecoverable(); r != nil {
		t.Errorf("a torn line alone: %+v", r)
	}
}
