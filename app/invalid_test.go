package app

import (
	"errors"
	"gloss/export/exporttest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gloss/export"
)

// invalidFiles are native files the command line refuses, each with the
// problem its refusal must name.
var invalidFiles = []struct{ name, content, want string }{
	{"negative start", `{"text":"Russia","spans":[{"start":-1,"end":3,"label":"ACTOR"}]}`, "bad.jsonl:1: span 1"},
	{"start after end", `{"text":"Russia","spans":[{"start":4,"end":2,"label":"ACTOR"}]}`, "start 4 is not before end 2"},
	{"end past the text", `{"text":"Russia","spans":[{"start":0,"end":30,"label":"ACTOR"}]}`, "offsets [0,30) out of range"},
	{"text mismatch", `{"text":"Russia","spans":[{"start":0,"end":3,"label":"ACTOR","text":"Pru"}]}`, `text "Pru" does not match`},
	{"empty label", `{"text":"Russia","spans":[{"start":0,"end":3,"label":""}]}`, "empty label name"},
	{"duplicate ids", "{\"id\":\"a\",\"text\":\"Russia\"}\n{\"id\":\"a\",\"text\":\"Turkey\"}\n", `bad.jsonl:2: document id "a" already used on line 1`},
}

// TestOpenRefusesInvalidFiles opens each invalid file over good work: the
// work stays open and unchanged, a dialog lists the file's problems, and a
// save writes the good work, never the bad offsets.
func TestOpenRefusesInvalidFiles(t *testing.T) {
	for _, tt := range invalidFiles {
		t.Run(tt.name, func(t *testing.T) {
			w, _, out := openMixed(t)
			bad := writeFile(t, t.TempDir(), "bad.jsonl", tt.content)
			w.OpenPath(bad)
			w.WaitTasks()
			if w.Document().ID != "mixed" {
				t.Fatalf("opened %q with its problems", w.Document().ID)
			}
			top := w.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no dialog")
			}
			var shown []string
			walk(top, func(o fyne.CanvasObject) {
				if l, ok := o.(*widget.Label); ok {
					shown = append(shown, l.Text)
				}
			})
			all := strings.Join(shown, "\n")
			if !strings.Contains(all, tt.want) || !strings.Contains(all, "did not open it") {
				t.Errorf("dialog says %q, want %q", all, tt.want)
			}
			saveAndWait(t, w, out)
			if docs := exporttest.ReadNative(t, out); len(docs) != 1 || docs[0].ID != "mixed" {
				t.Errorf("saved %d document(s), the first %q", len(docs), docs[0].ID)
			}
		})
	}
}

// TestStartRefusesInvalidFiles starts the app on each invalid file, or
// with -o naming one: it does not open, and the error lists the problems
// as FILE:LINE.
func TestStartRefusesInvalidFiles(t *testing.T) {
	for _, tt := range invalidFiles {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			bad := writeFile(t, dir, "bad.jsonl", tt.content)
			good := writeFile(t, dir, "good.txt", "Russia")
			for _, opt := range []Options{{Files: []string{bad}}, {Files: []string{good}, Out: bad}} {
				t.Setenv("XDG_CACHE_HOME", t.TempDir())
				_, err := New(test.NewTempApp(t), test.NewTempWindow(t, nil), opt)
				var problems *export.Problems
				if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.As(err, &problems) {
					t.Errorf("New(%+v) error %v, want problems naming %q", opt, err, tt.want)
				}
			}
			if got, _ := os.ReadFile(bad); string(got) != tt.content {
				t.Errorf("the bad file changed to %q", got)
			}
			if m, _ := filepath.Glob(filepath.Join(dir, "*")); len(m) != 2 {
				t.Errorf("files left: %v", m)
			}
		})
	}
}
