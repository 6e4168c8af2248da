package export

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"gloss/annotate"
)

type recordWriter struct {
	ids      []string
	failAt   int // fail the n-th Write (1-based); 0 never
	prepared int
}

func (w *recordWriter) Write(d *annotate.Document) error {
	if len(w.ids)+1 == w.failAt {
		return errors.New("disk full")
	}
	w.ids = append(w.ids, d.ID)
	return nil
}

func (w *recordWriter) Close() error { return nil }

func (w *recordWriter) Prepare(d *annotate.Document) { w.prepared++ }

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
			if w.prepared < n {
				t.Errorf("prepared %d documents, wrote %d", w.prepared, n)
			}
		})
	}
}
