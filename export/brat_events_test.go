package export

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// attributionEvent is --event Attribution:Content>Source=SAID_BY.
var attributionEvent = BratEvent{Type: "Attribution", From: "Content", To: "Source", Relation: "SAID_BY"}

// links lists d's relations as "LABEL from-text > to-text", sorted.
func links(d *annotate.Document) []string {
	var out []string
	for _, r := range d.Relations {
		from, to := d.Spans[d.SpanByID(r.From)], d.Spans[d.SpanByID(r.To)]
		out = append(out, r.Label+" "+from.Label+" "+from.Text+" > "+to.Label+" "+to.Text)
	}
	slices.Sort(out)
	return out
}

func TestBratEvents(t *testing.T) {
	s := annotatetest.WriteBratAttributions(t, t.TempDir(), false)
	opt, warned := warnings()
	opt.Events = []BratEvent{attributionEvent}
	opt.TextDir = s.Texts
	docs, err := readFile(t, "brat", s.Attributions, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	d := docs[0]
	// The id is the text's name, the suffix the annotator.
	if d.ID != s.Name || d.Annotator != "ana" || d.Text != annotatetest.BratAttributionText {
		t.Errorf("document %q by %q", d.ID, d.Annotator)
	}
	want := []string{
		"SAID_BY Content review\nthe offer > Source the ministry",
		"SAID_BY Content the plan was «dead on arrival» > Source Ünal",
		"SAID_BY Content wait > Source the ministry",
	}
	if got := links(d); !slices.Equal(got, want) {
		t.Errorf("relations\n%q\nwant\n%q", got, want)
	}
	if ps := annotate.Validate(d, nil); len(ps) > 0 {
		t.Errorf("invalid: %v", ps)
	}
	// Triggers stay spans; events of other types are skipped and counted,
	// as are named events without both roles and event arguments.
	if i := slices.IndexFunc(d.Spans, func(sp annotate.Span) bool { return sp.Label == "Attribution" }); i < 0 {
		t.Error("the trigger spans are gone")
	}
	all := strings.Join(*warned, "\n")
	for _, w := range []string{"1 E (event; its trigger T is kept)", "--event made no relation of 1 Attribution argument(s) that are events, not spans, 1 Attribution event(s) without a Content or a Source",
		"1 T annotation(s) have their text on several lines"} {
		if !strings.Contains(all, w) {
			t.Errorf("warnings lack %q:\n%s", w, all)
		}
	}

	// Without --event, no relation, every event counted as before.
	opt.Events = nil
	docs, err = readFile(t, "brat", s.Attributions, opt)
	if err != nil || len(docs[0].Relations) != 0 {
		t.Errorf("without events: %v, relations %v", err, links(docs[0]))
	}
}

// TestBratTextDir: texts found beside or in --text-dir, by NAME.ann or
// NAME_SUFFIX.ann; two annotators of one text keep their suffix in the
// id; a missing text is named.
func TestBratTextDir(t *testing.T) {
	s := annotatetest.WriteBratAttributions(t, t.TempDir(), true)
	opt, warned := warnings()
	opt.TextDir = s.Texts
	docs, err := readFile(t, "brat", s.Attributions, opt)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.ID+" by "+d.Annotator)
	}
	if want := []string{s.Name + "_ana by ana", s.Name + "_ben by ben"}; !slices.Equal(got, want) {
		t.Errorf("documents %q, want %q", got, want)
	}
	if !strings.Contains(strings.Join(*warned, "\n"), "2 .ann file(s) share their text") {
		t.Errorf("warnings %q", *warned)
	}
	// One annotator's file alone: the text's name.
	r, err := OpenBrat(filepath.Join(s.Attributions, s.Name+"_ben.ann"), opt)
	if err != nil {
		t.Fatal(err)
	}
	if d, err := r.Next(); err != nil || d.ID != s.Name || d.Annotator != "ben" {
		t.Errorf("one file: %v %+v", err, d)
	}
	// The same layout in one folder needs no --text-dir; the text is not
	// a document of its own.
	flat := t.TempDir()
	for _, f := range []string{filepath.Join(s.Texts, s.Name+".txt"), filepath.Join(s.Attributions, s.Name+"_ana.ann")} {
		data, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(flat, filepath.Base(f)), data, 0o644)
	}
	docs, err = readFile(t, "brat", flat, Options{})
	if err != nil || len(docs) != 1 || docs[0].ID != s.Name || docs[0].Annotator != "ana" {
		t.Errorf("one folder: %v, %d documents", err, len(docs))
	}
	// A .ann whose text is nowhere: the error names the text looked for.
	os.WriteFile(filepath.Join(s.Attributions, "lost_ana.ann"), []byte("T1\tSource 0 1\tx\n"), 0o644)
	if _, err := readFile(t, "brat", s.Attributions, opt); err == nil || !strings.Contains(err.Error(), filepath.Join(s.Texts, "lost_ana.txt")) {
		t.Errorf("missing text: %v", err)
	}
	if _, err := OpenBrat(s.Attributions, Options{TextDir: filepath.Join(s.Texts, "nope")}); err == nil || !strings.Contains(err.Error(), "--text-dir") {
		t.Errorf("bad --text-dir: %v", err)
	}
}

func TestParseBratEvent(t *testing.T) {
	for spec, want := range map[string]BratEvent{
		"Attribution:Content>Source=SAID_BY":   attributionEvent,
		"Attribution:Content2>Source3=SAID_BY": attributionEvent,
	} {
		if got, err := ParseBratEvent(spec); err != nil || got != want {
			t.Errorf("%q: %+v, %v", spec, got, err)
		}
	}
	for _, bad := range []string{"", "Attribution", "Attribution:Content>Source", "Attribution:Content=SAID_BY", ":Content>Source=R",
		"A:>Source=R", "A:Content>=R", "A:Content>Source=", "A:Con tent>Source=R", "A:1>Source=R"} {
		if _, err := ParseBratEvent(bad); err == nil || !strings.Contains(err.Error(), "TYPE:FROMROLE>TOROLE=RELATION") {
			t.Errorf("%q: error %v", bad, err)
		}
	}
}

// TestBratMultilineText: a T text that goes on over several .ann lines
// is read when the lines make the text at its offsets, CRLF included,
// and refused when they do not.
func TestBratMultilineText(t *testing.T) {
	text := "Ｘ said \"one\r\ntwo\nthree\" 😀."
	s, e := annotatetest.Find(t, text, "one\r\ntwo\nthree", 0)
	ann := "T1\tContent " + strconv.Itoa(s) + " " + strconv.Itoa(e) + "\tone\r\ntwo\nthree\nT2\tSource 0 1\tＸ\n"
	d, err := ParseBrat("m.txt", []byte(text), "m.ann", []byte(ann), Options{})
	if err != nil || len(d.Spans) != 2 {
		t.Fatalf("%v, %+v", err, d)
	}
	bad := "T1\tContent " + strconv.Itoa(s) + " " + strconv.Itoa(e) + "\tone\nT2\tSource 0 1\tＸ\n"
	if _, err := ParseBrat("m.txt", []byte(text), "m.ann", []byte(bad), Options{}); err == nil || !strings.Contains(err.Error(), "m.ann:1: T1: text") {
		t.Errorf("a text cut short: %v", err)
	}
}
