package cli

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// benchDocs is the number of documents of the benchmark corpus: 10,000
// (about 20 MB) by default; GLOSS_BENCH_DOCS=100000 gives the 200 MB corpus
// of the issue.
func benchDocs() int {
	if n, err := strconv.Atoi(os.Getenv("GLOSS_BENCH_DOCS")); err == nil && n > 0 {
		return n
	}
	return 10000
}

var (
	corpusOnce sync.Once
	corpusPath string
	corpusSize int64
)

// benchCorpus writes the native benchmark corpus once per test binary.
func benchCorpus(b *testing.B) (string, int64) {
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "gloss-bench-")
		if err != nil {
			b.Fatal(err)
		}
		corpusPath = filepath.Join(dir, "corpus.jsonl")
		err = export.WriteFileAtomic(corpusPath, func(w io.Writer) error {
			nw := export.NewNativeWriter(w, export.Options{})
			if err := annotatetest.Corpus(1, benchDocs(), 2000, 20, func(d *annotate.Document) error { return nw.Write(d) }); err != nil {
				return err
			}
			return nw.Close()
		})
		if err != nil {
			b.Fatal(err)
		}
		st, _ := os.Stat(corpusPath)
		corpusSize = st.Size()
	})
	return corpusPath, corpusSize
}

func benchCommand(b *testing.B, args ...string) {
	path, size := benchCorpus(b)
	args = append(args, path)
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		if code := Main(args, Env{Stdout: io.Discard, Stderr: io.Discard}); code != 0 {
			b.Fatalf("gloss %v: exit %d", args, code)
		}
	}
}

// BenchmarkValidate runs `gloss validate` on the corpus.
func BenchmarkValidate(b *testing.B) { benchCommand(b, "validate") }

// BenchmarkExportJSONLCommand runs `gloss export --to jsonl -o FILE` on the
// corpus, output to a file as a user would.
func BenchmarkExportJSONLCommand(b *testing.B) {
	out := filepath.Join(b.TempDir(), "out.jsonl")
	benchCommand(b, "export", "--to", "jsonl", "-o", out)
}

// BenchmarkSuggestCommand runs `gloss suggest -o FILE` on the corpus
// (10,000 documents by default), the known-actors pass included.
func BenchmarkSuggestCommand(b *testing.B) {
	out := filepath.Join(b.TempDir(), "out.jsonl")
	benchCommand(b, "suggest", "-o", out)
}

// BenchmarkExportCommand runs `gloss export --to FORMAT -o OUT` for every
// format that writes, output to a file (a folder for brat and webanno) as a
// user would. GLOSS_BENCH_CORPUS=FILE runs it on that native file instead
// of the generated corpus (docs/performance.md uses ../shared/bench's
// gen.py corpus, the one the Python yardstick reads).
func BenchmarkExportCommand(b *testing.B) {
	var path string
	var size int64
	if p := os.Getenv("GLOSS_BENCH_CORPUS"); p != "" {
		st, err := os.Stat(p)
		if err != nil {
			b.Fatal(err)
		}
		path, size = p, st.Size()
	} else {
		path, size = benchCorpus(b)
	}
	for _, f := range export.Formats() {
		if f.Name == "text" || (f.NewWriter == nil && f.WriteDir == nil) {
			continue
		}
		b.Run(f.Name, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "out"+f.Extension)
			b.SetBytes(size)
			for b.Loop() {
				os.RemoveAll(out)
				if code := Main([]string{"export", "--to", f.Name, "-o", out, path}, Env{Stdout: io.Discard, Stderr: io.Discard}); code != 0 {
					b.Fatalf("gloss export --to %s: exit %d", f.Name, code)
				}
			}
		})
	}
}
