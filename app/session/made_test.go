package session

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"gloss/annotate"
	"gloss/export"
)

// madeDocs is a Maker of n documents over mixedText, counting its calls;
// document fail, if ≥ 0, cannot be made.
func madeDocs(n, fail int, calls *atomic.Int32) ([]string, Maker) {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("made-%03d", i)
	}
	return ids, func(i int) (*annotate.Document, error) {
		calls.Add(1)
		if i == fail {
			return nil, errors.New("cannot make it")
		}
		d := &annotate.Document{ID: ids[i], Text: mixedText, Annotator: "gold"}
		d.Spans = append(d.Spans, annotate.NewSpan(d, 0, 6, "ACTOR", ""))
		return d, nil
	}
}

// TestMadeWork: made documents are made when needed, let go again unless
// edited (then kept, with what a screen keeps beside them), saved as they
// are made or edited, and read from the saved file afterwards.
func TestMadeWork(t *testing.T) {
	var calls atomic.Int32
	ids, mk := madeDocs(40, 33, &calls)
	dir := t.TempDir()
	out := filepath.Join(dir, "gold.jsonl")
	s := New(Options{RecoveryDir: t.TempDir(), CacheSize: 4})
	w := MadeWork(ids, mk, out)
	if w.Len() != 40 {
		t.Fatalf("Len %d", w.Len())
	}
	s.Start(w)
	if s.Len() != 40 || s.Current() != 0 || calls.Load() != 1 || s.Document().ID != "made-000" {
		t.Fatalf("started: %d documents, current %d, %d made", s.Len(), s.Current(), calls.Load())
	}
	steps := []struct {
		show    int
		edit    bool
		wantErr bool
	}{
		{show: 5, edit: true},
		{show: 6},
		{show: 7},
		{show: 8},
		{show: 9},
		{show: 10},
		{show: 33, wantErr: true},
		{show: 11, edit: true},
		{show: 12},
	}
	for _, st := range steps {
		err := s.Show(st.show)
		if (err != nil) != st.wantErr {
			t.Fatalf("show %d: %v", st.show, err)
		}
		if st.edit {
			if r := s.AddSpan("CLAIM", 8, 12); !r.Done {
				t.Fatalf("edit of %d: %+v", st.show, r)
			}
		}
	}
	if s.Current() != 12 {
		t.Errorf("current %d after failing to show 33", s.Current())
	}
	// Two edited, the current one, and at most 4 cached.
	if n := s.Cached(); n > 2+1+4 {
		t.Errorf("%d documents in memory", n)
	}
	for i, want := range map[int]bool{5: true, 11: true, 6: false, 12: false} {
		if s.Kept(i) != want {
			t.Errorf("Kept(%d) = %v", i, !want)
		}
	}
	// A save makes what is not in memory; document 33 cannot be made, so
	// the save fails and leaves nothing.
	var err error
	s.SaveTo(out, func(e error) { err = e })
	if err == nil || !strings.Contains(err.Error(), "cannot make it") || fileExists(out) || !s.Dirty() {
		t.Fatalf("save with a document that cannot be made: %v, file %v, dirty %v", err, fileExists(out), s.Dirty())
	}
	ids2, mk2 := madeDocs(40, -1, &calls)
	s.Start(MadeWork(ids2, mk2, out))
	s.Show(5)
	s.AddSpan("CLAIM", 8, 12)
	edited := string(export.AppendNative(nil, s.Document(), false))
	s.SaveTo(out, func(e error) { err = e })
	if err != nil || s.Dirty() {
		t.Fatalf("save: %v, dirty %v", err, s.Dirty())
	}
	saved := readNativeFile(t, out)
	if len(saved) != 40 || len(saved[5].Spans) != 2 || len(saved[6].Spans) != 1 || saved[39].ID != "made-039" {
		t.Fatalf("saved %d documents", len(saved))
	}
	if got := strings.Split(readFile(t, out), "\n")[5]; got != edited {
		t.Errorf("line 6 %s, want %s", got, edited)
	}
	// Saved: documents are read from the file now, not made.
	before := calls.Load()
	for i := range 40 {
		if _, err := s.Doc(i); err != nil {
			t.Fatal(err)
		}
	}
	if calls.Load() != before {
		t.Errorf("%d documents made after the save", calls.Load()-before)
	}
}
