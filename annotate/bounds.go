package annotate

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Edge is one end of a span: where it starts or where it ends.
type Edge int

const (
	// StartEdge is a span's Start.
	StartEdge Edge = iota
	// EndEdge is a span's End.
	EndEdge
)

// String is "start" or "end", for messages.
func (e Edge) String() string {
	if e == StartEdge {
		return "start"
	}
	return "end"
}

// ErrEmptySpan is returned (wrapped) when a move would leave a span with
// no text.
var ErrEmptySpan = errors.New("the span would be empty")

// ErrNoChange is returned (wrapped) when a move would leave a span where
// it is: already at the text's first or last word, or dragged back to
// where it was.
var ErrNoChange = errors.New("nothing to move")

// boundsError is a refused move: a message for the user that still
// answers errors.Is for ErrEmptySpan, ErrDuplicateSpan or ErrNoChange.
type boundsError struct {
	msg string
	err error
}

func (e *boundsError) Error() string { return e.msg }
func (e *boundsError) Unwrap() error { return e.err }

// MoveEdge moves one end of a span by whole tokens, keeping the span's id,
// label, note and relations: By > 0 moves it that many tokens later, By < 0
// earlier. The end goes to the end of a token and the start to the start of
// one, so a bound that cut a word (a span made with snapping off) first
// goes to that word's edge. Apply refuses, with a message for the user,
// a move past the first or last word of the text, one that would leave the
// span empty, and one that would give it the start, end and label of
// another span. It is one step of History.
type MoveEdge struct {
	ID   string
	Edge Edge
	By   int

	move boundsMove
}

// Apply implements Edit.
func (e *MoveEdge) Apply(d *Document) error {
	i := d.SpanByID(e.ID)
	if i < 0 {
		return fmt.Errorf("no span %s", e.ID)
	}
	s := d.Spans[i]
	start, end := s.Start, s.End
	toks := d.Tokens()
	for k := 0; k < abs(e.By); k++ {
		var ok bool
		if e.Edge == StartEdge {
			start, ok = stepStart(toks, start, e.By > 0)
		} else {
			end, ok = stepEnd(toks, end, e.By > 0)
		}
		if !ok {
			break
		}
	}
	dir := "later"
	if e.By < 0 {
		dir = "earlier"
	}
	what := fmt.Sprintf("cannot move the %s of %s %s %s", e.Edge, s.Label, quoted(s.Text), dir)
	if start == s.Start && end == s.End {
		first := "last"
		if e.By < 0 {
			first = "first"
		}
		return &boundsError{fmt.Sprintf("%s: it is at the %s word of the text", what, first), ErrNoChange}
	}
	return e.move.apply(d, i, start, end, what, "Move "+titleCase(e.Edge.String())+" of")
}

// Revert implements Edit.
func (e *MoveEdge) Revert(d *Document) { e.move.revert(d) }

// Describe implements Edit: "Move End of QUOTE".
func (e *MoveEdge) Describe() string { return e.move.describe() }

// SetBounds gives a span the bounds [Start, End) (the user dragged one of
// its ends), keeping its id, label, note and relations. Apply refuses, with
// a message for the user, bounds outside the text, an empty span, a twin
// of another span (same start, end and label) and bounds that do not
// change. It is one step of History.
type SetBounds struct {
	ID         string
	Start, End int

	move boundsMove
}

// Apply implements Edit.
func (e *SetBounds) Apply(d *Document) error {
	i := d.SpanByID(e.ID)
	if i < 0 {
		return fmt.Errorf("no span %s", e.ID)
	}
	s := d.Spans[i]
	name := "bounds"
	switch {
	case e.Start == s.Start:
		name = "end"
	case e.End == s.End:
		name = "start"
	}
	what := fmt.Sprintf("cannot move the %s of %s %s", name, s.Label, quoted(s.Text))
	if e.Start == s.Start && e.End == s.End {
		return &boundsError{what + ": it is where it was", ErrNoChange}
	}
	if e.Start < 0 || e.End > d.Len() {
		return fmt.Errorf("%s: [%d,%d) is outside the text (0–%d)", what, e.Start, e.End, d.Len())
	}
	return e.move.apply(d, i, e.Start, e.End, what, "Move "+titleCase(name)+" of")
}

// Revert implements Edit.
func (e *SetBounds) Revert(d *Document) { e.move.revert(d) }

// Describe implements Edit: "Move Start of ACTOR".
func (e *SetBounds) Describe() string { return e.move.describe() }

// boundsMove is what MoveEdge and SetBounds share: the span before and
// after, for Revert and Describe.
type boundsMove struct {
	from, to Span
	name     string
}

// apply moves span i of d to [start, end) unless that empties it or makes
// a twin; what begins the refusal's message.
func (m *boundsMove) apply(d *Document, i, start, end int, what, name string) error {
	s := d.Spans[i]
	if start >= end {
		return &boundsError{what + ": " + ErrEmptySpan.Error(), ErrEmptySpan}
	}
	if j := d.FindSpan(start, end, s.Label); j >= 0 && j != i {
		return &boundsError{fmt.Sprintf("%s: there is a %s %s there already", what, s.Label, quoted(d.Spans[j].Text)), ErrDuplicateSpan}
	}
	m.from, m.name = s, name
	s.Start, s.End, s.Text = start, end, d.Slice(start, end)
	m.to = s
	d.Spans[i] = s
	return nil
}

func (m *boundsMove) revert(d *Document) {
	if i := d.SpanByID(m.from.ID); i >= 0 {
		d.Spans[i] = m.from
	}
}

func (m *boundsMove) describe() string { return m.name + " " + m.to.Label }

// stepStart is the start one token after (later) or before off, and false
// when there is none.
func stepStart(toks []Token, off int, later bool) (int, bool) {
	if later {
		i := sort.Search(len(toks), func(i int) bool { return toks[i].Start > off })
		if i == len(toks) {
			return off, false
		}
		return toks[i].Start, true
	}
	i := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= off }) - 1
	if i < 0 {
		return off, false
	}
	return toks[i].Start, true
}

// stepEnd is the end one token after (later) or before off, and false when
// there is none.
func stepEnd(toks []Token, off int, later bool) (int, bool) {
	if later {
		i := sort.Search(len(toks), func(i int) bool { return toks[i].End > off })
		if i == len(toks) {
			return off, false
		}
		return toks[i].End, true
	}
	i := sort.Search(len(toks), func(i int) bool { return toks[i].End >= off }) - 1
	if i < 0 {
		return off, false
	}
	return toks[i].End, true
}

// SnapEdge is where a dragged edge at code-point boundary pos lands when
// snapping to tokens: a start goes to the start of the token holding pos,
// or in white space to the start of the next token; an end goes to the end
// of the token holding pos-1, or in white space to the end of the token
// before. So a dragged span takes whole words and no white space at its
// ends. With no such token pos stays.
func SnapEdge(toks []Token, edge Edge, pos int) int {
	if edge == StartEdge {
		if i := TokenAt(toks, pos); i >= 0 {
			return toks[i].Start
		}
		if s, ok := stepStart(toks, pos, true); ok {
			return s
		}
		return pos
	}
	if i := TokenAt(toks, pos-1); i >= 0 {
		return toks[i].End
	}
	if e, ok := stepEnd(toks, pos, false); ok {
		return e
	}
	return pos
}

// quoted is a span's text for a message: on one line, in curly quotes,
// cut to 30 code points.
func quoted(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 30 {
		text = strings.TrimSpace(string(r[:29])) + "…"
	}
	return "“" + text + "”"
}

func titleCase(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
