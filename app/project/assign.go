package project

import (
	"fmt"
	"slices"
)

// Assign gives each of ids to c.Overlap annotators and appends it to their
// lists in c.Assign. It is round-robin: the annotators take turns in file
// order, so that with overlap K every document goes to K different people
// and the loads never differ by more than one. When the loads are already
// uneven (an annotator joined later, a list was edited by hand), the least
// loaded go first, the turn order breaking ties, so the project evens out.
func Assign(c *Config, ids []string) error {
	n := len(c.Annotators)
	if c.Overlap < 1 || c.Overlap > n {
		return fmt.Errorf("overlap %d: it is between 1 and the number of annotators (%d)", c.Overlap, n)
	}
	if c.Assign == nil {
		c.Assign = map[string][]string{}
	}
	load := make([]int, n)
	slots := 0
	for i, a := range c.Annotators {
		load[i] = len(c.Assign[a])
		slots += load[i]
	}
	order := make([]int, n)
	for _, id := range ids {
		// The turn starts after the last slot filled.
		turn := slots % n
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			if load[a] != load[b] {
				return load[a] - load[b]
			}
			return (a-turn+n)%n - (b-turn+n)%n
		})
		for _, i := range order[:c.Overlap] {
			a := c.Annotators[i]
			c.Assign[a] = append(c.Assign[a], id)
			load[i]++
			slots++
		}
	}
	return nil
}
