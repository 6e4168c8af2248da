package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"gloss/annotate"
)

// IndexEntry is what an index pass learns of one document of a native
// file without parsing it: where its line is, its id, its status and how
// many spans it has. It is enough to list a corpus and to find a document
// again (ParseNativeLine reads it when it is needed).
type IndexEntry struct {
	// Line is the 1-based line number; Offset and Size place the line in
	// the file, without its line ending (and without a byte order mark).
	Line   int
	Offset int64
	Size   int
	// ID is the document's id, or the default one a reader gives a
	// document without one (file name, dash, line number).
	ID string
	// Status is the top-level "status" string ("done"), "" without one.
	Status string
	// Spans is the number of elements of "spans", Suggested how many of
	// them say "suggested": true, Relations the number of elements of
	// "relations"; Choices is whether it has document labels.
	Spans, Suggested, Relations int
	Choices                     bool
}

// Indexer walks the lines of a native file, one IndexEntry at a time, at
// several hundred MB/s: it checks each line's outline (one JSON object, a
// string "text", valid UTF-8) and skims every value it does not need;
// the full checks are ParseNativeLine's, when the document is read.
type Indexer struct {
	lines *lineReader
	name  string
	base  string // the default id's prefix
	sc    scanner
	// line is the number of the line last read.
	line int
	// offset is where the reader started in the file.
	offset int64
	raw    []byte
}

// NewIndexer indexes r, a native file named name, read from byte offset
// (the first line's number being line+1): a caller that read the first
// lines itself goes on from there.
func NewIndexer(r io.Reader, name string, offset int64, line int) *Indexer {
	lines := newLineReader(r, name, DefaultMaxLine)
	lines.line = line // so that its errors count from the file's start
	return &Indexer{lines: lines, name: name, base: DocumentID(name), offset: offset, line: line}
}

// Next returns the next document's entry, io.EOF after the last. A line
// whose outline is wrong is a *LineError, and Next goes on with the next
// line at the following call.
func (ix *Indexer) Next() (IndexEntry, error) {
	for {
		line, err := ix.lines.next()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return IndexEntry{}, io.EOF
			}
			return IndexEntry{}, inputError(ix.name, err)
		}
		ix.line++
		e := IndexEntry{Line: ix.line, Offset: ix.offset + ix.lines.start, Size: len(line)}
		if ix.line == 1 && bytes.HasPrefix(line, utf8BOM) {
			line = line[len(utf8BOM):]
			e.Offset += int64(len(utf8BOM))
			e.Size -= len(utf8BOM)
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		ix.raw = line
		if !utf8.Valid(line) {
			return IndexEntry{}, &LineError{File: ix.name, Line: ix.line, Msg: fmt.Sprintf("invalid UTF-8 at byte %d", firstInvalidUTF8(line)+1)}
		}
		if err := ix.skimDocument(line, &e); err != nil {
			return IndexEntry{}, &LineError{File: ix.name, Line: ix.line, Msg: err.Error()}
		}
		if e.ID == "" {
			e.ID = ix.base + "-" + fmt.Sprint(ix.line)
		}
		return e, nil
	}
}

// Raw is the line of the entry Next returned last (valid until the next
// call): a caller that wants the document at once parses it from there.
func (ix *Indexer) Raw() []byte { return ix.raw }

// skimDocument reads the members of one line's object that an entry
// needs, skipping the others.
func (ix *Indexer) skimDocument(line []byte, e *IndexEntry) error {
	sc := &ix.sc
	sc.reset(line)
	hasText := false
	err := sc.document(func(key []byte) error {
		switch string(key) {
		case "id":
			if sc.peek() == '"' {
				id, err := sc.string()
				e.ID = id
				return err
			}
		case "text":
			if sc.peek() != '"' {
				return sc.fail(`"text" must be a string`)
			}
			hasText = true
			end, err := skimString(sc.data, sc.pos)
			sc.pos = end
			return err
		case "status":
			if sc.peek() == '"' {
				st, err := sc.rawString()
				e.Status = string(st)
				return err
			}
		case "spans":
			if sc.peek() == '[' {
				end, n, err := skimValue(sc.data, sc.pos)
				e.Suggested = countSuggested(sc.data[sc.pos:end])
				sc.pos, e.Spans = end, n
				return err
			}
		case "relations":
			if sc.peek() == '[' {
				end, n, err := skimValue(sc.data, sc.pos)
				sc.pos, e.Relations = end, n
				return err
			}
		case "choices":
			e.Choices = true
		}
		end, _, err := skimValue(sc.data, sc.pos)
		sc.pos = end
		return err
	})
	if err != nil {
		return err
	}
	if !hasText {
		return errors.New(`missing "text"`)
	}
	return nil
}

// countSuggested counts the members "suggested": true in raw, a spans
// array: one per suggested span (a note's text that quotes the key is
// escaped, \"suggested\", and does not count).
func countSuggested(raw []byte) int {
	key := []byte(`"suggested"`)
	n := 0
	for i := 0; ; {
		k := bytes.Index(raw[i:], key)
		if k < 0 {
			return n
		}
		j := i + k + len(key)
		if i+k > 0 && raw[i+k-1] == '\\' {
			i = j
			continue
		}
		for j < len(raw) && (raw[j] == ' ' || raw[j] == '\t' || raw[j] == '\r' || raw[j] == '\n' || raw[j] == ':') {
			j++
		}
		if bytes.HasPrefix(raw[j:], []byte("true")) {
			n++
		}
		i = j
	}
}

// errSkim is the message of a value the skimmer cannot walk; the full
// parse says exactly what is wrong.
var errSkim = errors.New("malformed JSON value")

// skimString returns the index after the string that starts with the
// quote at data[i], finding its closing quote with bytes.IndexByte (a
// quote preceded by an odd number of backslashes is escaped).
func skimString(data []byte, i int) (int, error) {
	for j := i + 1; ; {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return len(data), errors.New("unterminated string")
		}
		q := j + k
		bs := 0
		for p := q - 1; p > i && data[p] == '\\'; p-- {
			bs++
		}
		if bs%2 == 0 {
			return q + 1, nil
		}
		j = q + 1
	}
}

// skimValue returns the index after the JSON value at data[i:] (after
// white space) and, for an array, its number of elements. It follows
// strings and brackets, not the grammar of every token.
func skimValue(data []byte, i int) (int, int, error) {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
		i++
	}
	if i >= len(data) {
		return i, 0, errSkim
	}
	switch data[i] {
	case '"':
		end, err := skimString(data, i)
		return end, 0, err
	case '{', '[':
	default:
		for i < len(data) {
			switch data[i] {
			case ',', '}', ']', ' ', '\t', '\r', '\n':
				return i, 0, nil
			}
			i++
		}
		return i, 0, nil
	}
	array := data[i] == '['
	depth, commas, value := 0, 0, false
	for ; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			end, err := skimString(data, i)
			if err != nil {
				return end, 0, err
			}
			i = end - 1
			value = true
		case '{', '[':
			depth++
			if depth > 1 {
				value = true
			}
			if depth > 512 {
				return i, 0, errDepth
			}
		case '}', ']':
			depth--
			if depth == 0 {
				n := 0
				if array && value {
					n = commas + 1
				}
				return i + 1, n, nil
			}
		case ',':
			if depth == 1 {
				commas++
			}
		case ' ', '\t', '\r', '\n':
		default:
			value = true
		}
	}
	return i, 0, errSkim
}

// ParseNativeLine parses one line of a native file, line number lineNo
// of the file name, as NativeReader would have: the same document (the
// same default ids) and the same *LineError on a bad line.
func ParseNativeLine(line []byte, name string, lineNo int, opt Options) (*annotate.Document, error) {
	nr := nativeParser(name, opt)
	nr.line = lineNo
	d, err := nr.decode(line)
	if err == nil && d == nil {
		return nil, &LineError{File: name, Line: lineNo, Msg: "blank line: the file changed since it was read"}
	}
	return d, err
}
