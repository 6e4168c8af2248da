package review

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/app/session"
)

// TestReviewChoices: the gold pane shows each annotator's document labels
// beside the gold's (their majority to start with); a click takes one
// annotator's group, Ctrl+N all of annotator N's, each one undo step, and
// the saved gold holds them.
func TestReviewChoices(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	docs := annotators(t)
	docs[0].Choices = map[string][]string{"stance": {"against"}, "topic": {"war"}}
	docs[1].Choices = map[string][]string{"stance": {"neutral"}, "topic": {"war", "diplomacy"}}
	dir := t.TempDir()
	files := writeFiles(t, dir, docs[:1], docs[1:2])
	ls := annotatetest.ChoiceLabelSet(t)
	a := test.NewTempApp(t)
	gold := filepath.Join(dir, "gold.jsonl")
	s, err := newScreen(files, gold, ls, session.Options{RecoveryDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("")
	w.SetContent(s.Content())
	s.Attach(w)
	w.Resize(fyne.NewSize(1280, 860))

	if got := s.choices.gold[0].Text; !strings.HasPrefix(got, "stance — gold: ") {
		t.Errorf("stance row says %q", got)
	}
	if got := s.choices.gold[1].Text; got != "topic — gold: —" {
		t.Errorf("topic row says %q (war / war, diplomacy: no majority of two)", got)
	}
	if got := s.choices.takes[0][1].Text; got != "2 ben: neutral" {
		t.Errorf("ben's stance button says %q", got)
	}
	test.Tap(s.choices.takes[0][1])
	if got := s.doc().gold.Choices["stance"]; !slices.Equal(got, []string{"neutral"}) {
		t.Fatalf("after a click on ben's stance the gold has %v", got)
	}
	if s.choices.takes[0][1].Importance != widget.HighImportance || s.choices.takes[0][0].Importance == s.choices.takes[0][1].Importance {
		t.Errorf("the button of the gold's value is not marked")
	}
	s.Undo()
	if got := s.doc().gold.Choices["stance"]; slices.Equal(got, []string{"neutral"}) {
		t.Errorf("undo left stance %v", got)
	}
	// Ctrl+2: all of ben's, one step.
	s.view.TypedShortcut(shortcut(fyne.Key2, fyne.KeyModifierShortcutDefault))
	g := s.doc().gold.Choices
	if !slices.Equal(g["stance"], []string{"neutral"}) || !annotate.SameValues(g["topic"], []string{"war", "diplomacy"}) {
		t.Fatalf("after Ctrl+2 the gold has %v", g)
	}
	if what, _ := s.sess.History().CanUndo(); what != "Take ben's document labels" {
		t.Errorf("the step is %q", what)
	}
	s.SaveTo(gold, func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	})
	saved := readGold(t, gold)
	if !slices.Equal(saved.Choices["stance"], []string{"neutral"}) || len(saved.Choices["topic"]) != 2 {
		t.Errorf("saved gold choices %v", saved.Choices)
	}
}

// TestReviewNoChoices: without document labels there is no strip.
func TestReviewNoChoices(t *testing.T) {
	docs := annotators(t)
	s, _ := openScreen(t, writeFiles(t, t.TempDir(), docs[:1], docs[1:2]), "")
	if s.choices.box.Visible() || len(s.choiceItems(nil)) != 0 {
		t.Error("a document-label strip without document labels")
	}
}
