package session

import (
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

func TestMoveEdgeAndSetBounds(t *testing.T) {
	d := &annotate.Document{ID: "d", Text: mixedText}
	q := span(t, d, "QUOTE", "we will not stop")
	q.Note = "check"
	a := span(t, d, "ACTOR", "Ankara 🇹🇷")
	d.Spans = []annotate.Span{q, a}
	d.Relations = []annotate.Relation{annotate.NewRelation("SAID_BY", q.ID, a.ID)}
	s, _ := newSession(t, "ana", d)
	cur := func() annotate.Span { return s.Document().Spans[s.Document().SpanByID(q.ID)] }
	find := func(phrase string) (int, int) { return annotatetest.Find(t, mixedText, phrase, 0) }

	r := s.MoveEdge(q.ID, annotate.EndEdge, 1)
	if !r.Done || r.Message != "QUOTE now “we will not stop””" || r.Span != q.ID {
		t.Errorf("end later: %+v", r)
	}
	r = s.MoveEdge(q.ID, annotate.StartEdge, -1)
	if !r.Done || cur().Text != "“we will not stop”" {
		t.Errorf("start earlier: %+v, span %q", r, cur().Text)
	}
	ws, we := find("we will not")
	r = s.SetBounds(q.ID, ws, we)
	if !r.Done || r.Message != "QUOTE now “we will not”" {
		t.Errorf("dragged: %+v", r)
	}
	// Refused: emptied, a twin.
	r = s.SetBounds(q.ID, ws, ws)
	if r.Done || r.Message != "Cannot move the end of QUOTE “we will not”: the span would be empty" {
		t.Errorf("emptied: %+v", r)
	}
	twin := span(t, s.Document(), "QUOTE", "will not")
	if err := s.Do(&annotate.AddSpan{Span: twin}); err != nil {
		t.Fatal(err)
	}
	r = s.MoveEdge(q.ID, annotate.StartEdge, 1)
	if r.Done || r.Message != "Cannot move the start of QUOTE “we will not” later: there is a QUOTE “will not” there already" {
		t.Errorf("twin: %+v", r)
	}
	got := cur()
	if got.ID != q.ID || got.Note != "check" || got.Text != "we will not" || len(s.Document().Relations) != 1 {
		t.Errorf("span %+v, relations %+v", got, s.Document().Relations)
	}
	// One undo step each.
	for _, want := range []string{"we will not", "“we will not stop”", "we will not stop”", "we will not stop"} {
		s.Undo()
		if cur().Text != want {
			t.Errorf("undo: %q, want %q", cur().Text, want)
		}
	}
}
