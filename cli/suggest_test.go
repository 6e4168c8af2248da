package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/assets"
	"gloss/export"
)

func TestSuggestOnTheSample(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, assets.SampleName, string(assets.Sample))
	out := filepath.Join(dir, "suggested.jsonl")
	_, errOut, code := run(t, "", "suggest", "-o", out, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "reading as text") || !strings.Contains(errOut, "1 document(s)") {
		t.Errorf("stderr %q", errOut)
	}
	docs, err := readNativeFile(out)
	if err != nil || len(docs) != 1 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	d := docs[0]
	if ps := annotate.Validate(d, annotate.DefaultLabelSet()); len(ps) > 0 {
		t.Fatalf("suggestions are invalid: %v", ps)
	}
	speakers := map[string]string{} // quote or claim text prefix → speaker text
	for _, r := range d.Relations {
		if r.Label != "SAID_BY" || !r.Suggested {
			continue
		}
		from, to := d.Spans[d.SpanByID(r.From)], d.Spans[d.SpanByID(r.To)]
		if from.Label == "QUOTE" || from.Label == "CLAIM" {
			speakers[from.Text[:12]] = to.Text
		}
	}
	for _, s := range d.Spans {
		if !s.Suggested || s.Reason == "" {
			t.Fatalf("span %q is not a suggestion with a reason", s.Text)
		}
	}
	if len(speakers) != 4 {
		t.Errorf("quotes and claims with speakers: %v", speakers)
	}
	// Suggesting again adds nothing: suggestions are not suggested twice.
	again := filepath.Join(dir, "again.jsonl")
	if _, errOut, code := run(t, "", "suggest", "-o", again, out); code != 0 || !strings.Contains(errOut, "0 span(s) and 0 relation(s)") {
		t.Errorf("second run: exit %d, %s", code, errOut)
	}
}

func TestSuggestKnowsActorsFromOtherFiles(t *testing.T) {
	dir := t.TempDir()
	// The first file labels "Mr Kowalski-Brzęczyszczykiewicz"'s surname; the
	// second file only mentions it.
	a := writeFile(t, dir, "a.jsonl", `{"id":"a","text":"Yesterday zbigniew spoke.","spans":[{"start":10,"end":18,"label":"ACTOR"}]}`+"\n")
	b := writeFile(t, dir, "b.jsonl", `{"id":"b","text":"Later zbigniew left 😀."}`+"\n")
	out, errOut, code := run(t, "", "suggest", b, a)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	docs, err := export.ReadAll(export.NewNativeReader(strings.NewReader(out), "out", export.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range docs[0].Spans {
		if s.Label == "ACTOR" && s.Text == "zbigniew" && s.Start == 6 && s.Suggested {
			found = true
		}
	}
	if !found {
		t.Errorf("mention of a known actor not suggested: %+v", docs[0].Spans)
	}
}

func TestSuggestBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.jsonl", `{"text":"abc","spans":[{"start":0,"end":9,"label":"ACTOR"}]}`+"\n")
	out, errOut, code := run(t, "", "suggest", bad)
	if code != 1 || out != "" || !strings.Contains(errOut, bad+":1:") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, _, code := run(t, "", "suggest"); code != 2 {
		t.Errorf("no files: exit %d", code)
	}
}

// TestSuggestInParallelIsInOrder: a file's documents are suggested on
// several goroutines; the output is byte for byte what standard input,
// suggested one document after another as it is written, gives, and the
// counts on stderr are the same. (Run with -race, it also shows the
// workers share nothing they write.)
func TestSuggestInParallelIsInOrder(t *testing.T) {
	dir := t.TempDir()
	var in strings.Builder
	for i := range 300 {
		fmt.Fprintf(&in, `{"id":"d%03d","text":"“We will win, 😀 café,” said Zoë Ngo-Tran %d. 李 told reporters that the talks failed.\r\nShe added: “Not yet.”"}`+"\n", i, i)
	}
	file := writeFile(t, dir, "docs.jsonl", in.String())
	fromFile, errFile, code := run(t, "", "suggest", file)
	if code != 0 {
		t.Fatalf("file: exit %d: %s", code, errFile)
	}
	fromStdin, errStdin, code := run(t, in.String(), "suggest", "-")
	if code != 0 {
		t.Fatalf("stdin: exit %d: %s", code, errStdin)
	}
	if fromFile != fromStdin {
		t.Errorf("the file's suggestions differ from standard input's")
	}
	if strings.Count(fromFile, "\n") != 300 || !strings.Contains(fromFile, `"id":"d299"`) || strings.Count(fromFile, `"label":"QUOTE"`) < 600 {
		t.Errorf("%d lines out", strings.Count(fromFile, "\n"))
	}
	count := func(s string) string { return s[strings.Index(s, "gloss suggest:"):] }
	if count(errFile) != count(errStdin) || !strings.Contains(errFile, "300 document(s)") {
		t.Errorf("stderr %q vs %q", errFile, errStdin)
	}
}
