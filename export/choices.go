package export

import (
	"fmt"
	"slices"

	"gloss/annotate"
)

// This file holds what the codecs share about document labels
// (annotate.Document.Choices): the native "choices" object, the flat
// "GROUP:VALUE" lists of formats that have one list of document labels
// (doccano's "cats", Prodigy's "accept"), and the note of writers whose
// format has none (brat, CoNLL).

// parseChoices reads the native "choices" object: each member a group,
// its value an array of distinct strings. null and empty arrays give no
// group (DESIGN.md: a key only for groups that have a value).
func parseChoices(sc *scanner) (map[string][]string, error) {
	if sc.null() {
		return nil, nil
	}
	if sc.peek() != '{' {
		return nil, sc.fail(`"choices" must be an object of arrays of strings`)
	}
	var out map[string][]string
	err := sc.object(func(key []byte) error {
		group := string(key)
		if _, dup := out[group]; dup {
			return fmt.Errorf("choices: group %q twice", group)
		}
		values, err := stringList(sc, "choices."+group)
		if err != nil {
			return err
		}
		if len(values) > 0 {
			if out == nil {
				out = map[string][]string{}
			}
			out[group] = values
		}
		return nil
	})
	return out, err
}

// stringList reads an array of strings (null: none); what names it in
// errors.
func stringList(sc *scanner, what string) ([]string, error) {
	if sc.null() {
		return nil, nil
	}
	if sc.peek() != '[' {
		return nil, sc.fail("%q must be an array of strings", what)
	}
	var out []string
	err := sc.array(func() error {
		if sc.peek() != '"' {
			return sc.fail("%q must be an array of strings", what)
		}
		v, err := sc.label()
		out = append(out, v)
		return err
	})
	return out, err
}

// appendChoices appends ,"choices":{…} with the groups sorted by name,
// or nothing when the document has none.
func appendChoices(buf []byte, choices map[string][]string) []byte {
	if len(choices) == 0 {
		return buf
	}
	buf = append(buf, `,"choices":{`...)
	for i, g := range annotate.ChoiceGroups(choices) {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendString(buf, g)
		buf = append(buf, ':')
		buf = appendStringList(buf, choices[g])
	}
	return append(buf, '}')
}

func appendStringList(buf []byte, list []string) []byte {
	buf = append(buf, '[')
	for i, v := range list {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = appendString(buf, v)
	}
	return append(buf, ']')
}

// flatChoices lists a document's labels as "GROUP:VALUE", groups in label
// set order (then the others by name), values as stored.
func flatChoices(d *annotate.Document, ls *annotate.LabelSet) []string {
	var out []string
	for _, g := range choiceGroupOrder(d.Choices, ls) {
		for _, v := range d.Choices[g] {
			out = append(out, annotate.JoinChoice(g, v))
		}
	}
	return out
}

// choiceGroupOrder is the groups of choices in the label set's order, then
// those it does not know by name.
func choiceGroupOrder(choices map[string][]string, ls *annotate.LabelSet) []string {
	groups := annotate.ChoiceGroups(choices)
	slices.SortStableFunc(groups, func(a, b string) int {
		ia, ib := ls.ChoiceIndex(a), ls.ChoiceIndex(b)
		if ia < 0 {
			ia = len(ls.Choices)
		}
		if ib < 0 {
			ib = len(ls.Choices)
		}
		return ia - ib
	})
	return groups
}

// addFlatChoice adds one flat document label to d (see
// annotate.SplitChoice), once.
func addFlatChoice(d *annotate.Document, ls *annotate.LabelSet, flat string) {
	g, v := annotate.SplitChoice(ls, flat)
	if slices.Contains(d.Choices[g], v) {
		return
	}
	if d.Choices == nil {
		d.Choices = map[string][]string{}
	}
	d.Choices[g] = append(d.Choices[g], v)
}

// choiceDrops counts the documents whose labels a writer left out because
// its format cannot carry them; warn says so once, at Close. spanDrops
// holds one, so that every writer that drops spans it cannot mark (brat,
// CoNLL, …) also names the document labels it drops.
type choiceDrops struct {
	format string
	docs   int
	values int
}

// drop counts d's document labels, if it has any.
func (c *choiceDrops) drop(d *annotate.Document) {
	if len(d.Choices) == 0 {
		return
	}
	c.docs++
	for _, vs := range d.Choices {
		c.values += len(vs)
	}
}

func (c *choiceDrops) warn(opt Options) {
	if c.docs > 0 {
		opt.warn("%s: left out the document labels (choices) of %d document(s), %d value(s): the format has no place for them (export to jsonl, doccano, prodigy or labelstudio to keep them)", c.format, c.docs, c.values)
	}
}
