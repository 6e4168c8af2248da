package project

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/app/project/projecttest"
	"gloss/export"
)

// gitEnv is a git configuration of the test's own: its HOME, a global
// config with a user and a default branch, no system config. Tests never
// depend on the machine's git setup.
type gitEnv struct {
	env []string
}

func newGitEnv(t testing.TB) *gitEnv { return &gitEnv{env: projecttest.Env(t)} }

// in is a git runner in dir with the test's configuration.
func (e *gitEnv) in(dir string) *Git {
	return &Git{Dir: dir, Env: e.env, Timeout: 30 * time.Second}
}

// git runs git in dir and fails the test on error.
func (e *gitEnv) git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, err := e.in(dir).Run(context.Background(), args...)
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(out)
}

// testTexts are documents in every script the offsets rules name: emoji,
// combining accents, CJK and CRLF.
func testTexts(n int) []*annotate.Document {
	texts := []string{
		"Putin said \"we will stay\" in Libya 🇷🇺.",
		"Erdoğan replied: \"Turkey will not leave.\"\r\nThe talks ended.",
		"習近平は「協力する」と述べた。",
		"Cafe\u0301 owners said \"prices rise\" 😀😀.",
	}
	docs := make([]*annotate.Document, n)
	for i := range docs {
		docs[i] = &annotate.Document{ID: docID(i), Text: texts[i%len(texts)]}
	}
	return docs
}

func docID(i int) string { return fmt.Sprintf("doc-%04d", i) }

// newProject makes a project in a fresh folder.
func newProject(t testing.TB, e *gitEnv, docs []*annotate.Document, opt InitOptions) *Project {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "proj")
	opt.Git = e.in("")
	p, _, err := Init(context.Background(), dir, docs, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// annotate adds a span of label over the first occurrence of phrase in the
// document id of name's work, optionally marks it done, and saves.
func annotateDoc(t testing.TB, p *Project, name, id, phrase, label string, done bool) {
	t.Helper()
	w, err := p.WorkFor(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range w.Docs {
		if d.ID != id {
			continue
		}
		if phrase != "" {
			b := strings.Index(d.Text, phrase)
			if b < 0 {
				t.Fatalf("%q not in %s", phrase, id)
			}
			start := len([]rune(d.Text[:b]))
			end := start + len([]rune(phrase))
			h := annotate.NewHistory(d)
			if err := h.Do(&annotate.AddSpan{Span: annotate.NewSpan(d, start, end, label, name)}); err != nil {
				t.Fatal(err)
			}
		}
		if done {
			(&annotate.MarkDone{Done: true}).Apply(d)
		}
		if err := export.SaveNative(w.SavePath, w.Docs...); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatalf("%s has no document %s", name, id)
}

// clone clones the remote into a folder named after who and sets who's git
// identity there.
func (e *gitEnv) clone(t testing.TB, remote, who string) *Project {
	t.Helper()
	dir := filepath.Join(t.TempDir(), who)
	e.git(t, "", "clone", "--quiet", remote, dir)
	e.git(t, dir, "config", "user.name", who)
	p, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// sync syncs p as who and fails the test on error.
func (e *gitEnv) sync(t testing.TB, p *Project, who string) SyncResult {
	t.Helper()
	res, err := p.Sync(context.Background(), SyncOptions{Person: who, Git: e.in(p.Dir)})
	if err != nil {
		t.Fatalf("sync as %s: %v", who, err)
	}
	return res
}
