package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate"
)

// TestWebAnnoReadsINCEpTION reads a file shaped like INCEpTION's exports
// (its documentation's examples and its tsv3-suite): an emoji (two UTF-16
// units), stacked and multi-token spans with disambiguation ids, a
// relation between ambiguous ends, the NamedEntity layer beside the
// custom span layer, a POS layer to skip, an escaped tab in the text and
// escaped reserved characters in a label, a sub-token and a zero-width
// span.
func TestWebAnnoReadsINCEpTION(t *testing.T) {
	opt, warned := warnings()
	r, err := OpenWebAnno("testdata/webanno/inception.tsv", opt)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	d := docs[0]
	if ps := annotate.Validate(d, nil); len(ps) > 0 {
		t.Fatal(ps)
	}
	if d.ID != "inception" || d.Text != "Ana 😊 said “go home” .\nBob\tleft ." {
		t.Errorf("id %q text %q", d.ID, d.Text)
	}
	want := "[{0 3 ACTOR} {0 3 CLAIM} {0 3 PER} {12 19 QUOTE} {23 26 PER} {27 29 PART} {27 31 A|B_c}]"
	if got := fmt.Sprint(spansOf(d)); got != want {
		t.Errorf("spans %s\nwant  %s", got, want)
	}
	if len(d.Relations) != 1 {
		t.Fatalf("relations %+v", d.Relations)
	}
	from, to := d.Spans[d.SpanByID(d.Relations[0].From)], d.Spans[d.SpanByID(d.Relations[0].To)]
	if d.Relations[0].Label != "SAID_BY" || from.Label != "QUOTE" || to.Label != "ACTOR" {
		t.Errorf("relation %s %s → %s", d.Relations[0].Label, from.Label, to.Label)
	}
	all := strings.Join(*warned, "\n")
	for _, w := range []string{"skipped 11 annotation(s) of layer de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS", "skipped 1 zero-width span(s)"} {
		if !strings.Contains(all, w) {
			t.Errorf("warnings %q, want %q", all, w)
		}
	}
	golden(t, "webanno/inception.native.jsonl", writeAll(t, Lookup("jsonl"), docs, Options{}))
}

// TestWebAnnoWriter pins what Gloss writes for INCEpTION: its own layers,
// UTF-16 offsets past an emoji, stacked spans and a relation with
// disambiguation ids, sentences that never break inside a span, escaping;
// and that a round trip gives the documents back.
func TestWebAnnoWriter(t *testing.T) {
	e := mkDoc("emoji", "Ana 😊 said: “Stop. Now.” Bob\\A|B agreed.\r\nEnd.",
		annotate.Span{Text: "Ana", Label: "ACTOR"},
		annotate.Span{Text: "Ana", Label: "CLAIM"},
		annotate.Span{Text: "Stop. Now.", Label: "QUOTE"},
		annotate.Span{Text: "Bob", Label: "ACTOR"},
		annotate.Span{Text: "Bob\\A|B", Label: "X_[y]"},
	)
	rel(e, "SAID_BY", 2, 0)
	docs := append(conllDocs(), e)
	dir := t.TempDir()
	opt, warned := warnings()
	w := NewWebAnnoWriter(dir, opt)
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if len(*warned) > 0 {
		t.Errorf("warnings %q", *warned)
	}
	for _, name := range []string{"rochus.tsv", "emoji.tsv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "webanno/"+name, data)
	}
	if f, err := DetectPath(dir); err != nil || f.Name != "webanno" {
		t.Errorf("DetectPath(folder) = %v, %v", f, err)
	}
	r, err := OpenWebAnno(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*annotate.Document{}
	for _, d := range back {
		byID[d.ID] = d
	}
	h := formatHolds["webanno"]
	for _, d := range docs {
		b := byID[d.ID]
		if b == nil {
			t.Fatalf("%s not read back", d.ID)
		}
		if project(d, h) != project(b, h) {
			t.Errorf("%s changed:\n%s\n%s", d.ID, project(b, h), project(d, h))
		}
	}
}

// TestWebAnnoErrors: bad files are errors naming the line.
func TestWebAnnoErrors(t *testing.T) {
	head := "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|label\n\n\n"
	for _, c := range []struct{ in, err string }{
		{"", "w.tsv: empty file"},
		{"hello\n", `w.tsv:1: want "#FORMAT=WebAnno TSV 3.3"`},
		{"#FORMAT=WebAnno TSV 3.3\nfoo\n", "w.tsv:2: want a layer"},
		{head + "1-1\t0-3\tAna\tX\t\n", "w.tsv:5: a token row before any #Text= line"},
		{head + "#Text=Ana\n1-1\t0-3\tAna\n", "w.tsv:6: 3 columns, but the header names 4"},
		{head + "#Text=Ana\n1-1\tx-3\tAna\tX\t\n", `w.tsv:6: bad offsets "x-3"`},
		{head + "#Text=Ana\n1-1\t0-9\tAna\tX\t\n", "span at UTF-16 offsets 0-9: outside the text"},
	} {
		_, err := ReadAll(NewWebAnnoReader(strings.NewReader(c.in), "w.tsv", Options{}))
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%q: error %v, want %s", c.in, err, c.err)
		}
	}
	// Two documents in one stream.
	two := head + "#Text=Ana\n1-1\t0-3\tAna\tX\t\n" + head + "#Text=Bob\n1-1\t0-3\tBob\t_\t\n"
	docs, err := ReadAll(NewWebAnnoReader(bytes.NewReader([]byte(two)), "w.tsv", Options{}))
	if err != nil || len(docs) != 2 || docs[1].ID != "w-2" || docs[1].Text != "Bob" || len(docs[0].Spans) != 1 {
		t.Errorf("two documents: %d, %v", len(docs), err)
	}
}
