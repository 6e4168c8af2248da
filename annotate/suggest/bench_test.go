package suggest

import (
	"math/rand/v2"
	"strings"
	"testing"

	"gloss/annotate"
)

// Vocabulary of the generated news: enough variety to exercise every rule.
var (
	genPeople = []string{"Sergey Lavrov", "Hulusi Akar", "Mevlut Çavusoglu", "Abdelfatah al Sisi",
		"Ursula von der Leyen", "Khalifa Haftar", "Fayed al Serraj", "Angela Merkel", "Zoë Ngo-Tran",
		"Jean-Luc Mélenchon", "Li Wei"}
	genStates  = []string{"Russia", "Turkey", "Egypt", "Libya", "France", "the United States", "Saudi Arabia"}
	genTitles  = []string{"the foreign minister", "his Turkish counterpart", "the egyptian president", "the marshal", "the spokesman"}
	genOrgs    = []string{"The foreign ministry of russia", "the Government of National Unity", "the UN", "the Turkish government"}
	genVerbs   = []string{"said", "told reporters", "added", "warned", "insisted", "announced", "claimed", "explained"}
	genQuotes  = [][2]string{{"“", "”"}, {"„", "“"}, {"«", "»"}, {"\"", "\""}, {"‘", "’"}}
	genClauses = []string{"the talks would continue", "the workers’ rights were not negotiable",
		"nobody's offensive could stop the peace plan", "the cease-fire was born dead",
		"the meeting in Istanbul had been postponed", "the date of the meeting was agreed 🎉",
		"Ankara had to choose between the plans of Moscow and Cairo"}
)

// generate returns news-like text of about size bytes, with quotations in
// several styles, names, titles, states, pronouns and reported speech; the
// same seed gives the same text.
func generate(seed uint64, size int) string {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	var b strings.Builder
	for b.Len() < size {
		who := pick(genPeople)
		q := genQuotes[rng.IntN(len(genQuotes))]
		clause := pick(genClauses)
		switch rng.IntN(7) {
		case 0:
			b.WriteString(who + " " + pick(genVerbs) + " that " + clause + ". ")
		case 1:
			b.WriteString(q[0] + strings.ToUpper(clause[:1]) + clause[1:] + "," + q[1] + " " + pick(genVerbs) + " " + who + ". ")
		case 2:
			b.WriteString(pick(genTitles) + ", " + who + ", met " + pick(genStates) + " in " + pick(genStates) + ". ")
			b.WriteString(q[0] + "We think " + clause + ". It is clear," + q[1] + " he said. ")
		case 3:
			b.WriteString("According to " + pick(genOrgs) + ", " + q[0] + clause + q[1] + ". ")
		case 4:
			b.WriteString(pick(genStates) + " rejected the proposal of " + pick(genStates) + " on Wednesday, and " + pick(genOrgs) + " " + pick(genVerbs) + " nothing. ")
		case 5:
			b.WriteString("\r\n\r\n")
		default:
			b.WriteString(who + " spoke by telephone with " + pick(genPeople) + ". " + q[0] + "The company’s plan is " + clause + q[1] + ", it said. ")
		}
	}
	return b.String()
}

// BenchmarkSuggest runs Suggest over 10,000 generated documents of about
// 2 KB each; b.SetBytes makes the figure MB/s of text.
func BenchmarkSuggest(b *testing.B) {
	const docs = 10000
	corpus := make([]*annotate.Document, docs)
	total := 0
	for i := range corpus {
		corpus[i] = &annotate.Document{ID: "gen", Text: generate(uint64(i), 2048)}
		total += len(corpus[i].Text)
	}
	opt := Options{KnownActors: []string{"Sergey Lavrov", "Wagner", "the minister of Defense, Turkish, Hulusi Akar"}}
	b.SetBytes(int64(total))
	cpu := cpuSeconds()
	runs := 0
	for b.Loop() {
		for _, d := range corpus {
			Suggest(d, nil, opt)
		}
		runs++
	}
	// MB per second of processor time (garbage collection included): the
	// figure that does not depend on what else the machine is doing.
	if used := cpuSeconds() - cpu; used > 0 {
		b.ReportMetric(float64(total)*float64(runs)/1e6/used, "MB/cpu-s")
	}
}
