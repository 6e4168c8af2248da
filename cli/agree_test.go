package cli

import (
	"bytes"
	"encoding/json"

	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"gloss/annotate"
	"gloss/annotate/agree"
	"gloss/annotate/annotatetest"
	"gloss/assets"
	"gloss/export"
)

// agreeRun runs the command line with buffers and returns its status,
// stdout and stderr.
func agreeRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	status := Main(args, Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb})
	return status, out.String(), errb.String()
}

// agreeMark is a span given by the text it covers.
type agreeMark struct {
	sub   string
	nth   int
	label string
}

// agreeDoc builds a document with spans found by their text, and SAID_BY
// relations between the spans at the index pairs rels.
func agreeDoc(t *testing.T, id, text, annotator string, marks []agreeMark, rels ...[2]int) *annotate.Document {
	t.Helper()
	d := &annotate.Document{ID: id, Text: text, Annotator: annotator}
	for _, m := range marks {
		s, e := annotatetest.Find(t, text, m.sub, m.nth)
		d.Spans = append(d.Spans, annotate.Span{
			// Ids differ from file to file, as when people annotate.
			ID:    annotate.SpanID(annotator+id, s, e, m.label),
			Start: s, End: e, Label: m.label, Text: d.Slice(s, e),
			Annotator: annotator, Created: "2026-11-26T10:00:00Z",
		})
	}
	for _, r := range rels {
		from, to := d.Spans[r[0]].ID, d.Spans[r[1]].ID
		d.Relations = append(d.Relations, annotate.Relation{ID: annotate.RelationID(from, to, "SAID_BY"), Label: "SAID_BY", From: from, To: to})
	}
	return d
}

const agreeShort = "Çavusoglu 😀 said:\r\n“we stay” — 北京 agrees."

// agreeCorpus writes three annotators' files for the sample article and a
// short CRLF/emoji document, and returns their paths. ana and ben differ
// in known ways; cat agrees with ana except for one ACTOR.
func agreeCorpus(t *testing.T, dir string) []string {
	t.Helper()
	sample := string(assets.Sample)
	const quote = "the jobs continue. The date of the meeting of the Foreign and Defence ministers of the two countries agreed in addition"
	const ministry = "The foreign ministry of russia"
	ana := []*annotate.Document{
		agreeDoc(t, "sample", sample, "ana", []agreeMark{
			{"Russia", 0, "ACTOR"}, {"Turkey", 0, "ACTOR"}, {"Vladimir Putin", 0, "ACTOR"},
			{ministry, 0, "ACTOR"}, {quote, 0, "QUOTE"},
		}, [2]int{4, 3}),
		agreeDoc(t, "short", agreeShort, "ana", []agreeMark{{"Çavusoglu", 0, "ACTOR"}, {"we stay", 0, "QUOTE"}}, [2]int{1, 0}),
	}
	ben := []*annotate.Document{
		agreeDoc(t, "sample", sample, "ben", []agreeMark{
			{"Russia", 0, "ACTOR"}, {"The Russian president, Vladimir Putin", 0, "ACTOR"},
			{ministry, 0, "ACTOR"}, {quote, 0, "QUOTE"}, {"Recep Tayyip Erdogan", 0, "ACTOR"},
		}, [2]int{3, 2}),
		agreeDoc(t, "short", agreeShort, "ben", []agreeMark{{"Çavusoglu 😀", 0, "ACTOR"}, {"we stay", 0, "QUOTE"}}, [2]int{1, 0}),
	}
	cat := []*annotate.Document{
		agreeDoc(t, "sample", sample, "cat", []agreeMark{
			{"Russia", 0, "ACTOR"}, {"Turkey", 0, "ACTOR"}, {"Vladimir Putin", 0, "ACTOR"},
			{ministry, 0, "ACTOR"}, {quote, 0, "QUOTE"}, {"Sergey Lavrov", 0, "ACTOR"},
		}, [2]int{4, 3}),
		agreeDoc(t, "short", agreeShort, "cat", []agreeMark{{"Çavusoglu", 0, "ACTOR"}, {"北京", 0, "ACTOR"}, {"we stay", 0, "QUOTE"}}, [2]int{2, 0}),
	}
	var paths []string
	for name, docs := range map[string][]*annotate.Document{"ana.jsonl": ana, "ben.jsonl": ben, "cat.jsonl": cat} {
		p := filepath.Join(dir, name)
		if err := export.SaveNative(p, docs...); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// agreeJSON is the --json report as parsed back.
type agreeJSON struct {
	Files     []string `json:"files"`
	Documents int      `json:"documents"`
	Labels    map[string]struct {
		Spans []int `json:"spans"`
		agree.Measures
	} `json:"labels"`
	Overall agree.Measures `json:"overall"`
	Skipped struct {
		TextDiffers []string `json:"text_differs"`
		Missing     []string `json:"missing"`
	} `json:"skipped"`
	Lowest []struct {
		ID      string  `json:"id"`
		F1Exact float64 `json:"f1_exact"`
	} `json:"lowest"`
}

func agreeNear(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestAgreeJSON(t *testing.T) {
	paths := agreeCorpus(t, t.TempDir())
	status, out, errOut := agreeRun(t, "agree", "--json", paths[0], paths[1])
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var r agreeJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(r.Files) != 2 || r.Files[0] != paths[0] || r.Documents != 2 {
		t.Fatalf("files %v documents %d", r.Files, r.Documents)
	}
	actor := r.Labels["ACTOR"]
	// ana: 4 + 1 ACTOR spans, ben: 4 + 1. Exact: Russia, ministry (2);
	// overlapping: also Putin and Çavusoglu (4).
	if actor.Spans[0] != 5 || actor.Spans[1] != 5 {
		t.Errorf("ACTOR spans %v, want [5 5]", actor.Spans)
	}
	if !agreeNear(actor.F1Exact, 2*2.0/10) || !agreeNear(actor.F1Overlap, 2*4.0/10) {
		t.Errorf("ACTOR f1 %v / %v, want 0.4 / 0.8", actor.F1Exact, actor.F1Overlap)
	}
	quote := r.Labels["QUOTE"]
	if quote.F1Exact != 1 || quote.Kappa != 1 || quote.Alpha != 1 {
		t.Errorf("QUOTE %+v, want perfect agreement", quote)
	}
	if _, ok := r.Labels["CLAIM"]; ok {
		t.Error("CLAIM, which nobody used, is reported")
	}
	// Overall f1 pools the labels: 2+2 exact of 7+7 spans.
	if !agreeNear(r.Overall.F1Exact, 2*4.0/14) || !agreeNear(r.Overall.Kappa, (actor.Kappa+quote.Kappa)/2) {
		t.Errorf("overall %+v", r.Overall)
	}
	if actor.Kappa <= 0 || actor.Kappa >= 1 || actor.Alpha <= 0 || actor.Alpha >= 1 {
		t.Errorf("ACTOR kappa %v alpha %v: partial agreement should be strictly between 0 and 1", actor.Kappa, actor.Alpha)
	}
	// The key order of DESIGN.md: labels in label-set order.
	if i, j := strings.Index(out, `"ACTOR"`), strings.Index(out, `"QUOTE"`); i < 0 || j < i {
		t.Errorf("labels out of label-set order:\n%s", out)
	}
	if len(r.Lowest) != 2 || r.Lowest[0].ID != "short" {
		t.Errorf("lowest %+v, want short first (f1_exact 0.5 against sample's)", r.Lowest)
	}
	if !strings.Contains(errOut, "2 document(s) compared") {
		t.Errorf("stderr %q", errOut)
	}
}

func TestAgreeTableThreeFiles(t *testing.T) {
	paths := agreeCorpus(t, t.TempDir())
	status, out, errOut := agreeRun(t, "agree", paths[0], paths[1], paths[2])
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	for _, want := range []string{"Files: " + strings.Join(paths, ", "), "Documents: 2 compared",
		"label", "f1_exact", "ACTOR", "QUOTE", "overall", "5 / 5 / 7", "7 / 7 / 9", "Least agreement (by f1_exact over spans and relations", "SAID_BY   2 / 2 / 2"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	// Columns line up: every row of the table is as wide as the header.
	lines := strings.Split(out, "\n")
	var width int
	for _, l := range lines {
		if strings.Contains(l, "label  ") || strings.Contains(l, "overall  ") || strings.Contains(l, "ACTOR  ") {
			w := utf8.RuneCountInString(l)
			if width == 0 {
				width = w
			} else if w != width {
				t.Errorf("row %q is %d wide, header %d", l, w, width)
			}
		}
	}
}

// TestAgreeOutOfOrder checks that files whose ids are not in the same
// order (the fallback by id) give the same figures as aligned ones, and
// that documents missing from a file or whose text differs are named and
// left out.
func TestAgreeOutOfOrder(t *testing.T) {
	dir := t.TempDir()
	paths := agreeCorpus(t, dir)
	_, aligned, _ := agreeRun(t, "agree", "--json", paths[0], paths[1])

	ben, err := readNativeFile(paths[1])
	if err != nil {
		t.Fatal(err)
	}
	ana, err := readNativeFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	extra := &annotate.Document{ID: "only-ben", Text: "x"}
	changed := &annotate.Document{ID: "changed", Text: "one text"}
	changed2 := &annotate.Document{ID: "changed", Text: "another text"}
	reordered := filepath.Join(dir, "ben2.jsonl")
	if err := export.SaveNative(reordered, ben[1], extra, changed2, ben[0]); err != nil {
		t.Fatal(err)
	}
	ana2 := filepath.Join(dir, "ana2.jsonl")
	if err := export.SaveNative(ana2, ana[0], changed, ana[1]); err != nil {
		t.Fatal(err)
	}
	status, out, errOut := agreeRun(t, "agree", "--json", ana2, reordered)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var a, b agreeJSON
	if err := json.Unmarshal([]byte(aligned), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	if b.Documents != 2 || a.Overall != b.Overall || a.Labels["ACTOR"].Measures != b.Labels["ACTOR"].Measures {
		t.Errorf("aligned %+v\nreordered %+v", a, b)
	}
	if len(b.Skipped.TextDiffers) != 1 || b.Skipped.TextDiffers[0] != "changed" ||
		len(b.Skipped.Missing) != 1 || b.Skipped.Missing[0] != "only-ben" {
		t.Errorf("skipped %+v", b.Skipped)
	}
	for _, want := range []string{`"changed": its text differs`, `"only-ben": not in ` + ana2, "2 left out (1 with different texts, 1 not in every file)"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func readNativeFile(path string) ([]*annotate.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return export.ReadAll(export.NewNativeReader(f, path, export.Options{}))
}

func TestMergeEndToEnd(t *testing.T) {
	dir := t.TempDir()
	paths := agreeCorpus(t, dir)
	orders := [][]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
	var first []byte
	for _, o := range orders {
		out := filepath.Join(dir, "gold.jsonl")
		status, _, errOut := agreeRun(t, "merge", "-o", out, paths[o[0]], paths[o[1]], paths[o[2]])
		if status != 0 {
			t.Fatalf("status %d: %s", status, errOut)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = data
		} else if !bytes.Equal(first, data) {
			t.Fatalf("order %v gives different bytes:\n%s\n%s", o, first, data)
		}
	}
	gold, err := readNativeFile(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 2 || gold[0].ID != "sample" || gold[1].ID != "short" {
		t.Fatalf("gold documents %v", gold)
	}
	// Majority of 3: ana and cat agree on 5 sample spans; Erdogan (ben),
	// Lavrov (cat) and ben's longer Putin are in one file each.
	var got []string
	for _, s := range gold[0].Spans {
		got = append(got, s.Label+":"+s.Text)
		if s.Created != "" || s.ID != annotate.SpanID("sample", s.Start, s.End, s.Label) {
			t.Errorf("span %+v: not name-based or timestamped", s)
		}
	}
	want := "ACTOR:Russia ACTOR:Turkey ACTOR:Vladimir Putin ACTOR:The foreign ministry of russia QUOTE:the jobs"
	if strings.Join(got, " ")[:len(want)] != want {
		t.Errorf("gold spans %v", got)
	}
	if len(gold[0].Spans) != 5 || len(gold[0].Relations) != 1 || gold[0].Annotator != "gold" {
		t.Errorf("gold: %d spans, %d relations, annotator %q", len(gold[0].Spans), len(gold[0].Relations), gold[0].Annotator)
	}
	// short: Çavusoglu (ana, cat) and the quote (all) survive; the quote's
	// SAID_BY Çavusoglu is in ana and cat.
	if len(gold[1].Spans) != 2 || len(gold[1].Relations) != 1 {
		t.Errorf("short gold: %+v", gold[1])
	}
	// --min-agree 1 keeps everything anyone marked: 7 distinct ACTOR spans
	// in sample, 3 in short.
	status, out, _ := agreeRun(t, "merge", "--min-agree", "1", paths[0], paths[1], paths[2])
	if status != 0 || strings.Count(out, `"label":"ACTOR"`) != 7+3 {
		t.Errorf("--min-agree 1: status %d, %d ACTOR spans:\n%s", status, strings.Count(out, `"label":"ACTOR"`), out)
	}
}

func TestAgreeMergeBadInput(t *testing.T) {
	dir := t.TempDir()
	paths := agreeCorpus(t, dir)
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.jsonl", `{"id":"d","text":"ab cd","spans":[{"start":0,"end":2,"label":"ACTOR"}]}`+"\n")
	unknown := write("unknown.jsonl", `{"id":"d","text":"ab cd","spans":[{"start":0,"end":2,"label":"PERSON"}]}`+"\n")
	offsets := write("offsets.jsonl", "\n"+`{"id":"d","text":"ab cd","spans":[{"start":3,"end":9,"label":"ACTOR"}]}`+"\n")
	empty := write("empty.jsonl", "\n")
	broken := write("broken.jsonl", `{"id":"d","text":"ab cd"`+"\n")
	dup := write("dup.jsonl", `{"id":"d","text":"ab cd"}`+"\n"+`{"id":"d","text":"ab cd"}`+"\n")
	other := write("other.jsonl", `{"id":"e","text":"ab cd"}`+"\n")
	labels := write("labels.toml", "[[label]]\nname = \"PERSON\"\n[[label]]\nname = \"ACTOR\"\n")

	tests := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"unknown label", []string{unknown, good}, 1, unknown + `:1: span 1 (id `},
		{"unknown label named", []string{unknown, good}, 1, `unknown label "PERSON"`},
		{"labels file allows it", []string{"--labels", labels, unknown, good}, 0, "1 document(s)"},
		{"offsets", []string{good, offsets}, 1, offsets + ":2: span 1"},
		{"empty file", []string{good, empty}, 1, empty + ": no documents"},
		{"broken JSON", []string{good, broken}, 1, broken + ":1: "},
		{"duplicate id", []string{good, dup}, 1, dup + `:2: document id "d" already used on line 1`},
		{"nothing in common", []string{good, other}, 1, "no document is in every file"},
		{"missing file", []string{good, filepath.Join(dir, "nope.jsonl")}, 1, "nope.jsonl"},
		{"a folder", []string{good, dir}, 1, dir},
		{"stdin twice", []string{"-", "-"}, 1, "only once"},
		{"one file", []string{good}, 2, "at least two"},
		{"bad labels file", []string{"--labels", good, good, good}, 1, "good.jsonl"},
	}
	for _, cmd := range []string{"agree", "merge"} {
		for _, tt := range tests {
			out := filepath.Join(dir, "out-"+cmd+".jsonl")
			args := append([]string{cmd}, tt.args...)
			if cmd == "merge" {
				args = append(args, "-o", out)
			}
			status, stdout, stderr := agreeRun(t, args...)
			if status != tt.status || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("%s %s: status %d, stderr %q; want %d and %q", cmd, tt.name, status, stderr, tt.status, tt.stderr)
			}
			_, statErr := os.Stat(out)
			if status != 0 && (stdout != "" || statErr == nil) {
				t.Errorf("%s %s: output written on error (stdout %q, file exists %v)", cmd, tt.name, stdout, statErr == nil)
			}
			os.Remove(out)
		}
	}
	// A failed merge leaves an existing gold file whole.
	gold := write("gold.jsonl", "precious\n")
	if status, _, _ := agreeRun(t, "merge", "-o", gold, good, offsets); status != 1 {
		t.Fatalf("status %d", status)
	}
	if data, _ := os.ReadFile(gold); string(data) != "precious\n" {
		t.Errorf("gold file overwritten: %q", data)
	}
	for _, args := range [][]string{
		{"merge", "--min-agree", "4", paths[0], paths[1], paths[2]},
		{"merge", "--min-agree", "-1", paths[0], paths[1]},
		{"agree", "--nope", paths[0], paths[1]},
	} {
		if status, _, _ := agreeRun(t, args...); status != 2 {
			t.Errorf("%v: status %d, want 2", args, status)
		}
	}
}

// TestAgreeLowest checks that the report names the five least agreed
// documents, least first, and that a file agrees perfectly with itself.
func TestAgreeLowest(t *testing.T) {
	dir := t.TempDir()
	var a, b []*annotate.Document
	// Document i: ana marks 6 words, ben the first i of them, so
	// f1_exact = 2i/(6+i) grows with i.
	const text = "one two three four five six"
	words := strings.Fields(text)
	for i := range 7 {
		var ma, mb []agreeMark
		for k, w := range words {
			ma = append(ma, agreeMark{w, 0, "CLAIM"})
			if k < i {
				mb = append(mb, agreeMark{w, 0, "CLAIM"})
			}
		}
		id := "doc-" + string(rune('a'+6-i)) // ids run against the order of agreement
		a = append(a, agreeDoc(t, id, text, "ana", ma))
		b = append(b, agreeDoc(t, id, text, "ben", mb))
	}
	pa, pb := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	if err := export.SaveNative(pa, a...); err != nil {
		t.Fatal(err)
	}
	if err := export.SaveNative(pb, b...); err != nil {
		t.Fatal(err)
	}
	_, out, errOut := agreeRun(t, "agree", "--json", pa, pb)
	var r agreeJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, errOut)
	}
	var ids []string
	for k, l := range r.Lowest {
		ids = append(ids, l.ID)
		if i := float64(k); !agreeNear(l.F1Exact, 2*i/(6+i)) {
			t.Errorf("lowest %d: f1_exact %v, want %v", k, l.F1Exact, 2*i/(6+i))
		}
	}
	if strings.Join(ids, " ") != "doc-g doc-f doc-e doc-d doc-c" {
		t.Errorf("lowest %v", ids)
	}
	_, out, _ = agreeRun(t, "agree", "--json", pa, pa)
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Overall != (agree.Measures{F1Exact: 1, F1Overlap: 1, Kappa: 1, Alpha: 1}) {
		t.Errorf("a file against itself: %+v", r.Overall)
	}
}
