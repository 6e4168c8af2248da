package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gloss/annotate"
)

// holds says what a format keeps; the round trip checks exactly that.
type holds struct {
	relations, notes, meta, suggestions, annotator, sameLabelOverlap, rejected bool
	// noText: the format has no text (hf), only tokens, so spans are
	// compared by the tokens they cover; oneColumn: one tag a token, so
	// the outermost span wins.
	noText, oneColumn bool
}

var formatHolds = map[string]holds{
	"jsonl":       {true, true, true, true, true, true, true, false, false},
	"doccano":     {meta: true, sameLabelOverlap: true},
	"doccano-rel": {relations: true, meta: true, sameLabelOverlap: true},
	"prodigy":     {relations: true, meta: true, annotator: true, sameLabelOverlap: true, rejected: true},
	"labelstudio": {relations: true, notes: true, meta: true, suggestions: true, annotator: true, sameLabelOverlap: true},
	"brat":        {relations: true, notes: true, sameLabelOverlap: true},
	"conll":       {},
	"hf":          {noText: true, oneColumn: true},
	"webanno":     {relations: true, sameLabelOverlap: true},
}

// mkDoc builds a document whose spans are given by the text they cover
// (the k-th occurrence when the text repeats).
func mkDoc(id, text string, spans ...annotate.Span) *annotate.Document {
	d := &annotate.Document{ID: id, Text: text}
	for _, s := range spans {
		// s.Text names the covered text; s.Start is which occurrence.
		b := -1
		for k, from := 0, 0; k <= s.Start; k++ {
			b = strings.Index(text[from:], s.Text) + from
			from = b + 1
		}
		ix := d.Index()
		s.Start = ix.RuneOffset(b)
		s.End = s.Start + len([]rune(s.Text))
		s.ID = annotate.SpanID(id, s.Start, s.End, s.Label)
		d.Spans = append(d.Spans, s)
	}
	return d
}

func rel(d *annotate.Document, label string, from, to int) {
	d.Relations = append(d.Relations, annotate.Relation{
		ID: annotate.RelationID(d.Spans[from].ID, d.Spans[to].ID, label), Label: label,
		From: d.Spans[from].ID, To: d.Spans[to].ID,
	})
}

// roundTripDocs are texts with emoji (astral plane), combining accents, CJK
// and CRLF, with nested, overlapping, noted and suggested spans.
func roundTripDocs() []*annotate.Document {
	a := mkDoc("emoji-doc", "Ana 🇧🇷 said: \"Olá 🌍, amigos!\" Then left.\r\nBob 👍🏽 agreed.",
		annotate.Span{Text: "Ana", Label: "ACTOR", Note: "speaker 🌍"},
		annotate.Span{Text: "Olá 🌍, amigos!", Label: "QUOTE"},
		annotate.Span{Text: "amigos", Label: "ACTOR"},
		annotate.Span{Text: "Bob", Label: "ACTOR", Suggested: true, Reason: "name"},
		annotate.Span{Text: "agreed", Label: "CLAIM"},
	)
	rel(a, "SAID_BY", 1, 0)
	rel(a, "SAID_BY", 4, 3)
	a.Annotator = "ana"
	a.Meta = []byte(`{"source":"wire","n":3}`)
	b := mkDoc("accents", "Café́ José\u0301 dijo: «Mañana llueve». Zoë agreed. Zoë left.",
		annotate.Span{Text: "José\u0301", Label: "ACTOR"},
		annotate.Span{Text: "Mañana llueve", Label: "QUOTE"},
		annotate.Span{Text: "Zoë agreed", Label: "CLAIM"},
		annotate.Span{Text: "agreed. Zoë", Label: "CLAIM"},
		annotate.Span{Text: "Café́", Label: "ACTOR", Rejected: true},
	)
	rel(b, "SAID_BY", 1, 0)
	c := mkDoc("cjk/文書", "習近平表示：「中国支持和平。」\n外交部发言人说，会谈很成功。",
		annotate.Span{Text: "習近平", Label: "ACTOR"},
		annotate.Span{Text: "中国支持和平。", Label: "QUOTE"},
		annotate.Span{Text: "中国", Label: "ACTOR"},
		annotate.Span{Text: "外交部", Label: "ACTOR"},
	)
	rel(c, "SAID_BY", 1, 0)
	c.Annotator = "李"
	empty := &annotate.Document{ID: "empty", Text: "Nothing here.\r\n"}
	return []*annotate.Document{a, b, c, empty}
}

// project renders what a format with holds h keeps of d, with spans
// named by offsets and label rather than by id.
func project(d *annotate.Document, h holds) string {
	var out strings.Builder
	fmt.Fprintf(&out, "id %q\n", d.ID)
	if !h.noText {
		fmt.Fprintf(&out, "text %q\n", d.Text)
	}
	if h.annotator {
		fmt.Fprintf(&out, "annotator %q\n", d.Annotator)
	}
	if h.meta {
		meta := string(d.Meta)
		if meta == "{}" {
			meta = "" // the native writer's way of writing no meta
		}
		fmt.Fprintf(&out, "meta %s\n", meta)
	}
	spans := slices.Clone(d.Spans)
	slices.SortFunc(spans, annotate.CompareSpans)
	if h.oneColumn {
		// Outermost first.
		slices.SortStableFunc(spans, func(a, b annotate.Span) int {
			if a.Start != b.Start {
				return a.Start - b.Start
			}
			return b.End - a.End
		})
	}
	key := map[string]string{}
	lastEnd := map[string]int{}
	end := -1
	for _, s := range spans {
		if s.Suggested && !h.suggestions || s.Rejected && !h.rejected {
			continue
		}
		if h.oneColumn {
			if s.Start < end {
				continue
			}
			end = s.End
		}
		if !h.sameLabelOverlap {
			if e, ok := lastEnd[s.Label]; ok && s.Start < e {
				continue
			}
			lastEnd[s.Label] = s.End
		}
		k := fmt.Sprintf("[%d,%d) %s %q", s.Start, s.End, s.Label, d.Slice(s.Start, s.End))
		if h.noText {
			k = fmt.Sprintf("%s %q", s.Label, strings.Join(strings.Fields(d.Slice(s.Start, s.End)), ""))
		}
		key[s.ID] = k
		fmt.Fprintf(&out, "span %s", k)
		if h.notes {
			fmt.Fprintf(&out, " note %q", s.Note)
		}
		if h.suggestions {
			fmt.Fprintf(&out, " suggested %v", s.Suggested)
		}
		if h.rejected {
			fmt.Fprintf(&out, " rejected %v", s.Rejected)
		}
		out.WriteByte('\n')
	}
	if h.relations {
		var rels []string
		for _, r := range d.Relations {
			from, okF := key[r.From]
			to, okT := key[r.To]
			if (r.Suggested && !h.suggestions) || !okF || !okT {
				continue
			}
			rels = append(rels, fmt.Sprintf("rel %s %s → %s\n", r.Label, from, to))
		}
		slices.Sort(rels)
		out.WriteString(strings.Join(rels, ""))
	}
	return out.String()
}

// writeRead writes docs in format f and reads them back.
func writeRead(t testing.TB, f *Format, docs []*annotate.Document, opt Options) ([]*annotate.Document, []byte) {
	t.Helper()
	if f.WriteDir != nil {
		dir := writeDir(t, f, docs, opt)
		r, err := f.OpenPath(dir, opt)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		ann, _ := os.ReadFile(filepath.Join(dir, docs[0].ID+".ann"))
		return back, ann
	}
	var buf bytes.Buffer
	w := f.NewWriter(&buf, opt)
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	back, err := ReadAll(f.NewReader(bytes.NewReader(buf.Bytes()), "rt"+f.Extension, opt))
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.Bytes())
	}
	return back, buf.Bytes()
}

// TestRoundTrip writes native documents in every format and reads them
// back, in both offset dialects: everything the format holds must come
// back to the code point, and the documents must be valid.
func TestRoundTrip(t *testing.T) {
	for _, f := range Formats() {
		h, ok := formatHolds[f.Name]
		if f.Name == "text" {
			continue
		}
		if !ok {
			t.Errorf("format %s has no round-trip expectations", f.Name)
			continue
		}
		for _, utf16 := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/utf16=%v", f.Name, utf16), func(t *testing.T) {
				docs := roundTripDocs()
				if f.WriteDir != nil {
					docs[2].ID = "cjk-文書" // a file name; other ids are changed with a warning
				}
				opt, warned := warnings()
				opt.UTF16 = utf16
				back, out := writeRead(t, f, docs, opt)
				if f.WriteDir != nil {
					// A folder is read in file name order.
					slices.SortFunc(docs, func(a, b *annotate.Document) int { return strings.Compare(a.ID, b.ID) })
				}
				if len(back) != len(docs) {
					t.Fatalf("%d documents back, want %d\n%s", len(back), len(docs), out)
				}
				for i, d := range back {
					if ps := annotate.Validate(d, nil); len(ps) > 0 {
						t.Errorf("doc %d invalid: %v", i, ps)
					}
					if want, got := project(docs[i], h), project(d, h); got != want {
						t.Errorf("doc %d changed:\n got %s\nwant %s\nfile:\n%s", i, got, want, out)
					}
				}
				if !h.suggestions && !strings.Contains(strings.Join(*warned, "\n"), "left out 1 suggested span(s)") {
					t.Errorf("no warning about the suggestion left out: %q", *warned)
				}
				if !h.rejected && !strings.Contains(strings.Join(*warned, "\n"), "left out 1 rejected span(s)") {
					t.Errorf("no warning about the rejected span left out: %q", *warned)
				}
			})
		}
	}
}

// TestUTF16Offsets checks the numbers written in each dialect: 🌍 is one
// code point and two UTF-16 units.
func TestUTF16Offsets(t *testing.T) {
	d := mkDoc("d", "🌍 Ana", annotate.Span{Text: "Ana", Label: "ACTOR"})
	tests := []struct {
		format string
		utf16  bool
		want   string
	}{
		{"doccano", false, `[[2,5,"ACTOR"]]`},
		{"doccano", true, `[[3,6,"ACTOR"]]`},
		{"doccano-rel", true, `"start_offset":3,"end_offset":6`},
		{"prodigy", true, `{"start":3,"end":6,"token_start":1,"token_end":1,"label":"ACTOR","text":"Ana"}`},
		{"labelstudio", false, `"value":{"start":2,"end":5,"text":"Ana"`},
		{"jsonl", true, `"start":3,"end":6`},
		{"brat", false, "T1\tACTOR 2 5\tAna"},
		{"brat", true, "T1\tACTOR 3 6\tAna"},
	}
	for _, tt := range tests {
		_, out := writeRead(t, Lookup(tt.format), []*annotate.Document{d}, Options{UTF16: tt.utf16})
		if !bytes.Contains(out, []byte(tt.want)) {
			t.Errorf("%s utf16=%v: %s does not contain %s", tt.format, tt.utf16, out, tt.want)
		}
	}
	// A UTF-16 offset inside the surrogate pair is an error, not a guess.
	_, err := ReadAll(NewDoccanoReader(strings.NewReader(`{"text":"🌍 Ana","label":[[1,6,"ACTOR"]]}`), "u.jsonl", Options{UTF16: true}))
	if err == nil || !strings.Contains(err.Error(), "u.jsonl:1: span 1: UTF-16 offset inside a surrogate pair") {
		t.Errorf("error %v", err)
	}
}

// TestCoNLLOutput pins the layout DESIGN.md describes.
func TestCoNLLOutput(t *testing.T) {
	d := mkDoc("d", "Ana said: \"Go. Now.\" Bob left.",
		annotate.Span{Text: "Ana", Label: "ACTOR"},
		annotate.Span{Text: "Go. Now.", Label: "QUOTE"},
		annotate.Span{Text: "Bob left", Label: "CLAIM"},
		annotate.Span{Text: "Bob", Label: "ACTOR"},
	)
	var buf bytes.Buffer
	w := NewCoNLLWriter(&buf, Options{})
	w.Write(d)
	w.Close()
	// No sentence break inside the quote "Go. Now.".
	want := "# columns = TOKEN ACTOR CLAIM QUOTE\n# id = d\n# text = Ana said: \"Go. Now.\" Bob left.\n" +
		"Ana\tB-ACTOR\tO\tO\nsaid\tO\tO\tO\n:\tO\tO\tO\n\"\tO\tO\tO\nGo\tO\tO\tB-QUOTE\n.\tO\tO\tI-QUOTE\n" +
		"Now\tO\tO\tI-QUOTE\n.\tO\tO\tI-QUOTE\n\"\tO\tO\tO\n\nBob\tB-ACTOR\tB-CLAIM\tO\nleft\tO\tI-CLAIM\tO\n.\tO\tO\tO\n\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}
