package docview

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
)

// FuzzView lays out any text with relation captions, hit-tests, drags,
// drags span handles and moves the caret over it, in and out of link mode:
// nothing may panic, every offset stays in the text and on a code point
// boundary that is not inside a \r\n, and the blocks tile the text.
func FuzzView(f *testing.F) {
	for _, s := range []string{"", "a", "ab\r\ncd", "\r\n\r\n", "\r", "👍🏽 cafe\u0301 中文", "\t\x00x\x7f", strings.Repeat("w ", 3000)} {
		f.Add(s, uint16(10), uint16(10), uint8(3))
	}
	test.NewTempApp(f)
	f.Fuzz(func(t *testing.T, text string, x, y uint16, keys uint8) {
		if !utf8.ValidString(text) {
			text = strings.ToValidUTF8(text, "?")
		}
		checkBlocks(t, text, splitBlocks(text))
		n := utf8.RuneCountInString(text)
		// A span with offsets from the fuzzer, possibly outside the text.
		spans := []annotate.Span{{ID: "z", Start: int(x%64) - 8, End: int(y % 96), Label: "QUOTE"}}
		if n > 2 {
			spans = append(spans, annotate.Span{ID: "a", Start: 0, End: n / 2, Label: "ACTOR"}, annotate.Span{ID: "b", Start: n / 3, End: n, Label: "NOPE"})
		}
		// Relations give captions (one from a span with offsets outside the
		// text, one to a missing span, one from a span to itself).
		rels := []annotate.Relation{{ID: "r1", Label: "SAID_BY", From: "z", To: "a"}, {ID: "r2", Label: "SAID_BY", From: "b", To: "z"},
			{ID: "r3", Label: "OTHER", From: "a", To: "a", Suggested: true}, {ID: "r4", Label: "SAID_BY", From: "a", To: "gone"}}
		v := New(&annotate.Document{Text: text, Spans: spans, Relations: rels}, nil)
		if keys%2 == 1 {
			v.SetLinkSource("z") // link mode, every span a target
		}
		w := test.NewWindow(v)
		defer w.Close()
		w.SetPadded(false)
		w.Resize(fyne.NewSize(200, 120))
		valid := func(what string, off int) {
			if off < 0 || off > n {
				t.Fatalf("%s: offset %d outside [0, %d]", what, off, n)
			}
			if b := v.doc.Index().ByteOffset(off); b > 0 && b < len(text) && text[b-1] == '\r' && text[b] == '\n' {
				t.Fatalf("%s: offset %d is inside a \\r\\n", what, off)
			}
		}
		pos := fyne.NewPos(float32(x%400)-100, float32(y%300)-80)
		valid("offsetAt", v.offsetAt(pos))
		if r := v.runeAt(pos); r >= n {
			t.Fatalf("runeAt: %d of %d", r, n)
		}
		press(v, fyne.NewPos(5, 5), 0)
		dragTo(v, fyne.NewPos(5, 5), pos)
		v.DragEnd()
		s, e := v.Selection()
		valid("drag start", s)
		valid("drag end", e)
		// Drag the end handle of a selected span to pos, and its start.
		var asked [][2]int
		v.OnBoundsRequested = func(_ string, s, e int) { asked = append(asked, [2]int{s, e}) }
		v.OnEdgeMoveRequested = func(string, annotate.Edge, int) {}
		for _, id := range []string{"a", "z"} {
			v.SelectSpan(id)
			if s, e, ok := v.handleBounds(); ok {
				for _, h := range []struct {
					off   int
					isEnd bool
				}{{e, true}, {s, false}} {
					if p, ok := handlePoint(v, h.off, h.isEnd); ok {
						press(v, p, 0)
						dragTo(v, p, pos)
						v.DragEnd()
					}
				}
			}
			v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyRight, Modifier: fyne.KeyModifierAlt})
		}
		for _, b := range asked {
			valid("handle drag start", b[0])
			valid("handle drag end", b[1])
		}
		v.Tapped(&fyne.PointEvent{Position: pos})
		v.DoubleTapped(&fyne.PointEvent{Position: pos})
		names := []fyne.KeyName{fyne.KeyRight, fyne.KeyDown, fyne.KeyEnd, fyne.KeyLeft, fyne.KeyUp, fyne.KeyHome, fyne.KeyTab, fyne.KeyPageDown, fyne.KeyReturn}
		for i := range int(keys % 16) {
			v.TypedKey(&fyne.KeyEvent{Name: names[(int(keys)+i)%len(names)]})
			s, e := v.Selection()
			valid("key start", s)
			valid("key end", e)
		}
		v.TypedRune('a')
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, -float32(y))})
		w.Canvas().Capture()
	})
}
