package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"

	"gloss/annotate"
)

// linking is the relation being made in the view's link mode.
type linking struct {
	rel    string // the relation's name, "" outside link mode
	source string // its source span
}

// relationTitle names a relation for menus: "SAID_BY" → "Said By".
func relationTitle(name string) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '_' || r == ' ' || r == '-' })
	for i, w := range words {
		r := []rune(w)
		words[i] = strings.ToUpper(string(r[:1])) + string(r[1:])
	}
	return strings.Join(words, " ")
}

// relationForKey returns the relation whose key the typed character name
// is, or nil. Only the lower-case character counts: Fyne reports a letter
// key twice, as the key "S" and as the character "s", and only the
// character must start a relation.
func (w *Window) relationForKey(name fyne.KeyName) *annotate.RelationDef {
	for i := range w.labels.Relations {
		r := &w.labels.Relations[i]
		if r.Key != "" && string(name) == strings.ToLower(r.Key) {
			return r
		}
	}
	return nil
}

// onKey is the view's OnKey: the relation keys, and Enter on a suggestion.
// It returns true for a key it handled.
func (w *Window) onKey(ev *fyne.KeyEvent) bool {
	if w.view.LinkSource() != "" {
		// Link mode: the view owns Tab, Enter and Esc. A second press of
		// a relation key is swallowed rather than starting over.
		return w.relationForKey(ev.Name) != nil
	}
	if r := w.relationForKey(ev.Name); r != nil {
		w.StartRelation(r.Name)
		return true
	}
	// A document label value's own key (labels.toml's keys), taken from
	// typed characters only, as the view sends them.
	if r := []rune(string(ev.Name)); ev.Physical == (fyne.HardwareKey{}) && len(r) == 1 {
		if cv, ok := w.labels.ChoiceForKey(r[0]); ok {
			w.toggleChoice(cv.Group, cv.Value)
			return true
		}
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if id := w.view.SelectedSpan(); id != "" {
			if s, e := w.view.Selection(); s == e {
				return w.AcceptSuggestion(id)
			}
		}
	}
	return false
}

// StartRelation starts link mode for relation rel ("SAID_BY") from the
// selected span: the next valid target clicked, or chosen with Tab and
// Enter, completes it (linkChosen); Esc cancels.
func (w *Window) StartRelation(rel string) {
	def := w.labels.Relation(rel)
	if def == nil {
		w.status.message(fmt.Sprintf("The label set has no relation %s", rel))
		return
	}
	title := relationTitle(def.Name)
	d := w.Document()
	i := d.SpanByID(w.view.SelectedSpan())
	if i < 0 {
		w.status.message(fmt.Sprintf("%s: select a %s first (Tab goes from span to span)", title, strings.Join(def.From, " or ")))
		return
	}
	src := d.Spans[i]
	if !slices.Contains(def.From, src.Label) {
		w.status.message(fmt.Sprintf("%s links a %s, not a %s", title, strings.Join(def.From, " or "), src.Label))
		return
	}
	valid := func(s annotate.Span) bool { return w.labels.Allows(def.Name, src.Label, s.Label) }
	if !slices.ContainsFunc(d.Spans, func(s annotate.Span) bool { return s.ID != src.ID && valid(s) }) {
		w.status.message(fmt.Sprintf("%s: label a %s first", title, strings.Join(def.To, " or ")))
		return
	}
	w.link = linking{rel: def.Name, source: src.ID}
	w.view.SetLinkTargets(valid)
	w.view.SetLinkSource(src.ID)
	w.status.message(fmt.Sprintf("%s: click the %s, or Tab and Enter; Esc cancels", title, targetWord(def)))
	w.focusView()
}

// targetWord is what the status bar asks the user to pick.
func targetWord(def *annotate.RelationDef) string {
	if def.Name == "SAID_BY" {
		return "speaker"
	}
	return strings.Join(def.To, " or ")
}

// linkChosen is the view's OnLinkChosen: it makes the relation from the
// link source to target as one undoable edit. A source has one relation of
// each kind: a new one replaces the old (one Batch), since a quote has one
// speaker; choosing the same target again changes nothing.
func (w *Window) linkChosen(target string) {
	l := w.link
	w.link = linking{}
	if l.rel == "" {
		return
	}
	d := w.Document()
	var edits []annotate.Edit
	for _, r := range d.Relations {
		if r.From != l.source || r.Label != l.rel {
			continue
		}
		if r.To == target && !r.Suggested {
			w.status.message("Already linked: nothing changed")
			w.view.SelectSpan(l.source)
			return
		}
		edits = append(edits, &annotate.RemoveRelation{ID: r.ID})
	}
	rel := annotate.NewRelation(l.rel, l.source, target)
	edits = append(edits, &annotate.AddRelation{Relation: rel})
	var e annotate.Edit = edits[0]
	if len(edits) > 1 {
		e = &annotate.Batch{Name: "Change " + l.rel, Edits: edits}
	}
	if w.do(e) {
		w.status.message(fmt.Sprintf("%q %s %s", snippet(spanText(d, l.source), 30),
			strings.ToLower(relationTitle(l.rel)), snippet(spanText(d, target), 30)))
	}
	w.view.SelectSpan(l.source)
}

// linkCancelled is the view's OnLinkCancelled.
func (w *Window) linkCancelled() {
	if w.link.rel != "" {
		w.status.message(relationTitle(w.link.rel) + " cancelled")
	}
	w.link = linking{}
}

// spanText is the text of span id, or "".
func spanText(d *annotate.Document, id string) string {
	if i := d.SpanByID(id); i >= 0 {
		return d.Spans[i].Text
	}
	return ""
}

// RemoveRelations removes the relations named rel ("" for any) that start
// or end at span id (the selected one when id is ""), as one undoable
// edit.
func (w *Window) RemoveRelations(id, rel string) {
	if id == "" {
		id = w.view.SelectedSpan()
	}
	if id == "" {
		w.status.message("Select a span first")
		return
	}
	var edits []annotate.Edit
	for _, r := range w.Document().Relations {
		if (r.From == id || r.To == id) && (rel == "" || r.Label == rel) {
			edits = append(edits, &annotate.RemoveRelation{ID: r.ID})
		}
	}
	name := "relations"
	if rel != "" {
		name = relationTitle(rel)
	}
	switch len(edits) {
	case 0:
		w.status.message("The span has no " + name)
	case 1:
		w.do(edits[0])
	default:
		w.do(&annotate.Batch{Name: "Delete " + name, Edits: edits})
	}
}

// listNameMax is how many code points of a name the span list's relation
// caption keeps, as the view's captions do; the row cuts it further when
// it is narrow.
const listNameMax = 24

// relationCaption is what the span list shows after span id: the spans its
// relations lead to ("— Çavusoglu" for SAID_BY, "→ name" for others, as the
// view's captions), else what it is the target of ("← 1 quote").
func relationCaption(d *annotate.Document, id string) string {
	var names, from []string
	prefix := "— "
	for _, r := range d.Relations {
		switch id {
		case r.From:
			if i := d.SpanByID(r.To); i >= 0 {
				names = append(names, snippet(d.Spans[i].Text, listNameMax))
				if r.Label != "SAID_BY" {
					prefix = "→ "
				}
			}
		case r.To:
			if i := d.SpanByID(r.From); i >= 0 {
				from = append(from, d.Spans[i].Label)
			}
		}
	}
	switch {
	case len(names) > 0:
		return prefix + strings.Join(names, ", ")
	case len(from) == 0:
		return ""
	case len(from) == 1:
		return "← 1 " + strings.ToLower(from[0])
	}
	return fmt.Sprintf("← %d spans", len(from))
}

// relationItems are the Edit menu's items for each relation of the label
// set: start it (its key shown in the label) and remove it.
func (w *Window) relationItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, r := range w.labels.Relations {
		title := relationTitle(r.Name)
		label := title + "…"
		if r.Key != "" {
			label += " (" + strings.ToUpper(r.Key) + ")"
		}
		items = append(items,
			fyne.NewMenuItem(label, func() { w.StartRelation(r.Name) }),
			fyne.NewMenuItem("Remove "+title, func() { w.RemoveRelations("", r.Name) }))
	}
	return items
}
