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

// caption is the chip drawn in the right margin, level with the line
// where a relation's source span (a quote) ends, naming the spans it is
// linked to (its speaker): "— Çavusoglu". It is not text of the document
// and takes no room in the line: the margin is reserved whenever the
// document can have relations (see hasMargin), so linking a speaker moves
// no character.
type caption struct {
	at        int    // the boundary it follows: its source span's End
	text      string // what is drawn (cut to the margin when drawn)
	color     color.NRGBA
	suggested bool  // every relation behind it is a suggestion
	ord       int32 // the index of its first relation (ends), which keeps the sort stable
}

// ends returns the source and target span ids of caption c's first
// relation: a click on the chip selects the source.
func (v *View) ends(c caption) (src, dst string) {
	if int(c.ord) < len(v.doc.Relations) {
		r := v.doc.Relations[c.ord]
		return r.From, r.To
	}
	return "", ""
}

// Caption measures, relative to the view's text size.
const (
	captionScale   = 0.8  // text size of a caption
	captionGap     = 3    // space between two chips, and before the first
	captionPad     = 4    // space inside the chip, each side
	captionMaxName = 24   // code points of a name before it is cut with "…"
	captionDash    = "— " // what a SAID_BY caption starts with
	captionArrow   = "→ " // what a caption of any other relation starts with
	// The margin takes marginShare of the width, between marginMinEm and
	// marginMaxEm caption-size ems, and never more than marginMaxShare.
	marginShare    = 0.2
	marginMinEm    = 7
	marginMaxEm    = 14
	marginMaxShare = 0.4
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
// relations, in the order of at. Captions take no room in the text, so no
// line is wrapped again; the first one turns the margin on for good.
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
	if len(merged) > 0 {
		v.margin = true
	}
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

// capsIn returns the range [c0, c1) of captions with at in (lo, hi].
func (v *View) capsIn(lo, hi int) (c0, c1 int) {
	c0 = sort.Search(len(v.caps), func(k int) bool { return v.caps[k].at > lo })
	c1 = sort.Search(len(v.caps), func(k int) bool { return v.caps[k].at > hi })
	return c0, max(c0, c1)
}

// hasMargin reports whether the view keeps a margin for captions: when
// its label set defines a relation, or its document has had one. It does
// not change as relations come and go, so neither does the wrap width.
func (v *View) hasMargin() bool { return v.margin }

// chips calls f with the box of each caption of line vl in the margin, in
// order: x relative to the view, its width, and the caption's text cut to
// fit. Several captions on one line share the margin.
func (v *View) chips(vl *vline, f func(k int, x, w float32, text string)) {
	n := vl.c1 - vl.c0
	if n == 0 || v.geo.marginW <= 0 {
		return
	}
	g := v.geo
	x := g.padX + v.wrapW + captionGap
	share := (g.marginW-captionGap)/float32(n) - captionGap*float32(n-1)/float32(n)
	for k := vl.c0; k < vl.c1; k++ {
		text, tw := v.meas.fitCaption(v.caps[k].text, share-2*captionPad)
		w := tw + 2*captionPad
		f(k, x, w, text)
		x += w + captionGap
	}
}

// captionAt returns the caption under pos (relative to the view), or -1.
func (v *View) captionAt(pos fyne.Position) int {
	li := v.lineAt(pos.Y)
	if li < 0 {
		return -1
	}
	vl := &v.visible[li]
	if pos.Y < vl.y || pos.Y >= vl.y+v.geo.textH {
		return -1
	}
	hit := -1
	v.chips(vl, func(k int, x, w float32, _ string) {
		if pos.X >= x && pos.X < x+w {
			hit = k
		}
	})
	return hit
}

// fitCaption returns text cut with "…" to fit width at the caption size
// (at least its first code point), and its width. It costs about one
// measurement: the cut is guessed from the cached widths of the code
// points and only corrected by measuring.
func (m *measurer) fitCaption(text string, width float32) (string, float32) {
	key := capKey{text, width}
	if f, ok := m.caps[key]; ok {
		return f.text, f.w
	}
	size := m.size * captionScale
	measure := func(s string) float32 { return fyne.MeasureText(s, size, m.style).Width }
	if m.capRatio == 0 {
		// Code points measured alone at the text size, scaled down, come
		// out a little narrower than a caption's text as drawn: how much.
		const sample = "— Vladimir Putin, Çavusoglu and the foreign ministry"
		m.capRatio = measure(sample) / (m.runeWidths(sample) * captionScale)
	}
	scale := captionScale * m.capRatio
	fit, w := text, float32(0)
	// A caption too wide by its estimate is not measured whole.
	if m.runeWidths(text)*scale <= width {
		w = measure(text)
	} else {
		w = width + 1
	}
	if w > width {
		rs := []rune(text)
		// The longest prefix whose estimate fits with the ellipsis.
		room := width/scale - m.runeWidth('…')
		k, est := 0, float32(0)
		for k < len(rs) && est+m.runeWidth(rs[k]) <= room {
			est += m.runeWidth(rs[k])
			k++
		}
		for {
			k = max(k, 1)
			fit = strings.TrimSpace(string(rs[:k])) + "…"
			if w = measure(fit); w <= width || k == 1 {
				break
			}
			k--
		}
	}
	if len(m.caps) > 10_000 {
		clear(m.caps)
	}
	m.caps[key] = capFit{fit, w}
	return fit, w
}

// capKey and capFit are a caption cut to a width, cached.
type capKey struct {
	text  string
	width float32
}

type capFit struct {
	text string
	w    float32
}
