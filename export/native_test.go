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
)

func readNative(t *testing.T, input string) ([]*annotate.Document, []error) {
	t.Helper()
	r := NewNativeReader(strings.NewReader(input), "in.jsonl", Options{})
	var docs []*annotate.Document
	var errs []error
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			return docs, errs
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
}

func writeNative(t *testing.T, docs []*annotate.Document) string {
	t.Helper()
	var buf bytes.Buffer
	w := NewNativeWriter(&buf, Options{})
	for _, d := range docs {
		if err := w.Write(d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestNativeReaderErrors(t *testing.T) {
	tests := []struct {
		name, input, want string
	}{
		{"bad json", `{"text": "a",}`, `in.jsonl:1: column 14: want a string, found '}'`},
		{"not an object", `["text"]`, `in.jsonl:1: column 1: want '{', found '['`},
		{"missing text", `{"id":"x"}`, `in.jsonl:1: missing "text"`},
		{"text not a string", `{"text": 5}`, `in.jsonl:1: column 10: "text" must be a string`},
		{"bad utf-8", "{\"text\": \"a\xffb\"}", `in.jsonl:1: invalid UTF-8 at byte 12`},
		{"trailing garbage", `{"text":"a"} x`, `in.jsonl:1: column 14: unexpected 'x' after the JSON object`},
		{"span without label", `{"text":"abc","spans":[{"start":0,"end":1}]}`, `in.jsonl:1: span 1: missing "label"`},
		{"span with a fraction", `{"text":"abc","spans":[{"start":0.5,"end":1,"label":"A"}]}`, `in.jsonl:1: span 1: column 33: 0.5 is not a whole number`},
		{"unterminated", `{"text":"abc`, `in.jsonl:1: column 13: unterminated string`},
		{"second line", "{\"text\":\"ok\"}\n\n{\"text\":", `in.jsonl:3: column 9: unexpected end of line, want a string`},
		{"bad relation", `{"text":"abc","relations":[{"label":"SAID_BY"}]}`, `in.jsonl:1: relation 1: needs "label", "from" and "to"`},
		{"control char", "{\"text\":\"a\tb\"}", `in.jsonl:1: column 11: control character 0x9 in a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := readNative(t, tt.input)
			if len(errs) != 1 || errs[0].Error() != tt.want {
				t.Fatalf("errors = %v, want [%s]", errs, tt.want)
			}
			var le *LineError
			if !errors.As(errs[0], &le) {
				t.Fatalf("%T is not a *LineError", errs[0])
			}
		})
	}
}

func TestNativeReaderGoesOnAfterABadLine(t *testing.T) {
	docs, errs := readNative(t, "{\"text\":\"one\"}\n{bad\n{\"text\":\"three\"}\n")
	if len(docs) != 2 || len(errs) != 1 || docs[1].Text != "three" {
		t.Fatalf("docs %d, errs %v", len(docs), errs)
	}
}

func TestNativeMinimalInput(t *testing.T) {
	input := "\ufeff{\"text\":\"Akar 😀 said “no”\",\"spans\":[{\"start\":13,\"end\":15,\"label\":\"QUOTE\"}]}\r\n{\"text\":\"x\"}"
	docs, errs := readNative(t, input)
	if len(errs) != 0 || len(docs) != 2 {
		t.Fatalf("docs %d, errs %v", len(docs), errs)
	}
	d := docs[0]
	if d.ID != "in-1" || docs[1].ID != "in-2" {
		t.Errorf("default ids = %q, %q", d.ID, docs[1].ID)
	}
	s := d.Spans[0]
	if s.Text != "no" || s.ID != annotate.SpanID("in-1", 13, 15, "QUOTE") {
		t.Errorf("span = %+v", s)
	}
}

const fullLine = `{"id":"doc-1","text":"Akar 😀 said “no”\r\nbye","annotator":"ana",` +
	`"spans":[{"id":"s1","start":0,"end":4,"label":"ACTOR","text":"Akar","note":"minister","created":"2026-11-26T10:00:00Z","x-conf":0.9},` +
	`{"id":"s2","start":13,"end":15,"label":"QUOTE","text":"no","note":"","created":"","suggested":true,"reason":"inside “ ” quotation marks"}],` +
	`"relations":[{"id":"r1","label":"SAID_BY","from":"s2","to":"s1","weight":1}],` +
	`"meta":{"source":"El País","n":[1,2]},"zeta":{"a":"b"},"alpha":null}`

func TestNativeRoundTripIsByteIdentical(t *testing.T) {
	docs, errs := readNative(t, fullLine+"\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := writeNative(t, docs)
	// Unknown document keys come after the known ones, sorted.
	want := strings.Replace(fullLine, `,"zeta":{"a":"b"},"alpha":null}`, `,"alpha":null,"zeta":{"a":"b"}}`, 1) + "\n"
	if out != want {
		t.Fatalf("\n got %s\nwant %s", out, want)
	}
	again, _ := readNative(t, out)
	if out2 := writeNative(t, again); out2 != out {
		t.Fatalf("second save differs:\n%s\n%s", out, out2)
	}
}

func TestNativeWriterSortsSpansAndKeepsLayout(t *testing.T) {
	input := `{ "text" : "b a" , "meta" : { "k" : [ 1 , "x y" ] }, ` +
		`"spans" : [ {"id":"2","start":2,"end":3,"label":"B"}, {"id":"1","start":0,"end":1,"label":"A"} ] }`
	docs, errs := readNative(t, input)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := writeNative(t, docs)
	want := `{"id":"in-1","text":"b a","annotator":"","spans":[` +
		`{"id":"1","start":0,"end":1,"label":"A","text":"b","note":"","created":""},` +
		`{"id":"2","start":2,"end":3,"label":"B","text":"a","note":"","created":""}],` +
		`"relations":[],"meta":{"k":[1,"x y"]}}` + "\n"
	if out != want {
		t.Fatalf("\n got %s\nwant %s", out, want)
	}
	if docs[0].Spans[0].ID != "2" {
		t.Error("the writer reordered the document's own spans")
	}
}

func TestNativeEscapes(t *testing.T) {
	text := "tab\there \"q\" back\\slash \u2028 nul\x00 é 😀 \\u"
	d := &annotate.Document{ID: "e", Text: text}
	out := writeNative(t, []*annotate.Document{d})
	docs, errs := readNative(t, out)
	if len(errs) > 0 || docs[0].Text != text {
		t.Fatalf("round trip of %q gave %q (%v)", text, docs[0].Text, errs)
	}
	docs, _ = readNative(t, `{"text":"\ud83d\ude00 \u00e9 \/"}`)
	if docs[0].Text != "😀 é /" {
		t.Errorf("escapes decoded as %q", docs[0].Text)
	}
	// A lone surrogate is no character: an error where encoding/json
	// would put U+FFFD into the text.
	for _, in := range []string{`{"text":"a \ud800 b"}`, `{"text":"a \udc00"}`, `{"text":"\ud800\u0041"}`, `{"text":"x","meta":{"k":"\ud83d"}}`} {
		if _, errs := readNative(t, in); len(errs) != 1 || !strings.Contains(errs[0].Error(), "half of a UTF-16 surrogate pair") {
			t.Errorf("%s: errors %v", in, errs)
		}
	}
}

func TestNativeUTF16Offsets(t *testing.T) {
	// 😀 is two UTF-16 units: "no" starts at code point 13, unit 14.
	docs, errs := func() ([]*annotate.Document, error) {
		r := NewNativeReader(strings.NewReader(`{"text":"Akar 😀 said “no”","spans":[{"start":14,"end":16,"label":"QUOTE"}]}`), "u.jsonl", Options{UTF16: true})
		d, err := r.Next()
		return []*annotate.Document{d}, err
	}()
	if errs != nil || docs[0].Spans[0].Start != 13 || docs[0].Spans[0].Text != "no" {
		t.Fatalf("%v %+v", errs, docs[0])
	}
	var buf bytes.Buffer
	w := NewNativeWriter(&buf, Options{UTF16: true})
	w.Write(docs[0])
	w.Close()
	if !strings.Contains(buf.String(), `"start":14,"end":16`) {
		t.Errorf("UTF-16 output %s", buf.String())
	}
}

func TestLongLine(t *testing.T) {
	text := strings.Repeat("Çavusoglu said “jobs continue”. ", 40000) // ~1.3 MB
	out := writeNative(t, []*annotate.Document{{ID: "long", Text: text}})
	docs, errs := readNative(t, out+out)
	if len(errs) > 0 || len(docs) != 2 || docs[1].Text != text {
		t.Fatalf("long lines: %d docs, %v", len(docs), errs)
	}
}

// TestAtomicSaveFailures makes each step of a save fail in turn and checks
// that the old file is whole and no temporary file is left behind.
func TestAtomicSaveFailures(t *testing.T) {
	boom := errors.New("boom")
	steps := []struct {
		name   string
		break_ func(f *fileSystem)
	}{
		{"create", func(f *fileSystem) {
			f.createTemp = func(string, string) (*os.File, error) { return nil, boom }
		}},
		{"write", func(f *fileSystem) { f.write = func(*os.File, []byte) (int, error) { return 0, boom } }},
		{"short write", func(f *fileSystem) {
			f.write = func(file *os.File, p []byte) (int, error) { return file.Write(p[:len(p)/2]) }
		}},
		{"sync", func(f *fileSystem) { f.sync = func(*os.File) error { return boom } }},
		{"close", func(f *fileSystem) { f.close = func(file *os.File) error { file.Close(); return boom } }},
		{"rename", func(f *fileSystem) { f.rename = func(string, string) error { return boom } }},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "work.jsonl")
			old := []byte(fullLine + "\n")
			if err := os.WriteFile(path, old, 0o600); err != nil {
				t.Fatal(err)
			}
			fs = osFS
			st.break_(&fs)
			defer func() { fs = osFS }()
			d := &annotate.Document{ID: "new", Text: strings.Repeat("new work ", 100000)}
			if err := SaveNative(path, d); err == nil {
				t.Fatal("save succeeded")
			}
			got, err := os.ReadFile(path)
			if err != nil || !bytes.Equal(got, old) {
				t.Fatalf("old file damaged: %v", err)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Fatalf("left behind: %v", entries)
			}
		})
	}
	t.Run("writer error", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "w.jsonl")
		os.WriteFile(path, []byte("old"), 0o640)
		err := WriteFileAtomic(path, func(w io.Writer) error { w.Write([]byte("partial")); return errors.New("input bad") })
		got, _ := os.ReadFile(path)
		if err == nil || string(got) != "old" {
			t.Fatalf("err %v, file %q", err, got)
		}
	})
	t.Run("success keeps mode", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "w.jsonl")
		os.WriteFile(path, []byte("old"), 0o640)
		if err := SaveNative(path, &annotate.Document{ID: "x", Text: "y"}); err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(path)
		got, _ := os.ReadFile(path)
		if st.Mode().Perm() != 0o640 || !strings.HasPrefix(string(got), `{"id":"x"`) {
			t.Fatalf("mode %v, content %q", st.Mode(), got)
		}
	})
}
