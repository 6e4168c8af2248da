package learn

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"strconv"
	"strings"
)

// Version is the model file version this Gloss writes and reads.
const Version = 1

// magic starts every model file, followed by the version and a line break.
const magic = "gloss-model "

// Meta says what a model learned from. It is stored in the model file as
// one JSON line, so `head -2 MODEL` shows it.
type Meta struct {
	// Documents is how many documents held accepted spans.
	Documents int `json:"documents"`
	// Spans counts the accepted spans learned from, by label. A label with
	// no spans is left to the rules.
	Spans map[string]int `json:"spans"`
	// SaidBy counts the quotes and claims learned from by the speaker
	// ranker (with their SAID_BY, or with none).
	SaidBy int `json:"said_by"`
	// Tokens is how many tokens the tagger read.
	Tokens int `json:"tokens"`
}

// Total is the number of spans learned from, all labels together.
func (m Meta) Total() int {
	n := 0
	for _, c := range m.Spans {
		n += c
	}
	return n
}

// Model is a trained tagger and speaker ranker. The zero Model knows
// nothing; Train makes one, Read loads one.
type Model struct {
	Meta   Meta
	tagger weights // width tagWidth: for each label, the scores of O, B, I
	ranker weights // width 1: a candidate speaker's score
}

// table maps feature hashes to rows of weights while they are learned
// (trainer); a trained model keeps them as weights.
type table struct {
	index map[uint64]int32
	w     []float32 // row i is w[i*width : (i+1)*width]
	width int
}

func newTable(width int) table { return table{index: map[uint64]int32{}, width: width} }

// score adds the rows of the features to out (len width).
func (t *table) score(feats []uint64, out []float32) {
	for _, h := range feats {
		if i, ok := t.index[h]; ok {
			row := t.w[int(i)*t.width : int(i+1)*t.width]
			for k := range out {
				out[k] += row[k]
			}
		}
	}
}

// scorer is a table or weights: what tag and rank score with.
type scorer interface {
	score(feats []uint64, out []float32)
}

// Write writes the model: the header line "gloss-model 1", the Meta as a
// JSON line, then the weights (little-endian: count, then hash and row of
// each feature in hash order, tagger then ranker) and a CRC-32 of all that
// precedes it. The same model gives the same bytes.
func (m *Model) Write(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s%d\n", magic, Version)
	meta, err := json.Marshal(m.Meta)
	if err != nil {
		return err
	}
	b.Write(meta)
	b.WriteByte('\n')
	for _, t := range []*weights{&m.tagger, &m.ranker} {
		writeTable(&b, t)
	}
	binary.Write(&b, binary.LittleEndian, crc32.ChecksumIEEE(b.Bytes()))
	_, err = w.Write(b.Bytes())
	return err
}

func writeTable(b *bytes.Buffer, t *weights) {
	keys := t.keys()
	var buf [8]byte
	binary.LittleEndian.PutUint32(buf[:4], uint32(len(keys)))
	b.Write(buf[:4])
	for _, h := range keys {
		binary.LittleEndian.PutUint64(buf[:], h)
		b.Write(buf[:])
		for _, x := range t.row(h) {
			binary.LittleEndian.PutUint32(buf[:4], math.Float32bits(x))
			b.Write(buf[:4])
		}
	}
}

// ErrNotModel is wrapped by Read's error for a file that is no Gloss model.
var ErrNotModel = errors.New("not a Gloss model")

// maxModelBytes bounds what Read accepts, so that a wrong file (a corpus,
// a disk image) fails fast instead of filling memory.
const maxModelBytes = 1 << 30

// Read loads a model written by Write. Its errors start with the line
// they concern ("1: not a Gloss model (it starts with …)"), for the caller
// to put the file name in front.
func Read(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxModelBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxModelBytes {
		return nil, fmt.Errorf("1: %w (larger than %d MB)", ErrNotModel, maxModelBytes>>20)
	}
	nl := bytes.IndexByte(data, '\n')
	head := data
	if nl >= 0 {
		head = data[:nl]
	}
	if !bytes.HasPrefix(head, []byte(magic)) {
		return nil, fmt.Errorf("1: %w (it starts with %q; `gloss learn -o MODEL FILE...` makes one)", ErrNotModel, preview(head))
	}
	v, err := strconv.Atoi(string(head[len(magic):]))
	if err != nil || nl < 0 {
		return nil, fmt.Errorf("1: %w (bad version %q)", ErrNotModel, preview(head[len(magic):]))
	}
	if v != Version {
		return nil, fmt.Errorf("1: model version %d; this Gloss reads version %d (learn the model again with this Gloss)", v, Version)
	}
	rest := data[nl+1:]
	nl2 := bytes.IndexByte(rest, '\n')
	if nl2 < 0 {
		return nil, errors.New("2: damaged model: no description line")
	}
	m := &Model{}
	if err := json.Unmarshal(rest[:nl2], &m.Meta); err != nil {
		return nil, fmt.Errorf("2: damaged model: %v", err)
	}
	body := rest[nl2+1:]
	if len(body) < 4 {
		return nil, errors.New("3: damaged model: truncated")
	}
	sum := binary.LittleEndian.Uint32(body[len(body)-4:])
	if crc32.ChecksumIEEE(data[:len(data)-4]) != sum {
		return nil, errors.New("3: damaged model: checksum mismatch (truncated or changed)")
	}
	body = body[:len(body)-4]
	var tagger, ranker weights
	if tagger, body, err = readTable(body, tagWidth); err == nil {
		ranker, body, err = readTable(body, 1)
	}
	if err == nil && len(body) != 0 {
		err = fmt.Errorf("%d bytes after the weights", len(body))
	}
	if err != nil {
		return nil, fmt.Errorf("3: damaged model: %v", err)
	}
	m.tagger, m.ranker = tagger, ranker
	return m, nil
}

func readTable(b []byte, width int) (weights, []byte, error) {
	if len(b) < 4 {
		return weights{}, b, errors.New("truncated")
	}
	n := int(binary.LittleEndian.Uint32(b))
	b = b[4:]
	rowBytes := 8 + 4*width
	if n > len(b)/rowBytes {
		return weights{}, b, fmt.Errorf("%d features announced, room for %d", n, len(b)/rowBytes)
	}
	t := newWeights(width, n)
	row := make([]float32, width)
	for range n {
		h := binary.LittleEndian.Uint64(b)
		if h&1 == 0 {
			return t, b, fmt.Errorf("feature %x malformed", h)
		}
		for k := range row {
			x := math.Float32frombits(binary.LittleEndian.Uint32(b[8+4*k:]))
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				return t, b, fmt.Errorf("weight of feature %x is %v", h, x)
			}
			row[k] = x
		}
		if !t.insert(h, row) {
			return t, b, fmt.Errorf("feature %x twice", h)
		}
		b = b[rowBytes:]
	}
	return t, b, nil
}

// preview is the start of a header line as a person can read it.
func preview(b []byte) string {
	s := strings.ToValidUTF8(string(b[:min(len(b), 24)]), "?")
	return s
}
