// Package annotatetest generates synthetic corpora for Gloss's tests and
// benchmarks: news-like documents with quotes, names, non-ASCII text and
// labelled spans, reproducible from a seed.
package annotatetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"gloss/annotate"
)

var (
	names = []string{"Vladimir Putin", "Recep Tayyip Erdoğan", "Mevlüt Çavuşoğlu", "Hulusi Akar",
		"Sergey Lavrov", "Khalifa Haftar", "Abdelfatah al Sisi", "the foreign ministry", "Anadolu", "the Kremlin"}
	verbs  = []string{"said", "told reporters", "stated", "added", "insisted", "warned", "explained"}
	filler = []string{"the talks", "a cease-fire", "the offensive", "in Libya", "last Wednesday", "the peace plan",
		"the two countries", "according to sources", "the meeting", "on the eve", "in Istanbul", "Ankara", "Moscow",
		"the marshal", "élite troops", "naïve hopes", "🇹🇷 flags", "😀"}
	quotes = []string{"the jobs continue", "we will not stop", "there is no military solution", "the date will be agreed",
		"Turkey’s position is clear", "we support a political process"}
)

// Document makes one document of about size bytes with n spans (ACTOR,
// QUOTE and CLAIM), deterministic for a given seed and index.
func Document(seed uint64, index, size, n int) *annotate.Document {
	rng := rand.New(rand.NewPCG(seed, uint64(index)))
	var b strings.Builder
	type mark struct {
		start, end int
		label      string
	}
	var marks []mark
	runes := 0
	write := func(s string) {
		b.WriteString(s)
		runes += utf8.RuneCountInString(s)
	}
	for b.Len() < size {
		who := names[rng.IntN(len(names))]
		start := runes
		write(strings.ToUpper(who[:1]) + who[1:])
		marks = append(marks, mark{start, runes, "ACTOR"})
		write(" " + verbs[rng.IntN(len(verbs))] + " “")
		start = runes
		write(quotes[rng.IntN(len(quotes))])
		marks = append(marks, mark{start, runes, "QUOTE"})
		write("”, ")
		start = runes
		for k := 0; k < 3; k++ {
			write(filler[rng.IntN(len(filler))] + " ")
		}
		marks = append(marks, mark{start, runes - 1, "CLAIM"})
		write(".\n")
		if rng.IntN(4) == 0 {
			write("\n")
		}
	}
	d := &annotate.Document{ID: fmt.Sprintf("doc-%06d", index), Text: b.String(), Annotator: "bench"}
	for i := 0; i < len(marks) && len(d.Spans) < n; i++ {
		m := marks[i]
		s := annotate.Span{ID: annotate.SpanID(d.ID, m.start, m.end, m.label), Start: m.start, End: m.end,
			Label: m.label, Created: "2026-11-26T10:00:00Z"}
		s.Text = d.Slice(s.Start, s.End)
		d.Spans = append(d.Spans, s)
	}
	return d
}

// Corpus calls yield with count documents of about size bytes and n spans
// each.
func Corpus(seed uint64, count, size, n int, yield func(*annotate.Document) error) error {
	for i := 0; i < count; i++ {
		if err := yield(Document(seed, i, size, n)); err != nil {
			return err
		}
	}
	return nil
}
