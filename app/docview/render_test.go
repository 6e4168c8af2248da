package docview

import (
	"image/color"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// overlapText has a claim crossing a quote, an actor nested in the quote
// and a suggested span.
const overlapText = "The minister said “Putin will not come”, the agency reported.\r\n\r\nLavrov agreed."

func overlapSpans(t testing.TB) []annotate.Span {
	sug := span(t, overlapText, "lavrov", "ACTOR", "Lavrov", 0)
	sug.Suggested = true
	return []annotate.Span{
		span(t, overlapText, "quote", "QUOTE", "Putin will not come", 0),
		span(t, overlapText, "actor", "ACTOR", "Putin", 0),
		span(t, overlapText, "claim", "CLAIM", "said “Putin will", 0),
		span(t, overlapText, "minister", "ACTOR", "The minister", 0),
		sug,
	}
}

func TestRenderOverlappingSpans(t *testing.T) {
	v, w := newTestView(t, overlapText, 320, 200, overlapSpans(t)...)
	v.OnBoundsRequested = func(string, int, int) {} // the selected span has handles
	w.Canvas().Focus(v)
	v.SelectSpan("quote")
	fs, fe := annotatetest.Find(t, overlapText, "agency", 0)
	v.SetFindMatches([][2]int{{fs, fe}})
	test.AssertRendersToMarkup(t, "overlap.xml", w.Canvas())
	test.AssertRendersToImage(t, "overlap.png", w.Canvas())
}

// rectsOf returns the rectangles drawn in colour c (ignoring alpha).
func rectsOf(v *View, c color.NRGBA) []*canvas.Rectangle {
	var out []*canvas.Rectangle
	for _, o := range test.WidgetRenderer(v).Objects() {
		r, ok := o.(*canvas.Rectangle)
		if !ok || r.FillColor == nil {
			continue
		}
		f := color.NRGBAModel.Convert(r.FillColor).(color.NRGBA)
		if f.R == c.R && f.G == c.G && f.B == c.B && f.A > 0 {
			out = append(out, r)
		}
	}
	return out
}

func TestNestedSpansAllVisible(t *testing.T) {
	v, _ := newTestView(t, overlapText, 600, 200, overlapSpans(t)...)
	ls := annotate.DefaultLabelSet()
	colour := func(label string) color.NRGBA {
		c, _ := annotate.ParseColor(ls.Label(label).Color)
		return color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xff}
	}
	// Each label's rectangles, and the rows of their bars (by y).
	barYs := map[string]map[float32]bool{}
	for _, l := range []string{"ACTOR", "CLAIM", "QUOTE"} {
		rs := rectsOf(v, colour(l))
		if len(rs) == 0 {
			t.Fatalf("nothing drawn in %s's colour", l)
		}
		barYs[l] = map[float32]bool{}
		for _, r := range rs {
			if r.Size().Height == v.geo.barH {
				barYs[l][r.Position().Y] = true
			}
		}
	}
	// The actor nested in the quote has its bar on a lower row than the
	// quote's, and the claim crossing the quote is on another row too.
	line0 := v.visibleLines()[0].y
	row := func(l string) (rows []int) {
		for y := range barYs[l] {
			if y < line0+v.geo.lineH {
				rows = append(rows, int((y-line0-v.geo.textH-1)/v.geo.pitch))
			}
		}
		return rows
	}
	if len(row("QUOTE")) != 1 || len(row("CLAIM")) != 1 || row("QUOTE")[0] == row("CLAIM")[0] {
		t.Errorf("quote rows %v and claim rows %v should be one row each and differ", row("QUOTE"), row("CLAIM"))
	}
	if !contains(row("ACTOR"), row("QUOTE")[0]+1) {
		t.Errorf("actor rows %v: none below the quote's row %v", row("ACTOR"), row("QUOTE"))
	}
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestObjectCountFollowsVisibleLines(t *testing.T) {
	count := func(paragraphs int) int {
		var b strings.Builder
		var spans []annotate.Span
		for i := range paragraphs {
			start := b.Len() // ASCII: bytes are code points
			b.WriteString("Putin told Erdogan that the jobs continue, Lavrov said.\n")
			spans = append(spans, annotate.Span{ID: strings.Repeat("x", i%5) + string(rune('a'+i%26)) + "-" + string(rune(i)), Start: start, End: start + 5, Label: "ACTOR"})
		}
		v, _ := newTestView(t, b.String(), 500, 300, spans...)
		return len(test.WidgetRenderer(v).Objects())
	}
	small, big := count(100), count(20000)
	if small == 0 || big > small {
		t.Errorf("objects: %d for 100 paragraphs, %d for 20,000", small, big)
	}
}

func TestFindMatchesDrawn(t *testing.T) {
	v, _ := newTestView(t, sentence, 600, 200)
	outlines := func() int {
		n := 0
		for _, o := range test.WidgetRenderer(v).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth > 0 {
				n++
			}
		}
		return n
	}
	if n := outlines(); n != 0 {
		t.Fatalf("%d outlines before any find", n)
	}
	a, b := annotatetest.Find(t, sentence, "its", 0)
	c, d := annotatetest.Find(t, sentence, "its", 1)
	v.SetFindMatches([][2]int{{c, d}, {a, b}})
	if n := outlines(); n != 2 {
		t.Errorf("%d outlines for two matches", n)
	}
	v.SetFindMatches(nil)
	if n := outlines(); n != 0 {
		t.Errorf("%d outlines after clearing", n)
	}
}

func TestTextSize(t *testing.T) {
	v, _ := newTestView(t, sentence, 600, 200)
	h := v.geo.lineH
	v.SetTextSize(28)
	v.visibleLines()
	if v.geo.lineH <= h*1.5 {
		t.Errorf("line height %v at size 28, was %v", v.geo.lineH, h)
	}
	for _, o := range test.WidgetRenderer(v).Objects() {
		if tx, ok := o.(*canvas.Text); ok && tx.TextSize != 28 {
			t.Errorf("text drawn at %v", tx.TextSize)
		}
	}
	v.SetTextSize(0)
	v.visibleLines()
	if v.geo.lineH != h {
		t.Errorf("back to the theme's size: line height %v, want %v", v.geo.lineH, h)
	}
}

func TestFocusWhenShown(t *testing.T) {
	v, w := newTestView(t, sentence, 600, 200)
	if w.Canvas().Focused() != v {
		t.Errorf("focused: %v", w.Canvas().Focused())
	}
	_ = fyne.Position{}
}

func TestRelatedSpansOutlined(t *testing.T) {
	text := "Lavrov said “the jobs continue” and Shoigu agreed."
	spans := []annotate.Span{
		span(t, text, "lavrov", "ACTOR", "Lavrov", 0),
		span(t, text, "quote", "QUOTE", "the jobs continue", 0),
		span(t, text, "shoigu", "ACTOR", "Shoigu", 0),
	}
	v, _ := newTestView(t, text, 600, 200, spans...)
	v.doc.Relations = []annotate.Relation{{ID: "r", Label: "SAID_BY", From: "quote", To: "lavrov"}}
	outlines := func() map[float32]int {
		n := map[float32]int{}
		for _, o := range test.WidgetRenderer(v).Objects() {
			if r, ok := o.(*canvas.Rectangle); ok && r.StrokeWidth > 0 {
				n[r.StrokeWidth]++
			}
		}
		return n
	}
	v.SelectSpan("quote")
	if got := outlines(); got[2] != 1 || got[1] != 1 {
		t.Errorf("quote selected: outlines by width %v, want one of 2 (the quote) and one of 1 (its speaker)", got)
	}
	v.SelectSpan("shoigu")
	if got := outlines(); got[2] != 1 || got[1] != 0 {
		t.Errorf("unrelated span selected: outlines by width %v", got)
	}
	v.SelectSpan("lavrov")
	if got := outlines(); got[2] != 1 || got[1] != 1 {
		t.Errorf("speaker selected: outlines by width %v", got)
	}
}
