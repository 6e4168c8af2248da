package agree

import (
	"fmt"
	"slices"
	"strings"

	"gloss/annotate"
)

// ChoiceReport is the agreement on one group of document labels
// (annotate.Document.Choices) over the paired documents.
type ChoiceReport struct {
	Group string
	// Documents is, per file, how many documents have a value of the
	// group.
	Documents []int
	// Percent is the share of documents to which both files of a pair
	// gave the same set of values (none counting as a set), the mean over
	// pairs.
	Percent float64
	// Kappa is Cohen's κ over units = (document, value) for every
	// document and every value of the group (those of the label set and
	// any other a file used), a unit being 1 when the document has that
	// value; the mean over pairs. 1 when chance agreement is 1.
	Kappa float64
}

// Choices accumulates the agreement on document labels over the
// documents of several files, one document id at a time, as Corpus does
// for spans. Its memory grows with the groups and values, not with the
// documents.
type Choices struct {
	files  int
	ls     *annotate.LabelSet
	pairs  [][2]int
	docs   int
	groups []*choiceCounts
	index  map[string]*choiceCounts
}

// choiceCounts are the tallies of one group.
type choiceCounts struct {
	name   string
	values []string // every value seen or defined, in label set order first
	chosen []int    // per file
	pairs  []choicePair
}

// choicePair are one pair of files' tallies of one group: documents with
// the same set, and over (document, value) units those the first file
// gave, the second gave and both gave.
type choicePair struct{ same, a1, b1, both int }

// NewChoices starts an empty accumulator for the given number of files.
// ls gives the groups' values and their order; nil means the built-in set.
func NewChoices(files int, ls *annotate.LabelSet) *Choices {
	if ls == nil {
		ls = annotate.DefaultLabelSet()
	}
	c := &Choices{files: files, ls: ls, index: map[string]*choiceCounts{}}
	for i := range files {
		for j := i + 1; j < files; j++ {
			c.pairs = append(c.pairs, [2]int{i, j})
		}
	}
	return c
}

// Add tallies one document, given once per file in the order of the files.
// Texts are not compared: document labels need no offsets.
func (c *Choices) Add(docs []*annotate.Document) error {
	if len(docs) != c.files {
		return fmt.Errorf("agree: %d documents for %d files", len(docs), c.files)
	}
	c.docs++
	for _, d := range docs {
		for g, vs := range d.Choices {
			if len(vs) > 0 {
				gc := c.group(g)
				for _, v := range vs {
					if !slices.Contains(gc.values, v) {
						gc.values = append(gc.values, v)
					}
				}
			}
		}
	}
	for _, gc := range c.groups {
		for f, d := range docs {
			if len(d.Choices[gc.name]) > 0 {
				gc.chosen[f]++
			}
		}
		for p, fg := range c.pairs {
			a, b := docs[fg[0]].Choices[gc.name], docs[fg[1]].Choices[gc.name]
			pc := &gc.pairs[p]
			if annotate.SameValues(distinct(a), distinct(b)) {
				pc.same++
			}
			for _, v := range gc.values {
				inA, inB := slices.Contains(a, v), slices.Contains(b, v)
				if inA {
					pc.a1++
				}
				if inB {
					pc.b1++
				}
				if inA && inB {
					pc.both++
				}
			}
		}
	}
	return nil
}

// distinct drops repeated values (which Validate reports).
func distinct(vs []string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// group returns the tallies of group g, made the first time: a group
// first seen after some documents counts those as having no value, so
// their same-set tally starts at the documents already added.
func (c *Choices) group(g string) *choiceCounts {
	if gc := c.index[g]; gc != nil {
		return gc
	}
	gc := &choiceCounts{name: g, chosen: make([]int, c.files), pairs: make([]choicePair, len(c.pairs))}
	if def := c.ls.Choice(g); def != nil {
		gc.values = slices.Clone(def.Values)
	}
	for p := range gc.pairs {
		gc.pairs[p].same = c.docs - 1 // the documents before this one
	}
	c.index[g] = gc
	c.groups = append(c.groups, gc)
	return gc
}

// Documents is the number of documents added so far.
func (c *Choices) Documents() int { return c.docs }

// Report returns the agreement per group that some file used, in the
// label set's order, then the groups it does not know by name.
func (c *Choices) Report() []ChoiceReport {
	names := make([]string, len(c.groups))
	for i, gc := range c.groups {
		names[i] = gc.name
	}
	var out []ChoiceReport
	for _, i := range choiceOrder(names, c.ls) {
		gc := c.groups[i]
		r := ChoiceReport{Group: gc.name, Documents: slices.Clone(gc.chosen)}
		units := c.docs * len(gc.values)
		for _, pc := range gc.pairs {
			r.Percent += float64(pc.same) / float64(max(c.docs, 1))
			r.Kappa += kappa(units, pc.a1, pc.b1, pc.both)
		}
		if np := float64(len(c.pairs)); np > 0 {
			r.Percent /= np
			r.Kappa /= np
		}
		out = append(out, r)
	}
	return out
}

// choiceOrder orders group names: the label set's groups in its order,
// then the others by name; it returns indexes into names.
func choiceOrder(names []string, ls *annotate.LabelSet) []int {
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		ia, ib := ls.ChoiceIndex(names[a]), ls.ChoiceIndex(names[b])
		if (ia < 0) != (ib < 0) {
			if ia < 0 {
				return 1
			}
			return -1
		}
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(names[a], names[b])
	})
	return order
}

// mergeChoices gives gold, for each group, the set of values that the
// most files gave the document when at least minAgree files gave exactly
// that set and no other set was given as often (a tie is left to the
// reviewer). Values are sorted, so that the order of the files does not
// matter; a winning empty set gives no key.
func mergeChoices(gold *annotate.Document, docs []*annotate.Document, minAgree int) {
	groups := map[string]bool{}
	for _, d := range docs {
		for g, vs := range d.Choices {
			if len(vs) > 0 {
				groups[g] = true
			}
		}
	}
	for g := range groups {
		votes := map[string]int{}
		for _, d := range docs {
			set := distinct(d.Choices[g])
			slices.Sort(set)
			votes[strings.Join(set, "\x00")]++
		}
		best, top, tie := "", 0, false
		for set, n := range votes {
			switch {
			case n > top:
				best, top, tie = set, n, false
			case n == top:
				tie = true
			}
		}
		if tie || top < minAgree || best == "" {
			continue
		}
		if gold.Choices == nil {
			gold.Choices = map[string][]string{}
		}
		gold.Choices[g] = strings.Split(best, "\x00")
	}
}
