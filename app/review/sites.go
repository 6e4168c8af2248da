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
//
// A speaker site (kind Speaker, MissingSpeaker or ExtraSpeaker) is about
// the speakers of one source span that the annotators who have it link
// differently: versions are then each annotator's speakers of source by
// relation, and a decision chooses which speakers the gold links it to.
type site struct {
	kind       agree.Kind
	start, end int
	// versions[k] is what annotator k has here, in canonical order (maybe
	// nothing): spans, or for a speaker site the speakers.
	versions [][]annotate.Span
	// keys is every span any annotator has here, sorted: a decision
	// chooses which of them the gold keeps (for a speaker site: which
	// speakers it links the source to).
	keys []key
	// source and relation name the quote or claim and the relation
	// (SAID_BY) of a speaker site; relation is "" for the other sites.
	source   annotate.Span
	relation string
}

// speaker reports whether s is about a source's speakers.
func (s *site) speaker() bool { return s.relation != "" }

// kindRank orders kinds by how much they tell the reviewer: a label
// conflict first, then a boundary slip, then a span one side lacks.
func kindRank(k agree.Kind) int {
	switch k {
	case agree.LabelDiffers:
		return 0
	case agree.Boundary:
		return 1
	case agree.Speaker:
		return 0
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
	// Speaker disagreements are grouped by source and relation: one site
	// however many pairs of files disagree about that quote's speaker.
	type speakerAt struct {
		source   key
		relation string
	}
	speakerKinds := map[speakerAt]agree.Kind{}
	speakerSources := map[speakerAt]annotate.Span{}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			a, b := docs[i], docs[j]
			for _, d := range agree.Disagreements(a, b) {
				if d.Kind.IsSpeaker() {
					at := speakerAt{keyOf(a.Spans[d.A]), d.Relation}
					if k, ok := speakerKinds[at]; !ok || kindRank(d.Kind) < kindRank(k) {
						speakerKinds[at] = d.Kind
					}
					speakerSources[at] = a.Spans[d.A]
					continue
				}
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
	for at, kind := range speakerKinds {
		src := speakerSources[at]
		s := site{kind: kind, start: src.Start, end: src.End, source: src, relation: at.relation,
			versions: make([][]annotate.Span, len(docs))}
		for k, d := range docs {
			s.versions[k] = agree.Speakers(d, src, at.relation)
			for _, sp := range s.versions[k] {
				if !slices.Contains(s.keys, keyOf(sp)) {
					s.keys = append(s.keys, keyOf(sp))
				}
			}
		}
		slices.SortFunc(s.keys, compareKeys)
		// Missing or extra, seen from the first annotator as for spans.
		if kindRank(s.kind) == 2 {
			s.kind = agree.ExtraSpeaker
			if len(s.versions[0]) > 0 {
				s.kind = agree.MissingSpeaker
			}
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b site) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		if c := cmp.Compare(a.end, b.end); c != 0 {
			return c
		}
		// A source's speakers after the spans of the same extent.
		if a.speaker() != b.speaker() {
			if a.speaker() {
				return 1
			}
			return -1
		}
		if a.speaker() {
			if c := compareKeys(keyOf(a.source), keyOf(b.source)); c != 0 {
				return c
			}
			return cmp.Compare(a.relation, b.relation)
		}
		return compareKeys(a.keys[0], b.keys[0])
	})
	return out
}
