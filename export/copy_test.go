package export

import (
	"errors"
	"fmt"
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
		{name: "writer fails", in: good, writeFail: 7, written: 6, err: "disk full"},
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
