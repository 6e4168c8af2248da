package docview

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// linkText has actors (valid targets of SAID_BY) and quotes and claims
// (not) in an order that interleaves them, around an emoji and CRLF.
const linkText = "Ankara 😀 said “we stay”.\r\nMoscow replied: “no”, and Çavusoglu claimed victory; Lavrov, too."

// linkView shows linkText in link mode from the first quote, with the
// ACTOR spans as valid targets, and records the callbacks.
func linkView(t *testing.T) (v *View, chosen *[]string, cancelled *int) {
	t.Helper()
	spans := []annotate.Span{
		span(t, linkText, "ankara", "ACTOR", "Ankara", 0),
		span(t, linkText, "q1", "QUOTE", "we stay", 0),
		span(t, linkText, "moscow", "ACTOR", "Moscow", 0),
		span(t, linkText, "q2", "QUOTE", "no", 0),
		span(t, linkText, "cav", "ACTOR", "Çavusoglu", 0),
		span(t, linkText, "claim", "CLAIM", "Çavusoglu claimed victory", 0),
		span(t, linkText, "lavrov", "ACTOR", "Lavrov", 0),
	}
	v, _ = newTestView(t, linkText, 600, 200, spans...)
	chosen, cancelled = new([]string), new(int)
	v.OnLinkChosen = func(id string) { *chosen = append(*chosen, id) }
	v.OnLinkCancelled = func() { *cancelled++ }
	v.OnLabelRequested = func(string, int, int) { t.Error("a label key labelled in link mode") }
	v.OnDeleteRequested = func(string) { t.Error("Delete deleted in link mode") }
	labels := annotate.DefaultLabelSet()
	v.SelectSpan("q1")
	v.SetLinkSource("q1")
	v.SetLinkTargets(func(s annotate.Span) bool { return labels.Allows("SAID_BY", "QUOTE", s.Label) })
	return v, chosen, cancelled
}

func tab(v *View, back bool) {
	if back {
		v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		defer v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
}

func TestLinkTabCyclesValidTargets(t *testing.T) {
	v, chosen, _ := linkView(t)
	var fwd, back []string
	for range 8 {
		tab(v, false)
		fwd = append(fwd, v.link.cur)
	}
	// From q1: the actors after it in text order, wrapping round.
	want := []string{"moscow", "cav", "lavrov", "ankara", "moscow", "cav", "lavrov", "ankara"}
	if !slices.Equal(fwd, want) {
		t.Errorf("Tab went to %q, want %q", fwd, want)
	}
	for range 4 {
		tab(v, true)
		back = append(back, v.link.cur)
	}
	if want := []string{"lavrov", "cav", "moscow", "ankara"}; !slices.Equal(back, want) {
		t.Errorf("Shift+Tab went to %q, want %q", back, want)
	}
	if v.SelectedSpan() != "q1" || len(*chosen) != 0 {
		t.Errorf("Tab changed the selected span to %q or chose %q", v.SelectedSpan(), *chosen)
	}
	// Enter links the current target and ends link mode.
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !slices.Equal(*chosen, []string{"ankara"}) || v.LinkSource() != "" {
		t.Errorf("Enter chose %q, link source now %q", *chosen, v.LinkSource())
	}
	// Out of link mode Tab selects spans again, all of them.
	tab(v, false)
	if v.SelectedSpan() == "" || v.link.cur != "" {
		t.Errorf("after link mode Tab selected %q", v.SelectedSpan())
	}
}

func TestLinkNoValidTarget(t *testing.T) {
	v, chosen, _ := linkView(t)
	v.SetLinkTargets(func(annotate.Span) bool { return false })
	tab(v, false)
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnter})
	if v.link.cur != "" || len(*chosen) != 0 || v.LinkSource() != "q1" {
		t.Errorf("with no valid target: cur %q, chosen %q, source %q", v.link.cur, *chosen, v.LinkSource())
	}
}

func TestLinkClick(t *testing.T) {
	v, chosen, cancelled := linkView(t)
	at := func(id string) fyne.Position {
		s := v.doc.Spans[v.doc.SpanByID(id)]
		return midOf(t, v, s.Start+1)
	}
	// Invalid targets: another quote, a claim's own text, the source,
	// plain text. Nothing happens, link mode goes on.
	s0, e0 := v.Selection()
	_, plain := annotatetest.Find(t, linkText, "repl", 0)
	for _, pos := range []fyne.Position{at("q2"), midOf(t, v, v.doc.Spans[v.doc.SpanByID("claim")].End-2), at("q1"), midOf(t, v, plain)} {
		press(v, pos, 0)
		v.Tapped(&fyne.PointEvent{Position: pos})
		v.DoubleTapped(&fyne.PointEvent{Position: pos})
	}
	if s, e := v.Selection(); len(*chosen) != 0 || *cancelled != 0 || v.LinkSource() != "q1" || v.SelectedSpan() != "q1" || s != s0 || e != e0 {
		t.Errorf("clicks on invalid targets: chosen %q, cancelled %d, source %q, span %q, selection %d-%d",
			*chosen, *cancelled, v.LinkSource(), v.SelectedSpan(), s, e)
	}
	// The mouse cursor says where a click links.
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at("q2")}})
	if c := v.Cursor(); c != desktop.DefaultCursor {
		t.Errorf("cursor over an invalid target: %v", c)
	}
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at("cav")}})
	if c := v.Cursor(); c != desktop.PointerCursor {
		t.Errorf("cursor over a valid target: %v", c)
	}
	// A click on an actor inside a claim links the actor.
	press(v, at("cav"), 0)
	if !slices.Equal(*chosen, []string{"cav"}) || v.LinkSource() != "" {
		t.Errorf("click on Çavusoglu chose %q, source %q", *chosen, v.LinkSource())
	}
	if c := v.Cursor(); c != desktop.TextCursor {
		t.Errorf("cursor after link mode: %v", c)
	}
}

func TestLinkEscAndStrayKeys(t *testing.T) {
	v, chosen, cancelled := linkView(t)
	for _, r := range "aqc1" {
		v.TypedRune(r)
	}
	for _, k := range []fyne.KeyName{fyne.KeyDelete, fyne.KeyBackspace, fyne.KeyLeft, fyne.KeyDown, fyne.KeyEnter} {
		v.TypedKey(&fyne.KeyEvent{Name: k})
	}
	if v.LinkSource() != "q1" || v.SelectedSpan() != "q1" || len(*chosen) != 0 {
		t.Fatalf("stray keys: source %q, span %q, chosen %q", v.LinkSource(), v.SelectedSpan(), *chosen)
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if *cancelled != 1 || v.LinkSource() != "" || len(*chosen) != 0 {
		t.Errorf("Esc: cancelled %d, source %q, chosen %q", *cancelled, v.LinkSource(), *chosen)
	}
	// Esc out of link mode clears the span as before, without the callback.
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if *cancelled != 1 || v.SelectedSpan() != "" {
		t.Errorf("second Esc: cancelled %d, span %q", *cancelled, v.SelectedSpan())
	}
}

func TestLinkSourceRemoved(t *testing.T) {
	v, _, cancelled := linkView(t)
	tab(v, false)
	h := annotate.NewHistory(v.doc)
	h.OnChange = v.SpansChanged
	if err := h.Do(&annotate.RemoveSpan{ID: v.link.cur}); err != nil {
		t.Fatal(err)
	}
	if v.link.cur != "" || v.LinkSource() != "q1" {
		t.Errorf("after removing the current target: cur %q, source %q", v.link.cur, v.LinkSource())
	}
	if err := h.Do(&annotate.RemoveSpan{ID: "q1"}); err != nil {
		t.Fatal(err)
	}
	if v.LinkSource() != "" || *cancelled != 1 {
		t.Errorf("after removing the source: source %q, cancelled %d", v.LinkSource(), *cancelled)
	}
	v.SetLinkSource("no-such-span")
	if v.LinkSource() != "" {
		t.Errorf("link mode from a missing span: %q", v.LinkSource())
	}
	// A new document cancels link mode.
	v.SetLinkSource("q2")
	v.SetDocument(&annotate.Document{Text: "new"})
	if v.LinkSource() != "" || *cancelled != 2 {
		t.Errorf("after SetDocument: source %q, cancelled %d", v.LinkSource(), *cancelled)
	}
}

func TestLinkModeDrawn(t *testing.T) {
	v, _, _ := linkView(t)
	outlines := func() map[float32]int {
		n := map[float32]int{}
		for _, o := range test.WidgetRenderer(v).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth > 0 {
				n[r.StrokeWidth]++
			}
		}
		return n
	}
	// The source strongly, the four actors lightly.
	if got := outlines(); got[3] != 1 || got[1.5] != 4 {
		t.Errorf("outlines in link mode: %v", got)
	}
	tab(v, false)
	if got := outlines(); got[3] != 2 || got[1.5] != 3 {
		t.Errorf("outlines after Tab: %v", got)
	}
	v.SetLinkSource("")
	if got := outlines(); got[3] != 0 || got[1.5] != 0 || got[2] != 1 {
		t.Errorf("outlines after link mode: %v", got)
	}
}
