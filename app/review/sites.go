package review

import (
	"cmp"
	"slices"

	"gloss/annotate"
	"gloss/annotate/agree"
)

// key is what makes spans of different files the same span.
type key struct {
	start, end int
	label      string
}

func keyOf(s annotate.Span) key { return key{s.Start, s.End, s.Label} }

func compareKeys(a, b key) int {
	if c := cmp.Compare(a.start, b.start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.end, b.end); c != 0 {
		return c
	}
	return cmp.Compare(a.label, b.label)
}

// site is one place where the annotators disagree: the spans that some
// annotators have there and others lack, bound together by
// agree.Disagreements between every pair of files. With two files a site is
// exactly one agree.Disagreement; with more, a span two files share and a
// third lacks is one site, not two.
type site struct {
	kind       agree.Kind
	start, end int
	// versions[k] is what annotator k has here, in canonical order (maybe
	// nothing).
	versions [][]annotate.Span
	// keys is every span any annotator has here, sorted: a decision
	// chooses which of them the gold keeps.
	keys []key
}

// kindRank orders kinds by how much they tell the reviewer: a label
// conflict first, then a boundary slip, then a span one side lacks.
func kindRank(k agree.Kind) int {
	switch k {
	case agree.LabelDiffers:
		return 0
	case agree.Boundary:
		return 1
	}
	return 2
}

// findSites lists the disagreements among docs (one per annotator, same
// text) in text order.
func findSites(docs []*annotate.Document) []site {
	// Union-find over span keys: two keys are one site when some pair of
	// files disagrees about them together.
	parent := map[key]key{}
	var find func(k key) key
	find = func(k key) key {
		p, ok := parent[k]
		if !ok {
			parent[k] = k
			return k
		}
		if p == k {
			return k
		}
		r := find(p)
		parent[k] = r
		return r
	}
	union := func(a, b key) {
		ra, rb := find(a), find(b)
		if ra != rb {
			if compareKeys(ra, rb) < 0 {
				parent[rb] = ra
			} else {
				parent[ra] = rb
			}
		}
	}
	kinds := map[key]agree.Kind{} // per root, once roots are final
	type pairKind struct {
		k    key
		kind agree.Kind
	}
	var seen []pairKind
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			a, b := docs[i], docs[j]
			for _, d := range agree.Disagreements(a, b) {
				var ka, kb key
				switch {
				case d.A >= 0 && d.B >= 0:
					ka, kb = keyOf(a.Spans[d.A]), keyOf(b.Spans[d.B])
					union(ka, kb)
				case d.A >= 0:
					ka = keyOf(a.Spans[d.A])
					find(ka)
				default:
					ka = keyOf(b.Spans[d.B])
					find(ka)
				}
				seen = append(seen, pairKind{ka, d.Kind})
			}
		}
	}
	byRoot := map[key]*site{}
	var roots []key
	for k := range parent {
		r := find(k)
		s := byRoot[r]
		if s == nil {
			s = &site{versions: make([][]annotate.Span, len(docs)), start: k.start, end: k.end, kind: agree.Extra}
			byRoot[r] = s
			roots = append(roots, r)
		}
		s.keys = append(s.keys, k)
		s.start, s.end = min(s.start, k.start), max(s.end, k.end)
	}
	for _, p := range seen {
		r := find(p.k)
		if _, ok := kinds[r]; !ok || kindRank(p.kind) < kindRank(kinds[r]) {
			kinds[r] = p.kind
		}
	}
	for k, d := range docs {
		for _, sp := range d.Spans {
			if sp.Suggested {
				continue
			}
			if _, ok := parent[keyOf(sp)]; !ok {
				continue
			}
			s := byRoot[find(keyOf(sp))]
			if !slices.ContainsFunc(s.versions[k], func(o annotate.Span) bool { return keyOf(o) == keyOf(sp) }) {
				s.versions[k] = append(s.versions[k], sp)
			}
		}
	}
	out := make([]site, 0, len(roots))
	for _, r := range roots {
		s := byRoot[r]
		slices.SortFunc(s.keys, compareKeys)
		for _, v := range s.versions {
			slices.SortFunc(v, annotate.CompareSpans)
		}
		// Missing or extra is seen from the first annotator, as in
		// agree.Disagreements: missing when they have something here.
		s.kind = kinds[r]
		if kindRank(s.kind) == 2 {
			s.kind = agree.Extra
			if len(s.versions[0]) > 0 {
				s.kind = agree.Missing
			}
		}
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b site) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.end, b.end); c != 0 {
			return c
		}
		return compareKeys(a.keys[0], b.keys[0])
	})
	return out
}
