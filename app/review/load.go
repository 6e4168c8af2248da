package review

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gloss/annotate"
	"gloss/annotate/agree"
	"gloss/export"
)

// docState is one document under review: each annotator's version, the
// gold being decided and its history, the disagreements and what was
// decided at each.
type docState struct {
	id      string
	docs    []*annotate.Document
	gold    *annotate.Document
	hist    *annotate.History
	sites   []site
	choices []choice
	report  agree.Report
}

// open counts the sites not decided yet.
func (ds *docState) open() int {
	n := 0
	for _, c := range ds.choices {
		if c == undecided {
			n++
		}
	}
	return n
}

// corpus is everything New loads: the paired documents sorted from the
// least agreed, the corpus report, who annotated which file and what was
// left out.
type corpus struct {
	files   []string
	names   []string
	docs    []*docState
	report  agree.Report
	leftOut []string
}

// load reads and pairs the files as `gloss agree` does (export.Pairing),
// and starts each document's gold as their strict-majority merge. Any
// problem of the input (FILE:LINE: …, a file without documents, labels the
// set does not know) fails it; documents whose text differs between files,
// or that some file lacks, are left out and named in leftOut.
func load(files []string, labels *annotate.LabelSet) (*corpus, error) {
	if len(files) < 2 {
		return nil, fmt.Errorf("review: name at least two files, not %d", len(files))
	}
	p, err := export.OpenPairing(files, func(name string) (io.ReadCloser, error) { return os.Open(name) }, labels)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	c := &corpus{files: files}
	p.LeftOut = func(id, why string) { c.leftOut = append(c.leftOut, fmt.Sprintf("%s: %s", id, why)) }
	acc := agree.NewCorpus(len(files), labels)
	err = p.Run(func(docs []*annotate.Document) error {
		docs = slices.Clone(docs)
		r, err := acc.Add(docs)
		if err != nil {
			return err
		}
		gold, err := agree.Merge(docs, agree.Majority(len(docs)))
		if err != nil {
			return err
		}
		ds := &docState{id: docs[0].ID, docs: docs, gold: gold, hist: annotate.NewHistory(gold), report: r}
		ds.sites = findSites(docs)
		ds.choices = make([]choice, len(ds.sites))
		for i := range ds.choices {
			ds.choices[i] = undecided
		}
		c.docs = append(c.docs, ds)
		if c.names == nil {
			c.names = annotatorNames(files, docs)
		}
		return nil
	})
	if errors.Is(err, export.ErrNoCommonDocument) {
		return nil, fmt.Errorf("review: %w (%s)", err, strings.Join(c.leftOut, "; "))
	}
	if err != nil {
		return nil, err
	}
	c.report = acc.Report()
	// The least agreed first: that is where a lead's time goes.
	slices.SortStableFunc(c.docs, func(a, b *docState) int {
		if c := cmp.Compare(a.report.Overall.F1Exact, b.report.Overall.F1Exact); c != 0 {
			return c
		}
		if c := cmp.Compare(a.report.Overall.Kappa, b.report.Overall.Kappa); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return c, nil
}

// annotatorNames names each file's annotator: the annotator the file
// records, else the file's name without its extension.
func annotatorNames(files []string, docs []*annotate.Document) []string {
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = docs[i].Annotator
		if names[i] == "" {
			base := filepath.Base(f)
			names[i] = strings.TrimSuffix(base, filepath.Ext(base))
		}
	}
	return names
}
