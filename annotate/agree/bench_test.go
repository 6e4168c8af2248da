package agree

import (
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/assets"
)

// benchDocs returns the sample article annotated twice: every tenth word
// an ACTOR, shifted by one word in the second copy every third time.
func benchDocs() []*annotate.Document {
	text := string(assets.Sample)
	var spans [2][]sp
	pos, word := 0, 0
	for _, w := range strings.Fields(text) {
		start := strings.Index(text[pos:], w) + pos
		pos = start + len(w)
		if word++; word%10 != 0 {
			continue
		}
		s := len([]rune(text[:start]))
		e := s + len([]rune(w))
		spans[0] = append(spans[0], sp{s, e, "ACTOR"})
		if word%30 == 0 {
			e++
		}
		spans[1] = append(spans[1], sp{s, e, "ACTOR"})
	}
	return []*annotate.Document{doc("s", text, spans[0]...), doc("s", text, spans[1]...)}
}

func BenchmarkCompare(b *testing.B) {
	docs := benchDocs()
	c := NewCorpus(2, nil)
	for b.Loop() {
		if _, err := c.Add(docs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMerge(b *testing.B) {
	docs := benchDocs()
	for b.Loop() {
		if _, err := Merge(docs, 2); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDisagreements(b *testing.B) {
	docs := benchDocs()
	for b.Loop() {
		Disagreements(docs[0], docs[1])
	}
}
