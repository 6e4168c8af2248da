package session

import (
	"errors"
	"fmt"
	"gloss/export/exporttest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// mixedText has an emoji flag, a combining accent, CJK and CRLF, so that
// byte, UTF-16 and code-point offsets all differ.
const mixedText = "Ankara 🇹🇷 said: “we will not stop”.\r\n" +
	"Cafe\u0301 owners in 東京 agree 😀 with Ankara.\r\n" +
	"Vladimir Putin did not."

// newSession is a Session on docs with its recovery folder in a temporary
// folder; changes records what it announces.
func newSession(t testing.TB, annotator string, docs ...*annotate.Document) (*Session, *[]Change) {
	t.Helper()
	s := New(Options{Annotator: annotator, RecoveryDir: t.TempDir()})
	// Closed before the folder goes (cleanups run last first): the
	// journal's writer, still writing, made its removal fail with
	// "directory not empty" on a loaded machine.
	t.Cleanup(s.Close)
	var changes []Change
	s.OnChange(func(c Change) { changes = append(changes, c) })
	s.Start(NewWork(docs, "", ""))
	return s, &changes
}

// span is a span of d over the first occurrence of phrase.
func span(t testing.TB, d *annotate.Document, label, phrase string) annotate.Span {
	t.Helper()
	s, e := annotatetest.Find(t, d.Text, phrase, 0)
	return annotate.NewSpan(d, s, e, label, "")
}

// summary lists spans as "LABEL text" (with "?" for a suggestion), sorted.
func summary(d *annotate.Document) []string {
	var out []string
	for _, s := range d.Spans {
		mark := ""
		if s.Suggested {
			mark = "?"
		}
		out = append(out, s.Label+mark+" "+s.Text)
	}
	slices.Sort(out)
	return out
}

func TestLabelRange(t *testing.T) {
	cases := []struct {
		name string
		// have are the spans before: "LABEL phrase", "LABEL? phrase" for a
		// suggestion.
		have []string
		// selected is the phrase of the span selected ("" none).
		selected     string
		label        string
		phrase       string
		want         []string
		wantMessage  string
		wantDone     bool
		wantRelation bool // the quote's suggested SAID_BY is accepted
	}{
		{name: "adds", label: "ACTOR", phrase: "Ankara 🇹🇷", want: []string{"ACTOR Ankara 🇹🇷"}, wantMessage: `Labelled "Ankara 🇹🇷" ACTOR`, wantDone: true},
		{name: "refuses a duplicate", have: []string{"ACTOR 東京"}, label: "ACTOR", phrase: "東京", want: []string{"ACTOR 東京"}, wantMessage: `"東京" is already a ACTOR`},
		{name: "same range, other label", have: []string{"ACTOR 東京"}, label: "CLAIM", phrase: "東京", want: []string{"ACTOR 東京", "CLAIM 東京"}, wantDone: true},
		{name: "relabels the selected span", have: []string{"ACTOR Cafe\u0301"}, selected: "Cafe\u0301", label: "QUOTE", phrase: "Cafe\u0301", want: []string{"QUOTE Cafe\u0301"}, wantMessage: "Relabelled", wantDone: true},
		{name: "selected with its own label", have: []string{"ACTOR Cafe\u0301"}, selected: "Cafe\u0301", label: "ACTOR", phrase: "Cafe\u0301", want: []string{"ACTOR Cafe\u0301"}},
		{name: "selected elsewhere adds", have: []string{"ACTOR Cafe\u0301"}, selected: "Cafe\u0301", label: "ACTOR", phrase: "Vladimir Putin", want: []string{"ACTOR Cafe\u0301", "ACTOR Vladimir Putin"}, wantDone: true},
		{name: "accepts a suggestion", have: []string{"QUOTE? we will not stop", "ACTOR Ankara"}, label: "QUOTE", phrase: "we will not stop",
			want: []string{"ACTOR Ankara", "QUOTE we will not stop"}, wantMessage: "Accepted QUOTE", wantDone: true, wantRelation: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := &annotate.Document{ID: "m", Text: mixedText}
			ids := map[string]string{}
			for _, h := range c.have {
				label, phrase, _ := strings.Cut(h, " ")
				sp := span(t, d, strings.TrimSuffix(label, "?"), phrase)
				sp.Suggested = strings.HasSuffix(label, "?")
				d.Spans = append(d.Spans, sp)
				ids[phrase] = sp.ID
			}
			if q, a := ids["we will not stop"], ids["Ankara"]; q != "" && a != "" {
				d.Relations = append(d.Relations, annotate.Relation{ID: "r", Label: "SAID_BY", From: q, To: a, Suggested: true})
			}
			s, _ := newSession(t, "ana", d)
			start, end := annotatetest.Find(t, d.Text, c.phrase, 0)
			r := s.LabelRange(c.label, start, end, ids[c.selected])
			if got := summary(s.Document()); !slices.Equal(got, c.want) {
				t.Errorf("spans %q, want %q", got, c.want)
			}
			if !strings.HasPrefix(r.Message, c.wantMessage) || r.Done != c.wantDone {
				t.Errorf("result %+v, want message %q, done %v", r, c.wantMessage, c.wantDone)
			}
			if r.Done != s.Dirty() {
				t.Errorf("done %v but dirty %v", r.Done, s.Dirty())
			}
			if c.wantRelation && (len(s.Document().Relations) != 1 || s.Document().Relations[0].Suggested) {
				t.Errorf("relations %+v: the SAID_BY was not accepted with its quote", s.Document().Relations)
			}
			if r.Done {
				// One undo takes the whole command back.
				s.Undo()
				if got := summary(s.Document()); len(got) != len(c.have) || s.Dirty() {
					t.Errorf("after undo %q, dirty %v", got, s.Dirty())
				}
			}
		})
	}
}

func TestAnnotatorStamp(t *testing.T) {
	cases := []struct {
		name, session, had, want string
	}{
		{name: "stamps a document without one", session: "ana", want: "ana"},
		{name: "keeps the document's", session: "ana", had: "ben", want: "ben"},
		{name: "no annotator, no stamp", session: ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := &annotate.Document{ID: "m", Text: mixedText, Annotator: c.had}
			s, _ := newSession(t, c.session, d)
			start, end := annotatetest.Find(t, mixedText, "Vladimir Putin", 0)
			s.AddSpan("ACTOR", start, end)
			if d.Annotator != c.want {
				t.Errorf("annotator %q, want %q", d.Annotator, c.want)
			}
			if got := d.Spans[0].Annotator; got != c.session {
				t.Errorf("span annotator %q, want %q", got, c.session)
			}
			s.Undo()
			if d.Annotator != c.had {
				t.Errorf("after undo annotator %q, want %q", d.Annotator, c.had)
			}
			s.Redo()
			if d.Annotator != c.want {
				t.Errorf("after redo annotator %q, want %q", d.Annotator, c.want)
			}
			// The stamp is saved with the span.
			out := filepath.Join(t.TempDir(), "out.jsonl")
			s.SaveTo(out, func(err error) {
				if err != nil {
					t.Fatal(err)
				}
			})
			if got := exporttest.ReadNative(t, out)[0].Annotator; got != c.want {
				t.Errorf("saved annotator %q, want %q", got, c.want)
			}
		})
	}
}

func TestChanges(t *testing.T) {
	a := &annotate.Document{ID: "a", Text: "Ankara said so."}
	b := &annotate.Document{ID: "b", Text: "Moscow did not."}
	s, changes := newSession(t, "ana", a, b)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	if want := []Change{{Kind: Opened, Doc: -1}}; !slices.Equal(*changes, want) {
		t.Errorf("at the start: changes %v, want %v", *changes, want)
	}
	steps := []struct {
		do    func()
		want  []Change
		dirty bool
	}{
		{func() { s.Show(1) }, []Change{{Kind: Shown, Doc: 1}}, false},
		{func() { s.Show(1) }, nil, false},
		{func() { s.AddSpan("ACTOR", 0, 6) }, []Change{{Kind: Edited, Doc: 1}}, true},
		{func() { s.AddSpan("ACTOR", 0, 6) }, nil, true}, // refused: nothing changes
		{func() { s.Undo() }, []Change{{Kind: Edited, Doc: 1}}, false},
		{func() { s.Undo() }, nil, false},
		{func() { s.Redo() }, []Change{{Kind: Edited, Doc: 1}}, true},
		{func() { s.Show(0); s.ToggleDone() }, []Change{{Kind: Shown, Doc: 0}, {Kind: Edited, Doc: 0}}, true},
		{func() { s.SaveTo(out, nil) }, []Change{{Kind: SaveStarted, Doc: -1}, {Kind: Saved, Doc: -1}}, false},
		{func() { s.ToggleDone() }, []Change{{Kind: Edited, Doc: 0}}, true},
		{func() { s.Undo() }, []Change{{Kind: Edited, Doc: 0}}, false}, // back to the saved state
	}
	for i, st := range steps {
		*changes = nil
		st.do()
		if !slices.Equal(*changes, st.want) {
			t.Errorf("step %d: changes %v, want %v", i, *changes, st.want)
		}
		if s.Dirty() != st.dirty {
			t.Errorf("step %d: dirty %v, want %v", i, s.Dirty(), st.dirty)
		}
	}
	if err := s.Show(2); err == nil {
		t.Error("Show(2) of two documents did not fail")
	}
	saved := exporttest.ReadNative(t, out)
	if len(saved) != 2 || !IsDone(saved[0]) || len(saved[1].Spans) != 1 || saved[1].Spans[0].Text != "Moscow" {
		t.Errorf("saved %+v", saved)
	}
	if got := s.Counts(); got != [3]int{Untouched: 0, InProgress: 1, Done: 1} {
		t.Errorf("counts %v", got)
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	native := filepath.Join(dir, "corpus.jsonl")
	a := &annotate.Document{ID: "a", Text: mixedText, Annotator: "ana"}
	a.Spans = []annotate.Span{span(t, a, "ACTOR", "東京")}
	b := &annotate.Document{ID: "b", Text: "Moscow did not."}
	if err := export.SaveNative(native, a, b); err != nil {
		t.Fatal(err)
	}
	txt := writeFile(t, dir, "article.txt", mixedText)
	folder := filepath.Join(dir, "texts")
	os.Mkdir(folder, 0o755)
	writeFile(t, folder, "2.txt", "second")
	writeFile(t, folder, "1.txt", "first")
	// out holds the article with a span: running with -o out resumes it.
	resumed := &annotate.Document{ID: "article", Text: mixedText}
	resumed.Spans = []annotate.Span{span(t, resumed, "QUOTE", "we will not stop")}
	out := filepath.Join(dir, "out.jsonl")
	other := &annotate.Document{ID: "article", Text: "another text"}
	stale := filepath.Join(dir, "stale.jsonl")
	if err := export.SaveNative(out, resumed); err != nil {
		t.Fatal(err)
	}
	if err := export.SaveNative(stale, other); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name         string
		spec         Spec
		ids          []string
		spans        int
		source, save string
		format       string
		resumed      int
	}{
		{name: "documents in memory", spec: Spec{Documents: []*annotate.Document{b}}, ids: []string{"b"}},
		{name: "native saves to itself", spec: Spec{Paths: []string{native}}, ids: []string{"a", "b"}, spans: 1, source: native, save: native, format: "jsonl"},
		{name: "text asks", spec: Spec{Paths: []string{txt}}, ids: []string{"article"}, source: txt, format: "text"},
		{name: "a folder of texts", spec: Spec{Paths: []string{folder}}, ids: []string{"1", "2"}, source: folder, format: "text"},
		{name: "two files", spec: Spec{Paths: []string{native, txt}}, ids: []string{"a", "b", "article"}, spans: 1, source: native, format: "jsonl"},
		{name: "-o resumes", spec: Spec{Paths: []string{txt}, SaveTo: out}, ids: []string{"article"}, spans: 1, source: out, save: out, format: "text", resumed: 1},
		{name: "-o with another text", spec: Spec{Paths: []string{txt}, SaveTo: stale}, ids: []string{"article"}, source: txt, save: stale, format: "text"},
		{name: "-o not there yet", spec: Spec{Paths: []string{txt}, SaveTo: filepath.Join(dir, "new.jsonl")}, ids: []string{"article"}, source: txt, save: filepath.Join(dir, "new.jsonl"), format: "text"},
		{name: "a subset", spec: Spec{Paths: []string{native}, IDs: []string{"b"}}, ids: []string{"b"}, source: native, save: native, format: "jsonl"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, err := Read(c.spec, nil)
			if err != nil {
				t.Fatal(err)
			}
			s := New(Options{RecoveryDir: t.TempDir()})
			s.Start(w)
			var ids []string
			spans := 0
			for _, d := range s.Documents() {
				ids = append(ids, d.ID)
				spans += len(d.Spans)
			}
			if !slices.Equal(ids, c.ids) || spans != c.spans {
				t.Errorf("documents %q with %d spans, want %q with %d", ids, spans, c.ids, c.spans)
			}
			if s.Source() != c.source || s.SavePath() != c.save {
				t.Errorf("source %q, save %q; want %q, %q", s.Source(), s.SavePath(), c.source, c.save)
			}
			format := ""
			if w.Format != nil {
				format = w.Format.Name
			}
			if format != c.format || w.Resumed != c.resumed {
				t.Errorf("format %q, resumed %d; want %q, %d", format, w.Resumed, c.format, c.resumed)
			}
		})
	}
	if _, err := Read(Spec{Paths: []string{writeFile(t, dir, "empty.jsonl", "\n")}, Format: export.Lookup("jsonl")}, nil); !errors.Is(err, ErrNoDocuments) {
		t.Errorf("an empty file: %v", err)
	}
	if _, err := Read(Spec{Paths: []string{writeFile(t, dir, "bad.jsonl", "{\"text\":1}\n")}}, nil); err == nil || !strings.Contains(err.Error(), "bad.jsonl:1:") {
		t.Errorf("a bad file: %v", err)
	}
}

func TestReadProgressAndCancel(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	var docs []*annotate.Document
	annotatetest.Corpus(7, 200, 2000, 8, func(d *annotate.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err := export.SaveNative(path, docs...); err != nil {
		t.Fatal(err)
	}
	// A folder of texts is read whole, with progress.
	dir := t.TempDir()
	for i := range 20 {
		writeFile(t, dir, fmt.Sprintf("%02d.txt", i), "text")
	}
	p := &Progress{}
	w, err := Read(Spec{Paths: []string{dir}}, p)
	if err != nil || w.Len() != 20 {
		t.Fatalf("read %v: %v", w, err)
	}
	if p.Value() != 1 {
		t.Errorf("progress after reading = %v, want 1", p.Value())
	}
	p = &Progress{}
	p.Cancel()
	if _, err := Read(Spec{Paths: []string{path}}, p); !errors.Is(err, ErrCancelled) {
		t.Errorf("cancelled read: %v", err)
	}
}

func TestJournal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "work.jsonl")
	a := &annotate.Document{ID: "a", Text: mixedText}
	b := &annotate.Document{ID: "b", Text: "Moscow did not."}
	if err := export.SaveNative(path, a, b); err != nil {
		t.Fatal(err)
	}
	rec := t.TempDir()
	// Each open is the next start of the app after a crash of the last.
	var last *Session
	open := func() (*Session, *loop) {
		t.Helper()
		if last != nil {
			crash(last)
		}
		l := newLoop()
		s := New(Options{Annotator: "ana", RecoveryDir: rec, Post: l.post})
		last = s
		w, err := Read(Spec{Paths: []string{path}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Start(w); err != nil {
			t.Fatal(err)
		}
		l.settle(t, s)
		return s, l
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }

	s, _ := open()
	journal := s.JournalPath()
	if exists(journal) {
		t.Fatal("a journal before any edit")
	}
	start, end := annotatetest.Find(t, mixedText, "Vladimir Putin", 0)
	s.AddSpan("ACTOR", start, end)
	if err := s.SyncJournal(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(readFile(t, journal)), "\n")
	if len(lines) != 2 || lines[0] != journalHeader || !strings.HasPrefix(lines[1], "0\t{") {
		t.Fatalf("journal %q", lines)
	}
	// Undone back to the saved state: the journal goes.
	s.Undo()
	s.SyncJournal()
	if exists(journal) {
		t.Fatal("the journal outlived an undo back to the saved state")
	}
	s.Redo()
	s.Show(1)
	s.ToggleDone()
	s.SyncJournal()
	// A crash, with the last line torn: the next session on the file
	// finds the work.
	f, _ := os.OpenFile(journal, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("1\t{\"id\":\"b\",\"te")
	f.Close()
	s2, l2 := open()
	r := s2.FindRecoverable()
	if r == nil || r.Documents != 2 || r.Spans != 1 || r.Left != 1 {
		t.Fatalf("recoverable %+v", r)
	}
	var kinds []Kind
	s2.OnChange(func(c Change) { kinds = append(kinds, c.Kind) })
	s2.Recover(r)
	d0, _ := s2.Doc(0)
	if !s2.Dirty() || len(d0.Spans) != 1 || s2.Status(1) != Done || !slices.Contains(kinds, Recovered) {
		t.Fatalf("after Recover: dirty %v, spans %v, status %v, changes %v", s2.Dirty(), summary(d0), s2.Status(1), kinds)
	}
	s2.SaveTo(path, nil)
	l2.settle(t, s2)
	s2.SyncJournal()
	if exists(journal) {
		t.Error("a save left the journal")
	}
	if saved := exporttest.ReadNative(t, path); len(saved[0].Spans) != 1 || !IsDone(saved[1]) {
		t.Errorf("saved after recovering: %v", saved)
	}
	// Discarded work is not offered again.
	s3, _ := open()
	s3.Show(1)
	s3.ToggleDone()
	s3.SyncJournal()
	s3.DiscardRecovery()
	if s4, _ := open(); exists(journal) || s4.FindRecoverable() != nil {
		t.Error("discarded work is offered again")
	}
	// What is edited during a save stays in the journal after it, and only
	// that.
	s5, l5 := open()
	s5.ToggleDone() // a: saved
	s5.SaveTo(path, nil)
	s5.Show(1)
	s5.ToggleDone() // b: during the save
	l5.settle(t, s5)
	s5.SyncJournal()
	s6, _ := open()
	if r := s6.FindRecoverable(); r == nil || r.Documents != 1 || r.docs[1] == nil {
		t.Errorf("after a save with an edit during it: %+v", r)
	}
}

func TestJournalStaysShort(t *testing.T) {
	path := filepath.Join(t.TempDir(), "work.jsonl")
	big := &annotate.Document{ID: "big", Text: strings.Repeat("Ankara said so. ", 20000)}
	if err := export.SaveNative(path, big); err != nil {
		t.Fatal(err)
	}
	s := New(Options{RecoveryDir: t.TempDir()})
	w, err := Read(Spec{Paths: []string{path}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Start(w)
	// 300 edits of a 320 KB document would journal 96 MB; the journal
	// rewrites itself from the last state when it grows.
	for i := range 300 {
		s.AddSpan("ACTOR", i*16, i*16+6)
	}
	s.SyncJournal()
	st, err := os.Stat(s.JournalPath())
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > 8<<20 {
		t.Errorf("journal of 300 edits is %d bytes", st.Size())
	}
	s.Close()
	s2 := New(Options{RecoveryDir: s.recovery.dir})
	w, _ = Read(Spec{Paths: []string{path}}, nil)
	s2.Start(w)
	if r := s2.FindRecoverable(); r == nil || r.Spans != 300 {
		t.Errorf("recoverable after compaction: %+v", r)
	}
}

func TestJournalLazy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	pyCorpus(t, path, 200)
	s, l, _ := openLazy(t, path, 4)
	l.settle(t, s)
	s.Show(150)
	s.ToggleDone()
	s.SyncJournal()
	rec := s.recovery.dir
	crash(s)
	l2 := newLoop()
	s2 := New(Options{RecoveryDir: rec, Post: l2.post, CacheSize: 4})
	w, _ := Read(Spec{Paths: []string{path}}, nil)
	s2.Start(w)
	l2.settle(t, s2)
	r := s2.FindRecoverable()
	if r == nil || r.Documents != 1 {
		t.Fatalf("recoverable %+v", r)
	}
	s2.Recover(r)
	if s2.Status(150) != Done || !s2.DocumentDirty(150) || s2.Len() != 200 {
		t.Errorf("after Recover: status %v, dirty %v, %d documents", s2.Status(150), s2.DocumentDirty(150), s2.Len())
	}
}

// writeFile writes a file in dir and returns its path.
func writeFile(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
