package annotate

import "fmt"

// Problem is one thing wrong with a document. Where names the span or
// relation at fault ("span 3 (id …)"), or is empty for the document itself.
type Problem struct {
	Where   string
	Message string
}

func (p Problem) String() string {
	if p.Where == "" {
		return p.Message
	}
	return p.Where + ": " + p.Message
}

// Validate reports every problem of d: spans out of range or empty, span
// text that does not equal the text at its offsets, label names no file
// format can carry (CheckLabelName), labels the label set does not know,
// duplicate spans and ids, relations to missing spans, relations the label
// set does not allow, and document labels that are repeated or (with ls)
// unknown. ls may be nil to skip the label checks.
func Validate(d *Document, ls *LabelSet) []Problem {
	var ps []Problem
	// where is formatted only when there is a problem: Validate runs on
	// every document of large corpora.
	add := func(where fmt.Stringer, format string, args ...any) {
		ps = append(ps, Problem{Where: where.String(), Message: fmt.Sprintf(format, args...)})
	}
	n := d.Len()
	ix := newSpanLookup(d.Spans)
	for i, s := range d.Spans {
		where := spanWhere{i, s.ID}
		if s.ID != "" {
			if j := ix.firstWithID(i); j < i {
				add(where, "id already used by span %d", j+1)
			}
		}
		switch {
		case s.Start < 0 || s.End > n:
			add(where, "offsets [%d,%d) out of range: the text has %d code points", s.Start, s.End, n)
		case s.Start >= s.End:
			add(where, "start %d is not before end %d", s.Start, s.End)
		default:
			if got := d.Slice(s.Start, s.End); s.Text != "" && got != s.Text {
				qs, qg := Mismatch(s.Text, got)
				add(where, "text %s does not match the text at [%d,%d): %s", qs, s.Start, s.End, qg)
			}
		}
		if err := CheckLabelName(s.Label); err != nil {
			add(where, "%v", err)
		} else if ls != nil && ls.Label(s.Label) == nil {
			add(where, "unknown label %q", s.Label)
		}
		if j := ix.firstSame(i); j < i {
			add(where, "duplicate of span %d: same start, end and label %s", j+1, s.Label)
		}
	}
	labelOf := func(id string) (string, bool) {
		i := ix.byID(id)
		if i < 0 {
			return "", false
		}
		return d.Spans[i].Label, true
	}
	relIDs := make(map[string]bool, len(d.Relations))
	for i, r := range d.Relations {
		where := relationWhere{i, r.ID}
		if r.ID != "" {
			if relIDs[r.ID] {
				add(where, "id already used by another relation")
			}
			relIDs[r.ID] = true
		}
		from, okFrom := labelOf(r.From)
		to, okTo := labelOf(r.To)
		if !okFrom {
			add(where, "from %q: no such span", r.From)
		}
		if !okTo {
			add(where, "to %q: no such span", r.To)
		}
		if err := CheckLabelName(r.Label); err != nil {
			add(where, "%v", err)
			continue
		}
		if ls == nil {
			continue
		}
		switch {
		case ls.Relation(r.Label) == nil:
			add(where, "unknown relation %q", r.Label)
		case okFrom && okTo && !ls.Allows(r.Label, from, to):
			add(where, "%s may not link %s to %s", r.Label, from, to)
		}
	}
	return append(ps, validateChoices(d, ls)...)
}

type spanWhere struct {
	index int
	id    string
}

func (w spanWhere) String() string { return place("span", w.index, w.id) }

type relationWhere spanWhere

func (w relationWhere) String() string { return place("relation", w.index, w.id) }

func place(kind string, i int, id string) string {
	if id == "" {
		return fmt.Sprintf("%s %d", kind, i+1)
	}
	return fmt.Sprintf("%s %d (id %s)", kind, i+1, id)
}

// spanLookup finds spans by id and by start, end and label for Validate.
// Documents have a few dozen spans, which it looks through one by one
// (no allocation: Validate runs on every document an export reads);
// past smallSpans it builds maps.
type spanLookup struct {
	spans []Span
	ids   map[string]int  // first span of each id, past smallSpans
	same  map[spanKey]int // first span of each start, end and label
}

type spanKey struct {
	start, end int
	label      string
}

const smallSpans = 48

func newSpanLookup(spans []Span) spanLookup {
	l := spanLookup{spans: spans}
	if len(spans) <= smallSpans {
		return l
	}
	l.ids = make(map[string]int, len(spans))
	l.same = make(map[spanKey]int, len(spans))
	for i := len(spans) - 1; i >= 0; i-- { // the first of each wins
		s := &spans[i]
		if s.ID != "" {
			l.ids[s.ID] = i
		}
		l.same[spanKey{s.Start, s.End, s.Label}] = i
	}
	return l
}

// firstWithID returns the first span with span i's id (i itself when
// none comes before it).
func (l spanLookup) firstWithID(i int) int {
	if l.ids != nil {
		return l.ids[l.spans[i].ID]
	}
	for j := range i {
		if l.spans[j].ID == l.spans[i].ID {
			return j
		}
	}
	return i
}

// firstSame returns the first span with span i's start, end and label.
func (l spanLookup) firstSame(i int) int {
	s := &l.spans[i]
	if l.same != nil {
		return l.same[spanKey{s.Start, s.End, s.Label}]
	}
	for j := range i {
		if t := &l.spans[j]; t.Start == s.Start && t.End == s.End && t.Label == s.Label {
			return j
		}
	}
	return i
}

// byID returns the first span with the id, or -1.
func (l spanLookup) byID(id string) int {
	if id == "" {
		return -1
	}
	if l.ids != nil {
		if i, ok := l.ids[id]; ok {
			return i
		}
		return -1
	}
	for j := range l.spans {
		if l.spans[j].ID == id {
			return j
		}
	}
	return -1
}
