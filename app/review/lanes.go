package review

import (
	"unicode"

	"gloss/annotate"
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
	shift int // a snippet offset + shift = the document's offset
	// site is the site's range in snippet offsets.
	site [2]int
}

// window picks the passage around [start, end) of text (as code points):
// a few words on each side, not past a paragraph break, cut at
// white space so that no word is halved.
func window(rs []rune, start, end int) (int, int) {
	ctx := min(max((laneChars-(end-start))/2, minContext), maxContext)
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

// makeSnippet cuts the passage around s out of d: the spans of the site
// stay solid, d's other spans in the passage are shown as suggestions
// (paler, dashed) so that the eye goes to what is disputed.
func makeSnippet(rs []rune, d *annotate.Document, s *site) snippet {
	from, to := window(rs, s.start, s.end)
	text := string(rs[from:to])
	shift := from
	if from > 0 {
		text = "…" + text
		shift--
	}
	if to < len(rs) {
		text += "…"
	}
	inSite := map[key]bool{}
	for _, k := range s.keys {
		inSite[k] = true
	}
	sn := snippet{doc: &annotate.Document{ID: d.ID, Text: text, Annotator: d.Annotator}, shift: shift,
		site: [2]int{s.start - shift, s.end - shift}}
	for _, sp := range d.Spans {
		if sp.Suggested || sp.End <= from || sp.Start >= to {
			continue
		}
		c := sp
		c.Start, c.End = max(sp.Start, from)-shift, min(sp.End, to)-shift
		c.Suggested = !inSite[keyOf(sp)]
		sn.doc.Spans = append(sn.doc.Spans, c)
	}
	return sn
}
