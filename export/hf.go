package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gloss/annotate"
)

func init() {
	Register(&Format{
		Name:        "hf",
		Description: `Hugging Face token classification JSONL (a sentence a line: "tokens" and IOB2 "ner_tags")`,
		Extension:   ".jsonl",
		NewReader:   func(r io.Reader, name string, opt Options) Reader { return NewHFReader(r, name, opt) },
		NewWriter:   func(w io.Writer, opt Options) Writer { return NewHFWriter(w, opt) },
		Sniff:       sniffHF,
	})
}

func sniffHF(head []byte) bool {
	line := firstLine(head)
	return len(line) > 0 && line[0] == '{' && hasJSONKey(line, "ner_tags") && hasJSONKey(line, "tokens")
}

// HFWriter writes Hugging Face token classification data, the shape of
// the datasets that `run_ner.py` and `AutoModelForTokenClassification`
// train on: one sentence a line,
//
//	{"id":"DOC:3","tokens":["Ana","said",…],"ner_tags":["B-ACTOR","O",…]}
//
// with the tokens and sentences of CoNLL's single layout: the document's
// source tokens while they fit its spans, sentences never broken inside a
// span, one tag a token where the outermost span wins. Sentences are
// numbered from 1 within their document. A document without tokens writes
// no line, and Close counts those.
type HFWriter struct {
	out  outBuf
	opt  Options
	enc  *hfEncoder
	encs []*hfEncoder // the workers' (see DocEncoder), counted at Close
}

// hfEncoder makes the lines of a document's sentences, on one goroutine.
type hfEncoder struct {
	drops   spanDrops
	tg      *tagger
	noToken int
}

// NewHFWriter writes to w.
func NewHFWriter(w io.Writer, opt Options) *HFWriter {
	return &HFWriter{out: newOutBuf(w), opt: opt, enc: newHFEncoder()}
}

func newHFEncoder() *hfEncoder {
	return &hfEncoder{drops: spanDrops{format: "hf"}, tg: newTagger(true, nil)}
}

// Write implements Writer.
func (hw *HFWriter) Write(d *annotate.Document) error {
	buf, err := hw.enc.encode(hw.out.buf, d)
	if err != nil {
		return err
	}
	hw.out.buf = buf
	return hw.out.maybeFlush()
}

// NewDocEncoder implements DocEncoder.
func (hw *HFWriter) NewDocEncoder() func([]byte, *annotate.Document) ([]byte, error) {
	e := newHFEncoder()
	hw.encs = append(hw.encs, e)
	return e.encode
}

// WriteEncoded implements DocEncoder.
func (hw *HFWriter) WriteEncoded(_ *annotate.Document, b []byte) error {
	return hw.out.write(b)
}

// encode appends d's sentences, a line each; on an error it returns buf
// as it was.
func (e *hfEncoder) encode(buf []byte, d *annotate.Document) ([]byte, error) {
	tg := e.tg
	if err := tg.layOut(d, e.drops.kept(d)); err != nil {
		return buf, fmt.Errorf("hf: %w", err)
	}
	if len(tg.tokens) == 0 {
		e.noToken++
		return buf, nil
	}
	text := d.Text
	sentence := 0
	for start := 0; start < len(tg.tokens); {
		end := start + 1
		for end < len(tg.tokens) && !tg.starts[end] {
			end++
		}
		sentence++
		buf = append(buf, `{"id":`...)
		buf = appendString(buf, d.ID+":"+strconv.Itoa(sentence))
		buf = append(buf, `,"tokens":[`...)
		for t := start; t < end; t++ {
			if t > start {
				buf = append(buf, ',')
			}
			buf = appendString(buf, text[tg.tokBytes[2*t]:tg.tokBytes[2*t+1]])
		}
		buf = append(buf, `],"ner_tags":[`...)
		for t := start; t < end; t++ {
			if t > start {
				buf = append(buf, ',')
			}
			kind, label := tg.tag(0, t)
			if kind == 'O' {
				buf = append(buf, `"O"`...)
				continue
			}
			// "B-LABEL", the label escaped by appendString without its
			// opening quote.
			buf = append(buf, '"', kind, '-')
			p := len(buf)
			buf = appendString(buf, label)
			buf = buf[:p+copy(buf[p:], buf[p+1:])]

		}
		buf = append(buf, "]}\n"...)
		start = end
	}
	return buf, nil
}

// Prepare implements Preparer: it tokenizes the text ahead of Write.
func (hw *HFWriter) Prepare(d *annotate.Document) { d.Tokens() }

// Close implements Writer.
func (hw *HFWriter) Close() error {
	for _, e := range hw.encs {
		hw.enc.drops.add(&e.drops)
		hw.enc.tg.add(e.tg)
		hw.enc.noToken += e.noToken
	}
	hw.encs = nil
	hw.enc.drops.warn(hw.opt)
	hw.enc.tg.warn(hw.opt, "hf")
	if hw.enc.noToken > 0 {
		hw.opt.warn("hf: left out %d document(s) without a token", hw.enc.noToken)
	}
	return hw.out.flush()
}

// HFReader reads Hugging Face token classification JSONL. Consecutive
// lines whose ids are "DOC:N" (N a number) with the same DOC are one
// document, as HFWriter writes them; any other line is a document of its
// own (its "id", else the file name and line). The format has no text:
// a sentence's text is its tokens joined by single spaces, sentences are
// joined by line breaks, and a warning says so. "ner_tags" are IOB2
// strings (BIOES S-/E- read as B-/I-), or numbers given names by
// Options.TagNames (--tag-names B-X,I-X,…, the dataset's ClassLabel
// names in order). Tokens other than annotate.Tokenize's are kept as
// source tokens. Other keys (pos_tags, chunk_tags, …) are counted and
// skipped.
type HFReader struct {
	lines *lineReader
	name  string
	base  string
	opt   Options
	sc    scanner
	line  int // where the document last returned began

	pending  *hfSentence // a sentence read ahead
	done     bool
	rebuilt  int
	skipped  map[string]int
	dangling int
	firstDng int
}

type hfSentence struct {
	id, doc string // doc is "" when id is no "DOC:N"
	tokens  []string
	tags    []string
	line    int
}

// NewHFReader reads from r.
func NewHFReader(r io.Reader, name string, opt Options) *HFReader {
	return &HFReader{lines: newLineReader(r, name, opt.maxLine()), name: name, base: DocumentID(name), opt: opt, skipped: map[string]int{}}
}

// Line implements Reader.
func (hr *HFReader) Line() int { return hr.line }

// Next implements Reader.
func (hr *HFReader) Next() (*annotate.Document, error) {
	first := hr.pending
	hr.pending = nil
	if first == nil {
		s, err := hr.sentence()
		if err != nil {
			if errors.Is(err, io.EOF) {
				hr.finish()
			}
			return nil, err
		}
		first = s
	}
	group := []*hfSentence{first}
	for first.doc != "" {
		s, err := hr.sentence()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if s.doc != first.doc {
			hr.pending = s
			break
		}
		group = append(group, s)
	}
	return hr.document(group)
}

// sentence reads the next non-blank line.
func (hr *HFReader) sentence() (*hfSentence, error) {
	for {
		raw, err := hr.lines.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, io.EOF
			}
			return nil, inputError(hr.name, err)
		}
		lineNo := hr.lines.line
		if lineNo == 1 {
			raw = bytes.TrimPrefix(raw, utf8BOM)
		}
		if len(strings.TrimSpace(string(raw))) == 0 {
			continue
		}
		if i := firstInvalidUTF8(raw); i >= 0 {
			return nil, &LineError{File: hr.name, Line: lineNo, Msg: fmt.Sprintf("invalid UTF-8 at byte %d", i+1)}
		}
		s, err := hr.parse(raw)
		if err != nil {
			return nil, &LineError{File: hr.name, Line: lineNo, Msg: err.Error()}
		}
		s.line = lineNo
		if s.id == "" {
			s.id = hr.base + "-" + strconv.Itoa(lineNo)
		}
		if i := strings.LastIndexByte(s.id, ':'); i > 0 && isDigits(s.id[i+1:]) {
			s.doc = s.id[:i]
		}
		return s, nil
	}
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (hr *HFReader) parse(line []byte) (*hfSentence, error) {
	sc := &hr.sc
	sc.reset(line)
	s := &hfSentence{}
	var hasTokens, hasTags bool
	err := sc.document(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			s.id, err = rawID(sc)
		case "tokens":
			hasTokens = true
			err = sc.array(func() error {
				t, err := sc.string()
				if err == nil && t == "" {
					err = fmt.Errorf("token %d is empty", len(s.tokens)+1)
				}
				s.tokens = append(s.tokens, t)
				return err
			})
		case "ner_tags":
			hasTags = true
			err = sc.array(func() error {
				tag, err := hr.tag(sc, len(s.tags))
				s.tags = append(s.tags, tag)
				return err
			})
		default:
			hr.skipped[string(key)]++
			_, err = sc.skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	switch {
	case !hasTokens || !hasTags:
		return nil, errors.New(`want "tokens" and "ner_tags"`)
	case len(s.tokens) != len(s.tags):
		return nil, fmt.Errorf("%d tokens but %d ner_tags", len(s.tokens), len(s.tags))
	}
	return s, nil
}

// tag reads one tag: a string, or a number named by Options.TagNames.
func (hr *HFReader) tag(sc *scanner, i int) (string, error) {
	var tag string
	if c := sc.peek(); c == '-' || c >= '0' && c <= '9' {
		n, err := sc.int()
		if err != nil {
			return "", err
		}
		if len(hr.opt.TagNames) == 0 {
			return "", fmt.Errorf("ner_tags %d is the number %d: name the tags with --tag-names B-X,I-X,…", i+1, n)
		}
		if n < 0 || n >= len(hr.opt.TagNames) {
			return "", fmt.Errorf("ner_tags %d is %d, but --tag-names names %d tags", i+1, n, len(hr.opt.TagNames))
		}
		tag = hr.opt.TagNames[n]
	} else {
		var err error
		if tag, err = sc.string(); err != nil {
			return "", err
		}
	}
	if _, _, ok := parseTag(tag); !ok {
		return "", fmt.Errorf("ner_tags %d: bad tag %q (want O, B-LABEL or I-LABEL)", i+1, truncate(tag))
	}
	return tag, nil
}

// document builds one document from its sentences.
func (hr *HFReader) document(group []*hfSentence) (*annotate.Document, error) {
	first := group[0]
	hr.line = first.line
	d := &annotate.Document{ID: first.id}
	if first.doc != "" {
		d.ID = first.doc
	}
	var b strings.Builder
	var toks []sourceToken
	runes := 0
	for si, s := range group {
		if si > 0 {
			b.WriteByte('\n')
			runes++
		}
		open, label := -1, ""
		closeSpan := func(last int) {
			if open >= 0 {
				d.Spans = append(d.Spans, annotate.Span{Start: toks[open].start, End: toks[last].end, Label: label})
				open = -1
			}
		}
		for i, tok := range s.tokens {
			if i > 0 {
				b.WriteByte(' ')
				runes++
			}
			b.WriteString(tok)
			n := utf8.RuneCountInString(tok)
			toks = append(toks, sourceToken{start: runes, end: runes + n, ws: -1})
			runes += n
			t := len(toks) - 1
			kind, l, _ := parseTag(s.tags[i])
			switch {
			case kind == 'O':
				closeSpan(t - 1)
			case kind == 'I' && open >= 0 && l == label:
			default:
				if kind == 'I' {
					if hr.dangling == 0 {
						hr.firstDng = s.line
					}
					hr.dangling++
				}
				closeSpan(t - 1)
				open, label = t, l
			}
		}
		closeSpan(len(toks) - 1)
	}
	d.Text = b.String()
	hr.rebuilt++
	if err := completeSpans(d, false); err != nil {
		return nil, err
	}
	keepSourceTokens(d, toks)
	dedupSpans(d, func(format string, args ...any) {
		hr.opt.warn("%s:%d: %s", hr.name, first.line, fmt.Sprintf(format, args...))
	})
	return d, nil
}

// finish says, once at the end, what the reader made up or skipped.
func (hr *HFReader) finish() {
	if hr.done {
		return
	}
	hr.done = true
	if hr.rebuilt > 0 {
		hr.opt.warn("%s: hf has no text: rebuilt the text of %d document(s) by joining tokens with single spaces and sentences with line breaks", hr.name, hr.rebuilt)
	}
	if hr.dangling > 0 {
		hr.opt.warn("%s:%d: %d I- tag(s) continuing no span read as B-", hr.name, hr.firstDng, hr.dangling)
	}
	keys := make([]string, 0, len(hr.skipped))
	for k := range hr.skipped {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		hr.opt.warn("%s: skipped %q in %d line(s): Gloss keeps tokens and ner_tags", hr.name, k, hr.skipped[k])
	}
}
