package export

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"gloss/annotate"
)

type recordWriter struct {
	ids      []string
	failAt   int          // fail the n-th Write (1-based); 0 never
	prepared atomic.Int64 // Prepare runs on several goroutines
}

func (w *recordWriter) Write(d *annotate.Document) error {
	if len(w.ids)+1 == w.failAt {
		return errors.New("disk full")
	}
	w.ids = append(w.ids, d.ID)
	return nil
}

func (w *recordWriter) Close() error { return nil }

func (w *recordWriter) Prepare(d *annotate.Document) { w.prepared.Add(1) }

func TestCopy(t *testing.T) {
	var in strings.Builder
	for i := range 200 {
		fmt.Fprintf(&in, "{\"id\":\"d%d\",\"text\":\"t\"}\n", i)
	}
	good := in.String()
	tests := []struct {
		name      string
		in        string
		checkAt   int // check fails on this line; 0 never
		writeFail int
		written   int
		err       string
	}{
		{name: "all", in: good, written: 200},
		{name: "check fails", in: good, checkAt: 150, written: 149, err: "bad at 150"},
		{name: "reader fails", in: good[:strings.Index(good, "{\"id\":\"d100\"")] + "{oops\n" + good, written: 100, err: "in.jsonl:101:"},
		{name: "writer fails", in: good, writeFail: 7, written: 6, err: "in.jsonl:7: disk full"}, // the document that could not be written
		{name: "empty", in: "", written: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := &recordWriter{failAt: tt.writeFail}
			check := func(d *annotate.Document, line int) error {
				if line == tt.checkAt {
					return fmt.Errorf("bad at %d", line)
				}
				return nil
			}
			n, err := Copy(NewNativeReader(strings.NewReader(tt.in), "in.jsonl", Options{}), "in.jsonl", w, check)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("error %v, want %q", err, tt.err)
			}
			if n != tt.written || len(w.ids) != tt.written {
				t.Errorf("wrote %d (%d recorded), want %d", n, len(w.ids), tt.written)
			}
			for i, id := range w.ids {
				if id != fmt.Sprintf("d%d", i) {
					t.Fatalf("document %d is %s: order lost", i, id)
				}
			}
			if int(w.prepared.Load()) < n {
				t.Errorf("prepared %d documents, wrote %d", w.prepared.Load(), n)
			}
		})
	}
}

// TestCopyChecked: documents checked on several goroutines are written in
// input order; the first bad document in input order stops the copy (not
// the first one a goroutine happens to finish), with inOrder's error
// joined before each's; the same holds for readers that are not line
// sources (a reader of documents one by one).
func TestCopyChecked(t *testing.T) {
	var in strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&in, "{\"id\":\"d%d\",\"text\":\"text %d\"}\n\n", i, i)
	}
	for _, lines := range []bool{true, false} {
		open := func() Reader {
			r := NewNativeReader(strings.NewReader(in.String()), "in.jsonl", Options{})
			if lines {
				return r
			}
			return struct{ Reader }{r} // hides the line source
		}
		each := func(bad int) CheckFunc {
			return func(d *annotate.Document, _ string, line int) error {
				if line >= bad && line%2 == 1 {
					return fmt.Errorf("each: bad at %d", line)
				}
				return nil
			}
		}
		inOrder := func(bad int) CheckFunc {
			return func(d *annotate.Document, _ string, line int) error {
				if line == bad {
					return fmt.Errorf("inOrder: bad at %d", line)
				}
				return nil
			}
		}
		for _, tt := range []struct {
			name          string
			eachAt, ordAt int
			written       int
			err           string
		}{
			{"all good", 1 << 30, -1, 1000, ""},
			{"each from line 1201", 1201, -1, 600, "each: bad at 1201"},
			{"inOrder first", 1201, 801, 400, "inOrder: bad at 801"},
			{"both on one line", 1201, 1201, 600, "inOrder: bad at 1201\neach: bad at 1201"},
		} {
			w := &recordWriter{}
			n, err := CopyChecked(open(), "in.jsonl", w, each(tt.eachAt), inOrder(tt.ordAt))
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || err.Error() != tt.err) {
				t.Errorf("lines=%v %s: error %v, want %q", lines, tt.name, err, tt.err)
			}
			if n != tt.written || len(w.ids) != n {
				t.Errorf("lines=%v %s: wrote %d (%d recorded), want %d", lines, tt.name, n, len(w.ids), tt.written)
			}
			for i, id := range w.ids {
				if id != fmt.Sprintf("d%d", i) {
					t.Fatalf("lines=%v %s: document %d is %s: order lost", lines, tt.name, i, id)
				}
			}
		}
	}
}

// TestDocEncoderCopy: a writer that encodes on CopyChecked's workers
// writes what its Write writes, byte for byte, and warns the same (its
// workers' counts added up at Close), on a corpus of many batches, with
// code-point and UTF-16 offsets and both CoNLL layouts.
func TestDocEncoderCopy(t *testing.T) {
	var docs []*annotate.Document
	var native []byte
	for i := range 300 {
		for _, d := range roundTripDocs() {
			d.ID = fmt.Sprintf("%s-%d", d.ID, i)
			if i%7 == 3 && len(d.Spans) > 0 {
				d.Spans[0].Rejected = true // counted by the formats that cannot say so
			}
			docs = append(docs, d)
			native = append(AppendNative(native, d, false), '\n')
		}
	}
	encoders := 0
	for _, f := range Formats() {
		if f.NewWriter == nil && f.WriteDir == nil {
			continue
		}
		// write writes the documents in format f with opt, by Write or
		// (copied) through CopyChecked, and returns the output (a
		// folder's files in name order) and the warnings.
		write := func(t *testing.T, opt Options, copied bool) ([]byte, []string) {
			var warned []string
			opt.Warn = func(m string) { warned = append(warned, m) }
			var out bytes.Buffer
			var w Writer
			dir := ""
			if f.WriteDir != nil {
				dir = t.TempDir()
				w = f.WriteDir(dir, opt)
			} else {
				w = f.NewWriter(&out, opt)
			}
			if _, ok := w.(DocEncoder); !ok {
				t.Skip("not a DocEncoder")
			}
			in := func() Reader { return NewNativeReader(bytes.NewReader(native), "in.jsonl", Options{}) }
			if copied {
				if n, err := CopyChecked(in(), "in.jsonl", w, nil, nil); err != nil || n != len(docs) {
					t.Fatalf("CopyChecked: %d, %v; want %d", n, err, len(docs))
				}
			} else {
				// Write is given the documents as CopyChecked reads them.
				read, err := ReadAll(in())
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range read {
					if err := w.Write(d); err != nil {
						t.Fatal(err)
					}
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if dir != "" {
				files, _ := filepath.Glob(filepath.Join(dir, "*"))
				for _, name := range files {
					data, err := os.ReadFile(name)
					if err != nil {
						t.Fatal(err)
					}
					fmt.Fprintf(&out, "=== %s\n%s", filepath.Base(name), data)
				}
			}
			return out.Bytes(), warned
		}
		for _, opt := range []Options{{}, {UTF16: true}, {Layout: LayoutSingle}} {
			t.Run(fmt.Sprintf("%s/utf16=%v/layout=%v", f.Name, opt.UTF16, opt.Layout), func(t *testing.T) {
				opt.Used = LabelsUsed(docs...)
				want, wantWarn := write(t, opt, false)
				encoders++
				got, gotWarn := write(t, opt, true)
				if !bytes.Equal(got, want) {
					t.Errorf("encoded on the workers: %d bytes, Write: %d bytes, not the same", len(got), len(want))
				}
				if !slices.Equal(gotWarn, wantWarn) {
					t.Errorf("warnings %q, want %q", gotWarn, wantWarn)
				}
			})
		}
	}
	if encoders < 3*7 {
		t.Errorf("%d formats encode on the workers, want at least jsonl, doccano, doccano-rel, prodigy, conll, hf, webanno", encoders/3)
	}
}

// encodeFailWriter is a DocEncoder whose encoding of one document fails,
// or whose writing of one fails.
type encodeFailWriter struct {
	recordWriter
	encodeFail, writeFail string // the document ids
}

func (w *encodeFailWriter) NewDocEncoder() func([]byte, *annotate.Document) ([]byte, error) {
	return func(buf []byte, d *annotate.Document) ([]byte, error) {
		if d.ID == w.encodeFail {
			return buf, errors.New("cannot encode")
		}
		return append(buf, d.ID...), nil
	}
}

func (w *encodeFailWriter) WriteEncoded(_ *annotate.Document, b []byte) error {
	if string(b) == w.writeFail {
		return errors.New("disk full")
	}
	w.ids = append(w.ids, string(b))
	return nil
}

// TestCopyCheckedEncoded: with a DocEncoder, documents are still written
// in input order, and an encoding or writing error, or a check's, is the
// first in input order, at its FILE:LINE, whichever worker met it first.
func TestCopyCheckedEncoded(t *testing.T) {
	var in strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&in, "{\"id\":\"d%d\",\"text\":\"text %d\"}\n\n", i, i)
	}
	for _, tt := range []struct {
		name                  string
		encodeFail, writeFail string
		checkAt               int
		written               int
		err                   string
	}{
		{name: "all good", written: 1000},
		{name: "encode fails", encodeFail: "d600", written: 600, err: "in.jsonl:1201: cannot encode"},
		{name: "write fails", writeFail: "d400", written: 400, err: "in.jsonl:801: disk full"},
		{name: "check before encode", encodeFail: "d600", checkAt: 1001, written: 500, err: "bad at 1001"},
		{name: "encode before check", encodeFail: "d300", checkAt: 1001, written: 300, err: "in.jsonl:601: cannot encode"},
	} {
		w := &encodeFailWriter{encodeFail: tt.encodeFail, writeFail: tt.writeFail}
		inOrder := func(d *annotate.Document, _ string, line int) error {
			if line == tt.checkAt {
				return fmt.Errorf("bad at %d", line)
			}
			return nil
		}
		n, err := CopyChecked(NewNativeReader(strings.NewReader(in.String()), "in.jsonl", Options{}), "in.jsonl", w, nil, inOrder)
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || err.Error() != tt.err) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
		}
		if n != tt.written || len(w.ids) != n {
			t.Errorf("%s: wrote %d (%d recorded), want %d", tt.name, n, len(w.ids), tt.written)
		}
		for i, id := range w.ids {
			if id != fmt.Sprintf("d%d", i) {
				t.Fatalf("%s: document %d is %s: order lost", tt.name, i, id)
			}
		}
	}
}
