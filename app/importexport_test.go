package app

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/app/session"

	"gloss/export"
)

func TestExportFormats(t *testing.T) {
	w, _, _ := openMixed(t)
	for _, p := range []struct{ label, phrase string }{{"ACTOR", "Ankara 🇹🇷"}, {"QUOTE", "we will not stop"}, {"ACTOR", "東京"}} {
		s, e := annotatetest.Find(t, mixedText, p.phrase, 0)
		w.AddSpan(p.label, s, e)
	}
	dir := t.TempDir()
	for _, f := range export.Formats() {
		if f.NewWriter == nil && f.WriteDir == nil {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			path := filepath.Join(dir, "out-"+f.Name)
			w.ExportTo(path, f, export.Options{Labels: w.labels})
			w.WaitTasks()
			if !strings.HasPrefix(w.Message(), "Exported 1 document(s)") {
				t.Fatalf("message %q", w.Message())
			}
			if f.NewReader == nil && f.OpenPath == nil {
				return
			}
			docs, _, err := readPath(path, f, export.Options{Labels: w.labels}, nil)
			if err != nil {
				t.Fatal(err)
			}
			tokensOnly := f.Name == "conll" || f.Name == "hf"
			if len(docs) != 1 || docs[0].Text != mixedText && !tokensOnly {
				t.Fatalf("read back %d docs", len(docs))
			}
			if tokensOnly || f.Name == "text" {
				return // CoNLL and hf keep tokens, not the exact text; text has no spans
			}
			got, want := spanSummary(docs[0]), spanSummary(w.Document())
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("spans read back %q, want %q", got, want)
			}
		})
	}
}

func TestImportWithFormat(t *testing.T) {
	w, _, _ := openMixed(t)
	s, e := annotatetest.Find(t, mixedText, "Vladimir Putin", 0)
	// doccano in the browser counts UTF-16 units: the emoji count double.
	d := &annotate.Document{ID: "m", Text: mixedText}
	u := d.UTF16()
	line := `{"text":` + quoteJSON(mixedText) + `,"label":[[` + strconv.Itoa(u.FromRune(s)) + `,` + strconv.Itoa(u.FromRune(e)) + `,"ACTOR"]]}` + "\n"
	path := writeFile(t, t.TempDir(), "doccano.jsonl", line)
	w.ImportFile(path, export.Lookup("doccano"), export.Options{UTF16: true, Labels: w.labels})
	w.WaitTasks()
	got := w.Document()
	if got.Text != mixedText || len(got.Spans) != 1 || got.Spans[0].Start != s || got.Spans[0].End != e || got.Spans[0].Text != "Vladimir Putin" {
		t.Fatalf("imported %v (message %q)", spanSummary(got), w.Message())
	}
	if w.s.SavePath() != "" {
		t.Errorf("imported work saves to %q; the first save must ask", w.s.SavePath())
	}
	// A file that is not in the format is reported, and the work stays.
	bad := writeFile(t, t.TempDir(), "bad.jsonl", "{not json\n")
	w.ImportFile(bad, export.Lookup("doccano"), export.Options{})
	w.WaitTasks()
	if w.Document() != got || !strings.Contains(w.Message(), "bad.jsonl") {
		t.Errorf("after a bad import: message %q", w.Message())
	}
}

func TestReadProgressAndCancel(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	var docs []*annotate.Document
	annotatetest.Corpus(7, 200, 2000, 8, func(d *annotate.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err := export.SaveNative(path, docs...); err != nil {
		t.Fatal(err)
	}
	p := &session.Progress{}
	got, f, err := readPath(path, nil, export.Options{}, p)
	if err != nil || f.Name != "jsonl" || len(got) != 200 {
		t.Fatalf("read %d docs as %v: %v", len(got), f, err)
	}
	if p.Value() != 1 {
		t.Errorf("progress after reading = %v, want 1", p.Value())
	}
	p = &session.Progress{}
	p.Cancel()
	if _, _, err := readPath(path, nil, export.Options{}, p); !errors.Is(err, session.ErrCancelled) {
		t.Errorf("cancelled read: %v", err)
	}
	// A cancelled export writes nothing, to a file or a folder.
	for _, name := range []string{"jsonl", "brat"} {
		out := filepath.Join(dir, "export-"+name)
		p := &session.Progress{}
		p.Cancel()
		if err := exportDocs(out, export.Lookup(name), export.Options{}, snapshotOf(docs), p); !errors.Is(err, session.ErrCancelled) {
			t.Errorf("cancelled %s export: %v", name, err)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("cancelled %s export left %s", name, out)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".export-*")); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
	}
	// Opened in the app, the corpus lists every document.
	w, _ := newTestWindow(t, Options{Files: []string{path}})
	if w.s.Len() != 200 || w.docList.list.Length() != 200 {
		t.Fatalf("opened %d documents", w.s.Len())
	}
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestProgressDialogCancel(t *testing.T) {
	w, _ := newTestWindow(t, Options{})
	p := &session.Progress{}
	pd := w.showProgress("Opening big.jsonl", p)
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no progress dialog")
	}
	p.Set(0.4)
	pd.bar.SetValue(p.Value())
	test.Tap(buttonWithText(t, w.win.Canvas().Overlays().Top(), "Cancel"))
	if !p.Cancelled() || !pd.cancel.Disabled() {
		t.Fatalf("Cancel: cancelled %v, button disabled %v", p.Cancelled(), pd.cancel.Disabled())
	}
	if _, _, err := readPath(writeFile(t, t.TempDir(), "a.txt", "text"), nil, export.Options{}, p); !errors.Is(err, session.ErrCancelled) {
		t.Errorf("a cancelled read gave %v", err)
	}
}
