package app

import (
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/app/session"
	"gloss/assets"
	"gloss/export"
)

// bigDocument is one document of about size bytes with n spans.
func bigDocument(size, n int) *annotate.Document {
	return annotatetest.Document(3, 0, size, n)
}

func BenchmarkFindAll1M(b *testing.B) {
	d := bigDocument(1<<20, 0)
	folded := annotate.NewRuneIndex(foldCase(d.Text))
	b.ResetTimer()
	for b.Loop() {
		if len(findAll(folded, "Ankara")) == 0 {
			b.Fatal("no match")
		}
	}
}

func BenchmarkFoldCase1M(b *testing.B) {
	d := bigDocument(1<<20, 0)
	b.SetBytes(int64(len(d.Text)))
	for b.Loop() {
		foldCase(d.Text)
	}
}

// BenchmarkLabelAllAndUndo labels every "Ankara" of a 200 KB document
// in one step and undoes it.
func BenchmarkLabelAllAndUndo(b *testing.B) {
	w, _ := newTestWindow(b, Options{})
	w.setWork([]*annotate.Document{bigDocument(200<<10, 0)}, "", "")
	w.FindText("Ankara")
	n := len(w.FindMatches())
	b.ResetTimer()
	for b.Loop() {
		w.LabelAll("ACTOR")
		if len(w.Document().Spans) != n {
			b.Fatalf("%d spans, want %d", len(w.Document().Spans), n)
		}
		w.Undo()
	}
	b.ReportMetric(float64(n), "matches")
}

// BenchmarkAddSpan5000 is one label key on a document that has 5,000
// spans: the edit, the view's marks, the span list and the status bar.
func BenchmarkAddSpan5000(b *testing.B) {
	w, _ := newTestWindow(b, Options{})
	w.setWork([]*annotate.Document{bigDocument(1<<20, 5000)}, "", "")
	spans := len(w.Document().Spans)
	b.ResetTimer()
	for b.Loop() {
		w.AddSpan("CLAIM", 10, 20)
		w.Undo()
	}
	b.ReportMetric(float64(spans), "spans")
}

// BenchmarkOpenCorpus reads a native corpus of 1,000 documents of 2 KB.
func BenchmarkOpenCorpus(b *testing.B) {
	path := filepath.Join(b.TempDir(), "corpus.jsonl")
	var docs []*annotate.Document
	annotatetest.Corpus(5, 1000, 2000, 8, func(d *annotate.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err := export.SaveNative(path, docs...); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		got, _, err := readPath(path, nil, export.Options{}, &session.Progress{})
		if err != nil || len(got) != 1000 {
			b.Fatal(len(got), err)
		}
	}
}

// BenchmarkJournalEdit is one label key and its undo in a corpus of
// 1,000 documents, each journaled: the edit, the window's redraw and the
// document encoded for the journal (the writing and syncing are the
// journal's goroutine's).
func BenchmarkJournalEdit(b *testing.B) {
	w, _ := newTestWindow(b, Options{})
	var docs []*annotate.Document
	annotatetest.Corpus(5, 1000, 2000, 8, func(d *annotate.Document) error {
		docs = append(docs, d)
		return nil
	})
	w.setWork(docs, "", "")
	b.ResetTimer()
	for b.Loop() {
		w.AddSpan("ACTOR", 0, 3)
		w.Undo()
	}
	b.StopTimer()
	if err := w.s.SyncJournal(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSuggestAcceptAll runs Suggest on 60 copies of the sample
// article (about 200 KB), accepts every suggestion in one step and undoes
// both: the engine, the batches, the view's marks and captions, the span
// list.
func BenchmarkSuggestAcceptAll(b *testing.B) {
	w, _ := newTestWindow(b, Options{})
	text := strings.Repeat(string(assets.Sample)+"\n\n", 60)
	w.setWork([]*annotate.Document{{ID: "big", Text: text}}, "", "")
	d := w.Document()
	var spans, rels int
	b.ResetTimer()
	for b.Loop() {
		w.Suggest()
		spans, rels = len(d.Spans), len(d.Relations)
		w.AcceptAll()
		if c := countOf(d); c.sugSpans != 0 || c.spans != spans || c.rels != rels {
			b.Fatalf("after Accept All: %+v", c)
		}
		w.Undo()
		w.Undo()
	}
	b.ReportMetric(float64(spans), "spans")
	b.ReportMetric(float64(rels), "relations")
}

// corpusWindow is a window on count documents of about size bytes each,
// all in memory (as after an import).
func corpusWindow(b *testing.B, count, size int) *Window {
	w, _ := newTestWindow(b, Options{})
	var docs []*annotate.Document
	for i := range count {
		docs = append(docs, annotatetest.Document(5, i, size, 0))
	}
	w.setWork(docs, "", filepath.Join(b.TempDir(), "corpus.jsonl"))
	w.WaitTasks()
	return w
}

// BenchmarkFindAllDocuments1000 is the find bar's count with All
// documents on: "Ankara" in 1,000 documents of 2 KB (2 MB in all).
func BenchmarkFindAllDocuments1000(b *testing.B) {
	w := corpusWindow(b, 1000, 2<<10)
	b.ResetTimer()
	for b.Loop() {
		if m := w.searchCorpus("Ankara"); m.total == 0 {
			b.Fatal("no match")
		}
	}
}

// BenchmarkLabelAllDocuments1000 labels every "Ankara" of 1,000
// documents in one corpus step and undoes it.
func BenchmarkLabelAllDocuments1000(b *testing.B) {
	w := corpusWindow(b, 1000, 2<<10)
	w.FindText("Ankara")
	w.find.allDocs.Show()
	w.find.allDocs.SetChecked(true)
	total := w.searchCorpus("Ankara").total
	b.ResetTimer()
	for b.Loop() {
		w.LabelAll("ACTOR")
		if w.corpusUndo == nil {
			b.Fatalf("no corpus step: %s", w.Message())
		}
		w.Undo()
	}
	b.ReportMetric(float64(total), "matches")
}
