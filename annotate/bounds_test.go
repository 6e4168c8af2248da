package annotate_test

import (
	"errors"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// boundsText has an emoji ZWJ sequence with a skin tone (four code points,
// one token), a decomposed é, CJK (one token per character) and CRLF.
const boundsText = "Lisbon mayor Ana Gonçalves 👩🏽‍🚀 said: “we stay”.\r\n東京 cafe\u0301 owners agree."

// boundsDoc is boundsText with one span over phrase, a note, and a
// relation to an ACTOR elsewhere.
func boundsDoc(t *testing.T, label, phrase string) (*annotate.Document, annotate.Span) {
	t.Helper()
	d := &annotate.Document{ID: "d", Text: boundsText}
	s, e := annotatetest.Find(t, boundsText, phrase, 0)
	sp := annotate.NewSpan(d, s, e, label, "ana")
	sp.Note = "check the name"
	a0, a1 := annotatetest.Find(t, boundsText, "owners", 0)
	actor := annotate.NewSpan(d, a0, a1, "ACTOR", "ana")
	d.Spans = []annotate.Span{sp, actor}
	d.Relations = []annotate.Relation{annotate.NewRelation("SAID_BY", sp.ID, actor.ID)}
	return d, sp
}

func TestMoveEdgeByTokens(t *testing.T) {
	cases := []struct {
		name, phrase string
		edge         annotate.Edge
		by           int
		want         string // the span's text afterwards
		describe     string
	}{
		{"end earlier", "Lisbon mayor Ana Gonçalves", annotate.EndEdge, -1, "Lisbon mayor Ana", "Move End of QUOTE"},
		{"end earlier twice", "Lisbon mayor Ana Gonçalves", annotate.EndEdge, -2, "Lisbon mayor", "Move End of QUOTE"},
		{"start later", "Lisbon mayor Ana Gonçalves", annotate.StartEdge, 1, "mayor Ana Gonçalves", "Move Start of QUOTE"},
		{"start earlier", "mayor Ana", annotate.StartEdge, -1, "Lisbon mayor Ana", "Move Start of QUOTE"},
		{"end later over an emoji with a skin tone", "Ana Gonçalves", annotate.EndEdge, 1, "Ana Gonçalves 👩🏽‍🚀", "Move End of QUOTE"},
		{"start earlier over the emoji", "said", annotate.StartEdge, -1, "👩🏽‍🚀 said", "Move Start of QUOTE"},
		{"end later over punctuation", "we stay", annotate.EndEdge, 1, "we stay”", "Move End of QUOTE"},
		{"end later over CRLF", "we stay", annotate.EndEdge, 3, "we stay”.\r\n東", "Move End of QUOTE"},
		{"start earlier over CRLF", "東京", annotate.StartEdge, -1, ".\r\n東京", "Move Start of QUOTE"},
		{"CJK one character at a time", "東京", annotate.EndEdge, -1, "東", "Move End of QUOTE"},
		{"end later over a combining accent", "京", annotate.EndEdge, 1, "京 cafe\u0301", "Move End of QUOTE"},
		{"start later past a combining accent", "cafe\u0301 owners", annotate.StartEdge, 1, "owners", "Move Start of QUOTE"},
		// A span made with snapping off: its cut word's edge comes first.
		{"unsnapped end later", "sbon ma", annotate.EndEdge, 1, "sbon mayor", "Move End of QUOTE"},
		{"unsnapped start earlier", "sbon ma", annotate.StartEdge, -1, "Lisbon ma", "Move Start of QUOTE"},
		{"unsnapped end earlier", "sbon ma", annotate.EndEdge, -1, "sbon", "Move End of QUOTE"},
		{"unsnapped start later", "sbon ma", annotate.StartEdge, 1, "ma", "Move Start of QUOTE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, sp := boundsDoc(t, "QUOTE", c.phrase)
			h := annotate.NewHistory(d)
			before := state(d)
			if err := h.Do(&annotate.MoveEdge{ID: sp.ID, Edge: c.edge, By: c.by}); err != nil {
				t.Fatal(err)
			}
			got := d.Spans[d.SpanByID(sp.ID)]
			if got.Text != c.want || d.Slice(got.Start, got.End) != c.want {
				t.Errorf("text %q (slice %q), want %q", got.Text, d.Slice(got.Start, got.End), c.want)
			}
			if got.ID != sp.ID || got.Note != sp.Note || got.Label != sp.Label || got.Annotator != sp.Annotator || got.Created != sp.Created {
				t.Errorf("the span changed more than its bounds: %+v, was %+v", got, sp)
			}
			if len(d.Relations) != 1 || d.Relations[0].From != sp.ID {
				t.Errorf("relations %+v", d.Relations)
			}
			if what, _ := h.CanUndo(); what != c.describe {
				t.Errorf("undo names %q, want %q", what, c.describe)
			}
			after := state(d)
			if !h.Undo() || state(d) != before {
				t.Errorf("undo: %s, want %s", state(d), before)
			}
			if !h.Redo() || state(d) != after {
				t.Errorf("redo: %s, want %s", state(d), after)
			}
		})
	}
}

func TestMoveEdgeRefusals(t *testing.T) {
	cases := []struct {
		name, phrase string
		edge         annotate.Edge
		by           int
		err          error
		msg          string
	}{
		{"one word loses its end", "Ana", annotate.EndEdge, -1, annotate.ErrEmptySpan,
			"cannot move the end of QUOTE “Ana” earlier: the span would be empty"},
		{"one word loses its start", "Ana", annotate.StartEdge, 1, annotate.ErrEmptySpan,
			"cannot move the start of QUOTE “Ana” later: the span would be empty"},
		{"an emoji alone", "👩🏽‍🚀", annotate.EndEdge, -1, annotate.ErrEmptySpan, ""},
		{"a decomposed é alone", "cafe\u0301", annotate.StartEdge, 1, annotate.ErrEmptySpan, ""},
		{"first word", "Lisbon", annotate.StartEdge, -1, annotate.ErrNoChange,
			"cannot move the start of QUOTE “Lisbon” earlier: it is at the first word of the text"},
		{"last word", "agree.", annotate.EndEdge, 1, annotate.ErrNoChange,
			"cannot move the end of QUOTE “agree.” later: it is at the last word of the text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, sp := boundsDoc(t, "QUOTE", c.phrase)
			h := annotate.NewHistory(d)
			before := state(d)
			err := h.Do(&annotate.MoveEdge{ID: sp.ID, Edge: c.edge, By: c.by})
			if !errors.Is(err, c.err) {
				t.Fatalf("error %v, want %v", err, c.err)
			}
			if c.msg != "" && err.Error() != c.msg {
				t.Errorf("message %q, want %q", err, c.msg)
			}
			if state(d) != before {
				t.Errorf("a refused move changed the document: %s", state(d))
			}
			if _, ok := h.CanUndo(); ok {
				t.Error("a refused move is in the history")
			}
		})
	}
}

func TestMoveEdgeRefusesTwins(t *testing.T) {
	d, long := boundsDoc(t, "ACTOR", "Lisbon mayor Ana")
	s, e := annotatetest.Find(t, boundsText, "Lisbon mayor", 0)
	short := annotate.NewSpan(d, s, e, "ACTOR", "ana")
	other := annotate.NewSpan(d, s, e, "CLAIM", "ana")
	d.Spans = append(d.Spans, short, other)
	h := annotate.NewHistory(d)
	err := h.Do(&annotate.MoveEdge{ID: long.ID, Edge: annotate.EndEdge, By: -1})
	if !errors.Is(err, annotate.ErrDuplicateSpan) {
		t.Fatalf("error %v, want a twin refused", err)
	}
	if want := "cannot move the end of ACTOR “Lisbon mayor Ana” earlier: there is a ACTOR “Lisbon mayor” there already"; err.Error() != want {
		t.Errorf("message %q", err)
	}
	// The same bounds under another label are no twin.
	if err := h.Do(&annotate.RemoveSpan{ID: short.ID}); err != nil {
		t.Fatal(err)
	}
	if err := h.Do(&annotate.MoveEdge{ID: long.ID, Edge: annotate.EndEdge, By: -1}); err != nil {
		t.Fatalf("moving onto a CLAIM's bounds: %v", err)
	}
}

func TestSetBounds(t *testing.T) {
	d, sp := boundsDoc(t, "QUOTE", "mayor Ana")
	h := annotate.NewHistory(d)
	g0, g1 := annotatetest.Find(t, boundsText, "Gonçalves 👩🏽‍🚀", 0)
	if err := h.Do(&annotate.SetBounds{ID: sp.ID, Start: sp.Start, End: g1}); err != nil {
		t.Fatal(err)
	}
	got := d.Spans[d.SpanByID(sp.ID)]
	if got.Text != "mayor Ana Gonçalves 👩🏽‍🚀" || got.Note != sp.Note || got.ID != sp.ID {
		t.Errorf("after the drag: %+v", got)
	}
	if what, _ := h.CanUndo(); what != "Move End of QUOTE" {
		t.Errorf("undo names %q", what)
	}
	if err := h.Do(&annotate.SetBounds{ID: sp.ID, Start: g0, End: g1}); err != nil {
		t.Fatal(err)
	}
	if what, _ := h.CanUndo(); what != "Move Start of QUOTE" {
		t.Errorf("undo names %q", what)
	}
	before := state(d)
	for _, c := range []struct {
		name       string
		start, end int
		err        error
	}{
		{"empty", g1, g1, annotate.ErrEmptySpan},
		{"inverted", g1, g0, annotate.ErrEmptySpan},
		{"unchanged", g0, g1, annotate.ErrNoChange},
		{"outside", g0, d.Len() + 1, nil},
	} {
		err := h.Do(&annotate.SetBounds{ID: sp.ID, Start: c.start, End: c.end})
		if err == nil || (c.err != nil && !errors.Is(err, c.err)) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.err)
		}
		if state(d) != before {
			t.Errorf("%s: the refused move changed %s", c.name, state(d))
		}
	}
	// A twin: another QUOTE over "Ana".
	a0, a1 := annotatetest.Find(t, boundsText, "Ana", 0)
	twin := annotate.NewSpan(d, a0, a1, "QUOTE", "ben")
	if err := h.Do(&annotate.AddSpan{Span: twin}); err != nil {
		t.Fatal(err)
	}
	if err := h.Do(&annotate.SetBounds{ID: sp.ID, Start: a0, End: a1}); !errors.Is(err, annotate.ErrDuplicateSpan) {
		t.Errorf("twin: %v", err)
	}
	for h.Undo() {
	}
	if got := d.Spans[d.SpanByID(sp.ID)]; got.Text != "mayor Ana" || len(d.Spans) != 2 {
		t.Errorf("undone to %s", state(d))
	}
}

func TestSnapEdge(t *testing.T) {
	toks := annotate.Tokenize(boundsText)
	at := func(phrase string, k int) int { // code point k of phrase's first occurrence
		s, _ := annotatetest.Find(t, boundsText, phrase, 0)
		return s + k
	}
	end := func(phrase string) int { _, e := annotatetest.Find(t, boundsText, phrase, 0); return e }
	cases := []struct {
		name string
		edge annotate.Edge
		pos  int
		want int
	}{
		{"start inside a word", annotate.StartEdge, at("Gonçalves", 4), at("Gonçalves", 0)},
		{"start on a space", annotate.StartEdge, end("mayor"), at("Ana", 0)},
		{"start inside the emoji", annotate.StartEdge, at("👩🏽‍🚀", 2), at("👩🏽‍🚀", 0)},
		{"start inside the CRLF", annotate.StartEdge, end(".\r"), at("東", 0)},
		{"start at the end of the text", annotate.StartEdge, len([]rune(boundsText)), len([]rune(boundsText))},
		{"end inside a word", annotate.EndEdge, at("Gonçalves", 2), end("Gonçalves")},
		{"end after a space", annotate.EndEdge, at("Ana", 0), end("mayor")},
		{"end inside the emoji", annotate.EndEdge, at("👩🏽‍🚀", 1), end("👩🏽‍🚀")},
		{"end between e and its accent", annotate.EndEdge, at("cafe\u0301", 4), end("cafe\u0301")},
		{"end after the CRLF", annotate.EndEdge, at("東", 0), end("stay”.")},
		{"end between two CJK characters", annotate.EndEdge, at("京", 0), end("東")},
		{"end at the start of the text", annotate.EndEdge, 0, 0},
	}
	for _, c := range cases {
		if got := annotate.SnapEdge(toks, c.edge, c.pos); got != c.want {
			t.Errorf("%s: SnapEdge(%v, %d) = %d, want %d (%q)", c.name, c.edge, c.pos, got, c.want,
				strings.TrimSpace(string([]rune(boundsText)[min(got, c.want):max(got, c.want)])))
		}
	}
}
