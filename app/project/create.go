package project

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gloss/annotate"
	"gloss/export"
)

// InitOptions are what `gloss project init` makes a project with.
type InitOptions struct {
	// Name names the project; "" means the folder's name.
	Name string
	// Annotators are the annotators' names, at least one.
	Annotators []string
	// Reviewer adjudicates the gold; "" for none yet.
	Reviewer string
	// Overlap is how many annotators each document goes to (0 means 1).
	Overlap int
	// Labels is the label set's TOML and LabelsFrom where it came from
	// (for messages); nil means the built-in set. It is copied into the
	// project as labels.toml.
	Labels     []byte
	LabelsFrom string
	// Git runs git; nil means git on PATH.
	Git *Git
}

// Init makes a project in dir (a new folder, an empty one, or an empty git
// clone) from docs: it writes gloss.toml, documents.jsonl and labels.toml,
// assigns the documents round-robin, and makes the first commit. The
// documents' texts are kept exactly; their annotations are not (the
// project's texts carry no spans), and dropped says how many spans and
// relations were left out.
func Init(ctx context.Context, dir string, docs []*annotate.Document, opt InitOptions) (p *Project, dropped int, err error) {
	if err := checkEmpty(dir); err != nil {
		return nil, 0, err
	}
	c := &Config{Name: opt.Name, Annotators: opt.Annotators, Reviewer: opt.Reviewer, Overlap: opt.Overlap, Blind: true}
	if c.Overlap == 0 {
		c.Overlap = 1
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, 0, err
	}
	if c.Name == "" {
		c.Name = filepath.Base(abs)
	}
	if len(c.Annotators) == 0 {
		return nil, 0, errors.New("name at least one annotator (--annotators a,b)")
	}
	texts, dropped, err := projectTexts(docs, nil)
	if err != nil {
		return nil, 0, err
	}
	if len(texts) == 0 {
		return nil, 0, errors.New("no documents to put in the project")
	}
	if opt.Labels != nil {
		if _, err := annotate.ParseLabelSet(opt.Labels, opt.LabelsFrom); err != nil {
			return nil, 0, err
		}
		c.LabelsFile = LabelsFile
	}
	if err := Assign(c, ids(texts)); err != nil {
		return nil, 0, err
	}
	data := c.Encode()
	// What Init writes must read back as it was meant: the checks of
	// ParseConfig (names, overlap) apply to it here, before anything is
	// written.
	if _, err := ParseConfig(data, filepath.Join(dir, ConfigFile)); err != nil {
		return nil, 0, err
	}

	g := opt.Git
	if g == nil {
		g = &Git{}
	}
	g = &Git{Dir: abs, Timeout: g.Timeout, Env: g.Env, Program: g.Program}
	if err := os.MkdirAll(filepath.Join(abs, AnnotationsDir), 0o755); err != nil {
		return nil, 0, err
	}
	if _, err := g.Run(ctx, "rev-parse", "--is-inside-work-tree"); err != nil {
		if errors.Is(err, ErrNoGit) {
			return nil, 0, err
		}
		if _, err := g.Run(ctx, "init", "--quiet"); err != nil {
			return nil, 0, err
		}
	}
	files := []string{ConfigFile, DocumentsFile}
	if opt.Labels != nil {
		if err := writeFile(filepath.Join(abs, LabelsFile), opt.Labels); err != nil {
			return nil, 0, err
		}
		files = append(files, LabelsFile)
	}
	if err := export.SaveNative(filepath.Join(abs, DocumentsFile), texts...); err != nil {
		return nil, 0, err
	}
	if err := writeFile(filepath.Join(abs, ConfigFile), data); err != nil {
		return nil, 0, err
	}
	msg := fmt.Sprintf("gloss project init: %s, %d documents for %s, overlap %d",
		c.Name, len(texts), strings.Join(c.Annotators, ", "), c.Overlap)
	if err := commitFiles(ctx, g, LoginName(), msg, files); err != nil {
		return nil, 0, err
	}
	p, err = Open(abs)
	return p, dropped, err
}

// AddResult says what Add did.
type AddResult struct {
	// Added are the new documents' ids; Skipped those already in the
	// project with the same text.
	Added, Skipped []string
	// Dropped counts the spans and relations left out of the texts.
	Dropped int
}

// Add puts more documents into the project, assigns them round-robin and
// commits gloss.toml and documents.jsonl (only those). A document whose id
// is in the project already is skipped when its text is the same and
// refused when it differs. gloss.toml keeps every line but its [assign]
// table.
func (p *Project) Add(ctx context.Context, g *Git, docs []*annotate.Document) (AddResult, error) {
	var res AddResult
	existing, err := p.Documents()
	if err != nil {
		return res, err
	}
	have := make(map[string]string, len(existing))
	for _, d := range existing {
		have[d.ID] = d.Text
	}
	var fresh []*annotate.Document
	for _, d := range docs {
		if text, ok := have[d.ID]; ok {
			if text != d.Text {
				return res, fmt.Errorf("document %q is in the project already with another text: give it another id", truncate(d.ID))
			}
			res.Skipped = append(res.Skipped, d.ID)
			continue
		}
		fresh = append(fresh, d)
	}
	texts, dropped, err := projectTexts(fresh, nil)
	if err != nil {
		return res, err
	}
	res.Dropped = dropped
	if len(texts) == 0 {
		return res, nil
	}
	c := *p.Config
	c.Assign = map[string][]string{}
	for k, v := range p.Config.Assign {
		c.Assign[k] = slices.Clone(v)
	}
	if err := Assign(&c, ids(texts)); err != nil {
		return res, err
	}
	old, err := p.readInside(ConfigFile)
	if err != nil {
		return res, err
	}
	data := ReplaceAssign(old, &c)
	back, err := ParseConfig(data, p.Path(ConfigFile))
	if err != nil || !sameAssign(back.Assign, c.Assign) {
		return res, fmt.Errorf("%s: could not rewrite its [assign] table in place (is it laid out by hand?); nothing was changed", p.Path(ConfigFile))
	}

	if g == nil {
		g = &Git{Dir: p.Dir}
	}
	if err := appendNative(p.Path(DocumentsFile), texts); err != nil {
		return res, err
	}
	if err := writeFile(p.Path(ConfigFile), data); err != nil {
		return res, err
	}
	p.Config = back
	msg := fmt.Sprintf("gloss project add: %d documents", len(texts))
	if err := commitFiles(ctx, g, LoginName(), msg, []string{ConfigFile, DocumentsFile}); err != nil {
		return res, err
	}
	res.Added = ids(texts)
	return res, nil
}

// projectTexts checks docs for a project (unique, non-empty ids) and
// returns them as the project keeps them: text, id and meta, no
// annotations. have lists ids taken already.
func projectTexts(docs []*annotate.Document, have map[string]bool) ([]*annotate.Document, int, error) {
	seen := map[string]bool{}
	dropped := 0
	var out []*annotate.Document
	for _, d := range docs {
		if d.ID == "" {
			return nil, 0, errors.New("a document has no id")
		}
		if seen[d.ID] || have[d.ID] {
			return nil, 0, fmt.Errorf("document id %q is given twice: ids name documents across the team's files, so each must be unique", truncate(d.ID))
		}
		seen[d.ID] = true
		dropped += len(d.Spans) + len(d.Relations)
		t := &annotate.Document{ID: d.ID, Text: d.Text, Meta: d.Meta}
		for _, f := range d.Extra {
			// What is an annotator's, not the text's, stays out.
			if f.Key != annotate.StatusKey && f.Key != "choices" {
				t.Extra = append(t.Extra, f)
			}
		}
		out = append(out, t)
	}
	return out, dropped, nil
}

func ids(docs []*annotate.Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

func sameAssign(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// checkEmpty refuses a folder that has anything in it but .git.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != ".git" {
			if IsProject(dir) {
				return fmt.Errorf("%s: is a project already (add documents with gloss project add)", dir)
			}
			return fmt.Errorf("%s: is not empty; a project starts in a new or empty folder", dir)
		}
	}
	return nil
}

// writeFile writes data to path atomically.
func writeFile(path string, data []byte) error {
	return export.WriteFileAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// appendNative adds docs at the end of the native file at path, keeping
// its lines byte for byte, atomically.
func appendNative(path string, docs []*annotate.Document) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if len(old) > 0 && !bytes.HasSuffix(old, []byte("\n")) {
		old = append(old, '\n')
	}
	for _, d := range docs {
		old = append(export.AppendNative(old, d, false), '\n')
	}
	return writeFile(path, old)
}

// commitFiles commits files (relative to g.Dir) and nothing else.
func commitFiles(ctx context.Context, g *Git, person, msg string, files []string) error {
	if _, err := g.Run(ctx, append([]string{"add", "--"}, files...)...); err != nil {
		return err
	}
	args := append(identity(ctx, g, person), "commit", "--quiet", "--only", "-m", msg, "--")
	_, err := g.Run(ctx, append(args, files...)...)
	return err
}
