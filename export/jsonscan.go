package export

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"gloss/annotate"
)

// scanner is a small JSON tokenizer over one line of input. encoding/json
// decodes about three times slower than the 100 MB/s that Gloss's readers
// aim for (see docs/performance.md); the native format's shape is fixed, so
// its readers walk the bytes directly and allocate only the strings they
// keep. The input must be valid UTF-8 (callers check the line first).
type scanner struct {
	data []byte
	pos  int
	// scratch is reused for strings that contain escapes.
	scratch []byte
	// arena holds the strings kept from the current line (see keep),
	// when useArena is set.
	arena    []byte
	useArena bool
	// labels interns label names (see label).
	labels map[string]string
	// spans is reused to gather a native document's spans (see
	// parseNativeDoc).
	spans []annotate.Span
}

// syntaxError is a JSON error at a byte offset of the line.
type syntaxError struct {
	msg string
	col int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("column %d: %s", e.col, e.msg) }

func (s *scanner) fail(format string, args ...any) error {
	return &syntaxError{msg: fmt.Sprintf(format, args...), col: s.pos + 1}
}

func (s *scanner) reset(data []byte) { s.data, s.pos, s.arena, s.useArena = data, 0, nil, false }

// resetDocument is reset for a line whose strings are nearly all kept (a
// native document): they go to one arena (see keep).
func (s *scanner) resetDocument(data []byte) {
	s.reset(data)
	s.useArena = true
}

func (s *scanner) ws() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte without consuming it, or 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

func (s *scanner) expect(c byte) error {
	if s.peek() != c {
		if s.pos >= len(s.data) {
			return s.fail("unexpected end of line, want %q", c)
		}
		return s.fail("want %q, found %q", c, s.data[s.pos])
	}
	s.pos++
	return nil
}

// end checks that only white space is left.
func (s *scanner) end() error {
	if s.peek() != 0 {
		return s.fail("unexpected %q after the JSON object", s.data[s.pos])
	}
	return nil
}

// object walks the members of an object, calling member with each key
// (valid only during the call) with the scanner positioned at its value;
// member must consume the value. A key given twice is an error: JSON
// decoders differ on which value wins (encoding/json keeps the last, some
// the first), so a file that holds both means two things.
func (s *scanner) object(member func(key []byte) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	if s.peek() == '}' {
		s.pos++
		return nil
	}
	var small [16][]byte // the keys so far, without allocating for most objects
	seen := small[:0]
	var many map[string]bool // past len(small) keys, so that the check stays linear
	for {
		at := s.pos
		key, err := s.rawString()
		if err != nil {
			return err
		}
		if many != nil {
			if many[string(key)] {
				return s.duplicateKey(key, at)
			}
			many[string(key)] = true
		} else {
			for _, k := range seen {
				if bytes.Equal(k, key) {
					return s.duplicateKey(key, at)
				}
			}
			k := key
			if len(key) > 0 && len(s.scratch) > 0 && &key[0] == &s.scratch[0] {
				k = bytes.Clone(key) // decoded into scratch, which the next string reuses
			}
			if seen = append(seen, k); len(seen) == len(small) {
				many = make(map[string]bool, 2*len(small))
				for _, k := range seen {
					many[string(k)] = true
				}
			}
		}
		if err := s.expect(':'); err != nil {
			return err
		}
		s.ws()
		if err := member(key); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case '}':
			s.pos++
			return nil
		case 0:
			return s.fail("unexpected end of line in an object")
		default:
			return s.fail("want ',' or '}', found %q", s.data[s.pos])
		}
	}
}

// duplicateKey is the error of a key an object already has.
func (s *scanner) duplicateKey(key []byte, at int) error {
	return &syntaxError{msg: fmt.Sprintf("key %q given twice in one object (which value is meant?)", truncate(string(key))), col: at + 1}
}

// document walks the members of a line's one top-level object, as object
// does, and checks that nothing but white space follows it.
func (s *scanner) document(member func(key []byte) error) error {
	if err := s.object(member); err != nil {
		return err
	}
	return s.end()
}

// array walks the elements of an array; elem must consume each element.
func (s *scanner) array(elem func() error) error {
	if err := s.expect('['); err != nil {
		return err
	}
	if s.peek() == ']' {
		s.pos++
		return nil
	}
	for {
		s.ws()
		if err := elem(); err != nil {
			return err
		}
		switch s.peek() {
		case ',':
			s.pos++
		case ']':
			s.pos++
			return nil
		case 0:
			return s.fail("unexpected end of line in an array")
		default:
			return s.fail("want ',' or ']', found %q", s.data[s.pos])
		}
	}
}

// rawString reads a string and returns its decoded bytes, which are valid
// only until the next call (they may alias the input or the scratch buffer).
func (s *scanner) rawString() ([]byte, error) {
	if s.peek() != '"' {
		if s.pos >= len(s.data) {
			return nil, s.fail("unexpected end of line, want a string")
		}
		return nil, s.fail("want a string, found %q", s.data[s.pos])
	}
	s.pos++
	start := s.pos
	for i := start + plainRun(s.data[start:], false); i < len(s.data); i++ {
		c := s.data[i]
		if c == '"' {
			s.pos = i + 1
			return s.data[start:i], nil
		}
		if c == '\\' {
			s.pos = i
			return s.escapedString(start)
		}
		if c < 0x20 {
			s.pos = i
			return nil, s.fail("control character %#x in a string", c)
		}
	}
	s.pos = len(s.data)
	return nil, s.fail("unterminated string")
}

func (s *scanner) escapedString(start int) ([]byte, error) {
	buf := append(s.scratch[:0], s.data[start:s.pos]...)
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			s.pos++
			s.scratch = buf
			return buf, nil
		case c < 0x20:
			return nil, s.fail("control character %#x in a string", c)
		case c != '\\':
			// Copy the run up to the next quote, escape or control byte
			// at once: long texts have few escapes.
			end := s.pos + 1 + plainRun(s.data[s.pos+1:], false)
			buf = append(buf, s.data[s.pos:end]...)
			s.pos = end
			continue
		}
		if s.pos+1 >= len(s.data) {
			return nil, s.fail("unterminated string")
		}
		e := s.data[s.pos+1]
		s.pos += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := s.hex4()
			if !ok {
				return nil, s.fail("bad \\u escape")
			}
			if utf16.IsSurrogate(r) {
				// A pair when a low surrogate follows. A lone one is an
				// error: encoding/json makes it U+FFFD, which would change
				// the text (and every offset after it in UTF-16) silently.
				at := s.pos - 6
				ok := false
				if s.pos+1 < len(s.data) && s.data[s.pos] == '\\' && s.data[s.pos+1] == 'u' {
					s.pos += 2
					r2, ok2 := s.hex4()
					if !ok2 {
						return nil, s.fail("bad \\u escape")
					}
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						r, ok = d, true
					}
				}
				if !ok {
					return nil, &syntaxError{msg: fmt.Sprintf("\\u%04x is half of a UTF-16 surrogate pair without its other half: no character (fix the program that wrote it)", r), col: at + 1}
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			s.pos -= 2
			return nil, s.fail("bad escape \\%c", e)
		}
	}
	return nil, s.fail("unterminated string")
}

func (s *scanner) hex4() (rune, bool) {
	if s.pos+4 > len(s.data) {
		return 0, false
	}
	var r rune
	for _, c := range s.data[s.pos : s.pos+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	s.pos += 4
	return r, true
}

// string reads a string value as a Go string.
func (s *scanner) string() (string, error) {
	b, err := s.rawString()
	if err != nil || len(b) == 0 {
		return "", err
	}
	if !s.useArena {
		return string(b), nil
	}
	return s.keep(b), nil
}

// ownString reads a string into an allocation of its own, even after
// resetDocument: for a string that may outlive its document.
func (s *scanner) ownString() (string, error) {
	b, err := s.rawString()
	return string(b), err
}

// keep copies b into the arena and returns it as a string. The strings of
// one line (a document's id, text, span ids and texts: some forty of them)
// share one allocation the size of the line, which no decoded string can
// outgrow, instead of one allocation each; the arena is only ever
// appended to, so the strings never change, and each resetDocument starts
// a new one, so a document keeps only its own line's bytes alive. Readers
// that keep a few strings of a line (the index keeps an id) use reset,
// which copies each string on its own, so as not to hold whole lines; so
// does a document's id (ownString). Code that holds on to a span's text
// or id without its document should keep a strings.Clone of it.
func (s *scanner) keep(b []byte) string {
	if cap(s.arena)-len(s.arena) < len(b) {
		s.arena = make([]byte, 0, max(len(b), len(s.data)-s.pos+len(b)))
	}
	start := len(s.arena)
	s.arena = append(s.arena, b...)
	return unsafe.String(&s.arena[start], len(b))
}

// label reads a string that is one of few values (a label name), sharing
// one copy of each: a corpus has millions of spans but a handful of labels.
func (s *scanner) label() (string, error) {
	b, err := s.rawString()
	if err != nil {
		return "", err
	}
	if l, ok := s.labels[string(b)]; ok {
		return l, nil
	}
	l := string(b)
	if s.labels == nil {
		s.labels = map[string]string{}
	}
	if len(s.labels) < 1024 {
		s.labels[l] = l
	}
	return l, nil
}

// maxWhole is the largest whole number int reads, either way: 2^53, the
// last one a float64 (so JavaScript, and Python's json with floats) holds
// exactly, or less where int is narrower (32-bit systems).
const maxWhole = min(1<<53, math.MaxInt)

// maxWholeText says maxWhole in the out-of-range message.
func maxWholeText() string {
	if maxWhole == 1<<53 {
		return "2^53 = 9007199254740992"
	}
	return strconv.Itoa(maxWhole)
}

// int reads an integer value. Numbers with a fraction or exponent are
// accepted when they are whole ("3.0", "1e3").
func (s *scanner) int() (int, error) {
	s.ws()
	start := s.pos
	if s.pos < len(s.data) && s.data[s.pos] == '-' {
		s.pos++
	}
	n, neg, simple := 0, s.pos > start, true
	digits := s.pos
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		if c >= '0' && c <= '9' {
			if n > maxWhole/10 {
				simple = false
			}
			n = n*10 + int(c-'0')
			s.pos++
			continue
		}
		if c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-' {
			simple = false
			s.pos++
			continue
		}
		break
	}
	if s.pos == digits {
		s.pos = start
		if s.pos >= len(s.data) {
			return 0, s.fail("unexpected end of line, want a number")
		}
		return 0, s.fail("want a number, found %q", s.data[s.pos])
	}
	if simple {
		if neg {
			n = -n
		}
		return n, nil
	}
	f, err := strconv.ParseFloat(string(s.data[start:s.pos]), 64)
	var numErr *strconv.NumError
	switch {
	case errors.As(err, &numErr) && errors.Is(numErr.Err, strconv.ErrRange),
		err == nil && f == math.Trunc(f) && (f > maxWhole || f < -maxWhole):
		return 0, &syntaxError{msg: fmt.Sprintf("%s is out of range (whole numbers here are at most %s either way)", truncate(string(s.data[start:s.pos])), maxWholeText()), col: start + 1}
	case err != nil || f != math.Trunc(f):
		return 0, &syntaxError{msg: fmt.Sprintf("%s is not a whole number", truncate(string(s.data[start:s.pos]))), col: start + 1}
	}
	return int(f), nil
}

// bool reads true or false.
func (s *scanner) bool() (bool, error) {
	s.ws()
	switch {
	case bytes.HasPrefix(s.data[s.pos:], []byte("true")):
		s.pos += 4
		return true, nil
	case bytes.HasPrefix(s.data[s.pos:], []byte("false")):
		s.pos += 5
		return false, nil
	}
	return false, s.fail("want true or false")
}

// null consumes a null if one is next and reports whether it did.
func (s *scanner) null() bool {
	s.ws()
	if bytes.HasPrefix(s.data[s.pos:], []byte("null")) {
		s.pos += 4
		return true
	}
	return false
}

var errDepth = errors.New("JSON nested too deeply")

// skip consumes any value and returns its raw bytes (aliasing the input).
func (s *scanner) skip() ([]byte, error) {
	s.ws()
	start := s.pos
	if err := s.skipValue(0); err != nil {
		return nil, err
	}
	return s.data[start:s.pos], nil
}

func (s *scanner) skipValue(depth int) error {
	if depth > 512 {
		return s.fail("%v", errDepth)
	}
	switch c := s.peek(); {
	case c == '{':
		return s.object(func([]byte) error { return s.skipValue(depth + 1) })
	case c == '[':
		return s.array(func() error { return s.skipValue(depth + 1) })
	case c == '"':
		_, err := s.rawString()
		return err
	case c == 't' || c == 'f':
		_, err := s.bool()
		return err
	case c == 'n':
		if s.null() {
			return nil
		}
		return s.fail("want a value")
	case c == '-' || (c >= '0' && c <= '9'):
		return s.number()
	case c == 0:
		return s.fail("unexpected end of line, want a value")
	default:
		return s.fail("want a value, found %q", c)
	}
}

// number consumes a JSON number, checking its grammar.
func (s *scanner) number() error {
	start := s.pos
	i := s.pos
	if i < len(s.data) && s.data[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(s.data) && s.data[i] >= '0' && s.data[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if digits() == 0 {
		s.pos = start
		return s.fail("malformed number")
	}
	if i < len(s.data) && s.data[i] == '.' {
		i++
		if digits() == 0 {
			s.pos = start
			return s.fail("malformed number")
		}
	}
	if i < len(s.data) && (s.data[i] == 'e' || s.data[i] == 'E') {
		i++
		if i < len(s.data) && (s.data[i] == '+' || s.data[i] == '-') {
			i++
		}
		if digits() == 0 {
			s.pos = start
			return s.fail("malformed number")
		}
	}
	s.pos = i
	return nil
}

// compactRaw returns raw JSON with insignificant white space removed, so
// that kept values are written back the same way whatever their input
// layout.
func compactRaw(raw []byte) []byte {
	if bytes.IndexAny(raw, " \t\r\n") < 0 {
		return bytes.Clone(raw)
	}
	var out bytes.Buffer
	out.Grow(len(raw))
	inString, escaped := false, false
	for _, c := range raw {
		if inString {
			out.WriteByte(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '"':
			inString = true
		}
		out.WriteByte(c)
	}
	return out.Bytes()
}

// plainRun returns the length of the longest prefix of b without '"', '\\'
// or a control byte (below 0x20), and, when nonASCII is set, without a
// byte of 0x80 or more: the bytes that a JSON string holds as they are
// (or, with nonASCII, that appendString copies without a look). It looks
// at eight bytes at a time: most of a text is such bytes.
func plainRun[T string | []byte](b T, nonASCII bool) int {
	const (
		ones   = 0x0101010101010101
		highs  = 0x8080808080808080
		quotes = '"' * ones
		slashs = '\\' * ones
	)
	stop := uint64(0)
	if nonASCII {
		stop = highs
	}
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := uint64(b[i]) | uint64(b[i+1])<<8 | uint64(b[i+2])<<16 | uint64(b[i+3])<<24 |
			uint64(b[i+4])<<32 | uint64(b[i+5])<<40 | uint64(b[i+6])<<48 | uint64(b[i+7])<<56
		// A byte's high bit is set in m where the byte is below 0x20, is
		// a quote or a backslash (a zero after the xor), or is 0x80 or
		// more when those stop the run. Borrows can only mark bytes above
		// a marked one, so the lowest mark is exact.
		m := (w - 0x20*ones) &^ w & highs
		m |= ((w ^ quotes) - ones) &^ (w ^ quotes) & highs
		m |= ((w ^ slashs) - ones) &^ (w ^ slashs) & highs
		m |= w & stop
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		c := b[i]
		if c < 0x20 || c == '"' || c == '\\' || nonASCII && c >= 0x80 {
			break
		}
	}
	return i
}
