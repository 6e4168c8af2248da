package docview

import (
	"fmt"
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

func TestCaptionsStayOutOfHitTesting(t *testing.T) {
	v := relView(t, 700)
	for _, c := range v.caps {
		vl := visibleLineOf(v, c.at-1)
		if vl == nil {
			t.Fatalf("caption at %d not visible", c.at)
		}
		at := capAt(vl, c)
		left, right := v.xOf(vl, at, false), v.xOf(vl, at, true)
		if w := v.meas.captionWidth(c.text); right-left != w {
			t.Errorf("caption at %d takes %v px, its width is %v", c.at, right-left, w)
		}
		y := vl.y + v.geo.textH/2
		// A click on the caption hits no code point and puts the caret
		// after the quote.
		mid := fyne.NewPos(v.geo.padX+(left+right)/2, y)
		if r := v.runeAt(mid); r != -1 {
			t.Errorf("the caption at %d hit code point %d", c.at, r)
		}
		if off := v.offsetAt(mid); off != at {
			t.Errorf("a click on the caption at %d put the caret at %d", c.at, off)
		}
		// The code points on both sides hit themselves, and their edges the
		// right boundaries.
		for _, off := range []int{at - 1, at} {
			if off >= vl.end {
				continue
			}
			if r := v.runeAt(midOf(t, v, off)); r != off {
				t.Errorf("the middle of code point %d (caption at %d) hit %d", off, c.at, r)
			}
		}
		if at < vl.end {
			start := v.xOf(vl, at, true)
			end := v.xOf(vl, at+1, false)
			press(v, fyne.NewPos(v.geo.padX+start+(end-start)/4, y), 0)
			if s, e := v.Selection(); s != at || e != at {
				t.Errorf("a click on the left of code point %d (after a caption) put the caret at %d-%d", at, s, e)
			}
			press(v, fyne.NewPos(v.geo.padX+end-(end-start)/4, y), 0)
			if s, _ := v.Selection(); s != at+1 {
				t.Errorf("a click on the right of code point %d (after a caption) put the caret at %d", at, s)
			}
		}
	}
	// Every code point of every visible line still hits itself.
	for li := range v.visible {
		vl := &v.visible[li]
		for off := vl.start; off < vl.end; off++ {
			if v.lineX(vl, off+1)-v.lineX(vl, off) < 1 {
				continue // inside a cluster (a combining accent, a ZWJ): no glyph of its own
			}
			if r := v.runeAt(midOf(t, v, off)); r != off {
				t.Errorf("the middle of code point %d hit %d", off, r)
			}
		}
	}
}

func TestCaptionsNeverOverlapText(t *testing.T) {
	// Narrow enough that captions fall at the ends of wrapped lines.
	for _, w := range []float32{700, 260, 180, 120} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			v := relView(t, w)
			texts := drawnTexts(v)
			type box struct{ x0, x1, y float32 }
			var words, chips []box
			for _, tx := range texts {
				x1 := tx.Position().X + fyne.MeasureText(tx.Text, tx.TextSize, tx.TextStyle).Width
				b := box{tx.Position().X, x1, tx.Position().Y}
				if tx.TextSize == v.geo.size {
					words = append(words, b)
				}
			}
			for li := range v.visible {
				vl := &v.visible[li]
				for k := vl.c0; k < vl.c1; k++ {
					at := capAt(vl, v.caps[k])
					chips = append(chips, box{v.geo.padX + v.xOf(vl, at, false), v.geo.padX + v.xOf(vl, at, true), vl.y})
				}
				// A line with its captions fits the wrap width unless a
				// single word is wider than it.
				trimmed := vl.start + utf8.RuneCountInString(strings.TrimRight(vl.text, " "))
				if end := v.xOf(vl, trimmed, true); end > v.wrapW+0.5 && !strings.Contains(strings.TrimSpace(vl.text), " ") {
					t.Logf("line %q is one word wider than the view", vl.text)
				} else if end > v.wrapW+0.5 {
					t.Errorf("line %q with its captions is %v wide, the wrap width is %v", vl.text, end, v.wrapW)
				}
			}
			if len(chips) != len(v.caps) {
				t.Errorf("%d captions drawn, %d exist", len(chips), len(v.caps))
			}
			for _, c := range chips {
				for _, wd := range words {
					if wd.y == c.y && wd.x0 < c.x1-0.5 && c.x0 < wd.x1-0.5 {
						t.Errorf("caption %v overlaps text %v", c, wd)
					}
				}
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
	vl := visibleLineOf(v, q4.End)
	if vl == nil || v.xOf(vl, q4.End, true)-v.xOf(vl, q4.End, false) == 0 {
		t.Fatal("the new caption takes no room: the line was not wrapped again")
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
