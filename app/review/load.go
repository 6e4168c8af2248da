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

// docState is one document under review, parsed: each annotator's
// version, the merge the gold started from, the disagreements and what was
// decided at each. The gold itself is the session's document (gold is it
// while the document is open).
type docState struct {
	id      string
	docs    []*annotate.Document
	gold    *annotate.Document
	sites   []site
	choices []choice
	report  agree.Report
	// runes is the text as code points, for the lanes' passages (made
	// when first needed).
	runes []rune
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

// docInfo is what the screen keeps of every paired document: what the
// document list shows, and where to read it again. A corpus of 100,000
// documents is a few dozen MB of these, not the documents.
type docInfo struct {
	id string
	// at is where each file has the document's line; versions holds the
	// documents instead when some file cannot be read again (a pipe).
	at       []export.Place
	versions []*annotate.Document
	// gold is the document's line in the gold file resumed, if it has one
	// with the same text.
	gold        *export.Place
	f1, kappa   float64
	sites, open int
}

// corpus is everything New loads: the paired documents sorted from the
// least agreed, the corpus report, who annotated which file and what was
// left out, and the files to read the documents from again.
type corpus struct {
	files   []string
	names   []string
	docs    []docInfo
	report  agree.Report
	leftOut []string
	labels  *annotate.LabelSet
	// in are the files, open to read documents again; goldIn is the gold
	// file resumed (nil when none) and goldPath its name.
	in       []*os.File
	goldIn   *os.File
	goldPath string
	// resumed counts the documents whose gold came from an existing gold
	// file; kept are that file's documents the review does not pair,
	// saved back as they were.
	resumed int
	kept    []export.Place
	keptIDs []string
}

// load reads and pairs the files as `gloss agree` does (export.Pairing),
// keeping of each paired document only its figures and where its lines
// are: a document is parsed again when it is shown (state) and its gold
// made when needed (makeGold), as the strict-majority merge of the
// versions. Any problem of the input (FILE:LINE: …, a file without
// documents, labels the set does not know) fails it; documents whose text
// differs between files, or that some file lacks, are left out and named
// in leftOut.
//
// When gold names an existing file, the review resumes: each document of
// that file whose id and text match a paired document is its starting gold
// instead of the merge, and what was decided is read back from it.
func load(files []string, gold string, labels *annotate.LabelSet) (_ *corpus, err error) {
	if len(files) < 2 {
		return nil, fmt.Errorf("review: name at least two files, not %d", len(files))
	}
	c := &corpus{files: files, labels: labels}
	defer func() {
		if err != nil {
			c.close()
		}
	}()
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		c.in = append(c.in, f)
	}
	golds, err := c.indexGold(gold, labels)
	if err != nil {
		return nil, err
	}
	used := make([]bool, len(golds.places))
	p, err := export.OpenPairing(files, func(name string) (io.ReadCloser, error) { return os.Open(name) }, labels)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	p.LeftOut = func(id, why string) { c.leftOut = append(c.leftOut, fmt.Sprintf("%s: %s", id, shortNames(why, files))) }
	acc := agree.NewCorpus(len(files), labels)
	unknown := make([][]string, len(files)) // labels each file uses that the set lacks
	err = p.Run(func(docs []*annotate.Document) error {
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
		info := docInfo{id: docs[0].ID, f1: r.F1ExactAll, kappa: r.Overall.Kappa}
		var ok bool
		if info.at, ok = p.Places(nil); !ok {
			info.versions = slices.Clone(docs)
		}
		sites := findSites(docs)
		info.sites, info.open = len(sites), len(sites)
		if k, has := golds.byID[info.id]; has {
			g, err := c.readGold(golds.places[k])
			switch {
			case err != nil:
				return err
			case g.Text != docs[0].Text:
				c.leftOut = append(c.leftOut, fmt.Sprintf("%s: the gold in %s has another text; starting from the merge", g.ID, gold))
			default:
				merged, err := agree.Merge(docs, agree.Majority(len(docs)))
				if err != nil {
					return err
				}
				info.open = 0
				for i := range sites {
					if inferChoice(&sites[i], g, merged) == undecided {
						info.open++
					}
				}
				info.gold = &golds.places[k]
				used[k] = true
				c.resumed++
			}
		}
		if c.names == nil {
			c.names = annotatorNames(files, docs)
		}
		c.docs = append(c.docs, info)
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
	for k, at := range golds.places {
		if !used[k] {
			c.kept = append(c.kept, at)
			c.keptIDs = append(c.keptIDs, golds.ids[k])
		}
	}
	// The least agreed first: that is where a lead's time goes. Speakers
	// count: a document whose spans all agree but whose quotes have
	// different speakers is not a finished one.
	slices.SortStableFunc(c.docs, func(a, b docInfo) int {
		ra := agree.Report{F1ExactAll: a.f1, Overall: agree.Measures{Kappa: a.kappa}}
		rb := agree.Report{F1ExactAll: b.f1, Overall: agree.Measures{Kappa: b.kappa}}
		if c := agree.CompareAgreement(ra, rb); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	return c, nil
}

// goldIndex is where the documents of a gold file are, by id.
type goldIndex struct {
	places []export.Place
	ids    []string
	byID   map[string]int
}

// indexGold opens the gold file at path, when there is one, and notes
// where each of its documents is, checking them: a bad gold file is an
// error like a bad input file.
func (c *corpus) indexGold(path string, labels *annotate.LabelSet) (goldIndex, error) {
	gi := goldIndex{byID: map[string]int{}}
	if path == "" {
		return gi, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return gi, nil
	}
	if err != nil {
		return gi, err
	}
	c.goldIn, c.goldPath = f, path
	st, err := f.Stat()
	if err != nil {
		return gi, err
	}
	ix := export.NewIndexer(io.NewSectionReader(f, 0, st.Size()), path, 0, 0)
	var problems []error
	for {
		e, err := ix.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var le *export.LineError
		if errors.As(err, &le) {
			problems = append(problems, le)
			continue
		}
		if err != nil {
			return gi, err
		}
		d, err := export.ParseNativeLine(ix.Raw(), path, e.Line, export.Options{})
		if err != nil {
			problems = append(problems, err)
			continue
		}
		for _, p := range annotate.Validate(d, labels) {
			problems = append(problems, &export.LineError{File: path, Line: e.Line, Msg: p.String()})
		}
		if _, dup := gi.byID[d.ID]; !dup {
			gi.byID[d.ID] = len(gi.places)
		}
		gi.places = append(gi.places, export.Place{Off: e.Offset, Size: e.Size, Line: e.Line})
		gi.ids = append(gi.ids, d.ID)
	}
	return gi, errors.Join(problems...)
}

// readLine parses the document whose line is at in f (named name).
func readLine(f *os.File, name string, at export.Place) (*annotate.Document, error) {
	buf := make([]byte, at.Size)
	if _, err := f.ReadAt(buf, at.Off); err != nil {
		return nil, fmt.Errorf("%s:%d: the file changed since it was opened: %w", name, at.Line, err)
	}
	return export.ParseNativeLine(buf, name, at.Line, export.Options{})
}

// readGold parses the gold file's document at at.
func (c *corpus) readGold(at export.Place) (*annotate.Document, error) {
	return readLine(c.goldIn, c.goldPath, at)
}

// versions parses each annotator's version of document i again.
func (c *corpus) versions(i int) ([]*annotate.Document, error) {
	info := &c.docs[i]
	if info.versions != nil {
		return info.versions, nil
	}
	docs := make([]*annotate.Document, len(info.at))
	for k, at := range info.at {
		d, err := readLine(c.in[k], c.files[k], at)
		if err != nil {
			return nil, err
		}
		if d.ID != info.id {
			return nil, fmt.Errorf("%s:%d: the file changed since it was opened", c.files[k], at.Line)
		}
		docs[k] = d
	}
	return docs, nil
}

// makeGold makes gold document i, the documents under review first in
// the list's order and then the kept ones: its line in the gold file
// resumed, or the merge of the versions. It is a session.Maker: it may
// run on any goroutine (a save runs it in the background).
func (c *corpus) makeGold(i int) (*annotate.Document, error) {
	if i >= len(c.docs) {
		return c.readGold(c.kept[i-len(c.docs)])
	}
	if at := c.docs[i].gold; at != nil {
		return c.readGold(*at)
	}
	docs, err := c.versions(i)
	if err != nil {
		return nil, err
	}
	return agree.Merge(docs, agree.Majority(len(docs)))
}

// goldIDs are the ids of the gold documents makeGold makes.
func (c *corpus) goldIDs() []string {
	ids := make([]string, 0, len(c.docs)+len(c.kept))
	for i := range c.docs {
		ids = append(ids, c.docs[i].id)
	}
	return append(ids, c.keptIDs...)
}

// state parses document i for the screen, given its gold now: the
// versions, their disagreements, and what the gold decided at each
// (read back as a resumed gold file is).
func (c *corpus) state(i int, gold *annotate.Document) (*docState, error) {
	docs, err := c.versions(i)
	if err != nil {
		return nil, err
	}
	r, err := agree.Compare(docs, c.labels)
	if err != nil {
		return nil, err
	}
	merged, err := agree.Merge(docs, agree.Majority(len(docs)))
	if err != nil {
		return nil, err
	}
	ds := &docState{id: c.docs[i].id, docs: docs, gold: gold, report: r, sites: findSites(docs)}
	ds.choices = make([]choice, len(ds.sites))
	for k := range ds.sites {
		ds.choices[k] = inferChoice(&ds.sites[k], gold, merged)
	}
	return ds, nil
}

// close lets go of the files.
func (c *corpus) close() {
	for _, f := range c.in {
		f.Close()
	}
	if c.goldIn != nil {
		c.goldIn.Close()
	}
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
