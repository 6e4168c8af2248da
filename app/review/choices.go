package review

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
)

// choiceStrip shows the open document's labels (labels.toml's [[choice]]
// groups) above the gold: per group, the gold's values and one button per
// annotator with theirs ("1 ana: against"), filled when the gold has the
// same, and a check mark before the groups they all agree on; a click takes that annotator's values of the group into the gold,
// and Ctrl+N takes annotator N's values of every group (one undo step
// each). With no group in the label set the strip is empty and hidden.
type choiceStrip struct {
	s *Screen
	// groups are the label set's groups (a file's document labels are
	// checked against them when the review loads).
	groups []string
	box    *fyne.Container
	// rows are, per group, the gold's label and the annotators' buttons.
	gold  []*widget.Label
	takes [][]*widget.Button
}

// newChoiceStrip makes the strip for the screen's corpus.
func newChoiceStrip(s *Screen) *choiceStrip {
	cs := &choiceStrip{s: s, box: container.NewVBox()}
	for _, g := range s.labels.Choices {
		cs.groups = append(cs.groups, g.Name)
	}
	if len(cs.groups) == 0 {
		cs.box.Hide()
		return cs
	}
	cs.box.Add(small("Document labels: a click takes an annotator's values into the gold; Ctrl+N takes all of annotator N's"))
	for _, g := range cs.groups {
		gold := truncated("", true)
		var btns []*widget.Button
		row := container.NewHBox()
		for k := range s.c.names {
			b := widget.NewButton("", func() { s.TakeChoices(k, g) })
			btns = append(btns, b)
			row.Add(b)
		}
		cs.gold = append(cs.gold, gold)
		cs.takes = append(cs.takes, btns)
		cs.box.Add(container.NewBorder(nil, nil, container.New(&fixedWidth{w: 250}, gold), nil, container.NewHScroll(row)))
	}
	return cs
}

// values says a list of values, "—" for none.
func values(vs []string) string {
	if len(vs) == 0 {
		return "—"
	}
	return strings.Join(vs, ", ")
}

// refresh shows the open document's values.
func (cs *choiceStrip) refresh() {
	if len(cs.groups) == 0 {
		return
	}
	ds := cs.s.doc()
	for i, g := range cs.groups {
		want := ds.gold.Choices[g]
		agreed := true
		for k, b := range cs.takes[i] {
			have := ds.docs[k].Choices[g]
			agreed = agreed && annotate.SameValues(have, ds.docs[0].Choices[g])
			b.SetText(fmt.Sprintf("%d %s: %s", k+1, cs.s.c.names[k], values(have)))
			imp := widget.MediumImportance
			if annotate.SameValues(have, want) {
				imp = widget.HighImportance
			}
			if b.Importance != imp {
				b.Importance = imp
				b.Refresh()
			}
		}
		// A check mark where every annotator gave the same: the eye goes
		// to the groups without one.
		mark := ""
		if agreed {
			mark = "✓ "
		}
		cs.gold[i].SetText(mark + g + " — gold: " + values(want))
	}
}

// TakeChoices puts annotator k's values of group into the open
// document's gold, as one undoable step.
func (s *Screen) TakeChoices(k int, group string) {
	ds := s.doc()
	if k < 0 || k >= len(ds.docs) {
		return
	}
	have := ds.docs[k].Choices[group]
	if annotate.SameValues(have, ds.gold.Choices[group]) {
		s.status.SetText(fmt.Sprintf("The gold's %s is already %s", group, values(have)))
		return
	}
	if err := s.sess.Do(&annotate.SetChoice{Group: group, Values: slices.Clone(have)}); err != nil {
		s.showError(err)
		return
	}
	s.status.SetText(fmt.Sprintf("Gold %s: %s (from %s)", group, values(have), s.c.names[k]))
}

// TakeAllChoices puts every group's values of annotator k into the open
// document's gold, as one undoable step (Ctrl+(k+1)).
func (s *Screen) TakeAllChoices(k int) {
	ds := s.doc()
	if k < 0 || k >= len(ds.docs) || len(s.choices.groups) == 0 {
		return
	}
	var edits []annotate.Edit
	for _, g := range s.choices.groups {
		if have := ds.docs[k].Choices[g]; !annotate.SameValues(have, ds.gold.Choices[g]) {
			edits = append(edits, &annotate.SetChoice{Group: g, Values: slices.Clone(have)})
		}
	}
	if len(edits) == 0 {
		s.status.SetText("The gold's document labels are already " + s.c.names[k] + "'s")
		return
	}
	name := "Take " + s.c.names[k] + "'s document labels"
	if err := s.sess.Do(&annotate.Batch{Name: name, Edits: edits}); err != nil {
		s.showError(err)
		return
	}
	s.status.SetText(fmt.Sprintf("Gold document labels from %s (%d group(s))", s.c.names[k], len(edits)))
}

// choiceItems are the Review menu's Ctrl+N items, one per annotator up
// to the ninth, when there are document labels.
func (s *Screen) choiceItems(item func(string, fyne.Shortcut, func()) *fyne.MenuItem) []*fyne.MenuItem {
	if len(s.choices.groups) == 0 {
		return nil
	}
	items := []*fyne.MenuItem{fyne.NewMenuItemSeparator()}
	for k, name := range s.c.names {
		if k >= 9 {
			break
		}
		items = append(items, item("Take Document Labels of "+strconv.Itoa(k+1)+" "+name,
			shortcut(fyne.KeyName(strconv.Itoa(k+1)), fyne.KeyModifierShortcutDefault), func() { s.TakeAllChoices(k) }))
	}
	return items
}
