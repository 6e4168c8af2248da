package agree

import (
	"cmp"
	"slices"

	"gloss/annotate"
)

// RelationMeasures are the agreement figures of DESIGN.md ("Agreement of
// relations") for one relation label.
type RelationMeasures struct {
	// F1Exact is 2·m / (|A| + |B|), m = relations equal in both files
	// (label, and both ends' start, end and label); 1 when both are empty.
	F1Exact float64 `json:"f1_exact"`
	// F1Overlap is the same with m = a maximum one-to-one matching of
	// relations whose sources have the same label and share a code point,
	// and whose targets do too.
	F1Overlap float64 `json:"f1_overlap"`
	// SpeakerAgreement is, over the Linked sources, the share that both
	// files link to the same speakers (see speakersAgree); 1 when Linked
	// is 0.
	SpeakerAgreement float64 `json:"speaker_agreement"`
	// Linked counts the source spans that both files of a pair have
	// exactly and that at least one of them links by this relation,
	// summed over the pairs of files (with two files: the count).
	Linked int `json:"linked"`
}

// RelationReport is the agreement on one relation label.
type RelationReport struct {
	Label string
	// Relations is the number of relations of this label in each file.
	Relations []int
	RelationMeasures
}

// link is a relation as agreement sees it: its label and its two ends,
// each a span by (start, end, label). Ids play no part: each annotator's
// differ.
type link struct {
	label    string
	from, to spanKey
}

func compareLinks(a, b link) int {
	if c := cmp.Compare(a.label, b.label); c != 0 {
		return c
	}
	if c := compareKeys(a.from, b.from); c != 0 {
		return c
	}
	return compareKeys(a.to, b.to)
}

// relPairCounts are the tallies of one relation label for one pair of
// files.
type relPairCounts struct {
	exact, overlap int // matched relations
	linked, agreed int // sources compared, and those whose speakers agree
}

// relCounts are the tallies of one relation label.
type relCounts struct {
	relations []int           // per file
	pairs     []relPairCounts // per pair of files
}

// docRel holds one relation label's links in one document, per file.
type docRel struct {
	name   string
	byFile [][]link // per file, sorted, without duplicates
	relCounts
}

// appendLinks appends d's relations as links, sorted by (label, from,
// to) and without duplicates. Suggestions, relations whose ends are
// missing or suggestions, and ends empty after clipping to the text's n
// code points (as compareDoc clips spans) are left out. ids is scratch.
func appendLinks(out []link, d *annotate.Document, n int, ids map[string]spanKey) []link {
	clear(ids)
	for _, s := range d.Spans {
		start, end := max(s.Start, 0), min(s.End, n)
		if !s.Asserted() || start >= end {
			continue
		}
		ids[s.ID] = spanKey{start, end, s.Label}
	}
	first := len(out)
	for _, r := range d.Relations {
		from, okFrom := ids[r.From]
		to, okTo := ids[r.To]
		if r.Suggested || !okFrom || !okTo {
			continue
		}
		out = append(out, link{r.Label, from, to})
	}
	mine := out[first:]
	slices.SortFunc(mine, compareLinks)
	return out[:first+len(slices.Compact(mine))]
}

// compareRelations tallies the relations of one document; d's span
// labels must be tallied already (the speaker measure asks which sources
// both files have).
func (c *Corpus) compareRelations(docs []*annotate.Document, n int) {
	d := &c.doc
	d.rels = d.rels[:0]
	clear(d.relIndex)
	if d.relIndex == nil {
		d.relIndex = map[string]*docRel{}
	}
	if c.ids == nil {
		c.ids = map[string]spanKey{}
	}
	if len(c.links) != c.files {
		c.links = make([][]link, c.files)
	}
	some := false
	for f, doc := range docs {
		c.links[f] = appendLinks(c.links[f][:0], doc, n, c.ids)
		some = some || len(c.links[f]) > 0
	}
	if !some {
		return
	}
	for f, ls := range c.links {
		for i := 0; i < len(ls); {
			j := i + 1
			for j < len(ls) && ls[j].label == ls[i].label {
				j++
			}
			r := d.relIndex[ls[i].label]
			if r == nil {
				r = &docRel{name: ls[i].label, byFile: make([][]link, c.files), relCounts: c.newRelCounts()}
				d.relIndex[r.name] = r
				d.rels = append(d.rels, r)
			}
			r.byFile[f] = ls[i:j]
			r.relations[f] = j - i
			i = j
		}
	}
	has := func(f int, k spanKey) bool {
		l := d.index[k.label]
		if l == nil {
			return false
		}
		_, found := slices.BinarySearchFunc(l.byFile[f], interval{k.start, k.end}, compareIntervals)
		return found
	}
	for _, r := range d.rels {
		for p, fg := range c.pairs {
			a, b := r.byFile[fg[0]], r.byFile[fg[1]]
			pc := relPairCounts{exact: commonSorted(a, b, compareLinks), overlap: linkOverlapMatching(a, b)}
			forSources(a, b, func(src spanKey, sa, sb []link) {
				if !has(fg[0], src) || !has(fg[1], src) {
					return
				}
				pc.linked++
				if speakersAgree(sa, sb) {
					pc.agreed++
				}
			})
			r.pairs[p] = pc
		}
	}
}

func (c *Corpus) newRelCounts() relCounts {
	return relCounts{relations: make([]int, c.files), pairs: make([]relPairCounts, len(c.pairs))}
}

func (k spanKey) overlaps(o spanKey) bool {
	return k.label == o.label && k.start < o.end && o.start < k.end
}

// linkOverlapMatching is the size of a maximum one-to-one matching of a's
// links with b's (one label, each sorted by source) whose sources overlap
// with the same label, and whose targets do too.
func linkOverlapMatching(a, b []link) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	first := make([]int, len(a)+1)
	var adj []int
	for i, x := range a {
		first[i] = len(adj)
		for j, y := range b {
			if y.from.start >= x.from.end {
				break // b is sorted by source start
			}
			if x.from.overlaps(y.from) && x.to.overlaps(y.to) {
				adj = append(adj, j)
			}
		}
	}
	first[len(a)] = len(adj)
	return len(hopcroftKarp(len(a), len(b), first, adj))
}

// forSources calls each once per source span that a or b (one label's
// links, sorted) links, in order, with the links of each from it.
func forSources(a, b []link, each func(src spanKey, sa, sb []link)) {
	run := func(ls []link, i int) int {
		j := i + 1
		for j < len(ls) && ls[j].from == ls[i].from {
			j++
		}
		return j
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		var c int
		switch {
		case i == len(a):
			c = 1
		case j == len(b):
			c = -1
		default:
			c = compareKeys(a[i].from, b[j].from)
		}
		switch {
		case c < 0:
			e := run(a, i)
			each(a[i].from, a[i:e], nil)
			i = e
		case c > 0:
			e := run(b, j)
			each(b[j].from, nil, b[j:e])
			j = e
		default:
			ea, eb := run(a, i), run(b, j)
			each(a[i].from, a[i:ea], b[j:eb])
			i, j = ea, eb
		}
	}
}

// speakersAgree reports whether two files link one source to the same
// speakers: both link it, and their targets pair up one to one, each pair
// with the same label and sharing a code point. One quote's "Macron" and
// "Emmanuel Macron" agree; "Macron" and "Binet" do not, nor do "Macron"
// and "Macron and Merkel" given as two speakers. sa and sb are the links
// from the source, sorted by target.
func speakersAgree(sa, sb []link) bool {
	if len(sa) == 0 || len(sa) != len(sb) {
		return false
	}
	if len(sa) == 1 {
		return sa[0].to.overlaps(sb[0].to)
	}
	ta, tb := make([]interval, len(sa)), make([]interval, len(sb))
	for i, l := range sa {
		ta[i] = interval{l.to.start, l.to.end}
	}
	for i, l := range sb {
		tb[i] = interval{l.to.start, l.to.end}
	}
	// Targets of one source are sorted by (start, end, label): by start,
	// as matchOverlaps wants.
	m := matchOverlaps(ta, tb, func(i, j int) bool { return sa[i].to.label == sb[j].to.label })
	return len(m) == len(sa)
}

// relationReports turns relation tallies into figures, in the label set's
// relation order, then relations it does not know by name.
func (c *Corpus) relationReports(names []string, counts []relCounts) []RelationReport {
	known := func(name string) int {
		return slices.IndexFunc(c.ls.Relations, func(r annotate.RelationDef) bool { return r.Name == name })
	}
	order := knownFirst(names, known)
	out := make([]RelationReport, 0, len(names))
	for _, i := range order {
		rc := counts[i]
		rr := RelationReport{Label: names[i], Relations: slices.Clone(rc.relations)}
		for p, fg := range c.pairs {
			pc := rc.pairs[p]
			na, nb := rc.relations[fg[0]], rc.relations[fg[1]]
			rr.F1Exact += f1(pc.exact, na, nb)
			rr.F1Overlap += f1(pc.overlap, na, nb)
			rr.SpeakerAgreement += share(pc.agreed, pc.linked)
			rr.Linked += pc.linked
		}
		np := float64(len(c.pairs))
		rr.F1Exact /= np
		rr.F1Overlap /= np
		rr.SpeakerAgreement /= np
		out = append(out, rr)
	}
	return out
}

// share is m / n, and 1 when n is 0: nothing to disagree on.
func share(m, n int) float64 {
	if n == 0 {
		return 1
	}
	return float64(m) / float64(n)
}
