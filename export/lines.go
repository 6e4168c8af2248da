package export

import (
	"bufio"
	"errors"
	"io"
	"unicode/utf8"
)

// lineReader hands out the lines of an input one at a time, without their
// line ending, reusing one buffer. A line longer than max is a *LineError
// (see tooLong) and is skipped without being held: the next call reads on.
type lineReader struct {
	r    *bufio.Reader
	name string // for errors
	max  int64
	buf  []byte
	line int // number of the line last returned, 1-based
	err  error
	// pos counts the bytes read, line endings included; start and size
	// place the line last returned (without its ending), so that it can be
	// read again from a seekable file.
	pos, start int64
	size       int
}

// newLineReader reads r, named name, through a 64 KiB buffer: long lines
// are put together from several reads, up to max bytes, and a
// *bufio.Reader of that size (as Open makes) is used as it is rather than
// buffered twice.
func newLineReader(r io.Reader, name string, max int64) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), name: name, max: max}
}

// next returns the next line, valid until the following call, or an error
// (io.EOF at the end).
func (l *lineReader) next() ([]byte, error) {
	if l.err != nil {
		return nil, l.err
	}
	frag, err := l.r.ReadSlice('\n')
	line := frag
	if errors.Is(err, bufio.ErrBufferFull) {
		l.buf = append(l.buf[:0], frag...)
		for errors.Is(err, bufio.ErrBufferFull) {
			frag, err = l.r.ReadSlice('\n')
			if int64(len(l.buf)+len(frag)) > l.max+2 { // +2: the line ending
				return nil, l.skipLong(int64(len(l.buf)+len(frag)), err)
			}
			l.buf = append(l.buf, frag...)
		}
		line = l.buf
	}
	if err != nil && !errors.Is(err, io.EOF) {
		l.err = err
		return nil, err
	}
	if len(line) == 0 && err != nil {
		l.err = io.EOF
		return nil, io.EOF
	}
	if err != nil {
		l.err = io.EOF // the last line had no newline; report EOF next time
	}
	l.line++
	l.start = l.pos
	l.pos += int64(len(line))
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
		if n > 0 && line[n-1] == '\r' {
			n--
		}
	}
	l.size = n
	if int64(n) > l.max {
		return nil, tooLong(l.name, l.line, "the line", l.max)
	}
	return line[:n], nil
}

// skipLong reads past the rest of a line found longer than the limit
// (read bytes so far, err of the last read), holding none of it, and
// returns its error.
func (l *lineReader) skipLong(read int64, err error) error {
	for errors.Is(err, bufio.ErrBufferFull) {
		var frag []byte
		frag, err = l.r.ReadSlice('\n')
		read += int64(len(frag))
	}
	l.buf = nil // let a big buffer go
	if err != nil && !errors.Is(err, io.EOF) {
		l.err = err
		return err
	}
	if err != nil {
		l.err = io.EOF
	}
	l.line++
	l.start = l.pos
	l.pos += read
	l.size = 0
	return tooLong(l.name, l.line, "the line", l.max)
}

// firstInvalidUTF8 returns the byte offset of the first invalid UTF-8
// sequence in b, or -1.
func firstInvalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}
