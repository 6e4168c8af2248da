package docview

import (
	"cmp"
	"image/color"
	"slices"
	"sort"

	"gloss/annotate"
)

// Style says how a mark is drawn.
type Style int

const (
	// Solid is an accepted span: a tinted background (for the outermost
	// marks) and an underline bar.
	Solid Style = iota
	// Suggested is a span proposed by a suggester and not yet accepted:
	// a paler background and a dashed bar.
	Suggested
)

// Mark is one coloured range the view draws. Spans of the document become
// marks; other sources (a teammate's spans on the review screen) can add
// theirs with SetExtraMarks.
type Mark struct {
	Start, End int // code points, end exclusive
	Color      color.NRGBA
	Style      Style
	// ID is the span id a click on the mark selects, or "" when the mark
	// cannot be selected.
	ID string
	// Label is the span's label, shown to the user by the app.
	Label string

	// level is the mark's row: 0 for marks that nothing encloses or crosses
	// before them, 1 for the next row of underline bars, and so on.
	level int
}

// markSet is the marks of a document ordered by (start, longest first),
// with what drawing and hit-testing need to find them quickly.
type markSet struct {
	marks []Mark
	// maxEnd[i] is the largest End of marks[0..i]: it only grows, so the
	// first mark that can reach an offset is a binary search away.
	maxEnd []int
	// order lists mark indexes by (start, end) for Tab and Shift+Tab
	// through the selectable marks.
	order []int
	// levels is the number of bar rows in use (at least 1).
	levels int
	byID   map[string]int
}

// greyMark colours spans whose label is not in the label set.
var greyMark = color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}

// spanMarks turns a document's spans into marks coloured by labels.
func spanMarks(doc *annotate.Document, labels *annotate.LabelSet) []Mark {
	if doc == nil {
		return nil
	}
	colours := map[string]color.NRGBA{}
	for _, l := range labels.Labels {
		if c, err := annotate.ParseColor(l.Color); err == nil {
			colours[l.Name] = color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xff}
		}
	}
	marks := make([]Mark, 0, len(doc.Spans))
	for _, s := range doc.Spans {
		if s.End <= s.Start {
			continue
		}
		c, ok := colours[s.Label]
		if !ok {
			c = greyMark
		}
		st := Solid
		if s.Suggested {
			st = Suggested
		}
		marks = append(marks, Mark{Start: s.Start, End: s.End, Color: c, Style: st, ID: s.ID, Label: s.Label})
	}
	return marks
}

// newMarkSet orders marks and gives each a row: an enclosing mark comes
// before (and so gets a lower row than) the marks inside it, and two marks
// that overlap never share a row.
func newMarkSet(marks []Mark) *markSet {
	slices.SortStableFunc(marks, func(a, b Mark) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(b.End, a.End)
	})
	ms := &markSet{marks: marks, maxEnd: make([]int, len(marks)), byID: make(map[string]int, len(marks)), levels: 1}
	var rowEnd []int // rowEnd[l] is where the last mark on row l ends
	top := 0
	for i := range marks {
		m := &marks[i]
		l := 0
		for l < len(rowEnd) && rowEnd[l] > m.Start {
			l++
		}
		if l == len(rowEnd) {
			rowEnd = append(rowEnd, 0)
		}
		rowEnd[l] = m.End
		m.level = l
		ms.levels = max(ms.levels, l+1)
		top = max(top, m.End)
		ms.maxEnd[i] = top
		if m.ID != "" {
			ms.byID[m.ID] = i
			ms.order = append(ms.order, i)
		}
	}
	slices.SortStableFunc(ms.order, func(a, b int) int {
		if c := cmp.Compare(marks[a].Start, marks[b].Start); c != 0 {
			return c
		}
		return cmp.Compare(marks[a].End, marks[b].End)
	})
	return ms
}

// overlapping calls f with the index of every mark that shares a code
// point with [start, end).
func (ms *markSet) overlapping(start, end int, f func(i int)) {
	i := sort.Search(len(ms.maxEnd), func(i int) bool { return ms.maxEnd[i] > start })
	for ; i < len(ms.marks) && ms.marks[i].Start < end; i++ {
		if ms.marks[i].End > start {
			f(i)
		}
	}
}

// innermost returns the index of the shortest selectable mark covering code
// point off (the deepest row when lengths tie), or -1.
func (ms *markSet) innermost(off int) int {
	best := -1
	ms.overlapping(off, off+1, func(i int) {
		m := ms.marks[i]
		if m.ID == "" {
			return
		}
		if best < 0 {
			best = i
			return
		}
		b := ms.marks[best]
		if l, bl := m.End-m.Start, b.End-b.Start; l < bl || (l == bl && m.level > b.level) {
			best = i
		}
	})
	return best
}

// next returns the mark after (dir > 0) or before (dir < 0) the mark with id
// in Tab order; with no such id, the first mark starting at or after off
// (or the last one before it). It wraps around and returns -1 when there
// are no selectable marks.
func (ms *markSet) next(id string, off, dir int) int {
	n := len(ms.order)
	if n == 0 {
		return -1
	}
	if cur, ok := ms.byID[id]; ok {
		k := slices.Index(ms.order, cur)
		return ms.order[((k+dir)%n+n)%n]
	}
	k := sort.Search(n, func(k int) bool { return ms.marks[ms.order[k]].Start >= off })
	if dir < 0 {
		k--
	}
	return ms.order[(k%n+n)%n]
}
