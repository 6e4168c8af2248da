package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"gloss/annotate"
)

func init() {
	Register(&Format{
		Name:        "conll",
		Description: "CoNLL: a token a line, one IOB2 column per label, # id and # text comments",
		Extension:   ".conll",
		NewReader:   func(r io.Reader, name string, opt Options) Reader { return NewCoNLLReader(r, name, opt) },
		NewWriter:   func(w io.Writer, opt Options) Writer { return NewCoNLLWriter(w, opt) },
		Sniff:       sniffCoNLL,
		Columns:     true,
	})
}

func sniffCoNLL(head []byte) bool {
	head = bytes.TrimPrefix(head, utf8BOM)
	for len(head) > 0 {
		var line []byte
		line, head, _ = bytes.Cut(head, []byte("\n"))
		line = bytes.TrimRight(line, "\r")
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if bytes.HasPrefix(line, []byte("# ")) {
			if bytes.HasPrefix(line, []byte("# id = ")) {
				return true
			}
			continue
		}
		fields := conllFields(string(line))
		if len(fields) < 2 {
			return false
		}
		_, _, ok := parseTag(fields[len(fields)-1])
		return ok
	}
	return false
}

// conllFields splits a token line: at tabs when there is one (Gloss and
// doccano), else at runs of spaces (CoNLL 2003).
func conllFields(line string) []string {
	if strings.IndexByte(line, '\t') >= 0 {
		return strings.Split(line, "\t")
	}
	return strings.Fields(line)
}

// parseTag reads O, B-X, I-X (and BIOES's S-X and E-X, read as B-X and I-X).
// kind is 'O', 'B' or 'I'.
func parseTag(tag string) (kind byte, label string, ok bool) {
	if tag == "O" {
		return 'O', "", true
	}
	if len(tag) < 3 || tag[1] != '-' {
		return 0, "", false
	}
	switch tag[0] {
	case 'B', 'S':
		return 'B', tag[2:], true
	case 'I', 'E':
		return 'I', tag[2:], true
	}
	return 0, "", false
}

// CoNLLReader reads CoNLL files. With "# id = DOC" lines (as Gloss writes)
// a document runs until the next "# id" line and blank lines only separate
// its sentences; without them (doccano's two-column CoNLL) every sentence
// is a document. Each column after the token is read on its own, so nested
// and overlapping spans of different labels survive; a span may continue
// across a sentence break inside a document (quotes of several sentences).
// An I- tag that continues nothing (a dangling I-) is read as B- with a
// warning. The text comes from "# text = …" or "# text_json = "…"" and
// tokens are aligned to it; without it, the text is rebuilt by joining the
// tokens with single spaces, and a warning says so.
type CoNLLReader struct {
	lines *lineReader
	name  string
	base  string
	opt   Options
	sc    scanner
	// idMode is set once a "# id" line is seen.
	idMode bool
	// columns is the number of columns a "# columns" line named, at
	// columnsLine; 0 when there was none.
	columns, columnsLine int
	// pending is a "# id" value read while finishing the previous document.
	pending   string
	hasPend   bool
	eof       bool
	line      int
	rebuilt   int
	dangling  int
	firstDang int
}

// NewCoNLLReader reads CoNLL from r.
func NewCoNLLReader(r io.Reader, name string, opt Options) *CoNLLReader {
	return &CoNLLReader{lines: newLineReader(r, name, opt.maxLine()), name: name, base: DocumentID(name), opt: opt}
}

// Line implements Reader: the line where the last document began.
func (cr *CoNLLReader) Line() int { return cr.line }

type conllTok struct {
	text string
	tags []string
	line int
}

type conllDoc struct {
	id, text string
	hasText  bool
	toks     []conllTok
	// sentence[i] is true when token i starts a sentence.
	sentence []bool
	start    int
}

// Next implements Reader.
func (cr *CoNLLReader) Next() (*annotate.Document, error) {
	var doc conllDoc
	if cr.hasPend {
		doc.id, doc.start, cr.hasPend = cr.pending, cr.lines.line, false
	}
	newSentence := true
	for !cr.eof {
		raw, err := cr.lines.next()
		if errors.Is(err, io.EOF) {
			cr.eof = true
			break
		}
		if err != nil {
			return nil, inputError(cr.name, err)
		}
		lineNo := cr.lines.line
		if lineNo == 1 {
			raw = bytes.TrimPrefix(raw, utf8BOM)
		}
		if i := firstInvalidUTF8(raw); i >= 0 {
			return nil, &LineError{File: cr.name, Line: lineNo, Msg: fmt.Sprintf("invalid UTF-8 at byte %d", i+1)}
		}
		line := string(raw)
		if strings.TrimSpace(line) == "" {
			newSentence = true
			if !cr.idMode && len(doc.toks) > 0 {
				break
			}
			continue
		}
		if strings.HasPrefix(line, "# ") {
			key, val, _ := strings.Cut(line[2:], " = ")
			switch key {
			case "id":
				cr.idMode = true
				if len(doc.toks) > 0 || doc.hasText || doc.id != "" {
					cr.pending, cr.hasPend = val, true
					return cr.finish(&doc)
				}
				doc.id, doc.start = val, lineNo
			case "text":
				doc.text, doc.hasText = val, true
			case "columns":
				// Names the columns of every token line of the file.
				cr.columns, cr.columnsLine = len(strings.Fields(val)), lineNo
			case "text_json":
				cr.sc.reset([]byte(val))
				s, err := cr.sc.string()
				if err == nil {
					err = cr.sc.end()
				}
				if err != nil {
					return nil, &LineError{File: cr.name, Line: lineNo, Msg: "text_json: " + err.Error()}
				}
				doc.text, doc.hasText = s, true
			}
			continue
		}
		fields := conllFields(line)
		if len(fields) < 2 {
			return nil, &LineError{File: cr.name, Line: lineNo,
				Msg: fmt.Sprintf("want a token and at least one tag column separated by tabs, found %q", truncate(line))}
		}
		if cr.columns > 0 && len(fields) != cr.columns {
			return nil, &LineError{File: cr.name, Line: lineNo,
				Msg: fmt.Sprintf("%d columns, but line %d names %d", len(fields), cr.columnsLine, cr.columns)}
		}
		if len(doc.toks) > 0 && len(fields) != len(doc.toks[0].tags)+1 {
			return nil, &LineError{File: cr.name, Line: lineNo,
				Msg: fmt.Sprintf("%d columns, but the document's first token line (line %d) has %d", len(fields), doc.toks[0].line, len(doc.toks[0].tags)+1)}
		}
		for _, tag := range fields[1:] {
			if _, _, ok := parseTag(tag); !ok {
				return nil, &LineError{File: cr.name, Line: lineNo, Msg: fmt.Sprintf("bad tag %q (want O, B-LABEL or I-LABEL)", truncate(tag))}
			}
		}
		if doc.start == 0 {
			doc.start = lineNo
		}
		doc.toks = append(doc.toks, conllTok{text: fields[0], tags: fields[1:], line: lineNo})
		doc.sentence = append(doc.sentence, newSentence)
		newSentence = false
	}
	if len(doc.toks) == 0 && !doc.hasText && doc.id == "" {
		cr.warnRebuilt()
		return nil, io.EOF
	}
	return cr.finish(&doc)
}

func (cr *CoNLLReader) warnRebuilt() {
	if cr.rebuilt > 0 {
		cr.opt.warn("%s: no \"# text\" line: rebuilt the text of %d document(s) by joining tokens with single spaces", cr.name, cr.rebuilt)
		cr.rebuilt = 0
	}
}

// finish builds the document: token offsets, then spans column by column.
func (cr *CoNLLReader) finish(doc *conllDoc) (*annotate.Document, error) {
	cr.line = doc.start
	d := &annotate.Document{ID: doc.id}
	if d.ID == "" {
		d.ID = cr.base + "-" + strconv.Itoa(doc.start)
	}
	type span struct{ start, end int }
	offs := make([]span, len(doc.toks))
	if doc.hasText {
		d.Text = doc.text
		at, runes := 0, 0
		for i, t := range doc.toks {
			k := strings.Index(doc.text[at:], t.text)
			if k < 0 {
				return nil, &LineError{File: cr.name, Line: t.line, Msg: fmt.Sprintf("token %q is not in the document's text after code point %d", truncate(t.text), runes)}
			}
			runes += utf8.RuneCountInString(doc.text[at : at+k])
			n := utf8.RuneCountInString(t.text)
			offs[i] = span{runes, runes + n}
			runes += n
			at += k + len(t.text)
		}
	} else {
		var b strings.Builder
		runes := 0
		for i, t := range doc.toks {
			if i > 0 {
				b.WriteByte(' ')
				runes++
			}
			b.WriteString(t.text)
			n := utf8.RuneCountInString(t.text)
			offs[i] = span{runes, runes + n}
			runes += n
		}
		d.Text = b.String()
		if len(doc.toks) > 0 {
			cr.rebuilt++
		}
	}
	cols := 0
	if len(doc.toks) > 0 {
		cols = len(doc.toks[0].tags)
	}
	dangling, firstDangling := 0, 0
	for c := range cols {
		open, label := -1, ""
		closeSpan := func(last int) {
			if open >= 0 {
				d.Spans = append(d.Spans, annotate.Span{Start: offs[open].start, End: offs[last].end, Label: label})
				open = -1
			}
		}
		for i, t := range doc.toks {
			kind, l, _ := parseTag(t.tags[c])
			switch {
			case kind == 'O':
				closeSpan(i - 1)
			case kind == 'I' && open >= 0 && l == label:
				// continues
			default:
				if kind == 'I' {
					if dangling == 0 {
						firstDangling = t.line
					}
					dangling++
				}
				closeSpan(i - 1)
				open, label = i, l
			}
		}
		closeSpan(len(doc.toks) - 1)
	}
	if dangling > 0 {
		cr.opt.warn("%s:%d: %d I- tag(s) continuing no span read as B- (document %s)", cr.name, firstDangling, dangling, d.ID)
	}
	d.SortSpans()
	if err := completeSpans(d, false); err != nil {
		return nil, err
	}
	src := make([]sourceToken, len(offs))
	for i, o := range offs {
		src[i] = sourceToken{start: o.start, end: o.end, ws: -1}
	}
	keepSourceTokens(d, src)
	dedupSpans(d, func(format string, args ...any) {
		cr.opt.warn("%s:%d: %s", cr.name, doc.start, fmt.Sprintf(format, args...))
	})
	if cr.eof && !cr.hasPend {
		cr.warnRebuilt()
	}
	return d, nil
}

// CoNLLWriter writes CoNLL. The file begins with "# columns = TOKEN …"
// naming its columns, which are the same for every document: in the
// columns layout, the token and one IOB2 column per label
// (ColumnsFor: the label set's, then Options.Used, kept to Options.Only);
// in the single layout (Options.Layout), the token and one NER column
// where the outermost span wins. Before each document come "# id = DOC"
// and its text ("# text = …", or "# text_json = "…"" when the text holds
// line breaks, tabs or edge spaces), then a token a line; a blank line
// separates sentences (which never break inside a span) and documents.
// Tokens are the document's source tokens while they fit its spans, else
// annotate.Tokenize's.
//
// A span that does not start and end on token boundaries is widened to
// whole tokens; a span that one column cannot hold (a second span of one
// label overlapping the first; in the single layout, a span nested in or
// crossing another) is left out; both are said at Close.
type CoNLLWriter struct {
	out     outBuf
	opt     Options
	cols    []string // the columns layout's (nil: single)
	enc     *conllEncoder
	encs    []*conllEncoder // the workers' (see DocEncoder), counted at Close
	header  string
	err     error
	started bool // the header is written
}

// conllEncoder makes the CoNLL lines of a document, on one goroutine.
type conllEncoder struct {
	drops spanDrops
	tg    *tagger
	err   error // the writer's
}

// NewCoNLLWriter writes to w. When the columns cannot be decided (more
// than MaxColumns), Write and Close return the error.
func NewCoNLLWriter(w io.Writer, opt Options) *CoNLLWriter {
	cw := &CoNLLWriter{out: newOutBuf(w), opt: opt}
	if opt.Layout == LayoutSingle {
		cw.header = "# columns = TOKEN NER\n"
	} else if cols, err := ColumnsFor(opt.Labels, opt.Used, opt.Only); err != nil {
		cw.err = fmt.Errorf("conll: %w", err)
	} else {
		cw.cols = cols
		cw.header = "# columns = TOKEN " + strings.Join(cols, " ") + "\n"
	}
	cw.enc = cw.newEncoder()
	return cw
}

func (cw *CoNLLWriter) newEncoder() *conllEncoder {
	return &conllEncoder{drops: spanDrops{format: "conll"}, tg: newTagger(cw.opt.Layout == LayoutSingle, cw.cols), err: cw.err}
}

// Write implements Writer.
func (cw *CoNLLWriter) Write(d *annotate.Document) error {
	if cw.err != nil {
		return cw.err
	}
	at := len(cw.out.buf)
	if !cw.started {
		cw.out.buf = append(cw.out.buf, cw.header...)
	}
	buf, err := cw.enc.encode(cw.out.buf, d)
	if err != nil {
		cw.out.buf = cw.out.buf[:at]
		return err
	}
	cw.started = true
	cw.out.buf = buf
	return cw.out.maybeFlush()
}

// NewDocEncoder implements DocEncoder.
func (cw *CoNLLWriter) NewDocEncoder() func([]byte, *annotate.Document) ([]byte, error) {
	e := cw.newEncoder()
	cw.encs = append(cw.encs, e)
	return e.encode
}

// WriteEncoded implements DocEncoder.
func (cw *CoNLLWriter) WriteEncoded(_ *annotate.Document, b []byte) error {
	if !cw.started {
		cw.out.buf = append(cw.out.buf, cw.header...)
		cw.started = true
	}
	return cw.out.write(b)
}

// encode appends d's comment lines and tokens, and the blank line after
// them; on an error it returns buf as it was.
func (e *conllEncoder) encode(buf []byte, d *annotate.Document) ([]byte, error) {
	if e.err != nil {
		return buf, e.err
	}
	kept := e.drops.kept(d)
	tg := e.tg
	if err := tg.layOut(d, kept); err != nil {
		return buf, fmt.Errorf("conll: %w", err)
	}
	buf = append(buf, "# id = "...)
	buf = append(buf, bratText(d.ID)...)
	buf = append(buf, '\n')
	if plainText(d.Text) {
		buf = append(buf, "# text = "...)
		buf = append(buf, d.Text...)
	} else {
		buf = append(buf, "# text_json = "...)
		buf = appendString(buf, d.Text)
	}
	buf = append(buf, '\n')
	text, ncol := d.Text, len(tg.columns)
	for t := range tg.tokens {
		if t > 0 && tg.starts[t] {
			buf = append(buf, '\n')
		}
		buf = append(buf, text[tg.tokBytes[2*t]:tg.tokBytes[2*t+1]]...)
		for c := range ncol {
			buf = append(buf, '\t')
			kind, label := tg.tag(c, t)
			if kind == 'O' {
				buf = append(buf, 'O')
				continue
			}
			buf = append(buf, kind, '-')
			buf = append(buf, label...)
		}
		buf = append(buf, '\n')
	}
	return append(buf, '\n'), nil
}

// Prepare implements Preparer: it tokenizes the text ahead of Write.
func (cw *CoNLLWriter) Prepare(d *annotate.Document) { d.Tokens() }

// plainText reports whether a text fits on a "# text = " line and reads
// back the same.
func plainText(s string) bool {
	if s == "" || lineBreakIn(s) || strings.ContainsAny(s, "\t\v\f") {
		return s == ""
	}
	return strings.TrimSpace(s) == s && utf8.ValidString(s)
}

func sentenceFinal(w string) bool {
	switch w {
	case ".", "!", "?", "…", "。", "！", "？", "‼", "⁇", "⁈", "⁉":
		return true
	}
	return false
}

func closing(w string) bool {
	switch w {
	case "\"", "'", "”", "’", "»", "›", ")", "]", "}", "」", "』", "）":
		return true
	}
	return false
}

// Close implements Writer.
func (cw *CoNLLWriter) Close() error {
	if cw.err != nil {
		return cw.err
	}
	if !cw.started {
		cw.out.buf = append(cw.out.buf, cw.header...)
	}
	for _, e := range cw.encs {
		cw.enc.drops.add(&e.drops)
		cw.enc.tg.add(e.tg)
	}
	cw.encs = nil
	cw.enc.drops.warn(cw.opt)
	cw.enc.tg.warn(cw.opt, "conll")
	return cw.out.flush()
}
