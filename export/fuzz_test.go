package export

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"gloss/annotate"
)

// Fuzz tests: no reader may panic or loop on any input, and every document
// a reader accepts must survive its own writer and Validate. The seed
// corpora are under testdata/fuzz/; run one with
// go test -fuzz=FuzzDoccanoReader ./export/

var fuzzLabels = annotate.DefaultLabelSet()

// fuzzTagNames names integer ner_tags for the hf reader.
var fuzzTagNames = []string{"O", "B-ACTOR", "I-ACTOR", "B-LOC", "I-LOC"}

// drain reads until EOF or, for readers that stop at the first error, the
// first error; the native reader reads on after a bad line, so it gets a
// bound. Every document read is validated and written back.
func drain(t *testing.T, r Reader, f *Format) {
	var docs []*annotate.Document
	for range 10000 {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.in:") {
				t.Fatalf("error that does not name the file: %v", err)
			}
			if f.Name != "jsonl" {
				break
			}
			continue
		}
		annotate.Validate(d, fuzzLabels)
		docs = append(docs, d)
	}
	if f.NewWriter == nil {
		return
	}
	if _, err := ColumnsFor(nil, LabelsUsed(docs...), nil); f.Columns && err != nil {
		return // refused before any output, as it should be (the column limit)
	}
	for _, utf16 := range []bool{false, true} {
		w := f.NewWriter(io.Discard, Options{UTF16: utf16, Used: LabelsUsed(docs...)})
		for _, d := range docs {
			if err := w.Write(d); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
	}
}

func fuzzFormat(f *testing.F, name string) {
	format := Lookup(name)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, utf16 := range []bool{false, true} {
			drain(t, format.NewReader(bytes.NewReader(data), "fuzz.in", Options{UTF16: utf16, TagNames: fuzzTagNames}), format)
		}
	})
}

func FuzzNativeReader(f *testing.F)      { fuzzFormat(f, "jsonl") }
func FuzzDoccanoReader(f *testing.F)     { fuzzFormat(f, "doccano") }
func FuzzProdigyReader(f *testing.F)     { fuzzFormat(f, "prodigy") }
func FuzzLabelStudioReader(f *testing.F) { fuzzFormat(f, "labelstudio") }
func FuzzCoNLLReader(f *testing.F)       { fuzzFormat(f, "conll") }

// FuzzBratReader fuzzes a .txt and its .ann together, with events turned
// into relations and labels mapped as gloss import does, and writes what
// it reads into a folder.
func FuzzBratReader(f *testing.F) {
	events := []BratEvent{{Type: "Attribution", From: "Content", To: "Source", Relation: "SAID_BY"}, {Type: "Ev", From: "A", To: "A", Relation: "SELF"}}
	labels := LabelMap{"Content": "CLAIM", "Source": "ACTOR", "Cue": "", "SELF": "SAID_BY"}
	f.Fuzz(func(t *testing.T, text, ann []byte) {
		d, err := ParseBrat("f.txt", text, "f.ann", ann, Options{Events: events})
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("error is not a LineError: %v", err)
			}
			return
		}
		labels.Apply(d, func(string, ...any) {})
		seen := map[[3]string]bool{}
		for _, r := range d.Relations {
			k := [3]string{r.From, r.To, r.Label}
			if d.SpanByID(r.From) < 0 || d.SpanByID(r.To) < 0 || seen[k] {
				t.Fatalf("relation %+v: a missing end or a twin", r)
			}
			seen[k] = true
		}
		annotate.Validate(d, nil)
		w := NewBratWriter(t.TempDir(), Options{})
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	})
}
func FuzzHFReader(f *testing.F)      { fuzzFormat(f, "hf") }
func FuzzWebAnnoReader(f *testing.F) { fuzzFormat(f, "webanno") }
