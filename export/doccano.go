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
		Name:        "doccano",
		Description: `doccano sequence labelling JSONL ("label": [[start, end, "LABEL"]])`,
		Extension:   ".jsonl",
		NewReader:   func(r io.Reader, name string, opt Options) Reader { return NewDoccanoReader(r, name, opt) },
		NewWriter:   func(w io.Writer, opt Options) Writer { return NewDoccanoWriter(w, opt, false) },
		Sniff:       sniffDoccano,
	})
	Register(&Format{
		Name:        "doccano-rel",
		Description: `doccano relation extraction JSONL ("entities" and "relations")`,
		Extension:   ".jsonl",
		NewReader:   func(r io.Reader, name string, opt Options) Reader { return NewDoccanoReader(r, name, opt) },
		NewWriter:   func(w io.Writer, opt Options) Writer { return NewDoccanoWriter(w, opt, true) },
		Sniff:       sniffDoccanoRel,
	})
}

func sniffDoccano(head []byte) bool {
	line := firstLine(head)
	return len(line) > 0 && line[0] == '{' && keyValueStart(line, "label") == '[' && !hasJSONKey(line, "spans")
}

func sniffDoccanoRel(head []byte) bool {
	line := firstLine(head)
	return len(line) > 0 && line[0] == '{' && hasJSONKey(line, "entities") && hasJSONKey(line, "start_offset")
}

// DoccanoReader reads both doccano shapes, one document a line: the
// sequence-labelling "label": [[s, e, "L"]] and the relation form with
// "entities" and "relations". "id" becomes the document id; every other
// key, and the members of "meta", land in the document's meta. Document
// labels come from "cats" (intent detection) or from a "label" list of
// strings (text classification), each "GROUP:VALUE" or a bare value (see
// annotate.SplitChoice). Spans that
// repeat another's start, end and label are dropped with a warning;
// overlapping spans of one label are kept.
type DoccanoReader struct {
	jsonlReader
	meta metaBuilder
	ls   *annotate.LabelSet
}

// labels is the label set that resolves document labels, made once.
func (dr *DoccanoReader) labels() *annotate.LabelSet {
	if dr.ls == nil {
		dr.ls = dr.opt.labels()
	}
	return dr.ls
}

// NewDoccanoReader reads doccano JSONL from r.
func NewDoccanoReader(r io.Reader, name string, opt Options) *DoccanoReader {
	dr := &DoccanoReader{jsonlReader: newJSONLReader(r, name, opt)}
	dr.parse = dr.parseLine
	return dr
}

type doccanoRel struct {
	id, from, to, label string
}

func (dr *DoccanoReader) parseLine(line []byte) (*annotate.Document, error) {
	sc := &dr.sc
	sc.reset(line)
	dr.meta.reset()
	d := &annotate.Document{}
	hasText := false
	entityAt := map[string]int{} // doccano entity id → span index
	var rels []doccanoRel
	err := sc.document(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			d.ID, err = rawID(sc)
		case "text":
			d.Text, err = textValue(sc, "text")
			hasText = true
		case "label", "labels":
			if sc.peek() != '[' {
				return dr.meta.addMember(sc, key)
			}
			err = sc.array(func() error {
				if sc.peek() == '"' {
					// doccano's text classification: "label": ["positive"].
					v, err := sc.string()
					addFlatChoice(d, dr.labels(), v)
					return err
				}
				s, err := parseDoccanoTriple(sc, len(d.Spans)+1)
				d.Spans = append(d.Spans, s)
				return err
			})
		case "cats":
			// doccano's intent detection: "cats": ["flight"]; Gloss
			// writes "GROUP:VALUE".
			var cats []string
			if cats, err = stringList(sc, "cats"); err == nil {
				for _, v := range cats {
					addFlatChoice(d, dr.labels(), v)
				}
			}
		case "entities":
			err = sc.array(func() error {
				if sc.peek() == '[' {
					// doccano's intent detection: [start, end, "LABEL"].
					s, err := parseDoccanoTriple(sc, len(d.Spans)+1)
					d.Spans = append(d.Spans, s)
					return err
				}
				s, id, err := parseDoccanoEntity(sc, len(d.Spans)+1)
				if err != nil {
					return err
				}
				if id != "" {
					if _, dup := entityAt[id]; dup {
						return fmt.Errorf("entity %d: id %s used twice", len(d.Spans)+1, id)
					}
					entityAt[id] = len(d.Spans)
				}
				d.Spans = append(d.Spans, s)
				return nil
			})
		case "relations":
			err = sc.array(func() error {
				r, err := parseDoccanoRelation(sc, len(rels)+1)
				rels = append(rels, r)
				return err
			})
		case "meta":
			if sc.peek() == '{' {
				err = dr.meta.addObject(sc)
			} else {
				err = dr.meta.addMember(sc, key)
			}
		default:
			err = dr.meta.addMember(sc, key)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !hasText {
		return nil, errors.New(`missing "text"`)
	}
	d.Meta = dr.meta.done()
	if d.ID == "" {
		d.ID = dr.base + "-" + strconv.Itoa(dr.line)
	}
	if err := completeSpans(d, dr.opt.UTF16); err != nil {
		return nil, err
	}
	for i, r := range rels {
		from, okFrom := entityAt[r.from]
		to, okTo := entityAt[r.to]
		switch {
		case !okFrom:
			return nil, fmt.Errorf("relation %d: from_id %s: no such entity", i+1, r.from)
		case !okTo:
			return nil, fmt.Errorf("relation %d: to_id %s: no such entity", i+1, r.to)
		}
		d.Relations = append(d.Relations, annotate.Relation{Label: r.label, From: d.Spans[from].ID, To: d.Spans[to].ID})
	}
	relationIDs(d)
	dedupSpans(d, dr.warnf)
	return d, nil
}

// parseDoccanoTriple reads [start, end, "LABEL"].
func parseDoccanoTriple(sc *scanner, n int) (annotate.Span, error) {
	var s annotate.Span
	k := 0
	err := sc.array(func() error {
		var err error
		switch k {
		case 0:
			s.Start, err = sc.int()
		case 1:
			s.End, err = sc.int()
		case 2:
			s.Label, err = sc.string()
		default:
			return sc.fail(`want [start, end, "LABEL"]`)
		}
		k++
		return err
	})
	if err == nil && k != 3 {
		err = errors.New(`want [start, end, "LABEL"]`)
	}
	if err != nil {
		return s, fmt.Errorf("label %d: %w", n, err)
	}
	return s, nil
}

func parseDoccanoEntity(sc *scanner, n int) (annotate.Span, string, error) {
	var s annotate.Span
	var id string
	var hasStart, hasEnd, hasLabel bool
	err := sc.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			id, err = rawID(sc)
		case "start_offset":
			s.Start, err = sc.int()
			hasStart = true
		case "end_offset":
			s.End, err = sc.int()
			hasEnd = true
		case "label":
			s.Label, err = sc.string()
			hasLabel = true
		default:
			s.Extra, err = appendExtra(sc, s.Extra, key)
		}
		return err
	})
	if err == nil && (!hasStart || !hasEnd || !hasLabel) {
		err = errors.New(`needs "start_offset", "end_offset" and "label"`)
	}
	if err != nil {
		return s, "", fmt.Errorf("entity %d: %w", n, err)
	}
	return s, id, nil
}

func parseDoccanoRelation(sc *scanner, n int) (doccanoRel, error) {
	var r doccanoRel
	var hasFrom, hasTo bool
	err := sc.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			r.id, err = rawID(sc)
		case "from_id":
			r.from, err = rawID(sc)
			hasFrom = true
		case "to_id":
			r.to, err = rawID(sc)
			hasTo = true
		case "type", "label":
			r.label, err = sc.string()
		default:
			_, err = sc.skip()
		}
		return err
	})
	if err == nil && (!hasFrom || !hasTo || r.label == "") {
		err = errors.New(`needs "from_id", "to_id" and "type"`)
	}
	if err != nil {
		return r, fmt.Errorf("relation %d: %w", n, err)
	}
	return r, nil
}

// DoccanoWriter writes doccano JSONL: {"id", "text", "label"} or, in the
// relation form, {"id", "text", "entities", "relations"}, then "meta"
// (with the document's unknown keys merged in, since doccano reads every
// unknown key into meta anyway). Document labels are "cats" (doccano's
// intent detection), each "GROUP:VALUE", written when the document has
// some or the label set has [[choice]] groups. Suggestions are left out
// (doccano cannot mark them), with a warning at Close.
type DoccanoWriter struct {
	out  outBuf
	opt  Options
	enc  *doccanoEncoder   // Write's
	encs []*doccanoEncoder // the workers' (see DocEncoder), counted at Close
}

// doccanoEncoder makes the doccano line of a document, on one goroutine.
type doccanoEncoder struct {
	opt    Options
	ls     *annotate.LabelSet
	rel    bool
	drops  spanDrops
	spanAt map[string]int
}

// NewDoccanoWriter writes to w; rel selects the relation form.
func NewDoccanoWriter(w io.Writer, opt Options, rel bool) *DoccanoWriter {
	dw := &DoccanoWriter{out: newOutBuf(w), opt: opt}
	dw.enc = dw.newEncoder(rel)
	return dw
}

func (dw *DoccanoWriter) newEncoder(rel bool) *doccanoEncoder {
	name := "doccano"
	if rel {
		name = "doccano-rel"
	}
	return &doccanoEncoder{opt: dw.opt, ls: dw.opt.labels(), rel: rel, drops: spanDrops{format: name, keepChoices: true}, spanAt: map[string]int{}}
}

// Write implements Writer.
func (dw *DoccanoWriter) Write(d *annotate.Document) error {
	dw.out.buf, _ = dw.enc.encode(dw.out.buf, d)
	return dw.out.maybeFlush()
}

// NewDocEncoder implements DocEncoder.
func (dw *DoccanoWriter) NewDocEncoder() func([]byte, *annotate.Document) ([]byte, error) {
	e := dw.newEncoder(dw.enc.rel)
	dw.encs = append(dw.encs, e)
	return e.encode
}

// WriteEncoded implements DocEncoder.
func (dw *DoccanoWriter) WriteEncoded(_ *annotate.Document, b []byte) error {
	return dw.out.write(b)
}

// encode appends d's line.
func (dw *doccanoEncoder) encode(buf []byte, d *annotate.Document) ([]byte, error) {
	off := offsetsOf(d, dw.opt.UTF16)
	kept := dw.drops.kept(d)
	buf = append(buf, `{"id":`...)
	buf = appendString(buf, d.ID)
	buf = append(buf, `,"text":`...)
	buf = appendString(buf, d.Text)
	if !dw.rel {
		buf = append(buf, `,"label":[`...)
		for k, i := range kept {
			s := &d.Spans[i]
			if k > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '[')
			buf = appendInt(buf, off.of(s.Start))
			buf = append(buf, ',')
			buf = appendInt(buf, off.of(s.End))
			buf = append(buf, ',')
			buf = appendString(buf, s.Label)
			buf = append(buf, ']')
		}
		buf = append(buf, ']')
	} else {
		buf = append(buf, `,"entities":[`...)
		for k, i := range kept {
			s := &d.Spans[i]
			if k > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, `{"id":`...)
			buf = appendInt(buf, k)
			buf = append(buf, `,"label":`...)
			buf = appendString(buf, s.Label)
			buf = append(buf, `,"start_offset":`...)
			buf = appendInt(buf, off.of(s.Start))
			buf = append(buf, `,"end_offset":`...)
			buf = appendInt(buf, off.of(s.End))
			buf = append(buf, '}')
		}
		buf = append(buf, `],"relations":[`...)
		spanAt := spanNumbers(d, kept, dw.spanAt)
		n := 0
		for i := range d.Relations {
			r := &d.Relations[i]
			if !dw.drops.keptRelation(r, spanAt) {
				continue
			}
			if n > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, `{"id":`...)
			buf = appendInt(buf, n)
			buf = append(buf, `,"from_id":`...)
			buf = appendInt(buf, spanAt[r.From])
			buf = append(buf, `,"to_id":`...)
			buf = appendInt(buf, spanAt[r.To])
			buf = append(buf, `,"type":`...)
			buf = appendString(buf, r.Label)
			buf = append(buf, '}')
			n++
		}
		buf = append(buf, ']')
	}
	if len(d.Choices) > 0 || len(dw.ls.Choices) > 0 {
		buf = append(buf, `,"cats":`...)
		buf = appendStringList(buf, flatChoices(d, dw.ls))
	}
	buf = appendMetaObject(buf, d.Meta, d.Extra)
	buf = append(buf, '}', '\n')
	return buf, nil
}

// Close implements Writer.
func (dw *DoccanoWriter) Close() error {
	for _, e := range dw.encs {
		dw.enc.drops.add(&e.drops)
	}
	dw.encs = nil
	dw.enc.drops.warn(dw.opt)
	return dw.out.flush()
}
