package annotate

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// ChoiceDef describes one group of document labels: labels that apply to
// a whole document (its stance, its topic) rather than to a span.
type ChoiceDef struct {
	Name string `toml:"name"`
	// Values are the group's values, in the order the panel shows them
	// and Ctrl+1…Ctrl+9 pick them.
	Values []string `toml:"values"`
	// Multiple lets a document have any number of the values; otherwise
	// it has at most one.
	Multiple bool `toml:"multiple"`
	// Keys, when given, are one key per value ("" for none) that toggles
	// it, like a label's key.
	Keys        []string `toml:"keys"`
	Description string   `toml:"description"`
}

// Key is the key of value i, or "".
func (c *ChoiceDef) Key(i int) string {
	if i < len(c.Keys) {
		return c.Keys[i]
	}
	return ""
}

// HasValue reports whether v is one of the group's values.
func (c *ChoiceDef) HasValue(v string) bool { return slices.Contains(c.Values, v) }

// ChoiceSeparator joins a group and a value where a format has one flat
// list of document labels ("stance:against"); group names may not hold it.
const ChoiceSeparator = ":"

// checkChoices checks the [[choice]] groups: names present, unique and
// without ChoiceSeparator, values present and unique, keys single
// characters that no label, relation or other value has.
func checkChoices(cs []ChoiceDef, file string, keys map[string]string) error {
	names := map[string]bool{}
	for i, c := range cs {
		where := fmt.Sprintf("%s: choice %d", file, i+1)
		switch {
		case strings.TrimSpace(c.Name) == "":
			return fmt.Errorf("%s: empty name", where)
		case names[c.Name]:
			return fmt.Errorf("%s: choice %q defined twice", where, c.Name)
		case strings.Contains(c.Name, ChoiceSeparator):
			return fmt.Errorf("%s: name %q may not contain %q", where, c.Name, ChoiceSeparator)
		case len(c.Values) == 0:
			return fmt.Errorf("%s: %q has no values", where, c.Name)
		case len(c.Keys) > len(c.Values):
			return fmt.Errorf("%s: %q has %d keys for %d values", where, c.Name, len(c.Keys), len(c.Values))
		}
		names[c.Name] = true
		seen := map[string]bool{}
		for _, v := range c.Values {
			if strings.TrimSpace(v) == "" {
				return fmt.Errorf("%s: %q has an empty value", where, c.Name)
			}
			if seen[v] {
				return fmt.Errorf("%s: %q has the value %q twice", where, c.Name, v)
			}
			seen[v] = true
		}
		for k, key := range c.Keys {
			if err := checkKey(key, c.Name+" "+c.Values[k], keys); err != nil {
				return fmt.Errorf("%s: %v", where, err)
			}
		}
	}
	return nil
}

// Choice returns the definition of the named group of document labels, or
// nil.
func (ls *LabelSet) Choice(name string) *ChoiceDef {
	for i := range ls.Choices {
		if ls.Choices[i].Name == name {
			return &ls.Choices[i]
		}
	}
	return nil
}

// ChoiceIndex returns the position of the named group in file order, or -1.
func (ls *LabelSet) ChoiceIndex(name string) int {
	for i := range ls.Choices {
		if ls.Choices[i].Name == name {
			return i
		}
	}
	return -1
}

// ChoiceValue is one value of one group of document labels.
type ChoiceValue struct {
	Group *ChoiceDef
	Value string
	// Index is the value's place among all the values of all groups, in
	// file order: Ctrl+(Index+1) toggles it when Index < 9.
	Index int
}

// ChoiceValues lists every value of every group, in file order.
func (ls *LabelSet) ChoiceValues() []ChoiceValue {
	var out []ChoiceValue
	for i := range ls.Choices {
		for _, v := range ls.Choices[i].Values {
			out = append(out, ChoiceValue{Group: &ls.Choices[i], Value: v, Index: len(out)})
		}
	}
	return out
}

// ChoiceForKey returns the value a key toggles, by its own key.
func (ls *LabelSet) ChoiceForKey(r rune) (ChoiceValue, bool) {
	k := string(r)
	for _, cv := range ls.ChoiceValues() {
		if key := cv.Group.Key(slices.Index(cv.Group.Values, cv.Value)); key != "" && strings.EqualFold(key, k) {
			return cv, true
		}
	}
	return ChoiceValue{}, false
}

// SplitChoice resolves one flat document label, as formats with a single
// list of them write it, to a group and a value: "GROUP:VALUE" when GROUP
// is a group of ls, else the first group of ls with that value, else the
// group DefaultChoiceGroup. The reverse is JoinChoice.
func SplitChoice(ls *LabelSet, flat string) (group, value string) {
	if g, v, ok := strings.Cut(flat, ChoiceSeparator); ok && g != "" {
		if ls == nil || ls.Choice(g) != nil || !ls.hasValue(flat) {
			return g, v
		}
	}
	if ls != nil {
		for i := range ls.Choices {
			if ls.Choices[i].HasValue(flat) {
				return ls.Choices[i].Name, flat
			}
		}
	}
	return DefaultChoiceGroup, flat
}

func (ls *LabelSet) hasValue(v string) bool {
	for i := range ls.Choices {
		if ls.Choices[i].HasValue(v) {
			return true
		}
	}
	return false
}

// JoinChoice is one group's value as a flat document label:
// "GROUP:VALUE".
func JoinChoice(group, value string) string { return group + ChoiceSeparator + value }

// DefaultChoiceGroup is the group of a flat document label that names
// none and that no group of the label set has (Prodigy's and doccano's own
// categories, "POSITIVE").
const DefaultChoiceGroup = "category"

// CloneChoices returns a deep copy of a document's choices (nil for none).
func CloneChoices(c map[string][]string) map[string][]string {
	if len(c) == 0 {
		return nil
	}
	out := make(map[string][]string, len(c))
	for g, vs := range c {
		out[g] = slices.Clone(vs)
	}
	return out
}

// ChoiceGroups returns the names of the groups that have a value, sorted:
// the order in which they are written.
func ChoiceGroups(c map[string][]string) []string {
	return slices.Sorted(maps.Keys(c))
}

// EqualChoices reports whether two documents' choices are the same: the
// same groups with the same sets of values (in any order).
func EqualChoices(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for g, va := range a {
		vb, ok := b[g]
		if !ok || !SameValues(va, vb) {
			return false
		}
	}
	return true
}

// SameValues reports whether two lists hold the same set of values.
func SameValues(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, v := range a {
		if !slices.Contains(b, v) {
			return false
		}
	}
	for _, v := range b {
		if !slices.Contains(a, v) {
			return false
		}
	}
	return true
}

// SetChoice gives one group of a document's labels its values (none:
// the group is cleared), as one undoable edit. Use ToggleChoice for what
// a key or a click does.
type SetChoice struct {
	Group  string
	Values []string

	old []string
}

// ToggleChoice is the edit that toggles value in group def of d: in a
// group of multiple values it is added or removed; otherwise it becomes
// the document's only value of the group, or is cleared when it was. The
// values stay in the group's order, then any it does not know in theirs.
func ToggleChoice(d *Document, def *ChoiceDef, value string) *SetChoice {
	cur := d.Choices[def.Name]
	var next []string
	switch {
	case slices.Contains(cur, value):
		next = slices.DeleteFunc(slices.Clone(cur), func(v string) bool { return v == value })
		if !def.Multiple {
			next = nil
		}
	case def.Multiple:
		next = append(slices.Clone(cur), value)
	default:
		next = []string{value}
	}
	return &SetChoice{Group: def.Name, Values: orderValues(def, next)}
}

// orderValues sorts values in the group's order, unknown ones last in
// their own order.
func orderValues(def *ChoiceDef, values []string) []string {
	pos := func(v string) int {
		if i := slices.Index(def.Values, v); i >= 0 {
			return i
		}
		return len(def.Values)
	}
	slices.SortStableFunc(values, func(a, b string) int { return pos(a) - pos(b) })
	return values
}

// Apply implements Edit.
func (e *SetChoice) Apply(d *Document) error {
	if e.Group == "" {
		return fmt.Errorf("a document label needs a group")
	}
	for i, v := range e.Values {
		if slices.Contains(e.Values[:i], v) {
			return fmt.Errorf("%s: value %q twice", e.Group, v)
		}
	}
	e.old = slices.Clone(d.Choices[e.Group])
	setChoice(d, e.Group, e.Values)
	return nil
}

// Revert implements Edit.
func (e *SetChoice) Revert(d *Document) { setChoice(d, e.Group, e.old) }

func setChoice(d *Document, group string, values []string) {
	if len(values) == 0 {
		delete(d.Choices, group)
		if len(d.Choices) == 0 {
			d.Choices = nil
		}
		return
	}
	if d.Choices == nil {
		d.Choices = map[string][]string{}
	}
	d.Choices[group] = slices.Clone(values)
}

// Describe implements Edit: "Set stance: against", "Clear stance".
func (e *SetChoice) Describe() string {
	if len(e.Values) == 0 {
		return "Clear " + e.Group
	}
	return "Set " + e.Group + ": " + strings.Join(e.Values, ", ")
}

// validateChoices reports the problems of d's document labels: empty or
// repeated values and, with a label set, groups and values it does not
// know and several values in a group of one.
func validateChoices(d *Document, ls *LabelSet) []Problem {
	if len(d.Choices) == 0 {
		return nil
	}
	var ps []Problem
	for _, g := range ChoiceGroups(d.Choices) {
		vs := d.Choices[g]
		where := fmt.Sprintf("choice %q", g)
		add := func(format string, args ...any) {
			ps = append(ps, Problem{Where: where, Message: fmt.Sprintf(format, args...)})
		}
		if g == "" {
			add("empty group name")
		}
		for i, v := range vs {
			switch {
			case v == "":
				add("empty value")
			case slices.Contains(vs[:i], v):
				add("value %q twice", v)
			case !utf8.ValidString(v):
				add("value is not UTF-8")
			}
		}
		if ls == nil {
			continue
		}
		def := ls.Choice(g)
		if def == nil {
			add("unknown group of document labels")
			continue
		}
		for _, v := range vs {
			if !def.HasValue(v) {
				add("unknown value %q (the group has %s)", v, strings.Join(def.Values, ", "))
			}
		}
		if !def.Multiple && len(vs) > 1 {
			add("%d values in a group of one (multiple = false)", len(vs))
		}
	}
	return ps
}
