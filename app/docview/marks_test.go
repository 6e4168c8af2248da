package docview

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestNearlySort(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for round := range 300 {
		n := rng.IntN(200)
		xs := make([]int, n)
		for i := range xs {
			xs[i] = i / 3
		}
		// A few swaps, some appended values, or a full shuffle.
		switch round % 3 {
		case 0:
			for range rng.IntN(5) {
				if n > 1 {
					i, j := rng.IntN(n), rng.IntN(n)
					xs[i], xs[j] = xs[j], xs[i]
				}
			}
		case 1:
			for range rng.IntN(10) {
				xs = append(xs, rng.IntN(n+1))
			}
		default:
			rng.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		}
		want := slices.Clone(xs)
		slices.Sort(want)
		nearlySort(xs, cmp.Compare[int])
		if !slices.Equal(xs, want) {
			t.Fatalf("round %d: %v", round, xs)
		}
	}
}

func TestMarkRows(t *testing.T) {
	// [0,10) holds [0,3) and [2,6); [8,12) crosses [0,10); [12,14) follows.
	ms := newMarkSet([]Mark{
		{Start: 2, End: 6, ID: "b"},
		{Start: 0, End: 10, ID: "a"},
		{Start: 12, End: 14, ID: "e"},
		{Start: 0, End: 3, ID: "c"},
		{Start: 8, End: 12, ID: "d"},
	}, nil)
	rows := map[string]int{}
	for _, m := range ms.marks {
		rows[m.ID] = m.level
	}
	want := map[string]int{"a": 0, "c": 1, "b": 2, "d": 1, "e": 0}
	for id, r := range want {
		if rows[id] != r {
			t.Errorf("mark %s on row %d, want %d", id, rows[id], r)
		}
	}
	if ms.levels != 3 {
		t.Errorf("%d rows", ms.levels)
	}
	if i := ms.innermost(2); ms.marks[i].ID != "c" {
		t.Errorf("innermost at 2 is %s", ms.marks[i].ID)
	}
	if i := ms.innermost(9); ms.marks[i].ID != "d" {
		t.Errorf("innermost at 9 is %s", ms.marks[i].ID)
	}
	var over []string
	ms.overlapping(5, 9, func(i int) { over = append(over, ms.marks[i].ID) })
	if slices.Sort(over); !slices.Equal(over, []string{"a", "b", "d"}) {
		t.Errorf("overlapping [5,9): %v", over)
	}
}
