package suggest

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
)

// TestRandomTexts runs Suggest on texts assembled from the pieces the rules
// react to (marks of every style, particles, speech verbs, pronouns, CRLF,
// emoji) and checks every invariant of the output.
func TestRandomTexts(t *testing.T) {
	pieces := []string{"“", "”", "„", "‚", "‘", "’", "'", "\"", "«", "»", "‹", "›", "「", "」", "『", "』",
		" ", " ", " ", "\n", "\r\n", "\n\n", ".", ",", "A", "Aa", "a", "al", "von", "der", "al-Aa", "of",
		"Ministry", "the", "that", "said", "he", "it", "Russia", "in", "to", "🎉", "0", "Mr", "Sergey Lavrov",
		"president", "according to", ":", "(", "-", "é", "e\u0301", "東京"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		d := &annotate.Document{ID: "r", Text: b.String()}
		spans, rels := Suggest(d, nil, Options{KnownActors: []string{"Aa", "the president Aa"}})
		checkSpans(t, d, spans, rels)
	}
}

// TestRunOnTextIsLinear: 200 KB of text with no sentence break, or with
// thousands of unclosed marks, takes well under a second. A quadratic step
// would take minutes; the deadline is generous for a busy machine.
func TestRunOnTextIsLinear(t *testing.T) {
	units := []string{"he said “x” and Sergey Lavrov said that it, ", "“ ‘a’ ", "Aa Bb of Ministry of Cc ",
		"the workers’ ‘rights ", "« ", "„ ", "it, "}
	for _, unit := range units {
		text := strings.Repeat(unit, 200_000/len(unit))
		start := time.Now()
		d := &annotate.Document{ID: "r", Text: text}
		spans, rels := Suggest(d, nil, Options{KnownActors: []string{"Aa", "Sergey Lavrov"}})
		if el := time.Since(start); el > 20*time.Second {
			t.Fatalf("%q repeated: %v", unit, el)
		}
		checkSpans(t, d, spans, rels)
	}
}
