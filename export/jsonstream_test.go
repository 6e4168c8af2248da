package export

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestValueStream cuts arrays and object sequences into objects, with
// braces and quotes inside strings, across small reads, and says where.
func TestValueStream(t *testing.T) {
	tests := []struct {
		name, in string
		objects  []string
		lines    []int
		err      string
	}{
		{name: "array", in: "[\n {\"a\":\"}{\\\"]\"},\n {\"b\":[1,{\"c\":2}]}\n]\n",
			objects: []string{`{"a":"}{\"]"}`, `{"b":[1,{"c":2}]}`}, lines: []int{2, 3}},
		{name: "jsonl", in: "{\"a\":1}\r\n\r\n{\"b\":\"x\\\\\"}\n", objects: []string{`{"a":1}`, `{"b":"x\\"}`}, lines: []int{1, 3}},
		{name: "pretty", in: "{\n  \"a\": {\n    \"b\": 1\n  }\n}\n{\"c\":2}", objects: []string{"{\n  \"a\": {\n    \"b\": 1\n  }\n}", `{"c":2}`}, lines: []int{1, 6}},
		{name: "empty array", in: " [ ] ", objects: nil},
		{name: "bom", in: "\xef\xbb\xbf[{\"a\":1}]", objects: []string{`{"a":1}`}, lines: []int{1}},
		{name: "unterminated", in: "[{\"a\":1},\n{\"b\":", objects: []string{`{"a":1}`}, lines: []int{1}, err: "unexpected end of file inside an object"},
		{name: "no comma", in: "[{\"a\":1} {\"b\":2}]", objects: []string{`{"a":1}`}, lines: []int{1}, err: "want ',' or ']' between tasks"},
		{name: "not an object", in: "[1]", err: "want a JSON object"},
		{name: "trailing", in: "[{\"a\":1}] x", objects: []string{`{"a":1}`}, lines: []int{1}, err: "after the array"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// One byte per read exercises every chunk boundary.
			vs := newValueStream(iotest.OneByteReader(strings.NewReader(tt.in)), DefaultMaxLine)
			var got []string
			var lines []int
			var err error
			for {
				var val []byte
				var line int
				val, line, err = vs.next()
				if err != nil {
					break
				}
				got = append(got, string(val))
				lines = append(lines, line)
			}
			if tt.err == "" && !errors.Is(err, io.EOF) || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("error %v, want %q", err, tt.err)
			}
			if strings.Join(got, "|") != strings.Join(tt.objects, "|") {
				t.Errorf("objects %q, want %q", got, tt.objects)
			}
			for i := range min(len(lines), len(tt.lines)) {
				if lines[i] != tt.lines[i] {
					t.Errorf("object %d on line %d, want %d", i, lines[i], tt.lines[i])
				}
			}
		})
	}
}
