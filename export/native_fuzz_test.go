package export

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"gloss/annotate"
)

// FuzzNativeReader checks that no input makes the native reader panic, and
// that whatever it accepts survives a write and a second read unchanged.
func FuzzNativeReader(f *testing.F) {
	for _, seed := range []string{
		fullLine,
		`{"text":"abc","spans":[{"start":0,"end":1,"label":"A"}]}`,
		"{\"text\":\"a\\r\\nb 😀\",\"meta\":{\"a\":[1,{\"b\":null}]}}\n\n{\"text\":\"\"}",
		`{"text":"\ud83d\ude00","spans":[{"start":-1,"end":1e2,"label":"A"}]}`,
		`{"text":"x","relations":[{"label":"R","from":"a","to":"b"}]}`,
		"\ufeff{\"text\":\"bom\"}",
		`{"text":"x","spans":null,"relations":null,"meta":null,"id":null}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, utf16 := range []bool{false, true} {
			docs := readAllLenient(NewNativeReader(bytes.NewReader(data), "fuzz.jsonl", Options{UTF16: utf16}))
			if utf16 {
				continue
			}
			for _, d := range docs {
				annotate.Validate(d, annotate.DefaultLabelSet())
				var buf bytes.Buffer
				w := NewNativeWriter(&buf, Options{})
				w.Write(d)
				w.Close()
				again, err := NewNativeReader(bytes.NewReader(buf.Bytes()), "again.jsonl", Options{}).Next()
				if err != nil {
					t.Fatalf("output of the writer does not read back: %v\n%s", err, buf.Bytes())
				}
				var buf2 bytes.Buffer
				w2 := NewNativeWriter(&buf2, Options{})
				w2.Write(again)
				w2.Close()
				if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
					t.Fatalf("second save differs:\n%s\n%s", buf.Bytes(), buf2.Bytes())
				}
			}
		}
	})
}

// readAllLenient reads every document, skipping bad lines.
func readAllLenient(r Reader) []*annotate.Document {
	var docs []*annotate.Document
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			return docs
		}
		var le *LineError
		if err != nil && !errors.As(err, &le) {
			return docs
		}
		if d != nil {
			docs = append(docs, d)
		}
	}
}
