package app

import (
	"gloss/export/exporttest"
	"testing"

	"gloss/annotate/annotatetest"
)

// TestQuitWaitsForSave: quitting while a save runs in the background
// ends the app only once it is done, and an edit made during the save,
// unsaved by it, is saved by the save the question asks for.
func TestQuitWaitsForSave(t *testing.T) {
	w, ans, out := openMixed(t)
	s, e := annotatetest.Find(t, mixedText, "Ankara", 0)
	w.AddSpan("ACTOR", s, e)
	w.Save() // runs until WaitTasks lets it report
	if saving, _ := w.s.Saving(); !saving {
		t.Fatal("no save running")
	}
	s, e = annotatetest.Find(t, mixedText, "Ankara", 1)
	w.AddSpan("ACTOR", s, e) // during the save
	ans.next = []string{"Save"}
	w.Quit()
	if ans.quits != 0 {
		t.Fatal("quit while the save ran")
	}
	w.WaitTasks()
	if ans.quits != 1 || len(ans.asked) != 1 || w.Dirty() {
		t.Fatalf("after the saves: %d quits, asked %v, dirty %v", ans.quits, ans.asked, w.Dirty())
	}
	if n := len(exporttest.ReadNative(t, out)[0].Spans); n != 2 {
		t.Errorf("saved %d spans, want both", n)
	}
}
