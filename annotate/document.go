// Package annotate is Gloss's model: documents, spans, relations, label sets,
// tokens, edits with undo and redo, and validation. It knows nothing of Fyne
// or of file formats; every offset it speaks is a Unicode code point index,
// end exclusive.
package annotate

import (
	"cmp"
	"slices"
)

// Field is one JSON member that Gloss does not model, kept verbatim (compact
// JSON) so that a load and a save lose nothing.
type Field struct {
	Key   string
	Value []byte
}

// Document is one text and its annotations.
type Document struct {
	// ID names the document; documents in different files are the same
	// document when their IDs match.
	ID string
	// Text is kept exactly as read: no trimming, no normalisation.
	Text string
	// Annotator is who made the annotations.
	Annotator string
	Spans     []Span
	Relations []Relation
	// Choices are the document labels: for each group (a [[choice]] of
	// the label set) that has a value, its values. A group without a
	// value has no key. See SetChoice.
	Choices map[string][]string
	// Meta is the document's "meta" object as compact JSON, or nil.
	Meta []byte
	// Extra holds the document's unknown top-level keys.
	Extra []Field

	index *RuneIndex
	utf16 *UTF16Offsets
	// tokens caches Tokens(Text); see Document.Tokens.
	tokens []Token
}

// Span is a labelled range of a document's text.
type Span struct {
	ID    string
	Start int // code point, inclusive
	End   int // code point, exclusive
	Label string
	// Text is Document.Text[Start:End] in code points; redundant on purpose,
	// so that readers can detect offsets that drifted.
	Text      string
	Note      string
	Annotator string
	// Created is an RFC 3339 UTC timestamp, or empty.
	Created string
	// Suggested marks a span proposed by a suggester and not yet accepted.
	Suggested bool
	// Reason says why a suggestion was made.
	Reason string
	// Rejected marks negative evidence: someone judged that this text is
	// not this label (a Prodigy "reject" answer). A rejected span is kept
	// and shown, but it is not an annotation: agreement skips it, and an
	// export whose format cannot mark it leaves it out and says so.
	Rejected bool
	Extra    []Field
}

// Asserted reports whether the span is an annotation someone stands by:
// neither a suggestion waiting for review nor rejected.
func (s *Span) Asserted() bool { return !s.Suggested && !s.Rejected }

// Relation links two spans, such as a QUOTE SAID_BY an ACTOR.
type Relation struct {
	ID        string
	Label     string
	From      string // span ID
	To        string // span ID
	Suggested bool
	Reason    string
	Extra     []Field
}

// Index returns the code-point index of the document's text, built on first
// use and rebuilt if Text has been replaced.
func (d *Document) Index() *RuneIndex {
	if d.index == nil || d.index.text != d.Text {
		d.index = NewRuneIndex(d.Text)
		d.utf16 = nil
		d.tokens = nil
	}
	return d.index
}

// UTF16 returns the UTF-16 offset converter of the document's text.
func (d *Document) UTF16() *UTF16Offsets {
	ix := d.Index()
	if d.utf16 == nil {
		d.utf16 = NewUTF16Offsets(ix)
	}
	return d.utf16
}

// Len is the length of the text in code points.
func (d *Document) Len() int { return d.Index().Len() }

// Slice returns the text of code points [start, end).
func (d *Document) Slice(start, end int) string { return d.Index().Slice(start, end) }

// SpanByID returns the index of the span with the given id, or -1.
func (d *Document) SpanByID(id string) int {
	for i := range d.Spans {
		if d.Spans[i].ID == id {
			return i
		}
	}
	return -1
}

// RelationByID returns the index of the relation with the given id, or -1.
func (d *Document) RelationByID(id string) int {
	for i := range d.Relations {
		if d.Relations[i].ID == id {
			return i
		}
	}
	return -1
}

// CompareSpans orders spans by (start, end, label), the order in which they
// are saved, then by id so that the order is total.
func CompareSpans(a, b Span) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.End, b.End); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Label, b.Label); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// SortSpans puts the spans in their canonical order (see CompareSpans).
func (d *Document) SortSpans() { slices.SortStableFunc(d.Spans, CompareSpans) }

// Clone returns a deep copy of the document's annotations; the text is shared
// (strings are immutable).
func (d *Document) Clone() *Document {
	c := &Document{
		ID: d.ID, Text: d.Text, Annotator: d.Annotator,
		Spans:     slices.Clone(d.Spans),
		Relations: slices.Clone(d.Relations),
		Choices:   CloneChoices(d.Choices),
		Meta:      slices.Clone(d.Meta),
		Extra:     slices.Clone(d.Extra),
		index:     d.index, utf16: d.utf16, tokens: d.tokens,
	}
	return c
}
