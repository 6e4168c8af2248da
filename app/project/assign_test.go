package project

import (
	"fmt"
	"slices"
	"testing"
)

func TestAssign(t *testing.T) {
	for _, tc := range []struct {
		name       string
		annotators []string
		overlap    int
		before     map[string][]string
		docs       []string
		want       map[string][]string
	}{
		{"one each", []string{"a", "b", "c"}, 1, nil, []string{"1", "2", "3", "4"},
			map[string][]string{"a": {"1", "4"}, "b": {"2"}, "c": {"3"}}},
		{"double", []string{"a", "b", "c"}, 2, nil, []string{"1", "2", "3"},
			map[string][]string{"a": {"1", "2"}, "b": {"1", "3"}, "c": {"2", "3"}}},
		{"everyone", []string{"a", "b"}, 2, nil, []string{"1", "2"},
			map[string][]string{"a": {"1", "2"}, "b": {"1", "2"}}},
		{"continues the turn", []string{"a", "b", "c"}, 1, map[string][]string{"a": {"1"}}, []string{"2", "3"},
			map[string][]string{"a": {"1"}, "b": {"2"}, "c": {"3"}}},
		{"a latecomer catches up", []string{"a", "b", "c"}, 2,
			map[string][]string{"a": {"1", "2"}, "b": {"1", "2"}}, []string{"3", "4"},
			map[string][]string{"a": {"1", "2", "4"}, "b": {"1", "2", "3"}, "c": {"3", "4"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &Config{Annotators: tc.annotators, Overlap: tc.overlap, Assign: map[string][]string{}}
			for k, v := range tc.before {
				c.Assign[k] = slices.Clone(v)
			}
			if err := Assign(c, tc.docs); err != nil {
				t.Fatal(err)
			}
			if !sameAssign(withoutEmpty(c.Assign), tc.want) {
				t.Errorf("assign = %v, want %v", c.Assign, tc.want)
			}
		})
	}
}

// Round-robin keeps the loads within one of each other and never gives a
// document twice to one person, for any team size and overlap.
func TestAssignBalance(t *testing.T) {
	for n := 1; n <= 5; n++ {
		for k := 1; k <= n; k++ {
			var names, docs []string
			for i := range n {
				names = append(names, fmt.Sprintf("a%d", i))
			}
			for i := range 37 {
				docs = append(docs, fmt.Sprintf("d%d", i))
			}
			c := &Config{Annotators: names, Overlap: k}
			// Two batches: project init, then project add.
			if err := Assign(c, docs[:20]); err != nil {
				t.Fatal(err)
			}
			if err := Assign(c, docs[20:]); err != nil {
				t.Fatal(err)
			}
			per := map[string]int{}
			lo, hi := len(docs), 0
			for _, name := range names {
				ids := c.Assign[name]
				lo, hi = min(lo, len(ids)), max(hi, len(ids))
				seen := map[string]bool{}
				for _, id := range ids {
					if seen[id] {
						t.Fatalf("n=%d k=%d: %s got %s twice", n, k, name, id)
					}
					seen[id] = true
					per[id]++
				}
			}
			if hi-lo > 1 {
				t.Errorf("n=%d k=%d: loads from %d to %d", n, k, lo, hi)
			}
			for _, id := range docs {
				if per[id] != k {
					t.Errorf("n=%d k=%d: %s went to %d annotators", n, k, id, per[id])
				}
			}
		}
	}
}

func TestAssignRefusesOverlap(t *testing.T) {
	for _, k := range []int{0, 3} {
		c := &Config{Annotators: []string{"a", "b"}, Overlap: k}
		if err := Assign(c, []string{"1"}); err == nil {
			t.Errorf("overlap %d accepted", k)
		}
	}
}
