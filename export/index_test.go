package export

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// indexAll runs an Indexer over input and returns its entries and errors.
func indexAll(t testing.TB, input []byte) ([]IndexEntry, []error) {
	t.Helper()
	ix := NewIndexer(bytes.NewReader(input), "in.jsonl", 0, 0)
	var entries []IndexEntry
	var errs []error
	for {
		e, err := ix.Next()
		if errors.Is(err, io.EOF) {
			return entries, errs
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		entries = append(entries, e)
	}
}

// checkIndex compares what the Indexer says of input with what the
// NativeReader reads of it: every document the reader reads is an entry
// with its line, id, span count and status, and parsing the
// entry's bytes again gives the same document. The Indexer may accept
// lines that the reader rejects (it checks only their outline), never the
// other way round.
func checkIndex(t testing.TB, input []byte, strict bool) {
	t.Helper()
	entries, ixErrs := indexAll(t, input)
	r := NewNativeReader(bytes.NewReader(input), "in.jsonl", Options{})
	byLine := map[int]IndexEntry{}
	for _, e := range entries {
		byLine[e.Line] = e
	}
	for _, err := range ixErrs {
		var le *LineError
		if !errors.As(err, &le) {
			t.Fatalf("index error %v is not a LineError", err)
		}
	}
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			continue
		}
		e, ok := byLine[r.Line()]
		if !ok {
			t.Fatalf("line %d: the reader reads %q, the index has no entry (errors %v)", r.Line(), d.ID, ixErrs)
		}
		status := ""
		for _, f := range d.Extra {
			if f.Key == "status" && len(f.Value) > 1 && f.Value[0] == '"' {
				status = string(f.Value[1 : len(f.Value)-1])
			}
		}
		suggested := 0
		for _, s := range d.Spans {
			if s.Suggested {
				suggested++
			}
		}
		if e.ID != d.ID || e.Spans != len(d.Spans) || e.Relations != len(d.Relations) || strict && e.Suggested != suggested || (status != "" && !strings.Contains(status, "\\") && e.Status != status) {
			t.Fatalf("line %d: entry %+v, document id %q, %d spans, status %q", r.Line(), e, d.ID, len(d.Spans), status)
		}
		again, err := ParseNativeLine(input[e.Offset:e.Offset+int64(e.Size)], "in.jsonl", e.Line, Options{})
		if err != nil {
			t.Fatalf("line %d parsed again: %v", e.Line, err)
		}
		if !bytes.Equal(AppendNative(nil, again, false), AppendNative(nil, d, false)) {
			t.Fatalf("line %d parsed again differs", e.Line)
		}
	}
}

func TestIndexer(t *testing.T) {
	tricky := strings.Join([]string{
		"\ufeff" + `{"id":"bom","text":"starts the file"}`,
		``,
		`  {"text":"no id, spaces around", "spans": [ {"start":0,"end":2,"label":"A"} , {"start":3,"end":5,"label":"B","x":[1,{"y":"]"}]} ] }  `,
		`{"id":"esc\"aped","text":"a \"quote\" and a \\ backslash\\","spans":[],"status":"done"}`,
		`{"text":"line\nbreaks \u00e9 and \ud83d\ude00","id":"u","meta":{"k":[1,2,{"a":"}"}]}}`,
		"{\"id\":\"crlf\",\"text\":\"Ankara 🇹🇷\\r\\n東京\",\"spans\":null}\r",
		`{"id":null,"text":"null id","relations":[{"label":"R","from":"a","to":"b"}]}`,
		`{"spans":[{"start":0,"end":1,"label":"A"}],"text":"text after spans","id":"late"}`,
		`{"id":"nested","text":"x","extra":[[[],[[]]],{}],"spans":[[]]}`,
		`{"id":"sugg","text":"abcdef","spans":[{"start":0,"end":1,"label":"A","suggested" : true,"note":"\"suggested\":true"},{"start":1,"end":2,"label":"A","suggested":false}],"choices":{"stance":["for"]}}`,
		`not json`,
		`{"id":"no text"}`,
		`{"id":"bad text","text":5}`,
		"{\"id\":\"bad utf8\",\"text\":\"a\xffb\"}",
		`{"id":"unterminated","text":"abc`,
		`{"id":"last","text":"no newline at the end"}`,
	}, "\n")
	checkIndex(t, []byte(tricky), true)
	entries, errs := indexAll(t, []byte(tricky))
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.ID)
	}
	want := "bom in-3 esc\"aped u crlf in-7 late nested sugg last"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
	if len(errs) != 5 {
		t.Errorf("%d errors, want 5: %v", len(errs), errs)
	}
	if entries[0].Offset != 3 || entries[2].Status != "done" || entries[1].Spans != 2 || entries[4].Spans != 0 {
		t.Errorf("entries %+v", entries)
	}

	// A corpus as the app saves it, and one as gen.py writes it.
	var docs []*annotate.Document
	annotatetest.Corpus(3, 300, 1500, 12, func(d *annotate.Document) error {
		docs = append(docs, d)
		return nil
	})
	checkIndex(t, []byte(writeNative(t, docs)), true)
}

// TestIndexerFixtures indexes the real files of ../shared/fixtures.
func TestIndexerFixtures(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(annotatetest.Shared(t, "fixtures"), "*", "*.jsonl"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkIndex(t, data, true)
	}
}

func TestIndexerFrom(t *testing.T) {
	// An index can go on where a caller stopped reading.
	input := "{\"text\":\"one\"}\n{\"text\":\"two\"}\r\n\n{\"text\":\"three\"}\n"
	first := len("{\"text\":\"one\"}\n")
	ix := NewIndexer(strings.NewReader(input[first:]), "in.jsonl", int64(first), 1)
	var got []IndexEntry
	for {
		e, err := ix.Next()
		if err != nil {
			break
		}
		got = append(got, e)
	}
	if len(got) != 2 || got[0].ID != "in-2" || got[1].ID != "in-4" || input[got[1].Offset:got[1].Offset+int64(got[1].Size)] != "{\"text\":\"three\"}" {
		t.Fatalf("entries %+v", got)
	}
}

func FuzzIndexer(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"x","spans":[{"start":0,"end":1,"label":"A"}]}` + "\n" + `{"text":"\"\\"}`))
	f.Add([]byte(`{"text":"a","spans":[[],{"a":"]"}],"status":"done"}`))
	f.Add([]byte("\ufeff{\"text\":\"\\u00e9\"}\r\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkIndex(t, data, false)
	})
}

// BenchmarkIndexer indexes a native corpus shaped like the bench corpus
// (gen.py): 330 words and 20 spans a document.
func BenchmarkIndexer(b *testing.B) {
	var buf bytes.Buffer
	annotatetest.Corpus(9, 2000, 2300, 20, func(d *annotate.Document) error {
		buf.Write(AppendNative(nil, d, false))
		buf.WriteByte('\n')
		return nil
	})
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		ix := NewIndexer(bytes.NewReader(data), "bench.jsonl", 0, 0)
		n := 0
		for {
			if _, err := ix.Next(); err != nil {
				break
			}
			n++
		}
		if n != 2000 {
			b.Fatal(n)
		}
	}
}
