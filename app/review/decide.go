package review

import (
	"fmt"
	"strconv"

	"gloss/annotate"
	"gloss/annotate/agree"
)

// choice is what the reviewer decided at a site: accept one annotator's
// version (0, 1, … for the files in order), both (every version), neither,
// or nothing yet.
type choice int

const (
	undecided choice = -3
	both      choice = -2
	neither   choice = -1
)

// describe says a choice in words for the disagreement list and the undo
// menu.
func (c choice) describe(names []string) string {
	switch {
	case c == undecided:
		return "open"
	case c == both:
		return "accepted all"
	case c == neither:
		return "rejected"
	case int(c) < len(names):
		return "accepted " + strconv.Itoa(int(c)+1) + " " + names[c]
	}
	return "accepted " + strconv.Itoa(int(c)+1)
}

// wanted is the set of s's spans that the gold keeps under choice c.
func (s *site) wanted(c choice) map[key]bool {
	w := map[key]bool{}
	for k, v := range s.versions {
		if c == both || choice(k) == c {
			for _, sp := range v {
				w[keyOf(sp)] = true
			}
		}
	}
	return w
}

// decisionEdit is one decision as an undoable edit of the gold document:
// the span and relation edits that make the gold hold what was chosen, and
// the choice recorded for the list, both undone together.
type decisionEdit struct {
	annotate.Batch
	choices  []choice
	site     int
	from, to choice
}

// Apply implements annotate.Edit.
func (e *decisionEdit) Apply(d *annotate.Document) error {
	if err := e.Batch.Apply(d); err != nil {
		return err
	}
	e.choices[e.site] = e.to
	return nil
}

// Revert implements annotate.Edit.
func (e *decisionEdit) Revert(d *annotate.Document) {
	e.Batch.Revert(d)
	e.choices[e.site] = e.from
}

// decide builds the edit that applies choice c at site i of ds: it removes
// the gold's spans of the site that c does not keep, adds those it keeps
// and the gold lacks (with name-based ids, like agree.Merge, and the
// annotator's note), and adds the chosen annotators' relations whose two
// ends the gold then holds.
//
// At a speaker site the edit makes the gold link the source to the chosen
// annotators' speakers, no more and no fewer, adding the source and
// speaker spans the gold lacks (agree.SetSpeakers); rejecting leaves the
// source without a speaker by that relation.
func (ds *docState) decide(i int, c choice, names []string) *decisionEdit {
	s := &ds.sites[i]
	gold := ds.gold
	want := s.wanted(c)
	e := &decisionEdit{choices: ds.choices, site: i, from: ds.choices[i], to: c}
	e.Name = fmt.Sprintf("%s %s", c.describe(names), s.kind)
	if s.speaker() {
		var speakers []annotate.Span
		for _, k := range s.keys {
			if want[k] {
				speakers = append(speakers, s.spanOf(k))
			}
		}
		e.Edits = agree.SetSpeakers(gold, s.source, s.relation, speakers)
		return e
	}
	ids := map[key]string{} // the gold's span id of every key it will hold
	for _, sp := range gold.Spans {
		if !sp.Suggested {
			ids[keyOf(sp)] = sp.ID
		}
	}
	for _, k := range s.keys {
		id, has := ids[k]
		switch {
		case has && !want[k]:
			e.Edits = append(e.Edits, &annotate.RemoveSpan{ID: id})
			delete(ids, k)
		case !has && want[k]:
			sp := s.spanOf(k)
			ns := annotate.Span{
				ID: goldSpanID(gold, k.start, k.end, k.label), Start: k.start, End: k.end,
				Label: k.label, Text: gold.Slice(k.start, k.end), Note: sp.Note,
			}
			e.Edits = append(e.Edits, &annotate.AddSpan{Span: ns})
			ids[k] = ns.ID
		}
	}
	type relKey struct {
		from, to, label string
	}
	have := map[relKey]bool{}
	for _, r := range gold.Relations {
		have[relKey{r.From, r.To, r.Label}] = true
	}
	for k, d := range ds.docs {
		if c != both && choice(k) != c {
			continue
		}
		byID := map[string]key{}
		for _, sp := range d.Spans {
			byID[sp.ID] = keyOf(sp)
		}
		for _, r := range d.Relations {
			kf, okF := byID[r.From]
			kt, okT := byID[r.To]
			if r.Suggested || !okF || !okT || !(want[kf] || want[kt]) {
				continue
			}
			from, okF := ids[kf]
			to, okT := ids[kt]
			rk := relKey{from, to, r.Label}
			if !okF || !okT || have[rk] {
				continue
			}
			have[rk] = true
			e.Edits = append(e.Edits, &annotate.AddRelation{Relation: annotate.Relation{
				ID: annotate.RelationID(from, to, r.Label), Label: r.Label, From: from, To: to,
			}})
		}
	}
	return e
}

// spanOf returns the first annotator's span with key k at s.
func (s *site) spanOf(k key) annotate.Span {
	for _, v := range s.versions {
		for _, sp := range v {
			if keyOf(sp) == k {
				return sp
			}
		}
	}
	return annotate.Span{}
}
