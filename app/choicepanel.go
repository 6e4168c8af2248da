package app

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

// choicePanel sets the current document's labels (labels.toml's
// [[choice]] groups: its stance, its topics) from a bar under the label
// bar — document labels belong to the whole document, and a row there
// leaves the side panel's height to the span list, even at 800×600: each
// group's name ("stance, one of:"), then one chip per value, filled when
// the document has it, with the Ctrl+N that toggles it. The bar scrolls
// sideways when the groups are wider than the window. A click toggles the
// value as the key does (toggle).
type choicePanel struct {
	labels *annotate.LabelSet
	doc    func() *annotate.Document
	toggle func(group *annotate.ChoiceDef, value string)
	// chips are the value buttons, per group then per value.
	chips [][]*widget.Button
	box   *fyne.Container
	outer fyne.CanvasObject
}

// newChoicePanel makes the bar for the groups of labels (none: an empty
// bar that the window leaves out).
func newChoicePanel(labels *annotate.LabelSet, doc func() *annotate.Document, toggle func(*annotate.ChoiceDef, string)) *choicePanel {
	p := &choicePanel{labels: labels, doc: doc, toggle: toggle}
	items := []fyne.CanvasObject{widget.NewLabel("Document:")}
	n := 0
	for g := range labels.Choices {
		def := &labels.Choices[g]
		how := "one of"
		if def.Multiple {
			how = "any of"
		}
		if g > 0 {
			items = append(items, widget.NewSeparator())
		}
		items = append(items, widget.NewLabelWithStyle(def.Name+", "+how+":", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		var chips []*widget.Button
		for _, v := range def.Values {
			b := widget.NewButton(chipText(def, v, n), func() { p.toggle(def, v) })
			chips = append(chips, b)
			items = append(items, b)
			n++
		}
		p.chips = append(p.chips, chips)
	}
	p.box = container.NewHBox(items...)
	p.outer = container.NewHScroll(container.NewPadded(p.box))
	return p
}

// chipText is a value's chip: the value and the keys that toggle it (the
// n-th value of all is Ctrl+(n+1) up to 9, and its own key if it has one).
func chipText(def *annotate.ChoiceDef, value string, n int) string {
	var keys []string
	if n < 9 {
		keys = append(keys, "Ctrl+"+strconv.Itoa(n+1))
	}
	if k := def.Key(slices.Index(def.Values, value)); k != "" {
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return value
	}
	return fmt.Sprintf("%s  %s", value, strings.Join(keys, " / "))
}

func (p *choicePanel) object() fyne.CanvasObject { return p.outer }

// empty reports whether the label set has no document labels.
func (p *choicePanel) empty() bool { return len(p.labels.Choices) == 0 }

// refresh shows the current document's values: a value it has is a filled
// chip.
func (p *choicePanel) refresh() {
	d := p.doc()
	for g, chips := range p.chips {
		def := &p.labels.Choices[g]
		for k, b := range chips {
			imp := widget.MediumImportance
			if slices.Contains(d.Choices[def.Name], def.Values[k]) {
				imp = widget.HighImportance
			}
			if b.Importance != imp {
				b.Importance = imp
				b.Refresh()
			}
		}
	}
}

// Chosen is the panel's values as shown, "group:value" in panel order,
// for tests.
func (p *choicePanel) Chosen() []string {
	var out []string
	for g, chips := range p.chips {
		for k, b := range chips {
			if b.Importance == widget.HighImportance {
				out = append(out, annotate.JoinChoice(p.labels.Choices[g].Name, p.labels.Choices[g].Values[k]))
			}
		}
	}
	return out
}

// ToggleChoice toggles value n of all the document label values in file
// order (Ctrl+(n+1)) on the current document, as one undoable edit.
func (w *Window) ToggleChoice(n int) {
	values := w.labels.ChoiceValues()
	if n < 0 || n >= len(values) {
		if len(values) == 0 {
			w.status.message("This label set has no document labels: add [[choice]] groups to labels.toml")
		}
		return
	}
	w.toggleChoice(values[n].Group, values[n].Value)
}

// toggleChoice toggles value in group def of the current document and
// says what the document's group holds now.
func (w *Window) toggleChoice(def *annotate.ChoiceDef, value string) {
	e := annotate.ToggleChoice(w.Document(), def, value)
	if !w.do(e) {
		return
	}
	if len(e.Values) == 0 {
		w.status.message("Document label " + def.Name + " cleared")
	} else {
		w.status.message("Document label " + def.Name + ": " + strings.Join(e.Values, ", "))
	}
	w.focusView()
}

// choiceItems are the Document menu's items for the document labels: one
// per value up to the ninth, with its Ctrl+N, checked when the document
// has it.
func (w *Window) choiceItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, cv := range w.labels.ChoiceValues() {
		if cv.Index >= 9 {
			break
		}
		it := item(cv.Group.Name+": "+cv.Value, ctrl(fyne.KeyName(strconv.Itoa(cv.Index+1))), func() { w.ToggleChoice(cv.Index) })
		items = append(items, it)
	}
	w.items.choices = items
	return items
}

// refreshChoiceItems checks the menu items of the values the current
// document has.
func (w *Window) refreshChoiceItems() {
	d := w.Document()
	for _, cv := range w.labels.ChoiceValues() {
		if cv.Index < len(w.items.choices) {
			w.items.choices[cv.Index].Checked = slices.Contains(d.Choices[cv.Group.Name], cv.Value)
		}
	}
}
