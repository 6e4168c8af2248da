package review

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestFilesDialog(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	a := test.NewTempApp(t)
	parent := test.NewTempWindow(t, container.NewStack())
	parent.Resize(fyne.NewSize(800, 600))
	docs := annotators(t)
	dir := t.TempDir()
	files := writeFiles(t, dir, docs[:1], docs[1:2])
	empty := writeRaw(t, dir, "empty.jsonl", "")

	p := newPicker(a, parent, nil)
	p.d.Show()
	p.add(files[0])
	p.add(files[0])
	if len(p.files) != 1 || !p.review.Disabled() {
		t.Fatalf("one file: %v, review enabled %v", p.files, !p.review.Disabled())
	}
	p.add(empty)
	if p.review.Disabled() {
		t.Fatal("two files and Review is disabled")
	}
	windows := len(a.Driver().AllWindows())
	test.Tap(p.review)
	if n := len(a.Driver().AllWindows()); n != windows {
		t.Errorf("an empty file opened a review window")
	}
	if parent.Canvas().Overlays().Top() == nil {
		t.Error("no error shown for the empty file")
	}
	p.remove(1)
	p.add(files[1])
	p.gold.SetText(filepath.Join(dir, "gold.jsonl"))
	test.Tap(p.review)
	all := a.Driver().AllWindows()
	if len(all) != windows+1 {
		t.Fatalf("%d windows, want a review window more", len(all))
	}
	if title := all[len(all)-1].Title(); title != "Gloss Review — gold.jsonl" {
		t.Errorf("review window title %q", title)
	}
}

// TestFilesDialogShot renders the dialog with three files chosen.
func TestFilesDialogShot(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck // a fixed variant for the docs
	parent := test.NewTempWindow(t, container.NewStack())
	parent.Resize(fyne.NewSize(760, 520))
	p := newPicker(a, parent, nil)
	p.d.Show()
	for _, f := range []string{"/home/lead/libya/ana.jsonl", "/home/lead/libya/ben.jsonl", "/home/lead/libya/cleo.jsonl"} {
		p.add(f)
	}
	p.gold.SetText("/home/lead/libya/gold.jsonl")
	if p.review.Disabled() {
		t.Error("Review disabled with three files")
	}
	if *shots {
		writePNG(t, parent.Canvas().Capture(), "files")
	}
}
