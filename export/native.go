package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"gloss/annotate"
)

func init() {
	Register(&Format{
		Name:        "jsonl",
		Description: "Gloss native JSONL (one document a line)",
		Extension:   ".jsonl",
		NewReader:   func(r io.Reader, name string, opt Options) Reader { return NewNativeReader(r, name, opt) },
		NewWriter:   func(w io.Writer, opt Options) Writer { return NewNativeWriter(w, opt) },
		Sniff:       sniffNative,
	})
}

// NativeReader reads Gloss's native JSONL, one document a line. A bad line
// is reported as a *LineError and skipped: the next call reads on, so that a
// validator can list every bad line.
type NativeReader struct {
	jsonlReader
}

// NewNativeReader reads from r; name is the file name used in errors and in
// the ids of documents that have none.
func NewNativeReader(r io.Reader, name string, opt Options) *NativeReader {
	nr := nativeParser(name, opt)
	nr.lines = newLineReader(r, name, opt.maxLine())
	return nr
}

// nativeParser is a NativeReader without input, whose decode parses lines
// read elsewhere.
func nativeParser(name string, opt Options) *NativeReader {
	nr := &NativeReader{jsonlReader: jsonlParser(name, opt)}
	nr.parse = nr.parseLine
	return nr
}

func (nr *NativeReader) parseLine(line []byte) (*annotate.Document, error) {
	d, err := parseNativeDoc(&nr.sc, line)
	if err != nil {
		return nil, err
	}
	if d.ID == "" {
		// Set here, not by jsonlReader, because the default span ids
		// below are made from it.
		d.ID = nr.defaultID()
	}
	if err := completeSpans(d, nr.opt.UTF16); err != nil {
		return nil, err
	}
	return d, nil
}

// parseNativeDoc decodes one native document object. The text is required;
// everything Gloss does not model is kept in Extra.
func parseNativeDoc(sc *scanner, line []byte) (*annotate.Document, error) {
	sc.resetDocument(line)
	d := &annotate.Document{}
	hasText := false
	err := sc.document(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			// Not in the line's arena: ids outlive their documents
			// (the Checker's set of ids, writers' file names).
			if !sc.null() {
				d.ID, err = sc.ownString()
			}
		case "text":
			d.Text, err = textValue(sc, "text")
			hasText = true
		case "annotator":
			d.Annotator, err = nullableString(sc)
		case "spans":
			if sc.null() {
				return nil
			}
			// The spans are gathered in the scanner's reused slice and
			// copied into one of their exact number: a Span is 160
			// bytes of which most are pointers, so a guessed capacity
			// (it was 32) costs allocation and the collector's scanning
			// of the unused part, on every document.
			spans := sc.spans[:0]
			err = sc.array(func() error {
				s, err := parseSpan(sc, len(spans)+1)
				spans = append(spans, s)
				return err
			})
			if len(spans) > 0 {
				d.Spans = append(make([]annotate.Span, 0, len(spans)), spans...)
			}
			clear(spans) // hold no strings of this line
			sc.spans = spans[:0]
		case "relations":
			if sc.null() {
				return nil
			}
			err = sc.array(func() error {
				r, err := parseRelation(sc, len(d.Relations)+1)
				d.Relations = append(d.Relations, r)
				return err
			})
		case "choices":
			d.Choices, err = parseChoices(sc)
		case "meta":
			d.Meta, err = metaObject(sc)
		default:
			d.Extra, err = appendExtra(sc, d.Extra, key)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !hasText {
		return nil, errors.New(`missing "text"`)
	}
	return d, nil
}

// textValue reads a document's text, which must be a string (name is the
// key, for the message).
func textValue(sc *scanner, name string) (string, error) {
	if c := sc.peek(); c != '"' && c != 0 {
		return "", sc.fail("%q must be a string", name)
	}
	return sc.string()
}

// metaObject reads a document's "meta" value: an object, kept as compact
// JSON, or null.
func metaObject(sc *scanner) ([]byte, error) {
	if sc.null() {
		return nil, nil
	}
	if sc.peek() != '{' {
		return nil, sc.fail(`"meta" must be an object`)
	}
	raw, err := sc.skip()
	if err != nil {
		return nil, err
	}
	return compactRaw(raw), nil
}

func nullableString(sc *scanner) (string, error) {
	if sc.null() {
		return "", nil
	}
	return sc.string()
}

func appendExtra(sc *scanner, extra []annotate.Field, key []byte) ([]annotate.Field, error) {
	k := string(key) // copy: key aliases the scanner's buffers
	raw, err := sc.skip()
	if err != nil {
		return extra, err
	}
	return append(extra, annotate.Field{Key: k, Value: compactRaw(raw)}), nil
}

func parseSpan(sc *scanner, n int) (annotate.Span, error) {
	var s annotate.Span
	var hasStart, hasEnd, hasLabel bool
	err := sc.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			s.ID, err = nullableString(sc)
		case "start":
			s.Start, err = sc.int()
			hasStart = true
		case "end":
			s.End, err = sc.int()
			hasEnd = true
		case "label":
			s.Label, err = sc.label()
			hasLabel = true
		case "text":
			s.Text, err = nullableString(sc)
		case "note":
			s.Note, err = nullableString(sc)
		case "annotator":
			s.Annotator, err = nullableString(sc)
		case "created":
			s.Created, err = nullableString(sc)
		case "suggested":
			s.Suggested, err = sc.bool()
		case "reason":
			s.Reason, err = nullableString(sc)
		case "rejected":
			s.Rejected, err = sc.bool()
		default:
			s.Extra, err = appendExtra(sc, s.Extra, key)
		}
		if err != nil {
			return fmt.Errorf("span %d: %w", n, err)
		}
		return nil
	})
	if err != nil {
		return s, err
	}
	switch {
	case !hasStart:
		return s, fmt.Errorf(`span %d: missing "start"`, n)
	case !hasEnd:
		return s, fmt.Errorf(`span %d: missing "end"`, n)
	case !hasLabel:
		return s, fmt.Errorf(`span %d: missing "label"`, n)
	}
	return s, nil
}

func parseRelation(sc *scanner, n int) (annotate.Relation, error) {
	var r annotate.Relation
	err := sc.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			r.ID, err = nullableString(sc)
		case "label":
			r.Label, err = sc.string()
		case "from":
			r.From, err = sc.string()
		case "to":
			r.To, err = sc.string()
		case "suggested":
			r.Suggested, err = sc.bool()
		case "reason":
			r.Reason, err = nullableString(sc)
		default:
			r.Extra, err = appendExtra(sc, r.Extra, key)
		}
		if err != nil {
			return fmt.Errorf("relation %d: %w", n, err)
		}
		return nil
	})
	if err != nil {
		return r, err
	}
	if r.Label == "" || r.From == "" || r.To == "" {
		return r, fmt.Errorf(`relation %d: needs "label", "from" and "to"`, n)
	}
	return r, nil
}

// completeSpans converts UTF-16 offsets when asked, gives spans without an
// id their name-based id, fills in a missing span text, and gives relations
// without an id theirs.
func completeSpans(d *annotate.Document, utf16 bool) error {
	if utf16 {
		u := d.UTF16()
		for i := range d.Spans {
			s := &d.Spans[i]
			var ok1, ok2 bool
			s.Start, ok1 = u.ToRune(s.Start)
			s.End, ok2 = u.ToRune(s.End)
			if !ok1 || !ok2 {
				return fmt.Errorf("span %d: UTF-16 offset inside a surrogate pair", i+1)
			}
		}
	}
	n := d.Len()
	for i := range d.Spans {
		s := &d.Spans[i]
		if s.ID == "" {
			s.ID = annotate.SpanID(d.ID, s.Start, s.End, s.Label)
		}
		if s.Text == "" && s.Start >= 0 && s.Start < s.End && s.End <= n {
			s.Text = d.Slice(s.Start, s.End)
		}
	}
	for i := range d.Relations {
		r := &d.Relations[i]
		if r.ID == "" {
			r.ID = annotate.RelationID(r.From, r.To, r.Label)
		}
	}
	return nil
}

func sniffNative(head []byte) bool {
	line, _, _ := bytes.Cut(bytes.TrimPrefix(head, utf8BOM), []byte("\n"))
	line = bytes.TrimSpace(line)
	return bytes.HasPrefix(line, []byte("{")) && bytes.Contains(line, []byte(`"text"`)) &&
		(bytes.Contains(line, []byte(`"spans"`)) || !bytes.Contains(line, []byte(`"label"`)) &&
			!bytes.Contains(line, []byte(`"entities"`)) && !bytes.Contains(line, []byte(`"tokens"`)))
}

// NativeWriter writes Gloss's native JSONL: spans sorted by (start, end,
// label), keys in a fixed order, unknown keys after the known ones sorted
// by name, so that two saves of the same work are byte-identical.
type NativeWriter struct {
	out outBuf
	opt Options
}

// NewNativeWriter writes to w.
func NewNativeWriter(w io.Writer, opt Options) *NativeWriter {
	return &NativeWriter{out: newOutBuf(w), opt: opt}
}

// Write implements Writer.
func (nw *NativeWriter) Write(d *annotate.Document) error {
	nw.out.buf = append(AppendNative(nw.out.buf, d, nw.opt.UTF16), '\n')
	return nw.out.maybeFlush()
}

// NewDocEncoder implements DocEncoder.
func (nw *NativeWriter) NewDocEncoder() func([]byte, *annotate.Document) ([]byte, error) {
	return func(buf []byte, d *annotate.Document) ([]byte, error) {
		return append(AppendNative(buf, d, nw.opt.UTF16), '\n'), nil
	}
}

// WriteEncoded implements DocEncoder.
func (nw *NativeWriter) WriteEncoded(_ *annotate.Document, b []byte) error { return nw.out.write(b) }

// Close implements Writer.
func (nw *NativeWriter) Close() error { return nw.out.flush() }

// AppendNative appends d as one line of native JSON (without the newline).
// With utf16, offsets are written in UTF-16 code units.
func AppendNative(buf []byte, d *annotate.Document, utf16 bool) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, "id")
	buf = appendString(buf, d.ID)
	buf = append(buf, ',')
	buf = appendKey(buf, "text")
	buf = appendString(buf, d.Text)
	buf = append(buf, ',')
	buf = appendKey(buf, "annotator")
	buf = appendString(buf, d.Annotator)
	buf = append(buf, ',')
	buf = appendKey(buf, "spans")
	buf = append(buf, '[')
	var conv *annotate.UTF16Offsets
	if utf16 {
		conv = d.UTF16()
	}
	for k, i := range sortedSpans(d.Spans) {
		if k > 0 {
			buf = append(buf, ',')
		}
		buf = appendSpan(buf, &d.Spans[i], conv)
	}
	buf = append(buf, "],"...)
	buf = appendKey(buf, "relations")
	buf = append(buf, '[')
	for i := range d.Relations {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendRelation(buf, &d.Relations[i])
	}
	buf = append(buf, ']')
	buf = appendChoices(buf, d.Choices)
	buf = append(buf, ',')
	buf = appendKey(buf, "meta")
	if len(d.Meta) > 0 {
		buf = append(buf, d.Meta...)
	} else {
		buf = append(buf, "{}"...)
	}
	buf = appendExtraFields(buf, d.Extra)
	return append(buf, '}')
}

func appendSpan(buf []byte, s *annotate.Span, conv *annotate.UTF16Offsets) []byte {
	start, end := s.Start, s.End
	if conv != nil {
		start, end = conv.FromRune(start), conv.FromRune(end)
	}
	buf = append(buf, '{')
	buf = appendKey(buf, "id")
	buf = appendString(buf, s.ID)
	buf = append(buf, ',')
	buf = appendKey(buf, "start")
	buf = appendInt(buf, start)
	buf = append(buf, ',')
	buf = appendKey(buf, "end")
	buf = appendInt(buf, end)
	buf = append(buf, ',')
	buf = appendKey(buf, "label")
	buf = appendString(buf, s.Label)
	buf = append(buf, ',')
	buf = appendKey(buf, "text")
	buf = appendString(buf, s.Text)
	buf = append(buf, ',')
	buf = appendKey(buf, "note")
	buf = appendString(buf, s.Note)
	if s.Annotator != "" {
		buf = append(buf, ',')
		buf = appendKey(buf, "annotator")
		buf = appendString(buf, s.Annotator)
	}
	buf = append(buf, ',')
	buf = appendKey(buf, "created")
	buf = appendString(buf, s.Created)
	if s.Suggested {
		buf = append(buf, ',')
		buf = appendKey(buf, "suggested")
		buf = append(buf, "true"...)
	}
	if s.Reason != "" {
		buf = append(buf, ',')
		buf = appendKey(buf, "reason")
		buf = appendString(buf, s.Reason)
	}
	if s.Rejected {
		buf = append(buf, ',')
		buf = appendKey(buf, "rejected")
		buf = append(buf, "true"...)
	}
	buf = appendExtraFields(buf, s.Extra)
	return append(buf, '}')
}

func appendRelation(buf []byte, r *annotate.Relation) []byte {
	buf = append(buf, '{')
	buf = appendKey(buf, "id")
	buf = appendString(buf, r.ID)
	buf = append(buf, ',')
	buf = appendKey(buf, "label")
	buf = appendString(buf, r.Label)
	buf = append(buf, ',')
	buf = appendKey(buf, "from")
	buf = appendString(buf, r.From)
	buf = append(buf, ',')
	buf = appendKey(buf, "to")
	buf = appendString(buf, r.To)
	if r.Suggested {
		buf = append(buf, ',')
		buf = appendKey(buf, "suggested")
		buf = append(buf, "true"...)
	}
	if r.Reason != "" {
		buf = append(buf, ',')
		buf = appendKey(buf, "reason")
		buf = appendString(buf, r.Reason)
	}
	buf = appendExtraFields(buf, r.Extra)
	return append(buf, '}')
}

// appendExtraFields writes kept unknown members sorted by key.
func appendExtraFields(buf []byte, extra []annotate.Field) []byte {
	return appendExtraFieldsExcept(buf, extra, nil)
}

// appendExtraFieldsExcept writes kept unknown members sorted by key, but
// those named in skip (keys a writer writes in its own way).
func appendExtraFieldsExcept(buf []byte, extra []annotate.Field, skip []string) []byte {
	if len(extra) == 0 {
		return buf
	}
	if len(skip) > 0 {
		kept := 0
		for _, f := range extra {
			if !slices.Contains(skip, f.Key) {
				kept++
			}
		}
		if kept < len(extra) {
			filtered := make([]annotate.Field, 0, kept)
			for _, f := range extra {
				if !slices.Contains(skip, f.Key) {
					filtered = append(filtered, f)
				}
			}
			extra = filtered
		}
	}
	order := make([]int, len(extra))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(extra[a].Key, extra[b].Key) })
	for _, i := range order {
		buf = append(buf, ',')
		buf = appendString(buf, extra[i].Key)
		buf = append(buf, ':')
		buf = append(buf, extra[i].Value...)
	}
	return buf
}

// sortedSpans returns the indexes of spans in canonical order, without
// reordering the slice itself (the app keeps its own order).
func sortedSpans(spans []annotate.Span) []int {
	return appendSortedSpans(make([]int, 0, len(spans)), spans)
}

// appendSortedSpans is sortedSpans appending to order (a writer's reused
// slice).
func appendSortedSpans(order []int, spans []annotate.Span) []int {
	start := len(order)
	for i := range spans {
		order = append(order, i)
	}
	if !spansSorted(spans) {
		slices.SortStableFunc(order[start:], func(a, b int) int { return annotate.CompareSpans(spans[a], spans[b]) })
	}
	return order
}

// spansSorted is slices.IsSortedFunc(spans, annotate.CompareSpans) without
// copying two 160-byte spans for each comparison (a few per cent of an
// export's time, on every document).
func spansSorted(spans []annotate.Span) bool {
	for i := 1; i < len(spans); i++ {
		a, b := &spans[i-1], &spans[i]
		if a.Start != b.Start {
			if a.Start > b.Start {
				return false
			}
			continue
		}
		if annotate.CompareSpans(*a, *b) > 0 {
			return false
		}
	}
	return true
}
