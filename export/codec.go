package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"gloss/annotate"
)

// This file holds what the foreign codecs share: buffered output, offset
// conversion at the edge, dropping suggestions for formats that cannot mark
// them, and the clean-up every reader does after parsing a document.

// outBuf is the output buffer of a writer: documents are appended to one
// reused []byte that is flushed when it grows past flushAt.
type outBuf struct {
	w   io.Writer
	buf []byte
	err error
}

const flushAt = 48 << 10

func newOutBuf(w io.Writer) outBuf { return outBuf{w: w, buf: make([]byte, 0, 64<<10)} }

// write appends b (a document's encoded output, see DocEncoder) and
// flushes when the buffer is full enough.
func (o *outBuf) write(b []byte) error {
	o.buf = append(o.buf, b...)
	return o.maybeFlush()
}

// maybeFlush writes the buffer out when it is full enough.
func (o *outBuf) maybeFlush() error {
	if len(o.buf) >= flushAt {
		return o.flush()
	}
	return nil
}

func (o *outBuf) flush() error {
	if o.err != nil {
		return o.err
	}
	if len(o.buf) > 0 {
		_, o.err = o.w.Write(o.buf)
	}
	o.buf = o.buf[:0]
	return o.err
}

// offsets converts code points to the file's offset unit when writing.
type offsets struct{ u *annotate.UTF16Offsets }

func offsetsOf(d *annotate.Document, utf16 bool) offsets {
	if utf16 {
		return offsets{d.UTF16()}
	}
	return offsets{}
}

func (o offsets) of(r int) int {
	if o.u == nil {
		return r
	}
	return o.u.FromRune(r)
}

// spanDrops counts the spans a writer left out because its format cannot
// mark them: suggestions (exporting a machine's guess as an ordinary span
// would make it training data) and rejected spans (negative evidence,
// which as an ordinary span would become a positive label), with the
// relations to or from them.
type spanDrops struct {
	format string
	// keepRejected is set by writers whose format can say "rejected".
	keepRejected bool
	// keepChoices is set by writers whose format carries document
	// labels; the others' are counted and named at warn.
	keepChoices                 bool
	choices                     choiceDrops
	suggested, rejected         int
	suggestedRels, rejectedRels int
	keptSpanIndexes             []int
	order                       []int // reused by kept
	rejectedIDs                 map[string]bool
}

// kept returns the indexes of the spans to write, in canonical order,
// without suggestions (and without rejected spans, unless keepRejected).
func (s *spanDrops) kept(d *annotate.Document) []int {
	if !s.keepChoices {
		s.choices.drop(d)
	}
	s.order = appendSortedSpans(s.order[:0], d.Spans)
	order := s.order
	out := s.keptSpanIndexes[:0]
	clear(s.rejectedIDs)
	for _, i := range order {
		sp := &d.Spans[i]
		switch {
		case sp.Suggested:
			s.suggested++
			continue
		case sp.Rejected && !s.keepRejected:
			s.rejected++
			if s.rejectedIDs == nil {
				s.rejectedIDs = map[string]bool{}
			}
			s.rejectedIDs[sp.ID] = true
			continue
		}
		out = append(out, i)
	}
	s.keptSpanIndexes = out
	return out
}

// keptRelation reports whether relation r is written: not a suggestion,
// and between spans that are written (spanAt holds their ids).
func (s *spanDrops) keptRelation(r *annotate.Relation, spanAt map[string]int) bool {
	if r.Suggested {
		s.suggestedRels++
		return false
	}
	_, okFrom := spanAt[r.From]
	_, okTo := spanAt[r.To]
	switch {
	case okFrom && okTo:
		return true
	case s.rejectedIDs[r.From] || s.rejectedIDs[r.To]:
		s.rejectedRels++
	default:
		s.suggestedRels++
	}
	return false
}

// add adds o's counts to s's (a worker's encoder's, see DocEncoder).
func (s *spanDrops) add(o *spanDrops) {
	s.choices.docs += o.choices.docs
	s.choices.values += o.choices.values
	s.suggested += o.suggested
	s.rejected += o.rejected
	s.suggestedRels += o.suggestedRels
	s.rejectedRels += o.rejectedRels
}

func (s *spanDrops) warn(opt Options) {
	s.choices.format = s.format
	s.choices.warn(opt)
	if s.suggested > 0 || s.suggestedRels > 0 {
		opt.warn("%s: left out %d suggested span(s) and %d relation(s) to or from them: the format cannot mark suggestions (accept them first)", s.format, s.suggested, s.suggestedRels)
	}
	if s.rejected > 0 || s.rejectedRels > 0 {
		opt.warn("%s: left out %d rejected span(s) and %d relation(s) to or from them: the format cannot mark a span as rejected, and written as a span it would become a positive label", s.format, s.rejected, s.rejectedRels)
	}
}

// spanNumbers maps the id of each written span to its position among the
// written spans (0-based), for formats that refer to spans by number.
func spanNumbers(d *annotate.Document, kept []int, m map[string]int) map[string]int {
	clear(m)
	for k, i := range kept {
		m[d.Spans[i].ID] = k
	}
	return m
}

// dedupSpans removes spans with the same start, end and label as an
// earlier one. DESIGN.md forbids such twins; overlapping spans of one label
// with different offsets are different spans and are all kept.
func dedupSpans(d *annotate.Document, warn func(string, ...any)) {
	if len(d.Spans) < 2 {
		return
	}
	type key struct {
		start, end int
		label      string
	}
	seen := make(map[key]int, len(d.Spans))
	var renamed map[string]string
	out := d.Spans[:0]
	dropped := 0
	for _, s := range d.Spans {
		k := key{s.Start, s.End, s.Label}
		if j, dup := seen[k]; dup {
			dropped++
			if s.ID != out[j].ID {
				if renamed == nil {
					renamed = map[string]string{}
				}
				renamed[s.ID] = out[j].ID
			}
			continue
		}
		seen[k] = len(out)
		out = append(out, s)
	}
	d.Spans = out
	if dropped == 0 {
		return
	}
	warn("document %s: dropped %d duplicate span(s) (same start, end and label as another)", d.ID, dropped)
	for i := range d.Relations {
		r := &d.Relations[i]
		if to, ok := renamed[r.From]; ok {
			r.From = to
		}
		if to, ok := renamed[r.To]; ok {
			r.To = to
		}
	}
}

// relationIDs gives relations without an id their name-based one.
func relationIDs(d *annotate.Document) {
	for i := range d.Relations {
		if r := &d.Relations[i]; r.ID == "" {
			r.ID = annotate.RelationID(r.From, r.To, r.Label)
		}
	}
}

// rawID turns a JSON id (string or number) into a string.
func rawID(sc *scanner) (string, error) {
	switch c := sc.peek(); {
	case c == '"':
		return sc.string()
	case c == 'n' && sc.null():
		return "", nil
	}
	raw, err := sc.skip()
	if err != nil {
		return "", err
	}
	if len(raw) == 0 || raw[0] == '{' || raw[0] == '[' {
		return "", sc.fail("an id must be a string or a number")
	}
	return string(raw), nil
}

// metaBuilder collects JSON members into one compact object.
type metaBuilder struct{ buf []byte }

func (m *metaBuilder) reset() { m.buf = m.buf[:0] }

func (m *metaBuilder) add(key string, raw []byte) {
	if len(m.buf) == 0 {
		m.buf = append(m.buf, '{')
	} else {
		m.buf = append(m.buf, ',')
	}
	m.buf = appendString(m.buf, key)
	m.buf = append(m.buf, ':')
	m.buf = append(m.buf, compactRaw(raw)...)
}

// addObject adds every member of the object at the scanner.
func (m *metaBuilder) addObject(sc *scanner) error {
	return sc.object(func(key []byte) error {
		k := string(key)
		raw, err := sc.skip()
		if err != nil {
			return err
		}
		m.add(k, raw)
		return nil
	})
}

// addMember adds the value at the scanner under key.
func (m *metaBuilder) addMember(sc *scanner, key []byte) error {
	k := string(key)
	raw, err := sc.skip()
	if err != nil {
		return err
	}
	m.add(k, raw)
	return nil
}

// done returns the object, or nil when it has no member.
func (m *metaBuilder) done() []byte {
	if len(m.buf) == 0 {
		return nil
	}
	return append(bytes.Clone(m.buf), '}')
}

// appendMetaObject appends ,"meta":{…} with the members of meta and then
// the extra fields, or nothing when both are empty.
func appendMetaObject(buf, meta []byte, extra []annotate.Field) []byte {
	inner := bytes.TrimSpace(meta)
	if len(inner) >= 2 && inner[0] == '{' {
		inner = bytes.TrimSpace(inner[1 : len(inner)-1])
	} else {
		inner = nil
	}
	if len(inner) == 0 && len(extra) == 0 {
		return buf
	}
	buf = append(buf, `,"meta":{`...)
	buf = append(buf, inner...)
	p := len(buf)
	buf = appendExtraFields(buf, extra)
	if len(inner) == 0 && len(buf) > p {
		// appendExtraFields starts every field with a comma.
		buf = append(buf[:p], buf[p+1:]...)
	}
	return append(buf, '}')
}

// jsonlReader is the part every one-document-a-line JSON reader shares:
// lines, blank-line skipping, UTF-8 checks and FILE:LINE errors.
type jsonlReader struct {
	lines *lineReader
	name  string
	base  string
	opt   Options
	sc    scanner
	line  int
	parse func(line []byte) (*annotate.Document, error)
}

func newJSONLReader(r io.Reader, name string, opt Options) jsonlReader {
	jr := jsonlParser(name, opt)
	jr.lines = newLineReader(r, name, opt.maxLine())
	return jr
}

// jsonlParser is a jsonlReader without input, for lines read elsewhere
// (see decode).
func jsonlParser(name string, opt Options) jsonlReader {
	return jsonlReader{name: name, base: DocumentID(name), opt: opt}
}

// Line implements Reader.
func (jr *jsonlReader) Line() int { return jr.line }

// Next implements Reader.
func (jr *jsonlReader) Next() (*annotate.Document, error) {
	for {
		line, err := jr.lines.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			return nil, inputError(jr.name, err)
		}
		jr.line = jr.lines.line
		if d, err := jr.decode(line); d != nil || err != nil {
			return d, err
		}
	}
}

// decode parses line, line number jr.line of the input, without its line
// ending; a blank line gives nil, nil. Next reads through it, and so does
// Pairing when it reads one line again from a seekable file.
func (jr *jsonlReader) decode(line []byte) (*annotate.Document, error) {
	if jr.line == 1 {
		line = bytes.TrimPrefix(line, utf8BOM)
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, nil
	}
	if i := firstInvalidUTF8(line); i >= 0 {
		return nil, jr.errorf("invalid UTF-8 at byte %d", i+1)
	}
	d, err := jr.parse(line)
	if err != nil {
		return nil, &LineError{File: jr.name, Line: jr.line, Msg: err.Error()}
	}
	if d.ID == "" {
		d.ID = jr.defaultID()
	}
	return d, nil
}

// defaultID is the id of a document on the current line that has none:
// the file's name without extension, a dash, and the line number.
func (jr *jsonlReader) defaultID() string { return jr.base + "-" + strconv.Itoa(jr.line) }

func (jr *jsonlReader) errorf(format string, args ...any) error {
	return &LineError{File: jr.name, Line: jr.line, Msg: fmt.Sprintf(format, args...)}
}

// warnf reports a note about the current line.
func (jr *jsonlReader) warnf(format string, args ...any) {
	jr.opt.warn("%s:%d: %s", jr.name, jr.line, fmt.Sprintf(format, args...))
}

// textHash is a stable 32-bit signed hash, the shape of Prodigy's
// _input_hash and _task_hash.
func textHash(parts ...string) int {
	// FNV-1a, inline: hash/fnv through its interface costs a copy of
	// every text.
	h := uint32(2166136261)
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			h = (h ^ uint32(p[i])) * 16777619
		}
		h = (h ^ 0) * 16777619
	}
	return int(int32(h))
}

// firstLine returns the first non-blank line of head, without a BOM.
func firstLine(head []byte) []byte {
	head = bytes.TrimPrefix(head, utf8BOM)
	for len(head) > 0 {
		var line []byte
		line, head, _ = bytes.Cut(head, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return t
		}
	}
	return nil
}

// hasJSONKey reports whether line has a member "key" with a value.
func hasJSONKey(line []byte, key string) bool { return keyValueStart(line, key) != 0 }

// keyValueStart returns the first byte of the value of "key" in line, or 0.
func keyValueStart(line []byte, key string) byte {
	q := `"` + key + `"`
	for rest := line; ; {
		i := bytes.Index(rest, []byte(q))
		if i < 0 {
			return 0
		}
		rest = rest[i+len(q):]
		t := bytes.TrimLeft(rest, " \t")
		if len(t) > 0 && t[0] == ':' {
			t = bytes.TrimLeft(t[1:], " \t")
			if len(t) > 0 {
				return t[0]
			}
			return 0
		}
	}
}

// maxFileName is the most bytes of a document id kept in a file name: file
// systems refuse names over 255 bytes, and a writer adds a "-2" to make
// names unique and an extension (".ann").
const maxFileName = 200

// safeFileName turns a document id into a file name: path separators and
// characters that file systems refuse become '_', and an id too long for
// a file name is cut (at a character) and ended with "~" and a hash of the
// whole id, so that two long ids that share their start keep apart.
func safeFileName(id string) string {
	if id == "" || id == "." || id == ".." {
		return "document"
	}
	name := strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|' || r < 0x20:
			return '_'
		}
		return r
	}, id)
	if len(name) <= maxFileName {
		return name
	}
	sum := sha256.Sum256([]byte(id))
	cut := maxFileName - 9
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	return name[:cut] + "~" + hex.EncodeToString(sum[:4])
}

// tokenBytes returns the byte offsets of toks in text, start and end of
// each in turn, in one pass over the text (RuneIndex.ByteOffset per token
// would decode up to 63 runes each time).
func tokenBytes(text string, toks []annotate.Token, out []int) []int {
	out = out[:0]
	if len(toks) == 0 {
		return out
	}
	if last := toks[len(toks)-1].End; last <= len(text) && isASCII(text[:last]) {
		// Up to the last token code points are bytes.
		for _, t := range toks {
			out = append(out, t.Start, t.End)
		}
		return out
	}
	r, b := 0, 0
	advance := func(to int) {
		for r < to && b < len(text) {
			if text[b] < utf8.RuneSelf {
				b++
			} else {
				_, size := utf8.DecodeRuneInString(text[b:])
				b += size
			}
			r++
		}
	}
	for _, t := range toks {
		advance(t.Start)
		out = append(out, b)
		advance(t.End)
		out = append(out, b)
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
