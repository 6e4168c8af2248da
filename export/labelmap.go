package export

import (
	"fmt"
	"slices"
	"strings"

	"gloss/annotate"
)

// LabelMap renames labels as documents are read (`gloss import --map
// FROM=TO`): a span label or a relation label FROM becomes TO, and FROM
// mapped to "" drops the spans of that label with every relation that
// touches them (or, for a relation label, those relations). It works on
// what any reader yields, so every format has it (see MapLabels).
type LabelMap map[string]string

// ParseLabelMap reads --map values, FROM=TO or FROM=, each given once.
func ParseLabelMap(specs []string) (LabelMap, error) {
	m := LabelMap{}
	for _, spec := range specs {
		from, to, ok := strings.Cut(spec, "=")
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if !ok || from == "" {
			return nil, fmt.Errorf("--map %q: want FROM=TO, or FROM= to drop FROM", spec)
		}
		if old, dup := m[from]; dup && old != to {
			return nil, fmt.Errorf("--map %q: %s is already mapped to %q", spec, from, old)
		}
		m[from] = to
	}
	return m, nil
}

// mapCounts is what a LabelMap did, per label, for the summary.
type mapCounts struct {
	renamed, dropped map[string]int
	relsDropped      int
}

// Apply renames and drops d's labels. Spans that a rename makes twins of
// another (same start, end and new label) are merged, and relations that
// become twins likewise; warn hears about it.
func (m LabelMap) Apply(d *annotate.Document, warn func(format string, args ...any)) {
	m.apply(d, nil, warn)
}

func (m LabelMap) apply(d *annotate.Document, c *mapCounts, warn func(format string, args ...any)) {
	if len(m) == 0 {
		return
	}
	if c == nil {
		c = &mapCounts{renamed: map[string]int{}, dropped: map[string]int{}}
	}
	count := func(tally map[string]int, label string) { tally[label]++ }
	var gone map[string]bool
	kept := d.Spans[:0]
	for _, s := range d.Spans {
		to, ok := m[s.Label]
		switch {
		case !ok:
		case to == "":
			if gone == nil {
				gone = map[string]bool{}
			}
			gone[s.ID] = true
			count(c.dropped, s.Label)
			continue
		default:
			count(c.renamed, s.Label)
			s.Label = to
		}
		kept = append(kept, s)
	}
	d.Spans = kept
	rels := d.Relations[:0]
	for _, r := range d.Relations {
		if gone[r.From] || gone[r.To] {
			c.relsDropped++
			continue
		}
		if to, ok := m[r.Label]; ok {
			if to == "" {
				count(c.dropped, r.Label)
				continue
			}
			count(c.renamed, r.Label)
			r.Label = to
		}
		rels = append(rels, r)
	}
	d.Relations = rels
	dedupSpans(d, warn)
	dedupRelations(d, warn)
}

// MapLabels returns r with m applied to every document it yields; at the
// end it says on opt.Warn, once, what it renamed and dropped. The reader
// it returns keeps r's Line and File.
func MapLabels(r Reader, m LabelMap, name string, opt Options) Reader {
	if len(m) == 0 {
		return r
	}
	return &mappedReader{Reader: r, m: m, name: name, opt: opt,
		counts: mapCounts{renamed: map[string]int{}, dropped: map[string]int{}}}
}

// mappedReader is MapLabels' reader.
type mappedReader struct {
	Reader
	m      LabelMap
	name   string
	opt    Options
	counts mapCounts
	done   bool
}

// Next implements Reader.
func (mr *mappedReader) Next() (*annotate.Document, error) {
	d, err := mr.Reader.Next()
	if err != nil {
		if !mr.done {
			mr.done = true
			mr.summary()
		}
		return d, err
	}
	mr.m.apply(d, &mr.counts, func(format string, args ...any) {
		mr.opt.warn("%s: %s", mr.name, fmt.Sprintf(format, args...))
	})
	return d, nil
}

// File implements Filer when the reader it maps does.
func (mr *mappedReader) File() string {
	if f, ok := mr.Reader.(Filer); ok {
		return f.File()
	}
	return mr.name
}

// summary says what the map did: "--map: Content → CLAIM 120; dropped
// Cue 118 (and 0 relations touching them)"; labels it never met are named
// too, as a likely typo.
func (mr *mappedReader) summary() {
	var done, unused []string
	froms := make([]string, 0, len(mr.m))
	for from := range mr.m {
		froms = append(froms, from)
	}
	slices.Sort(froms)
	for _, from := range froms {
		switch to := mr.m[from]; {
		case mr.counts.renamed[from] > 0:
			done = append(done, fmt.Sprintf("%s → %s %d", from, to, mr.counts.renamed[from]))
		case mr.counts.dropped[from] > 0:
			done = append(done, fmt.Sprintf("dropped %s %d", from, mr.counts.dropped[from]))
		default:
			unused = append(unused, from)
		}
	}
	msg := "--map: " + strings.Join(done, ", ")
	if mr.counts.relsDropped > 0 {
		msg += fmt.Sprintf(" (and %d relation(s) touching dropped spans)", mr.counts.relsDropped)
	}
	if len(unused) > 0 {
		if len(done) > 0 {
			msg += "; "
		}
		msg += "no label " + strings.Join(unused, ", ") + " was read"
	}
	mr.opt.warn("%s: %s", mr.name, msg)
}

// dedupRelations removes relations with the same label and ends as an
// earlier one (two brat events naming the same pair, or the ends of two
// relations merged by dedupSpans).
func dedupRelations(d *annotate.Document, warn func(string, ...any)) {
	if len(d.Relations) < 2 {
		return
	}
	type key struct{ from, to, label string }
	seen := make(map[key]bool, len(d.Relations))
	out := d.Relations[:0]
	for _, r := range d.Relations {
		k := key{r.From, r.To, r.Label}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, r)
	}
	if dropped := len(d.Relations) - len(out); dropped > 0 {
		warn("document %s: dropped %d duplicate relation(s) (same label and ends as another)", d.ID, dropped)
	}
	d.Relations = out
}
