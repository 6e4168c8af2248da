package agree

import (
	"math"
	"testing"
)

const eps = 1e-9

func near(a, b float64) bool { return math.Abs(a-b) < eps }

// TestKrippendorffExample is the nominal example of Krippendorff's
// "Computing Krippendorff's Alpha-Reliability" (2011), section C: four
// observers, twelve units, missing values; α = 0.743.
func TestKrippendorffExample(t *testing.T) {
	const m = 0 // missing
	data := [][]int{
		{1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m}, // observer A
		{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3}, // B
		{m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m}, // C
		{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m}, // D
	}
	var co Coincidences
	for u := range data[0] {
		var values []int
		for _, obs := range data {
			if obs[u] != m {
				values = append(values, obs[u])
			}
		}
		co.AddUnit(values)
	}
	got := co.Alpha()
	if math.Round(got*1000)/1000 != 0.743 {
		t.Fatalf("alpha = %v, want 0.743", got)
	}
	// By hand: the pairable values total n = 40, with marginals 9, 13,
	// 10, 5, 3 for the values 1–5; the off-diagonal coincidences are 2
	// (unit 2), 4 (unit 6) and 2 (unit 8). α = 1 − 39·8/(40² − Σn_c²).
	if !near(got, 1-39.0*8/(1600-(9*9+13*13+10*10+5*5+3*3))) {
		t.Errorf("alpha = %v, not the coincidence-matrix value", got)
	}
}

func TestCoincidencesDegenerate(t *testing.T) {
	tests := []struct {
		name  string
		units [][]int
		want  float64
	}{
		{"nothing", nil, 1},
		{"single values are not pairable", [][]int{{1}, {2}, {3}}, 1},
		{"no variation", [][]int{{1, 1}, {1, 1, 1}}, 1},
		// Two coders, four units, one disagreement: o11=4, o22=2, o12=o21=1;
		// n1=5, n2=3, n=8: α = 1 − 7·2/(2·15) = 8/15.
		{"two coders", [][]int{{1, 1}, {1, 1}, {2, 2}, {1, 2}}, 8.0 / 15},
		// Total, systematic disagreement: α below zero.
		{"opposite", [][]int{{1, 2}, {2, 1}}, 1 - 3.0*4/(2*2*2)},
	}
	for _, tt := range tests {
		var co Coincidences
		for _, u := range tt.units {
			co.AddUnit(u)
		}
		if got := co.Alpha(); !near(got, tt.want) {
			t.Errorf("%s: alpha = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestKappa(t *testing.T) {
	tests := []struct {
		name                string
		units, a1, b1, both int
		want                float64
	}{
		// pₒ = 0.7, pₑ = (4·3 + 6·7)/100 = 0.54.
		{"textbook", 10, 4, 3, 2, (0.7 - 0.54) / (1 - 0.54)},
		{"perfect", 10, 4, 4, 4, 1},
		{"both all zero: pe = 1", 10, 0, 0, 0, 1},
		{"both all one: pe = 1", 10, 10, 10, 10, 1},
		{"no units", 0, 0, 0, 0, 1},
		// pₒ = 0, pₑ = 0.5: κ = −1.
		{"opposite halves", 4, 2, 2, 0, -1},
		// One coder marks all: pₑ = pₒ, κ = 0.
		{"one marks all", 6, 4, 6, 4, 0},
	}
	for _, tt := range tests {
		if got := kappa(tt.units, tt.a1, tt.b1, tt.both); !near(got, tt.want) {
			t.Errorf("%s: kappa = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMaxOverlapMatching(t *testing.T) {
	iv := func(pairs ...int) []interval {
		var out []interval
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, interval{pairs[i], pairs[i+1]})
		}
		return out
	}
	tests := []struct {
		name string
		a, b []interval
		want int
	}{
		{"empty", nil, iv(0, 1), 0},
		{"identical", iv(0, 2, 3, 5), iv(0, 2, 3, 5), 2},
		{"touching is not overlapping", iv(0, 2), iv(2, 4), 0},
		// Greedy in order would give a[0] the first b it overlaps, b[0],
		// and leave a[1] (which overlaps only b[0]) unmatched.
		{"greedy would be wrong", iv(0, 10, 3, 4), iv(0, 4, 5, 9), 2},
		{"one long against many", iv(0, 100), iv(0, 1, 2, 3, 4, 5), 1},
		{"chain needs augmenting", iv(0, 3, 2, 5, 4, 7), iv(1, 2, 2, 4, 6, 8), 3},
	}
	for _, tt := range tests {
		if got := maxOverlapMatching(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: matching = %d, want %d", tt.name, got, tt.want)
		}
	}
}
