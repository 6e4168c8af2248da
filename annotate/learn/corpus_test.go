package learn

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"gloss/annotate"
)

// The generated corpus: news-like paragraphs the tests annotate as they
// write them. Its one invented speech verb, "zorbled", is unknown to the
// rules: what it brings in is a CLAIM only a learner can find.
var (
	corpusPeople  = []string{"Sergey Lavrov", "Hulusi Akar", "Zoë Ngo-Tran", "Li Wei", "Amélie Dubois", "José Martí", "Ursula von der Leyen", "Mevlüt Çavuşoğlu"}
	corpusClauses = []string{"the talks would resume in spring", "nobody had signed the accord 🎉", "the ceasefire held along the coast",
		"the budget was short by a third", "the vote in 東京 had been delayed", "the reforms were overdue"}
	corpusQuotes = []string{"We will not give in", "It is over for now", "Nobody asked us", "The plan works 👍"}
	corpusPlaces = []string{"Ankara", "Paris", "Geneva", "Seoul"}
)

// genDoc writes a document of n paragraphs, its gold spans and SAID_BY
// relations accepted (not suggested). Paragraphs of the invented cue
// appear with probability zorbled (0..1).
func genDoc(id string, seed uint64, n int, zorbled float64) *annotate.Document {
	rng := rand.New(rand.NewPCG(seed, 0x11))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	d := &annotate.Document{ID: id}
	var b strings.Builder
	pos := 0
	write := func(s string) int {
		at := pos
		b.WriteString(s)
		pos += utf8.RuneCountInString(s)
		return at
	}
	span := func(start int, text, label string) string {
		sid := fmt.Sprintf("%s-%d", id, len(d.Spans))
		d.Spans = append(d.Spans, annotate.Span{ID: sid, Start: start, End: start + utf8.RuneCountInString(text), Label: label, Text: text})
		return sid
	}
	said := func(from, to string) {
		d.Relations = append(d.Relations, annotate.Relation{ID: "r" + from, Label: "SAID_BY", From: from, To: to})
	}
	for p := 0; p < n; p++ {
		if p > 0 {
			if rng.IntN(3) == 0 {
				write("\r\n\r\n")
			} else {
				write("\n\n")
			}
		}
		who := pick(corpusPeople)
		switch {
		case rng.Float64() < zorbled:
			a := span(write(who), who, "ACTOR")
			write(" zorbled ")
			c := pick(corpusClauses)
			said(span(write(c), c, "CLAIM"), a)
			write(".")
		case rng.IntN(2) == 0:
			q := pick(corpusQuotes)
			write("“")
			qid := span(write(q), q, "QUOTE")
			write(",” said ")
			said(qid, span(write(who), who, "ACTOR"))
			write(".")
		default:
			span(write(who), who, "ACTOR")
			write(" visited " + pick(corpusPlaces) + " on Monday and met the press.")
		}
	}
	d.Text = b.String()
	return d
}

// genCorpus is n documents of 8 paragraphs, a third of them with the
// invented cue.
func genCorpus(seed uint64, n int) []*annotate.Document {
	docs := make([]*annotate.Document, n)
	for i := range docs {
		docs[i] = genDoc(fmt.Sprintf("doc%d", i), seed+uint64(i), 8, 0.34)
	}
	return docs
}

// bare is d without its annotations, as a new document is.
func bare(d *annotate.Document) *annotate.Document {
	return &annotate.Document{ID: d.ID, Text: d.Text}
}
