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
	// Rejected is a span judged not to be its label (negative evidence,
	// such as a Prodigy "reject"): a paler background and a line through
	// the text instead of a bar.
	Rejected
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
	// keys is sorting memory kept for the next rebuild.
	keys []markKey
}

// markKey is what marks are sorted by: small and free of pointers.
type markKey struct{ start, end, idx int32 }

// greyMark colours spans whose label is not in the label set.
var greyMark = color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}

// labelColours maps each label of the set to its colour.
func labelColours(labels *annotate.LabelSet) map[string]color.NRGBA {
	colours := map[string]color.NRGBA{}
	for _, l := range labels.Labels {
		if c, err := annotate.ParseColor(l.Color); err == nil {
			colours[l.Name] = color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xff}
		}
	}
	return colours
}

// spanMarks appends to buf the marks of a document's spans, coloured by
// colours (labelColours).
func spanMarks(buf []Mark, doc *annotate.Document, colours map[string]color.NRGBA) []Mark {
	if doc == nil {
		return buf
	}
	marks := buf
	for _, s := range doc.Spans {
		if s.End <= s.Start {
			continue
		}
		c, ok := colours[s.Label]
		if !ok {
			c = greyMark
		}
		st := Solid
		switch {
		case s.Rejected:
			st = Rejected
		case s.Suggested:
			st = Suggested
		}
		marks = append(marks, Mark{Start: s.Start, End: s.End, Color: c, Style: st, ID: s.ID, Label: s.Label})
	}
	return marks
}

// newMarkSet orders marks and gives each a row: an enclosing mark comes
// before (and so gets a lower row than) the marks inside it, and two marks
// that overlap never share a row. It reuses the memory of old (which must
// not be used afterwards), since a redraw after each edit rebuilds the set.
func newMarkSet(marks []Mark, old *markSet) *markSet {
	if old == nil {
		old = &markSet{}
	}
	// Sort small pointer-free keys, not the marks: moving 20,000 marks with
	// their strings is most of the cost of a redraw after an edit.
	keys := slices.Grow(old.keys[:0], len(marks))[:len(marks)]
	for i, m := range marks {
		keys[i] = markKey{int32(m.Start), int32(m.End), int32(i)}
	}
	nearlySort(keys, func(a, b markKey) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(b.end, a.end); c != 0 {
			return c
		}
		return cmp.Compare(a.idx, b.idx) // keeps the order total, so stable
	})
	sorted := slices.Grow(old.marks[:0], len(marks))[:len(marks)]
	for i, k := range keys {
		sorted[i] = marks[k.idx]
	}
	marks = sorted
	ms := &markSet{marks: marks, maxEnd: slices.Grow(old.maxEnd[:0], len(marks))[:len(marks)],
		order: old.order[:0], keys: keys, levels: 1}
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
			ms.order = append(ms.order, i)
		}
	}
	// Tab order is (start, end): within one start the marks are longest
	// first, so each run of equal starts is reversed.
	for i := 0; i < len(ms.order); {
		j := i + 1
		for j < len(ms.order) && marks[ms.order[j]].Start == marks[ms.order[i]].Start {
			j++
		}
		slices.Reverse(ms.order[i:j])
		i = j
	}
	return ms
}

// nearlySort sorts xs, quickly when it is nearly sorted already, as the
// spans of a document are (in file order, with the latest additions at the
// end): a binary insertion sort that falls back on slices.SortFunc when it
// would move too much.
func nearlySort[T any](xs []T, cmp func(a, b T) int) {
	moved := 0
	for i := 1; i < len(xs); i++ {
		if cmp(xs[i-1], xs[i]) <= 0 {
			continue
		}
		x := xs[i]
		j := sort.Search(i, func(j int) bool { return cmp(xs[j], x) > 0 })
		if moved += i - j; moved > 8*len(xs) {
			slices.SortFunc(xs, cmp)
			return
		}
		copy(xs[j+1:i+1], xs[j:i])
		xs[j] = x
	}
}

// index returns the index of the mark with the given span id. A linear scan
// costs less than keeping a map for the few lookups a redraw makes.
func (ms *markSet) index(id string) (int, bool) {
	if id == "" {
		return -1, false
	}
	for i := range ms.marks {
		if ms.marks[i].ID == id {
			return i, true
		}
	}
	return -1, false
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
func (ms *markSet) innermost(off int) int { return ms.innermostWhere(off, nil) }

// innermostWhere is innermost among the marks ok accepts (all when nil).
func (ms *markSet) innermostWhere(off int, ok func(m *Mark) bool) int {
	best := -1
	ms.overlapping(off, off+1, func(i int) {
		m := ms.marks[i]
		if m.ID == "" || (ok != nil && !ok(&ms.marks[i])) {
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
	if cur, ok := ms.index(id); ok {
		k := slices.Index(ms.order, cur)
		return ms.order[((k+dir)%n+n)%n]
	}
	k := sort.Search(n, func(k int) bool { return ms.marks[ms.order[k]].Start >= off })
	if dir < 0 {
		k--
	}
	return ms.order[(k%n+n)%n]
}
