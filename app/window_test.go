package app

import (
	"fmt"
	"gloss/export/exporttest"

	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/app/session"
	"gloss/assets"
)

// openMixed opens mixedText from a .txt file, saving to out.
func openMixed(t *testing.T) (*Window, *answers, string) {
	t.Helper()
	dir := t.TempDir()
	in := writeFile(t, dir, "mixed.txt", mixedText)
	out := filepath.Join(dir, "out.jsonl")
	w, ans := newTestWindow(t, Options{Files: []string{in}, Out: out, Annotator: "ana"})
	return w, ans, out
}

func TestStartsOnSample(t *testing.T) {
	w, _ := newTestWindow(t, Options{})
	if got := w.Document().Text; got != string(assets.Sample) {
		t.Fatalf("text is not the sample article (%d bytes)", len(got))
	}
	if w.Document().ID != "russia-turkey-libya" {
		t.Errorf("id = %q", w.Document().ID)
	}
	if got := w.win.Title(); got != "russia-turkey-libya — Gloss" {
		t.Errorf("title = %q", got)
	}
	if w.win.Canvas().Focused() != w.view {
		t.Error("the document view does not have the keyboard")
	}
}

func TestLabelByKeyAndBar(t *testing.T) {
	w, _, _ := openMixed(t)
	text := mixedText
	cases := []struct {
		name   string
		phrase string
		nth    int
		// sel is the selection made: the phrase, or part of it that
		// snapping must widen to whole words.
		selFrom, selTo int
		act            func(w *Window)
		label          string
	}{
		{"key a", "Ankara 🇹🇷", 0, 0, 0, func(w *Window) { test.Type(w.view, "a") }, "ACTOR"},
		{"key 3", "we will not stop", 0, 1, -1, func(w *Window) { test.Type(w.view, "3") }, "QUOTE"},
		{"bar CLAIM", "Cafe\u0301 owners", 0, 2, -2, func(w *Window) {
			test.Tap(buttonWithText(t, w.bar.object(), "CLAIM"))
		}, "CLAIM"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, e := annotatetest.Find(t, text, c.phrase, c.nth)
			w.view.SetSelection(s+c.selFrom, e+c.selTo)
			c.act(w)
			d := w.Document()
			if len(d.Spans) != i+1 {
				t.Fatalf("%d spans after labelling, want %d: %v", len(d.Spans), i+1, spanSummary(d))
			}
			k := d.FindSpan(s, e, c.label)
			if k < 0 {
				t.Fatalf("no %s [%d,%d): %v", c.label, s, e, spanSummary(d))
			}
			sp := d.Spans[k]
			if sp.Text != c.phrase || sp.Annotator != "ana" || sp.Created == "" || sp.ID == "" {
				t.Errorf("span = %+v", sp)
			}
			if w.win.Canvas().Focused() != w.view {
				t.Error("the view lost the keyboard")
			}
		})
	}
	// A label key with only a span selected relabels it.
	s, e := annotatetest.Find(t, text, "Ankara 🇹🇷", 0)
	id := w.Document().Spans[w.Document().FindSpan(s, e, "ACTOR")].ID
	w.view.SelectSpan(id)
	test.Type(w.view, "c")
	d := w.Document()
	if len(d.Spans) != 3 || d.Spans[d.SpanByID(id)].Label != "CLAIM" {
		t.Fatalf("relabel: %v", spanSummary(d))
	}
	if !strings.HasPrefix(w.win.Title(), "● ") {
		t.Errorf("title %q has no unsaved mark", w.win.Title())
	}
	// The same span twice is refused with a message, not a second span.
	w.view.SetSelection(s, e)
	test.Type(w.view, "c")
	if len(w.Document().Spans) != 3 || !strings.Contains(w.Message(), "already") {
		t.Errorf("duplicate: %v, message %q", spanSummary(w.Document()), w.Message())
	}
}

func TestUndoRedo(t *testing.T) {
	w, _, _ := openMixed(t)
	s, e := annotatetest.Find(t, mixedText, "Vladimir Putin", 0)
	w.view.SetSelection(s, e)
	test.Type(w.view, "a")
	undo := w.menuItem("Edit", "Undo Add ACTOR")
	if undo == nil || undo.Disabled {
		t.Fatal("Edit menu has no enabled Undo Add ACTOR")
	}
	undo.Action()
	if n := len(w.Document().Spans); n != 0 || w.Dirty() {
		t.Fatalf("after undo: %d spans, dirty %v", n, w.Dirty())
	}
	if w.win.Title() != "out.jsonl — Gloss" {
		t.Errorf("title after undo = %q", w.win.Title())
	}
	if it := w.menuItem("Edit", "Redo Add ACTOR"); it == nil || it.Shortcut.ShortcutName() != ctrlShift(fyne.KeyZ).ShortcutName() {
		t.Fatal("Edit menu has no Redo Add ACTOR with Ctrl+Shift+Z")
	}
	// Ctrl+Y reaches the canvas through the focused view.
	w.view.TypedShortcut(&fyne.ShortcutRedo{})
	if n := len(w.Document().Spans); n != 1 || !w.Dirty() {
		t.Fatalf("after Ctrl+Y: %d spans, dirty %v", n, w.Dirty())
	}
	w.Undo()
	w.menuItem("Edit", "Redo Add ACTOR").Action()
	if len(w.Document().Spans) != 1 {
		t.Fatal("menu redo did nothing")
	}
	// Delete Span removes the selected span, undoably.
	w.view.SelectSpan(w.Document().Spans[0].ID)
	w.menuItem("Edit", "Delete Span").Action()
	if len(w.Document().Spans) != 0 {
		t.Fatal("Delete Span left the span")
	}
	w.Undo()
	if len(w.Document().Spans) != 1 {
		t.Fatal("undo of delete did not restore the span")
	}
}

func TestSpanList(t *testing.T) {
	w, _ := newTestWindow(t, Options{})
	text := w.Document().Text
	add := func(label, phrase string, nth int) {
		s, e := annotatetest.Find(t, text, phrase, nth)
		w.AddSpan(label, s, e)
	}
	add("QUOTE", "the jobs continue", 0)
	add("ACTOR", "Vladimir Putin", 0)
	add("ACTOR", "Russia", 0)
	add("CLAIM", "Russia fails", 0)
	rows := func() []string {
		var out []string
		for _, id := range w.spans.Rows() {
			d := w.Document()
			out = append(out, d.Spans[d.SpanByID(id)].Text)
		}
		return out
	}
	if got, want := rows(), []string{"Russia", "Russia fails", "Vladimir Putin", "the jobs continue"}; !slices.Equal(got, want) {
		t.Errorf("rows = %q, want %q", got, want)
	}
	if got := w.spans.counts.Text; got != "ACTOR 2 · CLAIM 1 · QUOTE 1  (4 in all)" {
		t.Errorf("counts = %q", got)
	}
	w.spans.SetFilter("ACTOR")
	if got, want := rows(), []string{"Russia", "Vladimir Putin"}; !slices.Equal(got, want) {
		t.Errorf("filtered rows = %q, want %q", got, want)
	}
	// A click on a row selects its span in the view.
	w.spans.list.Select(1)
	d := w.Document()
	if id := w.view.SelectedSpan(); id == "" || d.Spans[d.SpanByID(id)].Text != "Vladimir Putin" {
		t.Fatalf("click selected %q", id)
	}
	if s, e := annotatetest.Find(t, text, "Vladimir Putin", 0); w.status.pos.Text != fmt.Sprintf("ACTOR %d–%d · %d long", s, e, e-s) {
		t.Errorf("status bar says %q", w.status.pos.Text)
	}
	// Enter opens the row the keyboard is on.
	w.win.Canvas().Focus(w.spans.list)
	w.spans.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	w.spans.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if id := w.view.SelectedSpan(); d.Spans[d.SpanByID(id)].Text != "Russia" {
		t.Fatalf("Enter selected %q", d.Spans[d.SpanByID(id)].Text)
	}
	if w.win.Canvas().Focused() != w.view {
		t.Error("jumping to a span did not give the view the keyboard")
	}
	// Selecting a span in the view highlights its row.
	w.spans.SetFilter("")
	w.view.SelectSpan(w.spans.Rows()[3])
	if got := w.spans.list.focus; got != 3 {
		t.Errorf("row of the view's span = %d, want 3", got)
	}
}

func TestNoteEditor(t *testing.T) {
	w, _, _ := openMixed(t)
	s, e := annotatetest.Find(t, mixedText, "Vladimir Putin", 0)
	w.AddSpan("ACTOR", s, e)
	id := w.Document().Spans[0].ID
	w.view.SelectSpan(id)
	if w.note.entry.Disabled() {
		t.Fatal("note entry disabled with a span selected")
	}
	w.win.Canvas().Focus(w.note.entry)
	test.Type(w.note.entry, "the president 😀")
	w.focusView() // the entry loses focus: the note is applied
	if got := w.Document().Spans[0].Note; got != "the president 😀" {
		t.Fatalf("note = %q", got)
	}
	if _, ok := w.s.History().CanUndo(); !ok {
		t.Fatal("note edit not undoable")
	}
	w.Undo()
	if got := w.Document().Spans[0].Note; got != "" || w.note.entry.Text != "" {
		t.Fatalf("after undo: note %q, entry %q", got, w.note.entry.Text)
	}
	// Moving to another span applies the note being typed.
	w.view.SelectSpan(id)
	w.note.entry.SetText("typed")
	w.view.SelectSpan("")
	if got := w.Document().Spans[0].Note; got != "typed" {
		t.Fatalf("note after deselecting = %q", got)
	}
	if !w.note.entry.Disabled() {
		t.Error("note entry enabled with no span selected")
	}
}

func TestFindAndLabelAll(t *testing.T) {
	w, _ := newTestWindow(t, Options{})
	text := w.Document().Text
	s, e := annotatetest.Find(t, text, "Turkey", 0)
	w.view.SetSelection(s, e)
	w.Find()
	if !w.find.Visible() || w.find.entry.Text != "Turkey" {
		t.Fatalf("find bar: visible %v, text %q", w.find.Visible(), w.find.entry.Text)
	}
	want := strings.Count(strings.ToLower(text), "turkey")
	if got := len(w.FindMatches()); got != want || want < 3 {
		t.Fatalf("%d matches, want %d", got, want)
	}
	for _, m := range w.FindMatches() {
		if got := strings.ToLower(w.Document().Slice(m[0], m[1])); got != "turkey" {
			t.Fatalf("match [%d,%d) is %q", m[0], m[1], got)
		}
	}
	// One occurrence is already an ACTOR: Label All skips it.
	w.AddSpan("ACTOR", s, e)
	w.find.label.SetSelected("ACTOR")
	before := len(w.s.History().Document().Spans)
	w.menuItem("Edit", "Label All Occurrences").Action()
	if got := len(w.Document().Spans); got != before+want-1 {
		t.Fatalf("%d spans after Label All, want %d", got, before+want-1)
	}
	if what, _ := w.s.History().CanUndo(); what != fmt.Sprintf("Label %d × ACTOR", want-1) {
		t.Errorf("undo says %q", what)
	}
	w.Undo()
	if got := len(w.Document().Spans); got != before {
		t.Fatalf("one undo left %d spans, want %d", got, before)
	}
	// Enter in the find entry steps to the next match.
	w.view.SetSelection(0, 0)
	w.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if a, b := w.view.Selection(); a != w.FindMatches()[0][0] || b != w.FindMatches()[0][1] {
		t.Errorf("Enter selected [%d,%d)", a, b)
	}
	w.find.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.find.Visible() || w.FindMatches() != nil {
		t.Error("Esc did not close the find bar")
	}
}

func TestFindAll(t *testing.T) {
	cases := []struct {
		text, query string
		want        [][2]int
	}{
		{"Turkey and TURKEY", "turkey", [][2]int{{0, 6}, {11, 17}}},
		{"😀 Ankara 😀 ankara", "ANKARA", [][2]int{{2, 8}, {11, 17}}},
		{"Cafe\u0301 cafe\u0301", "CAFE\u0301", [][2]int{{0, 5}, {6, 11}}},
		{"東京と東京", "東京", [][2]int{{0, 2}, {3, 5}}},
		{"a\r\nb\r\nab", "b\r\na", [][2]int{{3, 7}}},
		{"ΣΊΣΥΦΟΣ", "σίσυφοσ", [][2]int{{0, 7}}},
		{"aaa", "aa", [][2]int{{0, 2}}},
		{"text", "", nil},
		{"bad \xff byte x", "x", [][2]int{{11, 12}}},
	}
	for _, c := range cases {
		got := findAll(annotate.NewRuneIndex(foldCase(c.text)), c.query)
		if !slices.Equal(got, c.want) {
			t.Errorf("findAll(%q, %q) = %v, want %v", c.text, c.query, got, c.want)
		}
	}
}

func TestUnsavedPrompt(t *testing.T) {
	cases := []struct {
		answer    string
		wantQuits int
		wantSaved bool
	}{
		{"Cancel", 0, false},
		{"Discard", 1, false},
		{"Save", 1, true},
	}
	for _, c := range cases {
		t.Run(c.answer, func(t *testing.T) {
			w, ans, out := openMixed(t)
			w.Quit()
			if ans.quits != 1 || len(ans.asked) != 0 {
				t.Fatalf("clean quit: %d quits, asked %v", ans.quits, ans.asked)
			}
			ans.quits = 0
			s, e := annotatetest.Find(t, mixedText, "Ankara", 1)
			w.AddSpan("ACTOR", s, e)
			ans.next = []string{c.answer}
			w.Quit()
			w.WaitTasks()
			if len(ans.asked) != 1 || ans.quits != c.wantQuits {
				t.Fatalf("asked %v, %d quits", ans.asked, ans.quits)
			}
			_, err := os.Stat(out)
			if saved := err == nil; saved != c.wantSaved {
				t.Fatalf("saved = %v", saved)
			}
			if c.wantSaved && len(exporttest.ReadNative(t, out)[0].Spans) != 1 {
				t.Fatal("the save before quitting lost the span")
			}
		})
	}
}

func TestOpenAsksFirst(t *testing.T) {
	w, ans, _ := openMixed(t)
	other := writeFile(t, t.TempDir(), "other.txt", "Another text, short.")
	w.AddSpan("ACTOR", 0, 6)
	ans.next = []string{"Cancel"}
	w.OpenRecent(other)
	w.WaitTasks()
	if w.Document().ID != "mixed" {
		t.Fatalf("cancel still opened %q", w.Document().ID)
	}
	ans.next = []string{"Discard"}
	w.OpenDropped([]fyne.URI{storageURI(other)})
	w.WaitTasks()
	if w.Document().ID != "other" || w.Dirty() {
		t.Fatalf("after discard and drop: %q, dirty %v", w.Document().ID, w.Dirty())
	}
	if w.s.SavePath() != "" {
		t.Errorf("a .txt file saves to %q; the first save must ask", w.s.SavePath())
	}
	if got := w.prefs.recent(); len(got) == 0 || got[0] != other {
		t.Errorf("recent = %v", got)
	}
}

func TestSaveRoundTrip(t *testing.T) {
	w, _, out := openMixed(t)
	phrases := []struct{ label, phrase string }{
		{"ACTOR", "Ankara 🇹🇷"}, {"QUOTE", "we will not stop"}, {"ACTOR", "東京"}, {"CLAIM", "Cafe\u0301 owners"},
		{"ACTOR", "Vladimir Putin"},
	}
	for _, p := range phrases {
		s, e := annotatetest.Find(t, mixedText, p.phrase, 0)
		w.AddSpan(p.label, s, e)
	}
	w.view.SelectSpan(w.Document().Spans[0].ID)
	w.note.entry.SetText("note ✎")
	w.Save()
	w.WaitTasks()
	if w.Dirty() || strings.HasPrefix(w.win.Title(), "●") {
		t.Fatal("still unsaved after Save")
	}
	docs := exporttest.ReadNative(t, out)
	if len(docs) != 1 || docs[0].Text != mixedText || docs[0].ID != "mixed" || docs[0].Annotator != "ana" {
		t.Fatalf("saved %d docs, text ok %v", len(docs), len(docs) == 1 && docs[0].Text == mixedText)
	}
	for _, p := range phrases {
		s, e := annotatetest.Find(t, mixedText, p.phrase, 0)
		k := docs[0].FindSpan(s, e, p.label)
		if k < 0 || docs[0].Spans[k].Text != p.phrase {
			t.Errorf("saved file lacks %s %q at [%d,%d): %v", p.label, p.phrase, s, e, spanSummary(docs[0]))
		}
	}
	if docs[0].Spans[docs[0].SpanByID(w.Document().Spans[0].ID)].Note != "note ✎" {
		t.Error("the note being typed was not saved")
	}
	// Reopening with the same command line resumes the work in OUT.
	w.Quit()
	w2, _ := newWindowIn(t, w.app, w.opt)
	if got := len(w2.Document().Spans); got != len(phrases) {
		t.Fatalf("resumed %d spans, want %d", got, len(phrases))
	}
}

func TestCorpusFolder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "b.txt", "Second 😀 document.")
	writeFile(t, dir, "a.txt", "First document.\r\nWith CRLF.")
	writeFile(t, dir, "c.txt", "Third 東京 document.")
	writeFile(t, dir, "notes.md", "not a document")
	out := filepath.Join(t.TempDir(), "corpus.jsonl")
	w, _ := newTestWindow(t, Options{Files: []string{dir}, Out: out})
	if w.s.Len() != 3 || w.Document().ID != "a" {
		t.Fatalf("%d documents, first %q", w.s.Len(), w.Document().ID)
	}
	if !strings.Contains(w.win.Title(), "[1/3 a]") {
		t.Errorf("title = %q", w.win.Title())
	}
	if !strings.Contains(w.docList.summary.Text, "0 done · 0 in progress · 3 untouched") {
		t.Errorf("summary = %q", w.docList.summary.Text)
	}
	w.menuItem("Document", "Next Document").Action()
	if w.Document().ID != "b" {
		t.Fatalf("next document is %q", w.Document().ID)
	}
	s, e := annotatetest.Find(t, w.Document().Text, "Second 😀", 0)
	w.view.SetSelection(s, e)
	test.Type(w.view, "a")
	w.NextDocument()
	w.ToggleDone()
	w.NextDocument() // past the end: stays
	if w.Document().ID != "c" || !session.IsDone(w.Document()) {
		t.Fatalf("on %q, done %v", w.Document().ID, session.IsDone(w.Document()))
	}
	if got := w.docList.summary.Text; got != "1 done · 1 in progress · 1 untouched" {
		t.Errorf("summary = %q", got)
	}
	w.PreviousDocument()
	if w.Document().ID != "b" || len(w.Document().Spans) != 1 {
		t.Fatalf("back on %q with %d spans", w.Document().ID, len(w.Document().Spans))
	}
	w.Save()
	w.WaitTasks()
	docs := exporttest.ReadNative(t, out)
	if len(docs) != 3 || docs[0].ID != "a" || docs[0].Text != "First document.\r\nWith CRLF." {
		t.Fatalf("saved %d docs", len(docs))
	}
	if session.StatusOf(docs[0]) != session.Untouched || session.StatusOf(docs[1]) != session.InProgress || session.StatusOf(docs[2]) != session.Done {
		t.Errorf("statuses %s, %s, %s", session.StatusOf(docs[0]), session.StatusOf(docs[1]), session.StatusOf(docs[2]))
	}
	raw, _ := os.ReadFile(out)
	if !strings.Contains(string(raw), `"status":"done"`) {
		t.Errorf("no status field in %s", raw)
	}
	// Opening the native corpus (at the next start) shows the same progress.
	w.Quit()
	w2, _ := newWindowIn(t, w.app, Options{Files: []string{out}})
	if got := w2.docList.summary.Text; got != "1 done · 1 in progress · 1 untouched" {
		t.Errorf("reopened summary = %q", got)
	}
	if w2.s.SavePath() != out {
		t.Errorf("a native file saves to %q, want itself", w2.s.SavePath())
	}
}

func TestRecovery(t *testing.T) {
	w, _, out := openMixed(t)
	if _, err := os.Stat(w.RecoveryPath()); err == nil {
		t.Fatal("a journal with nothing unsaved")
	}
	s, e := annotatetest.Find(t, mixedText, "Vladimir Putin", 0)
	w.AddSpan("ACTOR", s, e)
	if err := w.s.SyncJournal(); err != nil {
		t.Fatal(err)
	}
	rec := w.RecoveryPath()
	if !strings.HasPrefix(rec, os.Getenv("XDG_CACHE_HOME")) {
		t.Errorf("journal %s is not in the cache folder", rec)
	}
	if journal, _ := os.ReadFile(rec); !strings.Contains(string(journal), `"text":"Vladimir Putin"`) {
		t.Fatalf("journal holds %s", journal)
	}
	if _, err := os.Stat(out); err == nil {
		t.Fatal("the journal wrote the save file")
	}
	// The app "crashes"; a new start offers the work back.
	crash(t, w)
	w2, ans2 := newWindowIn(t, w.app, w.opt)
	ans2.next = []string{"Recover"}
	w2.OfferRecovery()
	if len(ans2.asked) != 1 || len(w2.Document().Spans) != 1 || !w2.Dirty() {
		t.Fatalf("recover: asked %v, %d spans, dirty %v", ans2.asked, len(w2.Document().Spans), w2.Dirty())
	}
	if !strings.HasPrefix(w2.win.Title(), "● ") {
		t.Errorf("recovered work not marked unsaved: %q", w2.win.Title())
	}
	w2.Save()
	w2.WaitTasks()
	w2.s.SyncJournal()
	if _, err := os.Stat(rec); !os.IsNotExist(err) {
		t.Error("the journal outlived a save")
	}
	// Saved since: nothing is offered.
	w2.Quit()
	w3, _ := newWindowIn(t, w.app, w.opt)
	w3.OfferRecovery()
	if len(exporttest.ReadNative(t, out)[0].Spans) != 1 || len(w3.Document().Spans) != 1 {
		t.Fatal("the saved work was not resumed")
	}
	// Discard removes the recovery file.
	qs, qe := annotatetest.Find(t, mixedText, "we will not stop", 0)
	w3.AddSpan("QUOTE", qs, qe)
	crash(t, w3)
	w4, ans4 := newWindowIn(t, w.app, w.opt)
	ans4.next = []string{"Discard"}
	w4.OfferRecovery()
	if len(ans4.asked) != 1 || len(w4.Document().Spans) != 1 {
		t.Fatalf("discard: asked %v, %d spans", ans4.asked, len(w4.Document().Spans))
	}
	if _, err := os.Stat(w4.RecoveryPath()); !os.IsNotExist(err) {
		t.Error("discard left the journal")
	}
}

func TestAnnotator(t *testing.T) {
	cases := []struct{ flag, saved, want string }{
		{"ana", "bob", "ana"},
		{"", "bob", "bob"},
	}
	for _, c := range cases {
		if got := pickAnnotator(c.flag, c.saved); got != c.want {
			t.Errorf("pickAnnotator(%q, %q) = %q", c.flag, c.saved, got)
		}
	}
	if got := pickAnnotator("", ""); got == "" {
		t.Error("no login name fallback")
	}
	w, _ := newTestWindow(t, Options{})
	w.SetAnnotator("carla")
	if got := w.prefs.annotator(); got != "carla" {
		t.Errorf("saved annotator %q", got)
	}
	w.AddSpan("ACTOR", 0, 6)
	if got := w.Document().Spans[0].Annotator; got != "carla" {
		t.Errorf("span annotator %q", got)
	}
	if !strings.Contains(w.status.annotator.Text, "carla") {
		t.Errorf("status bar shows %q", w.status.annotator.Text)
	}
	// The next start remembers it.
	w2, _ := newWindowIn(t, w.app, Options{})
	if w2.Annotator() != "carla" {
		t.Errorf("next start annotator %q", w2.Annotator())
	}
}

func TestPreferences(t *testing.T) {
	w, _ := newTestWindow(t, Options{})
	w.ZoomText(2)
	w.SetTheme(themeDark)
	w.win.Resize(fyne.NewSize(900, 640))
	w.Quit()
	w2, _ := newWindowIn(t, w.app, Options{})
	if got := w2.textSize(); got != w.textSize() || got <= 14 {
		t.Errorf("text size %v", got)
	}
	if !w2.items.dark.Checked || w2.items.light.Checked {
		t.Error("dark theme not remembered")
	}
	if got := w2.prefs.windowSize(); got.Width < 800 || got.Height < 600 {
		t.Errorf("window size %v", got)
	}
}

func TestConfirmDialog(t *testing.T) {
	for i, choice := range []string{"Save", "Discard", "Cancel"} {
		t.Run(choice, func(t *testing.T) {
			w, _ := newTestWindow(t, Options{})
			got := -2
			w.confirmDialog("Unsaved changes", "Save your changes?", []string{"Save", "Discard", "Cancel"}, func(c int) { got = c })
			top := w.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no dialog shown")
			}
			test.Tap(buttonWithText(t, top, choice))
			if got != i {
				t.Errorf("choice %d, want %d", got, i)
			}
			if w.win.Canvas().Overlays().Top() != nil {
				t.Error("the dialog stayed open")
			}
			if w.win.Canvas().Focused() != w.view {
				t.Error("the view did not get the keyboard back")
			}
		})
	}
}

func TestDialogsStartBesideTheWork(t *testing.T) {
	w, _, _ := openMixed(t)
	l := w.lastFolder()
	if l == nil || l.Path() != filepath.Dir(w.s.Source()) {
		t.Errorf("file dialogs start in %v, want %s", l, filepath.Dir(w.s.Source()))
	}
}

func TestMissingFile(t *testing.T) {
	test.NewTempApp(t)
	win := test.NewTempWindow(t, nil)
	_, err := New(fyne.CurrentApp(), win, Options{Files: []string{filepath.Join(t.TempDir(), "nope.txt")}})
	if err == nil || !strings.Contains(err.Error(), "nope.txt") {
		t.Errorf("err = %v", err)
	}
}
