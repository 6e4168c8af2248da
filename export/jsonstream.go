package export

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// valueStream cuts a stream into top-level JSON objects without holding
// more than one in memory: either the elements of one big array (how Label
// Studio exports) or objects one after another (JSONL, or pretty-printed
// objects back to back). It tracks lines so that errors can name them.
type valueStream struct {
	r       *bufio.Reader
	line    int // current line, 1-based
	started bool
	array   bool
	done    bool
	buf     []byte
	// max bounds one object's size; an object past it ends the stream
	// with errObjectTooLong.
	max int64
}

// errObjectTooLong is the error of an object longer than the stream's max.
var errObjectTooLong = errors.New("object too long")

func newValueStream(r io.Reader, max int64) *valueStream {
	return &valueStream{r: bufio.NewReaderSize(r, 64<<10), line: 1, max: max}
}

// skipSpace consumes white space and returns the next byte without
// consuming it (0 and io.EOF at the end).
func (v *valueStream) skipSpace() (byte, error) {
	for {
		c, err := v.r.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case '\n':
			v.line++
		case ' ', '\t', '\r':
		default:
			v.r.UnreadByte()
			return c, nil
		}
	}
}

// next returns the next object's bytes (valid until the following call)
// and the line it starts on; io.EOF after the last. Errors are
// *LineError-ready: their line is v.line.
func (v *valueStream) next() ([]byte, int, error) {
	if v.done {
		return nil, v.line, io.EOF
	}
	if !v.started {
		v.started = true
		// A byte order mark is an encoding signature, not content.
		if b, err := v.r.Peek(3); err == nil && string(b) == string(utf8BOM) {
			v.r.Discard(3)
		}
		c, err := v.skipSpace()
		if errors.Is(err, io.EOF) {
			v.done = true
			return nil, v.line, io.EOF
		}
		if err != nil {
			return nil, v.line, err
		}
		if c == '[' {
			v.array = true
			v.r.ReadByte()
			if c, err = v.skipSpace(); err == nil && c == ']' {
				v.r.ReadByte()
				return v.finish()
			}
		}
	} else if v.array {
		c, err := v.skipSpace()
		if err != nil {
			return nil, v.line, errors.New("unexpected end of file inside the array of tasks")
		}
		v.r.ReadByte()
		switch c {
		case ']':
			return v.finish()
		case ',':
		default:
			return nil, v.line, fmt.Errorf("want ',' or ']' between tasks, found %q", c)
		}
	}
	c, err := v.skipSpace()
	if errors.Is(err, io.EOF) {
		if v.array {
			return nil, v.line, errors.New("unexpected end of file inside the array of tasks")
		}
		v.done = true
		return nil, v.line, io.EOF
	}
	if err != nil {
		return nil, v.line, err
	}
	if c != '{' {
		return nil, v.line, fmt.Errorf("want a JSON object, found %q", c)
	}
	start := v.line
	v.buf = v.buf[:0]
	depth, inString, escaped := 0, false, false
	for {
		// Scan what is buffered in place, a chunk at a time.
		if v.r.Buffered() == 0 {
			if _, err := v.r.Peek(1); err != nil {
				if errors.Is(err, io.EOF) {
					return nil, v.line, errors.New("unexpected end of file inside an object")
				}
				return nil, v.line, err
			}
		}
		chunk, _ := v.r.Peek(v.r.Buffered())
		i, done := 0, false
		for i < len(chunk) && !done {
			c := chunk[i]
			i++
			if inString {
				switch {
				case escaped:
					escaped = false
				case c == '\\':
					escaped = true
				case c == '"':
					inString = false
				default:
					// Skip to the next quote or backslash.
					if k := bytes.IndexAny(chunk[i:], `"\`); k >= 0 {
						i += k
					} else {
						i = len(chunk)
					}
				}
				continue
			}
			switch c {
			case '"':
				inString = true
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				done = depth == 0
			}
		}
		if int64(len(v.buf)+i) > v.max {
			v.done = true
			v.line = start
			return nil, start, errObjectTooLong
		}
		v.buf = append(v.buf, chunk[:i]...)
		v.line += bytes.Count(chunk[:i], []byte("\n"))
		v.r.Discard(i)
		if done {
			return v.buf, start, nil
		}
	}
}

// finish checks that nothing but white space follows the array.
func (v *valueStream) finish() ([]byte, int, error) {
	v.done = true
	if c, err := v.skipSpace(); err == nil {
		return nil, v.line, fmt.Errorf("unexpected %q after the array of tasks", c)
	}
	return nil, v.line, io.EOF
}
