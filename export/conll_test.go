package export

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"gloss/annotate"
)

// conllDocs: initials inside a name ("O. Rochus") that a sentence splitter
// would cut after "O.", a quote of two sentences, a label outside the
// label set used only by the second document, and an actor nested in a
// quote.
func conllDocs() []*annotate.Document {
	a := mkDoc("rochus", "Yesterday O. Rochus said: “Talks failed. We go home.” Then he left.",
		annotate.Span{Text: "O. Rochus", Label: "ACTOR"},
		annotate.Span{Text: "Talks failed. We go home.", Label: "QUOTE"},
		annotate.Span{Text: "We", Label: "ACTOR"},
	)
	rel(a, "SAID_BY", 1, 0)
	b := mkDoc("zurich", "Talks in Zürich 🇨🇭 ended.\r\nNo deal.",
		annotate.Span{Text: "Zürich 🇨🇭", Label: "LOC"},
	)
	return []*annotate.Document{a, b}
}

// TestCoNLLLayouts pins both layouts against golden files: fixed columns
// named once (the label set's, then LOC, used only in the second
// document), no sentence break inside a span, the outermost span winning
// in one column; and reads each back.
func TestCoNLLLayouts(t *testing.T) {
	for _, tt := range []struct {
		name string
		opt  Options
		warn string
		back string // spans read back
	}{
		{"columns", Options{}, "", "[{10 19 ACTOR} {27 52 QUOTE} {41 43 ACTOR}] [{9 18 LOC}]"},
		{"single", Options{Layout: LayoutSingle}, "conll: left out 1 span(s) nested in or crossing another (one column: the outermost span wins)",
			"[{10 19 ACTOR} {27 52 QUOTE}] [{9 18 LOC}]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opt, warned := warnings()
			opt.Layout = tt.opt.Layout
			out := writeAll(t, Lookup("conll"), conllDocs(), opt)
			golden(t, "conll/"+tt.name+".conll", out)
			if got := strings.Join(*warned, "\n"); got != tt.warn {
				t.Errorf("warnings %q, want %q", got, tt.warn)
			}
			back, err := ReadAll(NewCoNLLReader(bytes.NewReader(out), "back.conll", Options{}))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, d := range back {
				if d.Text != conllDocs()[i].Text {
					t.Errorf("text %q changed", d.Text)
				}
				got = append(got, fmt.Sprint(spansOf(d)))
			}
			if strings.Join(got, " ") != tt.back {
				t.Errorf("read back %s, want %s", strings.Join(got, " "), tt.back)
			}
		})
	}
}

// TestCoNLLNoBreakInsideSpans: without the span, the splitter breaks
// after "O."; with it, never inside.
func TestCoNLLNoBreakInsideSpans(t *testing.T) {
	d := conllDocs()[0]
	plain := &annotate.Document{ID: d.ID, Text: d.Text}
	out := string(writeAll(t, Lookup("conll"), []*annotate.Document{plain}, Options{}))
	if !strings.Contains(out, ".\tO\tO\tO\n\nRochus") {
		t.Fatalf("without a span the sentence should end after \"O.\":\n%s", out)
	}
	out = string(writeAll(t, Lookup("conll"), []*annotate.Document{d}, Options{}))
	if !strings.Contains(out, ".\tI-ACTOR\tO\tO\nRochus\tI-ACTOR") {
		t.Errorf("break inside O. Rochus:\n%s", out)
	}
	for _, sentence := range strings.Split(out, "\n\n") {
		if first := strings.SplitN(sentence, "\n", 2)[0]; strings.Contains(first, "\tI-") {
			t.Errorf("a sentence starts inside a span: %q", first)
		}
	}
}

// TestCoNLLColumnLimit: columns past MaxColumns are an error that says
// what to do, before anything is written.
func TestCoNLLColumnLimit(t *testing.T) {
	var used []string
	for i := range 70 {
		used = append(used, fmt.Sprintf("L%d", i))
	}
	var buf bytes.Buffer
	w := NewCoNLLWriter(&buf, Options{Used: used})
	err := w.Write(conllDocs()[1])
	if err == nil || !strings.Contains(err.Error(), "73 labels would make 73 tag columns, more than 64: keep some with --only LABEL,... or write one column with --layout single") {
		t.Errorf("error %v", err)
	}
	if buf.Len() > 0 {
		t.Errorf("wrote %q", buf.String())
	}
	// --only keeps the columns to those named.
	only := []string{"LOC", "ACTOR"}
	docs := conllDocs()
	for _, d := range docs {
		KeepOnly(d, only) // as gloss export --only does
	}
	out := string(writeAll(t, Lookup("conll"), docs, Options{Used: used, Only: only}))
	if !strings.HasPrefix(out, "# columns = TOKEN ACTOR LOC\n") {
		t.Errorf("columns %q", strings.SplitN(out, "\n", 2)[0])
	}
}

// TestCoNLLSourceTokens: a Prodigy import's spaCy tokens are the CoNLL
// tokens too ("Uber" and "’s" on lines of their own), and a CoNLL file's
// tokens survive a round trip through the native file.
func TestCoNLLSourceTokens(t *testing.T) {
	docs, _ := readProdigyFile(t, "teach.jsonl", Options{})
	out := writeAll(t, Lookup("conll"), docs[:1], Options{})
	golden(t, "conll/spacy-tokens.conll", out)
	if !bytes.Contains(out, []byte("\nUber\tO\tO\tO\tB-ORG\tO\n’s\tO")) {
		t.Errorf("spaCy tokens not used:\n%s", out)
	}
	back, err := ReadAll(NewCoNLLReader(bytes.NewReader(out), "t.conll", Options{}))
	if err != nil {
		t.Fatal(err)
	}
	again := writeAll(t, Lookup("conll"), back, Options{})
	if !bytes.Equal(out, again) {
		t.Errorf("a CoNLL round trip changed the file:\n%s\n%s", out, again)
	}
}
