package agree

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gloss/annotate"
)

func choiceSet() *annotate.LabelSet {
	ls := annotate.DefaultLabelSet()
	ls.Choices = []annotate.ChoiceDef{
		{Name: "stance", Values: []string{"for", "against", "neutral"}},
		{Name: "topic", Values: []string{"economy", "war", "health"}, Multiple: true},
	}
	return ls
}

// chose is a document with the given choices ("group=v1,v2" …).
func chose(id string, groups ...string) *annotate.Document {
	d := &annotate.Document{ID: id, Text: "text of " + id}
	for _, g := range groups {
		name, values, _ := strings.Cut(g, "=")
		if d.Choices == nil {
			d.Choices = map[string][]string{}
		}
		d.Choices[name] = strings.Split(values, ",")
	}
	return d
}

// TestChoiceAgreement checks percent and κ against sums worked by hand.
func TestChoiceAgreement(t *testing.T) {
	a := []*annotate.Document{
		chose("d1", "stance=for", "topic=war,economy"),
		chose("d2", "stance=against"),
		chose("d3"),
		chose("d4", "stance=neutral", "topic=health", "genre=news"),
	}
	b := []*annotate.Document{
		chose("d1", "stance=for", "topic=war"),
		chose("d2", "stance=for", "topic=sport"),
		chose("d3"),
		chose("d4", "stance=neutral", "topic=health"),
	}
	c := NewChoices(2, choiceSet())
	for i := range a {
		if err := c.Add([]*annotate.Document{a[i], b[i]}); err != nil {
			t.Fatal(err)
		}
	}
	// stance: 3 of 4 documents the same; units 4×3, a1 = b1 = 3, both 2:
	// pₒ = 10/12, pₑ = (9 + 81)/144, κ = 5/9.
	// topic: 2 of 4 the same; values economy, war, health and sport, units
	// 16, a1 = b1 = 3, both 2: pₒ = 14/16, pₑ = 178/256, κ = 46/78.
	// genre: seen at the fourth document only; 3 of 4 the same, κ = 0.
	want := []ChoiceReport{
		{Group: "stance", Documents: []int{3, 3}, Percent: 0.75, Kappa: 5.0 / 9},
		{Group: "topic", Documents: []int{2, 3}, Percent: 0.5, Kappa: 46.0 / 78},
		{Group: "genre", Documents: []int{1, 0}, Percent: 0.75, Kappa: 0},
	}
	got := c.Report()
	if len(got) != len(want) {
		t.Fatalf("report %+v", got)
	}
	for i, w := range want {
		g := got[i]
		if g.Group != w.Group || fmt.Sprint(g.Documents) != fmt.Sprint(w.Documents) ||
			math.Abs(g.Percent-w.Percent) > 1e-12 || math.Abs(g.Kappa-w.Kappa) > 1e-12 {
			t.Errorf("group %d = %+v, want %+v", i, g, w)
		}
	}
	if c.Documents() != 4 {
		t.Errorf("Documents = %d", c.Documents())
	}
}

func TestChoiceAgreementEdges(t *testing.T) {
	ls := choiceSet()
	// Perfect agreement, and a group nobody used is not reported.
	c := NewChoices(3, ls)
	c.Add([]*annotate.Document{chose("d", "stance=for"), chose("d", "stance=for"), chose("d", "stance=for")})
	r := c.Report()
	if len(r) != 1 || r[0].Percent != 1 || r[0].Kappa != 1 {
		t.Errorf("perfect agreement: %+v", r)
	}
	// Three files: means over the three pairs. Pair (0,1) agrees, (0,2)
	// and (1,2) do not: percent 1/3.
	c = NewChoices(3, ls)
	c.Add([]*annotate.Document{chose("d", "stance=for"), chose("d", "stance=for"), chose("d", "stance=against")})
	if r := c.Report(); math.Abs(r[0].Percent-1.0/3) > 1e-12 {
		t.Errorf("three files: %+v", r)
	}
	if err := c.Add([]*annotate.Document{chose("d")}); err == nil {
		t.Error("one document for three files was taken")
	}
	// Repeated values count once.
	c = NewChoices(2, ls)
	c.Add([]*annotate.Document{chose("d", "topic=war,war"), chose("d", "topic=war")})
	if r := c.Report(); r[0].Percent != 1 {
		t.Errorf("repeated value: %+v", r)
	}
}

func TestMergeChoices(t *testing.T) {
	docs := []*annotate.Document{
		chose("d", "stance=for", "topic=war,economy", "genre=news"),
		chose("d", "stance=for", "topic=economy,war"),
		chose("d", "stance=against", "topic=war"),
	}
	for _, p := range permutations(docs) {
		gold, err := Merge(p, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(gold.Choices); got != "map[stance:[for] topic:[economy war]]" {
			t.Errorf("majority: %s", got)
		}
	}
	// K = 1 with two different sets: a tie, left to the reviewer; K = 3
	// with two of three: not reached.
	for _, tt := range []struct {
		k    int
		docs []*annotate.Document
		want string
	}{
		{1, []*annotate.Document{chose("d", "stance=for"), chose("d", "stance=against")}, "map[]"},
		{1, []*annotate.Document{chose("d", "stance=for"), chose("d")}, "map[]"},
		{1, []*annotate.Document{chose("d", "stance=for"), chose("d", "stance=for"), chose("d")}, "map[stance:[for]]"},
		{3, docs, "map[]"},
		{2, []*annotate.Document{chose("d", "genre=news"), chose("d", "genre=news"), chose("d", "genre=op-ed")}, "map[genre:[news]]"},
	} {
		gold, err := Merge(tt.docs, tt.k)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(gold.Choices); got != tt.want {
			t.Errorf("K=%d: %s, want %s", tt.k, got, tt.want)
		}
	}
}
