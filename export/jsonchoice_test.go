package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// The benchmarks in this file justify the hand-written scanner: they decode
// the same native lines with it and with encoding/json (v1) into the same
// shape. See docs/performance.md for the figures.

func choiceCorpus(b *testing.B) []byte {
	var buf bytes.Buffer
	w := NewNativeWriter(&buf, Options{})
	annotatetest.Corpus(7, 2000, 2000, 20, func(d *annotate.Document) error { return w.Write(d) })
	w.Close()
	return buf.Bytes()
}

func BenchmarkDecodeScanner(b *testing.B) {
	data := choiceCorpus(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := NewNativeReader(bytes.NewReader(data), "bench", Options{})
		for {
			if _, err := r.Next(); err != nil {
				break
			}
		}
	}
}

// jsonDoc is the native document as encoding/json would decode it.
type jsonDoc struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	Annotator string `json:"annotator"`
	Spans     []struct {
		ID      string `json:"id"`
		Start   int    `json:"start"`
		End     int    `json:"end"`
		Label   string `json:"label"`
		Text    string `json:"text"`
		Note    string `json:"note"`
		Created string `json:"created"`
	} `json:"spans"`
	Relations []struct {
		ID    string `json:"id"`
		Label string `json:"label"`
		From  string `json:"from"`
		To    string `json:"to"`
	} `json:"relations"`
	Meta json.RawMessage `json:"meta"`
}

func BenchmarkDecodeEncodingJSON(b *testing.B) {
	data := choiceCorpus(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 1<<20), 1<<30)
		for sc.Scan() {
			var d jsonDoc
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkEncodeAppend(b *testing.B) {
	data := choiceCorpus(b)
	docs, _ := ReadAll(NewNativeReader(bytes.NewReader(data), "bench", Options{}))
	b.SetBytes(int64(len(data)))
	var buf []byte
	for b.Loop() {
		for _, d := range docs {
			buf = AppendNative(buf[:0], d, false)
		}
	}
}

func BenchmarkEncodeEncodingJSON(b *testing.B) {
	data := choiceCorpus(b)
	var docs []jsonDoc
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for sc.Scan() {
		var d jsonDoc
		json.Unmarshal(sc.Bytes(), &d)
		docs = append(docs, d)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		for i := range docs {
			if _, err := json.Marshal(&docs[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
}
