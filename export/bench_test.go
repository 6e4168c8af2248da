package export

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"gloss/annotate"
)

// The export benchmarks read a generated native corpus from memory with
// the native reader and write a format to io.Discard (brat: to a temporary
// folder) through Copy, as gloss export does, so MB/s is native megabytes
// converted per second. The corpus is
// 1,000 documents of about 2 KB with 20 spans each (about 2.7 MB of native
// JSONL); GLOSS_BENCH_DOCS=100000 gives the 100k-document figure of
// docs/formats.md.

var (
	benchOnce   sync.Once
	benchCorpus []byte
)

func benchDocs() int {
	if n, err := strconv.Atoi(os.Getenv("GLOSS_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 1000
}

var benchWords = strings.Fields(`the minister said on Tuesday that talks with Ankara would resume
next week after a pause of three months; officials in Moscow and Tripoli declined to comment.
«Não haverá acordo» disse o porta-voz, while analysts in Zürich — and 北京 — expected delays 🌍.`)

// corpus returns the native JSONL of the benchmark corpus.
func corpus(b *testing.B) []byte {
	benchOnce.Do(func() {
		var buf bytes.Buffer
		w := NewNativeWriter(&buf, Options{})
		labels := []string{"ACTOR", "CLAIM", "QUOTE"}
		for i := range benchDocs() {
			var text strings.Builder
			var toks []annotate.Token
			pos := 0
			for k := 0; text.Len() < 2000; k++ {
				word := benchWords[(i*7+k)%len(benchWords)]
				if k > 0 {
					text.WriteByte(' ')
					pos++
				}
				n := len([]rune(word))
				toks = append(toks, annotate.Token{Start: pos, End: pos + n})
				text.WriteString(word)
				pos += n
			}
			d := &annotate.Document{ID: "doc-" + strconv.Itoa(i), Text: text.String(), Annotator: "bench"}
			step := len(toks) / 20
			for s := range 20 {
				first := s * step
				last := first + s%3
				d.Spans = append(d.Spans, annotate.Span{
					Start: toks[first].Start, End: toks[last].End, Label: labels[s%3],
					Text: d.Slice(toks[first].Start, toks[last].End), Created: "2026-11-26T10:00:00Z",
				})
				d.Spans[s].ID = annotate.SpanID(d.ID, d.Spans[s].Start, d.Spans[s].End, d.Spans[s].Label)
			}
			for s := 2; s < 20; s += 3 {
				d.Relations = append(d.Relations, annotate.Relation{ID: fmt.Sprint("r", s), Label: "SAID_BY", From: d.Spans[s].ID, To: d.Spans[s-2].ID})
			}
			w.Write(d)
		}
		w.Close()
		benchCorpus = buf.Bytes()
	})
	return benchCorpus
}

func benchExport(b *testing.B, format string) {
	data := corpus(b)
	f := Lookup(format)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	// The live heap (what the last GC kept) shows whether the pipeline
	// streams; the heap's total size is up to twice that by GC pacing.
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var peak uint64
	runtime.GC() // so that live-MB does not count the corpus generation
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		var w Writer
		if f.WriteDir != nil {
			b.StopTimer()
			dir := b.TempDir()
			b.StartTimer()
			w = f.WriteDir(dir, Options{})
		} else {
			w = f.NewWriter(io.Discard, Options{})
		}
		r := NewNativeReader(bytes.NewReader(data), "bench.jsonl", Options{})
		sample := func(_ *annotate.Document, line int) error {
			if line%1000 == 0 {
				metrics.Read(live)
				peak = max(peak, live[0].Value.Uint64())
			}
			return nil
		}
		if _, err := Copy(r, "bench.jsonl", w, sample); err != nil {
			b.Fatal(err)
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	// Throughput per CPU second, which other processes on the machine do
	// not distort the way they distort wall-clock MB/s.
	if cpu := cpuTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(len(data))*float64(b.N)/1e6/cpu, "cpu-MB/s")
	}
	// Less the corpus, which the benchmark itself holds in memory.
	b.ReportMetric(float64(peak-min(peak, uint64(cap(data))))/1e6, "live-MB")
}

// cpuTime is the user and system CPU time of this process, in seconds.
func cpuTime() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

func BenchmarkExportJSONL(b *testing.B)       { benchExport(b, "jsonl") }
func BenchmarkExportDoccano(b *testing.B)     { benchExport(b, "doccano") }
func BenchmarkExportDoccanoRel(b *testing.B)  { benchExport(b, "doccano-rel") }
func BenchmarkExportProdigy(b *testing.B)     { benchExport(b, "prodigy") }
func BenchmarkExportLabelStudio(b *testing.B) { benchExport(b, "labelstudio") }
func BenchmarkExportBrat(b *testing.B)        { benchExport(b, "brat") }
func BenchmarkExportCoNLL(b *testing.B)       { benchExport(b, "conll") }
func BenchmarkExportHF(b *testing.B)          { benchExport(b, "hf") }
func BenchmarkExportWebAnno(b *testing.B)     { benchExport(b, "webanno") }

// benchImport writes the corpus in a format once, then measures reading it
// back; MB/s counts the bytes of that format.
func benchImport(b *testing.B, format string) {
	f := Lookup(format)
	var enc bytes.Buffer
	w := f.NewWriter(&enc, Options{})
	if _, err := Copy(NewNativeReader(bytes.NewReader(corpus(b)), "bench.jsonl", Options{}), "bench.jsonl", w, nil); err != nil {
		b.Fatal(err)
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	data := enc.Bytes()
	b.SetBytes(int64(len(data)))
	runtime.GC()
	b.ResetTimer()
	for b.Loop() {
		r := f.NewReader(bytes.NewReader(data), "bench"+f.Extension, Options{})
		n, err := Copy(r, "bench.jsonl", discardWriter{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if n != benchDocs() {
			b.Fatalf("read %d documents, want %d", n, benchDocs())
		}
	}
}

type discardWriter struct{}

func (discardWriter) Write(*annotate.Document) error { return nil }
func (discardWriter) Close() error                   { return nil }

func BenchmarkImportJSONL(b *testing.B)       { benchImport(b, "jsonl") }
func BenchmarkImportDoccano(b *testing.B)     { benchImport(b, "doccano") }
func BenchmarkImportDoccanoRel(b *testing.B)  { benchImport(b, "doccano-rel") }
func BenchmarkImportProdigy(b *testing.B)     { benchImport(b, "prodigy") }
func BenchmarkImportLabelStudio(b *testing.B) { benchImport(b, "labelstudio") }
func BenchmarkImportCoNLL(b *testing.B)       { benchImport(b, "conll") }
func BenchmarkImportHF(b *testing.B)          { benchImport(b, "hf") }
