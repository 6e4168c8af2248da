// Package project is a Gloss project: a folder that is a git repository,
// shared by a team of annotators and a reviewer with no server but their
// git remote. It reads and checks gloss.toml, lays out the folder, assigns
// documents to annotators, measures everyone's progress and agreement, and
// syncs one person's work with git. It knows nothing of Fyne: the command
// line and the app both drive it.
//
// The layout (DESIGN.md, "Projects"):
//
//	gloss.toml               name, labels, annotators, reviewer, overlap, [assign]
//	documents.jsonl          the texts, native, no spans
//	annotations/NAME.jsonl   one annotator's work, written only by them
//	gold.jsonl               the reviewer's adjudicated gold
//
// Because each person writes only their own file, a merge of two people's
// work never conflicts.
package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gloss/annotate"
	"gloss/export"
)

// The files of a project, relative to its folder.
const (
	ConfigFile     = "gloss.toml"
	DocumentsFile  = "documents.jsonl"
	AnnotationsDir = "annotations"
	GoldFile       = "gold.jsonl"
	// LabelsFile is where `gloss project init --labels` copies the label set.
	LabelsFile = "labels.toml"
)

// Project is an opened project folder.
type Project struct {
	// Dir is the project folder, absolute.
	Dir    string
	Config *Config
	// Labels is the project's label set: its labels file, its inline
	// tables, or the built-in set.
	Labels *annotate.LabelSet
}

// IsProject reports whether dir holds a gloss.toml: `gloss DIR` opens such
// a folder as a project rather than as a brat folder.
func IsProject(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, ConfigFile))
	return err == nil && st.Mode().IsRegular()
}

// Open reads and checks the project in dir: gloss.toml, its label set, and
// that none of the project's paths is a symbolic link (a hostile repository
// could otherwise make a save write outside the folder).
func Open(dir string) (*Project, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	p := &Project{Dir: abs}
	data, err := p.readInside(ConfigFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: not a Gloss project (no %s; make one with gloss project init)", dir, ConfigFile)
		}
		return nil, err
	}
	c, err := ParseConfig(data, p.Path(ConfigFile))
	if err != nil {
		return nil, err
	}
	p.Config = c
	switch {
	case c.Inline != nil:
		p.Labels = c.Inline
	case c.LabelsFile != "":
		data, err := p.readInside(c.LabelsFile)
		if err != nil {
			return nil, fmt.Errorf("%s: labels: %w", p.Path(ConfigFile), err)
		}
		if p.Labels, err = annotate.ParseLabelSet(data, p.Path(c.LabelsFile)); err != nil {
			return nil, err
		}
	default:
		p.Labels = annotate.DefaultLabelSet()
	}
	for _, rel := range []string{DocumentsFile, AnnotationsDir, GoldFile} {
		if err := p.checkInside(rel); err != nil {
			return nil, err
		}
	}
	for _, name := range c.Members() {
		if err := p.checkInside(p.AnnotationFile(name)); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Path is the absolute path of rel, a slash-separated path inside the
// project.
func (p *Project) Path(rel string) string { return filepath.Join(p.Dir, filepath.FromSlash(rel)) }

// AnnotationFile is name's file, relative to the project: annotations/NAME.jsonl.
func (p *Project) AnnotationFile(name string) string {
	return AnnotationsDir + "/" + name + ".jsonl"
}

// OwnFiles are the files that name writes and syncs, relative to the
// project: their annotations when they annotate, gold.jsonl when they
// review, both when they do both.
func (p *Project) OwnFiles(name string) []string {
	var files []string
	if p.Config.IsAnnotator(name) {
		files = append(files, p.AnnotationFile(name))
	}
	if p.Config.Reviewer == name {
		files = append(files, GoldFile)
	}
	return files
}

// checkInside refuses rel when it, or a folder on the way to it, is a
// symbolic link or not what it should be; a path that does not exist yet
// is fine.
func (p *Project) checkInside(rel string) error {
	cur := p.Dir
	parts := strings.Split(rel, "/")
	for i, part := range parts {
		cur = filepath.Join(cur, part)
		st, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		last := i == len(parts)-1
		switch {
		case st.Mode()&fs.ModeSymlink != 0:
			return fmt.Errorf("%s: is a symbolic link; a project's files must be in its folder", cur)
		case !last && !st.IsDir():
			return fmt.Errorf("%s: is not a folder", cur)
		case last && rel != AnnotationsDir && !st.Mode().IsRegular():
			return fmt.Errorf("%s: is not a regular file", cur)
		case last && rel == AnnotationsDir && !st.IsDir():
			return fmt.Errorf("%s: is not a folder", cur)
		}
	}
	return nil
}

// readInside reads rel after checkInside.
func (p *Project) readInside(rel string) ([]byte, error) {
	if err := p.checkInside(rel); err != nil {
		return nil, err
	}
	return os.ReadFile(p.Path(rel))
}

// Documents reads documents.jsonl: every document's text, in project order.
func (p *Project) Documents() ([]*annotate.Document, error) {
	docs, err := readNative(p.Path(DocumentsFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: missing (the project's texts)", p.Path(DocumentsFile))
	}
	return docs, err
}

// ReadAnnotations reads name's file; a missing file is no work yet.
func (p *Project) ReadAnnotations(name string) ([]*annotate.Document, error) {
	docs, err := readNative(p.Path(p.AnnotationFile(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return docs, err
}

// readNative reads a native file whole; bad lines are reported together,
// one FILE:LINE: error each (at most maxProblems of them).
func readNative(path string) ([]*annotate.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := export.NewNativeReader(f, path, export.Options{})
	var docs []*annotate.Document
	var problems []error
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var le *export.LineError
			if !errors.As(err, &le) {
				return nil, err // an I/O error: reading on would fail again
			}
			problems = append(problems, err)
			if len(problems) == maxProblems {
				problems = append(problems, fmt.Errorf("%s: more problems not shown", path))
				break
			}
			continue
		}
		docs = append(docs, d)
	}
	return docs, errors.Join(problems...)
}

// maxProblems bounds the problems reported for one file.
const maxProblems = 20
