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

// docWriter writes a generated document and its accepted annotations.
type docWriter struct {
	d   *annotate.Document
	b   strings.Builder
	pos int // code points written
}

// write appends s and returns the code point it starts at.
func (w *docWriter) write(s string) int {
	at := w.pos
	w.b.WriteString(s)
	w.pos += utf8.RuneCountInString(s)
	return at
}

// span adds an accepted span of text at start and returns its id.
func (w *docWriter) span(start int, text, label string) string {
	sid := fmt.Sprintf("%s-%d", w.d.ID, len(w.d.Spans))
	w.d.Spans = append(w.d.Spans, annotate.Span{ID: sid, Start: start, End: start + utf8.RuneCountInString(text), Label: label, Text: text})
	return sid
}

// said adds an accepted SAID_BY from span from to span to.
func (w *docWriter) said(from, to string) {
	w.d.Relations = append(w.d.Relations, annotate.Relation{ID: "r" + from, Label: "SAID_BY", From: from, To: to})
}

// genDoc writes a document of n paragraphs, its gold spans and SAID_BY
// relations accepted (not suggested). Paragraphs of the invented cue
// appear with probability zorbled (0..1).
func genDoc(id string, seed uint64, n int, zorbled float64) *annotate.Document {
	rng := rand.New(rand.NewPCG(seed, 0x11))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	w := &docWriter{d: &annotate.Document{ID: id}}
	d, write, span, said := w.d, w.write, w.span, w.said
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
	d.Text = w.b.String()
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

// corpusFiller is a paragraph of about 80 tokens that names nobody and
// quotes nothing: it puts the speaker of a quotation after it beyond the
// reach the ranker had before (60 tokens).
const corpusFiller = "The hall was cold and the lights were low for most of the long evening, " +
	"and the rows of chairs stood empty until late; a few of the staff moved the tables twice, " +
	"then once more, while the rain came down on the roof and the windows of the old building, " +
	"and nobody could tell when the doors would open again or how long the wait would last this time."

// genFollowDoc writes documents where a quotation without a cue of its
// own follows, a long paragraph later, a claim by the person who says
// it: "X zorbled CLAUSE." ¶ filler (with another person in it) ¶
// “QUOTE.” — SAID_BY X, which the rules do not find (they look for a cue
// in the sentence before).
func genFollowDoc(id string, seed uint64) *annotate.Document {
	rng := rand.New(rand.NewPCG(seed, 0x22))
	w := &docWriter{d: &annotate.Document{ID: id}}
	d, write, span, said := w.d, w.write, w.span, w.said
	for p := 0; p < 3; p++ {
		if p > 0 {
			write("\n\n")
		}
		k := rng.IntN(len(corpusPeople))
		who, other := corpusPeople[k], corpusPeople[(k+1+rng.IntN(len(corpusPeople)-1))%len(corpusPeople)]
		a := span(write(who), who, "ACTOR")
		write(" zorbled ")
		c := corpusClauses[rng.IntN(len(corpusClauses))]
		said(span(write(c), c, "CLAIM"), a)
		write(".\n\n")
		span(write(other), other, "ACTOR")
		write(" visited " + corpusPlaces[rng.IntN(len(corpusPlaces))] + ". " + corpusFiller + "\n\n“")
		q := corpusQuotes[rng.IntN(len(corpusQuotes))] + "."
		said(span(write(q), q, "QUOTE"), a)
		write("”")
	}
	d.Text = w.b.String()
	return d
}
