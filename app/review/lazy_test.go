package review

import (
	"gloss/export/exporttest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/app/session"
)

// corpusFiles writes two annotators' versions of n documents.
func corpusFiles(t testing.TB, dir string, n int) []string {
	var ana, ben []*annotate.Document
	for i := range n {
		d := annotatetest.Document(1, i, 800, 8)
		ana = append(ana, perturb(d, uint64(i), "ana"))
		ben = append(ben, perturb(d, uint64(1000+i), "ben"))
	}
	return writeFiles(t, dir, ana, ben)
}

// TestLazyReview: the screen keeps a bounded number of documents parsed
// whatever the corpus size, keeps the decided ones, offers a crash's
// decisions back from the gold's journal, and saves every gold (the merge
// of those not decided).
func TestLazyReview(t *testing.T) {
	dir := t.TempDir()
	files := corpusFiles(t, dir, 150)
	gold := filepath.Join(dir, "gold.jsonl")
	rec := t.TempDir()
	s, _ := openScreenWith(t, files, gold, session.Options{RecoveryDir: rec}, nil)
	if len(s.c.docs) != 150 {
		t.Fatalf("%d documents paired", len(s.c.docs))
	}
	decided := map[string]bool{}
	steps := []struct {
		doc    int
		decide bool
	}{{3, true}, {25, false}, {50, true}, {70, true}, {149, false}}
	for _, st := range steps {
		for i := max(st.doc-20, 0); i <= st.doc; i++ {
			s.openDoc(i)
		}
		if s.cur != st.doc {
			t.Fatalf("at %d, want %d (%s)", s.cur, st.doc, s.status.Text)
		}
		if st.decide && len(s.doc().sites) > 0 {
			s.AcceptAll() // unlike one version, never the merge's
			decided[s.doc().id] = true
		}
		// Parsed: the open one, the decided ones and the caches.
		if n := len(s.states); n > stateCache+len(decided)+1 {
			t.Errorf("at %d: %d documents parsed for the screen", st.doc, n)
		}
		if n := s.sess.Cached(); n > session.DefaultCacheSize+len(decided)+1 {
			t.Errorf("at %d: %d golds in memory", st.doc, n)
		}
	}
	if len(decided) < 2 {
		t.Fatalf("%d documents had a disagreement to decide", len(decided))
	}
	for id := range decided {
		i := s.sess.Find(id)
		if !s.sess.Kept(i) || s.states[i] == nil || s.c.docs[i].open != s.states[i].open() || s.c.docs[i].open == s.c.docs[i].sites {
			t.Errorf("decided %s: kept %v, parsed %v", id, s.sess.Kept(i), s.states[i] != nil)
		}
	}

	// A crash now: the journal holds the decisions, and a screen on the
	// same files and gold offers them back.
	if err := s.sess.SyncJournal(); err != nil {
		t.Fatal(err)
	}
	s.sess.Close() // as the process's end frees the gold file for the next start
	var asked []string
	again, _ := openScreenWith(t, files, gold, session.Options{RecoveryDir: rec},
		func(title, _ string, _ []string, then func(int)) { asked = append(asked, title); then(0) })
	if len(asked) != 1 || !again.Dirty() {
		t.Fatalf("a crash's decisions: asked %q, dirty %v", asked, again.Dirty())
	}
	for id := range decided {
		i := again.sess.Find(id)
		again.openDoc(i)
		if !again.sess.DocumentDirty(i) || again.doc().open() != s.states[i].open() {
			t.Errorf("recovered %s: dirty %v, %d open, want %d", id, again.sess.DocumentDirty(i), again.doc().open(), s.states[i].open())
		}
	}
	again.sess.DiscardRecovery()
	again.sess.Close()

	// Save: every paired document, in the list's order; the decided ones
	// as decided, the others as the merge of their versions.
	var err error
	s.SaveTo(gold, func(e error) { err = e })
	if err != nil || s.Dirty() {
		t.Fatalf("save: %v, dirty %v", err, s.Dirty())
	}
	saved := exporttest.ReadNative(t, gold)
	if len(saved) != 150 {
		t.Fatalf("saved %d golds", len(saved))
	}
	for i, d := range saved {
		merged, err := s.c.makeGold(i) // read from the saved file now
		if err != nil {
			t.Fatal(err)
		}
		ds, err := s.c.state(i, d)
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != s.c.docs[i].id || decided[d.ID] == (ds.open() == len(ds.sites)) || merged.ID != d.ID {
			t.Errorf("gold %d %s: %d open of %d, decided %v", i, d.ID, ds.open(), len(ds.sites), decided[d.ID])
		}
	}
	if _, err := os.Stat(s.sess.JournalPath()); !os.IsNotExist(err) {
		t.Errorf("the journal outlived the save: %v", err)
	}
}

// TestCloseWaitsForSave: with saves in the background, closing while one
// runs closes the window only once it is done, and decisions made during
// it stay unsaved until the save the question asks for.
func TestCloseWaitsForSave(t *testing.T) {
	dir := t.TempDir()
	files := corpusFiles(t, dir, 5)
	gold := filepath.Join(dir, "gold.jsonl")
	posted := make(chan func(), 1024)
	var asked []string
	s, w := openScreenWith(t, files, gold, session.Options{RecoveryDir: t.TempDir(), Post: func(f func()) { posted <- f }},
		func(title, _ string, _ []string, then func(int)) { asked = append(asked, title); then(0) })
	closed := false
	w.SetOnClosed(func() { closed = true; s.closed() })
	s.AcceptAll()
	s.Save()
	if saving, _ := s.sess.Saving(); !saving || !strings.Contains(s.status.Text, "saving…") {
		t.Fatalf("no save running: status %q", s.status.Text)
	}
	s.NextDoc()
	s.AcceptAll() // during the save
	s.closeRequested()
	for !closed {
		select {
		case f := <-posted:
			f()
		case <-time.After(20 * time.Second):
			t.Fatalf("never closed: status %q, asked %v", s.status.Text, asked)
		}
	}
	if len(asked) != 1 || s.Dirty() {
		t.Errorf("asked %v, dirty %v", asked, s.Dirty())
	}
	// The screen let go of its files: read them again.
	c, err := load(files, "", annotate.DefaultLabelSet())
	if err != nil {
		t.Fatal(err)
	}
	defer c.close()
	golds := 0
	for i, d := range exporttest.ReadNative(t, gold) {
		ds, err := c.state(i, d)
		if err != nil {
			t.Fatal(err)
		}
		if ds.open() < len(ds.sites) {
			golds++
		}
	}
	if golds != 2 {
		t.Errorf("%d golds saved with decisions, want 2", golds)
	}
}
