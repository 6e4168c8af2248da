package e2e

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// textX is the x in a fresh window (default text size) of the end of
// prefix when prefix starts a line: measured as Fyne measures the text it
// draws.
func textX(t *testing.T, prefix string) int {
	t.Helper()
	test.NewTempApp(t)
	return textLeft + int(math.Round(float64(fyne.MeasureText(prefix, 14, fyne.TextStyle{}).Width)))
}

// boundsWork writes a native file of text with spans (each the first
// occurrence of its phrase, with the given note) and SAID_BY relations
// from→to by phrase; it returns the path and the spans' ids by phrase.
func boundsWork(t *testing.T, text string, spans []phrase, notes map[string]string, saidBy [][2]string) (string, map[string]string) {
	t.Helper()
	d := &annotate.Document{ID: "article", Text: text, Annotator: "e2e"}
	addSpans(t, d, spans...)
	ids := map[string]string{}
	for i, p := range spans {
		ids[p.text] = d.Spans[i].ID
		d.Spans[i].Note = notes[p.text]
	}
	for _, r := range saidBy {
		d.Relations = append(d.Relations, annotate.NewRelation("SAID_BY", ids[r[0]], ids[r[1]]))
	}
	path := filepath.Join(t.TempDir(), "article.jsonl")
	if err := export.SaveNative(path, d); err != nil {
		t.Fatal(err)
	}
	return path, ids
}

// spanOf returns the saved span with id, failing the test when it is gone.
func spanOf(t *testing.T, d *annotate.Document, id, shot string) annotate.Span {
	t.Helper()
	i := d.SpanByID(id)
	if i < 0 {
		t.Fatalf("span %s is not in the saved file: %v (%s)", id, summary(d), shot)
	}
	return d.Spans[i]
}

// TestBoundariesByKeys moves a quote's ends with Alt+→, Alt+Shift+←,
// Alt+← and Ctrl+Z in a real window: the saved quote keeps its id, note
// and speaker, with new code-point offsets after an emoji flag.
func TestBoundariesByKeys(t *testing.T) {
	x := startX(t)
	quote, actor := "we will not stop", "Ankara 🇹🇷"
	in, ids := boundsWork(t, e2eText, []phrase{{"ACTOR", actor}, {"QUOTE", quote}},
		map[string]string{quote: "check the wording"}, [][2]string{{quote, actor}})
	out := filepath.Join(t.TempDir(), "out.jsonl")
	s := start(t, x, t.TempDir(), "--annotator", "e2e", "-o", out, in)
	check := func(step, want string) {
		t.Helper()
		docs := s.save(out)
		shot := s.shot(step)
		q := spanOf(t, docs[0], ids[quote], shot)
		ws, we := annotatetest.Find(t, e2eText, want, 0)
		if q.Start != ws || q.End != we || q.Text != want {
			t.Errorf("%s: the quote is %d-%d %q, want %d-%d %q (%s)", step, q.Start, q.End, q.Text, ws, we, want, shot)
		}
		if q.Note != "check the wording" || q.Label != "QUOTE" {
			t.Errorf("%s: the quote lost its note or label: %+v (%s)", step, q, shot)
		}
		if rs := docs[0].Relations; len(rs) != 1 || rs[0].From != ids[quote] || rs[0].To != ids[actor] {
			t.Errorf("%s: relations %+v (%s)", step, rs, shot)
		}
	}
	// Tab, Tab: Ankara, then the quote.
	s.keys("Tab", "Tab", "alt+Right")
	check("end-later", "we will not stop”")
	s.keys("alt+shift+Left")
	check("start-earlier", "“we will not stop”")
	s.keys("alt+Left", "alt+Left", "ctrl+z")
	check("end-earlier-undone", "“we will not stop")
	s.keys("alt+shift+Right")
	check("start-later", "we will not stop")
	// The speaker is at the text's first word: Alt+Shift+← is refused and
	// the file does not change.
	s.keys("shift+Tab", "alt+shift+Left")
	check("refused", "we will not stop")
	if a := spanOf(t, s.save(out)[0], ids[actor], ""); a.Text != actor {
		t.Errorf("the refused move changed the speaker to %q", a.Text)
	}
	s.keys("ctrl+q")
	if !s.exited(5 * time.Second) {
		t.Errorf("Ctrl+Q did not quit (%s)", s.shot("quit"))
	}
}

// TestBoundariesByDragging drags the end handle of "Vladimir" onto "Putin"
// and the start handle of "replied from Moscow" back onto the emoji before
// it, in a real window, with the mouse; the saved spans keep their ids,
// notes and the SAID_BY between them, with new code-point offsets (after
// an emoji flag and a CRLF on the line before).
func TestBoundariesByDragging(t *testing.T) {
	x := startX(t)
	actor, claim := "Vladimir", "replied from Moscow"
	in, ids := boundsWork(t, e2eText, []phrase{{"ACTOR", actor}, {"CLAIM", claim}},
		map[string]string{actor: "the president", claim: "where from?"}, [][2]string{{claim, actor}})
	out := filepath.Join(t.TempDir(), "out.jsonl")
	s := start(t, x, t.TempDir(), "--annotator", "e2e", "-o", out, in)
	y := firstLine + linePitch // the line "Vladimir Putin 😀 replied from Moscow."
	line := "Vladimir Putin 😀 replied from Moscow."

	// Click "Vladimir" to select it, then drag its end handle into "Putin".
	s.click(textX(t, "Vlad"), y)
	s.shot("selected")
	s.drag(textX(t, "Vladimir"), textX(t, "Vladimir Pu"), y)
	docs := s.save(out)
	shot := s.shot("end-dragged")
	a := spanOf(t, docs[0], ids[actor], shot)
	if want := "Vladimir Putin"; a.Text != want || a.Note != "the president" {
		t.Errorf("after dragging the end handle: %q (note %q), want %q (%s)", a.Text, a.Note, want, shot)
	}
	// Click the claim, drag its start handle left just past the space
	// before the emoji: snapped, the claim starts at the emoji.
	s.click(textX(t, "Vladimir Putin 😀 repl"), y)
	s.drag(textX(t, "Vladimir Putin 😀 "), textX(t, "Vladimir Putin ")+2, y)
	docs = s.save(out)
	shot = s.shot("start-dragged")
	c := spanOf(t, docs[0], ids[claim], shot)
	if want := "😀 replied from Moscow"; c.Text != want || c.Note != "where from?" {
		t.Errorf("after dragging the start handle: %q (note %q), want %q (%s)", c.Text, c.Note, want, shot)
	}
	a = spanOf(t, docs[0], ids[actor], shot)
	for _, sp := range []annotate.Span{a, c} {
		s0, e0 := annotatetest.Find(t, e2eText, sp.Text, 0)
		if sp.Start != s0 || sp.End != e0 {
			t.Errorf("%q saved at %d-%d, its code points are %d-%d", sp.Text, sp.Start, sp.End, s0, e0)
		}
	}
	if rs := docs[0].Relations; len(rs) != 1 || rs[0].From != ids[claim] || rs[0].To != ids[actor] {
		t.Errorf("relations %+v (%s)", rs, shot)
	}
	if !strings.Contains(line, a.Text) {
		t.Fatal("the test's line is not the text's")
	}
	// One Ctrl+Z per drag.
	s.keys("ctrl+z")
	if c := spanOf(t, s.save(out)[0], ids[claim], ""); c.Text != claim {
		t.Errorf("after Ctrl+Z the claim is %q", c.Text)
	}
	s.keys("ctrl+z")
	if a := spanOf(t, s.save(out)[0], ids[actor], ""); a.Text != actor {
		t.Errorf("after a second Ctrl+Z the actor is %q", a.Text)
	}
}

// TestCaptionsKeepTextStill double-clicks a word after a quote and labels
// it, links the quote to its speaker (its caption appears in the margin),
// double-clicks the same pixel again and labels it: both spans cover the
// same code points.
func TestCaptionsKeepTextStill(t *testing.T) {
	x := startX(t)
	// (No CJK here: the window's font has no CJK glyphs, and the shot
	// would show boxes; the headless tests cover CJK.)
	text := "Putin said “we stay” yesterday 😀 in Ankara 🇹🇷.\r\nCafe\u0301 owners agree.\r\n"
	in, _ := boundsWork(t, text, []phrase{{"ACTOR", "Putin"}, {"QUOTE", "we stay"}}, nil, nil)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	s := start(t, x, t.TempDir(), "--annotator", "e2e", "-o", out, in)
	px, py := textX(t, "Putin said “we stay” yester"), firstLine
	doubleClick := func() {
		s.xdo("mousemove", "--window", s.win, fmt.Sprint(px), fmt.Sprint(py), "click", "--repeat", "2", "--delay", "80", "1")
		time.Sleep(400 * time.Millisecond)
	}
	doubleClick()
	s.keys("c")
	before := s.shot("before-link")
	// Tab to the quote (Putin, the quote, the new claim in order), S,
	// Tab to Putin, Enter.
	s.keys("Escape", "ctrl+Home", "Tab", "Tab", "s", "Tab", "Return")
	after := s.shot("after-link")
	doubleClick()
	s.keys("a")
	docs := s.save(out)
	shot := s.shot("relabelled")
	d := docs[0]
	if len(d.Relations) != 1 {
		t.Fatalf("the quote was not linked: relations %+v (%s, %s)", d.Relations, before, after)
	}
	var claim, actor *annotate.Span
	for i := range d.Spans {
		sp := &d.Spans[i]
		switch {
		case sp.Label == "CLAIM":
			claim = sp
		case sp.Label == "ACTOR" && sp.Text != "Putin":
			actor = sp
		}
	}
	if claim == nil || actor == nil {
		t.Fatalf("spans %v (%s, %s)", summary(d), before, shot)
	}
	ys, ye := annotatetest.Find(t, text, "yesterday", 0)
	if claim.Start != ys || claim.End != ye {
		t.Errorf("the first double-click labelled %d-%d %q, want “yesterday” %d-%d (%s)", claim.Start, claim.End, claim.Text, ys, ye, before)
	}
	if actor.Start != claim.Start || actor.End != claim.End {
		t.Errorf("the same pixel after the link hit %d-%d %q, before it %d-%d %q (%s, %s)",
			actor.Start, actor.End, actor.Text, claim.Start, claim.End, claim.Text, after, shot)
	}
}
