package export

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"gloss/annotate"
)

func init() {
	Register(&Format{
		Name:        "prodigy",
		Description: "Prodigy JSONL (text, tokens, spans with inclusive token_end, relations)",
		Extension:   ".jsonl",
		NewReader:   func(r io.Reader, name string, opt Options) Reader { return NewProdigyReader(r, name, opt) },
		NewWriter:   func(w io.Writer, opt Options) Writer { return NewProdigyWriter(w, opt) },
		Sniff:       sniffProdigy,
	})
}

func sniffProdigy(head []byte) bool {
	line := firstLine(head)
	return len(line) > 0 && line[0] == '{' && (hasJSONKey(line, "_input_hash") || hasJSONKey(line, "_task_hash") ||
		hasJSONKey(line, "tokens") || hasJSONKey(line, "token_start"))
}

// ProdigyReader reads Prodigy tasks, one a line. Span offsets are taken
// from "start" and "end" (or from the tokens when only token_start and
// token_end are given); relations name their ends by token index, with
// head_span and child_span when Prodigy wrote them. "_annotator_id" is the
// annotator; an "answer" other than "accept" is kept as an unknown key.
type ProdigyReader struct {
	jsonlReader
}

// NewProdigyReader reads Prodigy JSONL from r.
func NewProdigyReader(r io.Reader, name string, opt Options) *ProdigyReader {
	pr := &ProdigyReader{jsonlReader: newJSONLReader(r, name, opt)}
	pr.parse = pr.parseLine
	return pr
}

type prodigySpan struct {
	start, end, tokStart, tokEnd int
	hasOffsets, hasTokens        bool
	label                        string
}

type prodigyRel struct {
	head, child         int
	headSpan, childSpan *prodigySpan
	label               string
}

func (pr *ProdigyReader) parseLine(line []byte) (*annotate.Document, error) {
	sc := &pr.sc
	sc.reset(line)
	d := &annotate.Document{}
	hasText := false
	var toks [][2]int
	var spans []prodigySpan
	var rels []prodigyRel
	err := sc.document(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			d.ID, err = rawID(sc)
		case "text":
			d.Text, err = textValue(sc, "text")
			hasText = true
		case "_annotator_id":
			d.Annotator, err = nullableString(sc)
		case "tokens":
			if sc.null() {
				return nil
			}
			err = sc.array(func() error {
				t, err := parseProdigyToken(sc, len(toks))
				toks = append(toks, t)
				return err
			})
		case "spans":
			if sc.null() {
				return nil
			}
			err = sc.array(func() error {
				s, err := parseProdigySpan(sc)
				if err == nil && s.label == "" {
					err = errors.New(`missing "label"`)
				}
				if err != nil {
					return fmt.Errorf("span %d: %w", len(spans)+1, err)
				}
				spans = append(spans, s)
				return nil
			})
		case "relations":
			if sc.null() {
				return nil
			}
			err = sc.array(func() error {
				r, err := parseProdigyRelation(sc)
				if err != nil {
					return fmt.Errorf("relation %d: %w", len(rels)+1, err)
				}
				rels = append(rels, r)
				return nil
			})
		case "meta":
			d.Meta, err = metaObject(sc)
		case "_input_hash", "_task_hash":
			// Recomputed on export.
			_, err = sc.skip()
		case "answer":
			if sc.peek() == '"' {
				raw, _ := sc.skip()
				if string(raw) == `"accept"` {
					return nil
				}
				d.Extra = append(d.Extra, annotate.Field{Key: "answer", Value: compactRaw(raw)})
				return nil
			}
			d.Extra, err = appendExtra(sc, d.Extra, key)
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
	if d.ID == "" {
		d.ID = pr.defaultID()
	}
	for i, s := range spans {
		if !s.hasOffsets {
			if !s.hasTokens || s.tokStart < 0 || s.tokEnd < s.tokStart || s.tokEnd >= len(toks) {
				return nil, fmt.Errorf("span %d: no start and end, and no token range inside the %d tokens", i+1, len(toks))
			}
			s.start, s.end = toks[s.tokStart][0], toks[s.tokEnd][1]
		}
		d.Spans = append(d.Spans, annotate.Span{Start: s.start, End: s.end, Label: s.label})
	}
	if err := completeSpans(d, pr.opt.UTF16); err != nil {
		return nil, err
	}
	if len(rels) > 0 {
		if err := pr.relations(d, spans, toks, rels); err != nil {
			return nil, err
		}
	}
	dedupSpans(d, pr.warnf)
	return d, nil
}

// relations resolves Prodigy relations to spans: by head_span and
// child_span when given, else by the span that ends at (or contains) the
// token. Relations between tokens outside any span cannot be kept in Gloss
// and are skipped with a warning.
func (pr *ProdigyReader) relations(d *annotate.Document, spans []prodigySpan, toks [][2]int, rels []prodigyRel) error {
	conv := func(off int) int { return off }
	if pr.opt.UTF16 {
		u := d.UTF16()
		conv = func(off int) int { r, _ := u.ToRune(off); return r }
	}
	find := func(tok int, sp *prodigySpan) int {
		if sp != nil {
			start, end := sp.start, sp.end
			if !sp.hasOffsets && sp.hasTokens && sp.tokStart >= 0 && sp.tokStart <= sp.tokEnd && sp.tokEnd < len(toks) {
				start, end = toks[sp.tokStart][0], toks[sp.tokEnd][1]
			}
			start, end = conv(start), conv(end)
			for i := range d.Spans {
				s := &d.Spans[i]
				if s.Start == start && s.End == end && (sp.label == "" || s.Label == sp.label) {
					return i
				}
			}
			return -1
		}
		if tok < 0 || tok >= len(toks) {
			return -1
		}
		ts, te := conv(toks[tok][0]), conv(toks[tok][1])
		best := -1
		for i := range d.Spans {
			s := &d.Spans[i]
			if s.Start <= ts && te <= s.End {
				if s.End == te {
					return i
				}
				if best < 0 {
					best = i
				}
			}
		}
		return best
	}
	skipped := 0
	for _, r := range rels {
		from, to := find(r.head, r.headSpan), find(r.child, r.childSpan)
		if from < 0 || to < 0 {
			skipped++
			continue
		}
		d.Relations = append(d.Relations, annotate.Relation{Label: r.label, From: d.Spans[from].ID, To: d.Spans[to].ID})
	}
	relationIDs(d)
	if skipped > 0 {
		pr.warnf("skipped %d relation(s) whose head or child is not a span", skipped)
	}
	return nil
}

func parseProdigyToken(sc *scanner, n int) ([2]int, error) {
	var t [2]int
	var hasStart, hasEnd bool
	err := sc.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "start":
			t[0], err = sc.int()
			hasStart = true
		case "end":
			t[1], err = sc.int()
			hasEnd = true
		default:
			_, err = sc.skip()
		}
		return err
	})
	if err == nil && (!hasStart || !hasEnd) {
		err = errors.New(`needs "start" and "end"`)
	}
	if err != nil {
		return t, fmt.Errorf("token %d: %w", n, err)
	}
	return t, nil
}

func parseProdigySpan(sc *scanner) (prodigySpan, error) {
	var s prodigySpan
	var hasStart, hasEnd, hasTS, hasTE bool
	err := sc.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "start":
			s.start, err = sc.int()
			hasStart = true
		case "end":
			s.end, err = sc.int()
			hasEnd = true
		case "token_start":
			s.tokStart, err = sc.int()
			hasTS = true
		case "token_end":
			s.tokEnd, err = sc.int()
			hasTE = true
		case "label":
			s.label, err = nullableString(sc)
		default:
			_, err = sc.skip()
		}
		return err
	})
	s.hasOffsets = hasStart && hasEnd
	s.hasTokens = hasTS && hasTE
	return s, err
}

func parseProdigyRelation(sc *scanner) (prodigyRel, error) {
	var r prodigyRel
	var hasHead, hasChild bool
	err := sc.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "head":
			r.head, err = sc.int()
			hasHead = true
		case "child":
			r.child, err = sc.int()
			hasChild = true
		case "head_span", "child_span":
			if sc.null() {
				return nil
			}
			s, err := parseProdigySpan(sc)
			if err != nil {
				return err
			}
			if key[0] == 'h' {
				r.headSpan = &s
			} else {
				r.childSpan = &s
			}
		case "label":
			r.label, err = sc.string()
		default:
			_, err = sc.skip()
		}
		return err
	})
	if err == nil && ((!hasHead && r.headSpan == nil) || (!hasChild && r.childSpan == nil) || r.label == "") {
		err = errors.New(`needs "head", "child" and "label"`)
	}
	return r, err
}

// ProdigyWriter writes Prodigy tasks: text, tokens (annotate.Tokenize, with
// "ws"), spans with token_start and inclusive token_end, relations with
// head and child token indexes (the last token of each span) and their
// head_span and child_span, answer "accept", hashes computed from the text
// and the annotations, and the document id, annotator and meta.
type ProdigyWriter struct {
	out    outBuf
	opt    Options
	drops  suggestionDrops
	spanAt map[string]int
	ends   []int // per written span: its last token, or -1
	firsts []int
	// tokBytes holds the byte offsets of the tokens, start and end.
	tokBytes []int
}

// NewProdigyWriter writes to w.
func NewProdigyWriter(w io.Writer, opt Options) *ProdigyWriter {
	return &ProdigyWriter{out: newOutBuf(w), opt: opt, drops: suggestionDrops{format: "prodigy"}, spanAt: map[string]int{}}
}

// Write implements Writer.
func (pw *ProdigyWriter) Write(d *annotate.Document) error {
	buf := pw.out.buf
	off := offsetsOf(d, pw.opt.UTF16)
	kept := pw.drops.kept(d)
	toks := d.Tokens()
	pw.tokBytes = tokenBytes(d.Text, toks, pw.tokBytes)
	text := d.Text
	buf = append(buf, `{"id":`...)
	buf = appendString(buf, d.ID)
	buf = append(buf, `,"text":`...)
	buf = appendString(buf, text)
	inputHash := textHash(text)
	buf = append(buf, `,"_input_hash":`...)
	buf = appendInt(buf, inputHash)
	buf = append(buf, `,"tokens":[`...)
	for i, t := range toks {
		if i > 0 {
			buf = append(buf, ',')
		}
		bs, be := pw.tokBytes[2*i], pw.tokBytes[2*i+1]
		buf = append(buf, `{"text":`...)
		buf = appendString(buf, text[bs:be])
		buf = append(buf, `,"start":`...)
		buf = appendInt(buf, off.of(t.Start))
		buf = append(buf, `,"end":`...)
		buf = appendInt(buf, off.of(t.End))
		buf = append(buf, `,"id":`...)
		buf = appendInt(buf, i)
		if be < len(text) && (text[be] == ' ' || text[be] == '\t' || text[be] == '\n' || text[be] == '\r') {
			buf = append(buf, `,"ws":true}`...)
		} else {
			buf = append(buf, `,"ws":false}`...)
		}
	}
	buf = append(buf, `],"spans":[`...)
	pw.firsts, pw.ends = pw.firsts[:0], pw.ends[:0]
	taskKey := 0
	for k, i := range kept {
		s := &d.Spans[i]
		if k > 0 {
			buf = append(buf, ',')
		}
		first, last, ok := annotate.TokenRange(toks, s.Start, s.End)
		if !ok {
			first, last = -1, -1
		}
		pw.firsts, pw.ends = append(pw.firsts, first), append(pw.ends, last)
		buf = appendProdigySpan(buf, s, off, first, last)
		taskKey = taskKey*31 + s.Start*7 + s.End
	}
	buf = append(buf, ']')
	spanAt := spanNumbers(d, kept, pw.spanAt)
	n := 0
	for i := range d.Relations {
		r := &d.Relations[i]
		if !pw.drops.keptRelation(r, spanAt) {
			continue
		}
		if n == 0 {
			buf = append(buf, `,"relations":[`...)
		} else {
			buf = append(buf, ',')
		}
		n++
		h, c := spanAt[r.From], spanAt[r.To]
		buf = append(buf, `{"head":`...)
		buf = appendInt(buf, pw.ends[h])
		buf = append(buf, `,"child":`...)
		buf = appendInt(buf, pw.ends[c])
		buf = append(buf, `,"head_span":`...)
		buf = appendProdigySpan(buf, &d.Spans[kept[h]], off, pw.firsts[h], pw.ends[h])
		buf = append(buf, `,"child_span":`...)
		buf = appendProdigySpan(buf, &d.Spans[kept[c]], off, pw.firsts[c], pw.ends[c])
		buf = append(buf, `,"label":`...)
		buf = appendString(buf, r.Label)
		buf = append(buf, '}')
	}
	if n > 0 {
		buf = append(buf, ']')
	}
	buf = append(buf, `,"_task_hash":`...)
	buf = appendInt(buf, textHash(strconv.Itoa(inputHash), strconv.Itoa(taskKey), strconv.Itoa(len(kept))))
	if d.Annotator != "" {
		buf = append(buf, `,"_annotator_id":`...)
		buf = appendString(buf, d.Annotator)
	}
	if len(d.Meta) > 0 {
		buf = append(buf, `,"meta":`...)
		buf = append(buf, d.Meta...)
	}
	if !hasField(d.Extra, "answer") {
		buf = append(buf, `,"answer":"accept"`...)
	}
	buf = appendExtraFields(buf, d.Extra)
	buf = append(buf, '}', '\n')
	pw.out.buf = buf
	return pw.out.maybeFlush()
}

func appendProdigySpan(buf []byte, s *annotate.Span, off offsets, first, last int) []byte {
	buf = append(buf, `{"start":`...)
	buf = appendInt(buf, off.of(s.Start))
	buf = append(buf, `,"end":`...)
	buf = appendInt(buf, off.of(s.End))
	if first >= 0 {
		buf = append(buf, `,"token_start":`...)
		buf = appendInt(buf, first)
		buf = append(buf, `,"token_end":`...)
		buf = appendInt(buf, last)
	}
	buf = append(buf, `,"label":`...)
	buf = appendString(buf, s.Label)
	return append(buf, '}')
}

func hasField(fields []annotate.Field, key string) bool {
	for _, f := range fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

// Prepare implements Preparer: it tokenizes the text ahead of Write.
func (pw *ProdigyWriter) Prepare(d *annotate.Document) {
	d.Tokens()
	if pw.opt.UTF16 {
		d.UTF16()
	}
}

// Close implements Writer.
func (pw *ProdigyWriter) Close() error {
	pw.drops.warn(pw.opt)
	return pw.out.flush()
}
