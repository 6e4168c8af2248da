package export

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestHFGolden writes the CoNLL test documents as Hugging Face token
// classification lines — the single layout's tokens, sentences and tags —
// and reads them back.
func TestHFGolden(t *testing.T) {
	opt, warned := warnings()
	out := writeAll(t, Lookup("hf"), conllDocs(), opt)
	golden(t, "hf/docs.jsonl", out)
	if got := strings.Join(*warned, "\n"); !strings.Contains(got, "hf: left out 1 span(s) nested in or crossing another") {
		t.Errorf("warnings %q", got)
	}
	// Same tokens and tags as CoNLL's single layout.
	conll := string(writeAll(t, Lookup("conll"), conllDocs(), Options{Layout: LayoutSingle}))
	var tags []string
	for _, line := range strings.Split(conll, "\n") {
		if f := strings.Split(line, "\t"); len(f) == 2 && !strings.HasPrefix(line, "#") {
			tags = append(tags, fmt.Sprintf("%q", f[1]))
		}
	}
	if !strings.Contains(string(out), `"ner_tags":[`+strings.Join(tags[:15], ",")+"]") {
		t.Errorf("hf tags differ from CoNLL single's: %s", tags)
	}
	opt, warned = warnings()
	back, err := ReadAll(NewHFReader(bytes.NewReader(out), "docs.jsonl", opt))
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || back[0].ID != "rochus" || back[1].ID != "zurich" {
		t.Fatalf("documents %d, ids %q", len(back), back[0].ID)
	}
	if got := fmt.Sprint(spansOf(back[1])); got != "[{9 18 LOC}]" || back[1].Text != "Talks in Zürich 🇨🇭 ended .\nNo deal ." {
		t.Errorf("second document %q spans %s", back[1].Text, got)
	}
	if !strings.Contains(strings.Join(*warned, "\n"), "hf has no text: rebuilt the text of 2 document(s)") {
		t.Errorf("warnings %q", *warned)
	}
}

// TestHFReading covers a dataset shaped like conll2003 on the Hub: integer
// tags named by --tag-names, numeric ids (each line a document of its
// own), extra columns; and the errors.
func TestHFReading(t *testing.T) {
	in := `{"id":"0","tokens":["EU","rejects","German","call"],"pos_tags":[22,42,16,21],"ner_tags":[3,0,7,0]}
{"id":"1","tokens":["Peter","Blackburn"],"pos_tags":[22,22],"ner_tags":[1,2]}
`
	names := []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}
	opt, warned := warnings()
	opt.TagNames = names
	docs, err := ReadAll(NewHFReader(strings.NewReader(in), "c.jsonl", opt))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || fmt.Sprint(spansOf(docs[0])) != "[{0 2 ORG} {11 17 MISC}]" || fmt.Sprint(spansOf(docs[1])) != "[{0 15 PER}]" {
		t.Errorf("docs %d: %v %v", len(docs), spansOf(docs[0]), spansOf(docs[1]))
	}
	if !strings.Contains(strings.Join(*warned, "\n"), `skipped "pos_tags" in 2 line(s)`) {
		t.Errorf("warnings %q", *warned)
	}
	for _, c := range []struct{ in, err string }{
		{in, `c.jsonl:1: ner_tags 1 is the number 3: name the tags with --tag-names`},
		{`{"tokens":["a"],"ner_tags":["O","O"]}`, "c.jsonl:1: 1 tokens but 2 ner_tags"},
		{`{"tokens":["a"],"ner_tags":["X-Y"]}`, `c.jsonl:1: ner_tags 1: bad tag "X-Y"`},
		{`{"tokens":[""],"ner_tags":["O"]}`, "c.jsonl:1: token 1 is empty"},
		{`{"tokens":["a"]}`, `c.jsonl:1: want "tokens" and "ner_tags"`},
	} {
		_, err := ReadAll(NewHFReader(strings.NewReader(c.in), "c.jsonl", Options{}))
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: error %v, want %s", c.in, err, c.err)
		}
	}
	if _, err := ReadAll(NewHFReader(strings.NewReader(in), "c.jsonl", Options{TagNames: names[:3]})); err == nil || !strings.Contains(err.Error(), "ner_tags 1 is 3, but --tag-names names 3 tags") {
		t.Errorf("error %v", err)
	}
}
