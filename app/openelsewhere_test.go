package app

import (
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
	"gloss/export/exporttest"
)

// TestFileOpenInTwoWindows: a file one window has open is refused by a
// second (at start, by Open, by Save As) with a dialog that says why; the
// second keeps what it had, and nothing is written over the first's file
// or its journal. Once the first window quits, the file opens.
func TestFileOpenInTwoWindows(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "gold.jsonl")
	if err := export.SaveNative(path, &annotate.Document{ID: "a", Text: mixedText}); err != nil {
		t.Fatal(err)
	}
	first, _ := newTestWindow(t, Options{Files: []string{path}})
	s, e := annotatetest.Find(t, mixedText, "Vladimir Putin", 0)
	first.AddSpan("ACTOR", s, e)

	// A second window started on the same file opens the sample instead.
	second, _ := newWindowIn(t, first.app, Options{Files: []string{path}})
	second.WaitTasks()
	const why = "gold.jsonl is already open in another Gloss window"
	if second.Document().ID != "russia-turkey-libya" || !strings.Contains(second.status.msg.Text, why) {
		t.Fatalf("second start: on %q, status %q", second.Document().ID, second.status.msg.Text)
	}
	if second.win.Canvas().Overlays().Top() == nil {
		t.Error("no dialog says why")
	}
	// Open and Save As refuse it too; the sample stays.
	second.OpenPath(path)
	second.WaitTasks()
	if second.Document().ID != "russia-turkey-libya" || !strings.Contains(second.status.msg.Text, why) {
		t.Errorf("Open: on %q, status %q", second.Document().ID, second.status.msg.Text)
	}
	second.SaveTo(path)
	second.WaitTasks()
	if msg := second.status.msg.Text; !strings.Contains(msg, "saving here would overwrite") || second.s.SavePath() == path {
		t.Errorf("Save As: status %q, save path %q", msg, second.s.SavePath())
	}
	if d := exporttest.ReadNative(t, path); len(d) != 1 || d[0].ID != "a" || len(d[0].Spans) != 0 {
		t.Errorf("the refused save wrote over %s: %+v", path, d)
	}
	// The first window's work is whole: it saves, then quits.
	first.Save()
	first.WaitTasks()
	if d := exporttest.ReadNative(t, path); len(d[0].Spans) != 1 {
		t.Fatalf("the first window saved %+v", d[0].Spans)
	}
	first.Quit()
	second.OpenPath(path)
	second.WaitTasks()
	if second.Document().ID != "a" || len(second.Document().Spans) != 1 {
		t.Errorf("after the first quit: on %q with %d spans", second.Document().ID, len(second.Document().Spans))
	}
}
