package project

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gloss/annotate"
)

func TestInit(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	docs := testTexts(5)
	docs[0].Spans = []annotate.Span{annotate.NewSpan(docs[0], 0, 5, "ACTOR", "x")}
	docs[1].Meta = []byte(`{"source":"wire"}`)
	labels := []byte("[[label]]\nname = \"PERSON\"\nkey = \"p\"\n")
	dir := filepath.Join(t.TempDir(), "news")
	p, dropped, err := Init(context.Background(), dir, docs, InitOptions{
		Annotators: []string{"ana", "bo", "cy"}, Overlap: 2, Reviewer: "lead", Labels: labels, LabelsFrom: "mine.toml", Git: e.in(""),
	})
	if err != nil {
		t.Fatal(err)
	}
	if dropped != 1 {
		t.Errorf("dropped %d spans, want 1", dropped)
	}
	c := p.Config
	if c.Name != "news" || c.Overlap != 2 || c.Reviewer != "lead" || c.LabelsFile != LabelsFile {
		t.Errorf("config %+v", c)
	}
	if p.Labels.Labels[0].Name != "PERSON" {
		t.Errorf("labels %+v", p.Labels)
	}
	want := map[string][]string{
		"ana": {"doc-0000", "doc-0001", "doc-0003", "doc-0004"},
		"bo":  {"doc-0000", "doc-0002", "doc-0003"},
		"cy":  {"doc-0001", "doc-0002", "doc-0004"},
	}
	if !sameAssign(c.Assign, want) {
		t.Errorf("assign %v, want %v", c.Assign, want)
	}
	texts, err := p.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range texts {
		if d.Text != docs[i].Text || d.ID != docs[i].ID || len(d.Spans) != 0 {
			t.Errorf("document %d: %+v", i, d)
		}
	}
	if string(texts[1].Meta) != `{"source":"wire"}` {
		t.Errorf("meta %s", texts[1].Meta)
	}
	// The first commit holds exactly the project's files.
	files := e.git(t, dir, "ls-files")
	if files != "documents.jsonl\ngloss.toml\nlabels.toml" {
		t.Errorf("committed %q", files)
	}
	if msg := e.git(t, dir, "log", "--format=%s"); !strings.HasPrefix(msg, "gloss project init: news, 5 documents") {
		t.Errorf("commit message %q", msg)
	}
	if st := e.git(t, dir, "status", "--porcelain"); st != "" {
		t.Errorf("left changes: %q", st)
	}
}

func TestInitRefuses(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "notes.txt"), []byte("x"), 0o644)
	dup := testTexts(2)
	dup[1].ID = dup[0].ID
	for _, tc := range []struct {
		name string
		dir  string
		docs []*annotate.Document
		opt  InitOptions
		want string
	}{
		{"not empty", full, testTexts(1), InitOptions{Annotators: []string{"a"}}, "is not empty"},
		{"no annotators", "", testTexts(1), InitOptions{}, "name at least one annotator"},
		{"hostile annotator", "", testTexts(1), InitOptions{Annotators: []string{"annotations/../x"}}, `name "annotations/../x" has '/'`},
		{"overlap", "", testTexts(1), InitOptions{Annotators: []string{"a"}, Overlap: 2}, "overlap"},
		{"duplicate ids", "", dup, InitOptions{Annotators: []string{"a"}}, `document id "doc-0000" is given twice`},
		{"no documents", "", nil, InitOptions{Annotators: []string{"a"}}, "no documents"},
		{"bad labels", "", testTexts(1), InitOptions{Annotators: []string{"a"}, Labels: []byte("x = 1"), LabelsFrom: "l.toml"}, "l.toml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir
			if dir == "" {
				dir = filepath.Join(t.TempDir(), "p")
			}
			tc.opt.Git = e.in("")
			_, _, err := Init(context.Background(), dir, tc.docs, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if tc.dir == "" {
				if _, err := os.Stat(dir); err == nil {
					t.Errorf("a refused init left %s behind", dir)
				}
			}
		})
	}
}

func TestAdd(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	p := newProject(t, e, testTexts(3), InitOptions{Annotators: []string{"ana", "bo"}, Overlap: 1})
	// The lead's own lines survive an add.
	cfg := p.Path(ConfigFile)
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte("# keep me\n"+string(data)), 0o644)
	e.git(t, p.Dir, "commit", "-qam", "comment")
	p, _ = Open(p.Dir)

	more := testTexts(6)[2:] // doc-0002 again, the same: skipped
	res, err := p.Add(context.Background(), e.in(p.Dir), more)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Added, []string{"doc-0003", "doc-0004", "doc-0005"}) || !slices.Equal(res.Skipped, []string{"doc-0002"}) {
		t.Errorf("added %v skipped %v", res.Added, res.Skipped)
	}
	want := map[string][]string{"ana": {"doc-0000", "doc-0002", "doc-0004"}, "bo": {"doc-0001", "doc-0003", "doc-0005"}}
	if !sameAssign(p.Config.Assign, want) {
		t.Errorf("assign %v", p.Config.Assign)
	}
	again, err := Open(p.Dir)
	if err != nil || !sameAssign(again.Config.Assign, want) {
		t.Fatalf("reopened: %v %v", err, again.Config.Assign)
	}
	if data, _ := os.ReadFile(cfg); !strings.HasPrefix(string(data), "# keep me\n") {
		t.Errorf("the comment is gone:\n%s", data)
	}
	docs, err := again.Documents()
	if err != nil || len(docs) != 6 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	if st := e.git(t, p.Dir, "status", "--porcelain"); st != "" {
		t.Errorf("left changes: %q", st)
	}
	if msg := e.git(t, p.Dir, "log", "-1", "--format=%s"); msg != "gloss project add: 3 documents" {
		t.Errorf("commit %q", msg)
	}

	// The same id with another text is refused, and nothing changes.
	other := &annotate.Document{ID: "doc-0001", Text: "something else"}
	if _, err := again.Add(context.Background(), e.in(p.Dir), []*annotate.Document{other}); err == nil || !strings.Contains(err.Error(), "another text") {
		t.Errorf("error %v", err)
	}
	if st := e.git(t, p.Dir, "status", "--porcelain"); st != "" {
		t.Errorf("a refused add left changes: %q", st)
	}
}

// A hostile repository cannot make Gloss read or write outside it.
func TestOpenRefusesHostileProjects(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	outside := t.TempDir()
	for _, tc := range []struct {
		name string
		prep func(dir string)
		want string
	}{
		{"annotator name", func(dir string) {
			rewrite(t, dir, func(s string) string {
				return strings.Replace(s, `name = "ana"`, `name = "annotations/../x"`, 1)
			})
		}, `name "annotations/../x" has '/'`},
		{"annotations is a link", func(dir string) {
			os.Remove(filepath.Join(dir, AnnotationsDir))
			os.Symlink(outside, filepath.Join(dir, AnnotationsDir))
		}, "is a symbolic link"},
		{"own file is a link", func(dir string) {
			os.Symlink(filepath.Join(outside, "x"), filepath.Join(dir, AnnotationsDir, "ana.jsonl"))
		}, "is a symbolic link"},
		{"labels outside", func(dir string) {
			rewrite(t, dir, func(s string) string { return `labels = "../../x.toml"` + "\n" + s })
		}, "is not a path inside the project"},
		{"labels a link", func(dir string) {
			os.WriteFile(filepath.Join(outside, "l.toml"), []byte("[[label]]\nname = \"A\"\n"), 0o644)
			os.Symlink(filepath.Join(outside, "l.toml"), filepath.Join(dir, "l.toml"))
			rewrite(t, dir, func(s string) string { return `labels = "l.toml"` + "\n" + s })
		}, "is a symbolic link"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newProject(t, e, testTexts(2), InitOptions{Annotators: []string{"ana", "bo"}})
			tc.prep(p.Dir)
			_, err := Open(p.Dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}

func rewrite(t *testing.T, dir string, change func(string) string) {
	t.Helper()
	path := filepath.Join(dir, ConfigFile)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(change(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWorkFor(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	p := newProject(t, e, testTexts(4), InitOptions{Annotators: []string{"ana", "bo"}, Reviewer: "lead"})
	w, err := p.WorkFor("ana")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(w.Docs); !slices.Equal(got, []string{"doc-0000", "doc-0002"}) || w.Assigned != 2 {
		t.Errorf("ana opens %v (%d assigned)", got, w.Assigned)
	}
	if w.SavePath != p.Path("annotations/ana.jsonl") || w.Docs[0].Annotator != "ana" {
		t.Errorf("save path %s, annotator %q", w.SavePath, w.Docs[0].Annotator)
	}
	annotateDoc(t, p, "ana", "doc-0002", "協力", "QUOTE", true)

	// The lead moves doc-0002 to bo: ana's work on it stays in her file.
	c := *p.Config
	c.Assign = map[string][]string{"ana": {"doc-0000"}, "bo": {"doc-0001", "doc-0003", "doc-0002"}}
	os.WriteFile(p.Path(ConfigFile), c.Encode(), 0o644)
	p, err = Open(p.Dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err = p.WorkFor("ana")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(w.Docs); !slices.Equal(got, []string{"doc-0000", "doc-0002"}) || w.Assigned != 1 {
		t.Errorf("ana opens %v (%d assigned)", got, w.Assigned)
	}
	if d := w.Docs[1]; len(d.Spans) != 1 || d.Spans[0].Text != "協力" || !annotate.IsDone(d) {
		t.Errorf("ana's kept work: %+v", d)
	}
	if len(w.Notes) != 1 || !strings.Contains(w.Notes[0], "no longer given to you") {
		t.Errorf("notes %v", w.Notes)
	}
	// Bo's view is blind: none of ana's spans.
	wb, err := p.WorkFor("bo")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range wb.Docs {
		if len(d.Spans) > 0 {
			t.Errorf("bo sees spans on %s", d.ID)
		}
	}
	if _, err := p.WorkFor("lead"); err == nil || !strings.Contains(err.Error(), "gloss review") {
		t.Errorf("reviewer: %v", err)
	}
	if _, err := p.WorkFor("zed"); err == nil || !strings.Contains(err.Error(), `"zed" is not in project`) {
		t.Errorf("stranger: %v", err)
	}
	// A broken own file is refused rather than overwritten by a save.
	os.WriteFile(w.SavePath, []byte("{not json\n"), 0o644)
	if _, err := p.WorkFor("ana"); err == nil || !strings.Contains(err.Error(), "ana.jsonl:1:") {
		t.Errorf("broken file: %v", err)
	}
}
