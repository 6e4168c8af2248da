package suggest

import (
	"testing"
	"unicode/utf8"

	"gloss/annotate"
)

// FuzzSuggest: Suggest never panics, whatever the text, the known actors
// and the existing spans; every suggestion is in range, non-empty, matches
// the text and makes a valid document (see checkSpans). The seed corpus is
// in testdata/fuzz/FuzzSuggest.
func FuzzSuggest(f *testing.F) {
	f.Add("“We will win,” said Sergey Lavrov.", "Lavrov", 1, 13)
	f.Add("„Er sagte ‚nein‘ und ging“, berichtete sie.", "", 0, 0)
	f.Add("🎉 the workers’ ‘rights’ « oui » 「好」", "the workers", 2, 9)
	f.Add(generate(1, 600), "Hulusi Akar", 5, 40)
	f.Fuzz(func(t *testing.T, text, known string, start, end int) {
		if !utf8.ValidString(text) {
			// Documents are UTF-8 by contract (readers reject the rest);
			// invalid bytes still must not panic.
			Suggest(&annotate.Document{ID: "f", Text: text}, nil, Options{KnownActors: []string{known}})
			return
		}
		d := &annotate.Document{ID: "f", Text: text}
		n := utf8.RuneCountInString(text)
		// One existing span, in range or not, of each label the engine
		// writes: the engine must cope with both.
		if start >= 0 && start < end && end <= n {
			for _, l := range []string{LabelActor, LabelQuote} {
				d.Spans = append(d.Spans, annotate.Span{ID: "e" + l, Start: start, End: end, Label: l, Text: d.Slice(start, end)})
			}
			d.Relations = []annotate.Relation{{ID: "r", Label: RelSaidBy, From: "e" + LabelQuote, To: "e" + LabelActor}}
		} else if start != 0 || end != 0 {
			d.Spans = append(d.Spans, annotate.Span{ID: "bad", Start: start, End: end, Label: LabelActor})
			Suggest(d, nil, Options{KnownActors: []string{known}})
			return
		}
		spans, rels := Suggest(d, nil, Options{KnownActors: []string{known, ""}})
		checkSpans(t, d, spans, rels)
	})
}
