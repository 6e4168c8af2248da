package session

import (
	"io"
	"os"
	"path/filepath"
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
