package docview

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

// newTestView shows a view of text with spans in a test window of the given
// size, without window padding so that view and canvas positions agree.
func newTestView(t testing.TB, text string, w, h float32, spans ...annotate.Span) (*View, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	doc := &annotate.Document{ID: "t", Text: text, Spans: spans}
	v := New(doc, nil)
	win := test.NewTempWindow(t, v)
	win.SetPadded(false)
	win.Resize(fyne.NewSize(w, h))
	return v, win
}

// span makes a span over the nth occurrence of phrase.
func span(t testing.TB, text, id, label, phrase string, nth int) annotate.Span {
	s, e := annotatetest.Find(t, text, phrase, nth)
	return annotate.Span{ID: id, Start: s, End: e, Label: label, Text: phrase}
}

// posOf returns the position in the view of the left edge of code point off
// (at mid-height of its line); ok is false
// when its line is not visible.
func posOf(v *View, off int) (fyne.Position, bool) {
	if vl := visibleLineOf(v, off); vl != nil {
		return fyne.NewPos(v.geo.padX+v.lineX(vl, off), vl.y+v.geo.textH/2), true
	}
	return fyne.Position{}, false
}

// visibleLineOf returns the visible line holding code point off, or nil.
func visibleLineOf(v *View, off int) *vline {
	blk, ln := v.locate(off)
	for i := range v.visibleLines() {
		vl := &v.visible[i]
		if vl.blk == blk && vl.line == ln {
			return vl
		}
	}
	return nil
}

// midOf returns the position of the middle of code point off's glyph.
func midOf(t testing.TB, v *View, off int) fyne.Position {
	t.Helper()
	vl := visibleLineOf(v, off)
	if vl == nil || off >= vl.end {
		t.Fatalf("code point %d is not visible on one line", off)
	}
	a, b := v.lineX(vl, off), v.lineX(vl, off+1)
	return fyne.NewPos(v.geo.padX+(a+b)/2, vl.y+v.geo.textH/2)
}
