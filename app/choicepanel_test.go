package app

import (
	"gloss/export/exporttest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// choiceLabels is the label set with document labels the tests share.
const choiceLabels = annotatetest.ChoiceLabels

func choiceLabelSet(t testing.TB) *annotate.LabelSet { return annotatetest.ChoiceLabelSet(t) }

// openWithChoices opens mixedText with the choice labels.
func openWithChoices(t *testing.T) (*Window, string) {
	t.Helper()
	dir := t.TempDir()
	in := writeFile(t, dir, "mixed.txt", mixedText)
	out := filepath.Join(dir, "out.jsonl")
	w, _ := newTestWindow(t, Options{Files: []string{in}, Out: out, Annotator: "ana", Labels: choiceLabelSet(t)})
	return w, out
}

// shortcutCtrl presses Ctrl+key as Fyne does: the main menu's item with
// that shortcut runs.
func shortcutCtrl(t *testing.T, w *Window, key fyne.KeyName) {
	t.Helper()
	want := ctrl(key).ShortcutName()
	for _, m := range w.menu.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == want {
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no menu item has %s", want)
}

// TestChoicePanel: Ctrl+1…Ctrl+9 and a click on a chip toggle document
// labels (one of a single group, any of a multiple one), each one undo
// step; the panel and the Document menu's checks follow; they are saved in
// the native file and exported to doccano's cats.
func TestChoicePanel(t *testing.T) {
	w, out := openWithChoices(t)
	if w.choices.empty() {
		t.Fatal("no panel for a label set with choices")
	}
	// stance: for, against, neutral = Ctrl+1..3; topic = Ctrl+4..6.
	shortcutCtrl(t, w, fyne.Key2)
	if got := w.Document().Choices["stance"]; !slices.Equal(got, []string{"against"}) {
		t.Fatalf("Ctrl+2: stance %v", got)
	}
	if got := w.Message(); got != "Document label stance: against" {
		t.Errorf("message %q", got)
	}
	shortcutCtrl(t, w, fyne.Key3) // one of: neutral replaces against
	test.Tap(buttonWithText(t, w.choices.object(), "war"))
	test.Tap(buttonWithText(t, w.choices.object(), "economy"))
	want := []string{"stance:neutral", "topic:war", "topic:economy"}
	if got := w.choices.Chosen(); !slices.Equal(got, want) {
		t.Errorf("panel shows %v, want %v", got, want)
	}
	if it := w.menuItem("Document", "stance: neutral"); it == nil || !it.Checked {
		t.Errorf("Document → stance: neutral not checked (%v)", it)
	}
	if it := w.menuItem("Document", "stance: against"); it == nil || it.Checked {
		t.Errorf("Document → stance: against checked")
	}
	if w.win.Canvas().Focused() != w.view {
		t.Error("a chip kept the keyboard from the view")
	}
	w.Undo() // economy
	if got := w.Document().Choices["topic"]; !slices.Equal(got, []string{"war"}) {
		t.Errorf("after undo topic is %v", got)
	}
	if !strings.HasPrefix(w.Message(), "Undid Set topic") {
		t.Errorf("undo says %q", w.Message())
	}
	shortcutCtrl(t, w, fyne.Key3) // neutral again: cleared
	if _, ok := w.Document().Choices["stance"]; ok {
		t.Errorf("a second Ctrl+3 left stance %v", w.Document().Choices["stance"])
	}
	shortcutCtrl(t, w, fyne.Key1)
	saveAndWait(t, w, out)
	d := exporttest.ReadNative(t, out)[0]
	if !slices.Equal(d.Choices["stance"], []string{"for"}) || !slices.Equal(d.Choices["topic"], []string{"war"}) {
		t.Errorf("saved choices %v", d.Choices)
	}
	exp := filepath.Join(t.TempDir(), "mixed.doccano.jsonl")
	w.ExportTo(exp, export.Lookup("doccano"), export.Options{Labels: w.labels})
	w.WaitTasks()
	docs, _, err := readPath(exp, export.Lookup("doccano"), export.Options{Labels: w.labels}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := docs[0].Choices; !slices.Equal(got["stance"], []string{"for"}) || !slices.Equal(got["topic"], []string{"war"}) {
		t.Errorf("doccano export read back %v", got)
	}
}

// TestNoChoicePanel: without [[choice]] groups there is no panel and
// Ctrl+N says how to get one.
func TestNoChoicePanel(t *testing.T) {
	w, _, _ := openMixed(t)
	if !w.choices.empty() {
		t.Error("a panel without document labels")
	}
	w.ToggleChoice(0)
	if !strings.Contains(w.Message(), "[[choice]]") {
		t.Errorf("message %q", w.Message())
	}
}

// TestChoiceKeys: a value's own key from labels.toml toggles it like its
// Ctrl+N, and is shown on its chip.
func TestChoiceKeys(t *testing.T) {
	ls, err := annotate.ParseLabelSet([]byte(strings.Replace(choiceLabels, `values = ["for", "against", "neutral"]`,
		`values = ["for", "against", "neutral"]`+"\nkeys = [\"f\", \"g\"]", 1)), "labels.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	w, _ := newTestWindow(t, Options{Files: []string{writeFile(t, dir, "mixed.txt", mixedText)}, Labels: ls})
	buttonWithText(t, w.choices.object(), "against  Ctrl+2 / g")
	w.view.TypedRune('g')
	if got := w.Document().Choices["stance"]; !slices.Equal(got, []string{"against"}) {
		t.Errorf("g: stance %v", got)
	}
	if len(w.Document().Spans) != 0 {
		t.Errorf("g labelled a span: %v", spanSummary(w.Document()))
	}
}
