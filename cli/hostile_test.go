package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"gloss/export"
)

// hostileCase is a bad input a command must refuse: exit 1 with a
// FILE:LINE: error naming what is wrong, nothing on stdout, no output file
// and nothing else left in the folder.
type hostileCase struct {
	name  string
	files map[string]string // written into a fresh folder
	// args of the command; "DIR/" is replaced by the folder.
	args   []string
	stderr string // must contain, after DIR/ is replaced
	// setup, when set, adds what files cannot say (links, FIFOs) to the
	// folder, under a name files already has (a folder "b/").
	setup func(t *testing.T, dir string)
}

func runHostile(t *testing.T, cases []hostileCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			inputs := map[string]bool{}
			for name, content := range tt.files {
				path := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
				inputs[strings.SplitN(name, "/", 2)[0]] = true
			}
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			args := make([]string, len(tt.args))
			for i, a := range tt.args {
				args[i] = strings.ReplaceAll(a, "DIR/", dir+"/")
			}
			code, out, errOut := runMainOrHang(t, args...)
			want := strings.ReplaceAll(tt.stderr, "DIR/", dir+"/")
			if code != 1 || !strings.Contains(errOut, want) {
				t.Errorf("status %d, stderr %q; want 1 and %q", code, errOut, want)
			}
			if out != "" {
				t.Errorf("stdout %q", out)
			}
			var left []string
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if !inputs[e.Name()] {
					left = append(left, e.Name())
				}
			}
			if len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

// runMainOrHang is runMain that fails the test, rather than hanging the
// suite, when the command does not return: a reader blocked on a FIFO.
func runMainOrHang(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	type result struct {
		code     int
		out, err string
	}
	done := make(chan result, 1)
	go func() {
		code, out, err := runMain("", args...)
		done <- result{code, out, err}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.err
	case <-time.After(2 * time.Minute):
		t.Fatalf("gloss %v did not return", args)
		return 0, "", ""
	}
}

// TestBadLabelNames: labels no format can carry (empty, control
// characters) are refused on import, export and validate, and in a label
// set, instead of making files nobody can read back.
func TestBadLabelNames(t *testing.T) {
	runHostile(t, []hostileCase{
		{"doccano empty label", map[string]string{"d.jsonl": `{"text":"Ana said","label":[[0,2,""]]}` + "\n"},
			[]string{"import", "--from", "doccano", "-o", "DIR/out.jsonl", "DIR/d.jsonl"}, "DIR/d.jsonl:1: span 1 (id ", nil},
		{"doccano empty label message", map[string]string{"d.jsonl": `{"text":"Ana said","label":[[0,2,""]]}` + "\n"},
			[]string{"import", "--from", "doccano", "-o", "DIR/out.jsonl", "DIR/d.jsonl"}, "empty label name", nil},
		{"native control characters to conll", map[string]string{"n.jsonl": `{"id":"a","text":"Ana said","spans":[{"start":0,"end":3,"label":"A B\n\tC"}]}` + "\n"},
			[]string{"export", "--to", "conll", "-o", "DIR/out.conll", "DIR/n.jsonl"}, `DIR/n.jsonl:1: span 1 (id `, nil},
		{"native control characters to brat", map[string]string{"n.jsonl": `{"id":"a","text":"Ana said","spans":[{"start":0,"end":3,"label":"A\tB"}]}` + "\n"},
			[]string{"export", "--to", "brat", "-o", "DIR/out", "DIR/n.jsonl"}, `has the control character U+0009`, nil},
		{"native control characters to prodigy", map[string]string{"n.jsonl": `{"id":"a","text":"Ana said","spans":[{"start":0,"end":3,"label":"A\u2028B"}]}` + "\n"},
			[]string{"export", "--to", "prodigy", "-o", "DIR/out.jsonl", "DIR/n.jsonl"}, `has the control character U+2028`, nil},
		{"relation label", map[string]string{"n.jsonl": `{"id":"a","text":"Ana said no","spans":[{"id":"s","start":0,"end":3,"label":"ACTOR"},{"id":"q","start":9,"end":11,"label":"QUOTE"}],"relations":[{"label":"","from":"q","to":"s"}]}` + "\n"},
			[]string{"export", "--to", "brat", "-o", "DIR/out", "DIR/n.jsonl"}, `DIR/n.jsonl:1: relation 1`, nil},
		{"labels.toml", map[string]string{"n.jsonl": `{"text":"Ana"}` + "\n", "l.toml": "[[label]]\nname = \"A B\\n\\tC\"\n"},
			[]string{"export", "--to", "conll", "--labels", "DIR/l.toml", "-o", "DIR/out.conll", "DIR/n.jsonl"}, `DIR/l.toml:2: label 1: label name "A B\n\tC" has the control character U+000A`, nil},
	})
	path := writeTemp(t, "n.jsonl", `{"text":"Ana","spans":[{"start":0,"end":3,"label":""}]}`+"\n")
	if code, out, _ := runMain("", "validate", path); code != 1 || !strings.Contains(out, path+":1: span 1 (id ") || !strings.Contains(out, "empty label name") {
		t.Errorf("validate: status %d, stdout %q", code, out)
	}
}

// TestDuplicateDocumentIDs: import and export refuse documents sharing an
// id, within a file and across the files of one command, as validate
// does.
func TestDuplicateDocumentIDs(t *testing.T) {
	two := "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"a\",\"text\":\"two\"}\n"
	runHostile(t, []hostileCase{
		{"import", map[string]string{"n.jsonl": two},
			[]string{"import", "--from", "jsonl", "-o", "DIR/out.jsonl", "DIR/n.jsonl"}, `DIR/n.jsonl:2: document id "a" already used on line 1`, nil},
		{"import doccano", map[string]string{"d.jsonl": "{\"id\":7,\"text\":\"one\",\"label\":[]}\n{\"id\":7,\"text\":\"two\",\"label\":[]}\n"},
			[]string{"import", "-o", "DIR/out.jsonl", "DIR/d.jsonl"}, `DIR/d.jsonl:2: document id "7" already used on line 1`, nil},
		{"export", map[string]string{"n.jsonl": two},
			[]string{"export", "--to", "doccano", "-o", "DIR/out.jsonl", "DIR/n.jsonl"}, `DIR/n.jsonl:2: document id "a" already used`, nil},
		{"export to stdout", map[string]string{"n.jsonl": two},
			[]string{"export", "--to", "conll", "DIR/n.jsonl"}, `DIR/n.jsonl:2: document id "a"`, nil},
		{"across files", map[string]string{"x.jsonl": "{\"id\":\"a\",\"text\":\"one\"}\n", "y.jsonl": "{\"text\":\"b\"}\n{\"id\":\"a\",\"text\":\"one\"}\n"},
			[]string{"export", "--to", "brat", "-o", "DIR/out", "DIR/x.jsonl", "DIR/y.jsonl"}, `DIR/y.jsonl:2: document id "a" already used on DIR/x.jsonl:1`, nil},
	})
}

// TestAppStartErrorsOneALine: gloss FILE with a file the command line
// refuses prints its problems as FILE:LINE lines and exits 1 (the app's
// loader is the one that refuses; here a stand-in app reports what it
// returns).
func TestAppStartErrorsOneALine(t *testing.T) {
	var errOut bytes.Buffer
	lines := []string{"bad.jsonl:1: span 1: start -1", "bad.jsonl:2: span 1: end 9"}
	problems := &export.Problems{File: "bad.jsonl"}
	problems.Add(&export.LineError{File: "bad.jsonl", Line: 1, Msg: "span 1: start -1"}, &export.LineError{File: "bad.jsonl", Line: 2, Msg: "span 1: end 9"})
	env := Env{Stdout: &bytes.Buffer{}, Stderr: &errOut, OpenApp: func(AppOptions) error { return problems }}
	if code := Main([]string{"bad.jsonl"}, env); code != exitBad {
		t.Errorf("status %d", code)
	}
	if got := strings.Split(strings.TrimSpace(errOut.String()), "\n"); !slices.Equal(got, lines) {
		t.Errorf("stderr %q, want %q", got, lines)
	}
}

// TestHostileBratFolder: a brat folder from a hostile teammate cannot make
// the import read outside it, block on a FIFO or fill memory from a
// device, and bad offsets say what is wrong with them.
func TestHostileBratFolder(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "hostname")
	if err := os.WriteFile(secret, []byte("secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := func(target, name string) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	fifo := func(name string) func(*testing.T, string) {
		return func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
				t.Skipf("no FIFOs here: %v", err)
			}
		}
	}
	good := map[string]string{"b/a.txt": "Ana said\n", "b/a.ann": "T1\tACTOR 0 3\tAna\n"}
	with := func(extra map[string]string) map[string]string {
		m := map[string]string{}
		for k, v := range good {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	imp := []string{"import", "--from", "brat", "-o", "DIR/out.jsonl", "DIR/b"}
	runHostile(t, []hostileCase{
		{name: "link to a device", files: good, args: imp, setup: link("/dev/zero", "b/z.txt"),
			stderr: "DIR/b/z.txt: a symbolic link to /dev/zero, outside DIR/b: not read"},
		{name: "link to a file outside", files: good, args: imp, setup: link(secret, "b/h.txt"),
			stderr: "DIR/b/h.txt: a symbolic link to " + secret + ", outside DIR/b"},
		{name: "relative link outside", files: with(map[string]string{"b/h.txt": "x", "secret.ann": "T1\tX 0 1\tx\n"}), args: imp, setup: link("../secret.ann", "b/h.ann"),
			stderr: "DIR/b/h.ann: a symbolic link to DIR/secret.ann, outside DIR/b"},
		{name: "ann linked outside", files: with(map[string]string{"b/c.txt": "x"}), args: imp, setup: link(secret, "b/c.ann"),
			stderr: "DIR/b/c.ann: a symbolic link to " + secret},
		{name: "FIFO", files: good, args: imp, setup: fifo("b/c.txt"),
			stderr: "DIR/b/c.txt: a FIFO (named pipe), not a regular file: not read"},
		{name: "link to a FIFO inside", files: good, args: imp, setup: func(t *testing.T, dir string) {
			fifo("b/pipe")(t, dir)
			link("pipe", "b/p.txt")(t, dir)
		}, stderr: "DIR/b/p.txt: a FIFO (named pipe), not a regular file"},
		{name: "folder named .txt", files: good, args: imp, setup: func(t *testing.T, dir string) {
			os.Mkdir(filepath.Join(dir, "b", "d.txt"), 0o755)
		}, stderr: "DIR/b/d.txt: a folder, not a regular file"},
		{name: "text over --max-line", files: with(map[string]string{"b/big.txt": strings.Repeat("x", 3000)}),
			args: []string{"import", "--from", "brat", "--max-line", "2KiB", "-o", "DIR/out.jsonl", "DIR/b"}, stderr: "DIR/b/big.txt: the file (2.9 KiB) is longer than 2 KiB, the --max-line limit"},
		{name: "negative offset", files: map[string]string{"b/a.txt": "Ana said\n", "b/a.ann": "T1\tACTOR -1 3\tAna\n"}, args: imp,
			stderr: "DIR/b/a.ann:1: T1: offsets [-1,3): an offset is negative"},
		{name: "reversed offsets", files: map[string]string{"b/a.txt": "Ana said\n", "b/a.ann": "T1\tACTOR 3 1\tAna\n"}, args: imp,
			stderr: "DIR/b/a.ann:1: T1: offsets [3,1): the start is not before the end"},
		{name: "past the end", files: map[string]string{"b/a.txt": "Ana said\n", "b/a.ann": "T1\tACTOR 3 99\tAna\n"}, args: imp,
			stderr: "DIR/b/a.ann:1: T1: offsets [3,99) past the end of the text (9 code points in a.txt)"},
		{name: "text-dir link outside", files: map[string]string{"b/a.ann": "T1\tACTOR 0 3\tAna\n", "t/x": ""},
			args: []string{"import", "--from", "brat", "--text-dir", "DIR/t", "-o", "DIR/out.jsonl", "DIR/b"}, setup: link(secret, "t/a.txt"),
			stderr: "DIR/t/a.txt: a symbolic link to " + secret + ", outside DIR/t"},
	})
	// A link that stays inside the folder is read as the file it names.
	dir := t.TempDir()
	for name, content := range map[string]string{"a.txt": "Ana said\n", "a.ann": "T1\tACTOR 0 3\tAna\n"} {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
	}
	os.Symlink("a.txt", filepath.Join(dir, "same.txt"))
	if code, out, errOut := runMain("", "import", "--from", "brat", dir); code != 0 || !strings.Contains(out, `"id":"same"`) {
		t.Errorf("a link inside the folder: status %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// TestBratStar: gloss import --from brat DIR/* names annotation.conf and
// each document's .txt beside its .ann: the configuration is skipped with
// a note and each document read once.
func TestBratStar(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"a.txt": "Ana said\n", "a.ann": "T1\tACTOR 0 3\tAna\n", "b.txt": "Bo\n", "annotation.conf": "[entities]\nACTOR\n", "visual.conf": ""} {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, from := range [][]string{{"--from", "brat"}, nil} {
		args := append(append([]string{"import"}, from...), names...)
		code, out, errOut := runMain("", args...)
		if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, `"id":"a"`) || !strings.Contains(out, `"id":"b"`) {
			t.Errorf("%v: status %d, stdout %q, stderr %q", from, code, out, errOut)
		}
		if want := filepath.Join(dir, "annotation.conf") + ": skipped: a brat configuration file"; !strings.Contains(errOut, want) {
			t.Errorf("stderr %q, want %q", errOut, want)
		}
	}
}

// TestLongIDToBrat: a document id too long for a file name is written
// under a shortened name (with a hash, and a note), instead of failing
// with the temporary folder's path.
func TestLongIDToBrat(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", 300)
	in := filepath.Join(dir, "n.jsonl")
	os.WriteFile(in, []byte(`{"id":"`+long+`","text":"Ana"}`+"\n"+`{"id":"`+long+`y","text":"Bo"}`+"\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, errOut := runMain("", "export", "--to", "brat", "-o", out, in)
	if code != 0 || !strings.Contains(errOut, "file names cannot hold every id") {
		t.Fatalf("status %d, stderr %q", code, errOut)
	}
	entries, _ := os.ReadDir(out)
	var txts int
	for _, e := range entries {
		if len(e.Name()) > 255 {
			t.Errorf("file name of %d bytes", len(e.Name()))
		}
		if strings.HasSuffix(e.Name(), ".txt") {
			txts++
		}
	}
	if txts != 2 {
		t.Errorf("%d texts written, want 2: %v", txts, entries)
	}
}

// TestValidateCap: a file that is not JSONL at all gets its first problems
// listed and a count, not a line per bad line.
func TestValidateCap(t *testing.T) {
	path := writeTemp(t, "junk.jsonl", strings.Repeat("\x00binary junk\n", 5000))
	code, out, errOut := runMain("", "validate", path)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 1 || len(lines) != maxListed+1 || !strings.Contains(errOut, "5000 problem(s)") {
		t.Fatalf("status %d, %d lines, stderr %q", code, len(lines), errOut)
	}
	if want := path + ": and 4900 more problem(s) not listed"; !strings.HasPrefix(lines[maxListed], want) {
		t.Errorf("last line %q, want %q", lines[maxListed], want)
	}
}

// TestMaxLineFlag: a document over --max-line (64 MiB by default) stops
// import, export and validate with FILE:LINE and the limit, writing
// nothing; a bad size is a usage error.
func TestMaxLineFlag(t *testing.T) {
	long := `{"id":"b","text":"` + strings.Repeat("x", 5000) + `"}` + "\n"
	files := map[string]string{"n.jsonl": `{"id":"a","text":"Ana"}` + "\n" + long}
	runHostile(t, []hostileCase{
		{name: "export", files: files, args: []string{"export", "--to", "doccano", "--max-line", "4KiB", "-o", "DIR/out.jsonl", "DIR/n.jsonl"},
			stderr: "DIR/n.jsonl:2: the line is longer than 4 KiB, the --max-line limit"},
		{name: "export to stdout", files: files, args: []string{"export", "--to", "conll", "--max-line", "4KiB", "DIR/n.jsonl"},
			stderr: "DIR/n.jsonl:2: the line is longer than 4 KiB"},
		{name: "import", files: files, args: []string{"import", "--max-line", "4096", "-o", "DIR/out.jsonl", "DIR/n.jsonl"},
			stderr: "raise the limit, as in --max-line 16KiB"},
	})
	path := writeTemp(t, "n.jsonl", files["n.jsonl"])
	if code, out, _ := runMain("", "validate", "--max-line", "4KiB", path); code != 1 || !strings.HasPrefix(out, path+":2: the line is longer") {
		t.Errorf("validate: status %d, stdout %q", code, out)
	}
	if code, _, _ := runMain("", "validate", path); code != 0 {
		t.Errorf("validate under the default limit: status %d", code)
	}
	if code, _, errOut := runMain("", "export", "--to", "conll", "--max-line", "lots", path); code != exitUsage || !strings.Contains(errOut, `size "lots"`) {
		t.Errorf("bad size: status %d, stderr %q", code, errOut)
	}
}
