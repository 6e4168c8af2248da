package learn

import (
	"math"
	"slices"
)

// weights is a trained table, frozen: open addressing with linear probing,
// each slot holding its feature's hash and its row of weights side by
// side, so that looking a feature up touches one cache line. (With a Go
// map and the rows apart, lookups into a model of half a million features
// were half the time of suggesting.)
type weights struct {
	width  int
	stride int      // words a slot takes: 2 for the hash, then width
	slots  []uint32 // hash low and high words, then the row's float32 bits
	mask   int
	shift  uint // 64 − log2(slots): a feature's home slot is its hash's top bits
	n      int
}

// newWeights makes room for n features of width weights, the table at
// most two thirds full: linear probing stays short at that load, and a
// table twice the size of the features (the PolNeAR model: 46 MB instead
// of 23) costs more in cache and page misses, and in clearing it on
// loading, than the longer probes do.
func newWeights(width, n int) weights {
	size, bits := 8, uint(3)
	for size < n+n/2 {
		size <<= 1
		bits++
	}
	return weights{width: width, stride: 2 + width, slots: make([]uint32, size*(2+width)), mask: size - 1, shift: 64 - bits}
}

// find returns the slot of feature h, or the empty slot where it would go
// and false. Hashes are never 0 (sink sets their lowest bit): 0 marks an
// empty slot. A feature's home slot is the top bits of its hash (FNV-1a
// ends on a multiplication, so they are its best mixed), which keeps the
// slots in hash order: a model file lists its features sorted by hash,
// so loading one fills the table front to back instead of missing the
// cache on every feature (that took loading the PolNeAR model from
// 0.12 s to 0.045 s).
func (t *weights) find(h uint64) (int, bool) {
	i := int(h >> t.shift)
	for {
		s := t.slots[i*t.stride:]
		switch uint64(s[0]) | uint64(s[1])<<32 {
		case h:
			return i, true
		case 0:
			return i, false
		}
		i = (i + 1) & t.mask
	}
}

// put adds feature h (not in the table yet) with its row.
func (t *weights) put(h uint64, row []float32) { t.insert(h, row) }

// insert adds feature h with its row and returns true, or returns false
// when the table holds h already (one probe for both, as a model loads).
func (t *weights) insert(h uint64, row []float32) bool {
	i, dup := t.find(h)
	if dup {
		return false
	}
	s := t.slots[i*t.stride : (i+1)*t.stride]
	s[0], s[1] = uint32(h), uint32(h>>32)
	for k, x := range row {
		s[2+k] = math.Float32bits(x)
	}
	t.n++
	return true
}

// row returns a copy of feature h's weights, nil when the table lacks it.
func (t *weights) row(h uint64) []float32 {
	if t.n == 0 {
		return nil
	}
	i, ok := t.find(h)
	if !ok {
		return nil
	}
	out := make([]float32, t.width)
	for k := range out {
		out[k] = math.Float32frombits(t.slots[i*t.stride+2+k])
	}
	return out
}

// score adds the rows of the features to out (len width).
func (t *weights) score(feats []uint64, out []float32) {
	if t.n == 0 {
		return
	}
	for _, h := range feats {
		if i, ok := t.find(h); ok {
			s := t.slots[i*t.stride+2 : (i+1)*t.stride]
			for k := range out {
				out[k] += math.Float32frombits(s[k])
			}
		}
	}
}

// keys returns the hashes of the features, sorted.
func (t *weights) keys() []uint64 {
	out := make([]uint64, 0, t.n)
	for i := 0; i*t.stride < len(t.slots); i++ {
		if h := uint64(t.slots[i*t.stride]) | uint64(t.slots[i*t.stride+1])<<32; h != 0 {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return out
}
