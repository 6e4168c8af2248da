package project

import (
	"fmt"
	"os"

	"gloss/annotate"
)

// Work is what an annotator opens: their documents, with their work so far,
// and the file every save writes.
type Work struct {
	Person string
	// Docs are the documents given to the person, in project order, each
	// with their work so far; then any work of theirs on documents no
	// longer given to them, so that a save keeps it.
	Docs []*annotate.Document
	// Assigned counts the first documents of Docs that are given to the
	// person; the rest are kept work.
	Assigned int
	// SavePath is the person's own file, annotations/NAME.jsonl.
	SavePath string
	// Notes are things to tell the person (a text that differs from the
	// project's, documents given to them that the project lacks).
	Notes []string
}

// WorkFor gathers name's work. Only their own file is read: what teammates
// did is not shown (a blind project) unless the app asks for it apart.
// The annotations folder is made when missing, so that the first save
// finds it.
func (p *Project) WorkFor(name string) (*Work, error) {
	if !p.Config.IsAnnotator(name) {
		if err := p.CheckMember(name); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("%s reviews project %s and annotates none of it: open the review (gloss review %s)", name, p.Config.Name, p.Dir)
	}
	texts, err := p.Documents()
	if err != nil {
		return nil, err
	}
	mine, err := p.ReadAnnotations(name)
	if err != nil {
		// A broken own file would be overwritten by the first save: refuse.
		return nil, err
	}
	if err := os.MkdirAll(p.Path(AnnotationsDir), 0o755); err != nil {
		return nil, err
	}
	w := &Work{Person: name, SavePath: p.Path(p.AnnotationFile(name))}
	byID := make(map[string]*annotate.Document, len(texts))
	for _, d := range texts {
		byID[d.ID] = d
	}
	own := make(map[string]*annotate.Document, len(mine))
	for _, d := range mine {
		if own[d.ID] == nil {
			own[d.ID] = d
		}
	}
	used := map[string]bool{}
	for _, id := range p.Config.Assign[name] {
		d := own[id]
		switch {
		case d != nil:
			if t := byID[id]; t != nil && t.Text != d.Text {
				w.Notes = append(w.Notes, fmt.Sprintf("document %q: your text differs from the project's; your version is kept", truncate(id)))
			}
		case byID[id] != nil:
			d = byID[id].Clone()
			d.Annotator = name
		default:
			w.Notes = append(w.Notes, fmt.Sprintf("document %q is given to you but is not in %s", truncate(id), DocumentsFile))
			continue
		}
		used[id] = true
		w.Docs = append(w.Docs, d)
	}
	w.Assigned = len(w.Docs)
	for _, d := range mine {
		if !used[d.ID] {
			used[d.ID] = true
			w.Docs = append(w.Docs, d)
		}
	}
	if n := len(w.Docs) - w.Assigned; n > 0 {
		w.Notes = append(w.Notes, fmt.Sprintf("%d documents of your file are no longer given to you; they are kept at the end", n))
	}
	return w, nil
}
