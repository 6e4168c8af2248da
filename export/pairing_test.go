package export

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
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

// pairingOutcome is all that a pairing run shows: each group as native
// lines, what was left out and why, and the error.
type pairingOutcome struct {
	groups, leftOut, differs, missing []string
	compared                          int
	err                               string
}

// runPairing pairs names, opened by open, and returns what it showed.
func runPairing(t *testing.T, names []string, open func(string) (io.ReadCloser, error)) pairingOutcome {
	t.Helper()
	p, err := OpenPairing(names, open, annotate.DefaultLabelSet())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var o pairingOutcome
	p.LeftOut = func(id, why string) { o.leftOut = append(o.leftOut, id+": "+why) }
	err = p.Run(func(docs []*annotate.Document) error {
		var g []byte
		for _, d := range docs {
			g = append(AppendNative(g, d, false), '\n')
		}
		o.groups = append(o.groups, string(g))
		return nil
	})
	if err != nil {
		o.err = err.Error()
	}
	o.differs, o.missing, o.compared = p.TextDiffers, p.Missing, p.Compared
	return o
}

// seekableString is an in-memory file Pairing may read twice (it is an
// io.ReaderAt without Stat); readAt, when set, answers the second reads.
type seekableString struct {
	*strings.Reader
	readAt io.ReaderAt
}

func (s seekableString) ReadAt(p []byte, off int64) (int, error) {
	if s.readAt != nil {
		return s.readAt.ReadAt(p, off)
	}
	return s.Reader.ReadAt(p, off)
}

func (seekableString) Close() error { return nil }

// TestPairingShuffled pairs testdata/pairing/{inorder,shuffled}: the same
// two annotators' documents, in id order and shuffled (the no-id documents
// on lines 5 and 8 of both files, so that their default ids pair; a BOM on
// line 1, CRLF line ends, one id only in x, one text that differs). Read
// from files (indexed, read again) or from pipes (loaded into memory),
// both orders give the same groups, byte for byte, in the same order.
func TestPairingShuffled(t *testing.T) {
	names := []string{"x/ann.jsonl", "y/ann.jsonl"}
	var want pairingOutcome
	for k, variant := range []string{"inorder", "shuffled"} {
		for _, pipe := range []bool{false, true} {
			open := func(name string) (io.ReadCloser, error) {
				path := filepath.Join("testdata", "pairing", variant, name)
				if !pipe {
					return os.Open(path)
				}
				b, err := os.ReadFile(path)
				return io.NopCloser(bytes.NewReader(b)), err
			}
			got := runPairing(t, names, open)
			if k == 0 && !pipe {
				want = got
				var ids []string
				for _, g := range got.groups {
					ids = append(ids, g[len(`{"id":"`):strings.IndexByte(g, ',')-1])
				}
				wantIDs := []string{"ann-1x", "ann-2x", "ann-3x", "ann-4x", "ann-5", "ann-7x", "ann-8"}
				if !slices.Equal(ids, wantIDs) || got.err != "" || got.compared != len(wantIDs) ||
					!slices.Equal(got.differs, []string{"ann-6x"}) || !slices.Equal(got.missing, []string{"ann-9x"}) {
					t.Fatalf("in order: groups %v, differs %v, missing %v, error %q", ids, got.differs, got.missing, got.err)
				}
				d, err := NewNativeReader(strings.NewReader(got.groups[4]), "g", Options{}).Next()
				if err != nil {
					t.Fatal(err)
				}
				if s := d.Spans[0]; s.ID != annotate.SpanID("ann-5", s.Start, s.End, s.Label) {
					t.Errorf("the span ids of ann-5 are not made from its default id: %s", got.groups[4])
				}
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, pipe %v:\n%+v\nwant\n%+v", variant, pipe, got, want)
			}
		}
	}
}

// TestPairingProblems checks that a file read twice reports the same
// problems, in the same order, as one loaded into memory, and that a file
// that changes under the pairing is an error, not a wrong pair.
func TestPairingProblems(t *testing.T) {
	shuffled := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", "pairing", "shuffled", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	x, y := shuffled("x/ann.jsonl"), shuffled("y/ann.jsonl")
	lines := strings.SplitAfter(x, "\r\n")
	bad := x + lines[1] + "{\"id\":\r\n" + strings.Replace(lines[2], `"QUOTE"`, `"NOPE"`, 1) + "\n\n" + lines[6]
	files := map[string]string{"x/ann.jsonl": bad, "y/ann.jsonl": y}
	names := []string{"x/ann.jsonl", "y/ann.jsonl"}
	loaded := runPairing(t, names, func(name string) (io.ReadCloser, error) {
		return io.NopCloser(strings.NewReader(files[name])), nil
	})
	read := runPairing(t, names, func(name string) (io.ReadCloser, error) {
		return seekableString{Reader: strings.NewReader(files[name])}, nil
	})
	if !reflect.DeepEqual(read, loaded) {
		t.Errorf("read twice:\n%+v\nloaded:\n%+v", read, loaded)
	}
	for _, want := range []string{"x/ann.jsonl:10: document id \"ann-2x\" already used on line 2", "x/ann.jsonl:11: ",
		"x/ann.jsonl:12: ", "NOPE", "x/ann.jsonl:15: document id \"ann-4x\" already used on line 7"} {
		if !strings.Contains(loaded.err, want) {
			t.Errorf("error %q lacks %q", loaded.err, want)
		}
	}

	for _, tc := range []struct{ name, second, wantErr string }{
		{"lines moved", y[len(lines[0]):] + lines[0], "y/ann.jsonl:"},
		{"truncated", y[:len(y)/2], "y/ann.jsonl: unexpected EOF"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := runPairing(t, names, func(name string) (io.ReadCloser, error) {
				f := seekableString{Reader: strings.NewReader(shuffled(name))}
				if name == "y/ann.jsonl" {
					f.readAt = strings.NewReader(tc.second)
				}
				return f, nil
			})
			if !strings.Contains(got.err, tc.wantErr) {
				t.Errorf("error %q, want %q", got.err, tc.wantErr)
			}
		})
	}
}

// FuzzPairing pairs two arbitrary files, read twice and loaded into
// memory: neither may panic, and both must show the same.
func FuzzPairing(f *testing.F) {
	names := []string{"a.jsonl", "b.jsonl"}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		files := map[string][]byte{"a.jsonl": a, "b.jsonl": b}
		loaded := runPairing(t, names, func(name string) (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(files[name])), nil
		})
		read := runPairing(t, names, func(name string) (io.ReadCloser, error) {
			return seekableString{Reader: strings.NewReader(string(files[name]))}, nil
		})
		if !reflect.DeepEqual(read, loaded) {
			t.Errorf("read twice:\n%+v\nloaded:\n%+v", read, loaded)
		}
	})
}

// TestPairingReadTwice pairs files whose lines are read again from their
// places: lines longer than the line reader's buffer, blank lines, no
// newline at the end, a file opened past a header. Read twice or loaded
// into memory, they show the same.
func TestPairingReadTwice(t *testing.T) {
	line := func(id, text string) string {
		return string(AppendNative(nil, &annotate.Document{ID: id, Text: text}, false))
	}
	long := strings.Repeat("北京 😀 e\u0301 ", 40000) // about 600 KB, more than the 256 KB buffer
	const header = "not JSON\n"
	for _, tc := range []struct {
		name     string
		a, b     string
		header   bool // a starts with header, which the opener skips
		compared int
	}{
		{name: "long lines", compared: 3,
			a: line("1", long) + "\n" + line("2", "two") + "\n" + line("3", long+"!") + "\n",
			b: line("3", long+"!") + "\n" + line("2", "two") + "\n" + line("1", long) + "\n"},
		{name: "blank lines, CRLF, no last newline", compared: 2,
			a: "\r\n" + line("2", "two") + "\r\n\r\n" + `{"text":"x"}` + "\r\n" + line("1", "one"),
			b: line("1", "one") + "\n\n\n" + `{"text":"y"}` + "\n" + line("2", "two")},
		{name: "opened past a header", header: true, compared: 2,
			a: header + line("2", "two") + "\n" + line("1", "one") + "\n",
			b: line("1", "one") + "\n" + line("2", "two") + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			names := []string{filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")}
			for i, content := range []string{tc.a, tc.b} {
				if err := os.WriteFile(names[i], []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			skip := func(name string) int64 {
				if tc.header && name == names[0] {
					return int64(len(header))
				}
				return 0
			}
			read := runPairing(t, names, func(name string) (io.ReadCloser, error) {
				f, err := os.Open(name)
				if err == nil {
					_, err = f.Seek(skip(name), io.SeekStart)
				}
				return f, err
			})
			loaded := runPairing(t, names, func(name string) (io.ReadCloser, error) {
				b, err := os.ReadFile(name)
				return io.NopCloser(bytes.NewReader(b[skip(name):])), err
			})
			if read.compared != tc.compared || read.err != "" || !reflect.DeepEqual(read, loaded) {
				t.Errorf("read twice: %d compared, error %q; loaded: %d compared, error %q; same: %v",
					read.compared, read.err, loaded.compared, loaded.err, reflect.DeepEqual(read, loaded))
			}
		})
	}
}

// TestPairingPlaces: in lockstep and by id, Places says where each
// document handed over is in its file, so that the line read back from
// there parses to the same document; a pipe has no places.
func TestPairingPlaces(t *testing.T) {
	names := []string{"x/ann.jsonl", "y/ann.jsonl"}
	for _, variant := range []string{"inorder", "shuffled"} {
		for _, pipe := range []bool{false, true} {
			dir := filepath.Join("testdata", "pairing", variant)
			p, err := OpenPairing(names, func(name string) (io.ReadCloser, error) {
				if !pipe {
					return os.Open(filepath.Join(dir, name))
				}
				b, err := os.ReadFile(filepath.Join(dir, name))
				return io.NopCloser(bytes.NewReader(b)), err
			}, nil)
			if err != nil {
				t.Fatal(err)
			}
			groups := 0
			err = p.Run(func(docs []*annotate.Document) error {
				places, ok := p.Places(nil)
				if ok == pipe || (ok && len(places) != len(docs)) {
					t.Fatalf("%s, pipe %v: places %v, %v", variant, pipe, places, ok)
				}
				for i, at := range places {
					data, err := os.ReadFile(filepath.Join(dir, names[i]))
					if err != nil {
						t.Fatal(err)
					}
					d, err := ParseNativeLine(data[at.Off:at.Off+int64(at.Size)], names[i], at.Line, Options{})
					if err != nil || !reflect.DeepEqual(d, docs[i]) {
						t.Errorf("%s: %s line %d read back: %v (want %s)", variant, names[i], at.Line, err, docs[i].ID)
					}
				}
				groups++
				return nil
			})
			p.Close()
			if err != nil || groups == 0 {
				t.Errorf("%s, pipe %v: %d groups, %v", variant, pipe, groups, err)
			}
		}
	}
}
