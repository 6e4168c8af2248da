package export

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"gloss/annotate"
)

func init() {
	Register(&Format{
		Name:        "brat",
		Description: "brat standoff: a folder of .txt and .ann pairs",
		Extension:   ".ann",
		NewReader:   func(r io.Reader, name string, opt Options) Reader { return NewBratStreamReader(r, name, opt) },
		OpenPath:    OpenBrat,
		WriteDir:    func(dir string, opt Options) Writer { return NewBratWriter(dir, opt) },
		Sniff:       sniffBrat,
	})
}

func sniffBrat(head []byte) bool {
	line := firstLine(head)
	id, rest, ok := bytes.Cut(line, []byte("\t"))
	if !ok || len(id) < 2 || id[0] != 'T' {
		return false
	}
	_, err := strconv.Atoi(string(id[1:]))
	return err == nil && bytes.Count(rest, []byte(" ")) >= 2
}

// BratReader reads brat standoff documents: each .ann file with the .txt
// of the same name beside it. brat offsets count code points, as Gloss's do.
//
//   - T lines are spans; a discontinuous one ("0 5;9 12") becomes one span
//     per fragment, with a warning.
//   - R lines are relations, Arg1 → Arg2.
//   - "#" AnnotatorNotes on a T line are the span's note.
//   - A, M, E, "*" and N lines, and notes on anything but a T line, have no
//     place in Gloss: they are counted and reported with Options.Warn.
//
// With Options.UTF16 the offsets count UTF-16 units (INCEpTION's brat).
// A T line's text must equal the document text at its offsets (line breaks
// read as spaces, as brat shows them); offsets past the text are errors.
//
// A folder may come from anyone: a .txt or .ann that is a symbolic link
// leading outside the folder (or --text-dir), a FIFO, a device or any
// other special file, and a file over Options.MaxLine are refused with an
// error naming it (see readInputFile).
type BratReader struct {
	pairs []bratPair
	next  int
	opt   Options
	file  string
	// root is the folder read, which links must stay inside ("" when
	// the user named the files themselves).
	root string
	// stream, when set, is the content of the first pair's .ann.
	stream io.Reader
}

// bratPair is one document of a brat input: its .ann, its .txt, and the
// id and annotator it gets ("" for the defaults: the .ann's name, none).
type bratPair struct{ ann, txt, id, annotator string }

// OpenBrat opens a brat input: a .ann file (its .txt beside it), a .txt
// file (its .ann beside it, if any) or a folder, whose .txt files are read
// in name order, each with its .ann if there is one.
//
// A .ann's text is NAME.txt for NAME.ann or, when there is none,
// for NAME_SUFFIX.ann (an annotator's file, as PolNeAR names them): the
// document is then NAME, annotated by SUFFIX. With Options.TextDir the
// texts are looked for in that folder instead of beside the .ann files,
// and a folder's documents are its .ann files. When several .ann files of
// one folder share a text, their documents keep the .ann's name as id
// (NAME_SUFFIX), so that ids stay unique.
func OpenBrat(path string, opt Options) (Reader, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if opt.TextDir != "" {
		if st, err := os.Stat(opt.TextDir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("--text-dir %s: not a folder", opt.TextDir)
		}
	}
	br := &BratReader{opt: opt, root: path}
	if !st.IsDir() {
		br.root = ""
		base := strings.TrimSuffix(path, filepath.Ext(path))
		if filepath.Ext(path) == ".txt" && opt.TextDir == "" {
			br.pairs = []bratPair{{ann: base + ".ann", txt: base + ".txt"}}
			return br, nil
		}
		br.pairs = []bratPair{bratTextOf(base+".ann", opt.TextDir)}
		return br, nil
	}
	// Names only (not os.ReadDir's entries), sorted and deduplicated in
	// place: a folder of 100,000 documents costs a few MB.
	dir, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	names, err := dir.Readdirnames(-1)
	dir.Close()
	if err != nil {
		return nil, err
	}
	var anns, txts []string
	for _, name := range names {
		switch filepath.Ext(name) {
		case ".ann":
			anns = append(anns, strings.TrimSuffix(name, ".ann"))
		case ".txt":
			if opt.TextDir == "" {
				txts = append(txts, strings.TrimSuffix(name, ".txt"))
			}
		}
	}
	slices.Sort(anns)
	slices.Sort(txts)
	used := map[string]int{} // text path → how many .ann files it serves
	for _, b := range anns {
		p := bratTextOf(filepath.Join(path, b+".ann"), opt.TextDir)
		used[p.txt]++
		br.pairs = append(br.pairs, p)
	}
	shared := 0
	for i := range br.pairs {
		if p := &br.pairs[i]; p.annotator != "" && used[p.txt] > 1 {
			p.id = "" // the .ann's own name
			shared++
		}
	}
	if shared > 0 {
		opt.warn("%s: %d .ann file(s) share their text with another annotator's: their documents keep the .ann's name as id (import one annotator's files at a time to give them the text's)", path, shared)
	}
	// Texts nobody annotated yet are documents too (without --text-dir).
	for _, b := range txts {
		txt := filepath.Join(path, b+".txt")
		if used[txt] == 0 {
			br.pairs = append(br.pairs, bratPair{ann: filepath.Join(path, b+".ann"), txt: txt})
		}
	}
	slices.SortStableFunc(br.pairs, func(a, b bratPair) int { return cmp.Compare(a.ann, b.ann) })
	if len(br.pairs) == 0 {
		return nil, fmt.Errorf("%s: no .txt or .ann files in this folder", path)
	}
	return br, nil
}

// bratTextOf finds the text of the .ann file ann: NAME.txt for NAME.ann,
// else NAME.txt for NAME_SUFFIX.ann (the document NAME, by annotator
// SUFFIX), in textDir or, when it is "", beside ann. When neither exists
// the pair names NAME.txt for NAME.ann, for the error.
func bratTextOf(ann, textDir string) bratPair {
	dir, base := filepath.Split(strings.TrimSuffix(ann, ".ann"))
	if textDir != "" {
		dir = textDir
	}
	own := bratPair{ann: ann, txt: filepath.Join(dir, base+".txt")}
	if _, err := os.Stat(own.txt); err == nil {
		return own
	}
	if i := strings.LastIndexByte(base, '_'); i > 0 && i < len(base)-1 {
		txt := filepath.Join(dir, base[:i]+".txt")
		if _, err := os.Stat(txt); err == nil {
			return bratPair{ann: ann, txt: txt, id: base[:i], annotator: base[i+1:]}
		}
	}
	return own
}

// NewBratStreamReader reads one .ann from r; its text is read from the
// .txt file beside name.
func NewBratStreamReader(r io.Reader, name string, opt Options) *BratReader {
	base := strings.TrimSuffix(name, filepath.Ext(name))
	return &BratReader{pairs: []bratPair{{ann: name, txt: base + ".txt"}}, opt: opt, stream: r}
}

// Line implements Reader: brat problems name their own lines.
func (br *BratReader) Line() int { return 0 }

// File is the .ann file the last document came from.
func (br *BratReader) File() string { return br.file }

// Next implements Reader.
func (br *BratReader) Next() (*annotate.Document, error) {
	if br.next >= len(br.pairs) {
		return nil, io.EOF
	}
	p := br.pairs[br.next]
	br.next++
	br.file = p.ann
	textRoot := br.root
	if br.opt.TextDir != "" && br.root != "" {
		textRoot = br.opt.TextDir
	}
	max := br.opt.maxLine()
	text, err := readInputFile(p.txt, textRoot, max)
	if err != nil {
		var le *LineError
		if errors.As(err, &le) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: the text of %s: %w", p.txt, p.ann, err)
	}
	var ann []byte
	if br.next == 1 && br.stream != nil {
		if ann, err = io.ReadAll(io.LimitReader(br.stream, max+1)); err == nil && int64(len(ann)) > max {
			return nil, tooLong(p.ann, 0, "the file", max)
		}
	} else {
		ann, err = readInputFile(p.ann, br.root, max)
		if errors.Is(err, os.ErrNotExist) {
			ann, err = nil, nil // a text not annotated yet
		}
	}
	if err != nil {
		return nil, inputError(p.ann, err)
	}
	id := p.id
	if id == "" {
		id = DocumentID(p.ann)
	}
	d, err := parseBrat(id, p.txt, text, p.ann, ann, br.opt)
	if err != nil {
		return nil, err
	}
	d.Annotator = p.annotator
	return d, nil
}

type bratT struct {
	spans []int // indexes into d.Spans, one per fragment
}

// ParseBrat builds a document from a .txt and its .ann; the names are for
// messages and the document id (the .ann's name without extension).
func ParseBrat(txtName string, text []byte, annName string, ann []byte, opt Options) (*annotate.Document, error) {
	return parseBrat(DocumentID(annName), txtName, text, annName, ann, opt)
}

// parseBrat is ParseBrat for a document called id.
func parseBrat(id, txtName string, text []byte, annName string, ann []byte, opt Options) (*annotate.Document, error) {
	if bytes.HasPrefix(text, utf8BOM) {
		text = text[len(utf8BOM):]
		opt.warn("%s: dropped the UTF-8 byte order mark at the start", txtName)
	}
	if i := firstInvalidUTF8(text); i >= 0 {
		return nil, &LineError{File: txtName, Line: 1 + bytes.Count(text[:i], []byte("\n")), Msg: "not UTF-8 (convert the file to UTF-8 first)"}
	}
	ann = bytes.TrimPrefix(ann, utf8BOM)
	if i := firstInvalidUTF8(ann); i >= 0 {
		return nil, &LineError{File: annName, Line: 1 + bytes.Count(ann[:i], []byte("\n")), Msg: "not UTF-8"}
	}
	d := &annotate.Document{ID: id, Text: string(text)}
	n := d.Len()
	var u *annotate.UTF16Offsets
	if opt.UTF16 {
		// INCEpTION and other Java tools count UTF-16 units.
		u = d.UTF16()
		n = u.FromRune(n)
	}
	ts := map[string]bratT{}
	type rawRel struct {
		line            int
		label, from, to string
	}
	var rels []rawRel
	type rawNote struct {
		line         int
		target, note string
	}
	var notes []rawNote
	var events []rawEvent
	skipped := map[string]int{}
	unlinked := map[string]int{} // what named events gave no relation for
	discontinuous, multiline := 0, 0
	fail := func(line int, format string, args ...any) error {
		return &LineError{File: annName, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	lineNo := 0
	for rest := ann; len(rest) > 0; {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		lineNo++
		cr := bytes.HasSuffix(line, []byte("\r"))
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		fields := strings.SplitN(string(line), "\t", 3)
		id := fields[0]
		if len(fields) < 2 || id == "" {
			return nil, fail(lineNo, "want ID<TAB>annotation, found %q", truncate(string(line)))
		}
		switch id[0] {
		case 'T':
			typ, offs, ok := strings.Cut(fields[1], " ")
			if !ok || typ == "" {
				return nil, fail(lineNo, "%s: want TYPE START END", id)
			}
			if _, dup := ts[id]; dup {
				return nil, fail(lineNo, "%s defined twice", id)
			}
			var t bratT
			var parts []string
			for frag := range strings.SplitSeq(offs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(frag), " ")
				start, err1 := strconv.Atoi(a)
				end, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil {
					return nil, fail(lineNo, "%s: bad offsets %q (want START END, fragments separated by ';')", id, frag)
				}
				switch {
				case start < 0 || end < 0:
					return nil, fail(lineNo, "%s: offsets [%d,%d): an offset is negative", id, start, end)
				case start >= end:
					return nil, fail(lineNo, "%s: offsets [%d,%d): the start is not before the end", id, start, end)
				case end > n:
					unit := "code points"
					if u != nil {
						unit = "UTF-16 units"
					}
					return nil, fail(lineNo, "%s: offsets [%d,%d) past the end of the text (%d %s in %s)", id, start, end, n, unit, filepath.Base(txtName))
				}
				if u != nil {
					var ok1, ok2 bool
					start, ok1 = u.ToRune(start)
					end, ok2 = u.ToRune(end)
					if !ok1 || !ok2 {
						return nil, fail(lineNo, "%s: UTF-16 offset inside a surrogate pair", id)
					}
				}
				t.spans = append(t.spans, len(d.Spans))
				d.Spans = append(d.Spans, annotate.Span{Start: start, End: end, Label: typ})
				parts = append(parts, d.Slice(start, end))
			}
			if len(t.spans) > 1 {
				discontinuous++
			}
			if len(fields) == 3 {
				want := bratText(strings.Join(parts, " "))
				if got := bratText(fields[2]); got != want {
					n, lines, ok := continuedText(fields[2], cr, rest, want)
					if !ok {
						return nil, fail(lineNo, "%s: text %q does not match the text at its offsets: %q", id, truncate(fields[2]), truncate(want))
					}
					rest = rest[n:]
					lineNo += lines
					multiline++
				}
			}
			ts[id] = t
		case 'R':
			typ, args, _ := strings.Cut(fields[1], " ")
			var ends []string
			for a := range strings.FieldsSeq(args) {
				_, ref, ok := strings.Cut(a, ":")
				if !ok {
					return nil, fail(lineNo, "%s: want ROLE:ID arguments, found %q", id, a)
				}
				ends = append(ends, ref)
			}
			if typ == "" || len(ends) != 2 {
				return nil, fail(lineNo, "%s: want TYPE Arg1:ID Arg2:ID", id)
			}
			rels = append(rels, rawRel{lineNo, typ, ends[0], ends[1]})
		case '#':
			_, target, _ := strings.Cut(fields[1], " ")
			note := ""
			if len(fields) == 3 {
				note = fields[2]
			}
			notes = append(notes, rawNote{lineNo, strings.TrimSpace(target), note})
		case 'A', 'M':
			skipped["A (attribute)"]++
		case 'E':
			ev, err := parseBratEvent(id, fields[1])
			if err != nil {
				if len(opt.Events) == 0 {
					skipped["E (event; its trigger T is kept)"]++ // read as before: not looked into
					continue
				}
				return nil, fail(lineNo, "%s", err)
			}
			ev.line = lineNo
			events = append(events, ev)
		case '*':
			skipped["* (equivalence)"]++
		case 'N':
			skipped["N (normalisation)"]++
		default:
			return nil, fail(lineNo, "unknown annotation %q", id)
		}
	}
	if err := completeSpans(d, false); err != nil {
		return nil, err
	}
	for _, r := range rels {
		from, okFrom := ts[r.from]
		to, okTo := ts[r.to]
		if !okFrom || !okTo {
			if (okFrom || strings.HasPrefix(r.from, "T")) && (okTo || strings.HasPrefix(r.to, "T")) {
				return nil, fail(r.line, "relation to %s or %s: no such T annotation", r.from, r.to)
			}
			skipped["R between events"]++
			continue
		}
		d.Relations = append(d.Relations, annotate.Relation{Label: r.label, From: d.Spans[from.spans[0]].ID, To: d.Spans[to.spans[0]].ID})
	}
	for _, ev := range events {
		specs := 0
		for _, spec := range opt.Events {
			if spec.Type != ev.typ {
				continue
			}
			specs++
			froms, tos := ev.role(spec.From), ev.role(spec.To)
			if len(froms) == 0 || len(tos) == 0 {
				unlinked[fmt.Sprintf("%s event(s) without a %s or a %s", ev.typ, spec.From, spec.To)]++
				continue
			}
			for _, f := range froms {
				for _, t := range tos {
					if f == t {
						continue // one span in both roles links nothing
					}
					from, okFrom := ts[f]
					to, okTo := ts[t]
					if !okFrom || !okTo {
						if (okFrom || strings.HasPrefix(f, "T")) && (okTo || strings.HasPrefix(t, "T")) {
							return nil, fail(ev.line, "%s: argument %s or %s: no such T annotation", ev.id, f, t)
						}
						unlinked[ev.typ+" argument(s) that are events, not spans"]++
						continue
					}
					d.Relations = append(d.Relations, annotate.Relation{Label: spec.Relation, From: d.Spans[from.spans[0]].ID, To: d.Spans[to.spans[0]].ID})
				}
			}
		}
		if specs == 0 {
			skipped["E (event; its trigger T is kept)"]++
		}
	}
	for _, nt := range notes {
		t, ok := ts[nt.target]
		if !ok {
			skipped["# (note on "+string(nt.target[:min(1, len(nt.target))])+")"]++
			continue
		}
		for _, i := range t.spans {
			if s := &d.Spans[i]; s.Note == "" {
				s.Note = nt.note
			} else {
				s.Note += "\n" + nt.note
			}
		}
	}
	relationIDs(d)
	if multiline > 0 {
		opt.warn("%s: %d T annotation(s) have their text on several lines (its line breaks written as they are): read as one", annName, multiline)
	}
	if discontinuous > 0 {
		opt.warn("%s: %d discontinuous T annotation(s) became one span per fragment (relations and notes use the first)", annName, discontinuous)
	}
	if len(skipped) > 0 {
		opt.warn("%s: skipped %s: Gloss has no place for them", annName, countList(skipped))
	}
	if len(unlinked) > 0 {
		opt.warn("%s: --event made no relation of %s", annName, countList(unlinked))
	}
	warnDoc := func(format string, args ...any) { opt.warn("%s: %s", annName, fmt.Sprintf(format, args...)) }
	dedupSpans(d, warnDoc)
	dedupRelations(d, warnDoc)
	return d, nil
}

// BratEvent turns each brat event of Type into relations: one from each
// of its From arguments' spans to each of its To arguments' spans, labelled
// Relation (gloss import --event TYPE:FROMROLE>TOROLE=RELATION). A role
// with a digit suffix (Content2) is the same role (Content), so one event
// can give several relations. The event's trigger stays a span, as it is
// without the option.
type BratEvent struct {
	Type, From, To, Relation string
}

// ParseBratEvent reads an --event value, TYPE:FROMROLE>TOROLE=RELATION.
func ParseBratEvent(spec string) (BratEvent, error) {
	typ, rest, ok1 := strings.Cut(spec, ":")
	roles, rel, ok2 := strings.Cut(rest, "=")
	from, to, ok3 := strings.Cut(roles, ">")
	e := BratEvent{Type: typ, From: bratRole(from), To: bratRole(to), Relation: rel}
	if !ok1 || !ok2 || !ok3 || typ == "" || e.From == "" || e.To == "" || rel == "" ||
		strings.ContainsFunc(spec, unicode.IsSpace) {
		return BratEvent{}, fmt.Errorf("--event %q: want TYPE:FROMROLE>TOROLE=RELATION, as in Attribution:Content>Source=SAID_BY", spec)
	}
	return e, nil
}

// bratRole is an event role without its digit suffix: Content2 is Content.
func bratRole(role string) string { return strings.TrimRightFunc(role, unicode.IsDigit) }

// rawEvent is an E line: its type, trigger and role arguments.
type rawEvent struct {
	line    int
	id, typ string
	trigger string
	args    [][2]string // role (without digit suffix), id
}

// role is the ids of the event's arguments in role (any digit suffix).
func (e *rawEvent) role(role string) []string {
	var out []string
	for _, a := range e.args {
		if a[0] == role {
			out = append(out, a[1])
		}
	}
	return out
}

// parseBratEvent reads an E line's annotation: TYPE:TRIGGER ROLE:ID….
func parseBratEvent(id, annotation string) (rawEvent, error) {
	parts := strings.Fields(annotation)
	if len(parts) == 0 {
		return rawEvent{}, fmt.Errorf("%s: want TYPE:TRIGGER ROLE:ID…", id)
	}
	typ, trigger, ok := strings.Cut(parts[0], ":")
	if !ok || typ == "" {
		return rawEvent{}, fmt.Errorf("%s: want TYPE:TRIGGER first, found %q", id, parts[0])
	}
	if trigger == "" {
		return rawEvent{}, fmt.Errorf("%s: the event has no trigger", id)
	}
	e := rawEvent{id: id, typ: typ}
	for _, a := range parts[1:] {
		role, ref, ok := strings.Cut(a, ":")
		if !ok || role == "" || ref == "" {
			return rawEvent{}, fmt.Errorf("%s: want ROLE:ID arguments, found %q", id, a)
		}
		e.args = append(e.args, [2]string{bratRole(role), ref})
	}
	return e, nil
}

// countList says counts by kind: "2 A (attribute), 1 E (event)", kinds
// in order.
func countList(counts map[string]int) string {
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", counts[k], k)
	}
	return strings.Join(parts, ", ")
}

// continuedText reads on when a T line's text is only the start of the
// text at its offsets: some tools (PolNeAR's) write a text with line
// breaks as it is, so that it goes on over the next lines of the .ann. It
// takes lines from rest while they continue want (first is the T line's
// text, cr whether that line ended with a CR) and reports how many bytes
// and lines of rest make the text equal want; ok is false when no number
// of lines does, and then nothing is taken.
func continuedText(first string, cr bool, rest []byte, want string) (n, lines int, ok bool) {
	text := first
	if cr {
		text += "\r"
	}
	for n < len(rest) {
		next, _, found := bytes.Cut(rest[n:], []byte("\n"))
		n += len(next)
		if found {
			n++
		}
		lines++
		text += "\n" + string(next)
		got := bratText(strings.TrimSuffix(text, "\r"))
		if got == want {
			return n, lines, true
		}
		if !strings.HasPrefix(want, got) {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// bratText is a span text as a .ann line holds it: line breaks become
// spaces.
func bratText(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

func truncate(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// BratWriter writes each document as ID.txt and ID.ann in a folder (ids
// that are not safe file names are changed, with a warning), and at Close
// an annotation.conf naming the labels and relations, so that brat can
// show the folder. Suggestions are left out.
type BratWriter struct {
	dir    string
	opt    Options
	drops  spanDrops
	names  map[string]bool
	buf    []byte
	spanAt map[string]int
	labels []string
	rels   map[string][2]map[string]bool
	err    error
}

// NewBratWriter writes into the folder dir, which must exist.
func NewBratWriter(dir string, opt Options) *BratWriter {
	return &BratWriter{dir: dir, opt: opt, drops: spanDrops{format: "brat"}, names: map[string]bool{},
		spanAt: map[string]int{}, rels: map[string][2]map[string]bool{}}
}

// Write implements Writer.
func (bw *BratWriter) Write(d *annotate.Document) error {
	if bw.err != nil {
		return bw.err
	}
	name := safeFileName(d.ID)
	for k := 2; bw.names[name]; k++ {
		name = safeFileName(d.ID) + "-" + strconv.Itoa(k)
	}
	bw.names[name] = true
	if name != d.ID {
		bw.opt.warn("brat: document %q written as %s.txt (file names cannot hold every id)", d.ID, name)
	}
	kept := bw.drops.kept(d)
	off := offsetsOf(d, bw.opt.UTF16)
	buf := bw.buf[:0]
	for k, i := range kept {
		s := &d.Spans[i]
		buf = append(buf, 'T')
		buf = appendInt(buf, k+1)
		buf = append(buf, '\t')
		buf = append(buf, bratType(s.Label)...)
		buf = append(buf, ' ')
		buf = appendInt(buf, off.of(s.Start))
		buf = append(buf, ' ')
		buf = appendInt(buf, off.of(s.End))
		buf = append(buf, '\t')
		buf = append(buf, bratText(d.Slice(s.Start, s.End))...)
		buf = append(buf, '\n')
		bw.label(bratType(s.Label))
	}
	spanAt := spanNumbers(d, kept, bw.spanAt)
	n := 0
	for i := range d.Relations {
		r := &d.Relations[i]
		if !bw.drops.keptRelation(r, spanAt) {
			continue
		}
		n++
		buf = append(buf, 'R')
		buf = appendInt(buf, n)
		buf = append(buf, '\t')
		buf = append(buf, bratType(r.Label)...)
		buf = append(buf, " Arg1:T"...)
		buf = appendInt(buf, spanAt[r.From]+1)
		buf = append(buf, " Arg2:T"...)
		buf = appendInt(buf, spanAt[r.To]+1)
		buf = append(buf, "\t\n"...)
		bw.relation(bratType(r.Label), bratType(d.Spans[kept[spanAt[r.From]]].Label), bratType(d.Spans[kept[spanAt[r.To]]].Label))
	}
	n = 0
	for k, i := range kept {
		s := &d.Spans[i]
		if s.Note == "" {
			continue
		}
		n++
		buf = append(buf, '#')
		buf = appendInt(buf, n)
		buf = append(buf, "\tAnnotatorNotes T"...)
		buf = appendInt(buf, k+1)
		buf = append(buf, '\t')
		buf = append(buf, bratText(s.Note)...)
		buf = append(buf, '\n')
	}
	bw.buf = buf
	base := filepath.Join(bw.dir, name)
	for _, f := range []struct {
		ext  string
		data []byte
	}{{".txt", []byte(d.Text)}, {".ann", buf}} {
		if err := os.WriteFile(base+f.ext, f.data, 0o644); err != nil {
			bw.err = writeFileError(d.ID, name+f.ext, err)
			return bw.err
		}
	}
	return nil
}

// writeFileError says which document a folder writer could not write as
// which file, without the temporary folder's path (the user never sees it).
func writeFileError(id, file string, err error) error {
	var pe *iofs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("document %q: cannot write %s: %w", truncate(id), file, err)
}

// bratType is a label as a brat type: brat separates fields by white
// space, so white space in a label becomes '_'.
func bratType(l string) string {
	if !strings.ContainsFunc(l, unicode.IsSpace) {
		return l
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return '_'
		}
		return r
	}, l)
}

func (bw *BratWriter) label(l string) {
	if !slices.Contains(bw.labels, l) {
		bw.labels = append(bw.labels, l)
	}
}

func (bw *BratWriter) relation(name, from, to string) {
	r, ok := bw.rels[name]
	if !ok {
		r = [2]map[string]bool{{}, {}}
		bw.rels[name] = r
	}
	r[0][from], r[1][to] = true, true
}

// Close implements Writer: it writes annotation.conf.
func (bw *BratWriter) Close() error {
	bw.drops.warn(bw.opt)
	if bw.err != nil {
		return bw.err
	}
	ls := bw.opt.labels()
	var conf bytes.Buffer
	conf.WriteString("# Written by Gloss.\n[entities]\n")
	var labels []string
	for _, l := range ls.Labels {
		labels = append(labels, l.Name)
	}
	for _, l := range bw.labels {
		if !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	for _, l := range labels {
		conf.WriteString(l + "\n")
	}
	conf.WriteString("\n[relations]\n")
	var names []string
	ends := map[string][2][]string{}
	for _, r := range ls.Relations {
		names = append(names, r.Name)
		ends[r.Name] = [2][]string{r.From, r.To}
	}
	for name, r := range bw.rels {
		e := ends[name]
		if _, known := ends[name]; !known {
			names = append(names, name)
		}
		for k := range 2 {
			e[k] = slices.Clone(e[k]) // never append to the label set's own slices
			seen := make([]string, 0, len(r[k]))
			for l := range r[k] {
				seen = append(seen, l)
			}
			slices.Sort(seen)
			for _, l := range seen {
				if !slices.Contains(e[k], l) {
					e[k] = append(e[k], l)
				}
			}
		}
		ends[name] = e
	}
	slices.Sort(names[len(ls.Relations):])
	for _, name := range names {
		e := ends[name]
		fmt.Fprintf(&conf, "%s\tArg1:%s, Arg2:%s\n", name, strings.Join(e[0], "|"), strings.Join(e[1], "|"))
	}
	conf.WriteString("\n[events]\n\n[attributes]\n")
	return os.WriteFile(filepath.Join(bw.dir, "annotation.conf"), conf.Bytes(), 0o644)
}
