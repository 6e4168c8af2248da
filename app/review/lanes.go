package review

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"gloss/annotate"
	"gloss/annotate/agree"
)

// laneChars is about how many code points a lane shows: with the text
// around the disagreement, two or three lines of a lane. A long
// disagreement gets less context, at least minContext a side.
const (
	laneChars  = 220
	minContext = 25
	maxContext = 90
)

// snippet is the passage around a site as its own small document: what
// one lane shows of one annotator's version.
type snippet struct {
	doc   *annotate.Document
	shift int // in the piece of the site, a snippet offset + shift = the document's offset
	// site is the site's range in snippet offsets.
	site [2]int
}

// window picks the passage of about chars code points around [start,
// end) of text (as code points): a few words on each side, not past a
// paragraph break, cut at white space so that no word is halved.
func window(rs []rune, start, end, chars int) (int, int) {
	ctx := min(max((chars-(end-start))/2, minContext), maxContext)
	return cutAround(rs, start, end, ctx)
}

// cutAround is [start, end) widened by up to ctx code points a side, as
// window describes.
func cutAround(rs []rune, start, end, ctx int) (int, int) {
	from := max(start-ctx, 0)
	for i := start - 1; i >= from; i-- {
		if rs[i] == '\n' {
			from = i + 1
			break
		}
	}
	if from > 0 && rs[from-1] != '\n' {
		for from < start && !unicode.IsSpace(rs[from]) {
			from++
		}
	}
	to := min(end+ctx, len(rs))
	for i := end; i < to; i++ {
		if rs[i] == '\n' || rs[i] == '\r' {
			to = i
			break
		}
	}
	if to < len(rs) && !unicode.IsSpace(rs[to]) {
		for to > end && !unicode.IsSpace(rs[to-1]) {
			to--
		}
	}
	for from < start && unicode.IsSpace(rs[from]) {
		from++
	}
	for to > end && unicode.IsSpace(rs[to-1]) {
		to--
	}
	return from, to
}

// speakerContext is how many code points of text a far speaker's excerpt
// shows on each side of the speaker.
const speakerContext = 14

// piece is one stretch of the document a lane shows.
type piece struct{ from, to int }

// makeSnippet cuts the passage around s out of d: the spans of the site
// stay solid, d's other spans in the passage are shown as suggestions
// (paler, dashed) so that the eye goes to what is disputed. The speakers
// d gives the site's quotes and claims (for a speaker site: the source's)
// are shown too: where one lies outside the passage, a short excerpt
// around it follows or precedes the passage after "…", so that the
// view's caption after the quote ("— Macron") names it and the lane shows
// which mention it is.
func makeSnippet(rs []rune, d *annotate.Document, s *site) snippet {
	inSite := map[key]bool{}
	for _, k := range s.keys {
		inSite[k] = true
	}
	if s.speaker() {
		inSite[keyOf(s.source)] = true
	}
	speakers := siteSpeakers(d, s)
	from, to := window(rs, s.start, s.end, laneChars)
	far := func(from, to int) []piece {
		var out []piece
		for _, sp := range speakers {
			if sp.Start >= from && sp.End <= to {
				continue
			}
			f, t := cutAround(rs, sp.Start, sp.End, speakerContext)
			out = append(out, piece{f, t})
		}
		return out
	}
	extras := far(from, to)
	if len(extras) > 0 {
		// Make room for the excerpts in the lane's few lines.
		used := 0
		for _, p := range extras {
			used += p.to - p.from + 3
		}
		from, to = window(rs, s.start, s.end, max(laneChars-used, 0))
		extras = far(from, to)
	}
	pieces := mergePieces(rs, append(extras, piece{from, to}))
	var text strings.Builder
	at := make([]int, len(pieces)) // each piece's first code point in the snippet
	n := 0
	write := func(str string) {
		text.WriteString(str)
		n += utf8.RuneCountInString(str)
	}
	shift := 0
	for i, p := range pieces {
		switch {
		case i > 0:
			write(" … ")
		case p.from > 0:
			write("…")
		}
		at[i] = n
		if p.from <= s.start && s.start < p.to {
			shift = p.from - n // the piece the site is in
		}
		write(string(rs[p.from:p.to]))
	}
	if pieces[len(pieces)-1].to < len(rs) {
		write("…")
	}
	sn := snippet{doc: &annotate.Document{ID: d.ID, Text: text.String(), Annotator: d.Annotator}, shift: shift,
		site: [2]int{s.start - shift, s.end - shift}}
	mapped := map[string]bool{}
	for _, sp := range d.Spans {
		if sp.Suggested {
			continue
		}
		for i, p := range pieces {
			if sp.End <= p.from || sp.Start >= p.to {
				continue
			}
			c := sp
			c.Start, c.End = max(sp.Start, p.from)-p.from+at[i], min(sp.End, p.to)-p.from+at[i]
			c.Text = sn.doc.Slice(c.Start, c.End)
			c.Suggested = !inSite[keyOf(sp)]
			sn.doc.Spans = append(sn.doc.Spans, c)
			mapped[sp.ID] = true
			break // a span across two pieces is shown in the first
		}
	}
	for _, r := range d.Relations {
		if !r.Suggested && mapped[r.From] && mapped[r.To] {
			sn.doc.Relations = append(sn.doc.Relations, r)
		}
	}
	return sn
}

// siteSpeakers is the spans d links the site's spans to: the speakers of
// its quotes and claims, or for a speaker site those of its source.
func siteSpeakers(d *annotate.Document, s *site) []annotate.Span {
	if s.speaker() {
		return agree.Speakers(d, s.source, s.relation)
	}
	var out []annotate.Span
	for _, sp := range d.Spans {
		if !sp.Asserted() || !slices.Contains(s.keys, keyOf(sp)) {
			continue
		}
		for _, r := range d.Relations {
			if r.From != sp.ID || r.Suggested {
				continue
			}
			if i := d.SpanByID(r.To); i >= 0 && d.Spans[i].Asserted() {
				out = append(out, d.Spans[i])
			}
		}
	}
	return out
}

// joinGap is the longest stretch of text between two pieces that is shown
// rather than cut with "…": cutting a few words saves nothing.
const joinGap = 40

// mergePieces sorts pieces of rs by start and joins those that overlap
// or lie close together in one paragraph.
func mergePieces(rs []rune, ps []piece) []piece {
	slices.SortFunc(ps, func(a, b piece) int { return cmp.Compare(a.from, b.from) })
	out := ps[:1]
	for _, p := range ps[1:] {
		last := &out[len(out)-1]
		if p.from <= last.to || (p.from <= last.to+joinGap && !slices.ContainsFunc(rs[last.to:p.from], isLineBreak)) {
			last.to = max(last.to, p.to)
			continue
		}
		out = append(out, p)
	}
	return out
}

func isLineBreak(r rune) bool { return r == '\n' || r == '\r' }
