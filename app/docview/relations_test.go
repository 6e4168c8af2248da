package docview

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"gloss/annotate"
)

// relText has astral emoji (one with a skin tone and a ZWJ), a decomposed
// é, CJK and CRLF line breaks; each quote is followed at once by text, so
// that its caption sits between two code points.
const relText = "Ali 👩🏽‍🚀 said “he\u0301llo wörld”.\r\nBob 漢字 said: “雨が降る 😀”!\r\n\r\nSame line “first” and “second” here."

// relView shows relText with three quotes and their speakers, linked by
// SAID_BY (the last one suggested).
func relView(t *testing.T, w float32) *View {
	t.Helper()
	spans := []annotate.Span{
		span(t, relText, "ali", "ACTOR", "Ali 👩🏽‍🚀", 0),
		span(t, relText, "q1", "QUOTE", "he\u0301llo wörld", 0),
		span(t, relText, "bob", "ACTOR", "Bob 漢字", 0),
		span(t, relText, "q2", "QUOTE", "雨が降る 😀", 0),
		span(t, relText, "q3", "QUOTE", "first", 0),
		span(t, relText, "q4", "QUOTE", "second", 0),
	}
	v, _ := newTestView(t, relText, w, 300, spans...)
	v.doc.Relations = []annotate.Relation{
		{ID: "r1", Label: "SAID_BY", From: "q1", To: "ali"},
		{ID: "r2", Label: "SAID_BY", From: "q2", To: "bob"},
		{ID: "r3", Label: "SAID_BY", From: "q3", To: "bob", Suggested: true},
		{ID: "r4", Label: "SAID_BY", From: "q4", To: "missing"}, // ignored
	}
	v.SpansChanged()
	return v
}

// drawnTexts returns the canvas texts the renderer shows.
func drawnTexts(v *View) []*canvas.Text {
	var out []*canvas.Text
	for _, o := range test.WidgetRenderer(v).Objects() {
		if tx, ok := o.(*canvas.Text); ok {
			out = append(out, tx)
		}
	}
	return out
}

func TestCaptionsDrawnForEachRelation(t *testing.T) {
	v := relView(t, 700)
	want := map[string]string{"q1": "— Ali 👩🏽‍🚀", "q2": "— Bob 漢字", "q3": "— Bob 漢字"}
	if len(v.caps) != len(want) {
		t.Fatalf("%d captions, want %d: %+v", len(v.caps), len(want), v.caps)
	}
	texts := drawnTexts(v)
	for id, caption := range want {
		s := v.doc.Spans[v.doc.SpanByID(id)]
		i := v.capsIndex(s.End)
		if i < 0 || v.caps[i].text != caption {
			t.Errorf("caption after %s: %+v, want %q", id, v.caps, caption)
			continue
		}
		if v.caps[i].suggested != (id == "q3") {
			t.Errorf("caption after %s: suggested %v", id, v.caps[i].suggested)
		}
		n := 0
		for _, tx := range texts {
			if tx.Text == caption {
				n++
				if tx.TextSize >= v.geo.size {
					t.Errorf("caption %q drawn at size %v, the text's is %v", caption, tx.TextSize, v.geo.size)
				}
			}
		}
		if n == 0 {
			t.Errorf("caption %q is not drawn", caption)
		}
	}
	// No piece of the document's text contains a caption, and together the
	// pieces of each line are the line's text.
	for li := range v.visible {
		vl := &v.visible[li]
		var got strings.Builder
		for _, tx := range texts {
			if tx.TextSize == v.geo.size && tx.Position().Y == vl.y {
				got.WriteString(tx.Text)
			}
		}
		if got.String() != vl.text {
			t.Errorf("line %d drawn as %q, want %q", li, got.String(), vl.text)
		}
	}
}

// capsIndex returns the index of the caption at at, or -1.
func (v *View) capsIndex(at int) int {
	for i, c := range v.caps {
		if c.at == at {
			return i
		}
	}
	return -1
}

// layoutOf records where every code point of the visible lines is drawn
// and what a press on a grid of pixels over the whole view hits, so that
// two layouts can be compared.
type layoutOf struct {
	lines []string  // each visible line: its range, y and text
	xs    []float32 // the x of every boundary of every visible line
	hits  []int     // offsetAt and runeAt of every pixel of the grid
}

func layoutNow(v *View) layoutOf {
	var l layoutOf
	for li := range v.visibleLines() {
		vl := &v.visible[li]
		l.lines = append(l.lines, fmt.Sprintf("%d-%d@%v %q", vl.start, vl.end, vl.y, vl.text))
		for off := vl.start; off <= vl.end; off++ {
			l.xs = append(l.xs, v.lineX(vl, off))
		}
	}
	for y := float32(0); y < v.geo.viewH; y += 3 {
		for x := float32(0); x < v.geo.viewW; x += 2 {
			p := fyne.NewPos(x, y)
			l.hits = append(l.hits, v.offsetAt(p), v.runeAt(p))
		}
	}
	return l
}

// TestCaptionsNeverMoveText links every quote of relText to its speaker,
// one at a time, at four widths: after each link every code point is drawn
// where it was, and every pixel of the view hits the code point it hit
// before. The captions are drawn in the margin, clear of the text.
func TestCaptionsNeverMoveText(t *testing.T) {
	for _, w := range []float32{700, 260, 180, 120} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			v := relView(t, w)
			rels := v.doc.Relations
			v.doc.Relations = nil
			v.SpansChanged()
			if len(v.caps) != 0 || v.geo.marginW <= 0 {
				t.Fatalf("%d captions, margin %v", len(v.caps), v.geo.marginW)
			}
			h := annotate.NewHistory(v.doc)
			h.OnChange = v.SpansChanged
			before := layoutNow(v)
			for _, r := range rels {
				if v.doc.SpanByID(r.To) < 0 {
					continue // r4's speaker is missing
				}
				if err := h.Do(&annotate.AddRelation{Relation: r}); err != nil {
					t.Fatal(err)
				}
				after := layoutNow(v)
				if strings.Join(after.lines, "|") != strings.Join(before.lines, "|") {
					t.Fatalf("after linking %s the lines are\n%q\nwere\n%q", r.From, after.lines, before.lines)
				}
				if fmt.Sprint(after.xs) != fmt.Sprint(before.xs) {
					t.Fatalf("after linking %s a code point moved", r.From)
				}
				for i := range after.hits {
					if after.hits[i] != before.hits[i] {
						t.Fatalf("after linking %s pixel %d hits %d, it hit %d", r.From, i/2, after.hits[i], before.hits[i])
					}
				}
			}
			if len(v.caps) != 3 {
				t.Fatalf("%d captions after linking", len(v.caps))
			}
			// Each caption is in the margin of the line where its quote
			// ends, right of every character.
			drawn := 0
			for li := range v.visible {
				vl := &v.visible[li]
				right := v.geo.padX + v.lineX(vl, vl.end)
				v.chips(vl, func(k int, x, cw float32, text string) {
					drawn++
					c := v.caps[k]
					if c.at-1 < vl.start || c.at-1 >= vl.end+vl.brk {
						t.Errorf("caption after %d drawn on line %d-%d", c.at, vl.start, vl.end)
					}
					if x < v.geo.padX+v.wrapW || x < right || x+cw > v.geo.viewW-v.geo.scrollW+0.5 {
						t.Errorf("caption %q at %v-%v is not in the margin (text ends at %v, wraps at %v, view %v)",
							text, x, x+cw, right, v.geo.padX+v.wrapW, v.geo.viewW)
					}
					if !strings.HasPrefix(c.text, strings.TrimSuffix(text, "…")) {
						t.Errorf("caption %q drawn as %q", c.text, text)
					}
				})
			}
			if drawn != len(v.caps) {
				t.Errorf("%d captions drawn, %d exist", drawn, len(v.caps))
			}
			// The leaders' dots lie right of their line's text.
			dots := 0
			for _, o := range test.WidgetRenderer(v).Objects() {
				r, ok := o.(*canvas.Rectangle)
				if !ok || r.Size() != fyne.NewSize(2, 1) {
					continue
				}
				for li := range v.visible {
					vl := &v.visible[li]
					if r.Position().Y < vl.y || r.Position().Y >= vl.y+v.geo.textH {
						continue
					}
					dots++
					n := utf8.RuneCountInString(strings.TrimRight(vl.text, " "))
					if end := v.geo.padX + v.lineX(vl, vl.start+n); r.Position().X < end {
						t.Errorf("a leader dot at %v is over the text of line %q, which ends at %v", r.Position().X, vl.text, end)
					}
				}
			}
			if w >= 260 && dots == 0 {
				t.Error("no leader dots drawn")
			}
		})
	}
}

func TestCaptionClickSelectsItsQuote(t *testing.T) {
	v := relView(t, 700)
	for _, c := range v.caps {
		src, _ := v.ends(c)
		vl := visibleLineOf(v, c.at-1)
		var mid fyne.Position
		v.chips(vl, func(k int, x, w float32, _ string) {
			if v.caps[k].at == c.at {
				mid = fyne.NewPos(x+w/2, vl.y+v.geo.textH/2)
			}
		})
		press(v, fyne.NewPos(5, 5), 0) // somewhere else first
		if r := v.runeAt(mid); r != -1 {
			t.Errorf("the caption after %s hit code point %d", src, r)
		}
		press(v, mid, 0)
		if v.SelectedSpan() != src {
			t.Errorf("a click on the caption after %s selected %q", src, v.SelectedSpan())
		}
	}
}

func TestMarginOnlyWhenRelationsCanExist(t *testing.T) {
	test.NewTempApp(t)
	noRels := &annotate.LabelSet{Labels: annotate.DefaultLabelSet().Labels}
	for _, c := range []struct {
		name   string
		labels *annotate.LabelSet
		rels   []annotate.Relation
		margin bool
	}{
		{"built-in labels", nil, nil, true},
		{"no relation defined", noRels, nil, false},
		{"no relation defined, a relation in the file", noRels, []annotate.Relation{{ID: "r", Label: "SAID_BY", From: "q", To: "a"}}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := &annotate.Document{Text: "Ali said “yes”.", Relations: c.rels, Spans: []annotate.Span{
				{ID: "a", Start: 0, End: 3, Label: "ACTOR"}, {ID: "q", Start: 10, End: 13, Label: "QUOTE"}}}
			v := New(doc, c.labels)
			w := test.NewTempWindow(t, v)
			w.SetPadded(false)
			w.Resize(fyne.NewSize(500, 200))
			if got := v.geo.marginW > 0; got != c.margin {
				t.Errorf("margin %v (%v px), want %v", got, v.geo.marginW, c.margin)
			}
			if c.margin && v.wrapW > 500-v.geo.marginW {
				t.Errorf("wrap width %v ignores the margin %v", v.wrapW, v.geo.marginW)
			}
			// Removing the only relation keeps the margin: nothing reflows.
			wrap := v.wrapW
			doc.Relations = nil
			v.SpansChanged()
			v.visibleLines()
			if v.wrapW != wrap {
				t.Errorf("the wrap width went from %v to %v", wrap, v.wrapW)
			}
		})
	}
}

func TestCaptionsFollowEdits(t *testing.T) {
	v := relView(t, 700)
	h := annotate.NewHistory(v.doc)
	h.OnChange = v.SpansChanged
	n := len(v.caps)
	rel := annotate.NewRelation("SAID_BY", "q4", "ali")
	if err := h.Do(&annotate.AddRelation{Relation: rel}); err != nil {
		t.Fatal(err)
	}
	q4 := v.doc.Spans[v.doc.SpanByID("q4")]
	if len(v.caps) != n+1 || v.capsIndex(q4.End) < 0 {
		t.Fatalf("after AddRelation: %+v", v.caps)
	}
	if vl := visibleLineOf(v, q4.End-1); vl == nil || !slices.ContainsFunc(v.caps[vl.c0:vl.c1], func(c caption) bool { src, _ := v.ends(c); return src == "q4" }) {
		t.Fatal("the new caption is not on its quote's line")
	}
	// Resizing the quote moves its caption; resizing or relabelling the
	// speaker changes its text and colour.
	if err := h.Do(annotate.Resize(v.doc, "q4", q4.Start, q4.End-1)); err != nil {
		t.Fatal(err)
	}
	if v.capsIndex(q4.End-1) < 0 || v.capsIndex(q4.End) >= 0 {
		t.Errorf("after resizing the quote: %+v", v.caps)
	}
	ali := v.doc.Spans[v.doc.SpanByID("ali")]
	if err := h.Do(annotate.Resize(v.doc, "ali", ali.Start, ali.Start+3)); err != nil {
		t.Fatal(err)
	}
	if err := h.Do(annotate.Relabel(v.doc, "ali", "CLAIM")); err != nil {
		t.Fatal(err)
	}
	claim := labelColours(v.labels)["CLAIM"]
	if c := v.caps[v.capsIndex(q4.End-1)]; c.text != "— Ali" || c.color != claim {
		t.Errorf("after resizing and relabelling the speaker: %+v", c)
	}
	// Removing the speaker removes its relations, and so the caption.
	if err := h.Do(&annotate.RemoveSpan{ID: "ali"}); err != nil {
		t.Fatal(err)
	}
	if len(v.caps) != n-1 {
		t.Errorf("after removing the speaker: %+v", v.caps)
	}
	if !h.Undo() {
		t.Fatal("nothing to undo")
	}
	if len(v.caps) != n+1 {
		t.Errorf("after Undo: %+v", v.caps)
	}
}

func TestRelationCaption(t *testing.T) {
	long := "The foreign ministry of the Russian Federation 🇷🇺"
	text := "“a” " + long + " and Çavusoglu."
	doc := &annotate.Document{Text: text, Spans: []annotate.Span{
		span(t, text, "q", "QUOTE", "a", 0),
		span(t, text, "m", "ACTOR", long, 0),
		span(t, text, "c", "ACTOR", "Çavusoglu", 0),
	}}
	tests := []struct {
		name string
		rels []annotate.Relation
		want string
	}{
		{"none", nil, ""},
		{"short", []annotate.Relation{{From: "q", To: "c", Label: "SAID_BY"}}, "— Çavusoglu"},
		{"cut", []annotate.Relation{{From: "q", To: "m", Label: "SAID_BY"}}, "— The foreign ministry of…"},
		{"two", []annotate.Relation{{From: "q", To: "c", Label: "SAID_BY"}, {From: "q", To: "c", Label: "SAID_BY"}}, "— Çavusoglu, Çavusoglu"},
		{"other relation", []annotate.Relation{{From: "q", To: "c", Label: "ABOUT"}}, "→ Çavusoglu"},
		{"dangling", []annotate.Relation{{From: "q", To: "gone", Label: "SAID_BY"}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc.Relations = tt.rels
			got := RelationCaption(doc, "q")
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if n := utf8.RuneCountInString(strings.TrimPrefix(got, captionDash)); tt.name == "cut" && n != captionMaxName {
				t.Errorf("cut name has %d code points", n)
			}
		})
	}
}

func TestCaptionsVirtualised(t *testing.T) {
	count := func(paragraphs int) int {
		var b strings.Builder
		doc := &annotate.Document{}
		for i := range paragraphs {
			start := utf8.RuneCountInString(b.String())
			b.WriteString("Çavusoglu 😀 said “the jobs continue” today.\r\n")
			a := fmt.Sprint("a", i)
			q := fmt.Sprint("q", i)
			doc.Spans = append(doc.Spans,
				annotate.Span{ID: a, Start: start, End: start + 9, Label: "ACTOR"},
				annotate.Span{ID: q, Start: start + 19, End: start + 36, Label: "QUOTE"})
			doc.Relations = append(doc.Relations, annotate.Relation{ID: "r" + a, Label: "SAID_BY", From: q, To: a})
		}
		v, _ := newTestView(t, b.String(), 500, 300, doc.Spans...)
		v.doc.Relations = doc.Relations
		v.SpansChanged()
		if len(v.caps) != paragraphs {
			t.Fatalf("%d captions for %d relations", len(v.caps), paragraphs)
		}
		return len(test.WidgetRenderer(v).Objects())
	}
	small, big := count(50), count(5000)
	if small == 0 || big > small {
		t.Errorf("objects: %d for 50 relations, %d for 5,000", small, big)
	}
}

func TestFitCaption(t *testing.T) {
	test.NewTempApp(t)
	m := newMeasurer(14)
	size := float32(14) * captionScale
	measure := func(s string) float32 { return fyne.MeasureText(s, size, fyne.TextStyle{}).Width }
	for _, text := range []string{"— Çavusoglu", "— The foreign ministry of…", "— Ali 👩🏽‍🚀", "— Bob 漢字, 雨が降る", "— he\u0301llo wörld, WWWWWWWW"} {
		for _, width := range []float32{20, 45, 80, 120, 200} {
			fit, w := m.fitCaption(text, width)
			if w != measure(fit) {
				t.Errorf("fitCaption(%q, %v) says %q is %v wide, it is %v", text, width, fit, w, measure(fit))
			}
			rs := []rune(text)
			if fit == text {
				if w > width {
					t.Errorf("fitCaption(%q, %v) kept it whole at %v", text, width, w)
				}
				continue
			}
			prefix := []rune(strings.TrimSuffix(fit, "…"))
			if !strings.HasPrefix(text, string(prefix)) || !strings.HasSuffix(fit, "…") {
				t.Errorf("fitCaption(%q, %v) = %q: not a prefix and an ellipsis", text, width, fit)
			}
			if w > width && len(prefix) > 1 {
				t.Errorf("fitCaption(%q, %v) = %q is %v wide", text, width, fit, w)
			}
			// Close to the longest prefix that fits (the cut is guessed
			// from per-code-point widths): three more code points do not.
			if k := len(prefix) + 3; k < len(rs) && measure(strings.TrimSpace(string(rs[:k]))+"…") <= width {
				t.Errorf("fitCaption(%q, %v) = %q, but %q fits too", text, width, fit, string(rs[:k])+"…")
			}
		}
	}
}
