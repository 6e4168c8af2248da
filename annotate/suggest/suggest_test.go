package suggest

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
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

// checkSpans is annotatetest.CheckSuggestions.
func checkSpans(t testing.TB, d *annotate.Document, spans []annotate.Span, rels []annotate.Relation) {
	t.Helper()
	annotatetest.CheckSuggestions(t, d, spans, rels)
}

// TestQuotes checks how quotation marks pair, whatever the quotations
// are (direct speech or quoted phrases: see TestDirectSpeech).
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
		{"doubled apostrophes", `''It is over,'' he said. ''We won't '90s rock.''`, []string{"It is over,", "We won't '90s rock."}, 2},
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
		{"two paragraphs, one quotation", "“First part.\n\n“Second part.” he said.", []string{"First part.", "Second part."}, 1},
		{"paragraphs confirmed, last unclosed", "“First part.\n\n“Second part.\n\nThen nothing.", []string{"First part."}, 1},
		{"curly closed by straight", "“We will win,\" he said.", []string{"We will win,"}, 1},
		{"straight closed by curly", "\"We will win,” he said.", []string{"We will win,"}, 1},
		{"mixed marks stay on their line", "\"Not closed here.\n\nThen “a” and”", []string{"a"}, 25},
		{"marks in HTML attributes", `<tweet id="672" author="@x">“Hi,” she wrote</tweet>`, []string{"Hi,"}, 29},
		{"unclosed", "He said “this never ends. Then nothing.", nil, -1},
		{"unclosed then closed", "He said “oops.\n\nLater “fine” came.", []string{"fine"}, 23},
		{"CRLF", "Line one.\r\nHe said “yes”.\r\nEnd.", []string{"yes"}, 20},
		{"emoji before", "🎉🎉 She said “hi 👋 there” ok", []string{"hi 👋 there"}, 13},
		{"combining accent", "Cafe\u0301 owner said “ça va” .", []string{"ça va"}, 18},
		{"empty quotes", "He said “” and “ ”.", nil, -1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tx := scan(tc.text)
			var got []string
			for _, q := range findQuotes(tx) {
				got = append(got, tx.str(q.start, q.end))
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("quotes %q, want %q", got, tc.want)
			}
			if qs := findQuotes(tx); tc.start >= 0 && qs[0].start != tc.start {
				t.Fatalf("first quote starts at %d, want %d", qs[0].start, tc.start)
			}
			// Whatever Suggest makes QUOTEs of is among these, and valid.
			d := &annotate.Document{ID: "t", Text: tc.text}
			spans, rels := Suggest(d, nil, Options{})
			checkSpans(t, d, spans, rels)
			for _, s := range texts(spans, LabelQuote) {
				if !slices.Contains(tc.want, s) {
					t.Fatalf("QUOTE %q is no quotation", s)
				}
			}
		})
	}
}

// TestDirectSpeech: a QUOTE is direct speech, a quotation of its own; a
// word or phrase quoted inside a clause is not (it may be part of a
// CLAIM).
func TestDirectSpeech(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // the QUOTEs
	}{
		{"sentence of its own", "Lavrov spoke. “We will win.” Then he left.", []string{"We will win."}},
		{"after a comma", "“We will win,” Lavrov said, “and soon.”", []string{"We will win,", "and soon."}},
		{"after a colon", "Lavrov said: “We will win.”", []string{"We will win."}},
		{"after a speech verb, capitalised", "Lavrov said “We will win.”", []string{"We will win."}},
		{"after a speech verb, a sentence", "Lavrov says “the game is over now.”", []string{"the game is over now."}},
		{"scare quote", "It was a national “chalking” movement.", nil},
		{"after that", "Lavrov said that “talks failed”.", nil},
		{"called", "Lavrov called it “a mistake”.", nil},
		{"title run into the sentence", "He blasted “Frozen” and the books.", nil},
		{"after a dash", "His act—“My plan is great!”—is wearing thin.", nil},
		{"HTML attribute", `<a href="x.html" title="Home">“Hi,” she wrote.</a>`, []string{"Hi,"}},
		{"paragraphs of one quotation", "“First part.\n\n“Second part,” he said.", []string{"First part.", "Second part,"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &annotate.Document{ID: "t", Text: tc.text}
			spans, rels := Suggest(d, nil, Options{})
			checkSpans(t, d, spans, rels)
			if got := texts(spans, LabelQuote); !slices.Equal(got, tc.want) {
				t.Fatalf("QUOTEs %q, want %q", got, tc.want)
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
		{"pronoun he", "Sergey Lavrov arrived in Ankara on Monday. “We will win,” he said.", "We will win,", LabelQuote, "he",
			"speaker: 'said' after the quote; 'he' resolved to 'Sergey Lavrov'"},
		{"pronoun she skips states", "Angela Merkel met Turkey and France. “No,” she warned.", "No,", LabelQuote, "she", "'she' resolved to 'Angela Merkel'"},
		{"pronoun it", "The Turkish government issued a note. “No,” it said.", "No,", LabelQuote, "it", "'it' resolved to 'The Turkish government'"},
		{"pronoun prefers a person", "Marcela Hernando said talks with Albemarle would begin. She added: “Contracts will be respected.”",
			"Contracts will be respected.", LabelQuote, "She", "'She' resolved to 'Marcela Hernando'"},
		{"called", "Senator Manuel Ossandón called it “a mistake”.", "it “a mistake”", LabelClaim, "Senator Manuel Ossandón", "speaker: subject of 'called'"},
		{"claim without that", "The miner Albemarle, which operates in Chile, said it was studying the announcement.",
			"it was studying the announcement", LabelClaim, "Albemarle", "speaker: subject of 'said'"},
		{"previous sentence", "Sergey Lavrov told reporters on Monday. “We are ready.”", "We are ready.", LabelQuote, "Sergey Lavrov", "speaker: 'told' in the previous sentence"},
		{"according to", "According to Hulusi Akar, “The war is over.”", "The war is over.", LabelQuote, "Hulusi Akar", "speaker: 'according to' before the quote"},
		{"according to, quoted phrase", "According to Hulusi Akar, “the war is over”.", "“the war is over”", LabelClaim, "Hulusi Akar", "speaker: 'according to'"},
		{"quoted by an agency", "Mevlut Cavusoglu, quoted by the agency, Turkish Anadolu, said that “it is over”.", "“it is over”", LabelClaim, "Mevlut Cavusoglu", "subject of 'said'"},
		{"name and colon", "Sergey Lavrov: “We will win.”", "We will win.", LabelQuote, "Sergey Lavrov", "speaker: name and colon before the quote"},
		{"no speaker", "Nothing more. “Closed until Monday.”", "Closed until Monday.", LabelQuote, "", ""},
		{"a quotation inside a sentence takes no speaker from the previous one", "Sergey Lavrov reported the news. Then came, “Nobody knows why.”",
			"Nobody knows why.", LabelQuote, "", ""},
		{"the quoting agency is no speaker", "“It is over,” quoted by the agency Anadolu.", "It is over,", LabelQuote, "", ""},
		{"quoted as saying", "“It is over,” Sergey Lavrov was quoted by TASS as saying.", "It is over,", LabelQuote, "Sergey Lavrov", "speaker: 'quoted' after the quote"},
		{"claim", "Turkish President Recep Tayyip Erdogan said that the offensive would continue. Then he left.", "the offensive would continue", LabelClaim, "Turkish President Recep Tayyip Erdogan", "speaker: subject of 'said'"},
		{"claim with pronoun", "Sergey Lavrov arrived. He stated that talks had failed!", "talks had failed", LabelClaim, "He", "'He' resolved to 'Sergey Lavrov'"},
		{"claim cut at a further speech verb", "Prime Minister Giorgia Meloni said that the deal was a first step, but warned that Rome would not accept it.",
			"the deal was a first step", LabelClaim, "Prime Minister Giorgia Meloni", "speaker: subject of 'said'"},
		{"second claim of the sentence", "Prime Minister Giorgia Meloni said that the deal was a first step, but warned that Rome would not accept it.",
			"Rome would not accept it", LabelClaim, "Prime Minister Giorgia Meloni", "speaker: subject of 'warned'"},
		{"according to, leading", "According to the United Nations refugee agency, more than 100,000 people crossed the sea.",
			"more than 100,000 people crossed the sea", LabelClaim, "the United Nations refugee agency", "speaker: 'according to'"},
		{"according to, trailing", "More than 100,000 people crossed the sea, according to Sergey Lavrov.",
			"More than 100,000 people crossed the sea", LabelClaim, "Sergey Lavrov", "speaker: 'according to'"},
		{"that-clause quoted is a claim", "Sergey Lavrov said that “talks failed”.", "“talks failed”", LabelClaim, "Sergey Lavrov", "subject of 'said'"},
		{"emoji and CRLF", "🎉 Sergey Lavrov spoke.\r\n“Ça va 👋,” he said.\r\n", "Ça va 👋,", LabelQuote, "he", "'he' resolved to 'Sergey Lavrov'"},
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

// TestSample checks the quotations and reported speech of the sample
// article and their speakers: the Russian foreign ministry, the Turkish
// one, Çavusoglu and Hulusi Akar.
func TestSample(t *testing.T) {
	d := &annotate.Document{ID: "russia-turkey-libya", Text: string(assets.Sample)}
	spans, rels := Suggest(d, nil, Options{})
	checkSpans(t, d, spans, rels)
	want := [][3]string{
		{LabelClaim, "“the jobs continue. The date of the meeting of the Foreign and Defence ministers of the two countries agreed in addition”", "The foreign ministry of russia"},
		{LabelClaim, "Lavrov and his colleague, Turkish, Mevlut Çavusoglu, is phoned", "The Ministry of Foreign affairs Turkish"},
		{LabelClaim, "“call a truce just when Haftar begins to lose ground. This is neither convincing nor sincere. The efforts of a cease-fire in Cairo are born dead”", "Çavusoglu"},
		{LabelQuote, "Haftar was not a force in itself but the tool of other forces", "the minister of Defense, Turkish, Hulusi Akar"},
	}
	byID := map[string]annotate.Span{}
	for _, s := range spans {
		byID[s.ID] = s
	}
	var got [][3]string
	for _, s := range spans {
		if s.Label != LabelQuote && s.Label != LabelClaim {
			continue
		}
		for _, r := range rels {
			if r.From == s.ID {
				got = append(got, [3]string{s.Label, s.Text, byID[r.To].Text})
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("quotes, claims and speakers:\n%q\nwant\n%q", got, want)
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
	if len(spans) != 1 {
		t.Fatalf("%d quotes, want 1", len(spans))
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
		"Sergey Lavrov uses free-text NOTES that can be attached.",
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

// TestNewsFailures has a case of each kind of failure that real,
// human-annotated news showed (issue #11), in text written for the test:
// the SAID_BY each QUOTE or CLAIM must get ("" for none).
func TestNewsFailures(t *testing.T) {
	tests := []struct {
		name, text string
		label      string
		span       string // the QUOTE or CLAIM
		who        string
	}{
		{"question mark before the name and verb", "“Who will look after my dog?” Mara Quist said.", LabelQuote, "Who will look after my dog?", "Mara Quist"},
		{"exclamation mark before the name and verb", "“Not on my watch!” Mara Quist shouted.", LabelQuote, "Not on my watch!", "Mara Quist"},
		{"full stop, comma: still fine", "“You did that,” Mara Quist said.", LabelQuote, "You did that,", "Mara Quist"},
		{"straight and curly marks mixed", "“We are not done yet,\" Mara Quist said.", LabelQuote, "We are not done yet,", "Mara Quist"},
		{"pronoun not resolved to a place", "Mara Quist toured Lake Town on Monday. “It went well,” she said.", LabelQuote, "It went well,", "she"},
		{"common-noun speaker with a complement", "“We regret it,” a spokesman for Dunmore Mills said.", LabelQuote, "We regret it,", "a spokesman for Dunmore Mills"},
		{"a group speaks", "The group tweeted that the march would go ahead.", LabelClaim, "the march would go ahead", "The group"},
		{"the judge", "“Sit down,” the judge exclaimed.", LabelQuote, "Sit down,", "the judge"},
		{"suggests", "Mara Quist suggests the plan will fail.", LabelClaim, "the plan will fail", "Mara Quist"},
		{"advises", "Mara Quist advises that voters stay home.", LabelClaim, "voters stay home", "Mara Quist"},
		{"gushed", "“It is wonderful,” Mara Quist gushed.", LabelQuote, "It is wonderful,", "Mara Quist"},
		{"implored", "“Please come back,” Mara Quist implored.", LabelQuote, "Please come back,", "Mara Quist"},
		{"recalls", "“It was cold,” Mara Quist recalls.", LabelQuote, "It was cold,", "Mara Quist"},
		{"a tweet saying, without that", "Mara Quist issued a tweet saying the vote is rigged.", LabelClaim, "the vote is rigged", "Mara Quist"},
		{"announced on Monday she was", "Mara Quist announced on Monday she was leaving the board.", LabelClaim, "she was leaving the board", "Mara Quist"},
		{"they say, after the clause", "The vote is rigged, they say.", LabelClaim, "The vote is rigged", "they"},
		{"a share of voters", "Six in 10 say the vote is rigged.", LabelClaim, "the vote is rigged", "Six in 10"},
		{"the next paragraph goes on", "“We won,” Mara Quist said.\n\n“And we will win again.”", LabelQuote, "And we will win again.", "Mara Quist"},
		{"continued", "“We won,” Mara Quist continued.", LabelQuote, "We won,", "Mara Quist"},
		{"appositive after the quote", "“We won,” Mara Quist, the party leader, said.", LabelQuote, "We won,", "Mara Quist"},
		{"participle after a comma", "Mara Quist praised Tom Hale, saying he was brave.", LabelClaim, "he was brave", "Mara Quist"},
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
				if s.Label == tc.label && s.Text == tc.span {
					from = &spans[i]
				}
			}
			if from == nil {
				t.Fatalf("no %s %q among %v", tc.label, tc.span, spans)
			}
			who := ""
			for _, r := range rels {
				if r.From == from.ID {
					who = byID[r.To].Text
				}
			}
			if who != tc.who {
				t.Fatalf("SAID_BY %q, want %q", who, tc.who)
			}
		})
	}
}

// TestNotQuotes: marks in HTML attributes and scare quotes are no QUOTEs,
// and a pronoun is never a known actor whose mentions are suggested.
func TestNotQuotes(t *testing.T) {
	for _, text := range []string{
		`<tweet id="672" author="@maraq" datetime="2016-01-02">Polls are open</tweet>.`,
		`It was a national "chalking" movement, a "grassroots" thing.`,
		`The so-called “experts” disagreed with the “plan”.`,
	} {
		d := &annotate.Document{ID: "t", Text: text}
		spans, rels := Suggest(d, nil, Options{})
		checkSpans(t, d, spans, rels)
		if q := texts(spans, LabelQuote); len(q) > 0 {
			t.Errorf("%q: QUOTEs %q", text, q)
		}
	}
	d := &annotate.Document{ID: "t", Text: "He left. He came back, and he said no."}
	spans, _ := Suggest(d, nil, Options{KnownActors: []string{"He", "he"}})
	if a := texts(spans, LabelActor); len(a) > 0 {
		t.Errorf("pronouns suggested as known actors: %q", a)
	}
}
