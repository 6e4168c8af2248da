package docview

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2/test"

	"gloss/annotate"
)

// TestRejectedSpanStruckThrough: a rejected span (negative evidence from a
// Prodigy "reject") is drawn with a line through its text in its label's
// colour and no underline bar, so it cannot be mistaken for an
// annotation; an accepted span beside it keeps its bar.
func TestRejectedSpanStruckThrough(t *testing.T) {
	const text = "Uber’s MX rivals met in Zürich 🚕 today."
	rej := span(t, text, "mx", "ACTOR", "MX", 0)
	rej.Rejected = true
	ok := span(t, text, "zurich", "CLAIM", "Zürich 🚕", 0)
	v, w := newTestView(t, text, 420, 120, rej, ok)
	ls := annotate.DefaultLabelSet()
	colour := func(label string) color.NRGBA {
		c, _ := annotate.ParseColor(ls.Label(label).Color)
		return color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xff}
	}
	vl := visibleLineOf(v, rej.Start)
	if vl == nil {
		t.Fatal("the rejected span's line is not visible")
	}
	textTop, textBottom := vl.y, vl.y+v.geo.textH
	var strikes, bars int
	for _, r := range rectsOf(v, colour("ACTOR")) {
		f := r.FillColor.(color.NRGBA)
		if f.A != 0xff {
			continue // the pale background
		}
		y, h := r.Position().Y, r.Size().Height
		switch {
		case y > textTop && y+h < textBottom:
			strikes++
		case y >= textBottom:
			bars++
		}
	}
	if strikes != 1 || bars != 0 {
		t.Errorf("rejected span: %d strike line(s) and %d bar(s), want 1 and 0", strikes, bars)
	}
	claimBars := 0
	for _, r := range rectsOf(v, colour("CLAIM")) {
		if r.FillColor.(color.NRGBA).A == 0xff && r.Position().Y >= textBottom {
			claimBars++
		}
	}
	if claimBars != 1 {
		t.Errorf("accepted span: %d bar(s), want 1", claimBars)
	}
	test.AssertRendersToImage(t, "rejected.png", w.Canvas())
}
