package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"gloss/annotate"
)

func init() {
	Register(&Format{
		Name:        "webanno",
		Description: "INCEpTION's WebAnno TSV 3.3 (a folder of DOC.tsv, spans and SAID_BY relations)",
		Extension:   ".tsv",
		NewReader:   func(r io.Reader, name string, opt Options) Reader { return NewWebAnnoReader(r, name, opt) },
		OpenPath:    OpenWebAnno,
		WriteDir:    func(dir string, opt Options) Writer { return NewWebAnnoWriter(dir, opt) },
		Sniff:       sniffWebAnno,
	})
}

// WebAnno TSV 3.3, as INCEpTION's documentation (webannotsv.adoc) and its
// Tsv3XSerializer/Tsv3XDeserializer define it: a header naming the layers
// and their feature columns, two blank lines, then per sentence its
// "#Text=" lines and one row per token: "SENT-TOK", "BEGIN-END" in UTF-16
// code units, the token, then one column per feature, each followed by a
// tab. Gloss's spans are a span layer with a "label" feature, its
// relations a relation layer on that span layer.
const (
	waFormat    = "#FORMAT=WebAnno TSV 3.3"
	waSpanLayer = "webanno.custom.Span"
	waRelLayer  = "webanno.custom.Relation"
	// waNamedEntity is INCEpTION's default named-entity layer, read too.
	waNamedEntity = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
)

// maxWebAnnoGap bounds the text a reader makes up between sentences
// (spaces, as INCEpTION pads), so that a broken offset cannot make it grow
// without bound.
const maxWebAnnoGap = 1 << 16

func sniffWebAnno(head []byte) bool {
	return bytes.HasPrefix(bytes.TrimPrefix(head, utf8BOM), []byte("#FORMAT=WebAnno TSV 3"))
}

// waEscapeValue escapes a feature value as INCEpTION's Escaping.escapeValue
// does; "->" counts as one reserved character.
func waEscapeValue(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '[', ']', '|', '_', ';', '*':
			buf = append(buf, '\\', c)
		case '\t':
			buf = append(buf, '\\', 't')
		case '\n':
			buf = append(buf, '\\', 'n')
		case '-':
			if i+1 < len(s) && s[i+1] == '>' {
				buf = append(buf, '\\', '-', '>')
				i++
			} else {
				buf = append(buf, c)
			}
		default:
			buf = append(buf, c)
		}
	}
	return buf
}

// waUnescapeValue undoes waEscapeValue.
func waUnescapeValue(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		switch n := s[i+1]; n {
		case '\\', '[', ']', '|', '_', ';', '*':
			b.WriteByte(n)
			i++
		case 't':
			b.WriteByte('\t')
			i++
		case 'n':
			b.WriteByte('\n')
			i++
		case '-':
			if i+2 < len(s) && s[i+2] == '>' {
				b.WriteString("->")
				i += 2
			} else {
				b.WriteByte(c)
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// waEscapeText escapes one "#Text=" line as Escaping.escapeText: control
// characters other than 8–13 get a backslash before them; tab, form feed,
// carriage return, backspace and backslash their Java escapes. (Line
// feeds split a sentence into several "#Text=" lines; vertical tab is
// left as it is, as INCEpTION does.)
func waEscapeText(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\t':
			buf = append(buf, '\\', 't')
		case c == '\n':
			buf = append(buf, '\\', 'n')
		case c == '\f':
			buf = append(buf, '\\', 'f')
		case c == '\r':
			buf = append(buf, '\\', 'r')
		case c == '\b':
			buf = append(buf, '\\', 'b')
		case c == '\\':
			buf = append(buf, '\\', '\\')
		case c < 8 || c >= 14 && c < 32:
			buf = append(buf, '\\', c)
		default:
			buf = append(buf, c)
		}
	}
	return buf
}

// waUnescapeText undoes waEscapeText.
func waUnescapeText(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		n := s[i+1]
		switch {
		case n == 't':
			b.WriteByte('\t')
		case n == 'n':
			b.WriteByte('\n')
		case n == 'f':
			b.WriteByte('\f')
		case n == 'r':
			b.WriteByte('\r')
		case n == 'b':
			b.WriteByte('\b')
		case n == '\\':
			b.WriteByte('\\')
		case n < 8 || n >= 14 && n < 32:
			b.WriteByte(n)
		default:
			b.WriteByte(c)
			continue
		}
		i++
	}
	return b.String()
}

// WebAnnoWriter writes one DOC.tsv a document into a folder, in WebAnno
// TSV 3.3 as INCEpTION writes it, with the layers
//
//	#T_SP=webanno.custom.Span|label
//	#T_RL=webanno.custom.Relation|label|BT_webanno.custom.Span
//
// (create them in the INCEpTION project before importing: a span layer
// "Span" with a string feature "label", a relation layer "Relation" on it
// with a string feature "label"). Tokens are the document's source
// tokens while they fit its spans, else annotate.Tokenize's; sentences
// break as in CoNLL and never inside a span. A span covers whole tokens
// (one that does not is widened, and counted); spans may nest and stack,
// and a span over several tokens or sharing a token with another carries
// a disambiguation id ("ACTOR[3]"). A relation is written on the first
// token of its To span (the dependent, in INCEpTION's terms), naming the
// first token of its From span (the governor), with "[from_to]" ids when
// either end is ambiguous. Offsets are UTF-16 code units, as INCEpTION
// counts, whatever Options.UTF16 says. Each sentence's "#Text=" runs to
// the next sentence's first token, so the text between sentences comes
// back; what precedes the first token cannot be written (the format
// has no room for it) and comes back as spaces.
type WebAnnoWriter struct {
	dir   string
	opt   Options
	names map[string]bool
	buf   []byte
	err   error
	enc   *webannoEncoder
	encs  []*webannoEncoder // the workers' (see DocEncoder), counted at Close
}

// webannoEncoder makes the TSV of a document, on one goroutine.
type webannoEncoder struct {
	drops spanDrops
	toks  tokenSource

	tokBytes, sent, idx, ids []int
	spans                    []placed
	cover                    [][]int // per token: indexes into spans
	starts                   []bool
	widened, empty, noToken  int
}

// NewWebAnnoWriter writes into the folder dir, which must exist.
func NewWebAnnoWriter(dir string, opt Options) *WebAnnoWriter {
	return &WebAnnoWriter{dir: dir, opt: opt, names: map[string]bool{}, enc: newWebAnnoEncoder()}
}

func newWebAnnoEncoder() *webannoEncoder {
	return &webannoEncoder{drops: spanDrops{format: "webanno"}}
}

// Write implements Writer.
func (ww *WebAnnoWriter) Write(d *annotate.Document) error {
	if ww.err != nil {
		return ww.err
	}
	ww.buf = ww.enc.appendDoc(ww.buf[:0], d)
	return ww.WriteEncoded(d, ww.buf)
}

// NewDocEncoder implements DocEncoder.
func (ww *WebAnnoWriter) NewDocEncoder() func([]byte, *annotate.Document) ([]byte, error) {
	e := newWebAnnoEncoder()
	ww.encs = append(ww.encs, e)
	return func(buf []byte, d *annotate.Document) ([]byte, error) { return e.appendDoc(buf, d), nil }
}

// WriteEncoded implements DocEncoder: it writes b as d's file.
func (ww *WebAnnoWriter) WriteEncoded(d *annotate.Document, b []byte) error {
	if ww.err != nil {
		return ww.err
	}
	name := safeFileName(d.ID)
	for k := 2; ww.names[name]; k++ {
		name = safeFileName(d.ID) + "-" + strconv.Itoa(k)
	}
	ww.names[name] = true
	if name != d.ID {
		ww.opt.warn("webanno: document %q written as %s.tsv (file names cannot hold every id)", d.ID, name)
	}
	if err := os.WriteFile(filepath.Join(ww.dir, name+".tsv"), b, 0o644); err != nil {
		ww.err = err
		return err
	}
	return nil
}

// appendDoc appends the TSV of one document.
func (ww *webannoEncoder) appendDoc(buf []byte, d *annotate.Document) []byte {
	kept := ww.drops.kept(d)
	toks, _ := ww.toks.tokens(d, kept)
	text := d.Text
	ww.tokBytes = tokenBytes(text, toks, ww.tokBytes)
	for t := range toks {
		// A token row cannot hold a tab or a line break.
		if strings.ContainsAny(text[ww.tokBytes[2*t]:ww.tokBytes[2*t+1]], "\t\n\r") {
			toks = d.Tokens()
			ww.tokBytes = tokenBytes(text, toks, ww.tokBytes)
			break
		}
	}
	u := d.UTF16()
	// Spans on token ranges, in order of their first token.
	ww.spans = ww.spans[:0]
	for _, i := range kept {
		s := &d.Spans[i]
		first, last, ok := annotate.TokenRange(toks, s.Start, s.End)
		if !ok {
			ww.empty++
			continue
		}
		if toks[first].Start != s.Start || toks[last].End != s.End {
			ww.widened++
		}
		ww.spans = append(ww.spans, placed{first, last, s.Label, i})
	}
	slices.SortStableFunc(ww.spans, func(a, b placed) int { return a.first - b.first })
	ww.starts = sentenceStarts(text, ww.tokBytes, [][]placed{ww.spans}, ww.starts)
	// Which spans cover each token; which need a disambiguation id.
	ww.cover = slices.Grow(ww.cover[:0], len(toks))[:len(toks)]
	for t := range ww.cover {
		ww.cover[t] = ww.cover[t][:0]
	}
	for k, p := range ww.spans {
		for t := p.first; t <= p.last; t++ {
			ww.cover[t] = append(ww.cover[t], k)
		}
	}
	ww.ids = slices.Grow(ww.ids[:0], len(ww.spans))[:len(ww.spans)]
	next := 0
	for k, p := range ww.spans {
		ww.ids[k] = 0
		ambiguous := p.last > p.first
		for t := p.first; t <= p.last && !ambiguous; t++ {
			ambiguous = len(ww.cover[t]) > 1
		}
		if ambiguous {
			next++
			ww.ids[k] = next
		}
	}
	// Sentence and token numbers.
	ww.sent = slices.Grow(ww.sent[:0], len(toks))[:len(toks)]
	ww.idx = slices.Grow(ww.idx[:0], len(toks))[:len(toks)]
	s, n := 0, 0
	for t := range toks {
		if t == 0 || ww.starts[t] {
			s, n = s+1, 0
		}
		n++
		ww.sent[t], ww.idx[t] = s, n
	}
	// Relations by the row of their To span's first token.
	spanAt := spanNumbers(d, kept, map[string]int{})
	placedAt := make(map[int]int, len(ww.spans)) // index in kept → in spans
	for k, p := range ww.spans {
		placedAt[p.span] = k
	}
	type rel struct {
		row      int
		from, to int // indexes into ww.spans
		label    string
	}
	var rels []rel
	for i := range d.Relations {
		r := &d.Relations[i]
		if !ww.drops.keptRelation(r, spanAt) {
			continue
		}
		from, okF := placedAt[kept[spanAt[r.From]]]
		to, okT := placedAt[kept[spanAt[r.To]]]
		if !okF || !okT {
			continue // an end covers no token
		}
		rels = append(rels, rel{ww.spans[to].first, from, to, r.Label})
	}
	slices.SortStableFunc(rels, func(a, b rel) int { return a.row - b.row })

	buf = append(buf, waFormat+"\n#T_SP="+waSpanLayer+"|label\n#T_RL="+waRelLayer+"|label|BT_"+waSpanLayer+"\n\n"...)
	if len(toks) == 0 {
		ww.noToken++
	}
	unit := func(buf []byte, t int) []byte {
		buf = appendInt(buf, ww.sent[t])
		buf = append(buf, '-')
		return appendInt(buf, ww.idx[t])
	}
	ri := 0
	for t := range toks {
		if t == 0 || ww.starts[t] {
			// The sentence's text, to the next sentence's first token
			// (or the end), one "#Text=" line per line.
			end := len(text)
			for e := t + 1; e < len(toks); e++ {
				if ww.starts[e] {
					end = ww.tokBytes[2*e]
					break
				}
			}
			buf = append(buf, '\n')
			for _, line := range strings.Split(text[ww.tokBytes[2*t]:end], "\n") {
				buf = append(buf, "#Text="...)
				buf = waEscapeText(buf, line)
				buf = append(buf, '\n')
			}
		}
		buf = unit(buf, t)
		buf = append(buf, '\t')
		buf = appendInt(buf, u.FromRune(toks[t].Start))
		buf = append(buf, '-')
		buf = appendInt(buf, u.FromRune(toks[t].End))
		buf = append(buf, '\t')
		buf = append(buf, text[ww.tokBytes[2*t]:ww.tokBytes[2*t+1]]...)
		buf = append(buf, '\t')
		// The span layer's label column.
		if len(ww.cover[t]) == 0 {
			buf = append(buf, '_')
		}
		for j, k := range ww.cover[t] {
			if j > 0 {
				buf = append(buf, '|')
			}
			buf = waEscapeValue(buf, ww.spans[k].label)
			if ww.ids[k] > 0 {
				buf = append(buf, '[')
				buf = appendInt(buf, ww.ids[k])
				buf = append(buf, ']')
			}
		}
		buf = append(buf, '\t')
		// The relation layer's label and governor columns.
		r0 := ri
		for ri < len(rels) && rels[ri].row == t {
			ri++
		}
		if r0 == ri {
			buf = append(buf, "_\t_\t\n"...)
			continue
		}
		for j := r0; j < ri; j++ {
			if j > r0 {
				buf = append(buf, '|')
			}
			buf = waEscapeValue(buf, rels[j].label)
		}
		buf = append(buf, '\t')
		for j := r0; j < ri; j++ {
			if j > r0 {
				buf = append(buf, '|')
			}
			r := rels[j]
			buf = unit(buf, ww.spans[r.from].first)
			if g, dep := ww.ids[r.from], ww.ids[r.to]; g > 0 || dep > 0 {
				buf = append(buf, '[')
				buf = appendInt(buf, g)
				buf = append(buf, '_')
				buf = appendInt(buf, dep)
				buf = append(buf, ']')
			}
		}
		buf = append(buf, "\t\n"...)
	}
	return buf
}

// Prepare implements Preparer: it tokenizes the text and counts its
// UTF-16 units ahead of Write.
func (ww *WebAnnoWriter) Prepare(d *annotate.Document) {
	d.Tokens()
	d.UTF16()
}

// Close implements Writer.
func (ww *WebAnnoWriter) Close() error {
	e := ww.enc
	for _, o := range ww.encs {
		e.drops.add(&o.drops)
		e.toks.retoken += o.toks.retoken
		e.widened += o.widened
		e.empty += o.empty
		e.noToken += o.noToken
	}
	ww.encs = nil
	e.drops.warn(ww.opt)
	e.toks.warn(ww.opt, "webanno")
	if e.widened > 0 {
		ww.opt.warn("webanno: %d span(s) not on token boundaries were widened to whole tokens", e.widened)
	}
	if e.empty > 0 {
		ww.opt.warn("webanno: left out %d span(s) that cover no token", e.empty)
	}
	if e.noToken > 0 {
		ww.opt.warn("webanno: %d document(s) without a token were written without their text (the format keeps only sentences)", e.noToken)
	}
	return ww.err
}

// OpenWebAnno opens a .tsv file, or a folder of them read in name order.
func OpenWebAnno(path string, opt Options) (Reader, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		return &waFiles{files: []string{path}, next: 1, opt: opt, cur: NewWebAnnoReader(f, path, opt), closer: f}, nil
	}
	names, err := filepath.Glob(filepath.Join(path, "*.tsv"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no .tsv files in this folder", path)
	}
	slices.Sort(names)
	return &waFiles{files: names, opt: opt}, nil
}

// waFiles reads the documents of several .tsv files one after another.
type waFiles struct {
	files  []string
	next   int
	opt    Options
	cur    *WebAnnoReader
	closer io.Closer
	file   string
}

func (wf *waFiles) Next() (*annotate.Document, error) {
	for {
		if wf.cur == nil {
			if wf.next >= len(wf.files) {
				return nil, io.EOF
			}
			name := wf.files[wf.next]
			wf.next++
			f, err := os.Open(name)
			if err != nil {
				return nil, err
			}
			wf.cur, wf.closer = NewWebAnnoReader(f, name, wf.opt), f
		}
		d, err := wf.cur.Next()
		wf.file = wf.cur.name
		if errors.Is(err, io.EOF) {
			wf.closer.Close()
			wf.cur = nil
			continue
		}
		if err != nil {
			wf.closer.Close()
			wf.cur = nil
			wf.next = len(wf.files)
		}
		return d, err
	}
}

func (wf *waFiles) Line() int {
	if wf.cur == nil {
		return 0
	}
	return wf.cur.Line()
}

// File implements Filer.
func (wf *waFiles) File() string { return wf.file }

// WebAnnoReader reads WebAnno TSV 3.x: one document, or several when
// "#FORMAT=" lines follow one another in a stream; the first is named
// after the file, the others "NAME-2", …. Spans come from the span layers
// webanno.custom.Span (its "label" feature), INCEpTION's NamedEntity (its
// "value") and any other webanno.custom span layer (its first feature, or
// the layer's short name when the value is empty, "*"); relations from
// relation layers on those layers (label: the first feature, else the
// layer's short name). Other layers (DKPro's POS, lemma, dependency;
// chains) are counted and skipped. The text is rebuilt from the "#Text="
// lines and the token offsets as INCEpTION does (text between sentences
// that the file does not hold becomes spaces), without the line break
// INCEpTION adds at the very end. Tokens other than annotate.Tokenize's
// are kept as source tokens. Offsets are UTF-16 code units.
type WebAnnoReader struct {
	lines *lineReader
	name  string
	base  string
	opt   Options
	line  int
	n     int
	// held is a "#FORMAT" line already read, which starts the next
	// document.
	held     bool
	heldLine int
	eof      bool
}

// NewWebAnnoReader reads from r.
func NewWebAnnoReader(r io.Reader, name string, opt Options) *WebAnnoReader {
	return &WebAnnoReader{lines: newLineReader(r, name, opt.maxLine()), name: name, base: DocumentID(name), opt: opt}
}

// Line implements Reader.
func (wr *WebAnnoReader) Line() int { return wr.line }

// waColumn is one feature column of the file.
type waColumn struct {
	layer int  // index into layers
	label bool // the column Gloss reads the layer's label from
	bt    bool // a relation layer's governor column
}

// waLayer is one layer of the header.
type waLayer struct {
	kind  byte // 'S' span, 'R' relation, 'C' chain
	name  string
	short string
	read  bool
	base  string // a relation layer's span layer (BT_)
	count int    // annotations skipped
}

// waSpan is an annotation of a span layer being read.
type waSpan struct {
	layer      int
	begin, end int // UTF-16
	label      string
}

// waRel is a relation read, resolved once the document is read.
type waRel struct {
	layer            int
	label            string
	govUnit, depUnit string
	govID, depID     int
	line             int
}

// waUnit records the span annotations on one row, by layer, in stacking
// order.
type waUnit struct {
	spans map[int][]int // layer → indexes into spans
}

func (wr *WebAnnoReader) errorf(line int, format string, args ...any) error {
	return &LineError{File: wr.name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Next implements Reader.
func (wr *WebAnnoReader) Next() (*annotate.Document, error) {
	if wr.eof {
		return nil, io.EOF
	}
	next := func() (string, int, error) {
		raw, err := wr.lines.next()
		if err != nil {
			return "", 0, err
		}
		if wr.lines.line == 1 {
			raw = bytes.TrimPrefix(raw, utf8BOM)
		}
		if i := firstInvalidUTF8(raw); i >= 0 {
			return "", 0, wr.errorf(wr.lines.line, "invalid UTF-8 at byte %d", i+1)
		}
		return string(raw), wr.lines.line, nil
	}
	var line string
	var lineNo int
	if wr.held {
		wr.held = false
		line, lineNo = waFormat, wr.heldLine
	} else {
		for {
			l, n, err := next()
			if errors.Is(err, io.EOF) {
				wr.eof = true
				if wr.n == 0 {
					return nil, wr.errorf(0, "empty file: want a %q line", "#FORMAT=WebAnno TSV 3.3")
				}
				return nil, io.EOF
			}
			if err != nil {
				return nil, err
			}
			if strings.TrimSpace(l) != "" {
				line, lineNo = l, n
				break
			}
		}
	}
	wr.line = lineNo
	if !strings.HasPrefix(line, "#FORMAT=WebAnno TSV 3.") {
		return nil, wr.errorf(lineNo, "want %q, found %q", "#FORMAT=WebAnno TSV 3.3", truncate(line))
	}
	wr.n++
	id := wr.base
	if wr.n > 1 {
		id += "-" + strconv.Itoa(wr.n)
	}
	// The header: layers and their columns, up to a blank line.
	var layers []waLayer
	var cols []waColumn
	for {
		l, n, err := next()
		if errors.Is(err, io.EOF) {
			wr.eof = true
			break
		}
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(l) == "" {
			break
		}
		kind, rest, ok := byte(0), "", false
		for _, p := range []struct {
			prefix string
			kind   byte
		}{{"#T_SP=", 'S'}, {"#T_RL=", 'R'}, {"#T_CH=", 'C'}} {
			if strings.HasPrefix(l, p.prefix) {
				kind, rest, ok = p.kind, l[len(p.prefix):], true
			}
		}
		if !ok {
			return nil, wr.errorf(n, "want a layer (#T_SP=, #T_RL=, #T_CH=) or a blank line after the format line, found %q", truncate(l))
		}
		fields := strings.Split(rest, "|")
		ly := waLayer{kind: kind, name: fields[0], short: fields[0][strings.LastIndexByte(fields[0], '.')+1:]}
		li := len(layers)
		labelCol := -1
		if len(fields) == 1 {
			cols = append(cols, waColumn{layer: li})
		}
		for k, f := range fields[1:] {
			c := waColumn{layer: li}
			switch {
			case kind == 'R' && strings.HasPrefix(f, "BT_"):
				c.bt, ly.base = true, f[3:]
			case strings.HasPrefix(f, "ROLE_") || strings.Contains(f, "."):
				// A slot feature's role, or its target type.
			case labelCol < 0 && kind != 'C':
				labelCol, c.label = k, true
			}
			if f == "label" || ly.name == waNamedEntity && f == "value" {
				// The feature Gloss writes (or NamedEntity's) wins.
				for j := range cols[len(cols)-k:] {
					cols[len(cols)-k+j].label = false
				}
				c.label, labelCol = true, k
			}
			cols = append(cols, c)
		}
		ly.read = kind == 'S' && (ly.name == waNamedEntity || strings.HasPrefix(ly.name, "webanno.custom.")) || kind == 'R'
		layers = append(layers, ly)
	}
	for i := range layers {
		if ly := &layers[i]; ly.kind == 'R' {
			ly.read = false
			for _, b := range layers {
				if b.kind == 'S' && b.read && b.name == ly.base {
					ly.read = true
				}
			}
		}
	}
	return wr.body(id, layers, cols, next)
}

// body reads the sentences of one document.
func (wr *WebAnnoReader) body(id string, layers []waLayer, cols []waColumn, next func() (string, int, error)) (*annotate.Document, error) {
	var text []uint16 // the text as INCEpTION builds it, in UTF-16
	var sentence []uint16
	inSentence, hasTokens := false, false
	var spans []waSpan
	byID := map[int]int{} // disambiguation id → index in spans
	units := map[string]*waUnit{}
	var rels []waRel
	var toks [][2]int // UTF-16
	zero := 0
	for {
		line, n, err := next()
		if errors.Is(err, io.EOF) {
			wr.eof = true
			break
		}
		if err != nil {
			return nil, err
		}
		switch {
		case strings.HasPrefix(line, "#FORMAT="):
			wr.held, wr.heldLine = true, n
		case strings.TrimSpace(line) == "":
			inSentence = false
			continue
		case strings.HasPrefix(line, "#Text="):
			if !inSentence {
				sentence, inSentence, hasTokens = sentence[:0], true, false
			}
			sentence = append(sentence, utf16.Encode([]rune(waUnescapeText(line[len("#Text="):])))...)
			sentence = append(sentence, '\n')
			continue
		case strings.HasPrefix(line, "#"):
			continue // #Sentence.id= and other sentence header lines
		default:
			fields := strings.Split(line, "\t")
			if len(fields) < 3+len(cols) {
				return nil, wr.errorf(n, "%d columns, but the header names %d (with the unit, offsets and token)", len(fields), 3+len(cols))
			}
			unitID := fields[0]
			a, b, ok := strings.Cut(fields[1], "-")
			begin, err1 := strconv.Atoi(a)
			end, err2 := strconv.Atoi(b)
			if !ok || err1 != nil || err2 != nil || begin < 0 || end < begin || end-begin > 1<<20 {
				return nil, wr.errorf(n, "bad offsets %q (want BEGIN-END)", truncate(fields[1]))
			}
			if !inSentence {
				return nil, wr.errorf(n, "a token row before any #Text= line")
			}
			if !strings.Contains(unitID, ".") && !hasTokens {
				// The sentence begins: place its text at its first
				// token, as INCEpTION's reader does.
				hasTokens = true
				if len(text) > begin && len(text) > 0 && text[len(text)-1] == '\n' {
					text = text[:len(text)-1]
				}
				if begin-len(text) > maxWebAnnoGap {
					// The file holds every sentence; a gap this large is
					// a broken offset, not text.
					return nil, wr.errorf(n, "offset %d leaves %d code units of text unwritten before this sentence (at most %d)", begin, begin-len(text), maxWebAnnoGap)
				}
				for len(text) < begin {
					text = append(text, ' ')
				}
				text = append(text, sentence...)
			}
			if !strings.Contains(unitID, ".") {
				toks = append(toks, [2]int{begin, end})
			}
			u := &waUnit{spans: map[int][]int{}}
			units[unitID] = u
			for c, col := range cols {
				raw := fields[3+c]
				ly := &layers[col.layer]
				if raw == "_" || raw == "" || !ly.read {
					if raw != "_" && raw != "" && !col.bt {
						ly.count++
					}
					continue
				}
				values := waSplit(raw, '|')
				switch ly.kind {
				case 'S':
					for stack, v := range values {
						v, did := waDisambiguation(v)
						k := -1
						if did > 0 {
							if j, ok := byID[did]; ok {
								k = j
								spans[j].end = max(spans[j].end, end)
							}
						}
						if k < 0 {
							if prev := u.spans[col.layer]; stack < len(prev) {
								k = prev[stack] // another column of the same annotation
							}
						}
						if k < 0 {
							k = len(spans)
							spans = append(spans, waSpan{layer: col.layer, begin: begin, end: end})
							if did > 0 {
								byID[did] = k
							}
						}
						if stack >= len(u.spans[col.layer]) {
							u.spans[col.layer] = append(u.spans[col.layer], k)
						}
						if col.label && v != "*" {
							spans[k].label = waUnescapeValue(v)
						}
					}
				}
			}
			// Relations: the label column and the governor column of each
			// relation layer, read together.
			for li, ly := range layers {
				if ly.kind != 'R' || !ly.read {
					continue
				}
				var labels, govs []string
				for c, col := range cols {
					if col.layer != li {
						continue
					}
					raw := fields[3+c]
					if raw == "_" || raw == "" {
						continue
					}
					if col.bt {
						govs = waSplit(raw, '|')
					} else if col.label {
						labels = waSplit(raw, '|')
					}
				}
				for k, g := range govs {
					label := ly.short
					if k < len(labels) {
						if v, _ := waDisambiguation(labels[k]); v != "*" && v != "" {
							label = waUnescapeValue(v)
						}
					}
					unit, ids, _ := strings.Cut(g, "[")
					r := waRel{layer: li, label: label, govUnit: unit, depUnit: unitID, line: n}
					if ids != "" {
						gs, ds, _ := strings.Cut(strings.TrimSuffix(ids, "]"), "_")
						r.govID, _ = strconv.Atoi(gs)
						r.depID, _ = strconv.Atoi(ds)
					}
					rels = append(rels, r)
				}
			}
		}
		if wr.held {
			break
		}
	}
	// INCEpTION's reader ends the text with the line break after the last
	// "#Text=" line; the file does not say the document had one.
	if len(text) > 0 && text[len(text)-1] == '\n' {
		text = text[:len(text)-1]
	}
	d := &annotate.Document{ID: id, Text: string(utf16.Decode(text))}
	if !utf8.ValidString(d.Text) {
		return nil, wr.errorf(wr.line, "the text holds a lone UTF-16 surrogate")
	}
	uo := d.UTF16()
	conv := func(off int) (int, bool) {
		if off > len(text) {
			return 0, false
		}
		return uo.ToRune(off)
	}
	// Spans, with the first feature's value as label or the layer's name.
	index := make([]int, len(spans))
	for k, s := range spans {
		index[k] = -1
		if s.begin == s.end {
			zero++
			continue
		}
		start, ok1 := conv(s.begin)
		end, ok2 := conv(s.end)
		if !ok1 || !ok2 {
			return nil, wr.errorf(wr.line, "span at UTF-16 offsets %d-%d: outside the text or inside a surrogate pair", s.begin, s.end)
		}
		label := s.label
		if label == "" {
			label = layers[s.layer].short
		}
		index[k] = len(d.Spans)
		d.Spans = append(d.Spans, annotate.Span{Start: start, End: end, Label: label})
	}
	if err := completeSpans(d, false); err != nil {
		return nil, err
	}
	// Relations: the governor on its unit, the dependent on the row.
	find := func(unitID string, layer, did int) int {
		if did > 0 {
			if k, ok := byID[did]; ok && spans[k].layer == layer {
				return k
			}
			return -1
		}
		u := units[unitID]
		if u == nil || len(u.spans[layer]) == 0 {
			return -1
		}
		return u.spans[layer][0]
	}
	skippedRels := 0
	for _, r := range rels {
		base := -1
		for i, ly := range layers {
			if ly.kind == 'S' && ly.name == layers[r.layer].base {
				base = i
			}
		}
		g, dep := find(r.govUnit, base, r.govID), find(r.depUnit, base, r.depID)
		if g < 0 || dep < 0 || index[g] < 0 || index[dep] < 0 {
			skippedRels++
			continue
		}
		d.Relations = append(d.Relations, annotate.Relation{Label: r.label, From: d.Spans[index[g]].ID, To: d.Spans[index[dep]].ID})
	}
	relationIDs(d)
	// Tokens, kept when they are not Gloss's own.
	var src []sourceToken
	last := 0
	for _, t := range toks {
		a, ok1 := conv(t[0])
		b, ok2 := conv(t[1])
		if !ok1 || !ok2 || a < last || b <= a {
			src = nil
			break
		}
		src = append(src, sourceToken{start: a, end: b, ws: -1})
		last = b
	}
	keepSourceTokens(d, src)
	d.SortSpans()
	dedupSpans(d, func(format string, args ...any) { wr.opt.warn("%s: %s", wr.name, fmt.Sprintf(format, args...)) })
	for _, ly := range layers {
		if !ly.read && ly.count > 0 {
			wr.opt.warn("%s: skipped %d annotation(s) of layer %s (Gloss reads span layers and relations between them)", wr.name, ly.count, ly.name)
		}
	}
	if zero > 0 {
		wr.opt.warn("%s: skipped %d zero-width span(s)", wr.name, zero)
	}
	if skippedRels > 0 {
		wr.opt.warn("%s: skipped %d relation(s) whose ends are not spans Gloss read", wr.name, skippedRels)
	}
	return d, nil
}

// waSplit splits a column at sep where it is not escaped.
func waSplit(s string, sep byte) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// waDisambiguation splits "VALUE[N]" into VALUE and N (0 when there is no
// unescaped "[N]" suffix).
func waDisambiguation(v string) (string, int) {
	if !strings.HasSuffix(v, "]") || strings.HasSuffix(v, `\]`) {
		return v, 0
	}
	i := strings.LastIndexByte(v, '[')
	if i < 0 || i > 0 && v[i-1] == '\\' {
		return v, 0
	}
	n, err := strconv.Atoi(v[i+1 : len(v)-1])
	if err != nil || n <= 0 {
		return v, 0
	}
	return v[:i], n
}
