package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/assets"
)

// run runs the command line with stdin and returns stdout, stderr and the
// exit status.
func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut})
	return out.String(), errOut.String(), code
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestVersionAndUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{"version"}, 0, "gloss " + Version + "\n", ""},
		{[]string{"version", "x"}, 2, "", "takes no arguments"},
		{[]string{"help"}, 0, "gloss validate [--labels FILE] FILE...", ""},
		{[]string{"validate"}, 2, "", "name at least one FILE"},
		{[]string{"validate", "--nope", "x"}, 2, "", "flag provided but not defined: -nope"},
		{[]string{"export", "x.jsonl"}, 2, "", "--to FORMAT is required"},
		{[]string{"export", "--to", "nope", "x.jsonl"}, 2, "", `unknown format "nope"`},
		{[]string{"import", "--offsets", "bytes", "x.txt"}, 2, "", "--offsets is codepoints or utf16"},
		{[]string{"--labels", "/no/such/labels.toml"}, 1, "", "no such file"},
		{[]string{"x.txt"}, 1, "", "this build has no desktop app"},
	}
	for _, tt := range tests {
		out, errOut, code := run(t, "", tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) || !strings.Contains(errOut, tt.err) {
			t.Errorf("gloss %v: code %d, stdout %q, stderr %q; want %d, %q, %q", tt.args, code, out, errOut, tt.code, tt.out, tt.err)
		}
	}
}

func TestAppOptions(t *testing.T) {
	var got AppOptions
	env := Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, OpenApp: func(o AppOptions) error { got = o; return nil }}
	if code := Main([]string{"a.txt", "--annotator", "ana", "-o", "out.jsonl", "b.txt"}, env); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if got.Annotator != "ana" || got.Out != "out.jsonl" || strings.Join(got.Files, ",") != "a.txt,b.txt" || got.Labels == nil {
		t.Errorf("options %+v", got)
	}
}

func TestValidate(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "good.jsonl",
		`{"id":"a","text":"Akar 😀 said “no”","spans":[{"id":"s1","start":0,"end":4,"label":"ACTOR","text":"Akar"},{"id":"s2","start":13,"end":15,"label":"QUOTE"}],"relations":[{"id":"r","label":"SAID_BY","from":"s2","to":"s1"}]}`+"\n")
	bad := writeFile(t, dir, "bad.jsonl", strings.Join([]string{
		`{"id":"a","text":"Akar said no","spans":[{"start":0,"end":4,"label":"ACTOR","text":"Akr"}]}`,
		`{"id":"b","text":"x"`,
		``,
		`{"id":"a","text":"Akar","spans":[{"start":0,"end":9,"label":"PERSON"}]}`,
	}, "\n"))
	out, errOut, code := run(t, "", "validate", good)
	if code != 0 || out != "" || !strings.Contains(errOut, "1 document(s), no problems") {
		t.Fatalf("good file: %d %q %q", code, out, errOut)
	}
	out, errOut, code = run(t, "", "validate", good, bad)
	want := []string{
		bad + `:1: span 1 (id ` + "",
		bad + `:2: column 21: unexpected end of line in an object`,
		bad + `:4: document id "a" already used on line 1`,
		bad + `:4: span 1 (id `,
		bad + `:4: span 1 (id `,
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 1 || len(lines) != len(want) {
		t.Fatalf("bad file: exit %d, %d lines:\n%s\n%s", code, len(lines), out, errOut)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want prefix %q", i, lines[i], w)
		}
	}
	for _, msg := range []string{`does not match`, `out of range`, `unknown label "PERSON"`} {
		if !strings.Contains(out, msg) {
			t.Errorf("output lacks %q:\n%s", msg, out)
		}
	}
	// A custom label set makes PERSON known.
	labels := writeFile(t, dir, "labels.toml", "[[label]]\nname = \"PERSON\"\n")
	one := writeFile(t, dir, "one.jsonl", `{"text":"Akar","spans":[{"start":0,"end":4,"label":"PERSON"}]}`)
	if out, _, code := run(t, "", "validate", "--labels", labels, one); code != 0 {
		t.Errorf("custom labels: exit %d\n%s", code, out)
	}
}

func TestImportText(t *testing.T) {
	dir := t.TempDir()
	crlf := "Akar said:\r\n“we stay” 😀\r\n\r\ntrailing  junk  \r\n"
	in := writeFile(t, dir, "crlf-doc.txt", crlf)
	sample := writeFile(t, dir, assets.SampleName, string(assets.Sample))
	out, errOut, code := run(t, "", "import", "--from", "text", in, sample)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], `{"id":"crlf-doc","text":"Akar said:\r\n“we stay” 😀\r\n\r\ntrailing  junk  \r\n",`) ||
		!strings.HasPrefix(lines[1], `{"id":"russia-turkey-libya","text":"Russia fails`) {
		t.Fatalf("output:\n%s", out)
	}
	// Detected from the extension, said on stderr; the text survives byte
	// for byte through import and export back to text.
	nat := filepath.Join(dir, "out.jsonl")
	if _, errOut, code := run(t, "", "import", "-o", nat, sample); code != 0 || !strings.Contains(errOut, "reading as text") {
		t.Fatalf("detect: %d %q", code, errOut)
	}
	back, _, code := run(t, "", "export", "--to", "text", nat)
	if code != 0 || back != string(assets.Sample) {
		t.Fatalf("text did not survive byte for byte (exit %d)", code)
	}
}

func TestImportRejectsNonUTF8AndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	latin1 := writeFile(t, dir, "latin1.txt", "first line\nCa\xe7a va\n")
	outPath := writeFile(t, dir, "out.jsonl", "precious old work\n")
	_, errOut, code := run(t, "", "import", "--from", "text", "-o", outPath, latin1)
	if code != 1 || !strings.Contains(errOut, latin1+":2: not UTF-8: invalid byte 0xe7 at column 3") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if got, _ := os.ReadFile(outPath); string(got) != "precious old work\n" {
		t.Fatalf("output file changed: %q", got)
	}
	out, _, code := run(t, "", "import", "--from", "text", latin1)
	if code != 1 || out != "" {
		t.Fatalf("stdout got %q on failure", out)
	}
}

func TestExportJSONLCheckesInput(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.jsonl", "{\"id\":\"b\",\"text\":\"x y\",\"spans\":[{\"start\":2,\"end\":3,\"label\":\"ACTOR\"},{\"start\":0,\"end\":1,\"label\":\"CLAIM\"}]}\n")
	out, _, code := run(t, "", "export", "--to", "jsonl", in)
	if code != 0 || !strings.Contains(out, `"spans":[{"id":"`) || strings.Index(out, `"CLAIM"`) > strings.Index(out, `"ACTOR"`) {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	bad := writeFile(t, dir, "bad.jsonl", "{\"text\":\"x\",\"spans\":[{\"start\":0,\"end\":5,\"label\":\"ACTOR\"}]}\n")
	out, errOut, code := run(t, "", "export", "--to", "jsonl", in, bad)
	if code != 1 || out != "" || !strings.Contains(errOut, bad+":1: span 1") {
		t.Fatalf("bad input: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
