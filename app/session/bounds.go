package session

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"gloss/annotate"
)

// MoveEdge moves one end of span id of the current document by tokens
// (annotate.MoveEdge: by > 0 later, by < 0 earlier) as one undoable step,
// keeping its id, note and relations. The Result says what the span now
// covers, or why the move was refused (it would empty the span, make a
// twin of another, or pass the text's first or last word).
func (s *Session) MoveEdge(id string, edge annotate.Edge, by int) Result {
	return s.moveBounds(id, &annotate.MoveEdge{ID: id, Edge: edge, By: by})
}

// SetBounds gives span id of the current document the bounds [start, end)
// (a dragged handle; annotate.SetBounds) as one undoable step, with the
// refusals of MoveEdge.
func (s *Session) SetBounds(id string, start, end int) Result {
	return s.moveBounds(id, &annotate.SetBounds{ID: id, Start: start, End: end})
}

func (s *Session) moveBounds(id string, e annotate.Edit) Result {
	if err := s.Do(e); err != nil {
		return Result{Message: Sentence(err.Error()), Span: id}
	}
	d := s.Document()
	sp := d.Spans[d.SpanByID(id)]
	return Result{Message: fmt.Sprintf("%s now “%s”", sp.Label, Snippet(sp.Text, 60)), Span: id, Done: true}
}

// Sentence is s with its first letter in upper case: an error's message
// (lower case, by Go's convention) as a status line shows it.
func Sentence(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
