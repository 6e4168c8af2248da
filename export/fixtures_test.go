package export

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// fixture returns the path of rel in the shared folder of real files from
// rivals' repositories (../shared/fixtures beside the repository): they are
// read from there, never copied. Without ../shared the test is skipped.
func fixture(t *testing.T, rel string) string {
	t.Helper()
	return annotatetest.Shared(t, "fixtures/"+rel)
}

// warnings returns options whose warnings are collected.
func warnings() (Options, *[]string) {
	var got []string
	return Options{Warn: func(m string) { got = append(got, m) }}, &got
}

func readFile(t *testing.T, format, path string, opt Options) ([]*annotate.Document, error) {
	t.Helper()
	f := Lookup(format)
	if f.OpenPath != nil {
		r, err := f.OpenPath(path, opt)
		if err != nil {
			t.Fatal(err)
		}
		return ReadAll(r)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ReadAll(f.NewReader(strings.NewReader(string(data)), path, opt))
}

var bratLine = regexp.MustCompile(`^(T\d+)\t(\S+) (\d+) (\d+)\t(.*)$`)

// TestBratFixtures reads every pair of brat's news tutorial and checks each
// T line against the span Gloss made of it, to the code point, each R line
// against a relation, each note on a T line, and that every line Gloss
// cannot keep is counted in a warning.
func TestBratFixtures(t *testing.T) {
	folder := fixture(t, "brat-news")
	anns, _ := filepath.Glob(filepath.Join(folder, "*.ann"))
	if len(anns) < 10 {
		t.Fatalf("found %d .ann fixtures, want the brat news tutorial", len(anns))
	}
	for _, ann := range anns {
		t.Run(filepath.Base(ann), func(t *testing.T) {
			for _, path := range []string{ann, strings.TrimSuffix(ann, ".ann") + ".txt"} {
				if f, err := DetectPath(path); err != nil || f.Name != "brat" {
					t.Errorf("DetectPath(%s) = %v, %v", path, f, err)
				}
			}
			opt, warned := warnings()
			docs, err := readFile(t, "brat", ann, opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 {
				t.Fatalf("%d documents, want 1", len(docs))
			}
			d := docs[0]
			if ps := annotate.Validate(d, nil); len(ps) > 0 {
				t.Fatalf("invalid: %v", ps)
			}
			raw, _ := os.ReadFile(ann)
			spanOf := map[string]annotate.Span{}
			counts := map[byte]int{}
			for line := range strings.SplitSeq(string(raw), "\n") {
				if line == "" {
					continue
				}
				counts[line[0]]++
				m := bratLine.FindStringSubmatch(line)
				if m == nil {
					continue
				}
				start, _ := strconv.Atoi(m[3])
				end, _ := strconv.Atoi(m[4])
				i := findSpan(d, start, end, m[2])
				if i < 0 {
					t.Errorf("%s: no span [%d,%d) %s", m[1], start, end, m[2])
					continue
				}
				if got := d.Spans[i].Text; got != m[5] {
					t.Errorf("%s: span text %q, the .ann says %q", m[1], got, m[5])
				}
				if got := d.Slice(start, end); got != m[5] {
					t.Errorf("%s: text at [%d,%d) is %q, the .ann says %q", m[1], start, end, got, m[5])
				}
				spanOf[m[1]] = d.Spans[i]
			}
			rels := 0
			for line := range strings.SplitSeq(string(raw), "\n") {
				f := strings.Fields(line)
				switch {
				case len(f) == 4 && line[0] == 'R':
					from, to := spanOf[strings.TrimPrefix(f[2], "Arg1:")], spanOf[strings.TrimPrefix(f[3], "Arg2:")]
					if !hasRelation(d, f[1], from.ID, to.ID) {
						t.Errorf("%s: no relation %s from %q to %q", f[0], f[1], from.Text, to.Text)
					}
					rels++
				case len(f) >= 3 && line[0] == '#' && f[2][0] == 'T':
					note := strings.SplitN(line, "\t", 3)[2]
					if s := spanOf[f[2]]; s.Note != note {
						t.Errorf("%s: note %q, want %q", f[0], s.Note, note)
					}
				}
			}
			if len(d.Relations) != rels {
				t.Errorf("%d relations, the file has %d R lines", len(d.Relations), rels)
			}
			all := strings.Join(*warned, "\n")
			for kind, name := range map[byte]string{'A': "A (attribute)", 'E': "E (event", '*': "* (equivalence)", 'N': "N (normalisation)"} {
				if n := counts[kind]; n > 0 && !strings.Contains(all, fmt.Sprintf("%d %s", n, name)) {
					t.Errorf("%d %c lines not reported; warnings: %q", n, kind, all)
				}
			}
		})
	}
	// The whole folder at once.
	docs, err := readFile(t, "brat", folder, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(anns) {
		t.Errorf("folder gave %d documents, want %d", len(docs), len(anns))
	}
}

func findSpan(d *annotate.Document, start, end int, label string) int {
	for i, s := range d.Spans {
		if s.Start == start && s.End == end && s.Label == label {
			return i
		}
	}
	return -1
}

func hasRelation(d *annotate.Document, label, from, to string) bool {
	for _, r := range d.Relations {
		if r.Label == label && r.From == from && r.To == to {
			return true
		}
	}
	return false
}

type wantSpan struct {
	start, end int
	label      string
}

func spansOf(d *annotate.Document) []wantSpan {
	var out []wantSpan
	for _, s := range d.Spans {
		out = append(out, wantSpan{s.Start, s.End, s.Label})
	}
	return out
}

func TestDoccanoFixtures(t *testing.T) {
	tests := []struct {
		file, format string
		texts        []string
		spans        [][]wantSpan
		meta         []string
		relations    []int
		err          string // the error after the documents, "" for none
		warn         string
	}{
		{
			file: "export-sequence_labeling-example.jsonl", format: "doccano",
			texts: []string{"EU rejects German call to boycott British lamb.", "Peter Blackburn", "President Obama"},
			spans: [][]wantSpan{{{0, 2, "ORG"}, {11, 17, "MISC"}}, {{0, 15, "PERSON"}}, {{10, 15, "PERSON"}}},
		},
		{
			file: "sequence_labeling-example.jsonl", format: "doccano",
			texts: []string{"exampleA", "exampleB"},
			spans: [][]wantSpan{{{0, 1, "LOC"}}, nil},
			meta:  []string{`{"wikiPageID":1}`, `{"wikiPageID":2}`},
			err:   `sequence_labeling-example.jsonl:3: missing "text"`,
		},
		{
			file: "sequence_labeling-example_overlapping.jsonl", format: "doccano",
			texts: []string{"exampleA"},
			spans: [][]wantSpan{{{0, 1, "LOC"}}},
			warn:  "dropped 1 duplicate span",
		},
		{
			file: "relation_extraction-example.jsonl", format: "doccano-rel",
			texts:     []string{"Google was founded on September 4, 1998, by Larry Page and Sergey Brin."},
			spans:     [][]wantSpan{{{0, 6, "ORG"}, {22, 39, "DATE"}, {44, 54, "PERSON"}, {59, 70, "PERSON"}}},
			relations: []int{3},
		},
		{
			file: "sequence_labeling-example.conll", format: "conll",
			texts: []string{"JAPAN GET", "Nadim Ladki"},
			spans: [][]wantSpan{{{0, 5, "LOC"}}, {{0, 11, "PER"}}},
			warn:  "rebuilt the text of 2 document(s)",
		},
		{
			file: "sequence_labeling-labeling.invalid.conll", format: "conll",
			err: `sequence_labeling-labeling.invalid.conll:1: bad tag "SOCCERO"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := fixture(t, "doccano/"+tt.file)
			head, _ := os.ReadFile(path)
			if f, err := Detect(path, head); err != nil || f.Name != tt.format {
				t.Errorf("Detect = %v, %v; want %s", f, err, tt.format)
			}
			opt, warned := warnings()
			docs, err := readFile(t, tt.format, path, opt)
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Fatalf("error %v, want %q", err, tt.err)
			}
			if len(docs) != len(tt.texts) {
				t.Fatalf("%d documents, want %d", len(docs), len(tt.texts))
			}
			for i, d := range docs {
				if d.Text != tt.texts[i] {
					t.Errorf("doc %d: text %q, want %q", i, d.Text, tt.texts[i])
				}
				if got := spansOf(d); fmt.Sprint(got) != fmt.Sprint(tt.spans[i]) {
					t.Errorf("doc %d: spans %v, want %v", i, got, tt.spans[i])
				}
				if tt.meta != nil && string(d.Meta) != tt.meta[i] {
					t.Errorf("doc %d: meta %s, want %s", i, d.Meta, tt.meta[i])
				}
				if tt.relations != nil && len(d.Relations) != tt.relations[i] {
					t.Errorf("doc %d: %d relations, want %d", i, len(d.Relations), tt.relations[i])
				}
				if ps := annotate.Validate(d, nil); len(ps) > 0 {
					t.Errorf("doc %d invalid: %v", i, ps)
				}
			}
			if all := strings.Join(*warned, "\n"); !strings.Contains(all, tt.warn) {
				t.Errorf("warnings %q, want one containing %q", all, tt.warn)
			}
		})
	}
}

// TestDoccanoRelationEnds checks the fixture's relations point at the right
// entities, by text.
func TestDoccanoRelationEnds(t *testing.T) {
	docs, err := readFile(t, "doccano-rel", fixture(t, "doccano/relation_extraction-example.jsonl"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	var got []string
	for _, r := range d.Relations {
		got = append(got, d.Spans[d.SpanByID(r.From)].Text+" "+r.Label+" "+d.Spans[d.SpanByID(r.To)].Text)
	}
	want := "[Google foundedAt September 4, 1998 Google foundedBy Larry Page Google foundedBy Sergey Brin]"
	if fmt.Sprint(got) != want {
		t.Errorf("relations %v, want %s", got, want)
	}
}

// TestBratErrors checks that bad .ann files are reported with file and line.
func TestBratErrors(t *testing.T) {
	text := "Olá 🌍 world"
	tests := []struct {
		name, ann, err, warn string
		spans                []wantSpan
	}{
		{name: "past the end", ann: "T1\tACTOR 0 3\tOlá\nT2\tACTOR 6 40\tworld\n", err: "x.ann:2: T2: offsets [6,40) past the end of the text (11 code points"},
		{name: "text drift", ann: "T1\tACTOR 0 3\tOla\n", err: `x.ann:1: T1: text "Ola" does not match`},
		{name: "bad offsets", ann: "T1\tACTOR zero 3\tOlá\n", err: "x.ann:1: T1: bad offsets"},
		{name: "unknown relation end", ann: "T1\tACTOR 0 3\tOlá\nR1\tSAID_BY Arg1:T1 Arg2:T9\n", err: "x.ann:2: relation to T1 or T9"},
		{name: "garbage", ann: "hello\n", err: "x.ann:1: want ID<TAB>annotation"},
		{
			name: "discontinuous", ann: "T1\tACTOR 0 3;6 11\tOlá world\n#1\tAnnotatorNotes T1\tboth\n",
			spans: []wantSpan{{0, 3, "ACTOR"}, {6, 11, "ACTOR"}}, warn: "1 discontinuous T annotation(s) became one span per fragment",
		},
		{
			name: "skipped lines", ann: "T1\tACTOR 0 3\tOlá\nA1\tNegated T1\nA2\tNegated T1\nN1\tReference T1 Wiki:1\tx\n*\tAlias T1 T1\n",
			spans: []wantSpan{{0, 3, "ACTOR"}}, warn: "skipped 1 * (equivalence), 2 A (attribute), 1 N (normalisation)",
		},
		{name: "emoji offsets", ann: "T1\tACTOR 4 5\t🌍\n", spans: []wantSpan{{4, 5, "ACTOR"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt, warned := warnings()
			d, err := ParseBrat("x.txt", []byte(text), "x.ann", []byte(tt.ann), opt)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(spansOf(d)) != fmt.Sprint(tt.spans) {
				t.Errorf("spans %v, want %v", spansOf(d), tt.spans)
			}
			if all := strings.Join(*warned, "\n"); !strings.Contains(all, tt.warn) {
				t.Errorf("warnings %q, want %q", all, tt.warn)
			}
		})
	}
}

// TestCoNLLReading covers the decisions about CoNLL input.
func TestCoNLLReading(t *testing.T) {
	tests := []struct {
		name, in, err, warn string
		texts               []string
		spans               [][]wantSpan
	}{
		{
			name: "dangling I- is read as B-", in: "# id = a\n# text = Ana said hi\nAna\tI-ACTOR\nsaid\tO\nhi\tI-QUOTE\n",
			texts: []string{"Ana said hi"}, spans: [][]wantSpan{{{0, 3, "ACTOR"}, {9, 11, "QUOTE"}}},
			warn: "x.conll:3: 2 I- tag(s) continuing no span read as B-",
		},
		{
			name: "span across a sentence break", in: "# id = a\n# text = \"Go. Now.\"\n\"\tO\nGo\tB-QUOTE\n.\tI-QUOTE\n\nNow\tI-QUOTE\n.\tI-QUOTE\n\"\tO\n",
			texts: []string{`"Go. Now."`}, spans: [][]wantSpan{{{1, 9, "QUOTE"}}},
		},
		{
			name: "nested columns", in: "# id = a\n# text = Ana: yes\nAna\tB-ACTOR\tB-QUOTE\n:\tO\tI-QUOTE\nyes\tO\tI-QUOTE\n",
			texts: []string{"Ana: yes"}, spans: [][]wantSpan{{{0, 3, "ACTOR"}, {0, 8, "QUOTE"}}},
		},
		{
			name: "text_json with CRLF", in: "# id = a\n# text_json = \"a\\r\\nb\"\na\tB-X\n\nb\tB-X\n",
			texts: []string{"a\r\nb"}, spans: [][]wantSpan{{{0, 1, "X"}, {3, 4, "X"}}},
		},
		{name: "token not in text", in: "# id = a\n# text = abc\nabc\tO\nzzz\tO\n", err: "x.conll:4: token \"zzz\" is not in the document's text"},
		{name: "column count", in: "a\tO\tO\nb\tO\n", err: "x.conll:2: 2 columns, but the document's first token line (line 1) has 3"},
		{name: "bad json", in: "# id = a\n# text_json = \"a\n", err: "x.conll:2: text_json:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt, warned := warnings()
			docs, err := ReadAll(NewCoNLLReader(strings.NewReader(tt.in), "x.conll", opt))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != len(tt.texts) {
				t.Fatalf("%d documents, want %d", len(docs), len(tt.texts))
			}
			for i, d := range docs {
				if d.Text != tt.texts[i] || fmt.Sprint(spansOf(d)) != fmt.Sprint(tt.spans[i]) {
					t.Errorf("doc %d: %q %v, want %q %v", i, d.Text, spansOf(d), tt.texts[i], tt.spans[i])
				}
			}
			if all := strings.Join(*warned, "\n"); !strings.Contains(all, tt.warn) {
				t.Errorf("warnings %q, want %q", all, tt.warn)
			}
		})
	}
}

// TestLineErrors checks that every JSON reader names the file and line of
// bad input, and reads good lines before it.
func TestLineErrors(t *testing.T) {
	good := map[string]string{
		"doccano":     `{"text":"ab","label":[[0,1,"X"]]}`,
		"doccano-rel": `{"text":"ab","entities":[{"id":1,"label":"X","start_offset":0,"end_offset":1}],"relations":[]}`,
		"prodigy":     `{"text":"ab","spans":[{"start":0,"end":1,"label":"X"}]}`,
		"labelstudio": `{"data":{"text":"ab"},"annotations":[{"result":[]}]}`,
	}
	bad := map[string][]struct{ line, err string }{
		"doccano":     {{`{"text":"ab","label":[[0,1]]}`, `want [start, end, "LABEL"]`}, {`{"text":"ab"`, "unexpected end"}, {`{"label":[]}`, `missing "text"`}},
		"doccano-rel": {{`{"text":"ab","entities":[],"relations":[{"from_id":1,"to_id":2,"type":"R"}]}`, "from_id 1: no such entity"}},
		"prodigy":     {{`{"text":"ab","spans":[{"token_start":0,"token_end":3,"label":"X"}]}`, "no token range"}, {`{"text":"ab","spans":[{"start":0,"end":1}]}`, `missing "label"`}},
		"labelstudio": {{`{"data":{"n":1}}`, `missing "data"`}, {`{"data":{"text":"ab"},"annotations":[{"result":[{"type":"relation","from_id":"a","to_id":"b","labels":["R"]}]}]}`, "no such region"}},
	}
	for format, cases := range bad {
		for _, c := range cases {
			t.Run(format+"/"+c.err, func(t *testing.T) {
				in := good[format] + "\n\n" + c.line + "\n" + good[format] + "\n"
				docs, err := ReadAll(Lookup(format).NewReader(strings.NewReader(in), "in.x", Options{}))
				var le *LineError
				if !errors.As(err, &le) || le.Line != 3 || le.File != "in.x" || !strings.Contains(le.Msg, c.err) {
					t.Fatalf("error %v, want in.x:3: …%s…", err, c.err)
				}
				if len(docs) != 1 {
					t.Errorf("%d documents before the error, want 1", len(docs))
				}
			})
		}
	}
}

// TestLabelStudioReading covers an array export, pretty-printed, with a
// prediction, a note, a left relation, a second annotation and a choice.
func TestLabelStudioReading(t *testing.T) {
	in := `[
  {
    "id": 7,
    "data": {"text": "Ana: “olá 🌍”", "source": "wire"},
    "annotations": [
      {"completed_by": {"id": 1, "email": "ana@example.org"}, "result": [
        {"id": "a", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "text": "Ana", "labels": ["ACTOR"]}},
        {"id": "q", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 6, "end": 11, "text": "olá 🌍", "labels": ["QUOTE"]}},
        {"id": "q", "from_name": "note", "to_name": "text", "type": "textarea", "value": {"start": 6, "end": 11, "text": ["greeting"]}},
        {"from_id": "a", "to_id": "q", "type": "relation", "direction": "left", "labels": ["SAID_BY"]},
        {"id": "c", "from_name": "topic", "to_name": "text", "type": "choices", "value": {"choices": ["world"]}}
      ]},
      {"result": []}
    ],
    "predictions": [{"result": [
      {"id": "p", "from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 10, "end": 11, "text": "🌍", "labels": ["ACTOR"]}}
    ]}]
  }
]
`
	opt, warned := warnings()
	docs, err := ReadAll(NewLabelStudioReader(strings.NewReader(in), "ls.json", opt))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	d := docs[0]
	if d.ID != "7" || d.Annotator != "ana@example.org" || string(d.Meta) != `{"source":"wire"}` {
		t.Errorf("id %q annotator %q meta %s", d.ID, d.Annotator, d.Meta)
	}
	want := []wantSpan{{0, 3, "ACTOR"}, {6, 11, "QUOTE"}, {10, 11, "ACTOR"}}
	if fmt.Sprint(spansOf(d)) != fmt.Sprint(want) {
		t.Errorf("spans %v, want %v", spansOf(d), want)
	}
	if !d.Spans[2].Suggested || d.Spans[0].Suggested || d.Spans[1].Note != "greeting" {
		t.Errorf("suggested/note wrong: %+v", d.Spans)
	}
	if len(d.Relations) != 1 || d.Relations[0].From != "q" || d.Relations[0].To != "a" {
		t.Errorf("relations %+v, want q → a", d.Relations)
	}
	all := strings.Join(*warned, "\n")
	if w := "ls.json:2: task 7: kept the first annotation, skipped 1 more"; !strings.Contains(all, w) {
		t.Errorf("warnings %q, want %q", all, w)
	}
	if strings.Contains(all, "choices") {
		t.Errorf("warnings %q: the choices result is a document label, not skipped", all)
	}
	if fmt.Sprint(d.Choices) != "map[topic:[world]]" {
		t.Errorf("choices %v, want topic: world", d.Choices)
	}
	// An error deep in a pretty-printed task names its own line.
	bad := strings.Replace(in, `"end": 3,`, `"end": x,`, 1)
	_, err = ReadAll(NewLabelStudioReader(strings.NewReader(bad), "ls.json", Options{}))
	if err == nil || !strings.HasPrefix(err.Error(), "ls.json:7: ") {
		t.Errorf("error %v, want it at ls.json:7", err)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct{ name, head, want string }{
		{"a.jsonl", `{"id":"a","text":"x","spans":[{"start":0,"end":1,"label":"ACTOR"}]}`, "jsonl"},
		{"a.jsonl", `{"text":"x"}`, "jsonl"},
		{"a.jsonl", `{"text": "x", "label": [[0, 1, "X"]]}`, "doccano"},
		{"a.jsonl", `{"text": "x", "label": []}`, "doccano"},
		{"a.jsonl", `{"text":"x","entities":[{"id":0,"label":"X","start_offset":0,"end_offset":1}],"relations":[]}`, "doccano-rel"},
		{"a.jsonl", `{"text":"x","_input_hash":1,"spans":[]}`, "prodigy"},
		{"a.jsonl", `{"text":"x","tokens":[],"spans":[]}`, "prodigy"},
		{"a.json", "[\n  {\"data\": {\"text\": \"x\"}}\n]", "labelstudio"},
		{"a.jsonl", `{"data":{"text":"x"},"annotations":[]}`, "labelstudio"},
		{"a.ann", "anything", "brat"},
		{"a", "T1\tACTOR 0 3\tAna\n", "brat"},
		{"a.txt", "T1\tACTOR 0 3\tAna\n", "text"},
		{"a", "# id = x\n# text = Ana\nAna\tB-ACTOR\n", "conll"},
		{"a.tsv", "Ana\tB-ACTOR\tO\nsaid\tO\tO\n", "conll"},
		{"a.conll", "whatever", "conll"},
	}
	for _, tt := range tests {
		f, err := Detect(tt.name, []byte(tt.head))
		if err != nil || f.Name != tt.want {
			t.Errorf("Detect(%s, %q) = %v, %v; want %s", tt.name, tt.head, f, err, tt.want)
		}
	}
	if f, err := Detect("a.bin", []byte("hello world")); err == nil {
		t.Errorf("Detect of plain words = %s, want an error", f.Name)
	}
	t.Run("fixtures", func(t *testing.T) {
		for _, path := range []string{"brat-news", "brat-news/060-relation_annotation.txt", "brat-news/060-relation_annotation.ann"} {
			if f, err := DetectPath(fixture(t, path)); err != nil || f.Name != "brat" {
				t.Errorf("DetectPath(%s) = %v, %v", path, f, err)
			}
		}
		if f, err := DetectPath(fixture(t, "doccano/sequence_labeling-example.conll")); err != nil || f.Name != "conll" {
			t.Errorf("DetectPath(conll) = %v, %v", f, err)
		}
	})
}

func TestAppendInt(t *testing.T) {
	for _, n := range []int{0, 7, 10, 42, 99, 100, 305, 999, 1000, 4096, 9999, 10000, 123456789, -1, -250, math.MaxInt, math.MinInt} {
		if got, want := string(appendInt([]byte("x"), n)), "x"+strconv.Itoa(n); got != want {
			t.Errorf("appendInt(%d) = %s, want %s", n, got, want)
		}
	}
}

// TestProdigyReading covers spans given by tokens only, relations by token
// index alone, a relation between tokens that are no span, and an answer
// other than accept.
func TestProdigyReading(t *testing.T) {
	in := `{"text":"Ana 🌍 said “go”","tokens":[{"text":"Ana","start":0,"end":3,"id":0},{"text":"🌍","start":4,"end":5,"id":1},{"text":"said","start":6,"end":10,"id":2},{"text":"“","start":11,"end":12,"id":3},{"text":"go","start":12,"end":14,"id":4},{"text":"”","start":14,"end":15,"id":5}],` +
		`"spans":[{"token_start":0,"token_end":0,"label":"ACTOR"},{"start":12,"end":14,"token_start":4,"token_end":4,"label":"QUOTE"}],` +
		`"relations":[{"head":4,"child":0,"label":"SAID_BY"},{"head":2,"child":0,"label":"SUBJ"}],"answer":"reject","_session_id":"s1","_annotator_id":"ana"}`
	opt, warned := warnings()
	docs, err := ReadAll(NewProdigyReader(strings.NewReader(in), "p.jsonl", opt))
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if got, want := fmt.Sprint(spansOf(d)), "[{0 3 ACTOR} {12 14 QUOTE}]"; got != want {
		t.Errorf("spans %s, want %s", got, want)
	}
	if len(d.Relations) != 1 || d.Spans[d.SpanByID(d.Relations[0].From)].Label != "QUOTE" || d.Spans[d.SpanByID(d.Relations[0].To)].Label != "ACTOR" {
		t.Errorf("relations %+v", d.Relations)
	}
	if !strings.Contains(strings.Join(*warned, "\n"), "p.jsonl:1: skipped 1 relation(s) whose head or child is not a span") {
		t.Errorf("warnings %q", *warned)
	}
	if d.Annotator != "ana" || len(d.Extra) != 2 {
		t.Errorf("annotator %q extra %v", d.Annotator, d.Extra)
	}
	var buf strings.Builder
	w := NewProdigyWriter(&buf, Options{})
	w.Write(d)
	w.Close()
	if out := buf.String(); !strings.Contains(out, `"answer":"reject"`) || strings.Contains(out, `"accept"`) || !strings.Contains(out, `"_session_id":"s1"`) {
		t.Errorf("written back as %s", out)
	}
}
