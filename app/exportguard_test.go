package app

import (
	"bytes"
	"gloss/export/exporttest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"

	"gloss/annotate/annotatetest"
	"gloss/export"
)

// TestExportNames: the names an export suggests never look like the work
// file.
func TestExportNames(t *testing.T) {
	for format, want := range map[string]string{
		"doccano":     "corpus.doccano.jsonl",
		"doccano-rel": "corpus.doccano-rel.jsonl",
		"prodigy":     "corpus.prodigy.jsonl",
		"hf":          "corpus.hf.jsonl",
		"jsonl":       "corpus.export.jsonl",
		"conll":       "corpus.conll",
		"brat":        "corpus-brat",
		"labelstudio": "corpus.json",
		"webanno":     "corpus-webanno",
	} {
		f := export.Lookup(format)
		if f == nil {
			t.Errorf("no format %s", format)
			continue
		}
		if got := exportName("corpus", f); got != want {
			t.Errorf("%s: %q, want %q", format, got, want)
		}
	}
}

// TestExportGuard: exporting doccano (or brat, or anything not native)
// over the open work file is refused and leaves the file as it was; a
// native export there saves it, and the title says saved.
func TestExportGuard(t *testing.T) {
	w, _, out := openMixed(t)
	s, e := annotatetest.Find(t, mixedText, "Ankara 🇹🇷", 0)
	w.AddSpan("ACTOR", s, e)
	w.Document().Spans[0].Note = "the capital"
	saveAndWait(t, w, out)
	before, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s, e = annotatetest.Find(t, mixedText, "東京", 0)
	w.AddSpan("ACTOR", s, e)
	for _, name := range []string{"doccano", "prodigy", "conll", "labelstudio"} {
		// The same file by another name.
		path := filepath.Join(filepath.Dir(out), ".", filepath.Base(out))
		w.ExportTo(path, export.Lookup(name), export.Options{Labels: w.labels})
		w.WaitTasks()
		if !strings.HasPrefix(w.Message(), "not exported: mixed.jsonl is the file your work is in") && !strings.HasPrefix(w.Message(), "not exported: out.jsonl is the file your work is in") {
			t.Errorf("%s over the work file: %q", name, w.Message())
		}
		after, _ := os.ReadFile(out)
		if !bytes.Equal(after, before) {
			t.Fatalf("%s export changed the work file", name)
		}
	}
	// The source it was opened from is guarded too.
	w.ExportTo(w.s.Source(), export.Lookup("doccano"), export.Options{Labels: w.labels})
	w.WaitTasks()
	if got, _ := os.ReadFile(w.s.Source()); string(got) != mixedText {
		t.Error("a doccano export replaced the source text")
	}
	if !w.Dirty() {
		t.Fatal("the second span is not unsaved")
	}
	w.ExportTo(out, export.Lookup("jsonl"), export.Options{Labels: w.labels})
	w.WaitTasks()
	if w.Dirty() || strings.HasPrefix(w.win.Title(), "●") {
		t.Errorf("a native export over the work file did not save it: title %q", w.win.Title())
	}
	docs := exporttest.ReadNative(t, out)
	if len(docs[0].Spans) != 2 || docs[0].Spans[0].Note != "the capital" {
		t.Errorf("the work file holds %v", spanSummary(docs[0]))
	}
	// Elsewhere, any format is written.
	other := filepath.Join(t.TempDir(), exportName("mixed", export.Lookup("doccano")))
	w.ExportTo(other, export.Lookup("doccano"), export.Options{Labels: w.labels})
	w.WaitTasks()
	if !strings.HasPrefix(w.Message(), "Exported 1 document(s)") {
		t.Errorf("export elsewhere: %q", w.Message())
	}
}

// TestOpenErrorWords: files Gloss cannot open are named in the window's
// words, not the command line's.
func TestOpenErrorWords(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, content, want string }{
		{"empty.jsonl", "", "empty.jsonl is an empty file"},
		{"photo.dat", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "photo.dat is not a file Gloss can read: it is not text"},
		{"notes.dat", "just some words\n", "notes.dat is not a file Gloss can read as it is: try File → Import…"},
		{"gone.jsonl", "-", "gone.jsonl is not there any more"},
	} {
		path := filepath.Join(dir, c.name)
		if c.content != "-" {
			writeFile(t, dir, c.name, c.content)
		}
		w, _, _ := openMixed(t)
		w.OpenPath(path)
		w.WaitTasks()
		msg := w.Message()
		if !strings.HasPrefix(msg, c.want) {
			t.Errorf("%s: %q, want %q…", c.name, msg, c.want)
		}
		if strings.Contains(msg, "--from") || strings.Contains(msg, "stat ") {
			t.Errorf("%s: command-line words in %q", c.name, msg)
		}
		if w.Document().Text != mixedText {
			t.Errorf("%s: the open work was replaced", c.name)
		}
	}
}

// TestLazyWrites: the writer a file-save dialog hands over leaves the
// file whole until something is written to it (Fyne's own truncates it at
// once, after "Overwrite?").
func TestLazyWrites(t *testing.T) {
	newTestWindow(t, Options{})
	dir := t.TempDir()
	path := writeFile(t, dir, "work.jsonl", "precious\n")
	wc, err := storage.Writer(storageURI(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := wc.Close(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "precious\n" {
		t.Fatalf("a writer closed unused left %q", b)
	}
	wc, _ = storage.Writer(storageURI(path))
	if _, err := wc.Write([]byte("new")); err != nil {
		t.Fatal(err)
	}
	wc.Close()
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("a writer written to left %q", b)
	}
	// The dialog's listing still works through the wrapper.
	if ok, err := storage.CanList(storageURI(dir)); !ok || err != nil {
		t.Errorf("CanList through lazyWrites: %v %v", ok, err)
	}
}
