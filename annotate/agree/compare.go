// Package agree measures how far annotators agree and merges their work
// into a gold file: span F1 (exact and overlapping), Cohen's κ and
// Krippendorff's α over code points, the list of disagreements a reviewer
// walks through, and the majority merge. It works on documents already in
// memory, one document id at a time, so that both the command line (which
// streams large files) and the review screen (one article) use it.
package agree

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"unicode"
	"unicode/utf8"

	"gloss/annotate"
)

// ErrTextDiffers is returned when the documents given for one id do not
// all have the same text: their offsets cannot be compared.
var ErrTextDiffers = errors.New("text differs between files")

// Measures are the four agreement figures of DESIGN.md for one label or
// for all labels.
type Measures struct {
	F1Exact   float64 `json:"f1_exact"`
	F1Overlap float64 `json:"f1_overlap"`
	Kappa     float64 `json:"kappa"`
	Alpha     float64 `json:"alpha"`
}

// LabelReport is the agreement on one label.
type LabelReport struct {
	Label string
	// Spans is the number of spans of this label in each file.
	Spans []int
	Measures
}

// Report is the agreement over one document or a corpus.
type Report struct {
	// Documents is how many documents (ids present in every file, with the
	// same text) were compared.
	Documents int
	// Units is the number of code points that are not white space: the
	// units of κ and α.
	Units int
	// Labels lists every label that some file used in the compared
	// documents, in label-set order, then labels the set does not know by
	// name. Labels nobody used are left out: they would add a perfect
	// score to the means.
	Labels []LabelReport
	// Overall pools the spans of all labels for the F1 figures; its κ and
	// α are the means over Labels (1 when no label was used).
	Overall Measures
	// Relations lists every relation label that some file used, in the
	// label set's order, then relations it does not know by name.
	Relations []RelationReport
	// F1ExactAll is f1_exact pooling every span and every relation (a
	// relation counts as one more item to agree on): a quote whose
	// speaker differs lowers it although its spans all agree. Documents
	// are ranked by it (see CompareAgreement).
	F1ExactAll float64
}

// CompareAgreement orders reports from the least agreed: by F1ExactAll,
// then by overall κ. Callers break ties by document id.
func CompareAgreement(a, b Report) int {
	if c := cmp.Compare(a.F1ExactAll, b.F1ExactAll); c != 0 {
		return c
	}
	return cmp.Compare(a.Overall.Kappa, b.Overall.Kappa)
}

// Compare measures the agreement of the annotations of one document, given
// once per file (at least two). It returns ErrTextDiffers when the texts
// differ. ls orders the labels; nil means the built-in set.
func Compare(docs []*annotate.Document, ls *annotate.LabelSet) (Report, error) {
	return NewCorpus(len(docs), ls).Add(docs)
}

// pairCounts are the tallies of one label for one pair of files.
type pairCounts struct {
	exact, overlap int // matched spans
	// a1, b1: units covered in the first, the second file; both: in both.
	a1, b1, both int
}

// labelCounts are the tallies of one label.
type labelCounts struct {
	spans []int        // per file
	pairs []pairCounts // per pair of files, see Corpus.pairs
	// hist[k] is the number of units covered in exactly k files, k ≥ 1;
	// hist[0] is derived from the unit count.
	hist []int
}

// Corpus accumulates agreement over the documents of several files, one
// document id at a time; its memory does not grow with the corpus. It is
// not safe for concurrent use.
type Corpus struct {
	files  int
	ls     *annotate.LabelSet
	pairs  [][2]int
	labels []string
	index  map[string]int
	counts []labelCounts
	docs   int
	units  int

	relLabels []string
	relIndex  map[string]int
	relCounts []relCounts

	// Scratch reused from document to document.
	prefix []int32
	doc    docScratch
	unions [][]interval
	events []event
	ids    map[string]spanKey
	links  [][]link
}

// NewCorpus starts an empty accumulator for the given number of files.
// ls orders the labels in reports; nil means the built-in set.
func NewCorpus(files int, ls *annotate.LabelSet) *Corpus {
	if ls == nil {
		ls = annotate.DefaultLabelSet()
	}
	c := &Corpus{files: files, ls: ls, index: map[string]int{}, relIndex: map[string]int{}}
	for i := range files {
		for j := i + 1; j < files; j++ {
			c.pairs = append(c.pairs, [2]int{i, j})
		}
	}
	return c
}

// Add compares one document, given once per file in the order of the
// files, adds it to the corpus and returns its own report. When the texts
// differ it returns ErrTextDiffers and adds nothing.
func (c *Corpus) Add(docs []*annotate.Document) (Report, error) {
	if len(docs) != c.files {
		return Report{}, fmt.Errorf("agree: %d documents for %d files", len(docs), c.files)
	}
	if c.files < 2 {
		return Report{}, errors.New("agree: agreement needs at least two files")
	}
	for _, d := range docs[1:] {
		if d.Text != docs[0].Text {
			return Report{}, ErrTextDiffers
		}
	}
	doc := c.compareDoc(docs, c.unitPrefix(docs[0].Text))
	c.docs++
	c.units += doc.units
	for _, lc := range doc.labels {
		k := intern(lc.name, &c.labels, c.index, &c.counts, c.newCounts)
		dst := &c.counts[k]
		for f, n := range lc.spans {
			dst.spans[f] += n
		}
		for p, pc := range lc.pairs {
			d := &dst.pairs[p]
			d.exact += pc.exact
			d.overlap += pc.overlap
			d.a1 += pc.a1
			d.b1 += pc.b1
			d.both += pc.both
		}
		for depth, n := range lc.hist {
			dst.hist[depth] += n
		}
	}
	for _, rc := range doc.rels {
		dst := &c.relCounts[intern(rc.name, &c.relLabels, c.relIndex, &c.relCounts, c.newRelCounts)]
		for f, n := range rc.relations {
			dst.relations[f] += n
		}
		for p, pc := range rc.pairs {
			d := &dst.pairs[p]
			d.exact += pc.exact
			d.overlap += pc.overlap
			d.linked += pc.linked
			d.agreed += pc.agreed
		}
	}
	names, counts := columns(doc.labels, func(l *docLabel) (string, labelCounts) { return l.name, l.labelCounts })
	relNames, rels := columns(doc.rels, func(r *docRel) (string, relCounts) { return r.name, r.relCounts })
	return c.report(1, doc.units, names, counts, relNames, rels), nil
}

// Report returns the agreement over every document added so far.
func (c *Corpus) Report() Report {
	return c.report(c.docs, c.units, c.labels, c.counts, c.relLabels, c.relCounts)
}

// Documents is the number of documents added so far.
func (c *Corpus) Documents() int { return c.docs }

// intern returns name's place in names, adding it (and fresh counts to
// counts) the first time.
func intern[C any](name string, names *[]string, index map[string]int, counts *[]C, fresh func() C) int {
	if k, ok := index[name]; ok {
		return k
	}
	k := len(*names)
	index[name] = k
	*names = append(*names, name)
	*counts = append(*counts, fresh())
	return k
}

// columns splits a document's tallies into names and counts, for report.
func columns[T, C any](items []T, split func(T) (string, C)) ([]string, []C) {
	names, counts := make([]string, len(items)), make([]C, len(items))
	for i, it := range items {
		names[i], counts[i] = split(it)
	}
	return names, counts
}

func (c *Corpus) newCounts() labelCounts {
	return labelCounts{
		spans: make([]int, c.files),
		pairs: make([]pairCounts, len(c.pairs)),
		hist:  make([]int, c.files+1),
	}
}

// unitPrefix fills c.prefix so that prefix[i] is the number of units (code
// points that are not Unicode White_Space) before code point i, and
// returns it. Units in [s, e) are then prefix[e] − prefix[s].
func (c *Corpus) unitPrefix(text string) []int32 {
	p := append(c.prefix[:0], 0)
	var n int32
	for i := 0; i < len(text); {
		b := text[i]
		if b < utf8.RuneSelf {
			i++
			if !asciiSpace[b] {
				n++
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if !unicode.Is(unicode.White_Space, r) {
				n++
			}
		}
		p = append(p, n)
	}
	c.prefix = p
	return p
}

// asciiSpace marks the ASCII White_Space characters: tab, LF, VT, FF, CR
// and space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// docLabel holds one label's spans in one document, per file.
type docLabel struct {
	name   string
	byFile [][]interval // per file, sorted, without duplicates
	labelCounts
}

// docScratch is one document's tallies.
type docScratch struct {
	units    int
	labels   []*docLabel
	index    map[string]*docLabel
	rels     []*docRel
	relIndex map[string]*docRel
}

// compareDoc tallies one document; prefix is its unit prefix.
func (c *Corpus) compareDoc(docs []*annotate.Document, prefix []int32) *docScratch {
	d := &c.doc
	d.units = int(prefix[len(prefix)-1])
	d.labels = d.labels[:0]
	clear(d.index)
	if d.index == nil {
		d.index = map[string]*docLabel{}
	}
	n := len(prefix) - 1
	for f, doc := range docs {
		for _, s := range doc.Spans {
			// Suggestions and rejected spans are not annotations; spans
			// out of range are clipped so that a document being edited
			// cannot panic here.
			start, end := max(s.Start, 0), min(s.End, n)
			if !s.Asserted() || start >= end {
				continue
			}
			l := d.index[s.Label]
			if l == nil {
				l = &docLabel{name: s.Label, byFile: make([][]interval, c.files), labelCounts: c.newCounts()}
				d.index[s.Label] = l
				d.labels = append(d.labels, l)
			}
			l.byFile[f] = append(l.byFile[f], interval{start, end})
		}
	}
	units := func(iv interval) int { return int(prefix[iv.end] - prefix[iv.start]) }
	if len(c.unions) != c.files {
		c.unions = make([][]interval, c.files)
	}
	unions := c.unions
	for _, l := range d.labels {
		for f := range l.byFile {
			slices.SortFunc(l.byFile[f], compareIntervals)
			l.byFile[f] = slices.Compact(l.byFile[f])
			l.spans[f] = len(l.byFile[f])
			unions[f] = union(l.byFile[f], unions[f])
		}
		covered := make([]int, c.files)
		for f, u := range unions {
			for _, iv := range u {
				covered[f] += units(iv)
			}
		}
		for p, fg := range c.pairs {
			a, b := l.byFile[fg[0]], l.byFile[fg[1]]
			l.pairs[p] = pairCounts{
				exact:   commonSorted(a, b, compareIntervals),
				overlap: maxOverlapMatching(a, b),
				a1:      covered[fg[0]],
				b1:      covered[fg[1]],
				both:    intersectionUnits(unions[fg[0]], unions[fg[1]], units),
			}
		}
		c.events = depthHistogram(unions, units, l.hist, c.events)
	}
	c.compareRelations(docs, n)
	return d
}

// intersectionUnits counts the units in both of two disjoint, sorted
// interval lists.
func intersectionUnits(a, b []interval, units func(interval) int) int {
	total, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		lo, hi := max(a[i].start, b[j].start), min(a[i].end, b[j].end)
		if lo < hi {
			total += units(interval{lo, hi})
		}
		if a[i].end < b[j].end {
			i++
		} else {
			j++
		}
	}
	return total
}

// event is a boundary of a covered range: delta is +1 at a start, −1 at
// an end.
type event struct{ pos, delta int }

// depthHistogram adds to hist[k] the units covered by exactly k of the
// files' unions (k ≥ 1), sweeping over their boundaries. events is scratch
// space, returned for reuse.
func depthHistogram(unions [][]interval, units func(interval) int, hist []int, events []event) []event {
	events = events[:0]
	for _, u := range unions {
		for _, iv := range u {
			events = append(events, event{iv.start, 1}, event{iv.end, -1})
		}
	}
	slices.SortFunc(events, func(a, b event) int { return cmp.Compare(a.pos, b.pos) })
	depth, last := 0, 0
	for _, e := range events {
		if depth > 0 && e.pos > last {
			hist[depth] += units(interval{last, e.pos})
		}
		depth += e.delta
		last = e.pos
	}
	return events
}

// report turns tallies into figures.
func (c *Corpus) report(docs, units int, names []string, counts []labelCounts, relNames []string, rels []relCounts) Report {
	r := Report{Documents: docs, Units: units}
	order := knownFirst(names, c.ls.LabelIndex)
	pooled := make([]pairCounts, len(c.pairs))
	pooledSpans := make([]int, c.files)
	for _, i := range order {
		lc := counts[i]
		lr := LabelReport{Label: names[i], Spans: slices.Clone(lc.spans)}
		for p, fg := range c.pairs {
			pc := lc.pairs[p]
			na, nb := lc.spans[fg[0]], lc.spans[fg[1]]
			lr.F1Exact += f1(pc.exact, na, nb)
			lr.F1Overlap += f1(pc.overlap, na, nb)
			lr.Kappa += kappa(units, pc.a1, pc.b1, pc.both)
			pooled[p].exact += pc.exact
			pooled[p].overlap += pc.overlap
		}
		np := float64(len(c.pairs))
		lr.F1Exact /= np
		lr.F1Overlap /= np
		lr.Kappa /= np
		lr.Alpha = binaryAlpha(units, lc.hist, c.files)
		for f, n := range lc.spans {
			pooledSpans[f] += n
		}
		r.Overall.Kappa += lr.Kappa
		r.Overall.Alpha += lr.Alpha
		r.Labels = append(r.Labels, lr)
	}
	if len(r.Labels) == 0 {
		r.Overall.Kappa, r.Overall.Alpha = 1, 1
	} else {
		r.Overall.Kappa /= float64(len(r.Labels))
		r.Overall.Alpha /= float64(len(r.Labels))
	}
	for p, fg := range c.pairs {
		na, nb := pooledSpans[fg[0]], pooledSpans[fg[1]]
		r.Overall.F1Exact += f1(pooled[p].exact, na, nb)
		r.Overall.F1Overlap += f1(pooled[p].overlap, na, nb)
	}
	r.Overall.F1Exact /= float64(len(c.pairs))
	r.Overall.F1Overlap /= float64(len(c.pairs))
	r.Relations = c.relationReports(relNames, rels)
	for p, fg := range c.pairs {
		m, na, nb := pooled[p].exact, pooledSpans[fg[0]], pooledSpans[fg[1]]
		for _, rc := range rels {
			m += rc.pairs[p].exact
			na += rc.relations[fg[0]]
			nb += rc.relations[fg[1]]
		}
		r.F1ExactAll += f1(m, na, nb)
	}
	r.F1ExactAll /= float64(len(c.pairs))
	return r
}

// knownFirst orders names (by their indexes): those the label set knows
// (index gives their place, or -1) in its order, then the others by name.
func knownFirst(names []string, index func(string) int) []int {
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		ia, ib := index(names[a]), index(names[b])
		if (ia < 0) != (ib < 0) {
			return cmp.Compare(ib, ia) // known names (index ≥ 0) first
		}
		if ia != ib {
			return cmp.Compare(ia, ib)
		}
		return cmp.Compare(names[a], names[b])
	})
	return order
}

// binaryAlpha is α over units coded 0/1 by all of files coders, given
// hist[k] = units that exactly k coders marked 1 (hist[0] is ignored and
// derived from units).
func binaryAlpha(units int, hist []int, files int) float64 {
	var co Coincidences
	zero := units
	for k := 1; k <= files; k++ {
		co.addCounts([]int{0, 1}, []int{files - k, k}, hist[k])
		zero -= hist[k]
	}
	co.addCounts([]int{0, 1}, []int{files, 0}, zero)
	return co.Alpha()
}
