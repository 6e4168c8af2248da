package export

import (
	"fmt"
	"strings"
	"testing"
)

// TestHostileJSON: what encoding/json lets through silently is an error
// naming the line and column in every JSON reader (they share the scanner).
func TestHostileJSON(t *testing.T) {
	manyKeys := func(n int, dup string) string {
		var b strings.Builder
		b.WriteString(`{"text":"x","meta":{`)
		for i := range n {
			fmt.Fprintf(&b, `"k%d":%d,`, i, i)
		}
		b.WriteString(`"` + dup + `":0}}`)
		return b.String()
	}
	for _, tt := range []struct{ in, want string }{
		{`{"text":"Ana","spans":[{"start":0,"end":9223372036854775807,"label":"A"}]}`, "9223372036854775807 is out of range"},
		{`{"text":"Ana","spans":[{"start":0,"end":1e300,"label":"A"}]}`, "1e300 is out of range"},
		{`{"text":"Ana","spans":[{"start":0,"end":1e400,"label":"A"}]}`, "1e400 is out of range"},
		{`{"text":"Ana","spans":[{"start":-100000000000000000,"end":3,"label":"A"}]}`, "-100000000000000000 is out of range"},
		{`{"text":"Ana","spans":[{"start":0,"end":2.5,"label":"A"}]}`, "2.5 is not a whole number"},
		{`{"id":"a","id":"b","text":"Ana"}`, `column 11: key "id" given twice`},
		{`{"text":"Ana","te\u0078t":"Bob"}`, `key "text" given twice`},
		{`{"text":"Ana","spans":[{"start":0,"end":3,"label":"A","label":"B"}]}`, `key "label" given twice`},
		{`{"text":"x","meta":{"a":{"b":1,"b":2}}}`, `key "b" given twice`},
		{manyKeys(40, "k3"), `key "k3" given twice`},
		{`{"text":"a \ud800 b"}`, `column 12: \ud800 is half of a UTF-16 surrogate pair`},
		{`{"text":"\udfff"}`, `\udfff is half`},
	} {
		_, errs := readNative(t, tt.in)
		if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "in.jsonl:1: ") || !strings.Contains(errs[0].Error(), tt.want) {
			t.Errorf("%.60s: errors %v, want in.jsonl:1: …%s", tt.in, errs, tt.want)
		}
	}
	// What is fine stays fine: the same key in different objects, 40 keys,
	// an escaped key that is another key, the largest whole numbers.
	for _, in := range []string{
		`{"text":"Ana","spans":[{"start":0,"end":3,"label":"A"},{"start":0,"end":1,"label":"A"}],"meta":{"start":1}}`,
		manyKeys(40, "other"),
		`{"text":"x","meta":{"te\u0078t2":1,"text":2}}`,
		`{"text":"x","meta":{"n":9007199254740992,"m":-9007199254740992,"f":1e300}}`,
	} {
		if _, errs := readNative(t, in); len(errs) > 0 {
			t.Errorf("%.60s: %v", in, errs)
		}
	}
}

// TestMaxLine: a document longer than Options.MaxLine is an error naming
// its line and the limit in every reader, without holding the line; a
// line reader goes on after it (validate lists every bad line).
func TestMaxLine(t *testing.T) {
	long := strings.Repeat("x", 200<<10)
	opt := Options{MaxLine: 100 << 10}
	want := "is longer than 100 KiB, the --max-line limit"
	for _, tt := range []struct {
		format, in, where string
	}{
		{"jsonl", `{"text":"a"}` + "\n" + `{"text":"` + long + `"}` + "\n", "in:2: the line"},
		{"doccano", `{"text":"` + long + `","label":[]}`, "in:1: the line"},
		{"prodigy", "\n" + `{"text":"` + long + `"}`, "in:2: the line"},
		{"labelstudio", `[{"data":{"text":"a"}},` + "\n" + `{"data":{"text":"` + long + `"}}]`, "in:2: the task that starts here"},
		{"text", long, "in: the text"},
		{"conll", "Ana\tO\n" + long + "\tO\n", "in:2: the line"},
		{"hf", `{"tokens":["` + long + `"],"ner_tags":["O"]}`, "in:1: the line"},
		{"webanno", "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Span|label\n\n\n#Text=" + long + "\n", "in:5: the line"},
	} {
		r := Lookup(tt.format).NewReader(strings.NewReader(tt.in), "in", opt)
		var err error
		for err == nil {
			_, err = r.Next()
		}
		if got := fmt.Sprint(err); !strings.HasPrefix(got, tt.where) || !strings.Contains(got, want) {
			t.Errorf("%s: %v, want %s …%s", tt.format, err, tt.where, want)
		}
	}
	// A native reader skips the long line and reads on; the default
	// limit lets the line through.
	in := `{"text":"` + long + `"}` + "\n" + `{"text":"b"}` + "\n"
	r := NewNativeReader(strings.NewReader(in), "in", opt)
	if _, err := r.Next(); err == nil || !strings.HasPrefix(err.Error(), "in:1: the line is longer") {
		t.Errorf("first: %v", err)
	}
	if d, err := r.Next(); err != nil || d.Text != "b" || r.Line() != 2 {
		t.Errorf("after the long line: %v %v line %d", d, err, r.Line())
	}
	if docs, errs := readNative(t, in); len(errs) > 0 || len(docs) != 2 {
		t.Errorf("default limit: %d docs, %v", len(docs), errs)
	}
}

// TestParseSize reads --max-line's sizes.
func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"100": 100, "64MiB": 64 << 20, "64M": 64 << 20, "200MB": 200e6, "1G": 1 << 30, "2 KiB": 2048, "10b": 10} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("%q: %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "1.5M", "M", "9999999999G", "ten"} {
		if _, err := ParseSize(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
	if got := FormatSize(DefaultMaxLine); got != "64 MiB" {
		t.Errorf("FormatSize(DefaultMaxLine) = %q", got)
	}
}
