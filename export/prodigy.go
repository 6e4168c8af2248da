package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
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
// annotator.
//
// What training code needs survives: the tokens, when they are not
// annotate.Tokenize's (see keepSourceTokens); _input_hash and _task_hash,
// with a note of the text and spans they were computed for so that an
// export keeps them while those are unchanged; every other span key
// (score, source, rank, answer, input_hash, …) as the span's unknown keys.
// Binary answers are negative evidence: the spans of a "reject" task, and
// a span whose own "answer" is "reject", are marked rejected; so are those
// of an "ignore" task unless Options.KeepIgnored. An answer other than
// "accept" is kept and written back.
//
// The document labels are the options in "accept" (Prodigy's choice
// interface), each "GROUP:VALUE" or a bare value (see
// annotate.SplitChoice), unless the task was rejected or ignored.
//
// Consecutive tasks with the same "id" and text are one document (Gloss
// writes a document's accepted and rejected spans as two such tasks).
type ProdigyReader struct {
	jsonlReader
	// next is a document read ahead, which did not belong to the one
	// returned before it, with its line; err is an error met reading
	// ahead, returned after the document before it.
	next              *annotate.Document
	nextLine, errLine int
	err               error
	// docLine is where the document last returned began.
	docLine int
}

// NewProdigyReader reads Prodigy JSONL from r.
func NewProdigyReader(r io.Reader, name string, opt Options) *ProdigyReader {
	pr := &ProdigyReader{jsonlReader: newJSONLReader(r, name, opt)}
	pr.parse = pr.parseLine
	return pr
}

// Next implements Reader.
func (pr *ProdigyReader) Next() (*annotate.Document, error) {
	cur, line := pr.next, pr.nextLine
	pr.next = nil
	if cur == nil {
		if pr.err != nil {
			err := pr.err
			pr.err, pr.docLine = nil, pr.errLine
			return nil, err
		}
		d, err := pr.jsonlReader.Next()
		if err != nil {
			pr.docLine = pr.jsonlReader.Line()
			return nil, err
		}
		cur, line = d, pr.jsonlReader.Line()
	}
	for {
		d, err := pr.jsonlReader.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				pr.err = err
				pr.errLine = pr.jsonlReader.Line()
			}
			break
		}
		if d.ID != cur.ID || d.Text != cur.Text {
			pr.next, pr.nextLine = d, pr.jsonlReader.Line()
			break
		}
		pr.merge(cur, d)
	}
	pr.docLine = line
	return cur, nil
}

// Line implements Reader: the line where the last document (or error)
// began.
func (pr *ProdigyReader) Line() int { return pr.docLine }

// merge adds the spans and relations of d, a further task of the same
// document, to cur.
func (pr *ProdigyReader) merge(cur, d *annotate.Document) {
	cur.Spans = append(cur.Spans, d.Spans...)
	cur.Relations = append(cur.Relations, d.Relations...)
	for g, vs := range d.Choices {
		for _, v := range vs {
			if !slices.Contains(cur.Choices[g], v) {
				if cur.Choices == nil {
					cur.Choices = map[string][]string{}
				}
				cur.Choices[g] = append(cur.Choices[g], v)
			}
		}
	}
	// The tasks' answers now live in their spans.
	cur.Extra = slices.DeleteFunc(cur.Extra, func(f annotate.Field) bool { return f.Key == "answer" || f.Key == hashedKey })
	dedupSpans(cur, pr.warnf)
	if field(cur.Extra, inputHashKey) != nil {
		cur.Extra = append(cur.Extra, annotate.Field{Key: hashedKey, Value: appendHashed(nil, cur)})
	}
}

type prodigySpan struct {
	start, end, tokStart, tokEnd int
	hasOffsets, hasTokens        bool
	label, text                  string
	rejected                     bool
	extra                        []annotate.Field
}

type prodigyRel struct {
	head, child         int
	headSpan, childSpan *prodigySpan
	label               string
}

// The keys of a Prodigy task that Gloss keeps as they are, and the one it
// adds to know whether they still hold.
const (
	inputHashKey = "_input_hash"
	taskHashKey  = "_task_hash"
	// hashedKey records {"text": T, "spans": S}, Gloss's hashes of the
	// text and spans that _input_hash and _task_hash were read with.
	hashedKey = "_gloss_hashed"
)

func (pr *ProdigyReader) parseLine(line []byte) (*annotate.Document, error) {
	sc := &pr.sc
	sc.reset(line)
	d := &annotate.Document{}
	hasText := false
	var toks []sourceToken
	var spans []prodigySpan
	var rels []prodigyRel
	var accepted []string
	answer, hashes := "", 0
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
		case "accept":
			accepted, err = stringList(sc, "accept")
		case "options":
			// Made again from the label set and the document's labels.
			_, err = sc.skip()
		case inputHashKey, taskHashKey:
			hashes++
			d.Extra, err = appendExtra(sc, d.Extra, key)
		case hashedKey:
			// Made again below for what was read.
			_, err = sc.skip()
		case "answer":
			if sc.peek() == '"' {
				raw, err := sc.skip()
				if err != nil {
					return err
				}
				answer = string(raw[1 : len(raw)-1])
				if answer == "accept" {
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
	rejectAll := answer == "reject" || (answer == "ignore" && !pr.opt.KeepIgnored)
	if !rejectAll && len(accepted) > 0 {
		ls := pr.opt.labels()
		for _, v := range accepted {
			addFlatChoice(d, ls, v)
		}
	}
	for i, s := range spans {
		if !s.hasOffsets {
			if !s.hasTokens || s.tokStart < 0 || s.tokEnd < s.tokStart || s.tokEnd >= len(toks) {
				return nil, fmt.Errorf("span %d: no start and end, and no token range inside the %d tokens", i+1, len(toks))
			}
			s.start, s.end = toks[s.tokStart].start, toks[s.tokEnd].end
		}
		d.Spans = append(d.Spans, annotate.Span{Start: s.start, End: s.end, Label: s.label, Text: s.text,
			Rejected: rejectAll || s.rejected, Extra: s.extra})
	}
	if err := completeSpans(d, pr.opt.UTF16); err != nil {
		return nil, err
	}
	if err := pr.tokens(d, toks); err != nil {
		return nil, err
	}
	if len(rels) > 0 {
		if err := pr.relations(d, spans, toks, rels); err != nil {
			return nil, err
		}
	}
	dedupSpans(d, pr.warnf)
	if hashes > 0 {
		d.Extra = append(d.Extra, annotate.Field{Key: hashedKey, Value: appendHashed(nil, d)})
	}
	return d, nil
}

// tokens converts the tokens to code points, checks them against the
// text, and keeps them when they are not annotate.Tokenize's.
func (pr *ProdigyReader) tokens(d *annotate.Document, toks []sourceToken) error {
	if len(toks) == 0 {
		return nil
	}
	n, last := d.Len(), 0
	for i := range toks {
		t := &toks[i]
		if pr.opt.UTF16 {
			var ok1, ok2 bool
			u := d.UTF16()
			t.start, ok1 = u.ToRune(t.start)
			t.end, ok2 = u.ToRune(t.end)
			if !ok1 || !ok2 {
				return fmt.Errorf("token %d: UTF-16 offset inside a surrogate pair", i)
			}
		}
		if t.start < last || t.end <= t.start || t.end > n {
			return fmt.Errorf("token %d: offsets [%d,%d) out of order or outside the text (%d code points)", i, t.start, t.end, n)
		}
		last = t.end
	}
	keepSourceTokens(d, toks)
	return nil
}

// appendHashed appends Gloss's hashes of d's text and spans: the record of
// what _input_hash and _task_hash describe.
func appendHashed(buf []byte, d *annotate.Document) []byte {
	buf = append(buf, `{"text":`...)
	buf = appendInt(buf, textHash(d.Text))
	buf = append(buf, `,"spans":`...)
	buf = appendInt(buf, spansHash(d, sortedSpans(d.Spans)))
	return append(buf, '}')
}

// spansHash hashes the offsets, labels and rejections of the spans at
// order.
func spansHash(d *annotate.Document, order []int) int {
	h := uint32(2166136261)
	mix := func(n int) {
		for k := 0; k < 4; k++ {
			h = (h ^ uint32(byte(n>>(8*k)))) * 16777619
		}
	}
	for _, i := range order {
		s := &d.Spans[i]
		mix(s.Start)
		mix(s.End)
		for k := 0; k < len(s.Label); k++ {
			h = (h ^ uint32(s.Label[k])) * 16777619
		}
		if s.Rejected {
			mix(1)
		} else {
			mix(0)
		}
	}
	return int(int32(h))
}

// relations resolves Prodigy relations to spans: by head_span and
// child_span when given, else by the span that ends at (or contains) the
// token. Relations between tokens outside any span cannot be kept in Gloss
// and are skipped with a warning.
func (pr *ProdigyReader) relations(d *annotate.Document, spans []prodigySpan, toks []sourceToken, rels []prodigyRel) error {
	conv := func(off int) int { return off }
	if pr.opt.UTF16 {
		u := d.UTF16()
		conv = func(off int) int { r, _ := u.ToRune(off); return r }
	}
	find := func(tok int, sp *prodigySpan) int {
		if sp != nil {
			start, end := conv(sp.start), conv(sp.end)
			if !sp.hasOffsets && sp.hasTokens && sp.tokStart >= 0 && sp.tokStart <= sp.tokEnd && sp.tokEnd < len(toks) {
				// Token offsets are code points by now.
				start, end = toks[sp.tokStart].start, toks[sp.tokEnd].end
			}
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
		ts, te := toks[tok].start, toks[tok].end
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

func parseProdigyToken(sc *scanner, n int) (sourceToken, error) {
	t := sourceToken{ws: -1}
	var hasStart, hasEnd bool
	err := sc.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "start":
			t.start, err = sc.int()
			hasStart = true
		case "end":
			t.end, err = sc.int()
			hasEnd = true
		case "ws":
			if sc.null() {
				return nil
			}
			var ws bool
			ws, err = sc.bool()
			t.ws = 0
			if ws {
				t.ws = 1
			}
		case "text", "id":
			// The text is the document's, and ids are positions.
			_, err = sc.skip()
		default:
			t.extra, err = appendExtra(sc, t.extra, key)
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
		case "text":
			s.text, err = nullableString(sc)
		case "answer":
			if sc.peek() == '"' {
				raw, err := sc.skip()
				if err != nil {
					return err
				}
				s.rejected = string(raw) == `"reject"`
				s.extra = append(s.extra, annotate.Field{Key: "answer", Value: compactRaw(raw)})
				return nil
			}
			s.extra, err = appendExtra(sc, s.extra, key)
		default:
			// score, source, rank, input_hash, pattern, …
			s.extra, err = appendExtra(sc, s.extra, key)
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

// ProdigyWriter writes Prodigy tasks: text, tokens, spans with token_start
// and inclusive token_end, relations with head and child token indexes
// (the last token of each span) and their head_span and child_span, the
// hashes, the answer, and the document id, annotator, meta and unknown
// keys.
//
// Tokens are the document's source tokens while every span lines up with
// them, else annotate.Tokenize's (with "ws"). _input_hash and _task_hash
// are the ones read while the text and spans are those they were read
// with; otherwise they are made from the text and spans (32-bit FNV-1a,
// signed like Prodigy's). A document's rejected spans are written as a
// task of their own with "answer": "reject" (the same text and
// _input_hash, as Prodigy stores binary decisions), after the task of its
// accepted spans if it has any. Document labels are Prodigy's choice
// interface: "options" lists every value of every [[choice]] group of the
// label set (and any other value the document has) as {"id":
// "GROUP:VALUE", "text": "GROUP: VALUE"}, and "accept" the ids chosen; they
// go in the accepted task, which is written whenever there are document
// labels.
type ProdigyWriter struct {
	out  outBuf
	opt  Options
	enc  *prodigyEncoder
	encs []*prodigyEncoder // the workers' (see DocEncoder), counted at Close
}

// prodigyEncoder makes the tasks of a document, on one goroutine.
type prodigyEncoder struct {
	buf    []byte // the output being made
	opt    Options
	ls     *annotate.LabelSet
	drops  spanDrops
	toks   tokenSource
	spanAt map[string]int
	ends   []int // per written span: its last token, or -1
	firsts []int
	// tokBytes holds the byte offsets of the tokens, start and end.
	tokBytes       []int
	accept, reject []int
	split          int // relations between an accepted and a rejected span
}

// NewProdigyWriter writes to w.
func NewProdigyWriter(w io.Writer, opt Options) *ProdigyWriter {
	return &ProdigyWriter{out: newOutBuf(w), opt: opt, enc: newProdigyEncoder(opt)}
}

func newProdigyEncoder(opt Options) *prodigyEncoder {
	return &prodigyEncoder{opt: opt, ls: opt.labels(), drops: spanDrops{format: "prodigy", keepRejected: true, keepChoices: true}, spanAt: map[string]int{}}
}

// Write implements Writer.
func (pw *ProdigyWriter) Write(d *annotate.Document) error {
	pw.out.buf, _ = pw.enc.encode(pw.out.buf, d)
	return pw.out.maybeFlush()
}

// NewDocEncoder implements DocEncoder.
func (pw *ProdigyWriter) NewDocEncoder() func([]byte, *annotate.Document) ([]byte, error) {
	e := newProdigyEncoder(pw.opt)
	pw.encs = append(pw.encs, e)
	return e.encode
}

// WriteEncoded implements DocEncoder.
func (pw *ProdigyWriter) WriteEncoded(_ *annotate.Document, b []byte) error {
	return pw.out.write(b)
}

// encode appends d's tasks to buf.
func (pw *prodigyEncoder) encode(buf []byte, d *annotate.Document) ([]byte, error) {
	pw.buf = buf
	pw.write(d)
	buf, pw.buf = pw.buf, nil
	return buf, nil
}

func (pw *prodigyEncoder) write(d *annotate.Document) {
	kept := pw.drops.kept(d)
	toks, src := pw.toks.tokens(d, kept)
	pw.accept, pw.reject = pw.accept[:0], pw.reject[:0]
	for _, i := range kept {
		if d.Spans[i].Rejected {
			pw.reject = append(pw.reject, i)
		} else {
			pw.accept = append(pw.accept, i)
		}
	}
	answer := fieldString(d.Extra, "answer")
	// The hashes read hold while the text and spans are those read.
	inputHash, taskHash := field(d.Extra, inputHashKey), field(d.Extra, taskHashKey)
	var want []byte
	if h := field(d.Extra, hashedKey); h != nil {
		want = appendHashed(nil, d)
		if string(want) != string(h) {
			taskHash = nil
			if !sameTextHash(h, d) {
				inputHash = nil
			}
		}
	} else {
		inputHash, taskHash = nil, nil
	}
	if inputHash == nil {
		inputHash = strconv.AppendInt(nil, int64(textHash(d.Text)), 10)
	}
	tasks := 0
	if len(pw.accept) > 0 || len(pw.reject) == 0 || len(d.Choices) > 0 {
		a := answer
		if a == "" || (a == "reject" || a == "ignore") && len(pw.reject) > 0 {
			a = "accept"
		}
		tasks++
		pw.task(d, toks, src, pw.accept, a, inputHash, taskHash, len(pw.reject) == 0, true)
	}
	if len(pw.reject) > 0 {
		a := "reject"
		if answer == "ignore" {
			a = "ignore"
		}
		pw.task(d, toks, src, pw.reject, a, inputHash, taskHash, tasks == 0, false)
	}
	// Relations go in the task that holds both their ends; one between
	// an accepted and a rejected span has none.
	spanAt := spanNumbers(d, kept, pw.spanAt)
	for i := range d.Relations {
		r := &d.Relations[i]
		if !pw.drops.keptRelation(r, spanAt) {
			continue
		}
		if d.Spans[kept[spanAt[r.From]]].Rejected != d.Spans[kept[spanAt[r.To]]].Rejected {
			pw.split++
		}
	}
}

// task appends one task of d with the spans at spans, and with its
// document labels when choices is set.
func (pw *prodigyEncoder) task(d *annotate.Document, toks []annotate.Token, src []sourceToken, spans []int, answer string, inputHash, taskHash []byte, only, choices bool) {
	buf := pw.buf
	off := offsetsOf(d, pw.opt.UTF16)
	text := d.Text
	buf = append(buf, `{"id":`...)
	buf = appendString(buf, d.ID)
	buf = append(buf, `,"text":`...)
	buf = appendString(buf, text)
	buf = append(buf, `,"_input_hash":`...)
	buf = append(buf, inputHash...)
	buf = append(buf, `,"tokens":`...)
	if src != nil {
		if raw := field(d.Extra, tokensKey); raw != nil && !pw.opt.UTF16 {
			buf = append(buf, raw...)
		} else {
			buf = appendSourceTokens(buf, d, src, off)
		}
	} else {
		buf = pw.appendTokens(buf, d, toks, off)
	}
	buf = append(buf, `,"spans":[`...)
	pw.firsts, pw.ends = pw.firsts[:0], pw.ends[:0]
	for k, i := range spans {
		s := &d.Spans[i]
		if k > 0 {
			buf = append(buf, ',')
		}
		first, last, ok := annotate.TokenRange(toks, s.Start, s.End)
		if !ok {
			first, last = -1, -1
		}
		pw.firsts, pw.ends = append(pw.firsts, first), append(pw.ends, last)
		buf = appendProdigySpan(buf, d, s, off, first, last, true)
	}
	buf = append(buf, ']')
	spanAt := spanNumbers(d, spans, pw.spanAt)
	n := 0
	for i := range d.Relations {
		r := &d.Relations[i]
		_, okFrom := spanAt[r.From]
		_, okTo := spanAt[r.To]
		if !okFrom || !okTo || r.Suggested {
			continue // counted by Write
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
		buf = appendProdigySpan(buf, d, &d.Spans[spans[h]], off, pw.firsts[h], pw.ends[h], false)
		buf = append(buf, `,"child_span":`...)
		buf = appendProdigySpan(buf, d, &d.Spans[spans[c]], off, pw.firsts[c], pw.ends[c], false)
		buf = append(buf, `,"label":`...)
		buf = appendString(buf, r.Label)
		buf = append(buf, '}')
	}
	if n > 0 {
		buf = append(buf, ']')
	}
	if choices {
		buf = pw.appendChoices(buf, d)
	}
	buf = append(buf, `,"_task_hash":`...)
	if taskHash != nil && only {
		buf = append(buf, taskHash...)
	} else {
		ih, _ := strconv.Atoi(string(inputHash))
		buf = appendInt(buf, textHash(strconv.Itoa(ih), strconv.Itoa(spansHash(d, spans)), answer))
	}
	if d.Annotator != "" {
		buf = append(buf, `,"_annotator_id":`...)
		buf = appendString(buf, d.Annotator)
	}
	if len(d.Meta) > 0 {
		buf = append(buf, `,"meta":`...)
		buf = append(buf, d.Meta...)
	}
	buf = append(buf, `,"answer":`...)
	buf = appendString(buf, answer)
	buf = appendExtraFieldsExcept(buf, d.Extra, prodigyOwnKeys)
	buf = append(buf, '}', '\n')
	pw.buf = buf
}

// prodigyOwnKeys are the document keys the writer writes itself.
var prodigyOwnKeys = []string{tokensKey, inputHashKey, taskHashKey, hashedKey, "answer", "options", "accept"}

// appendChoices appends "options" and "accept" (see ProdigyWriter), or
// nothing when neither the label set nor d has document labels.
func (pw *prodigyEncoder) appendChoices(buf []byte, d *annotate.Document) []byte {
	if len(d.Choices) == 0 && len(pw.ls.Choices) == 0 {
		return buf
	}
	buf = append(buf, `,"options":[`...)
	n := 0
	option := func(g, v string) {
		if n > 0 {
			buf = append(buf, ',')
		}
		n++
		buf = append(buf, `{"id":`...)
		buf = appendString(buf, annotate.JoinChoice(g, v))
		buf = append(buf, `,"text":`...)
		buf = appendString(buf, g+": "+v)
		buf = append(buf, '}')
	}
	for _, c := range pw.ls.Choices {
		for _, v := range c.Values {
			option(c.Name, v)
		}
	}
	for _, g := range choiceGroupOrder(d.Choices, pw.ls) {
		def := pw.ls.Choice(g)
		for _, v := range d.Choices[g] {
			if def == nil || !def.HasValue(v) {
				option(g, v)
			}
		}
	}
	buf = append(buf, `],"accept":`...)
	return appendStringList(buf, flatChoices(d, pw.ls))
}

// appendTokens writes annotate.Tokenize's tokens with "ws".
func (pw *prodigyEncoder) appendTokens(buf []byte, d *annotate.Document, toks []annotate.Token, off offsets) []byte {
	text := d.Text
	pw.tokBytes = tokenBytes(text, toks, pw.tokBytes)
	buf = append(buf, '[')
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
		if be < len(text) && isSpaceByte(text[be]) {
			buf = append(buf, `,"ws":true}`...)
		} else {
			buf = append(buf, `,"ws":false}`...)
		}
	}
	return append(buf, ']')
}

// appendProdigySpan writes a span; with keys, its text and unknown keys
// too (a relation's head_span and child_span are only its place).
func appendProdigySpan(buf []byte, d *annotate.Document, s *annotate.Span, off offsets, first, last int, keys bool) []byte {
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
	if keys {
		buf = append(buf, `,"text":`...)
		buf = appendString(buf, d.Slice(s.Start, s.End))
		buf = appendExtraFields(buf, s.Extra)
	}
	return append(buf, '}')
}

// sameTextHash reports whether the "text" member of a _gloss_hashed
// record is the hash of d's text.
func sameTextHash(hashed []byte, d *annotate.Document) bool {
	want := appendInt([]byte(`{"text":`), textHash(d.Text))
	return len(hashed) > len(want) && string(hashed[:len(want)]) == string(want) && hashed[len(want)] == ','
}

// field returns the value of the kept member key, or nil.
func field(fields []annotate.Field, key string) []byte {
	for _, f := range fields {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// fieldString returns the kept member key when it is a JSON string
// without escapes, else "".
func fieldString(fields []annotate.Field, key string) string {
	v := field(fields, key)
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' && !bytes.ContainsAny(v[1:len(v)-1], `"\`) {
		return string(v[1 : len(v)-1])
	}
	return ""
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
	e := pw.enc
	for _, o := range pw.encs {
		e.drops.add(&o.drops)
		e.toks.retoken += o.toks.retoken
		e.split += o.split
	}
	pw.encs = nil
	e.drops.warn(pw.opt)
	e.toks.warn(pw.opt, "prodigy")
	if e.split > 0 {
		pw.opt.warn("prodigy: left out %d relation(s) between an accepted and a rejected span: they are written as two tasks", e.split)
	}
	return pw.out.flush()
}
