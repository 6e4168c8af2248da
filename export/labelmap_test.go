package export

import (
	"io"
	"slices"
	"strings"
	"testing"

	"gloss/annotate"
)

func TestParseLabelMap(t *testing.T) {
	m, err := ParseLabelMap([]string{"Content=CLAIM", " Source = ACTOR", "Cue=", "Cue="})
	if err != nil || len(m) != 3 || m["Content"] != "CLAIM" || m["Source"] != "ACTOR" || m["Cue"] != "" {
		t.Errorf("%v %v", m, err)
	}
	for _, bad := range [][]string{{"Content"}, {"=CLAIM"}, {"A=B", "A=C"}} {
		if _, err := ParseLabelMap(bad); err == nil || !strings.Contains(err.Error(), "--map") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// TestMapLabels renames and drops span and relation labels as a reader
// yields documents: spans merged by a rename, relations of dropped spans
// and twins of relations go; the summary names what was done and what
// was never read.
func TestMapLabels(t *testing.T) {
	text := "Ünal 😀 said «no», e\u0301lan"
	span := func(id string, s, e int, label string) annotate.Span {
		return annotate.Span{ID: id, Start: s, End: e, Label: label}
	}
	d := &annotate.Document{ID: "d", Text: text, Spans: []annotate.Span{
		span("src", 0, 4, "Source"), span("per", 0, 4, "PER"), span("cue", 7, 11, "Cue"), span("q", 13, 15, "Content"),
	}, Relations: []annotate.Relation{
		{ID: "r1", Label: "Said", From: "q", To: "src"}, {ID: "r2", Label: "Said", From: "q", To: "per"},
		{ID: "r3", Label: "Cued", From: "cue", To: "q"}, {ID: "r4", Label: "Other", From: "src", To: "q"},
	}}
	completeSpans(d, false)
	m, _ := ParseLabelMap([]string{"Source=ACTOR", "PER=ACTOR", "Content=QUOTE", "Cue=", "Said=SAID_BY", "Other=", "Typo=X"})
	opt, warned := warnings()
	r := MapLabels(&sliceReader{docs: []*annotate.Document{d}}, m, "in.jsonl", opt)
	got, err := ReadAll(r)
	if err != nil || len(got) != 1 {
		t.Fatal(err)
	}
	g := got[0]
	var labels []string
	for _, s := range g.Spans {
		labels = append(labels, s.Label+":"+g.Slice(s.Start, s.End))
	}
	if want := []string{"ACTOR:Ünal", "QUOTE:no"}; !slices.Equal(labels, want) {
		t.Errorf("spans %q, want %q", labels, want)
	}
	if len(g.Relations) != 1 || g.Relations[0].Label != "SAID_BY" || g.Relations[0].From != "q" || g.Relations[0].To != "src" {
		t.Errorf("relations %+v, want one SAID_BY from the quote to Ünal", g.Relations)
	}
	if ps := annotate.Validate(g, nil); len(ps) > 0 {
		t.Errorf("invalid: %v", ps)
	}
	all := strings.Join(*warned, "\n")
	for _, w := range []string{"in.jsonl: --map: Content → QUOTE 1, dropped Cue 1, dropped Other 1, PER → ACTOR 1, Said → SAID_BY 2, Source → ACTOR 1",
		"(and 1 relation(s) touching dropped spans)", "no label Typo was read", "dropped 1 duplicate span(s)", "dropped 1 duplicate relation(s)"} {
		if !strings.Contains(all, w) {
			t.Errorf("warnings lack %q:\n%s", w, all)
		}
	}
}

// sliceReader yields documents from memory.
type sliceReader struct {
	docs []*annotate.Document
	i    int
}

func (s *sliceReader) Next() (*annotate.Document, error) {
	if s.i >= len(s.docs) {
		return nil, io.EOF
	}
	s.i++
	return s.docs[s.i-1], nil
}

func (s *sliceReader) Line() int { return s.i }
