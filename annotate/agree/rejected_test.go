package agree

import (
	"testing"

	"gloss/annotate"
)

// TestRejectedSpansAreNotAnnotations: a span marked rejected (a Prodigy
// "reject" answer) is negative evidence, so agreement, disagreements and
// merge all treat it as absent.
func TestRejectedSpansAreNotAnnotations(t *testing.T) {
	a := doc("d", "Ana met Bob", sp{0, 3, "ACTOR"})
	b := doc("d", "Ana met Bob", sp{0, 3, "ACTOR"}, sp{8, 11, "ACTOR"})
	b.Spans[1].Rejected = true
	r, err := Compare([]*annotate.Document{a, b}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Labels[0].Spans; got[0] != 1 || got[1] != 1 {
		t.Errorf("spans = %v, want [1 1]: the rejected one is not counted", got)
	}
	if r.Overall.F1Exact != 1 || r.Overall.Kappa != 1 {
		t.Errorf("overall = %+v, want perfect agreement", r.Overall)
	}
	if ds := Disagreements(a, b); len(ds) != 0 {
		t.Errorf("disagreements = %+v, want none", ds)
	}
	// Rejected in both files, the span is still not gold.
	a2 := doc("d", "Ana met Bob", sp{0, 3, "ACTOR"}, sp{8, 11, "ACTOR"})
	a2.Spans[1].Rejected = true
	gold, err := Merge([]*annotate.Document{a2, b}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold.Spans) != 1 || gold.Spans[0].Start != 0 {
		t.Errorf("gold spans = %+v, want only Ana", gold.Spans)
	}
}
