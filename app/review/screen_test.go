package review

import (
	"encoding/json"
	"errors"
	"fmt"

	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/agree"
	"gloss/annotate/annotatetest"
	"gloss/app/savework"
	"gloss/app/session"
	"gloss/export"
)

// openScreen opens a review window on files in a test app.
func openScreen(t *testing.T, files []string, gold string, setup ...func(fyne.App)) (*Screen, fyne.Window) {
	t.Helper()
	return openScreenWith(t, files, gold, session.Options{RecoveryDir: t.TempDir()}, nil, setup...)
}

// openScreenWith is openScreen with the gold's session options and, when
// not nil, confirm answering the screen's questions (the offer of a
// crash's decisions among them) instead of dialogs.
func openScreenWith(t *testing.T, files []string, gold string, opt session.Options, confirm savework.Confirm, setup ...func(fyne.App)) (*Screen, fyne.Window) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	for _, f := range setup {
		f(a)
	}
	s, err := newScreen(files, gold, nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("")
	w.SetContent(s.Content())
	s.confirm = confirm
	s.Attach(w)
	w.Resize(fyne.NewSize(1280, 860))
	t.Cleanup(func() {
		// The test may have closed it; the test driver cannot close twice.
		if slices.Contains(a.Driver().AllWindows(), w) {
			w.Close()
		}
	})
	return s, w
}

// siteKinds lists the open document's disagreements as "kind:labels".
func siteKinds(s *Screen) []string {
	var out []string
	for _, st := range s.doc().sites {
		var ls []string
		for _, k := range st.keys {
			ls = append(ls, k.label)
		}
		out = append(out, st.kind.String()+":"+strings.Join(ls, "/"))
	}
	return out
}

// spanSet is a document's spans as "LABEL text" in canonical order.
func spanSet(d *annotate.Document) []string {
	c := d.Clone()
	c.SortSpans()
	var out []string
	for _, s := range c.Spans {
		out = append(out, s.Label+" "+d.Slice(s.Start, s.End))
	}
	return out
}

func TestSitesOfTwoFiles(t *testing.T) {
	docs := annotators(t)[:2]
	sites := findSites(docs)
	var got []string
	for _, s := range sites {
		got = append(got, s.kind.String())
	}
	// ana links the truce quote to her Çavusoglu, ben links it to nobody.
	want := []string{"extra", "missing", "label", "boundary", "missing speaker"}
	if !slices.Equal(got, want) {
		t.Fatalf("kinds %v, want %v", got, want)
	}
	// With two files the sites are exactly agree.Disagreements.
	ds := agree.Disagreements(docs[0], docs[1])
	if len(ds) != len(sites) {
		t.Fatalf("%d sites, %d disagreements", len(sites), len(ds))
	}
	for i, d := range ds {
		if d.Start != sites[i].start || d.End != sites[i].end || d.Kind != sites[i].kind {
			t.Errorf("site %d = %v [%d,%d), disagreement %v [%d,%d)", i, sites[i].kind, sites[i].start, sites[i].end, d.Kind, d.Start, d.End)
		}
	}
}

func TestSitesOfThreeFiles(t *testing.T) {
	docs := annotators(t)
	// With three files the strict majority (2) is in the gold from the
	// start: the title CLAIM (ben, cleo), Lavrov, the jobs QUOTE, the long
	// Çavusoglu and the SAID_BY relation (ana, cleo).
	gold, err := agree.Merge(docs, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"CLAIM " + title, "ACTOR " + putin, "ACTOR " + erdogan, "ACTOR " + lavrov,
		"QUOTE " + jobs, "ACTOR " + cavLong, "QUOTE " + truce}
	if got := spanSet(gold); !slices.Equal(got, want) {
		t.Errorf("gold %q\nwant %q", got, want)
	}
	var kinds []string
	for _, s := range findSites(docs) {
		kinds = append(kinds, fmt.Sprintf("%s %d", s.kind, len(s.keys)))
	}
	// One site per place, however many pairs of files disagree there.
	if want := []string{"extra 1", "missing 1", "label 2", "boundary 2", "missing speaker 1"}; !slices.Equal(kinds, want) {
		t.Errorf("sites %v, want %v", kinds, want)
	}
}

// TestDecisions steps through the four disagreements of two files with the
// keys, decides each, undoes one, saves with Ctrl+S and reads the gold back.
func TestDecisions(t *testing.T) {
	dir := t.TempDir()
	docs := annotators(t)
	files := writeFiles(t, dir, docs[:1], docs[1:2])
	gold := filepath.Join(dir, "gold.jsonl")
	s, w := openScreen(t, files, gold)

	if got, want := siteKinds(s), []string{"extra:CLAIM", "missing:ACTOR", "label:CLAIM/QUOTE", "boundary:ACTOR/ACTOR", "missing speaker:ACTOR"}; !slices.Equal(got, want) {
		t.Fatalf("sites %v, want %v", got, want)
	}
	if s.at != 0 {
		t.Fatalf("opened on disagreement %d, want the first", s.at)
	}
	if w.Canvas().Focused() != s.view {
		t.Errorf("focus on %T, want the gold view", w.Canvas().Focused())
	}
	// The gold starts as the exact agreement of both files.
	if got, want := spanSet(s.doc().gold), []string{"ACTOR " + putin, "ACTOR " + erdogan, "QUOTE " + truce}; !slices.Equal(got, want) {
		t.Fatalf("initial gold %q, want %q", got, want)
	}
	if strings.HasPrefix(w.Title(), "●") {
		t.Errorf("title %q marks unsaved work before any decision", w.Title())
	}

	test.Type(s.view, "1") // extra title CLAIM: accept ana's version (nothing)
	test.Type(s.view, "b") // missing Lavrov: accept all (ana's ACTOR)
	test.Type(s.view, "2") // label: ben's CLAIM
	test.Type(s.view, "1") // boundary: ana's long Çavusoglu (+ her SAID_BY)
	if s.at != 4 || s.doc().open() != 1 {
		t.Fatalf("at %d with %d open, want the truce quote's speaker, open", s.at, s.doc().open())
	}
	test.Type(s.view, "1") // missing speaker: ana's Çavusoglu, which the gold has now
	if s.doc().open() != 0 {
		t.Fatalf("%d disagreements still open", s.doc().open())
	}
	if !strings.HasPrefix(w.Title(), "●") {
		t.Errorf("title %q does not mark the unsaved decisions", w.Title())
	}
	if n := len(s.doc().gold.Relations); n != 1 {
		t.Errorf("accepting ana's Çavusoglu gave %d relations, want her SAID_BY", n)
	}
	if got := s.Menu().Items[1].Items[0].Label; got != "Undo accepted 1 ana missing speaker" {
		t.Errorf("Undo item %q", got)
	}
	test.Type(s.view, "k") // back to the boundary
	test.Type(s.view, "x") // change of mind: reject the boundary …
	if n := len(s.doc().gold.Relations); n != 0 {
		t.Errorf("rejecting Çavusoglu left %d relations", n)
	}
	s.view.TypedShortcut(&fyne.ShortcutUndo{}) // … undone: Ctrl+Z as the driver sends it
	if s.at != 3 || s.doc().choices[3] != 0 {
		t.Errorf("after undo at %d with choice %v, want site 3 accepted from ana", s.at, s.doc().choices[3])
	}
	test.Type(s.view, "k") // back to the label disagreement
	if s.at != 2 {
		t.Fatalf("K went to %d, want 2", s.at)
	}
	test.Type(s.view, "r") // reject both labels there
	test.Type(s.view, "j")
	s.view.TypedShortcut(shortcut(fyne.KeyS, fyne.KeyModifierShortcutDefault))
	if strings.HasPrefix(w.Title(), "●") || s.Dirty() {
		t.Errorf("still unsaved after Ctrl+S: %q", w.Title())
	}

	f, err := os.Open(gold)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	saved, err := export.ReadAll(export.NewNativeReader(f, gold, export.Options{}))
	if err != nil || len(saved) != 1 {
		t.Fatalf("gold read back: %d documents, %v", len(saved), err)
	}
	g := saved[0]
	type exact struct {
		start, end int
		label      string
	}
	var got []exact
	for _, sp := range g.Spans {
		got = append(got, exact{sp.Start, sp.End, sp.Label})
	}
	var want []exact
	for _, p := range []struct{ label, text string }{
		{"ACTOR", putin}, {"ACTOR", erdogan}, {"ACTOR", lavrov}, {"ACTOR", cavLong}, {"QUOTE", truce},
	} {
		st, e := annotatetest.Find(t, sample, p.text, 0)
		want = append(want, exact{st, e, p.label})
	}
	slices.SortFunc(want, func(a, b exact) int { return compareKeys(key(a), key(b)) })
	if !slices.Equal(got, want) {
		t.Errorf("gold spans\n got %v\nwant %v", got, want)
	}
	if len(g.Relations) != 1 {
		t.Fatalf("gold relations %v, want one SAID_BY", g.Relations)
	}
	r := g.Relations[0]
	from, to := g.Spans[g.SpanByID(r.From)], g.Spans[g.SpanByID(r.To)]
	if r.Label != "SAID_BY" || from.Label != "QUOTE" || to.Text != cavLong {
		t.Errorf("relation %s from %s to %q", r.Label, from.Label, to.Text)
	}
	if g.Annotator != agree.GoldAnnotator || g.ID != sampleDoc {
		t.Errorf("gold document %q by %q", g.ID, g.Annotator)
	}

	// Opening the same files and gold again resumes: the saved gold, and
	// the decisions that differ from the merge (Lavrov, Çavusoglu) read
	// back; the two that left the gold as the merge had it are open.
	again, _ := openScreen(t, files, gold)
	if got, want := spanSet(again.doc().gold), spanSet(g); !slices.Equal(got, want) {
		t.Errorf("resumed gold %q, want %q", got, want)
	}
	if got, want := again.doc().choices, []choice{undecided, 0, undecided, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("resumed choices %v, want %v", got, want)
	}
	if again.at != 0 || again.Dirty() || !strings.Contains(again.leftOut.Text, "Resumed 1 document") {
		t.Errorf("resumed at %d, dirty %v, note %q", again.at, again.Dirty(), again.leftOut.Text)
	}
}

// TestResumeKeepsOtherDocuments checks that a gold file's documents that
// are not under review survive a save, and that a bad gold file is an
// error that writes nothing.
func TestResumeKeepsOtherDocuments(t *testing.T) {
	dir := t.TempDir()
	docs := annotators(t)
	files := writeFiles(t, dir, docs[:1], docs[1:2])
	other := &annotate.Document{ID: "other", Text: "Ａ 😀 e\u0301\r\n漢字", Annotator: "gold",
		Spans: []annotate.Span{{ID: "o1", Start: 2, End: 3, Label: "ACTOR", Text: "😀"}}}
	gold := filepath.Join(dir, "gold.jsonl")
	if err := export.SaveNative(gold, other); err != nil {
		t.Fatal(err)
	}
	s, _ := openScreen(t, files, gold)
	test.Type(s.view, "b")
	s.SaveTo(gold, func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	})
	data, err := os.ReadFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 2 || string(export.AppendNative(nil, other, false)) != lines[1] {
		t.Errorf("gold file lost or changed the other document:\n%s", data)
	}

	bad := writeRaw(t, dir, "bad-gold.jsonl", `{"id":"russia-turkey-libya","text":"x","spans":[{"start":0,"end":5,"label":"ACTOR"}]}`+"\n")
	before, _ := os.ReadFile(bad)
	if _, err := New(files, bad, nil); err == nil || !strings.Contains(err.Error(), "bad-gold.jsonl:1:") {
		t.Errorf("bad gold file: error %v", err)
	}
	if after, _ := os.ReadFile(bad); !slices.Equal(before, after) {
		t.Error("bad gold file changed")
	}
}

// TestUndoRedoAll checks that every decision undoes to the merge exactly
// and redoes to the same gold.
func TestUndoRedoAll(t *testing.T) {
	docs := annotators(t)
	files := writeFiles(t, t.TempDir(), docs[:1], docs[1:2], docs[2:])
	s, _ := openScreen(t, files, "")
	start := spanSet(s.doc().gold)
	for _, k := range "2b1x" {
		test.Type(s.view, string(k))
	}
	done := spanSet(s.doc().gold)
	if slices.Equal(done, start) {
		t.Fatal("decisions changed nothing")
	}
	for range 4 {
		s.Undo()
	}
	if got := spanSet(s.doc().gold); !slices.Equal(got, start) {
		t.Errorf("after undoing all: %q, want %q", got, start)
	}
	if s.doc().open() != len(s.doc().sites) || s.Dirty() {
		t.Errorf("after undoing all: %d open of %d, dirty %v", s.doc().open(), len(s.doc().sites), s.Dirty())
	}
	for range 4 {
		s.Redo()
	}
	if got := spanSet(s.doc().gold); !slices.Equal(got, done) {
		t.Errorf("after redoing all: %q, want %q", got, done)
	}
}

// TestDocuments pairs two documents per file, leaves out the one whose
// text differs (named on the screen) and moves between documents.
func TestDocuments(t *testing.T) {
	docs := annotators(t)
	other := func(d *annotate.Document, id, text string) *annotate.Document {
		return &annotate.Document{ID: id, Text: text, Annotator: d.Annotator,
			Spans: []annotate.Span{{ID: "x", Start: 0, End: 2, Label: "ACTOR", Text: string([]rune(text)[:2])}}}
	}
	// "cjk" agrees fully; "crlf" has different texts in the two files.
	a := []*annotate.Document{docs[0], other(docs[0], "cjk", "習近平 met 👋🏽 Putin"), other(docs[0], "crlf", "Ab\r\ncd")}
	b := []*annotate.Document{docs[1], other(docs[1], "cjk", "習近平 met 👋🏽 Putin"), other(docs[1], "crlf", "Ab\ncd")}
	files := writeFiles(t, t.TempDir(), a, b)
	s, _ := openScreen(t, files, "")
	if len(s.c.docs) != 2 {
		t.Fatalf("%d documents, want 2", len(s.c.docs))
	}
	if s.doc().id != sampleDoc {
		t.Errorf("first document %q, want the least agreed (%s)", s.doc().id, sampleDoc)
	}
	if !strings.Contains(s.leftOut.Text, "crlf") || !strings.Contains(s.leftOut.Text, "text differs") {
		t.Errorf("left-out note %q does not name crlf", s.leftOut.Text)
	}
	s.view.TypedShortcut(shortcut(fyne.KeyPageDown, fyne.KeyModifierShortcutDefault))
	if s.doc().id != "cjk" || s.at != -1 {
		t.Errorf("Ctrl+PgDn opened %q at %d", s.doc().id, s.at)
	}
	s.view.TypedShortcut(shortcut(fyne.KeyPageUp, fyne.KeyModifierShortcutDefault))
	if s.doc().id != sampleDoc || s.at != 0 {
		t.Errorf("Ctrl+PgUp opened %q at %d", s.doc().id, s.at)
	}
}

func TestBadInput(t *testing.T) {
	docs := annotators(t)
	good := string(export.AppendNative(nil, docs[0], false))
	for _, tc := range []struct {
		name, data string
		want       []string
	}{
		{"empty file", "", []string{"bad.jsonl: no documents"}},
		{"invalid offsets", `{"id":"russia-turkey-libya","text":"Russia fails","spans":[{"start":7,"end":40,"label":"ACTOR"}]}` + "\n",
			[]string{"bad.jsonl:1:"}},
		{"unknown label", `{"id":"russia-turkey-libya","text":` + jsonString(sample) + `,"spans":[{"start":0,"end":6,"label":"PERSON"}]}` + "\n",
			[]string{"bad.jsonl:1:", `unknown label "PERSON"`}},
		{"different label set", `{"id":"russia-turkey-libya","text":` + jsonString(sample) +
			`,"spans":[{"start":0,"end":6,"label":"PERSON"},{"start":40,"end":46,"label":"ORG"},{"start":514,"end":528,"label":"PERSON"}]}` + "\n",
			[]string{`bad.jsonl:1: span 2 (id`, `unknown label "ORG"`, "bad.jsonl: labels PERSON, ORG are not in the label set", "--labels FILE"}},
		{"not JSON", "{\"id\":\n", []string{"bad.jsonl:1:"}},
		{"text differs", `{"id":"russia-turkey-libya","text":"Another text"}` + "\n",
			[]string{"no document is in every file", "text differs"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a := writeRaw(t, dir, "a.jsonl", good)
			b := writeRaw(t, dir, "bad.jsonl", tc.data)
			gold := filepath.Join(dir, "gold.jsonl")
			_, err := New([]string{a, b}, gold, nil)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if _, err := os.Stat(gold); !os.IsNotExist(err) {
				t.Errorf("gold written on bad input: %v", err)
			}
		})
	}
	if _, err := New([]string{"one.jsonl"}, "", nil); err == nil {
		t.Error("one file: no error")
	}
}

func jsonString(s string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestClosing asks before closing with unsaved decisions and closes at
// once without them; Ctrl+S with no gold file asks where to save.
func TestClosing(t *testing.T) {
	docs := annotators(t)
	files := writeFiles(t, t.TempDir(), docs[:1], docs[1:2])
	s, w := openScreen(t, files, "")
	closed := false
	w.SetOnClosed(func() { closed = true })
	test.Type(s.view, "b")
	s.closeRequested()
	if closed || w.Canvas().Overlays().Top() == nil {
		t.Fatalf("closed %v without asking about unsaved decisions", closed)
	}
	w.Canvas().Overlays().Top().Hide()
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	s.view.TypedShortcut(shortcut(fyne.KeyS, fyne.KeyModifierShortcutDefault))
	if w.Canvas().Overlays().Top() == nil {
		t.Error("Ctrl+S without a gold file did not ask where to save")
	}
	s.Undo()
	s.closeRequested()
	if !closed {
		t.Error("did not close with every decision undone")
	}
}

// TestGoldByHand labels and deletes gold spans in the gold view with the
// ordinary keys, undoably, and takes review keys from a lane too.
func TestGoldByHand(t *testing.T) {
	docs := annotators(t)
	files := writeFiles(t, t.TempDir(), docs[:1], docs[1:2])
	s, _ := openScreen(t, files, "")
	start, end := annotatetest.Find(t, sample, "Sergey Shoigú", 0)
	s.view.SetSelection(start, end)
	test.Type(s.view, "a")
	i := s.doc().gold.FindSpan(start, end, "ACTOR")
	if i < 0 {
		t.Fatalf("the a key did not add ACTOR “Sergey Shoigú” to the gold: %q", spanSet(s.doc().gold))
	}
	s.view.SelectSpan(s.doc().gold.Spans[i].ID)
	s.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if s.doc().gold.FindSpan(start, end, "ACTOR") >= 0 {
		t.Error("Delete left the span")
	}
	edit := s.Menu().Items[1]
	if got := edit.Items[0].Label; got != "Undo Delete ACTOR" || edit.Items[1].Label != "Redo" || !edit.Items[1].Disabled {
		t.Errorf("Edit menu %q, %q (disabled %v)", got, edit.Items[1].Label, edit.Items[1].Disabled)
	}
	s.Undo()
	if s.doc().gold.FindSpan(start, end, "ACTOR") < 0 {
		t.Error("undoing the delete did not bring the span back")
	}
	if got := edit.Items[1].Label; got != "Redo Delete ACTOR" {
		t.Errorf("Redo item %q", got)
	}
	if !s.Dirty() {
		t.Error("a hand edit is not unsaved work")
	}
	test.Type(s.lanes[1], "j")
	if s.at != 1 {
		t.Errorf("J in a lane went to %d, want 1", s.at)
	}
	// A key press arrives as a KeyEvent with a scan code as well as a
	// typed character: only the character acts.
	s.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyJ, Physical: fyne.HardwareKey{ScanCode: 44}})
	if s.at != 1 {
		t.Errorf("the key event of J moved too: at %d", s.at)
	}
}

// TestSaveThenClose: the close question's Save closes the window only once
// the gold is saved, and not when the save fails.
func TestSaveThenClose(t *testing.T) {
	docs := annotators(t)
	dir := t.TempDir()
	files := writeFiles(t, dir, docs[:1], docs[1:2])
	gold := filepath.Join(dir, "gold.jsonl")
	s, _ := openScreen(t, files, gold)
	test.Type(s.view, "b")
	closed := 0
	s.save(func() { closed++ })
	if closed != 1 || s.Dirty() {
		t.Fatalf("after a save: closed %d times, dirty %v", closed, s.Dirty())
	}
	test.Type(s.view, "x")
	s.saveTo(filepath.Join(dir, "no such folder", "gold.jsonl"), func() { closed++ })
	if closed != 1 || !s.Dirty() {
		t.Fatalf("after a failed save: closed %d times, dirty %v", closed, s.Dirty())
	}
}

// TestGoldBoundaries moves the ends of a gold span by keys, by the Edit
// menu and by dragging a handle: it keeps its id and its SAID_BY, each move
// is one undo step, a move that would empty it is refused in the status
// line, and a later decision that adds the span's old bounds again gets an
// id of its own.
func TestGoldBoundaries(t *testing.T) {
	dir := t.TempDir()
	docs := annotators(t)
	files := writeFiles(t, dir, docs[:1], docs[1:2])
	gold := filepath.Join(dir, "gold.jsonl")
	s, _ := openScreen(t, files, gold)
	for _, k := range []string{"1", "b", "2", "1"} { // the last: ana's long Çavusoglu and her SAID_BY
		test.Type(s.view, k)
	}
	g := s.doc().gold
	ls, le := annotatetest.Find(t, sample, cavLong, 0)
	cav := g.Spans[g.FindSpan(ls, le, "ACTOR")].ID
	text := func() string { return g.Spans[g.SpanByID(cav)].Text }
	s.view.SelectSpan(cav)
	alt := func(k fyne.KeyName, mod fyne.KeyModifier) {
		s.view.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt | mod})
	}
	alt(fyne.KeyLeft, 0)
	alt(fyne.KeyLeft, 0)
	editItem := func(label string) *fyne.MenuItem {
		for _, it := range s.Menu().Items[1].Items {
			if it.Label == label {
				return it
			}
		}
		t.Fatalf("no Edit item %q", label)
		return nil
	}
	editItem("Move End One Word Earlier").Action()
	if text() != cavShort {
		t.Fatalf("after three moves of the end: %q, want %q", text(), cavShort)
	}
	if got := s.Menu().Items[1].Items[0].Label; got != "Undo Move End of ACTOR" {
		t.Errorf("Undo item %q", got)
	}
	// Drag the end handle back into "Çavusoglu".
	from, ok := s.view.HandlePosition(annotate.EndEdge)
	if !ok {
		t.Fatal("the selected gold span has no end handle")
	}
	to, _ := s.view.PositionOf(ls + 3)
	s.view.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	s.view.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	s.view.DragEnd()
	if text() != "Çavusoglu" {
		t.Fatalf("after dragging the end handle: %q (status %q)", text(), s.status.Text)
	}
	// One word left: emptying it is refused, and says so.
	alt(fyne.KeyLeft, 0)
	if want := "Cannot move the end of ACTOR “Çavusoglu” earlier: the span would be empty"; s.status.Text != want {
		t.Errorf("status %q, want %q", s.status.Text, want)
	}
	if text() != "Çavusoglu" || len(g.Relations) != 1 || g.Relations[0].To != cav {
		t.Fatalf("after a refused move: %q, relations %+v", text(), g.Relations)
	}
	// Saved: the same id and speaker, the new offsets.
	s.Save()
	saved := readGold(t, gold)
	i := saved.SpanByID(cav)
	if i < 0 || saved.Spans[i].Start != ls || saved.Spans[i].End != ls+len([]rune("Çavusoglu")) {
		t.Fatalf("saved gold %q", spanSet(saved))
	}
	if len(saved.Relations) != 1 || saved.Relations[0].To != cav {
		t.Errorf("saved relations %+v", saved.Relations)
	}
	// Reject the boundary disagreement, then accept ana's long version
	// again: the moved span is not the site's any more, so the long one
	// comes back, under an id of its own.
	s.selectSite(3)
	test.Type(s.view, "x")
	s.selectSite(3)
	test.Type(s.view, "1")
	seen := map[string]bool{}
	for _, sp := range g.Spans {
		if seen[sp.ID] {
			t.Errorf("two gold spans have id %s: %q", sp.ID, spanSet(g))
		}
		seen[sp.ID] = true
	}
	if g.FindSpan(ls, le, "ACTOR") < 0 || g.SpanByID(cav) < 0 {
		t.Errorf("gold %q", spanSet(g))
	}
	// Every move is one undo step: back through the two decisions, the
	// drag and the three key moves.
	for range 3 {
		s.Undo()
	}
	if text() != cavShort {
		t.Errorf("undoing the drag: %q", text())
	}
	for range 3 {
		s.Undo()
	}
	if text() != cavLong {
		t.Errorf("undoing the key moves: %q", text())
	}
	// No span selected: the menu says how.
	s.view.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	editItem("Move Start One Word Later").Action()
	if !strings.HasPrefix(s.status.Text, "Select a span of the gold first") {
		t.Errorf("status %q", s.status.Text)
	}
}

// TestGoldOpenElsewhere: a gold file that another window has open (the
// main window, or a review in another Gloss) is refused: two windows
// saving one file would overwrite each other's decisions.
func TestGoldOpenElsewhere(t *testing.T) {
	dir, rec := t.TempDir(), t.TempDir()
	docs := annotators(t)
	files := writeFiles(t, dir, docs[:1], docs[1:2])
	gold := filepath.Join(dir, "gold.jsonl")
	if err := export.SaveNative(gold, docs[0]); err != nil {
		t.Fatal(err)
	}
	main := session.New(session.Options{RecoveryDir: rec})
	w, err := session.Read(session.Spec{Paths: []string{gold}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := main.Start(w); err != nil {
		t.Fatal(err)
	}
	_, err = newScreen(files, gold, nil, session.Options{RecoveryDir: rec})
	var oe *session.OpenElsewhereError
	if !errors.As(err, &oe) || oe.Path != gold {
		t.Fatalf("a review into a gold open elsewhere: %v", err)
	}
	main.Close()
	if _, w := openScreenWith(t, files, gold, session.Options{RecoveryDir: rec}, nil); w == nil {
		t.Error("no review once the main window let the gold go")
	}
}
