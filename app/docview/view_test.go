package docview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
)

const sentence = "Russia fails in its attempt to persuade Turkey to stop its offensive."

func press(v *View, pos fyne.Position, mod fyne.KeyModifier) {
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}, Button: desktop.MouseButtonPrimary, Modifier: mod})
}

// dragTo sends one Dragged event from from to to, as Fyne does.
func dragTo(v *View, from, to fyne.Position) {
	v.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
}

func TestDragSelectsSnappedToWords(t *testing.T) {
	tests := []struct {
		name             string
		from, to         string // the code points under the press and the release, by phrase
		fromAt, toAt     int    // offset inside the phrase
		snap             bool
		wantStart, wantE string // the selected text's first and last words
		want             string
	}{
		{name: "forward", from: "fails", fromAt: 2, to: "its", toAt: 1, snap: true, want: "fails in its"},
		{name: "backward", from: "its", toAt: 3, fromAt: 1, to: "Russia", snap: true, want: "Russia fails in its"},
		{name: "no snapping", from: "fails", fromAt: 2, to: "its", toAt: 1, snap: false, want: "ils in i"},
		{name: "within a word", from: "persuade", fromAt: 2, to: "persuade", toAt: 4, snap: true, want: "persuade"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := newTestView(t, sentence, 600, 200)
			v.SetSnapping(tt.snap)
			var events [][2]int
			v.OnSelectionChanged = func(s, e int) { events = append(events, [2]int{s, e}) }
			a, _ := annotatetest.Find(t, sentence, tt.from, 0)
			b, _ := annotatetest.Find(t, sentence, tt.to, 0)
			from, _ := posOf(v, a+tt.fromAt)
			to, _ := posOf(v, b+tt.toAt)
			from.X++ // just right of the boundary, so the nearest boundary is it
			to.X++
			press(v, from, 0)
			mid := fyne.NewPos((from.X+to.X)/2, from.Y)
			dragTo(v, from, mid)
			dragTo(v, mid, to)
			// The live selection already shows the snapped range.
			s, e := v.Selection()
			if got := string([]rune(sentence)[s:e]); got != tt.want {
				t.Errorf("live selection %q, want %q", got, tt.want)
			}
			v.DragEnd()
			v.MouseUp(&desktop.MouseEvent{Button: desktop.MouseButtonPrimary})
			if s2, e2 := v.Selection(); s2 != s || e2 != e {
				t.Errorf("selection changed at release: %d-%d, was %d-%d", s2, e2, s, e)
			}
			if len(events) == 0 || events[len(events)-1] != [2]int{s, e} {
				t.Errorf("OnSelectionChanged got %v", events)
			}
		})
	}
}

func TestDragWithoutMouseDown(t *testing.T) {
	v, _ := newTestView(t, sentence, 600, 200)
	a, _ := annotatetest.Find(t, sentence, "attempt", 0)
	b, _ := annotatetest.Find(t, sentence, "persuade", 0)
	from, _ := posOf(v, a+1)
	to, _ := posOf(v, b+1)
	dragTo(v, from, to) // test.Drag sends no MouseDown: the anchor is Position - Dragged
	v.DragEnd()
	s, e := v.Selection()
	if got := string([]rune(sentence)[s:e]); got != "attempt to persuade" {
		t.Errorf("selected %q", got)
	}
}

func manyLines(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("Line ")
		b.WriteString(strings.Repeat("x", i%7+1))
		b.WriteString(" of the text.\n")
	}
	return b.String()
}

func TestDragOutsideScrollsAndKeepsSelecting(t *testing.T) {
	text := manyLines(200)
	v, _ := newTestView(t, text, 400, 200)
	last := v.visibleLines()[len(v.visible)-1].end
	from, _ := posOf(v, 2)
	press(v, from, 0)
	below := fyne.NewPos(50, v.geo.viewH+3*v.geo.lineH)
	dragTo(v, from, below)
	dragTo(v, below, below.AddXY(1, 0))
	if v.position() <= 0 {
		t.Fatal("a drag below the view did not scroll")
	}
	s, e := v.Selection()
	if s != 0 || e <= last {
		t.Errorf("selection %d-%d should start at 0 and pass the first screen's end %d", s, e, last)
	}
	// Back above the view: it scrolls up again and the selection shrinks.
	above := fyne.NewPos(50, -3*v.geo.lineH)
	pos := v.position()
	dragTo(v, below, above)
	if v.position() >= pos {
		t.Errorf("a drag above the view did not scroll up (%v → %v)", pos, v.position())
	}
	v.DragEnd()
}

func TestDoubleTapSelectsWord(t *testing.T) {
	text := "Héllo 👍🏽 wörld, 中文 test"
	tests := []struct{ word, want string }{
		{"wörld", "wörld"},
		{"test", "test"},
		{"Héllo", "Héllo"},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			v, _ := newTestView(t, text, 600, 200)
			a, _ := annotatetest.Find(t, text, tt.word, 0)
			v.DoubleTapped(&fyne.PointEvent{Position: midOf(t, v, a+1)})
			s, e := v.Selection()
			if got := string([]rune(text)[s:e]); got != tt.want {
				t.Errorf("selected %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTapSelectsInnermostSpan(t *testing.T) {
	text := `The minister said “Putin will not come”, the agency reported.`
	spans := []annotate.Span{
		span(t, text, "quote", "QUOTE", "Putin will not come", 0),
		span(t, text, "actor", "ACTOR", "Putin", 0),
		span(t, text, "claim", "CLAIM", "said “Putin will", 0), // crosses the quote
		span(t, text, "minister", "ACTOR", "The minister", 0),
	}
	tests := []struct {
		at   string
		nth  int
		want string
	}{
		{"Putin", 0, "actor"},
		{"will", 0, "claim"}, // claim and quote both cover it: the shorter wins
		{"come", 0, "quote"},
		{"minister", 0, "minister"},
		{"agency", 0, ""},
	}
	v, _ := newTestView(t, text, 700, 200, spans...)
	var got []string
	v.OnSpanSelected = func(id string) { got = append(got, id) }
	for _, tt := range tests {
		a, _ := annotatetest.Find(t, text, tt.at, tt.nth)
		v.Tapped(&fyne.PointEvent{Position: midOf(t, v, a+1)})
		if v.SelectedSpan() != tt.want {
			t.Errorf("tap on %q selected %q, want %q", tt.at, v.SelectedSpan(), tt.want)
		}
	}
	if want := []string{"actor", "claim", "quote", "minister", ""}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("OnSpanSelected calls %q, want %q", got, want)
	}
}

// keyStep is one key of a keyboard test: a key name, a shortcut, or a rune.
type keyStep struct {
	key   fyne.KeyName
	mod   fyne.KeyModifier // Shift alone is sent as KeyDown/KeyUp; Ctrl makes a shortcut
	r     rune
	start int // the selection expected after the step
	end   int
}

func sendKey(v *View, k keyStep) {
	switch {
	case k.r != 0:
		v.TypedRune(k.r)
	case k.mod&fyne.KeyModifierControl != 0:
		v.TypedShortcut(&desktop.CustomShortcut{KeyName: k.key, Modifier: k.mod})
	default:
		if k.mod&fyne.KeyModifierShift != 0 {
			v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
			defer v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
		}
		v.TypedKey(&fyne.KeyEvent{Name: k.key})
	}
}

func TestCaretKeys(t *testing.T) {
	// Two paragraphs, CRLF, an emoji with a skin tone (one grapheme of two
	// code points) and a decomposed é (two code points).
	text := "Ab 👍🏽 cd\r\nEfe\u0301 gh"
	const shift, ctrl = fyne.KeyModifierShift, fyne.KeyModifierControl
	tests := []struct {
		name  string
		start int // caret before the steps
		steps []keyStep
	}{
		{"right over an emoji cluster", 2, []keyStep{
			{key: fyne.KeyRight, start: 3, end: 3},
			{key: fyne.KeyRight, start: 5, end: 5},
			{key: fyne.KeyLeft, start: 3, end: 3},
		}},
		{"right over CRLF", 8, []keyStep{
			{key: fyne.KeyRight, start: 10, end: 10},
			{key: fyne.KeyLeft, start: 8, end: 8},
		}},
		{"left over a combining accent", 15, []keyStep{
			{key: fyne.KeyLeft, start: 14, end: 14},
			{key: fyne.KeyLeft, start: 12, end: 12},
		}},
		{"shift extends, arrow collapses", 0, []keyStep{
			{key: fyne.KeyRight, mod: shift, start: 0, end: 1},
			{key: fyne.KeyRight, mod: shift, start: 0, end: 2},
			{key: fyne.KeyLeft, start: 0, end: 0},
		}},
		{"home and end", 4, []keyStep{
			{key: fyne.KeyEnd, start: 8, end: 8},
			{key: fyne.KeyHome, start: 0, end: 0},
			{key: fyne.KeyEnd, mod: shift, start: 0, end: 8},
		}},
		{"ctrl home and end", 5, []keyStep{
			{key: fyne.KeyEnd, mod: ctrl, start: 17, end: 17},
			{key: fyne.KeyHome, mod: ctrl | shift, start: 0, end: 17},
			{key: fyne.KeyHome, mod: ctrl, start: 0, end: 0},
		}},
		{"ctrl left and right by word", 0, []keyStep{
			{key: fyne.KeyRight, mod: ctrl, start: 2, end: 2},
			{key: fyne.KeyRight, mod: ctrl, start: 5, end: 5},
			{key: fyne.KeyRight, mod: ctrl | shift, start: 5, end: 8},
			{key: fyne.KeyLeft, mod: ctrl, start: 6, end: 6},
			{key: fyne.KeyLeft, mod: ctrl, start: 3, end: 3},
		}},
		{"up and down keep the column", 1, []keyStep{
			{key: fyne.KeyDown, start: 11, end: 11},
			{key: fyne.KeyUp, start: 1, end: 1},
			{key: fyne.KeyDown, mod: shift, start: 1, end: 11},
			{key: fyne.KeyDown, start: 17, end: 17}, // past the last line: the end
		}},
		{"escape clears the selection", 0, []keyStep{
			{key: fyne.KeyEnd, mod: shift, start: 0, end: 8},
			{key: fyne.KeyEscape, start: 8, end: 8},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := newTestView(t, text, 600, 200)
			v.SetSelection(tt.start, tt.start)
			for i, k := range tt.steps {
				sendKey(v, k)
				if s, e := v.Selection(); s != k.start || e != k.end {
					t.Fatalf("step %d (%s %v): selection %d-%d, want %d-%d", i, k.key, k.mod, s, e, k.start, k.end)
				}
			}
		})
	}
}

func TestSpanKeys(t *testing.T) {
	text := "Putin told Erdogan that “the jobs continue”, Lavrov said."
	spans := []annotate.Span{
		span(t, text, "putin", "ACTOR", "Putin", 0),
		span(t, text, "erdogan", "ACTOR", "Erdogan", 0),
		span(t, text, "quote", "QUOTE", "the jobs continue", 0),
		span(t, text, "lavrov", "ACTOR", "Lavrov", 0),
	}
	v, _ := newTestView(t, text, 700, 200, spans...)
	var deleted []string
	v.OnDeleteRequested = func(id string) { deleted = append(deleted, id) }
	tab := keyStep{key: fyne.KeyTab}
	backTab := keyStep{key: fyne.KeyTab, mod: fyne.KeyModifierShift}
	for i, want := range []string{"putin", "erdogan", "quote", "lavrov", "putin"} {
		sendKey(v, tab)
		if v.SelectedSpan() != want {
			t.Fatalf("Tab %d selected %q, want %q", i+1, v.SelectedSpan(), want)
		}
	}
	sendKey(v, backTab)
	if v.SelectedSpan() != "lavrov" {
		t.Fatalf("Shift+Tab selected %q, want lavrov", v.SelectedSpan())
	}
	sendKey(v, keyStep{key: fyne.KeyDelete})
	sendKey(v, backTab)
	sendKey(v, keyStep{key: fyne.KeyBackspace})
	if strings.Join(deleted, ",") != "lavrov,quote" {
		t.Errorf("delete requests %q", deleted)
	}
	sendKey(v, keyStep{key: fyne.KeyEscape})
	if v.SelectedSpan() != "" {
		t.Errorf("Esc left span %q selected", v.SelectedSpan())
	}
	sendKey(v, keyStep{key: fyne.KeyDelete})
	if len(deleted) != 2 {
		t.Errorf("Delete with no span selected asked to delete %q", deleted[2:])
	}
	// The view never edits the document itself.
	if len(v.doc.Spans) != 4 {
		t.Errorf("the view changed the spans: %d", len(v.doc.Spans))
	}
}

func TestLabelKeys(t *testing.T) {
	text := "Abdelfatah al Sisi received Haftar in Cairo."
	type req struct {
		label      string
		start, end int
	}
	tests := []struct {
		name      string
		sel       [2]int // the selection before the key
		spanID    string // a span selected before the key
		snap      bool
		key       rune
		want      *req
		wantAfter [2]int
	}{
		{"key a snaps the selection", [2]int{2, 16}, "", true, 'a', &req{"ACTOR", 0, 18}, [2]int{18, 18}},
		{"key 2 is the second label", [2]int{19, 22}, "", true, '2', &req{"CLAIM", 19, 27}, [2]int{27, 27}},
		{"upper case works", [2]int{28, 30}, "", true, 'Q', &req{"QUOTE", 28, 34}, [2]int{34, 34}},
		{"no snapping", [2]int{2, 16}, "", false, 'a', &req{"ACTOR", 2, 16}, [2]int{16, 16}},
		{"caret in a word", [2]int{30, 30}, "", true, 'a', &req{"ACTOR", 28, 34}, [2]int{30, 30}},
		{"selected span relabels", [2]int{0, 0}, "cairo", true, 'c', &req{"CLAIM", 38, 43}, [2]int{38, 38}},
		{"caret with snapping off", [2]int{30, 30}, "", false, 'a', nil, [2]int{30, 30}},
		{"not a label key", [2]int{2, 16}, "", true, 'z', nil, [2]int{2, 16}},
		{"9 picks no label", [2]int{2, 16}, "", true, '9', nil, [2]int{2, 16}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, _ := newTestView(t, text, 600, 200, span(t, text, "cairo", "ACTOR", "Cairo", 0))
			v.SetSnapping(tt.snap)
			var got *req
			v.OnLabelRequested = func(l string, s, e int) { got = &req{l, s, e} }
			if tt.spanID != "" {
				v.SelectSpan(tt.spanID)
			} else {
				v.SetSelection(tt.sel[0], tt.sel[1])
			}
			v.TypedRune(tt.key)
			switch {
			case (got == nil) != (tt.want == nil):
				t.Fatalf("request %v, want %v", got, tt.want)
			case got != nil && *got != *tt.want:
				t.Fatalf("request %v, want %v", *got, *tt.want)
			}
			if s, e := v.Selection(); [2]int{s, e} != tt.wantAfter {
				t.Errorf("selection after %d-%d, want %v", s, e, tt.wantAfter)
			}
		})
	}
}

func TestOnKeyComesFirst(t *testing.T) {
	v, _ := newTestView(t, sentence, 600, 200)
	v.SetSelection(0, 6)
	var seen []fyne.KeyName
	v.OnKey = func(ev *fyne.KeyEvent) bool {
		seen = append(seen, ev.Name)
		return ev.Name == "a" || ev.Name == fyne.KeyEscape
	}
	asked := false
	v.OnLabelRequested = func(string, int, int) { asked = true }
	v.TypedRune('a')
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if asked {
		t.Error("a key the app handled still asked for a label")
	}
	if s, e := v.Selection(); s != 0 || e != 6 {
		t.Errorf("an Esc the app handled changed the selection to %d-%d", s, e)
	}
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if s, e := v.Selection(); s != 6 || e != 6 {
		t.Errorf("an unhandled Right gave %d-%d", s, e)
	}
	if len(seen) != 3 {
		t.Errorf("OnKey saw %v", seen)
	}
}

func TestCRLFHitTesting(t *testing.T) {
	text := "ab\r\ncd\r\n\r\nef"
	v, w := newTestView(t, text, 300, 200)
	lines := v.visibleLines()
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4", len(lines))
	}
	for _, o := range test.WidgetRenderer(w.Canvas().Content().(*View)).Objects() {
		if tx, ok := o.(*canvas.Text); ok && strings.ContainsAny(tx.Text, "\r\n") {
			t.Errorf("drawn text %q holds a line break", tx.Text)
		}
	}
	// Far right of each line lands before its break, never on the \r.
	for i, want := range []int{2, 6, 8, 12} {
		got := v.offsetAt(fyne.NewPos(280, lines[i].y+2))
		if got != want {
			t.Errorf("line %d: the end is %d, want %d", i, got, want)
		}
	}
	// Selecting the first line with Shift+End leaves the break out.
	v.SetSelection(0, 0)
	sendKey(v, keyStep{key: fyne.KeyEnd, mod: fyne.KeyModifierShift})
	if s, e := v.Selection(); s != 0 || e != 2 {
		t.Errorf("Shift+End selected %d-%d", s, e)
	}
}

func TestEmojiHitTesting(t *testing.T) {
	text := "I 👍🏽 like café and cafe\u0301 😀 中文 ok"
	v, _ := newTestView(t, text, 700, 200)
	runes := []rune(text)
	for off := range runes {
		a, _ := posOf(v, off)
		b, _ := posOf(v, off+1)
		if b.X-a.X < 2 {
			continue // a zero-width mark (combining accent, skin tone) has no pixel of its own
		}
		mid := fyne.NewPos((a.X+b.X)/2, a.Y)
		if got := v.runeAt(mid); got != off {
			t.Errorf("the middle of %q (code point %d) hits %d", runes[off], off, got)
		}
		near := fyne.NewPos(a.X+0.5, a.Y)
		if got := v.offsetAt(near); got != off {
			t.Errorf("the left edge of %q (code point %d) hits boundary %d", runes[off], off, got)
		}
	}
}

func TestShortcuts(t *testing.T) {
	v, w := newTestView(t, sentence, 600, 200)
	var ran []string
	w.Canvas().AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { ran = append(ran, "undo") })
	redo := &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierControl | fyne.KeyModifierShift}
	w.Canvas().AddShortcut(redo, func(fyne.Shortcut) { ran = append(ran, "redo") })
	// The view has focus, so Fyne gives it the shortcuts first: the app's
	// must still run.
	v.TypedShortcut(&fyne.ShortcutUndo{})
	v.TypedShortcut(redo)
	if strings.Join(ran, ",") != "undo,redo" {
		t.Errorf("canvas shortcuts ran: %q", ran)
	}
	v.TypedShortcut(&fyne.ShortcutSelectAll{})
	if s, e := v.Selection(); s != 0 || e != len([]rune(sentence)) {
		t.Errorf("Ctrl+A selected %d-%d", s, e)
	}
	v.SetSelection(0, 6)
	clip := test.NewClipboard()
	v.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if got := clip.Content(); got != "Russia" {
		t.Errorf("Ctrl+C copied %q", got)
	}
}

func TestBeforeShown(t *testing.T) {
	test.NewTempApp(t)
	doc := &annotate.Document{Text: manyLines(50), Spans: []annotate.Span{{ID: "x", Start: 5, End: 9, Label: "ACTOR"}}}
	v := New(doc, nil)
	for _, k := range []fyne.KeyName{fyne.KeyPageDown, fyne.KeyDown, fyne.KeyEnd, fyne.KeyTab, fyne.KeyRight} {
		v.TypedKey(&fyne.KeyEvent{Name: k})
	}
	v.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierControl})
	if s, e := v.Selection(); s != doc.Len() || e != s {
		t.Errorf("Ctrl+End before showing: %d-%d", s, e)
	}
	v.SetSelection(100, 120)
	v.ScrollToOffset(300)
	v.SelectSpan("x")
	// Shown afterwards, it lays out at its real size.
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(400, 300))
	if lines := v.visibleLines(); len(lines) < 5 || v.wrapW < 250 {
		t.Errorf("%d lines wrapped at %v after showing", len(lines), v.wrapW)
	}
}

func TestPressSelectsSpanAtOnce(t *testing.T) {
	text := `The minister said “Putin will not come”.`
	v, _ := newTestView(t, text, 600, 200, span(t, text, "quote", "QUOTE", "Putin will not come", 0), span(t, text, "actor", "ACTOR", "Putin", 0))
	a, _ := annotatetest.Find(t, text, "Putin", 0)
	press(v, midOf(t, v, a+1), 0)
	if v.SelectedSpan() != "actor" {
		t.Errorf("a press on a highlight selected %q", v.SelectedSpan())
	}
	// A drag from there selects text instead.
	b, _ := annotatetest.Find(t, text, "come", 0)
	dragTo(v, midOf(t, v, a+1), midOf(t, v, b+1))
	v.DragEnd()
	if s, e := v.Selection(); v.SelectedSpan() != "" || string([]rune(text)[s:e]) != "Putin will not come" {
		t.Errorf("after the drag: span %q, selection %q", v.SelectedSpan(), string([]rune(text)[s:e]))
	}
}

func TestTabOrderWithSharedStarts(t *testing.T) {
	text := `“Putin will not come”, said Lavrov.`
	v, _ := newTestView(t, text, 600, 200,
		span(t, text, "quote", "QUOTE", "Putin will not come", 0),
		span(t, text, "lavrov", "ACTOR", "Lavrov", 0),
		span(t, text, "putin", "ACTOR", "Putin", 0),
		span(t, text, "claim", "CLAIM", "Putin will", 0),
	)
	var got []string
	for range 4 {
		v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		got = append(got, v.SelectedSpan())
	}
	if want := "putin,claim,quote,lavrov"; strings.Join(got, ",") != want {
		t.Errorf("Tab order %q, want %q", strings.Join(got, ","), want)
	}
}
