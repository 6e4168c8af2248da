package suggest

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"gloss/annotate"
	"gloss/assets"
)

// texts returns the texts of the spans with the given label, in order.
func texts(spans []annotate.Span, label string) []string {
	var out []string
	for _, s := range spans {
		if s.Label == label {
			out = append(out, s.Text)
		}
	}
	return out
}

// checkSpans asserts what every suggestion must be, whatever the text:
// in range, non-empty, its text equal to the document's text at its code
// point offsets, suggested, explained, not a duplicate.
func checkSpans(t testing.TB, d *annotate.Document, spans []annotate.Span, rels []annotate.Relation) {
	t.Helper()
	n := utf8.RuneCountInString(d.Text)
	runes := []rune(d.Text)
	seen := map[string]bool{}
	for _, s := range d.Spans {
		seen[fmt.Sprint(s.Start, s.End, s.Label)] = true
	}
	ids := map[string]string{}
	for _, s := range d.Spans {
		ids[s.ID] = s.Label
	}
	for _, s := range spans {
		if s.Start < 0 || s.End > n || s.Start >= s.End {
			t.Fatalf("span %+v out of range [0,%d)", s, n)
		}
		if got := string(runes[s.Start:s.End]); got != s.Text {
			t.Fatalf("span [%d,%d) %s: text %q, the document has %q", s.Start, s.End, s.Label, s.Text, got)
		}
		if !s.Suggested || s.Reason == "" || s.ID == "" {
			t.Fatalf("span %+v: not suggested, or without reason or id", s)
		}
		k := fmt.Sprint(s.Start, s.End, s.Label)
		if seen[k] {
			t.Fatalf("span %+v duplicates another span", s)
		}
		seen[k] = true
		if _, dup := ids[s.ID]; dup {
			t.Fatalf("span id %s used twice", s.ID)
		}
		ids[s.ID] = s.Label
	}
	ls := annotate.DefaultLabelSet()
	for _, r := range rels {
		from, ok1 := ids[r.From]
		to, ok2 := ids[r.To]
		if !ok1 || !ok2 {
			t.Fatalf("relation %+v points at a missing span", r)
		}
		if !ls.Allows(r.Label, from, to) || !r.Suggested || r.Reason == "" || r.ID == "" {
			t.Fatalf("relation %+v (%s→%s) not allowed or not explained", r, from, to)
		}
	}
	// The document with the suggestions added is valid.
	c := d.Clone()
	c.Spans = append(c.Spans, spans...)
	c.Relations = append(c.Relations, rels...)
	if ps := annotate.Validate(c, ls); len(ps) > 0 {
		t.Fatalf("suggestions make an invalid document: %v", ps)
	}
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
		// start is the expected code-point start of the first quote, or -1.
		start int
	}{
		{"curly", "He said “we will win” today.", []string{"we will win"}, 9},
		{"apostrophes inside", "“The company’s workers’ union won’t stop,” she said.", []string{"The company’s workers’ union won’t stop,"}, 1},
		{"apostrophes alone", "The company’s workers’ union and don't ’90s rock.", nil, -1},
		{"single curly, possessive inside", "‘The workers’ rights matter’, he said.", []string{"The workers’ rights matter"}, 1},
		{"single curly, contraction", "She said ‘don’t’ twice.", []string{"don’t"}, 10},
		{"straight double", `He said "no way" and left.`, []string{"no way"}, 9},
		{"straight single", `He said 'no way' and left, didn't he?`, []string{"no way"}, 9},
		{"guillemets", "Il a dit « nous gagnerons » hier.", []string{"nous gagnerons"}, 11},
		{"reversed guillemets", "Er sagte »wir gewinnen« gestern.", []string{"wir gewinnen"}, 10},
		{"single guillemets", "Il a dit ‹oui› hier.", []string{"oui"}, 10},
		{"German", "Er sagte: „Wir schaffen das.“ Dann ging er.", []string{"Wir schaffen das."}, 11},
		{"German nested", "„Er sagte ‚nein‘ und ging“, berichtete sie.", []string{"Er sagte ‚nein‘ und ging"}, 1},
		{"corner brackets", "他说「我们会赢」。", []string{"我们会赢"}, 3},
		{"corner brackets nested", "她说「他说『好』了」。", []string{"他说『好』了"}, 3},
		{"nested single in double", "“He told me ‘never’ and ‘always’,” she said.", []string{"He told me ‘never’ and ‘always’,"}, 1},
		{"nested double in double", "“a “b” c” and “d”", []string{"a “b” c", "d"}, 1},
		{"two sentences", "“First one. Second one.” he said.", []string{"First one. Second one."}, 1},
		{"two paragraphs", "“First part.\n\n“Second part.” he said.", []string{"First part.\n\n“Second part."}, 1},
		{"unclosed", "He said “this never ends. Then nothing.", nil, -1},
		{"unclosed then closed", "He said “oops.\n\nLater “fine” came.", []string{"fine"}, 23},
		{"CRLF", "Line one.\r\nHe said “yes”.\r\nEnd.", []string{"yes"}, 20},
		{"emoji before", "🎉🎉 She said “hi 👋 there” ok", []string{"hi 👋 there"}, 13},
		{"combining accent", "Cafe\u0301 owner said “ça va” .", []string{"ça va"}, 18},
		{"empty quotes", "He said “” and “ ”.", nil, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &annotate.Document{ID: "t", Text: tc.text}
			spans, rels := Suggest(d, nil, Options{})
			checkSpans(t, d, spans, rels)
			got := texts(spans, LabelQuote)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("quotes %q, want %q", got, tc.want)
			}
			if tc.start >= 0 {
				for _, s := range spans {
					if s.Label == LabelQuote {
						if s.Start != tc.start {
							t.Fatalf("first quote starts at %d, want %d", s.Start, tc.start)
						}
						if !strings.HasPrefix(s.Reason, "inside ") {
							t.Fatalf("reason %q", s.Reason)
						}
						break
					}
				}
			}
		})
	}
}

func TestActors(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		known   []string
		want    []string
		reasons []string // substrings expected among the reasons, in order of want
	}{
		{"sentence-initial words", "The minister left. And then. But nothing. In fact, however.", nil, nil, nil},
		{"particles", "They met Ursula von der Leyen and Abdelfatah al Sisi and Muammar al-Gaddafi.", nil,
			[]string{"Ursula von der Leyen", "Abdelfatah al Sisi", "Muammar al-Gaddafi"}, []string{"capitalised name", "capitalised name", "capitalised name"}},
		{"title with name", "He phoned the minister of Defense, Turkish, Hulusi Akar, and his Turkish counterpart, Recep Tayyip Erdogan.", nil,
			[]string{"the minister of Defense, Turkish, Hulusi Akar", "his Turkish counterpart, Recep Tayyip Erdogan"}, []string{"title with name ('minister')", "title with name ('counterpart')"}},
		{"organisation and lower-case state", "The foreign ministry of russia issued a note.", nil,
			[]string{"The foreign ministry of russia"}, []string{"organisation ('ministry')"}},
		{"states act, places do not", "Turkey rejected the plan. He flew to Istanbul and stayed in Libya, in the Kremlin and in the city of Sirte.", nil,
			[]string{"Turkey"}, []string{"name of a state"}},
		{"headings are not names", "About Author\n\nLeave A Reply", nil, nil, nil},
		{"acronyms", "the Government of National Unity (GNA) and the UN", nil,
			[]string{"Government of National Unity", "GNA", "UN"}, nil},
		{"known from the corpus", "Lavrov spoke. Then Sergey Lavrov left.", []string{"Sergey Lavrov"},
			[]string{"Lavrov", "Sergey Lavrov"}, []string{"ACTOR 'Sergey Lavrov' labelled in another document", "ACTOR 'Sergey Lavrov' labelled in another document"}},
		{"initials", "Joanne Rowling is also known as J. K. Rowling and Larry Page.", nil,
			[]string{"Joanne Rowling", "J. K. Rowling", "Larry Page"}, nil},
		{"ordinary word before a name", "See al Sisi and Bank of England. The bank and see.", nil, []string{"al Sisi", "Bank of England"}, nil},
		{"case matters for vouching", "Text span annotation\n\nSee TEXT SPAN ANNOTATION.", nil, []string{"TEXT SPAN ANNOTATION"}, nil},
		{"possessive", "It was Putin’s plan, and Erdogan's.", nil, []string{"Putin", "Erdogan"}, nil},
		{"possessive determiner", "Hungary’s prime minister, Viktor Orbán, left with The agency’s spokesman, William Spindler.", nil,
			[]string{"Hungary’s prime minister, Viktor Orbán", "The agency’s spokesman, William Spindler"}, []string{"title with name ('minister')", "title with name ('spokesman')"}},
		{"organisations with owners and names", "His government and the United Nations refugee agency met the government.", nil,
			[]string{"His government", "the United Nations refugee agency"}, []string{"organisation ('government')", "organisation ('agency')"}},
		{"dateline", "BRUSSELS — The talks ended.\nMOSCOW, June 3 – Nothing.\nSANTIAGO (Reuters) - Fine.\nMOSCOW said no.", nil, []string{"MOSCOW"}, []string{"name of a state"}},
		{"portfolio before a title", "Mining minister Marcela Hernando met the finance minister, Mario Marcel.", nil,
			[]string{"Mining minister Marcela Hernando", "the finance minister, Mario Marcel"}, []string{"title with name ('minister')", "title with name ('minister')"}},
		{"emoji and CJK around", "🎉 met 東京 and Vladimir Putin 👋.", nil, []string{"Vladimir Putin"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &annotate.Document{ID: "t", Text: tc.text}
			spans, rels := Suggest(d, nil, Options{KnownActors: tc.known})
			checkSpans(t, d, spans, rels)
			got := texts(spans, LabelActor)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("actors %q, want %q", got, tc.want)
			}
			var actors []annotate.Span
			for _, s := range spans {
				if s.Label == LabelActor {
					actors = append(actors, s)
				}
			}
			for i, r := range tc.reasons {
				if !strings.Contains(actors[i].Reason, r) {
					t.Errorf("actor %q: reason %q, want %q", actors[i].Text, actors[i].Reason, r)
				}
			}
		})
	}
}

// TestFurtherMentions: an accepted ACTOR span lends its name (and the short
// form of a person's name) to every other mention, and is never suggested
// again.
func TestFurtherMentions(t *testing.T) {
	text := "Wagner units arrived. The head, Dmitry Utkin, spoke. Later Utkin left; wagner is not Wagner’s."
	d := &annotate.Document{ID: "t", Text: text}
	r := []rune(text)
	at := func(s string, from int) (int, int) {
		i := strings.Index(string(r[from:]), s)
		start := from + utf8.RuneCountInString(string(r[from:])[:i])
		return start, start + utf8.RuneCountInString(s)
	}
	s1, e1 := at("Dmitry Utkin", 0)
	s2, e2 := at("Wagner", 0)
	d.Spans = []annotate.Span{
		{ID: "a1", Start: s1, End: e1, Label: LabelActor, Text: "Dmitry Utkin"},
		{ID: "a2", Start: s2, End: e2, Label: LabelActor, Text: "Wagner"},
	}
	spans, rels := Suggest(d, nil, Options{})
	checkSpans(t, d, spans, rels)
	want := map[string]string{
		"Utkin":  "earlier mention of ACTOR 'Utkin'",
		"Wagner": "earlier mention of ACTOR 'Wagner'",
	}
	got := map[string]string{}
	for _, s := range spans {
		if s.Label == LabelActor {
			got[s.Text] = s.Reason
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestSpeakers(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		quote  string // the QUOTE or CLAIM
		label  string
		who    string // the ACTOR it is SAID_BY, "" for none
		reason string
	}{
		{"verb after", "“We will win,” Sergey Lavrov said.", "We will win,", LabelQuote, "Sergey Lavrov", "speaker: 'said' after the quote"},
		{"inverted", "“We will win,” said Sergey Lavrov.", "We will win,", LabelQuote, "Sergey Lavrov", "speaker: 'said' after the quote"},
		{"verb before", "Sergey Lavrov told reporters: “We will win.”", "We will win.", LabelQuote, "Sergey Lavrov", "speaker: 'told' before the quote"},
		{"pronoun he", "Sergey Lavrov arrived in Ankara on Monday. “We will win,” he said.", "We will win,", LabelQuote, "Sergey Lavrov",
			"speaker: 'said' after the quote; 'he' resolved to 'Sergey Lavrov'"},
		{"pronoun she skips states", "Angela Merkel met Turkey and France. “No,” she warned.", "No,", LabelQuote, "Angela Merkel", "'she' resolved to 'Angela Merkel'"},
		{"pronoun it", "The Turkish government issued a note. “No,” it said.", "No,", LabelQuote, "The Turkish government", "'it' resolved to 'The Turkish government'"},
		{"pronoun prefers a person", "Marcela Hernando said talks with Albemarle would begin. She added: “Contracts will be respected.”",
			"Contracts will be respected.", LabelQuote, "Marcela Hernando", "'She' resolved to 'Marcela Hernando'"},
		{"called", "Senator Manuel Ossandón called it “a mistake”.", "a mistake", LabelQuote, "Senator Manuel Ossandón", "speaker: 'called' before the quote"},
		{"claim without that", "The miner Albemarle, which operates in Chile, said it was studying the announcement.",
			"it was studying the announcement", LabelClaim, "Albemarle", "speaker: subject of 'said'"},
		{"previous sentence", "Sergey Lavrov told reporters on Monday. “We are ready.”", "We are ready.", LabelQuote, "Sergey Lavrov", "speaker: 'told' in the previous sentence"},
		{"according to", "According to Hulusi Akar, “the war is over”.", "the war is over", LabelQuote, "Hulusi Akar", "speaker: 'according to' before the quote"},
		{"quoted by an agency", "Mevlut Cavusoglu, quoted by the agency, Turkish Anadolu, said that “it is over”.", "it is over", LabelQuote, "Mevlut Cavusoglu", "'said' before the quote"},
		{"name and colon", "Sergey Lavrov: “We will win.”", "We will win.", LabelQuote, "Sergey Lavrov", "speaker: name and colon before the quote"},
		{"no speaker", "The sign read “closed”.", "closed", LabelQuote, "", ""},
		{"scare quotes take no speaker from the previous sentence", "Sergey Lavrov reported the news. Then create the “upper layers” of it.",
			"upper layers", LabelQuote, "", ""},
		{"the quoting agency is no speaker", "“It is over,” quoted by the agency Anadolu.", "It is over,", LabelQuote, "", ""},
		{"quoted as saying", "“It is over,” Sergey Lavrov was quoted by TASS as saying.", "It is over,", LabelQuote, "Sergey Lavrov", "speaker: 'quoted' after the quote"},
		{"claim", "Turkish President Recep Tayyip Erdogan said that the offensive would continue. Then he left.", "the offensive would continue", LabelClaim, "Turkish President Recep Tayyip Erdogan", "speaker: subject of 'said'"},
		{"claim with pronoun", "Sergey Lavrov arrived. He stated that talks had failed!", "talks had failed", LabelClaim, "Sergey Lavrov", "'He' resolved to 'Sergey Lavrov'"},
		{"claim cut at a further speech verb", "Prime Minister Giorgia Meloni said that the deal was a first step, but warned that Rome would not accept it.",
			"the deal was a first step", LabelClaim, "Prime Minister Giorgia Meloni", "speaker: subject of 'said'"},
		{"second claim of the sentence", "Prime Minister Giorgia Meloni said that the deal was a first step, but warned that Rome would not accept it.",
			"Rome would not accept it", LabelClaim, "Prime Minister Giorgia Meloni", "speaker: subject of 'warned'"},
		{"according to, leading", "According to the United Nations refugee agency, more than 100,000 people crossed the sea.",
			"more than 100,000 people crossed the sea", LabelClaim, "the United Nations refugee agency", "speaker: 'according to'"},
		{"according to, trailing", "More than 100,000 people crossed the sea, according to Sergey Lavrov.",
			"More than 100,000 people crossed the sea", LabelClaim, "Sergey Lavrov", "speaker: 'according to'"},
		{"that-clause quoted is no claim", "Sergey Lavrov said that “talks failed”.", "talks failed", LabelQuote, "Sergey Lavrov", "'said' before the quote"},
		{"emoji and CRLF", "🎉 Sergey Lavrov spoke.\r\n“Ça va 👋,” he said.\r\n", "Ça va 👋,", LabelQuote, "Sergey Lavrov", "'he' resolved to 'Sergey Lavrov'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &annotate.Document{ID: "t", Text: tc.text}
			spans, rels := Suggest(d, nil, Options{})
			checkSpans(t, d, spans, rels)
			byID := map[string]annotate.Span{}
			var from *annotate.Span
			for i, s := range spans {
				byID[s.ID] = s
				if s.Label == tc.label && s.Text == tc.quote {
					from = &spans[i]
				}
			}
			if from == nil {
				t.Fatalf("no %s %q among %v", tc.label, tc.quote, spans)
			}
			var who, reason string
			for _, r := range rels {
				if r.From == from.ID {
					who, reason = byID[r.To].Text, r.Reason
				}
			}
			if who != tc.who || !strings.Contains(reason, tc.reason) {
				t.Fatalf("SAID_BY %q (%q), want %q (%q)", who, reason, tc.who, tc.reason)
			}
		})
	}
}

// TestSample checks the three quotes of the sample article and their
// speakers: the Russian foreign ministry, Çavusoglu and Hulusi Akar.
func TestSample(t *testing.T) {
	d := &annotate.Document{ID: "russia-turkey-libya", Text: string(assets.Sample)}
	spans, rels := Suggest(d, nil, Options{})
	checkSpans(t, d, spans, rels)
	want := [][2]string{
		{"the jobs continue. The date of the meeting of the Foreign and Defence ministers of the two countries agreed in addition", "The foreign ministry of russia"},
		{"call a truce just when Haftar begins to lose ground. This is neither convincing nor sincere. The efforts of a cease-fire in Cairo are born dead", "Çavusoglu"},
		{"Haftar was not a force in itself but the tool of other forces", "the minister of Defense, Turkish, Hulusi Akar"},
	}
	byID := map[string]annotate.Span{}
	for _, s := range spans {
		byID[s.ID] = s
	}
	var got [][2]string
	for _, s := range spans {
		if s.Label != LabelQuote {
			continue
		}
		for _, r := range rels {
			if r.From == s.ID {
				got = append(got, [2]string{s.Text, byID[r.To].Text})
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("quotes and speakers:\n%q\nwant\n%q", got, want)
	}
}

// TestAcceptAllIsStable: once every suggestion is accepted, Suggest has
// nothing more to say; and it says the same thing twice.
func TestAcceptAllIsStable(t *testing.T) {
	for _, text := range []string{string(assets.Sample), generate(7, 2048)} {
		d := &annotate.Document{ID: "x", Text: text}
		spans, rels := Suggest(d, nil, Options{})
		spans2, rels2 := Suggest(d, nil, Options{})
		if !reflect.DeepEqual(spans, spans2) || !reflect.DeepEqual(rels, rels2) {
			t.Fatal("two runs differ")
		}
		if len(spans) == 0 || len(rels) == 0 {
			t.Fatalf("no suggestions for %.60q", text)
		}
		for i := range spans {
			spans[i].Suggested, spans[i].Reason = false, ""
		}
		for i := range rels {
			rels[i].Suggested, rels[i].Reason = false, ""
		}
		d.Spans, d.Relations = spans, rels
		more, moreRels := Suggest(d, nil, Options{})
		if len(more) > 0 || len(moreRels) > 0 {
			t.Fatalf("after accepting everything, still %d spans (%v) and %d relations", len(more), more, len(moreRels))
		}
	}
}

// TestLabelSetRespected: labels the set lacks are not suggested, and
// neither are relations it does not allow.
func TestLabelSetRespected(t *testing.T) {
	ls, err := annotate.ParseLabelSet([]byte(`
[[label]]
name = "QUOTE"
[[label]]
name = "PERSON"
`), "test")
	if err != nil {
		t.Fatal(err)
	}
	d := &annotate.Document{ID: "x", Text: string(assets.Sample)}
	spans, rels := Suggest(d, ls, Options{})
	if len(rels) != 0 {
		t.Fatalf("relations %v without SAID_BY in the label set", rels)
	}
	for _, s := range spans {
		if s.Label != LabelQuote {
			t.Fatalf("span %+v not in the label set", s)
		}
	}
	if len(spans) != 3 {
		t.Fatalf("%d quotes, want 3", len(spans))
	}
}

// TestExistingSpansRespected: existing spans are never duplicated, nor
// overlapped by a suggestion of their label; an attributed quote gets no
// further SAID_BY; relations may point at existing spans.
func TestExistingSpansRespected(t *testing.T) {
	text := "“We will win,” Sergey Lavrov said. “Not so,” said Hulusi Akar."
	d := &annotate.Document{ID: "x", Text: text}
	d.Spans = []annotate.Span{
		{ID: "q1", Start: 1, End: 13, Label: LabelQuote},
		{ID: "a1", Start: 15, End: 21, Label: LabelActor}, // "Sergey", overlapping "Sergey Lavrov"
		{ID: "q2", Start: 36, End: 43, Label: LabelQuote},
		{ID: "a2", Start: 50, End: 61, Label: LabelActor},
	}
	d.Relations = []annotate.Relation{{ID: "r1", Label: RelSaidBy, From: "q2", To: "a2"}}
	spans, rels := Suggest(d, nil, Options{})
	checkSpans(t, d, spans, rels)
	for _, s := range spans {
		if s.Label != LabelActor {
			t.Fatalf("unexpected %+v", s)
		}
		if s.Start < 21 && s.End > 15 {
			t.Fatalf("%+v overlaps the existing ACTOR", s)
		}
	}
	if len(rels) != 1 || rels[0].From != "q1" || rels[0].To != "a1" {
		t.Fatalf("relations %+v, want q1 SAID_BY a1", rels)
	}
}

// TestNounsAreNotSpeechVerbs: "the states that …" and "NOTES that …" are
// nouns with a relative clause, not reported speech.
func TestNounsAreNotSpeechVerbs(t *testing.T) {
	for _, text := range []string{
		"Sergey Lavrov visited the states that border Libya.",
		"Sergey Lavrov supports free-text NOTES that can be attached.",
		"Sergey Lavrov read the reports that arrived.",
	} {
		d := &annotate.Document{ID: "x", Text: text}
		spans, rels := Suggest(d, nil, Options{})
		if c := texts(spans, LabelClaim); len(c) > 0 || len(rels) > 0 {
			t.Errorf("%q: claims %q, relations %v", text, c, rels)
		}
	}
}

// TestBadExistingSpans: out-of-range spans in the input are ignored, not
// trusted.
func TestBadExistingSpans(t *testing.T) {
	d := &annotate.Document{ID: "x", Text: "“Hi,” said Sergey Lavrov."}
	d.Spans = []annotate.Span{{ID: "bad", Start: 10, End: 400, Label: LabelActor}, {ID: "neg", Start: -3, End: 2, Label: LabelQuote}}
	spans, rels := Suggest(d, nil, Options{})
	if len(texts(spans, LabelQuote)) != 1 || len(texts(spans, LabelActor)) != 1 || len(rels) != 1 {
		t.Fatalf("spans %v rels %v", spans, rels)
	}
}

// TestKnownActors: accepted ACTOR texts of a corpus, distinct and sorted,
// suggestions left out; they then find mentions in another document.
func TestKnownActors(t *testing.T) {
	a := &annotate.Document{ID: "a", Text: "Sergey Lavrov met 🎉 Wagner.", Spans: []annotate.Span{
		{ID: "1", Start: 0, End: 13, Label: LabelActor, Text: "Sergey Lavrov"},
		{ID: "2", Start: 20, End: 26, Label: LabelActor}, // no text: read from the document
		{ID: "3", Start: 14, End: 17, Label: LabelActor, Suggested: true},
		{ID: "4", Start: 0, End: 6, Label: LabelQuote},
	}}
	b := &annotate.Document{ID: "b", Text: "Wagner left.", Spans: []annotate.Span{{ID: "5", Start: 0, End: 6, Label: LabelActor, Text: "Wagner"}}}
	got := KnownActors(a, b)
	if want := []string{"Sergey Lavrov", "Wagner"}; !slices.Equal(got, want) {
		t.Fatalf("KnownActors %q, want %q", got, want)
	}
	d := &annotate.Document{ID: "c", Text: "Later, Wagner and Lavrov spoke."}
	spans, _ := Suggest(d, nil, Options{KnownActors: got})
	var reasons []string
	for _, s := range spans {
		reasons = append(reasons, s.Text+": "+s.Reason)
	}
	want := []string{"Wagner: ACTOR 'Wagner' labelled in another document", "Lavrov: ACTOR 'Sergey Lavrov' labelled in another document"}
	if !slices.Equal(reasons, want) {
		t.Fatalf("got %q, want %q", reasons, want)
	}
}
