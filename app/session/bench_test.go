package session

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// benchCorpus is the corpus the big benchmarks open: GLOSS_BENCH_CORPUS,
// made with ../shared/bench/gen.py (docs/performance.md says how); they
// are skipped without it.
func benchCorpus(b *testing.B) string {
	path := os.Getenv("GLOSS_BENCH_CORPUS")
	if path == "" {
		b.Skip("set GLOSS_BENCH_CORPUS to a corpus made by ../shared/bench/gen.py")
	}
	return path
}

// copyFile copies src to a temporary file of b's.
func copyFile(b *testing.B, src string) string {
	b.Helper()
	dst := filepath.Join(b.TempDir(), filepath.Base(src))
	in, err := os.Open(src)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return dst
}

// BenchmarkOpenBig opens the bench corpus: the first document, then the
// whole index pass.
func BenchmarkOpenBig(b *testing.B) {
	path := benchCorpus(b)
	for b.Loop() {
		l := newLoop()
		s := New(Options{RecoveryDir: b.TempDir(), Post: l.post})
		t0 := time.Now()
		w, err := Read(Spec{Paths: []string{path}}, nil)
		if err != nil {
			b.Fatal(err)
		}
		s.Start(w)
		first := time.Since(t0)
		l.settle(b, s)
		b.ReportMetric(float64(first.Microseconds())/1000, "ms-first")
		b.ReportMetric(float64(s.Len()), "docs")
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-live")
		// A save's snapshot is what a save adds on top.
		sn := s.Snapshot()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-live-saving")
		sn.Close()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkSaveOneEdit saves the bench corpus with one document edited.
func BenchmarkSaveOneEdit(b *testing.B) {
	path := copyFile(b, benchCorpus(b))
	l := newLoop()
	s := New(Options{Annotator: "ana", RecoveryDir: b.TempDir(), Post: l.post})
	w, err := Read(Spec{Paths: []string{path}}, nil)
	if err != nil {
		b.Fatal(err)
	}
	s.Start(w)
	l.settle(b, s)
	b.ResetTimer()
	for b.Loop() {
		s.Show(s.Len() / 2)
		s.ToggleDone()
		s.SaveTo(path, nil)
		l.settle(b, s)
	}
}

// BenchmarkJournalEdit is one edit, and its undo, of a document of a
// corpus of 1,000 documents and of the bench corpus (when
// GLOSS_BENCH_CORPUS names it): what the user interface's goroutine
// spends, the journal included (encoding the document; its goroutine
// writes and syncs). The two must cost the same: an edit's cost does not
// depend on the corpus size.
func BenchmarkJournalEdit(b *testing.B) {
	small := filepath.Join(b.TempDir(), "small.jsonl")
	pyCorpus(b, small, 1000)
	corpora := []struct{ name, path string }{{"docs=1k", small}}
	if big := os.Getenv("GLOSS_BENCH_CORPUS"); big != "" {
		corpora = append(corpora, struct{ name, path string }{"bench-corpus", big})
	}
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			l := newLoop()
			s := New(Options{Annotator: "ana", RecoveryDir: b.TempDir(), Post: l.post})
			w, err := Read(Spec{Paths: []string{c.path}}, nil)
			if err != nil {
				b.Fatal(err)
			}
			s.Start(w)
			l.settle(b, s)
			s.Show(s.Len() / 2)
			b.ResetTimer()
			for b.Loop() {
				s.AddSpan("CLAIM", 0, 2)
				s.Undo()
			}
			b.StopTimer()
			if err := s.SyncJournal(); err != nil {
				b.Fatal(err)
			}
			s.DiscardRecovery()
			b.ReportMetric(float64(s.Len()), "docs")
		})
	}
}
