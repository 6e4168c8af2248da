package export

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"gloss/annotate"
)

func init() {
	Register(&Format{
		Name:        "text",
		Description: "Plain UTF-8 text: the whole file is one document",
		Extension:   ".txt",
		NewReader:   func(r io.Reader, name string, opt Options) Reader { return &textReader{r: r, name: name, opt: opt} },
		NewWriter:   func(w io.Writer, opt Options) Writer { return &textWriter{w: w} },
	})
}

// DocumentID is the id of a document read from a file of its own: the file
// name without folder and extension.
func DocumentID(name string) string {
	base := filepath.Base(name)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// textReader reads a whole plain-text file as one document, byte for byte:
// CRLF, odd spacing and trailing text are all kept. A leading UTF-8 byte
// order mark is an encoding signature, not text, and is dropped (with a
// warning), as Python's utf-8-sig and every rival do; text that is not
// UTF-8 is an error, never mojibake.
type textReader struct {
	r    io.Reader
	name string
	opt  Options
	done bool
}

func (t *textReader) Line() int { return 1 }

func (t *textReader) Next() (*annotate.Document, error) {
	if t.done {
		return nil, io.EOF
	}
	t.done = true
	data, err := io.ReadAll(io.LimitReader(t.r, t.opt.maxLine()+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.name, err)
	}
	if int64(len(data)) > t.opt.maxLine() {
		return nil, tooLong(t.name, 0, "the text", t.opt.maxLine())
	}
	if bytes.HasPrefix(data, utf8BOM) {
		data = data[len(utf8BOM):]
		t.opt.warn("%s: dropped the UTF-8 byte order mark at the start", t.name)
	}
	if i := firstInvalidUTF8(data); i >= 0 {
		line := 1 + bytes.Count(data[:i], []byte("\n"))
		col := i - bytes.LastIndexByte(data[:i], '\n')
		return nil, &LineError{File: t.name, Line: line,
			Msg: fmt.Sprintf("not UTF-8: invalid byte %#x at column %d (convert the file to UTF-8 first)", data[i], col)}
	}
	return &annotate.Document{ID: DocumentID(t.name), Text: string(data)}, nil
}

// textWriter writes each document's text, documents separated by a blank
// line when there are several.
type textWriter struct {
	w io.Writer
	n int
}

func (t *textWriter) Write(d *annotate.Document) error {
	if t.n > 0 {
		if _, err := io.WriteString(t.w, "\n\n"); err != nil {
			return err
		}
	}
	t.n++
	_, err := io.WriteString(t.w, d.Text)
	return err
}

func (t *textWriter) Close() error { return nil }
