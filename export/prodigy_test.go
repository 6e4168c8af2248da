package export

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gloss/annotate"
)

// readProdigyFile imports a Prodigy file of testdata/prodigy.
func readProdigyFile(t *testing.T, name string, opt Options) ([]*annotate.Document, []byte) {
	t.Helper()
	data, err := os.ReadFile("testdata/prodigy/" + name)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := ReadAll(NewProdigyReader(bytes.NewReader(data), name, opt))
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if ps := annotate.Validate(d, nil); len(ps) > 0 {
			t.Fatalf("document %d: %v", i, ps)
		}
	}
	return docs, data
}

// writeAll writes docs in format f; a folder format's files are
// concatenated in name order.
func writeAll(t *testing.T, f *Format, docs []*annotate.Document, opt Options) []byte {
	t.Helper()
	if opt.Used == nil {
		opt.Used = LabelsUsed(docs...) // as the command line's pre-scan does
	}
	var buf bytes.Buffer
	if f.WriteDir != nil {
		dir := writeDir(t, f, docs, opt)
		files, _ := filepath.Glob(filepath.Join(dir, "*"))
		for _, name := range files {
			data, _ := os.ReadFile(name)
			buf.Write(data)
		}
		return buf.Bytes()
	}
	w := f.NewWriter(&buf, opt)
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// writeDir writes docs in folder format f into a new temporary folder,
// which it returns.
func writeDir(t testing.TB, f *Format, docs []*annotate.Document, opt Options) string {
	t.Helper()
	dir := t.TempDir()
	w := f.WriteDir(dir, opt)
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestProdigyKeepsWhatTrainingNeeds reads tasks shaped like Prodigy's own
// (ner.manual with spaCy tokens, where "Uber’s" is two tokens; binary
// ner.teach tasks answered accept, reject and ignore, with their score,
// source, rank and input_hash) and checks that an export gives back the
// same tasks: tokens, token_start/token_end on those tokens, both hashes,
// span keys, answers.
func TestProdigyKeepsWhatTrainingNeeds(t *testing.T) {
	docs, in := readProdigyFile(t, "teach.jsonl", Options{})
	golden(t, "prodigy/teach.native.jsonl", writeAll(t, Lookup("jsonl"), docs, Options{}))

	if field(docs[0].Extra, tokensKey) == nil {
		t.Error("spaCy's tokens (Uber, ’s) were not kept")
	}
	if field(docs[1].Extra, tokensKey) != nil {
		t.Error("tokens equal to Gloss's own were kept: they add nothing")
	}
	rejected := func(d *annotate.Document) []bool {
		var out []bool
		for _, s := range d.Spans {
			out = append(out, s.Rejected)
		}
		return out
	}
	for i, want := range [][]bool{{false, false, false}, {true}, {false}, {true}} {
		if got := rejected(docs[i]); !reflect.DeepEqual(got, want) {
			t.Errorf("task %d: rejected %v, want %v", i+1, got, want)
		}
	}

	opt, warned := warnings()
	out := writeAll(t, Lookup("prodigy"), docs, opt)
	if len(*warned) > 0 {
		t.Errorf("warnings: %q", *warned)
	}
	inLines := strings.Split(strings.TrimSpace(string(in)), "\n")
	outLines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(inLines) != len(outLines) {
		t.Fatalf("%d tasks out, want %d:\n%s", len(outLines), len(inLines), out)
	}
	for i := range inLines {
		var a, b map[string]any
		if err := json.Unmarshal([]byte(inLines[i]), &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(outLines[i]), &b); err != nil {
			t.Fatal(err)
		}
		delete(b, "id") // Gloss's document id, which the input did not have
		if !reflect.DeepEqual(a, b) {
			t.Errorf("task %d changed:\n got %s\nwant %s", i+1, outLines[i], inLines[i])
		}
	}

	// --keep-ignored takes the ignored task's span as an annotation.
	kept, _ := readProdigyFile(t, "teach.jsonl", Options{KeepIgnored: true})
	if kept[3].Spans[0].Rejected {
		t.Error("KeepIgnored: the ignored task's span is still rejected")
	}
}

// TestProdigyAfterEdits: an edited document keeps its _input_hash but
// gets a new _task_hash; a span that cuts a source token makes the writer
// tokenize afresh, and say so.
func TestProdigyAfterEdits(t *testing.T) {
	docs, _ := readProdigyFile(t, "teach.jsonl", Options{})
	d := docs[0]
	d.Spans = d.Spans[:2] // Lyft removed
	opt, warned := warnings()
	var task map[string]any
	json.Unmarshal(writeAll(t, Lookup("prodigy"), []*annotate.Document{d}, opt), &task)
	if task["_input_hash"] != float64(1630243150) || task["_task_hash"] == float64(-1473420398) {
		t.Errorf("hashes %v %v: want the input hash kept and the task hash new", task["_input_hash"], task["_task_hash"])
	}
	if toks := task["tokens"].([]any); len(toks) != 13 {
		t.Errorf("%d tokens, want spaCy's 13", len(toks))
	}

	// "Ube" cuts spaCy's token "Uber".
	d.Spans = append(d.Spans, annotate.Span{ID: "x", Start: 0, End: 3, Label: "ORG", Text: "Ube"})
	json.Unmarshal(writeAll(t, Lookup("prodigy"), []*annotate.Document{d}, opt), &task)
	if toks := task["tokens"].([]any); len(toks) != 11 {
		t.Errorf("%d tokens, want Gloss's 11 (Uber’s and Lyft’s whole)", len(toks))
	}
	if !strings.Contains(strings.Join(*warned, "\n"), "prodigy: 1 document(s) had source tokens that no longer line up with their spans") {
		t.Errorf("warnings %q", *warned)
	}
}

// TestRejectedNeverPositive: the rejected "MX" PRODUCT of a binary task is
// negative evidence; formats that cannot say so leave it out and count it.
func TestRejectedNeverPositive(t *testing.T) {
	docs, _ := readProdigyFile(t, "teach.jsonl", Options{})
	for _, f := range Formats() {
		if f.Name == "jsonl" || f.Name == "prodigy" || f.Name == "text" {
			continue
		}
		opt, warned := warnings()
		out := string(writeAll(t, f, docs, opt))
		if strings.Contains(out, "PRODUCT") || strings.Contains(out, "PERSON") {
			t.Errorf("%s: a rejected span was written:\n%s", f.Name, out)
		}
		if !strings.Contains(strings.Join(*warned, "\n"), f.Name+": left out 2 rejected span(s)") {
			t.Errorf("%s: warnings %q", f.Name, *warned)
		}
	}
}
