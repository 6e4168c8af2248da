package docview

import (
	"cmp"
	"image/color"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"

	"gloss/annotate"
)

// caption is the chip drawn just after a relation's source span (a quote)
// naming the spans it is linked to (its speaker): "— Çavusoglu". It is not
// text of the document: the line layout reserves its width as an inline box
// after the code point at-1, and hit-testing skips over it, so offsets stay
// exact code points.
type caption struct {
	at        int    // the boundary it follows: its source span's End
	text      string // what is drawn
	color     color.NRGBA
	suggested bool  // every relation behind it is a suggestion
	ord       int32 // the index of its first relation, which keeps the sort stable
}

// Caption measures, relative to the view's text size.
const (
	captionScale   = 0.8  // text size of a caption
	captionGap     = 3    // space between the text and the chip, each side
	captionPad     = 4    // space inside the chip, each side
	captionMaxName = 24   // code points of a name before it is cut with "…"
	captionDash    = "— " // what a SAID_BY caption starts with
	captionArrow   = "→ " // what a caption of any other relation starts with
)

// RelationCaption returns the caption the view draws after span id: the
// names of the spans its relations lead to ("— Çavusoglu"), or "" when it
// has none. The app can show the same text in its span list.
func RelationCaption(doc *annotate.Document, id string) string {
	if doc == nil {
		return ""
	}
	var names []string
	prefix := captionDash
	for _, r := range doc.Relations {
		if r.From != id {
			continue
		}
		if i := doc.SpanByID(r.To); i >= 0 {
			names = append(names, spanName(doc, doc.Spans[i]))
			if r.Label != "SAID_BY" {
				prefix = captionArrow
			}
		}
	}
	if len(names) == 0 {
		return ""
	}
	return prefix + strings.Join(names, ", ")
}

// spanName is a span's text on one line, cut to captionMaxName code points.
// Only the start of the text is looked at, so a long span costs no more.
func spanName(doc *annotate.Document, s annotate.Span) string {
	n := doc.Len()
	start, end := min(max(s.Start, 0), n), min(max(s.End, 0), n)
	name := doc.Slice(start, min(end, start+4*captionMaxName))
	if !plainName(name) {
		name = strings.Join(strings.Fields(name), " ")
	}
	// The byte offset of code point captionMaxName-1, and whether more follow.
	cut, k := len(name), 0
	for i := range name {
		if k == captionMaxName-1 {
			cut = i
		}
		if k == captionMaxName {
			return strings.TrimSpace(name[:cut]) + "…"
		}
		k++
	}
	return name
}

// plainName reports whether s has no spaces to tidy (none at its ends, no
// two in a row, no other white space), as most names are.
func plainName(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prev := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c == ' ' && prev == ' ') || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			return false
		}
		if c >= 0x80 {
			// Other white space is rare: check the code point.
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return false
			}
		}
		prev = c
	}
	return true
}

// relMemo is what the last build made of one relation, kept so that a
// rebuild after an edit elsewhere neither looks its spans up by id nor
// builds its caption text again.
type relMemo struct {
	rel          annotate.Relation // the fields the caption came from
	fi, ti       int               // its spans' indexes in doc.Spans
	tStart, tEnd int               // the span named, when the text was made
	tLabel       string
	text         string
	color        color.NRGBA
}

// buildCaptions makes one caption per source boundary from the document's
// relations, in the order of at, and marks the blocks whose captions
// changed for wrapping again (a caption takes room on its line).
func (v *View) buildCaptions(colours map[string]color.NRGBA) {
	old := v.caps
	caps := v.capBuf[:0]
	doc := v.doc
	n := doc.Len()
	v.memo = slices.Grow(v.memo[:min(len(v.memo), len(doc.Relations))], len(doc.Relations))
	for i, r := range doc.Relations {
		m := v.relation(i, r, colours)
		if m == nil {
			continue
		}
		from := doc.Spans[m.fi]
		if n == 0 || from.End <= from.Start {
			continue
		}
		caps = append(caps, caption{at: min(max(from.End, 1), n), text: m.text, color: m.color, suggested: r.Suggested, ord: int32(i)})
	}
	nearlySort(caps, func(a, b caption) int {
		if c := cmp.Compare(a.at, b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.ord, b.ord)
	})
	// Relations from one boundary share a caption: "— A, B".
	merged := caps[:0]
	for _, c := range caps {
		if k := len(merged) - 1; k >= 0 && merged[k].at == c.at {
			merged[k].text += ", " + strings.TrimPrefix(strings.TrimPrefix(c.text, captionDash), captionArrow)
			merged[k].suggested = merged[k].suggested && c.suggested
			continue
		}
		merged = append(merged, c)
	}
	v.invalidateCaptions(old, merged)
	// The old captions' memory takes the next build.
	v.caps, v.capBuf = merged, old[:0]
}

// relation returns the memo of relation i (r), made again unless the last
// one still holds; nil when one of its spans is missing.
func (v *View) relation(i int, r annotate.Relation, colours map[string]color.NRGBA) *relMemo {
	doc := v.doc
	if i < len(v.memo) {
		m := &v.memo[i]
		if m.rel.From == r.From && m.rel.To == r.To && m.rel.Label == r.Label && m.fi >= 0 &&
			m.fi < len(doc.Spans) && m.ti < len(doc.Spans) && doc.Spans[m.fi].ID == r.From {
			if to := &doc.Spans[m.ti]; to.ID == r.To && to.Start == m.tStart && to.End == m.tEnd && to.Label == m.tLabel {
				return m
			}
		}
	} else {
		v.memo = v.memo[:i+1]
	}
	m := &v.memo[i]
	*m = relMemo{rel: r, fi: -1}
	fi, ok1 := v.spanIndex(r.From)
	ti, ok2 := v.spanIndex(r.To)
	if !ok1 || !ok2 {
		return nil
	}
	to := doc.Spans[ti]
	c, ok := colours[to.Label]
	if !ok {
		c = greyMark
	}
	prefix := captionDash
	if r.Label != "SAID_BY" {
		prefix = captionArrow
	}
	*m = relMemo{rel: r, fi: fi, ti: ti, tStart: to.Start, tEnd: to.End, tLabel: to.Label,
		text: prefix + spanName(doc, to), color: c}
	return m
}

// invalidateCaptions marks for wrapping again the blocks where a caption
// appeared, went or changed its text between old and cur (both sorted).
func (v *View) invalidateCaptions(old, cur []caption) {
	if len(v.blocks) == 0 {
		return
	}
	stale := func(at int) {
		v.layout[blockAt(v.blocks, at-1)].gen = -1
		v.stale = true
	}
	i, j := 0, 0
	for i < len(old) || j < len(cur) {
		switch {
		case j == len(cur) || (i < len(old) && old[i].at < cur[j].at):
			stale(old[i].at)
			i++
		case i == len(old) || cur[j].at < old[i].at:
			stale(cur[j].at)
			j++
		default:
			if old[i].text != cur[j].text {
				stale(cur[j].at)
			}
			i++
			j++
		}
	}
}

// capsIn returns the range [c0, c1) of captions with at in (lo, hi].
func (v *View) capsIn(lo, hi int) (c0, c1 int) {
	c0 = sort.Search(len(v.caps), func(k int) bool { return v.caps[k].at > lo })
	c1 = sort.Search(len(v.caps), func(k int) bool { return v.caps[k].at > hi })
	return c0, max(c0, c1)
}

// captionWidth is the room a caption takes in its line: its text at the
// caption size, the chip's padding and a gap each side.
func (m *measurer) captionWidth(text string) float32 {
	if w, ok := m.caps[text]; ok {
		return w
	}
	w := fyne.MeasureText(text, m.size*captionScale, m.style).Width + 2*(captionGap+captionPad)
	m.caps[text] = w
	return w
}

// capAt is where caption k sits on line vl: the boundary it follows,
// clamped to the line (a source span that ends on a line break keeps its
// caption at the end of the line before the break).
func capAt(vl *vline, c caption) int { return min(c.at, vl.end) }

// xOf is the x of boundary off on line vl, relative to the left of the
// text, with the line's captions in place. A boundary that a caption
// follows has two xs: the end of the code point before it (after false)
// and the start of the one after it, beyond the caption (after true).
func (v *View) xOf(vl *vline, off int, after bool) float32 {
	x := v.lineX(vl, off)
	for k := vl.c0; k < vl.c1; k++ {
		at := capAt(vl, v.caps[k])
		if at > off || (at == off && !after) {
			break
		}
		x += v.meas.captionWidth(v.caps[k].text)
	}
	return x
}

// textX turns an x on line vl (relative to the left of the text) into the
// x of the text without captions, which the hit-tests work in. inCap is
// true when x is over a caption; x is then that of the boundary it follows.
func (v *View) textX(vl *vline, x float32) (tx float32, inCap bool) {
	var shift float32
	for k := vl.c0; k < vl.c1; k++ {
		at := capAt(vl, v.caps[k])
		left := v.lineX(vl, at) + shift
		if x < left {
			break
		}
		w := v.meas.captionWidth(v.caps[k].text)
		if x < left+w {
			return left - shift, true
		}
		shift += w
	}
	return x - shift, false
}

// wrapCaps returns the captions of block i as wrap wants them: the code
// point each follows, relative to the block, and its width.
func (v *View) wrapCaps(i int) []wrapCap {
	b := v.blocks[i]
	c0, c1 := v.capsIn(b.start, b.end+b.brk)
	out := v.wcaps[:0]
	for k := c0; k < c1; k++ {
		out = append(out, wrapCap{pos: int32(max(min(v.caps[k].at, b.end)-1-b.start, 0)), w: v.meas.captionWidth(v.caps[k].text)})
	}
	v.wcaps = out
	return out
}
