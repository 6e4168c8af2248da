package cli

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// importedDocs parses gloss import's output.
func importedDocs(t *testing.T, out string) []*annotate.Document {
	t.Helper()
	docs, err := export.ReadAll(export.NewNativeReader(strings.NewReader(out), "out.jsonl", export.Options{}))
	if err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	return docs
}

// saidBy lists d's SAID_BY relations as "FROM-LABEL text > TO-LABEL text".
func saidBy(d *annotate.Document) []string {
	var out []string
	for _, r := range d.Relations {
		if r.Label != "SAID_BY" {
			continue
		}
		from, to := d.Spans[d.SpanByID(r.From)], d.Spans[d.SpanByID(r.To)]
		out = append(out, from.Label+" "+from.Text+" > "+to.Label+" "+to.Text)
	}
	slices.Sort(out)
	return out
}

// TestImportAttributions runs the PolNeAR command on the brat
// attribution sample (PolNeAR's layout: attributions/NAME_ANNOTATOR.ann,
// text/NAME.txt): one SAID_BY per Attribution event's Content.
func TestImportAttributions(t *testing.T) {
	s := annotatetest.WriteBratAttributions(t, t.TempDir(), false)
	status, out, errOut := runMain("", "import", "--from", "brat", "--map", "Content=CLAIM", "--map", "Source=ACTOR", "--map", "Cue=",
		"--event", "Attribution:Content>Source=SAID_BY", "--text-dir", s.Texts, s.Attributions)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	docs := importedDocs(t, out)
	if len(docs) != 1 || docs[0].ID != s.Name || docs[0].Annotator != "ana" {
		t.Fatalf("documents %+v", docs)
	}
	want := []string{
		"CLAIM review\nthe offer > ACTOR the ministry",
		"CLAIM the plan was «dead on arrival» > ACTOR Ünal",
		"CLAIM wait > ACTOR the ministry",
	}
	if got := saidBy(docs[0]); !slices.Equal(got, want) {
		t.Errorf("SAID_BY\n%q\nwant\n%q", got, want)
	}
	for _, sp := range docs[0].Spans {
		if sp.Label == "Cue" || sp.Label == "Content" || sp.Label == "Source" {
			t.Errorf("span %s %q not mapped", sp.Label, sp.Text)
		}
	}
	for _, w := range []string{"--map: Content → CLAIM 4, dropped Cue 2, Source → ACTOR 3", "--event made no relation of 1 Attribution argument(s) that are events, not spans, 1 Attribution event(s) without a Content or a Source"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
}

// TestImportMapEveryFormat: --map works on what any reader yields —
// native and doccano here — dropping a label's spans with their
// relations.
func TestImportMapEveryFormat(t *testing.T) {
	native := writeTemp(t, "in.jsonl", `{"id":"d","text":"Ana 🌍 said «Olá»","spans":[{"id":"a","start":0,"end":3,"label":"ACTOR"},{"id":"q","start":12,"end":15,"label":"QUOTE"}],"relations":[{"id":"r","label":"SAID_BY","from":"q","to":"a"}]}`+"\n")
	status, out, errOut := runMain("", "import", "--map", "ACTOR=PERSON", "--map", "SAID_BY=SPOKEN_BY", native)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	d := importedDocs(t, out)[0]
	if d.Spans[0].Label != "PERSON" || len(d.Relations) != 1 || d.Relations[0].Label != "SPOKEN_BY" {
		t.Errorf("renamed: %+v", d)
	}
	status, out, _ = runMain("", "import", "--map", "ACTOR=", native)
	if d := importedDocs(t, out)[0]; status != 0 || len(d.Spans) != 1 || len(d.Relations) != 0 {
		t.Errorf("dropped: status %d, %+v", status, d)
	}
	doccano := writeTemp(t, "in.doccano.jsonl", `{"text":"Ana said no","label":[[0,3,"PER"],[9,11,"QUOTE"]]}`+"\n")
	status, out, errOut = runMain("", "import", "--from", "doccano", "--map", "PER=ACTOR", doccano)
	if d := importedDocs(t, out)[0]; status != 0 || d.Spans[0].Label != "ACTOR" {
		t.Errorf("doccano: status %d %s, %+v", status, errOut, d)
	}
}

func TestImportMapBadUsage(t *testing.T) {
	native := writeTemp(t, "in.jsonl", `{"id":"d","text":"x"}`+"\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--map", "ACTOR"}, "want FROM=TO"},
		{[]string{"--map", "A=B", "--map", "A=C"}, "already mapped"},
		{[]string{"--event", "Attribution:Content=SAID_BY"}, "TYPE:FROMROLE>TOROLE=RELATION"},
		{[]string{"--from", "jsonl", "--event", "A:B>C=D"}, "for brat"},
		{[]string{"--from", "jsonl", "--text-dir", "x"}, "for brat"},
	} {
		status, out, errOut := runMain("", append(append([]string{"import"}, tc.args...), native)...)
		if status != 2 || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: status %d, stdout %q, stderr %q; want 2 and %q", tc.args, status, out, errOut, tc.want)
		}
	}
}

// TestImportRepeatedIDs: two annotators' files of one text named one by
// one get the text's id each, which a native file cannot hold twice: an
// error, nothing written. Their folder gives ids with the suffix.
func TestImportRepeatedIDs(t *testing.T) {
	s := annotatetest.WriteBratAttributions(t, t.TempDir(), true)
	status, out, errOut := runMain("", "import", "--text-dir", s.Texts,
		filepath.Join(s.Attributions, s.Name+"_ana.ann"), filepath.Join(s.Attributions, s.Name+"_ben.ann"))
	if status != 1 || out != "" || !strings.Contains(errOut, `document id "`+s.Name+`" already used`) {
		t.Errorf("status %d, stdout %q, stderr %q", status, out, errOut)
	}
	// The folder instead: ids keep the suffix, nothing repeats.
	status, out, errOut = runMain("", "import", "--text-dir", s.Texts, s.Attributions)
	if status != 0 || len(importedDocs(t, out)) != 2 {
		t.Errorf("folder: status %d, stderr %q", status, errOut)
	}
}

// TestImportBratFixtureEvents turns the events of brat's own tutorial
// (../shared) into relations: an event argument that is itself an event
// is counted and left out.
func TestImportBratFixtureEvents(t *testing.T) {
	folder := annotatetest.Shared(t, "fixtures/brat-news")
	status, out, errOut := runMain("", "import", "--from", "brat", "--event", "Transfer-money:Giver-Arg>Recipient-Arg=GIVES_TO",
		"--event", "Report:Event-Arg>Reporter-Arg=REPORTED_BY", folder)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errOut)
	}
	n := map[string]int{}
	for _, d := range importedDocs(t, out) {
		for _, r := range d.Relations {
			n[r.Label]++
		}
		if ps := annotate.Validate(d, nil); len(ps) > 0 {
			t.Errorf("%s: %v", d.ID, ps)
		}
	}
	if n["GIVES_TO"] == 0 {
		t.Errorf("relations %v: no GIVES_TO from the Transfer-money events", n)
	}
	if n["REPORTED_BY"] != 0 || !strings.Contains(errOut, "Report argument(s) that are events, not spans") {
		t.Errorf("relations %v; stderr lacks the Report events' event arguments:\n%s", n, errOut)
	}
}
