package cli

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/export"
)

// agreeBenchFiles writes two annotators' files of docs documents (about
// 2 KB of text and 20 spans each; the second file shifts, drops and
// relabels some spans) and returns their paths. With relations, each
// QUOTE and CLAIM of the first file is SAID_BY one of its ACTORs (about
// 13 relations a document); the second file links the same where it has
// both spans, but gives one in ten another speaker and drops one in ten.
func agreeBenchFiles(b *testing.B, docs int, relations bool) []string {
	b.Helper()
	dir := b.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"Russia", "Turkey", "said", "the", "minister", "Çavusoglu", "peace", "plan", "in", "Libya",
		"😀", "北京", "offensive", "and", "agreed", "“truce”", "Haftar", "of", "a", "ceasefire"}
	labels := []string{"ACTOR", "CLAIM", "QUOTE"}
	var paths []string
	var writers []*export.NativeWriter
	var files []*os.File
	for _, name := range []string{"a.jsonl", "b.jsonl"} {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			b.Fatal(err)
		}
		paths = append(paths, p)
		files = append(files, f)
		writers = append(writers, export.NewNativeWriter(f, export.Options{}))
	}
	var text strings.Builder
	for i := range docs {
		text.Reset()
		var starts []int // code-point offsets of word starts
		n := 0
		for text.Len() < 2000 {
			if n > 0 {
				sep := " "
				if rng.IntN(12) == 0 {
					sep = "\r\n"
				}
				text.WriteString(sep)
				n += len([]rune(sep))
			}
			w := words[rng.IntN(len(words))]
			starts = append(starts, n)
			text.WriteString(w)
			n += len([]rune(w))
		}
		a := &annotate.Document{ID: "doc-" + strconv.Itoa(i), Text: text.String(), Annotator: "a"}
		bd := &annotate.Document{ID: a.ID, Text: a.Text, Annotator: "b"}
		seen := map[[3]int]bool{}
		for len(a.Spans) < 20 {
			k := rng.IntN(len(starts) - 4)
			s, e, l := starts[k], starts[k+1+rng.IntN(3)]-1, rng.IntN(len(labels))
			if seen[[3]int{s, e, l}] {
				continue
			}
			seen[[3]int{s, e, l}] = true
			a.Spans = append(a.Spans, annotate.Span{ID: annotate.SpanID("a", s, e, labels[l]), Start: s, End: e, Label: labels[l], Text: a.Slice(s, e)})
			switch rng.IntN(10) {
			case 0: // dropped
				continue
			case 1: // boundary
				if e < a.Len() {
					e++
				}
			case 2: // relabelled
				l = (l + 1) % len(labels)
			}
			if seen[[3]int{s, e, l + 10}] {
				continue
			}
			seen[[3]int{s, e, l + 10}] = true
			bd.Spans = append(bd.Spans, annotate.Span{ID: annotate.SpanID("b", s, e, labels[l]), Start: s, End: e, Label: labels[l], Text: bd.Slice(s, e)})
		}
		if relations {
			agreeBenchLinks(rng, a, bd)
		}
		for k, d := range []*annotate.Document{a, bd} {
			if err := writers[k].Write(d); err != nil {
				b.Fatal(err)
			}
		}
	}
	for k := range writers {
		if err := writers[k].Close(); err != nil {
			b.Fatal(err)
		}
		files[k].Close()
	}
	return paths
}

// agreeBenchLinks adds the SAID_BY relations agreeBenchFiles describes.
func agreeBenchLinks(rng *rand.Rand, a, bd *annotate.Document) {
	actors := func(d *annotate.Document) []int {
		var out []int
		for i, s := range d.Spans {
			if s.Label == "ACTOR" {
				out = append(out, i)
			}
		}
		return out
	}
	aa, ba := actors(a), actors(bd)
	if len(aa) == 0 {
		return
	}
	for _, s := range a.Spans {
		if s.Label == "ACTOR" {
			continue
		}
		to := a.Spans[aa[rng.IntN(len(aa))]]
		a.Relations = append(a.Relations, annotate.Relation{ID: annotate.RelationID(s.ID, to.ID, "SAID_BY"), Label: "SAID_BY", From: s.ID, To: to.ID})
		from, bt := bd.FindSpan(s.Start, s.End, s.Label), bd.FindSpan(to.Start, to.End, to.Label)
		switch r := rng.IntN(10); {
		case from < 0 || r == 0: // b lacks the quote, or links it to nobody
			continue
		case r == 1 && len(ba) > 0: // another speaker
			bt = ba[rng.IntN(len(ba))]
		case bt < 0:
			continue
		}
		f, t := bd.Spans[from].ID, bd.Spans[bt].ID
		bd.Relations = append(bd.Relations, annotate.Relation{ID: annotate.RelationID(f, t, "SAID_BY"), Label: "SAID_BY", From: f, To: t})
	}
}

// agreeBenchCommand runs a command end to end on two generated files of
// 10,000 documents (with relations or without), reporting CPU
// seconds per run besides wall time.
func agreeBenchCommand(b *testing.B, relations bool, args ...string) {
	paths := agreeBenchFiles(b, 10000, relations)
	args = append(args, paths...)
	var size int64
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil {
			size += st.Size()
		}
	}
	var errb bytes.Buffer
	cpu := agreeProcessCPU()
	b.ResetTimer()
	for b.Loop() {
		errb.Reset()
		if status := Main(args, Env{Stdout: io.Discard, Stderr: &errb}); status != 0 {
			b.Fatalf("status %d: %s", status, errb.String())
		}
	}
	b.ReportMetric((agreeProcessCPU()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(size)/1e6, "input-MB")
}

// BenchmarkAgree runs `gloss agree` end to end on two files of 10,000
// documents with relations.
func BenchmarkAgree(b *testing.B) { agreeBenchCommand(b, true, "agree") }

// BenchmarkAgreeNoRelations is BenchmarkAgree on the same spans without
// relations: what the relations cost.
func BenchmarkAgreeNoRelations(b *testing.B) { agreeBenchCommand(b, false, "agree") }

// BenchmarkMerge runs `gloss merge` end to end on the same files.
func BenchmarkMerge(b *testing.B) {
	agreeBenchCommand(b, true, "merge", "--min-agree", "1", "-o", filepath.Join(b.TempDir(), "gold.jsonl"))
}
