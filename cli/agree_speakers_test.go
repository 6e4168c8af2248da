package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/export"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// speakersText is the case with emoji, a combining accent and a
// CRLF line break before the offsets that matter.
const speakersText = "😀 Macron told Bine\u0301t the summit was «a waste of time».\r\n" +
	"Later Emmanuel Macron said «we will talk again», and Bine\u0301t agreed: «talks are good»."

// speakersFiles writes ana's, ben's and cem's files of two documents:
// "summit" (identical spans; ana gives the “waste of time” quote to
// Macron, ben to Binet, cem to Macron; ana gives “we will talk again” to
// Emmanuel Macron, ben to the first Macron, cem to nobody; nobody links
// “talks are good”, ben gives it to Binet) and "plain" (one ACTOR, all
// agree, no relations). It returns the files' names, relative to dir.
func speakersFiles(t *testing.T, dir string) []string {
	t.Helper()
	marks := []agreeMark{
		{"Macron", 0, "ACTOR"}, {"Bine\u0301t", 0, "ACTOR"}, {"a waste of time", 0, "QUOTE"},
		{"Emmanuel Macron", 0, "ACTOR"}, {"we will talk again", 0, "QUOTE"}, {"Bine\u0301t", 1, "ACTOR"},
		{"talks are good", 0, "QUOTE"},
	}
	links := map[string][][2]int{
		"ana": {{2, 0}, {4, 3}},
		"ben": {{2, 1}, {4, 0}, {6, 5}},
		"cem": {{2, 0}},
	}
	var names []string
	for _, who := range []string{"ana", "ben", "cem"} {
		docs := []*annotate.Document{
			agreeDoc(t, "summit", speakersText, who, marks, links[who]...),
			agreeDoc(t, "plain", "Ünal left 北京.", who, []agreeMark{{"Ünal", 0, "ACTOR"}}),
		}
		name := who + ".jsonl"
		if err := export.SaveNative(filepath.Join(dir, name), docs...); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	return names
}

// golden compares got with testdata/NAME, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cli -run %s -update to write it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs from the output:\n got %s\nwant %s", path, got, want)
	}
}

// TestAgreeSpeakersGolden pins the text and JSON reports, relations and
// disagreements included, of the case.
func TestAgreeSpeakersGolden(t *testing.T) {
	dir := t.TempDir()
	names := speakersFiles(t, dir)
	wd, _ := os.Getwd()
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"agree-speakers.json", []string{"agree", "--json", names[0], names[1]}},
		{"agree-speakers-list.json", []string{"agree", "--json", "--disagreements", names[0], names[1]}},
		{"agree-speakers.txt", []string{"agree", "--disagreements", names[0], names[1], names[2]}},
	} {
		t.Chdir(dir)
		status, out, errOut := agreeRun(t, tc.args...)
		os.Chdir(wd)
		if status != 0 {
			t.Fatalf("%v: status %d: %s", tc.args, status, errOut)
		}
		golden(t, tc.golden, out)
	}
}

// TestAgreeRelationsJSON checks the relations object against figures
// computed by hand for ana and ben.
func TestAgreeRelationsJSON(t *testing.T) {
	dir := t.TempDir()
	names := speakersFiles(t, dir)
	status, out, errOut := agreeRun(t, "agree", "--json", "--disagreements", filepath.Join(dir, names[0]), filepath.Join(dir, names[1]))
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	var r struct {
		Relations map[string]struct {
			Relations        []int   `json:"relations"`
			F1Exact          float64 `json:"f1_exact"`
			F1Overlap        float64 `json:"f1_overlap"`
			SpeakerAgreement float64 `json:"speaker_agreement"`
			Linked           int     `json:"linked"`
		} `json:"relations"`
		Overall struct {
			F1Exact float64 `json:"f1_exact"`
		} `json:"overall"`
		Lowest []struct {
			ID         string  `json:"id"`
			F1ExactAll float64 `json:"f1_exact_all"`
		} `json:"lowest"`
		Disagreements []struct {
			ID, Kind string
			Files    []string
			Relation string
			Source   *struct{ Text string }
			A, B     []struct {
				Start, End  int
				Label, Text string
			}
		} `json:"disagreements"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	// ana 2, ben 3 links; none equal. Overlap: “we will talk again”
	// → Emmanuel Macron (ana) and → Macron (ben) do not share a code
	// point (ben's is the first Macron): 0. Sources both have and one
	// links: the three quotes; none agree.
	s := r.Relations["SAID_BY"]
	if len(r.Relations) != 1 || s.F1Exact != 0 || s.F1Overlap != 0 || s.SpeakerAgreement != 0 || s.Linked != 3 ||
		len(s.Relations) != 2 || s.Relations[0] != 2 || s.Relations[1] != 3 {
		t.Errorf("SAID_BY %+v", s)
	}
	// The spans all agree; the speakers rank "summit" first.
	if r.Overall.F1Exact != 1 || len(r.Lowest) != 2 || r.Lowest[0].ID != "summit" || r.Lowest[0].F1ExactAll >= 1 {
		t.Errorf("overall %v, lowest %+v", r.Overall.F1Exact, r.Lowest)
	}
	var kinds []string
	for _, d := range r.Disagreements {
		kinds = append(kinds, d.Kind)
		if d.ID != "summit" || d.Relation != "SAID_BY" || d.Source == nil || len(d.Files) != 2 {
			t.Errorf("disagreement %+v", d)
		}
	}
	if strings.Join(kinds, ",") != "speaker,speaker,extra speaker" {
		t.Errorf("kinds %q", kinds)
	}
	if d := r.Disagreements[0]; d.Source.Text != "a waste of time" || d.A[0].Text != "Macron" || d.B[0].Text != "Bine\u0301t" {
		t.Errorf("first disagreement %+v", d)
	}
	// Without --disagreements there is no list.
	_, out, _ = agreeRun(t, "agree", "--json", filepath.Join(dir, names[0]), filepath.Join(dir, names[1]))
	if bytes.Contains([]byte(out), []byte(`"disagreements"`)) {
		t.Error("a disagreement list without --disagreements")
	}
}

// TestMergeSpeakerConflicts: merge keeps a quote whose speakers no K
// files share without a speaker, says so on stderr, and exits 0.
func TestMergeSpeakerConflicts(t *testing.T) {
	dir := t.TempDir()
	names := speakersFiles(t, dir)
	var paths []string
	for _, n := range names {
		paths = append(paths, filepath.Join(dir, n))
	}
	gold := filepath.Join(dir, "gold.jsonl")
	status, _, errOut := agreeRun(t, "merge", "-o", gold, paths[0], paths[1], paths[2])
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	// “a waste of time”: ana and cem say Macron, 2 of 3: kept. “we will
	// talk again”: ana Emmanuel Macron, ben Macron; “talks are good”:
	// only ben.
	want := []string{
		"summit: QUOTE 84–102 “we will talk again”: no speaker reached 2 of 3 files (ana: Emmanuel Macron, ben: Macron)",
		"summit: QUOTE 125–139 “talks are good”: no speaker reached 2 of 3 files (ben: Bine\u0301t)",
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 3 || lines[0] != want[0] || lines[1] != want[1] || !strings.Contains(lines[2], "2 document(s) merged") {
		t.Errorf("stderr:\n%s\nwant\n%s", errOut, strings.Join(want, "\n"))
	}
	docs, err := readNativeFile(gold)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(docs[0].Relations); n != 1 {
		t.Errorf("gold relations %d, want the one 2 files share", n)
	}
	// With --min-agree 1 every speaker reaches K: no conflict.
	if status, _, errOut := agreeRun(t, "merge", "--min-agree", "1", "-o", gold, paths[0], paths[1], paths[2]); status != 0 || strings.Contains(errOut, "no speaker") {
		t.Errorf("--min-agree 1: status %d, stderr %q", status, errOut)
	}
}
