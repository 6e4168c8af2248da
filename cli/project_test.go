package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/agree"
	"gloss/annotate/annotatetest"
	"gloss/app/project"
	"gloss/app/project/projecttest"
	"gloss/export"
)

func gitHome(t *testing.T) { projecttest.Isolate(t) }

func gitCmd(t *testing.T, dir string, args ...string) string { return projecttest.Git(t, dir, args...) }

// annotateFile labels phrase in document id of the annotator's own file
// (made from the project's texts when absent), marks it done, and saves.
func annotateFile(t *testing.T, dir, name, id, phrase, label string) {
	t.Helper()
	p, err := project.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := p.WorkFor(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range w.Docs {
		if d.ID == id {
			start, end := annotatetest.Find(t, d.Text, phrase, 0)
			d.Spans = append(d.Spans, annotate.NewSpan(d, start, end, label, name))
			(&annotate.MarkDone{Done: true}).Apply(d)
		}
	}
	if err := export.SaveNative(w.SavePath, w.Docs...); err != nil {
		t.Fatal(err)
	}
}

// A team's week on the command line: the lead makes the project from a
// text file and a doccano file, publishes it, two annotators clone, label
// and sync, the lead looks at the status and reviews.
func TestProjectCommands(t *testing.T) {
	gitHome(t)
	src := t.TempDir()
	writeFile(t, src, "putin.txt", "Putin said \"we will stay\" in Libya 🇷🇺.")
	writeFile(t, src, "wire.jsonl", `{"text":"Erdoğan replied: \"Turkey will not leave.\"\r\nThe talks ended.","label":[[0,7,"ACTOR"]]}`+"\n"+
		`{"text":"習近平は「協力する」と述べた。","label":[]}`+"\n")
	lead := filepath.Join(t.TempDir(), "news")
	out, errOut, code := run(t, "", "project", "init", "--annotators", "ana,bo", "--overlap", "2", "--reviewer", "lead",
		lead, filepath.Join(src, "putin.txt"), filepath.Join(src, "wire.jsonl"))
	if code != 0 {
		t.Fatalf("init: %d %s %s", code, out, errOut)
	}
	for _, want := range []string{"Made project news", "3 documents, overlap 2", "ana: 3 documents", "bo: 3 documents", "Reviewer: lead"} {
		if !strings.Contains(out, want) {
			t.Errorf("init says %q, want %q", out, want)
		}
	}
	if !strings.Contains(errOut, "wire.jsonl: reading as doccano") || !strings.Contains(errOut, "1 spans and relations left out") {
		t.Errorf("init stderr %q", errOut)
	}
	remote := filepath.Join(t.TempDir(), "news.git")
	gitCmd(t, "", "init", "-q", "--bare", remote)
	gitCmd(t, lead, "remote", "add", "origin", remote)
	if out, errOut, code := run(t, "", "sync", "--annotator", "lead", lead); code != 0 || !strings.Contains(out, "origin/main is up to date") {
		t.Fatalf("lead's first sync: %d %q %q", code, out, errOut)
	}

	clones := map[string]string{}
	for _, who := range []string{"ana", "bo"} {
		clones[who] = filepath.Join(t.TempDir(), who)
		gitCmd(t, "", "clone", "-q", remote, clones[who])
	}
	annotateFile(t, clones["ana"], "ana", "putin", "Putin", "ACTOR")
	out, errOut, code = run(t, "", "sync", "--annotator", "ana", clones["ana"])
	if code != 0 || !strings.Contains(out, "Committed annotations/ana.jsonl") || !strings.Contains(errOut, "[4/4] Pushing to origin") {
		t.Fatalf("ana's sync: %d %q %q", code, out, errOut)
	}
	// Bo's clone remembers him after his first sync with --annotator.
	annotateFile(t, clones["bo"], "bo", "putin", "Putin said", "ACTOR")
	if _, errOut, code := run(t, "", "sync", "--annotator", "bo", clones["bo"]); code != 0 {
		t.Fatalf("bo's sync: %s", errOut)
	}
	annotateFile(t, clones["bo"], "bo", "wire-1", "Erdoğan", "ACTOR")
	out, errOut, code = run(t, "", "sync", clones["bo"])
	if code != 0 || !strings.Contains(errOut, "as bo (from this clone's git config gloss.annotator)") {
		t.Fatalf("bo's second sync: %d %q %q", code, out, errOut)
	}

	gitCmd(t, lead, "pull", "-q", "origin", "main")
	out, errOut, code = run(t, "", "status", lead)
	if code != 0 {
		t.Fatalf("status: %d %s", code, errOut)
	}
	for _, want := range []string{
		"Project news: 3 documents, overlap 2; reviewer lead, gold 0 documents",
		"ana               3     1            0          2     33%  ██████··············",
		"bo                3     2            0          1     67%  █████████████·······",
		"Agreement so far on 1 documents done by two or more",
		"ana and bo",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	out, _, code = run(t, "", "status", "--json", lead)
	var st struct {
		Documents  int
		Annotators []struct {
			Name                      string
			Assigned, Done, Untouched int
			InProgress                int `json:"in_progress"`
		}
		Compared  int
		Agreement struct {
			Overall struct {
				F1Exact   float64 `json:"f1_exact"`
				F1Overlap float64 `json:"f1_overlap"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 0 {
		t.Fatalf("status --json: %v\n%s", err, out)
	}
	// "Putin" against "Putin said": no exact match, one overlapping.
	if st.Documents != 3 || st.Compared != 1 || st.Annotators[1].Done != 2 || st.Agreement.Overall.F1Exact != 0 || st.Agreement.Overall.F1Overlap != 1 {
		t.Errorf("status --json: %+v", st)
	}

	// The review opens the documents both have done; the gold goes to the
	// project's gold.jsonl, which the lead's sync commits.
	var opened AppOptions
	var lanes []string
	env := Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, OpenApp: func(o AppOptions) error {
		opened = o
		for _, f := range o.Files {
			data, _ := os.ReadFile(f)
			lanes = append(lanes, filepath.Base(f)+":"+strconv.Itoa(strings.Count(string(data), "\n")))
		}
		return os.WriteFile(o.Out, []byte(`{"id":"putin","text":"Putin said \"we will stay\" in Libya 🇷🇺.","spans":[{"start":0,"end":5,"label":"ACTOR"}]}`+"\n"), 0o644)
	}}
	if code := Main([]string{"review", lead}, env); code != 0 {
		t.Fatalf("review: %s", env.Stderr)
	}
	if !opened.Review || opened.Out != filepath.Join(lead, "gold.jsonl") || strings.Join(lanes, " ") != "ana.jsonl:1 bo.jsonl:1" {
		t.Errorf("review opened %+v with lanes %v", opened, lanes)
	}
	for _, f := range opened.Files {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("review left %s behind", f)
		}
	}
	out, errOut, code = run(t, "", "sync", "--annotator", "lead", lead)
	if code != 0 || !strings.Contains(out, "Committed gold.jsonl") {
		t.Fatalf("lead's gold sync: %d %q %q", code, out, errOut)
	}
	if files := gitCmd(t, remote, "ls-tree", "-r", "--name-only", "main"); files != "annotations/ana.jsonl\nannotations/bo.jsonl\ndocuments.jsonl\ngloss.toml\ngold.jsonl" {
		t.Errorf("the remote holds %q", files)
	}

	// project add assigns new documents and commits them.
	writeFile(t, src, "more.txt", "Café owners said \"prices rise\".")
	out, errOut, code = run(t, "", "project", "add", lead, filepath.Join(src, "more.txt"))
	if code != 0 || !strings.Contains(out, "Added 1 documents to news") || !strings.Contains(out, "ana: 4 documents") {
		t.Errorf("add: %d %q %q", code, out, errOut)
	}
}

func TestProjectCommandErrors(t *testing.T) {
	gitHome(t)
	src := t.TempDir()
	text := writeFile(t, src, "a.txt", "Putin said no.")
	dir := filepath.Join(t.TempDir(), "p")
	if _, errOut, code := run(t, "", "project", "init", "--annotators", "ana,bo", dir, text); code != 0 {
		t.Fatal(errOut)
	}
	hostile := filepath.Join(t.TempDir(), "hostile")
	gitCmd(t, "", "clone", "-q", dir, hostile)
	cfg := filepath.Join(hostile, "gloss.toml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, []byte(strings.Replace(string(data), `name = "bo"`, `name = "annotations/../x"`, 1)), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"project"}, 2, "say init or add"},
		{[]string{"project", "frob"}, 2, `unknown sub-command "frob"`},
		{[]string{"project", "init", dir}, 2, "name the project folder DIR and at least one FILE"},
		{[]string{"project", "init", "--annotators", "a", dir, text}, 1, "is a project already"},
		{[]string{"project", "init", "--annotators", "a/../b", filepath.Join(t.TempDir(), "q"), text}, 1, `name "a/../b" has '/'`},
		{[]string{"project", "init", "--annotators", "a", "--from", "nope", filepath.Join(t.TempDir(), "q"), text}, 2, `unknown format "nope"`},
		{[]string{"project", "add", src, text}, 1, "not a Gloss project"},
		{[]string{"sync", "--annotator", "zed", dir}, 1, `"zed" is not in project p (annotators ana, bo`},
		{[]string{"sync", "--annotator", "ana", hostile}, 1, `gloss.toml:12: annotator 2: name "annotations/../x" has '/'`},
		{[]string{"status", hostile}, 1, `gloss.toml:12:`},
		{[]string{"status", dir, dir}, 2, "name one project folder"},
		{[]string{"review", "--labels", "x.toml", dir}, 2, "a project names its own labels"},
	} {
		out, errOut, code := run(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("gloss %v: %d %q %q, want %d and %q", tc.args, code, out, errOut, tc.code, tc.want)
		}
	}
	// Nothing of the hostile name reached the disk.
	if _, err := os.Stat(filepath.Join(hostile, "x.jsonl")); err == nil {
		t.Error("a hostile name wrote a file")
	}
}

// The status's JSON and table carry the speaker agreement (SAID_BY) as
// DESIGN.md's "relations" member.
func TestStatusRelations(t *testing.T) {
	rel := agree.RelationReport{Label: "SAID_BY", Relations: []int{2, 1},
		RelationMeasures: agree.RelationMeasures{F1Exact: 0.5, F1Overlap: 0.75, SpeakerAgreement: 0.5, Linked: 2}}
	st := &project.Status{Name: "news", Documents: 2, Compared: 2,
		Annotators: []project.AnnotatorProgress{{Name: "ana", Assigned: 2, Done: 2}, {Name: "bo", Assigned: 2, Done: 1, InProgress: 1}},
		Agreement:  &agree.Report{Documents: 2, Relations: []agree.RelationReport{rel}},
		Pairs:      []project.PairAgreement{{A: "ana", B: "bo", Documents: 2, Relations: []agree.RelationReport{rel}}},
	}
	js := string(statusJSON(st))
	want := `"relations":{"SAID_BY":{"relations":[2,1],"f1_exact":0.5,"f1_overlap":0.75,"speaker_agreement":0.5,"linked":2}}`
	if strings.Count(js, want) != 2 {
		t.Errorf("JSON lacks %s twice (agreement and pair):\n%s", want, js)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Errorf("not JSON: %v\n%s", err, js)
	}
	p := &project.Project{Config: &project.Config{Overlap: 2}}
	table := string(statusTable(p, st))
	for _, line := range []string{"SAID_BY       2 / 1     0.500       0.750     0.500       2", "SAID_BY speakers 0.500 (2 linked)"} {
		if !strings.Contains(table, line) {
			t.Errorf("table lacks %q:\n%s", line, table)
		}
	}
}
