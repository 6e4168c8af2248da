package project

import (
	"errors"
	"fmt"
	"io/fs"

	"gloss/annotate"
	"gloss/annotate/agree"
)

// AnnotatorProgress is one annotator's standing.
type AnnotatorProgress struct {
	Name string
	// Assigned is how many documents they were given; Done, InProgress and
	// Untouched split them.
	Assigned, Done, InProgress, Untouched int
	// Unassigned is how many documents of their file are no longer given
	// to them (a lead moved them): kept, counted apart.
	Unassigned int
}

// Fraction is the share of the assigned documents done, 0 when none.
func (a AnnotatorProgress) Fraction() float64 {
	if a.Assigned == 0 {
		return 0
	}
	return float64(a.Done) / float64(a.Assigned)
}

// PairAgreement is the agreement of two annotators on the documents both
// have done.
type PairAgreement struct {
	A, B      string
	Documents int
	Overall   agree.Measures
	// Relations is their agreement on each relation label (SAID_BY: who
	// said it), speaker agreement included.
	Relations []agree.RelationReport
}

// Status is a project's progress and agreement so far.
type Status struct {
	Name string
	// Documents is how many documents the project has; Unassigned how many
	// of them nobody was given.
	Documents, Unassigned int
	Annotators            []AnnotatorProgress
	// Gold is how many documents gold.jsonl holds.
	Gold int
	// Compared is how many documents two or more annotators have done.
	Compared int
	// Agreement pools every pair of annotators over the documents both have
	// done (each such pair of files is one comparison); nil when there are
	// none yet.
	Agreement *agree.Report
	// Pairs is the agreement of each pair of annotators who share done
	// documents, in annotator order.
	Pairs []PairAgreement
	// Problems are files that could not be read whole and documents whose
	// text differs from documents.jsonl; the figures leave them out.
	Problems []string
}

// annotatorProgress counts name's standing from the documents of their
// file.
func (p *Project) annotatorProgress(name string, docs []*annotate.Document) AnnotatorProgress {
	pr := AnnotatorProgress{Name: name}
	assigned := p.Config.AssignedTo(name)
	pr.Assigned = len(assigned)
	seen := make(map[string]bool, len(docs))
	for _, d := range docs {
		if seen[d.ID] {
			continue
		}
		seen[d.ID] = true
		st := annotate.StatusOf(d)
		switch {
		case !assigned[d.ID]:
			if st != annotate.Untouched {
				pr.Unassigned++
			}
		case st == annotate.Done:
			pr.Done++
		case st == annotate.InProgress:
			pr.InProgress++
		}
	}
	pr.Untouched = pr.Assigned - pr.Done - pr.InProgress
	return pr
}

// Status reads every annotator's file and measures the project: who has
// done what, and how far annotators agree on the documents two or more of
// them have done. A file that cannot be read whole is named in Problems
// and its readable documents still count.
func (p *Project) Status() (*Status, error) {
	docs, err := p.Documents()
	if err != nil && docs == nil {
		return nil, err
	}
	st := &Status{Name: p.Config.Name, Documents: len(docs)}
	if err != nil {
		st.Problems = append(st.Problems, problemLines(err)...)
	}
	texts := make(map[string]string, len(docs))
	order := make([]string, 0, len(docs))
	for _, d := range docs {
		if _, dup := texts[d.ID]; !dup {
			order = append(order, d.ID)
		}
		texts[d.ID] = d.Text
	}
	given := map[string]bool{}
	for _, ids := range p.Config.Assign {
		for _, id := range ids {
			given[id] = true
		}
	}
	for _, id := range order {
		if !given[id] {
			st.Unassigned++
		}
	}

	// done[i][id] is annotator i's finished version of document id.
	names := p.Config.Annotators
	done := make([]map[string]*annotate.Document, len(names))
	for i, name := range names {
		work, err := p.ReadAnnotations(name)
		if err != nil {
			st.Problems = append(st.Problems, problemLines(err)...)
		}
		st.Annotators = append(st.Annotators, p.annotatorProgress(name, work))
		done[i] = map[string]*annotate.Document{}
		for _, d := range work {
			if annotate.StatusOf(d) != annotate.Done || done[i][d.ID] != nil {
				continue
			}
			if text, ok := texts[d.ID]; ok && text != d.Text {
				st.Problems = append(st.Problems, fmt.Sprintf("%s: document %q: the text differs from %s; left out of agreement",
					p.Path(p.AnnotationFile(name)), truncate(d.ID), DocumentsFile))
				continue
			}
			done[i][d.ID] = d
		}
	}
	if gold, err := readNative(p.Path(GoldFile)); err == nil || gold != nil {
		st.Gold = len(gold)
		if err != nil {
			st.Problems = append(st.Problems, problemLines(err)...)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		st.Problems = append(st.Problems, problemLines(err)...)
	}

	p.measure(st, order, done)
	return st, nil
}

// measure fills the agreement of st: every pair of annotators on every
// document both have done, pooled, and per pair.
func (p *Project) measure(st *Status, order []string, done []map[string]*annotate.Document) {
	n := len(done)
	pooled := agree.NewCorpus(2, p.Labels)
	pairs := make([]*agree.Corpus, n*n)
	for _, id := range order {
		var who []int
		for i := range done {
			if done[i][id] != nil {
				who = append(who, i)
			}
		}
		if len(who) < 2 {
			continue
		}
		st.Compared++
		for x, i := range who {
			for _, j := range who[x+1:] {
				pair := []*annotate.Document{done[i][id], done[j][id]}
				if _, err := pooled.Add(pair); err != nil {
					continue // texts differ: reported above against documents.jsonl
				}
				k := i*n + j
				if pairs[k] == nil {
					pairs[k] = agree.NewCorpus(2, p.Labels)
				}
				pairs[k].Add(pair)
			}
		}
	}
	if pooled.Documents() > 0 {
		r := pooled.Report()
		st.Agreement = &r
	}
	names := p.Config.Annotators
	for i := range n {
		for j := i + 1; j < n; j++ {
			if c := pairs[i*n+j]; c != nil {
				r := c.Report()
				st.Pairs = append(st.Pairs, PairAgreement{A: names[i], B: names[j], Documents: c.Documents(), Overall: r.Overall, Relations: r.Relations})
			}
		}
	}
}

// problemLines splits a joined error into one line per problem.
func problemLines(err error) []string {
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		var lines []string
		for _, e := range joined.Unwrap() {
			lines = append(lines, problemLines(e)...)
		}
		return lines
	}
	return []string{err.Error()}
}
