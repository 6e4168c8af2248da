package review

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/app/session"
	"gloss/export"
)

// perturb is an annotator's version of d: about one span in five dropped,
// relabelled or moved by a character, deterministic for the seed.
func perturb(d *annotate.Document, seed uint64, who string) *annotate.Document {
	rng := rand.New(rand.NewPCG(seed, 7))
	c := d.Clone()
	c.Annotator = who
	c.Spans = c.Spans[:0]
	labels := []string{"ACTOR", "CLAIM", "QUOTE"}
	for _, s := range d.Spans {
		switch rng.IntN(15) {
		case 0:
			continue
		case 1:
			s.Label = labels[rng.IntN(len(labels))]
		case 2:
			if s.End-s.Start > 2 {
				s.End--
			}
		}
		s.ID = annotate.SpanID(who, s.Start, s.End, s.Label)
		s.Text = d.Slice(s.Start, s.End)
		if c.FindSpan(s.Start, s.End, s.Label) < 0 {
			c.Spans = append(c.Spans, s)
		}
	}
	return c
}

// benchFiles writes three annotators' files of count documents of about
// size bytes with n spans each.
func benchFiles(b *testing.B, count, size, n int) []string {
	dir := b.TempDir()
	var files []string
	for k, who := range []string{"ana", "ben", "cleo"} {
		var docs []*annotate.Document
		for i := range count {
			docs = append(docs, perturb(annotatetest.Document(1, i, size, n), uint64(k*1000+i), who))
		}
		p := filepath.Join(dir, who+".jsonl")
		if err := export.SaveNative(p, docs...); err != nil {
			b.Fatal(err)
		}
		files = append(files, p)
	}
	return files
}

// BenchmarkFindSites lists the disagreements of one document among three
// annotators.
func BenchmarkFindSites(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("spans=%d", n), func(b *testing.B) {
			d := annotatetest.Document(1, 0, n*60, n)
			docs := []*annotate.Document{perturb(d, 1, "ana"), perturb(d, 2, "ben"), perturb(d, 3, "cleo")}
			b.ResetTimer()
			sites := 0
			for b.Loop() {
				sites = len(findSites(docs))
			}
			b.ReportMetric(float64(sites), "sites")
		})
	}
}

// BenchmarkNew opens the review screen on three files of 200 documents:
// reading, pairing, agreement, merge, disagreements and the widgets.
func BenchmarkNew(b *testing.B) {
	files := benchFiles(b, 200, 3000, 40)
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	test.NewTempApp(b)
	for b.Loop() {
		if _, err := New(files, "", nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecide decides one disagreement and undoes it, with the
// screen's redraw of the gold view, lanes and lists.
func BenchmarkDecide(b *testing.B) {
	files := benchFiles(b, 1, 60000, 1000)
	b.Setenv("XDG_CACHE_HOME", b.TempDir())
	test.NewTempApp(b)
	s, err := New(files, "", nil)
	if err != nil {
		b.Fatal(err)
	}
	w := test.NewTempWindow(b, s.Content())
	_ = w
	b.ReportMetric(float64(len(s.doc().sites)), "sites")
	for b.Loop() {
		s.Accept(0)
		s.Undo()
	}
}

// BenchmarkNewBig opens the review screen on the bench corpus
// (GLOSS_BENCH_CORPUS, see docs/performance.md) given twice, as two
// annotators who agree everywhere: every document is paired and measured,
// and the screen keeps an index of them (MB-live: the heap in use
// afterwards), not the documents.
func BenchmarkNewBig(b *testing.B) {
	path := os.Getenv("GLOSS_BENCH_CORPUS")
	if path == "" {
		b.Skip("set GLOSS_BENCH_CORPUS to a corpus made by ../shared/bench/gen.py")
	}
	test.NewTempApp(b)
	for b.Loop() {
		s, err := newScreen([]string{path, path}, "", nil, session.Options{RecoveryDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-live")
		b.ReportMetric(float64(len(s.c.docs)), "docs")
		s.c.close()
		b.StartTimer()
	}
}
