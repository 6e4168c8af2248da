package learn

import (
	"slices"
	"testing"
)

// TestWeightsTable: every feature put in is found with its row, whatever
// its home slot — features sharing one, and a run of them at the end of
// the table that wraps round to its start — and absent ones are not.
func TestWeightsTable(t *testing.T) {
	const top = 0xff00_0000_0000_0000 // home slot: the last one
	hashes := []uint64{
		top | 1, top | 3, top | 5, top | 7, // four at the last slot: three wrap round
		1, 0x0100_0000_0000_0001, // home slots 0 and 0 (shared with the wrapped ones)
		0x8000_0000_0000_0001, 0x8000_0000_0000_0003, // a shared middle slot
		0x1234_5678_9abc_def1,
	}
	tb := newWeights(2, len(hashes)) // 16 slots
	if tb.mask != 15 {
		t.Fatalf("table of %d slots for %d features, want 16", tb.mask+1, len(hashes))
	}
	for i, h := range hashes {
		if !tb.insert(h, []float32{float32(i), -float32(i)}) {
			t.Fatalf("insert(%x) refused", h)
		}
	}
	if tb.insert(hashes[2], []float32{9, 9}) {
		t.Errorf("insert(%x) a second time accepted", hashes[2])
	}
	for i, h := range hashes {
		if got := tb.row(h); !slices.Equal(got, []float32{float32(i), -float32(i)}) {
			t.Errorf("row(%x) = %v, want [%d %d]", h, got, i, -i)
		}
	}
	for _, h := range []uint64{top | 9, 3, 0x8000_0000_0000_0005} {
		if got := tb.row(h); got != nil {
			t.Errorf("row(%x) = %v for a feature never put in", h, got)
		}
	}
	out := make([]float32, 2)
	tb.score([]uint64{hashes[1], hashes[8], top | 9}, out)
	if !slices.Equal(out, []float32{9, -9}) {
		t.Errorf("score = %v, want [9 -9] (rows 1 and 8, the absent feature adding nothing)", out)
	}
	want := slices.Sorted(slices.Values(hashes))
	if got := tb.keys(); !slices.Equal(got, want) {
		t.Errorf("keys = %x, want %x", got, want)
	}
}
