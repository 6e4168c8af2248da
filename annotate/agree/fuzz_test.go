package agree

import (
	"testing"

	"gloss/annotate"
)

// fuzzDoc builds a document of text whose spans come from raw bytes, three
// a span (start, length, label), so that offsets may be anything: out of
// range, empty, duplicated, overlapping.
func fuzzDoc(text string, raw []byte) *annotate.Document {
	labels := []string{"ACTOR", "CLAIM", "QUOTE", "OTHER"}
	d := &annotate.Document{ID: "f", Text: text}
	for i := 0; i+2 < len(raw); i += 3 {
		start := int(raw[i]) - 8
		end := start + int(raw[i+1]%32) - 2
		d.Spans = append(d.Spans, annotate.Span{
			ID: annotate.SpanID("f", start, end, labels[raw[i+2]%4]), Start: start, End: end,
			Label: labels[raw[i+2]%4], Suggested: raw[i+2] >= 250,
		})
	}
	// Relations too: the third byte of a span, when odd, links it to the
	// span that byte picks (maybe itself, maybe a suggestion), by SAID_BY
	// or, for some, another relation.
	for i := 0; i+2 < len(raw); i += 3 {
		if b := raw[i+2]; b%2 == 1 {
			from, to := d.Spans[i/3], d.Spans[int(b/2)%len(d.Spans)]
			label := "SAID_BY"
			if b%7 == 0 {
				label = "ABOUT"
			}
			d.Relations = append(d.Relations, annotate.Relation{ID: annotate.RelationID(from.ID, to.ID, label), Label: label,
				From: from.ID, To: to.ID, Suggested: b >= 240})
		}
	}
	return d
}

// FuzzMeasures checks that no annotation, however wrong, makes the
// measures, the merge or the disagreement list panic, and that the
// figures stay in range.
func FuzzMeasures(f *testing.F) {
	f.Add("Russia said 😀\r\nno", []byte{8, 6, 0, 9, 5, 0, 15, 3, 2}, []byte{8, 7, 0, 20, 4, 1})
	f.Add("", []byte{}, []byte{0, 0, 0})
	f.Add("北京 a b", []byte{8, 2, 0, 8, 2, 0, 255, 255, 255}, []byte{8, 4, 1})
	// A quote and two people, linked differently: speaker disagreements.
	f.Add("Macron said «no» to 😀 Binet\r\n", []byte{21, 4, 3, 8, 8, 1, 31, 7, 0}, []byte{21, 4, 5, 8, 8, 1, 31, 7, 0})
	f.Fuzz(func(t *testing.T, text string, ra, rb []byte) {
		a, b := fuzzDoc(text, ra), fuzzDoc(text, rb)
		r, err := Compare([]*annotate.Document{a, b, a}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range append(r.Labels, LabelReport{Label: "overall", Measures: r.Overall}) {
			m := l.Measures
			if m.F1Exact < 0 || m.F1Exact > m.F1Overlap+1e-12 || m.F1Overlap > 1 || m.Kappa > 1+1e-12 || m.Alpha > 1+1e-12 ||
				m.Kappa != m.Kappa || m.Alpha != m.Alpha {
				t.Fatalf("%s out of range: %+v", l.Label, m)
			}
		}
		for _, l := range r.Relations {
			m := l.RelationMeasures
			if m.F1Exact < 0 || m.F1Exact > m.F1Overlap+1e-12 || m.F1Overlap > 1 || m.SpeakerAgreement < 0 || m.SpeakerAgreement > 1 || m.Linked < 0 {
				t.Fatalf("%s out of range: %+v", l.Label, m)
			}
		}
		if r.F1ExactAll < 0 || r.F1ExactAll > 1 {
			t.Fatalf("F1ExactAll %v", r.F1ExactAll)
		}
		g, err := Merge([]*annotate.Document{a, b}, 1)
		if err != nil {
			t.Fatal(err)
		}
		if ps := annotate.Validate(g, nil); len(ps) > 0 {
			t.Fatalf("merge made an invalid document: %v", ps)
		}
		if ds := Disagreements(a, a); len(ds) != 0 {
			t.Fatalf("a document disagrees with itself: %+v", ds)
		}
		for _, d := range Disagreements(a, b) {
			if d.Kind.IsSpeaker() && (d.A < 0 || d.B < 0 || len(d.SpeakersA)+len(d.SpeakersB) == 0) {
				t.Fatalf("speaker disagreement without its spans: %+v", d)
			}
		}
		SpeakerConflicts([]*annotate.Document{a, b}, g)
	})
}
