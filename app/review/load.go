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
	// resumed counts the documents whose gold came from an existing gold
	// file; kept are that file's documents the review does not pair, saved
	// back as they were.
	resumed int
	kept    []*annotate.Document
}

// load reads and pairs the files as `gloss agree` does (export.Pairing),
// and starts each document's gold as their strict-majority merge. Any
// problem of the input (FILE:LINE: …, a file without documents, labels the
// set does not know) fails it; documents whose text differs between files,
// or that some file lacks, are left out and named in leftOut.
//
// When gold names an existing file, the review resumes: each document of
// that file whose id and text match a paired document is its starting gold
// instead of the merge, and what was decided is read back from it.
func load(files []string, gold string, labels *annotate.LabelSet) (*corpus, error) {
	if len(files) < 2 {
		return nil, fmt.Errorf("review: name at least two files, not %d", len(files))
	}
	p, err := export.OpenPairing(files, func(name string) (io.ReadCloser, error) { return os.Open(name) }, labels)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	c := &corpus{files: files}
	p.LeftOut = func(id, why string) { c.leftOut = append(c.leftOut, fmt.Sprintf("%s: %s", id, shortNames(why, files))) }
	acc := agree.NewCorpus(len(files), labels)
	unknown := make([][]string, len(files)) // labels each file uses that the set lacks
	err = p.Run(func(docs []*annotate.Document) error {
		docs = slices.Clone(docs)
		for i, d := range docs {
			for _, sp := range d.Spans {
				if labels.Label(sp.Label) == nil && !slices.Contains(unknown[i], sp.Label) {
					unknown[i] = append(unknown[i], sp.Label)
				}
			}
		}
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
		// Many unknown labels usually mean a file made with another label
		// set: say so once per file, after the line-by-line problems.
		for i, ls := range unknown {
			if len(ls) > 0 {
				err = errors.Join(err, fmt.Errorf("%s: labels %s are not in the label set: was it annotated with another one? Name it with --labels FILE",
					files[i], strings.Join(ls, ", ")))
			}
		}
		return nil, err
	}
	c.report = acc.Report()
	if err := c.resume(gold, labels); err != nil {
		return nil, err
	}
	// The least agreed first: that is where a lead's time goes. Speakers
	// count: a document whose spans all agree but whose quotes have
	// different speakers is not a finished one.
	slices.SortStableFunc(c.docs, func(a, b *docState) int {
		if c := agree.CompareAgreement(a.report, b.report); c != 0 {
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

// resume starts from the gold file at path when there is one: a bad gold
// file is an error like a bad input file.
func (c *corpus) resume(path string, labels *annotate.LabelSet) error {
	if path == "" {
		return nil
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	byID := map[string]*docState{}
	for _, ds := range c.docs {
		byID[ds.id] = ds
	}
	r := export.NewNativeReader(f, path, export.Options{})
	var problems []error
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *export.LineError
		if errors.As(err, &le) {
			problems = append(problems, le)
			continue
		}
		if err != nil {
			return err
		}
		for _, p := range annotate.Validate(d, labels) {
			problems = append(problems, &export.LineError{File: path, Line: r.Line(), Msg: p.String()})
		}
		ds := byID[d.ID]
		switch {
		case ds == nil:
			c.kept = append(c.kept, d)
		case d.Text != ds.gold.Text:
			c.leftOut = append(c.leftOut, fmt.Sprintf("%s: the gold in %s has another text; starting from the merge", d.ID, path))
		default:
			for i := range ds.sites {
				ds.choices[i] = inferChoice(&ds.sites[i], d, ds.gold)
			}
			ds.gold = d
			ds.hist = annotate.NewHistory(d)
			delete(byID, d.ID)
			c.resumed++
		}
	}
	return errors.Join(problems...)
}

// inferChoice reads back what a saved gold decided at s: undecided where
// it holds what the merge holds (a gold saved before deciding there looks
// just like that, so the site stays open), else the first annotator whose
// version it holds exactly, else all of them, else none; undecided when it
// holds some other mix.
func inferChoice(s *site, gold, merged *annotate.Document) choice {
	have, fromMerge := s.held(gold), s.held(merged)
	same := func(w map[key]bool) bool {
		if len(w) != len(have) {
			return false
		}
		for k := range w {
			if !have[k] {
				return false
			}
		}
		return true
	}
	if same(fromMerge) {
		return undecided
	}
	for k := range s.versions {
		if same(s.wanted(choice(k))) {
			return choice(k)
		}
	}
	if same(s.wanted(both)) {
		return both
	}
	if len(have) == 0 {
		return neither
	}
	return undecided
}

// held is the set of s's spans that d holds; for a speaker site, the
// speakers d links the source to.
func (s *site) held(d *annotate.Document) map[key]bool {
	if s.speaker() {
		have := map[key]bool{}
		for _, sp := range agree.Speakers(d, s.source, s.relation) {
			have[keyOf(sp)] = true
		}
		return have
	}
	in := map[key]bool{}
	for _, k := range s.keys {
		in[k] = true
	}
	have := map[key]bool{}
	for _, sp := range d.Spans {
		if k := keyOf(sp); in[k] && !sp.Suggested {
			have[k] = true
		}
	}
	return have
}

// shortNames writes the files' base names for their paths in msg: the
// screen's narrow column has no room for folders.
func shortNames(msg string, files []string) string {
	byLength := slices.Clone(files)
	slices.SortFunc(byLength, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	pairs := make([]string, 0, 2*len(files))
	for _, f := range byLength {
		pairs = append(pairs, f, filepath.Base(f))
	}
	return strings.NewReplacer(pairs...).Replace(msg)
}
