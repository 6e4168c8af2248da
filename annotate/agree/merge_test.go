package agree

import (
	"errors"
	"slices"
	"testing"

	"gloss/annotate"
)

// withRel adds a relation between the spans at the given indexes.
func withRel(d *annotate.Document, from, to int, label string) *annotate.Document {
	f, t := d.Spans[from].ID, d.Spans[to].ID
	d.Relations = append(d.Relations, annotate.Relation{ID: "r-" + f + t, Label: label, From: f, To: t})
	return d
}

// permutations returns every order of docs.
func permutations(docs []*annotate.Document) [][]*annotate.Document {
	if len(docs) <= 1 {
		return [][]*annotate.Document{slices.Clone(docs)}
	}
	var out [][]*annotate.Document
	for i := range docs {
		rest := slices.Concat(docs[:i], docs[i+1:])
		for _, p := range permutations(rest) {
			out = append(out, append([]*annotate.Document{docs[i]}, p...))
		}
	}
	return out
}

func spanKeys(d *annotate.Document) []sp {
	var out []sp
	for _, s := range d.Spans {
		out = append(out, sp{s.Start, s.End, s.Label})
	}
	return out
}

func TestMerge(t *testing.T) {
	const text = "«Stop», said 😀 Putin.\r\nNo."
	// Code points: « 0, Stop 1–4, » 5, ',' 6, space 7, said 8–11, space 12,
	// 😀 13, space 14, Putin 15–19.
	a := withRel(doc("d", text, sp{1, 5, "QUOTE"}, sp{15, 20, "ACTOR"}, sp{13, 14, "ACTOR"}), 0, 1, "SAID_BY")
	b := withRel(doc("d", text, sp{1, 5, "QUOTE"}, sp{15, 20, "ACTOR"}, sp{0, 6, "CLAIM"}), 0, 1, "SAID_BY")
	c := doc("d", text, sp{1, 5, "QUOTE"}, sp{15, 20, "ACTOR"}, sp{0, 6, "CLAIM"}, sp{8, 12, "CLAIM"})
	a.Spans[0].Note = "direct"
	b.Spans[0].Note = "check"
	c.Spans[0].Note = "direct"
	c.Spans[3].Suggested = true
	a.Meta, b.Meta, c.Meta = []byte(`{"src":"x"}`), []byte(`{"src":"x"}`), []byte(`{"src":"x"}`)
	a.Extra = []annotate.Field{{Key: "lang", Value: []byte(`"en"`)}, {Key: "who", Value: []byte(`"a"`)}}
	b.Extra = []annotate.Field{{Key: "who", Value: []byte(`"b"`)}, {Key: "lang", Value: []byte(`"en"`)}}
	c.Extra = []annotate.Field{{Key: "lang", Value: []byte(`"en"`)}}

	tests := []struct {
		minAgree int
		spans    []sp
		rels     int
	}{
		{0, []sp{{0, 6, "CLAIM"}, {1, 5, "QUOTE"}, {15, 20, "ACTOR"}}, 1}, // majority: 2 of 3
		{3, []sp{{1, 5, "QUOTE"}, {15, 20, "ACTOR"}}, 0},
		{1, []sp{{0, 6, "CLAIM"}, {1, 5, "QUOTE"}, {13, 14, "ACTOR"}, {15, 20, "ACTOR"}}, 1},
	}
	for _, tt := range tests {
		var first []byte
		for _, docs := range permutations([]*annotate.Document{a, b, c}) {
			g, err := Merge(docs, tt.minAgree)
			if err != nil {
				t.Fatal(err)
			}
			if got := spanKeys(g); !slices.Equal(got, tt.spans) {
				t.Fatalf("K=%d: spans %v, want %v", tt.minAgree, got, tt.spans)
			}
			if len(g.Relations) != tt.rels {
				t.Fatalf("K=%d: %d relations, want %d", tt.minAgree, len(g.Relations), tt.rels)
			}
			if ps := annotate.Validate(g, annotate.DefaultLabelSet()); len(ps) > 0 {
				t.Fatalf("K=%d: merged document invalid: %v", tt.minAgree, ps)
			}
			if g.Annotator != GoldAnnotator || string(g.Meta) != `{"src":"x"}` || len(g.Extra) != 1 || g.Extra[0].Key != "lang" {
				t.Errorf("K=%d: annotator %q meta %s extra %v", tt.minAgree, g.Annotator, g.Meta, g.Extra)
			}
			for _, s := range g.Spans {
				if s.ID != annotate.SpanID("d", s.Start, s.End, s.Label) || s.Created != "" || s.Text != g.Slice(s.Start, s.End) {
					t.Errorf("K=%d: span %+v", tt.minAgree, s)
				}
				if s.Label == "QUOTE" && s.Note != "check | direct" {
					t.Errorf("K=%d: note %q, want sorted distinct notes", tt.minAgree, s.Note)
				}
			}
			if len(g.Relations) == 1 {
				r := g.Relations[0]
				q, p := annotate.SpanID("d", 1, 5, "QUOTE"), annotate.SpanID("d", 15, 20, "ACTOR")
				if r.From != q || r.To != p || r.ID != annotate.RelationID(q, p, "SAID_BY") {
					t.Errorf("K=%d: relation %+v", tt.minAgree, r)
				}
			}
			// Same inputs in any order: the same document.
			line := appendDoc(g)
			if first == nil {
				first = line
			} else if string(line) != string(first) {
				t.Fatalf("K=%d: merge depends on input order:\n%s\n%s", tt.minAgree, first, line)
			}
		}
	}
}

// appendDoc renders everything Merge decides, in a fixed form, to compare
// merges byte for byte without importing the export package.
func appendDoc(d *annotate.Document) []byte {
	var b []byte
	b = append(b, d.ID+"|"+d.Annotator+"|"+string(d.Meta)...)
	for _, f := range d.Extra {
		b = append(b, "|"+f.Key+"="+string(f.Value)...)
	}
	for _, s := range d.Spans {
		b = append(b, "|"+s.ID+" "+s.Label+" "+s.Text+" "+s.Note...)
	}
	for _, r := range d.Relations {
		b = append(b, "|"+r.ID+" "+r.From+" "+r.To+" "+r.Label...)
	}
	return b
}

func TestMergeRelationNeedsBothEnds(t *testing.T) {
	// Two files link the quote to different actors. At K = 2 the quote and
	// the first actor survive, but only one file links them; at K = 1
	// every span and both relations survive.
	a := withRel(doc("d", "q x y", sp{0, 1, "QUOTE"}, sp{2, 3, "ACTOR"}), 0, 1, "SAID_BY")
	b := withRel(doc("d", "q x y", sp{0, 1, "QUOTE"}, sp{2, 3, "ACTOR"}, sp{4, 5, "ACTOR"}), 0, 2, "SAID_BY")
	g, err := Merge([]*annotate.Document{a, b}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Spans) != 2 || len(g.Relations) != 0 {
		t.Errorf("K=2: spans %v relations %v", spanKeys(g), g.Relations)
	}
	g, err = Merge([]*annotate.Document{a, b}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Spans) != 3 || len(g.Relations) != 2 {
		t.Errorf("K=1: spans %v relations %v", spanKeys(g), g.Relations)
	}
}

func TestMergeErrors(t *testing.T) {
	if _, err := Merge([]*annotate.Document{doc("d", "a"), doc("d", "b")}, 0); !errors.Is(err, ErrTextDiffers) {
		t.Errorf("err = %v, want ErrTextDiffers", err)
	}
	if _, err := Merge([]*annotate.Document{doc("d", "a"), doc("d", "a")}, 3); err == nil {
		t.Error("K > files: no error")
	}
	if _, err := Merge(nil, 0); err == nil {
		t.Error("no documents: no error")
	}
}

func TestMajority(t *testing.T) {
	for n, want := range map[int]int{1: 1, 2: 2, 3: 2, 4: 3, 5: 3} {
		if got := Majority(n); got != want {
			t.Errorf("Majority(%d) = %d, want %d", n, got, want)
		}
	}
}
