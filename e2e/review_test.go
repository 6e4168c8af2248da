package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gloss/annotate"
	"gloss/annotate/agree"
	"gloss/annotate/annotatetest"
	"gloss/assets"
	"gloss/export"
)

// reviewDocID is the id of the sample article in the review files.
const reviewDocID = "russia-turkey-libya"

// Phrases of the sample article the review files disagree about, in text
// order: one disagreement each.
const (
	erdogan   = "Recep Tayyip Erdogan"
	sisiLong  = "Abdelfatah al Sisi"
	sisiShort = "al Sisi"
	truce     = "call a truce just when Haftar begins to lose ground. This is neither convincing nor sincere. The efforts of a cease-fire in Cairo are born dead"
)

// reviewFiles writes three annotators' native files of the sample article
// in dir: they agree on four spans and disagree in three places — a label
// (Erdogan: ACTOR, ACTOR, CLAIM), a boundary (al Sisi: the first with his
// first name, the others without) and a missing span (the third lacks the
// truce quote).
func reviewFiles(t *testing.T, dir string) []string {
	t.Helper()
	agreed := []phrase{
		{"ACTOR", "Russia"}, {"ACTOR", "Turkey"}, {"ACTOR", "Vladimir Putin"},
		{"QUOTE", "the jobs continue. The date of the meeting of the Foreign and Defence ministers of the two countries agreed in addition"},
	}
	own := map[string][]phrase{
		"ana": {{"ACTOR", erdogan}, {"ACTOR", sisiLong}, {"QUOTE", truce}},
		"ben": {{"ACTOR", erdogan}, {"ACTOR", sisiShort}, {"QUOTE", truce}},
		"cem": {{"CLAIM", erdogan}, {"ACTOR", sisiShort}},
	}
	var files []string
	for _, who := range []string{"ana", "ben", "cem"} {
		d := &annotate.Document{ID: reviewDocID, Text: string(assets.Sample), Annotator: who}
		addSpans(t, d, append(append([]phrase(nil), agreed...), own[who]...)...)
		path := filepath.Join(dir, who+".jsonl")
		if err := export.SaveNative(path, d); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	return files
}

// goldSpans is the summary of a gold document: the four agreed spans and
// the given ones, sorted.
func goldSpans(t *testing.T, extra ...phrase) []string {
	t.Helper()
	text := string(assets.Sample)
	d := &annotate.Document{Text: text}
	addSpans(t, d, append([]phrase{
		{"ACTOR", "Russia"}, {"ACTOR", "Turkey"}, {"ACTOR", "Vladimir Putin"},
		{"QUOTE", "the jobs continue. The date of the meeting of the Foreign and Defence ministers of the two countries agreed in addition"},
	}, extra...)...)
	return summary(d)
}

// decide presses keys that make decisions, waits until the title marks
// them unsaved (the app has acted on them), saves the gold and returns
// its one document, checked to be the gold of the sample article.
func decide(s *session, gold string, keys ...string) *annotate.Document {
	s.t.Helper()
	s.keys(keys...)
	if !waitFor(5*time.Second, func() bool { return strings.HasPrefix(s.title(), "● ") }) {
		s.t.Fatalf("after %v the title %q has no unsaved mark (%s)", keys, s.title(), s.shot("undecided"))
	}
	docs := s.save(gold)
	if len(docs) != 1 || docs[0].ID != reviewDocID || docs[0].Text != string(assets.Sample) || docs[0].Annotator != agree.GoldAnnotator {
		s.t.Fatalf("after %v the gold file holds %d documents (first: %+v)", keys, len(docs), docs[0])
	}
	return docs[0]
}

// TestReviewWindow reviews three annotators' files in the real window
// with the keyboard and checks the gold saved after each step.
func TestReviewWindow(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	files := reviewFiles(t, dir)
	gold := filepath.Join(dir, "gold.jsonl")
	s := start(t, x, withTheme(t, "light"), append([]string{"review", "-o", gold}, files...)...)
	if got := s.title(); got != "Gloss Review — gold.jsonl" {
		t.Errorf("title at start = %q", got)
	}
	// The first frame takes a moment: wait until the capture shows text.
	var shot string
	if !waitFor(20*time.Second, func() bool { shot = s.shot("start"); return drawn(shot) }) {
		t.Fatalf("the review window never showed the article (%s)", shot)
	}

	// The screen opens on the first disagreement (Erdogan's label); J goes
	// to the boundary one, 1 accepts ana's "Abdelfatah al Sisi" and moves
	// on to the truce quote.
	steps := []struct {
		name string
		keys []string
		want []string
	}{
		{"J 1: accept ana's boundary", []string{"j", "1"},
			goldSpans(t, phrase{"ACTOR", erdogan}, phrase{"ACTOR", sisiLong}, phrase{"QUOTE", truce})},
		// J wraps around to Erdogan; X rejects every version there.
		{"J X: reject the label conflict", []string{"j", "x"},
			goldSpans(t, phrase{"ACTOR", sisiLong}, phrase{"QUOTE", truce})},
		// Ctrl+Z brings the majority's ACTOR back and goes back there;
		// both redo keys reject again, and Ctrl+Z undoes that.
		{"Ctrl+Z: undo the reject", []string{"ctrl+z"},
			goldSpans(t, phrase{"ACTOR", erdogan}, phrase{"ACTOR", sisiLong}, phrase{"QUOTE", truce})},
		{"Ctrl+Y: redo the reject", []string{"ctrl+y"},
			goldSpans(t, phrase{"ACTOR", sisiLong}, phrase{"QUOTE", truce})},
		{"Ctrl+Z again", []string{"ctrl+z"},
			goldSpans(t, phrase{"ACTOR", erdogan}, phrase{"ACTOR", sisiLong}, phrase{"QUOTE", truce})},
		{"Ctrl+Shift+Z: redo the reject", []string{"ctrl+shift+z"},
			goldSpans(t, phrase{"ACTOR", sisiLong}, phrase{"QUOTE", truce})},
		{"Ctrl+Z once more", []string{"ctrl+z"},
			goldSpans(t, phrase{"ACTOR", erdogan}, phrase{"ACTOR", sisiLong}, phrase{"QUOTE", truce})},
		// B keeps both labels. The truce quote (cem lacks it) stays
		// open: the majority's version is in the gold.
		{"B: accept all", []string{"b"},
			goldSpans(t, phrase{"ACTOR", erdogan}, phrase{"CLAIM", erdogan}, phrase{"ACTOR", sisiLong}, phrase{"QUOTE", truce})},
	}
	var last *annotate.Document
	for _, st := range steps {
		last = decide(s, gold, st.keys...)
		if got := summary(last); strings.Join(got, "|") != strings.Join(st.want, "|") {
			t.Errorf("%s: gold spans\n%s\nwant\n%s\n(%s)", st.name, strings.Join(got, "\n"), strings.Join(st.want, "\n"), s.shot("step"))
		}
	}
	if got := s.title(); got != "Gloss Review — gold.jsonl" {
		t.Errorf("title after saving = %q", got)
	}
	for _, sp := range last.Spans {
		if sp.Annotator != "" && sp.Annotator != agree.GoldAnnotator {
			t.Errorf("gold span %q has annotator %q", sp.Text, sp.Annotator)
		}
	}
	if shot := s.shot("decided"); !drawn(shot) {
		t.Errorf("%s looks empty", shot)
	}
}

// TestReviewBadInput: a file whose span lies outside the text stops
// `gloss review` before any window, with FILE:LINE: on stderr, exit 1 and
// no gold written.
func TestReviewBadInput(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	reviewFiles(t, dir)
	d := &annotate.Document{ID: reviewDocID, Text: string(assets.Sample), Annotator: "bad"}
	n := d.Index().Len()
	d.Spans = []annotate.Span{{ID: "far", Start: n - 3, End: n + 40, Label: "ACTOR", Text: "out"}}
	if err := export.SaveNative(filepath.Join(dir, "bad.jsonl"), d); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "review", "-o", "gold.jsonl", "ana.jsonl", "bad.jsonl", "cem.jsonl")
	cmd.Dir = dir
	cmd.Env = appEnv(x, t.TempDir())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("gloss review with bad offsets: %v, want exit status 1", err)
	}
	want := fmt.Sprintf("bad.jsonl:1: span 1 (id far): offsets [%d,%d) out of range: the text has %d code points", n-3, n+40, n)
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr\n%s\nlacks\n%s", stderr.String(), want)
	}
	if _, err := os.Stat(filepath.Join(dir, "gold.jsonl")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a gold file was written: %v", err)
	}
}

// Phrases of the speaker review: a quote and the two actors ana and ben
// give it.
const (
	jobsQuote = "the jobs continue. The date of the meeting of the Foreign and Defence ministers of the two countries agreed in addition"
	ministry  = "The foreign ministry of russia"
	lavrov    = "Sergey Lavrov"
)

// speakerFiles writes ana's and ben's files of the sample article: the
// same spans but for Putin, whom only ben marks (the first disagreement),
// and the “jobs” quote SAID_BY the foreign ministry (ana) or Lavrov (ben).
func speakerFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	for _, who := range []string{"ana", "ben"} {
		d := &annotate.Document{ID: reviewDocID, Text: string(assets.Sample), Annotator: who}
		addSpans(t, d, phrase{"ACTOR", lavrov}, phrase{"ACTOR", ministry}, phrase{"QUOTE", jobsQuote})
		speaker := d.Spans[1].ID
		if who == "ben" {
			addSpans(t, d, phrase{"ACTOR", "Vladimir Putin"})
			speaker = d.Spans[0].ID
		}
		d.Relations = []annotate.Relation{annotate.NewRelation("SAID_BY", d.Spans[2].ID, speaker)}
		path := filepath.Join(dir, who+".jsonl")
		if err := export.SaveNative(path, d); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	return files
}

// goldSpeakers is the texts of the spans gold links the “jobs” quote to.
func goldSpeakers(t *testing.T, gold *annotate.Document) []string {
	t.Helper()
	s, e := annotatetest.Find(t, gold.Text, jobsQuote, 0)
	var out []string
	for _, sp := range agree.Speakers(gold, annotate.Span{Start: s, End: e, Label: "QUOTE"}, "SAID_BY") {
		out = append(out, sp.Text)
	}
	return out
}

// TestReviewSpeakerWindow settles a speaker disagreement in the real
// window: J to it, 2 accepts ben's speaker, Ctrl+S; the gold holds the
// quote SAID_BY Lavrov. Ctrl+Z (back to the speaker) and 1 then give it ana's ministry.
func TestReviewSpeakerWindow(t *testing.T) {
	x := startX(t)
	dir := t.TempDir()
	files := speakerFiles(t, dir)
	gold := filepath.Join(dir, "gold.jsonl")
	s := start(t, x, withTheme(t, "light"), append([]string{"review", "-o", gold}, files...)...)
	var shot string
	if !waitFor(20*time.Second, func() bool { shot = s.shot("speaker-start"); return drawn(shot) }) {
		t.Fatalf("the review window never showed the article (%s)", shot)
	}
	g := decide(s, gold, "j", "2")
	if got := goldSpeakers(t, g); strings.Join(got, "|") != lavrov {
		t.Errorf("after J 2 the gold gives the quote to %q, want ben's %q (%s)", got, lavrov, s.shot("speaker"))
	}
	if got := summary(g); len(got) != 3 {
		t.Errorf("gold spans %q: want the quote and both actors, not Putin", got)
	}
	g = decide(s, gold, "ctrl+z", "1")
	if got := goldSpeakers(t, g); strings.Join(got, "|") != ministry {
		t.Errorf("after Ctrl+Z 1 the gold gives the quote to %q, want ana's %q (%s)", got, ministry, s.shot("speaker-ana"))
	}
	if shot := s.shot("speaker-decided"); !drawn(shot) {
		t.Errorf("%s looks empty", shot)
	}
}
