package export

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// TestPairing pairs in-memory files: in lockstep when ids line up, by id
// when they do not, leaving out (and telling of) documents whose text
// differs or that a file lacks.
func TestPairing(t *testing.T) {
	line := func(id, text string) string {
		return string(AppendNative(nil, &annotate.Document{ID: id, Text: text}, false)) + "\n"
	}
	for _, tc := range []struct {
		name     string
		files    map[string]string
		order    []string
		groups   []string // ids handed over, in order
		leftOut  []string
		wantErr  string
		differs  []string
		missings []string
	}{
		{
			name: "lockstep",
			files: map[string]string{
				"a": line("1", "😀 e\u0301") + line("2", "漢字\r\n"),
				"b": line("1", "😀 e\u0301") + line("2", "漢字\r\n"),
			},
			order: []string{"a", "b"}, groups: []string{"1", "2"},
		},
		{
			name: "by id",
			files: map[string]string{
				"a": line("2", "two") + line("1", "one") + line("3", "three"),
				"b": line("1", "one") + line("2", "TWO") + line("4", "four"),
			},
			order: []string{"a", "b"}, groups: []string{"1"},
			leftOut:  []string{"2: its text differs between a and b", "3: not in b", "4: not in a"},
			differs:  []string{"2"},
			missings: []string{"3", "4"},
		},
		{
			name:    "nothing in common",
			files:   map[string]string{"a": line("1", "one"), "b": line("1", "uno")},
			order:   []string{"a", "b"},
			leftOut: []string{"1: its text differs between a and b"}, differs: []string{"1"},
			wantErr: ErrNoCommonDocument.Error(),
		},
		{
			name:    "empty file and bad line",
			files:   map[string]string{"a": line("1", "one"), "b": "{\"id\":\n"},
			order:   []string{"a", "b"},
			leftOut: []string{"1: not in b"}, missings: []string{"1"},
			wantErr: "b: no documents",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			open := func(name string) (io.ReadCloser, error) {
				return io.NopCloser(strings.NewReader(tc.files[name])), nil
			}
			p, err := OpenPairing(tc.order, open, annotate.DefaultLabelSet())
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			var leftOut, groups []string
			p.LeftOut = func(id, why string) { leftOut = append(leftOut, id+": "+why) }
			err = p.Run(func(docs []*annotate.Document) error {
				groups = append(groups, docs[0].ID)
				return nil
			})
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if !slices.Equal(groups, tc.groups) || !slices.Equal(leftOut, tc.leftOut) {
				t.Errorf("groups %v, left out %q; want %v, %q", groups, leftOut, tc.groups, tc.leftOut)
			}
			if !slices.Equal(p.TextDiffers, tc.differs) || !slices.Equal(p.Missing, tc.missings) || p.Compared != len(tc.groups) {
				t.Errorf("differs %v, missing %v, compared %d", p.TextDiffers, p.Missing, p.Compared)
			}
		})
	}
	if _, err := OpenPairing([]string{"x"}, func(string) (io.ReadCloser, error) { return nil, errors.New("no such file") }, nil); err == nil {
		t.Error("an unopenable file gave no error")
	}
}

// BenchmarkPairShuffled pairs two files of 10,000 documents (about 2 KB of
// text and 20 spans each), the second in another order, so that pairing
// falls back to ids from the first document on. peak-heap-MB is the
// largest HeapInuse seen while pairing (sampled every millisecond), the
// figure docs/agreement.md records; file-MB is the size of one file.
func BenchmarkPairShuffled(b *testing.B) {
	dir := b.TempDir()
	const n = 10000
	docs := make([][]byte, n)
	annotatetest.Corpus(1, n, 2000, 20, func(d *annotate.Document) error {
		i, _ := strconv.Atoi(strings.TrimPrefix(d.ID, "doc-"))
		docs[i] = append(AppendNative(nil, d, false), '\n')
		return nil
	})
	write := func(name string, order []int) string {
		var buf bytes.Buffer
		for _, i := range order {
			buf.Write(docs[i])
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
		return path
	}
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	a := write("a.jsonl", order)
	rand.New(rand.NewPCG(1, 2)).Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
	shuffled := write("b.jsonl", order)
	st, err := os.Stat(a)
	if err != nil {
		b.Fatal(err)
	}
	open := func(name string) (io.ReadCloser, error) { return os.Open(name) }
	var peak uint64
	b.ResetTimer()
	for b.Loop() {
		runtime.GC()
		stop, sampled := make(chan struct{}), make(chan uint64)
		go func() {
			var ms runtime.MemStats
			var top uint64
			tick := time.NewTicker(time.Millisecond)
			defer tick.Stop()
			for {
				runtime.ReadMemStats(&ms)
				top = max(top, ms.HeapInuse)
				select {
				case <-stop:
					sampled <- top
					return
				case <-tick.C:
				}
			}
		}()
		p, err := OpenPairing([]string{a, shuffled}, open, annotate.DefaultLabelSet())
		if err != nil {
			b.Fatal(err)
		}
		groups := 0
		err = p.Run(func([]*annotate.Document) error { groups++; return nil })
		p.Close()
		close(stop)
		peak = max(peak, <-sampled)
		if err != nil || groups != n {
			b.Fatalf("%d groups, error %v", groups, err)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
}
