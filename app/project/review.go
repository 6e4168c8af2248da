package project

import (
	"fmt"
	"path/filepath"
	"strconv"

	"gloss/annotate"
	"gloss/export"
)

// ReviewInput is what the review screen opens for a project.
type ReviewInput struct {
	// Files are native files that pair document by document, one a lane:
	// the review screen pairs documents present in every file.
	Files []string
	// Gold is gold.jsonl, where the review saves.
	Gold string
	// Ready counts the documents put up for review; Waiting those that
	// some annotator given them has not marked done yet.
	Ready, Waiting int
	// Anonymous is set when lanes stand for "the first, second, …
	// annotator of each document" rather than for one person: with more
	// annotators than the overlap, different documents have different
	// pairs of annotators.
	Anonymous bool
}

// ReviewFiles writes into dir (a temporary folder the caller removes)
// the files the review screen compares: for each document that every
// annotator it is given to has marked done, and at least two have, one
// version per annotator. When everyone annotates everything (overlap equals
// the number of annotators) each lane is one person's file, NAME.jsonl;
// otherwise lane i holds the i-th annotator's version of each document (in
// annotator order) and the lanes are named annotator-1, annotator-2, …
// Documents with fewer done versions than lanes wait for the rest.
func (p *Project) ReviewFiles(dir string) (*ReviewInput, error) {
	c := p.Config
	in := &ReviewInput{Gold: p.Path(GoldFile)}
	texts, err := p.Documents()
	if err != nil {
		return nil, err
	}
	done := make([]map[string]*annotate.Document, len(c.Annotators))
	for i, name := range c.Annotators {
		docs, err := p.ReadAnnotations(name)
		if err != nil {
			return nil, err
		}
		done[i] = map[string]*annotate.Document{}
		for _, d := range docs {
			if annotate.StatusOf(d) == annotate.Done && done[i][d.ID] == nil {
				d.Annotator = name
				done[i][d.ID] = d
			}
		}
	}
	lanes := c.Overlap
	whole := lanes == len(c.Annotators)
	in.Anonymous = !whole
	if lanes < 2 {
		return nil, fmt.Errorf("project %s gives each document to one annotator (overlap 1): there is nothing to compare; review needs overlap 2 or more", c.Name)
	}
	given := map[string][]int{}
	for i, name := range c.Annotators {
		for _, id := range c.Assign[name] {
			given[id] = append(given[id], i)
		}
	}
	out := make([][]*annotate.Document, lanes)
	for _, t := range texts {
		who := given[t.ID]
		var versions []*annotate.Document
		for _, i := range who {
			if d := done[i][t.ID]; d != nil {
				versions = append(versions, d)
			}
		}
		if len(who) < 2 {
			continue
		}
		if len(versions) < len(who) || len(versions) < lanes {
			in.Waiting++
			continue
		}
		in.Ready++
		for lane := range lanes {
			d := versions[lane]
			if whole {
				d = done[lane][t.ID]
			} else {
				d = d.Clone()
				// Lanes are slots, not people: the name of the one who made
				// this version would mislabel the others'.
				d.Annotator = ""
			}
			out[lane] = append(out[lane], d)
		}
	}
	if in.Ready == 0 {
		return nil, fmt.Errorf("project %s: no document is ready for review yet (%d wait for annotators to mark them done)", c.Name, in.Waiting)
	}
	for lane := range lanes {
		name := "annotator-" + strconv.Itoa(lane+1)
		if whole {
			name = c.Annotators[lane]
		}
		path := filepath.Join(dir, name+".jsonl")
		if err := export.SaveNative(path, out[lane]...); err != nil {
			return nil, err
		}
		in.Files = append(in.Files, path)
	}
	return in, nil
}
