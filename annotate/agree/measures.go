package agree

import (
	"cmp"
	"slices"
)

// f1 is 2·m / (a + b), and 1 when both sides are empty: two annotators
// who both found nothing agree perfectly.
func f1(m, a, b int) float64 {
	if a+b == 0 {
		return 1
	}
	return 2 * float64(m) / float64(a+b)
}

// kappa is Cohen's κ of two coders over units binary units: a1 and b1 are
// the units each coder marked 1, both the units both marked 1. It is 1
// when the chance agreement pₑ is 1 (both coders gave every unit the same
// single value), and when there are no units at all.
func kappa(units, a1, b1, both int) float64 {
	if units == 0 {
		return 1
	}
	a0, b0 := units-a1, units-b1
	// pₑ = 1 exactly when both coders gave every unit the same value; test
	// it on the integers rather than on a rounded float.
	if (a1 == 0 && b1 == 0) || (a0 == 0 && b0 == 0) {
		return 1
	}
	n := float64(units)
	agree := float64(both + (units - a1 - b1 + both))
	po := agree / n
	pe := (float64(a1)*float64(b1) + float64(a0)*float64(b0)) / (n * n)
	if pe == 1 {
		return 1
	}
	return (po - pe) / (1 - pe)
}

// Coincidences is Krippendorff's coincidence matrix for nominal values: it
// takes reliability data one unit at a time, from any number of coders,
// with missing values, and gives α. The zero value is ready to use.
type Coincidences struct {
	// o[[2]int{c, k}] is the number of c–k pairs of values within units,
	// each unit's pairs weighted 1/(mᵤ − 1).
	o map[[2]int]float64
}

// AddUnit adds one unit: the values the coders who coded it gave it (leave
// missing values out). A unit with fewer than two values is not pairable
// and adds nothing.
func (c *Coincidences) AddUnit(values []int) {
	counts := map[int]int{}
	for _, v := range values {
		counts[v]++
	}
	vals := make([]int, 0, len(counts))
	ns := make([]int, 0, len(counts))
	for v, n := range counts {
		vals = append(vals, v)
		ns = append(ns, n)
	}
	c.addCounts(vals, ns, 1)
}

// addCounts adds weight units in which value vals[i] was given ns[i]
// times. The corpus accumulator uses it with a histogram of identical
// binary units, so that α costs nothing per unit.
func (c *Coincidences) addCounts(vals, ns []int, weight int) {
	m := 0
	for _, n := range ns {
		m += n
	}
	if m < 2 || weight == 0 {
		return
	}
	if c.o == nil {
		c.o = map[[2]int]float64{}
	}
	w := float64(weight) / float64(m-1)
	for i, vc := range vals {
		for j, vk := range vals {
			pairs := ns[i] * ns[j]
			if i == j {
				pairs = ns[i] * (ns[i] - 1)
			}
			if pairs > 0 {
				c.o[[2]int{vc, vk}] += w * float64(pairs)
			}
		}
	}
}

// Alpha is Krippendorff's α for nominal data:
// α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k. It is 1 when the
// expected disagreement is 0: every pairable value is the same, or there
// are none.
func (c *Coincidences) Alpha() float64 {
	marg := map[int]float64{}
	var n, observed float64
	for ck, o := range c.o {
		marg[ck[0]] += o
		n += o
		if ck[0] != ck[1] {
			observed += o
		}
	}
	// Sum the marginals in a fixed order: map order would make the last
	// bits of α vary from run to run.
	vals := make([]int, 0, len(marg))
	for v := range marg {
		vals = append(vals, v)
	}
	slices.Sort(vals)
	var sum, sumSq float64
	for _, v := range vals {
		sum += marg[v]
		sumSq += marg[v] * marg[v]
	}
	expected := sum*sum - sumSq // Σ_{c≠k} n_c·n_k
	if expected <= 0 || n <= 1 {
		return 1
	}
	return 1 - (n-1)*observed/expected
}

// interval is a span's code-point range, end exclusive.
type interval struct{ start, end int }

func compareIntervals(a, b interval) int {
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	return cmp.Compare(a.end, b.end)
}

func (a interval) overlaps(b interval) bool { return a.start < b.end && b.start < a.end }

// commonSorted is the number of items in both sorted, duplicate-free
// lists.
func commonSorted[T any](a, b []T, compare func(T, T) int) int {
	m, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch c := compare(a[i], b[j]); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			m++
			i++
			j++
		}
	}
	return m
}

// union merges sorted intervals into disjoint, sorted ones.
func union(in []interval, out []interval) []interval {
	out = out[:0]
	for _, iv := range in {
		if n := len(out); n > 0 && iv.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, iv.end)
			continue
		}
		out = append(out, iv)
	}
	return out
}

// maxOverlapMatching is the size of a maximum one-to-one matching between
// a and b in which matched intervals share at least one code point
// (Hopcroft–Karp; a greedy pass can miss matchings, see the tests). a and b
// are sorted by start.
func maxOverlapMatching(a, b []interval) int {
	return len(matchOverlaps(a, b, func(int, int) bool { return true }))
}

// matchOverlaps returns a maximum matching, as pairs of indexes into a and
// b, between intervals that overlap and that ok allows. b must be sorted
// by start.
func matchOverlaps(a, b []interval, ok func(i, j int) bool) [][2]int {
	if len(a) == 0 || len(b) == 0 {
		return nil
	}
	// Adjacency in one flat slice: adj[first[i]:first[i+1]] are a[i]'s
	// neighbours. b is sorted by start, so the scan stops at the first b
	// that starts after a[i] ends.
	first := make([]int, len(a)+1)
	var adj []int
	for i, x := range a {
		first[i] = len(adj)
		for j, y := range b {
			if y.start >= x.end {
				break
			}
			if y.end > x.start && ok(i, j) {
				adj = append(adj, j)
			}
		}
	}
	first[len(a)] = len(adj)
	return hopcroftKarp(len(a), len(b), first, adj)
}

// hopcroftKarp finds a maximum matching of a bipartite graph with nA left
// and nB right vertices; left vertex i's neighbours are adj[first[i]:first[i+1]].
func hopcroftKarp(nA, nB int, first, adj []int) [][2]int {
	const free = -1
	matchA := make([]int, nA)
	matchB := make([]int, nB)
	for i := range matchA {
		matchA[i] = free
	}
	for j := range matchB {
		matchB[j] = free
	}
	dist := make([]int, nA)
	queue := make([]int, 0, nA)
	const inf = int(^uint(0) >> 1)
	// bfs layers the free left vertices and reports whether an augmenting
	// path exists.
	bfs := func() bool {
		queue = queue[:0]
		for i := range nA {
			if matchA[i] == free {
				dist[i] = 0
				queue = append(queue, i)
			} else {
				dist[i] = inf
			}
		}
		found := false
		for q := 0; q < len(queue); q++ {
			i := queue[q]
			for _, j := range adj[first[i]:first[i+1]] {
				k := matchB[j]
				if k == free {
					found = true
				} else if dist[k] == inf {
					dist[k] = dist[i] + 1
					queue = append(queue, k)
				}
			}
		}
		return found
	}
	var dfs func(i int) bool
	dfs = func(i int) bool {
		for _, j := range adj[first[i]:first[i+1]] {
			k := matchB[j]
			if k == free || (dist[k] == dist[i]+1 && dfs(k)) {
				matchA[i] = j
				matchB[j] = i
				return true
			}
		}
		dist[i] = inf
		return false
	}
	for bfs() {
		for i := range nA {
			if matchA[i] == free {
				dfs(i)
			}
		}
	}
	var pairs [][2]int
	for i, j := range matchA {
		if j != free {
			pairs = append(pairs, [2]int{i, j})
		}
	}
	return pairs
}
