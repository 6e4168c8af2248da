package annotate

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"gloss/assets"
)

// LabelDef describes one span label.
type LabelDef struct {
	Name        string `toml:"name"`
	Key         string `toml:"key"`
	Color       string `toml:"color"`
	Description string `toml:"description"`
}

// RelationDef describes one relation label and which span labels it may
// link, from → to.
type RelationDef struct {
	Name        string   `toml:"name"`
	Key         string   `toml:"key"`
	From        []string `toml:"from"`
	To          []string `toml:"to"`
	Description string   `toml:"description"`
}

// LabelSet is the labels, relations and document-label groups a project
// annotates with, in file order.
type LabelSet struct {
	Labels    []LabelDef    `toml:"label"`
	Relations []RelationDef `toml:"relation"`
	// Choices are the groups of document labels (stance, topic, …).
	Choices []ChoiceDef `toml:"choice"`
	// Guidelines names the team's annotation guidelines (Markdown),
	// relative to the labels file's folder; "" means guidelines.md beside
	// it, when there is one.
	Guidelines string `toml:"guidelines"`
}

// builtinLabels is assets/labels.toml, parsed once: commands, suggestions
// and agreement ask for the built-in set per document of large corpora.
var builtinLabels = sync.OnceValue(func() *LabelSet {
	ls, err := ParseLabelSet(assets.LabelsTOML, "labels.toml")
	if err != nil {
		panic("built-in labels.toml: " + err.Error())
	}
	return ls
})

// DefaultLabelSet returns the built-in label set from assets/labels.toml,
// a copy of its own that the caller may change.
func DefaultLabelSet() *LabelSet { return builtinLabels().Clone() }

// Clone returns a deep copy of the label set.
func (ls *LabelSet) Clone() *LabelSet {
	c := &LabelSet{Labels: slices.Clone(ls.Labels), Relations: slices.Clone(ls.Relations),
		Choices: slices.Clone(ls.Choices), Guidelines: ls.Guidelines}
	for i := range c.Relations {
		c.Relations[i].From = slices.Clone(c.Relations[i].From)
		c.Relations[i].To = slices.Clone(c.Relations[i].To)
	}
	for i := range c.Choices {
		c.Choices[i].Values = slices.Clone(c.Choices[i].Values)
		c.Choices[i].Keys = slices.Clone(c.Choices[i].Keys)
	}
	return c
}

// ParseLabelSet reads a label set from TOML and checks it: names present and
// unique, keys single characters and unique, colours #rrggbb, relation ends
// naming known labels. name is used in error messages.
func ParseLabelSet(data []byte, name string) (*LabelSet, error) {
	var ls LabelSet
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&ls)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, fmt.Errorf("%s: unknown key %q", name, und[0].String())
	}
	if len(ls.Labels) == 0 {
		return nil, fmt.Errorf("%s: no [[label]] defined", name)
	}
	names := map[string]bool{}
	keys := map[string]string{}
	for i, l := range ls.Labels {
		where := fmt.Sprintf("%s: label %d", name, i+1)
		if strings.TrimSpace(l.Name) == "" {
			return nil, fmt.Errorf("%s: empty name", where)
		}
		if names[l.Name] {
			return nil, fmt.Errorf("%s: label %q defined twice", where, l.Name)
		}
		names[l.Name] = true
		if err := checkKey(l.Key, l.Name, keys); err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		if l.Color == "" {
			ls.Labels[i].Color = fallbackColors[i%len(fallbackColors)]
		} else if _, err := ParseColor(l.Color); err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
	}
	rels := map[string]bool{}
	for i, r := range ls.Relations {
		where := fmt.Sprintf("%s: relation %d", name, i+1)
		if strings.TrimSpace(r.Name) == "" {
			return nil, fmt.Errorf("%s: empty name", where)
		}
		if rels[r.Name] || names[r.Name] {
			return nil, fmt.Errorf("%s: name %q defined twice", where, r.Name)
		}
		rels[r.Name] = true
		if err := checkKey(r.Key, r.Name, keys); err != nil {
			return nil, fmt.Errorf("%s: %v", where, err)
		}
		for _, end := range slices.Concat(r.From, r.To) {
			if !names[end] {
				return nil, fmt.Errorf("%s: %q links unknown label %q", where, r.Name, end)
			}
		}
	}
	if err := checkChoices(ls.Choices, name, keys); err != nil {
		return nil, err
	}
	return &ls, nil
}

func checkKey(key, owner string, seen map[string]string) error {
	if key == "" {
		return nil
	}
	if utf8.RuneCountInString(key) != 1 {
		return fmt.Errorf("key %q of %q must be one character", key, owner)
	}
	if key >= "1" && key <= "9" {
		return fmt.Errorf("key %q of %q is taken: 1–9 pick labels by position", key, owner)
	}
	if other, ok := seen[key]; ok {
		return fmt.Errorf("key %q of %q is already %q's", key, owner, other)
	}
	seen[key] = owner
	return nil
}

// fallbackColors colour labels that name none (Tableau 10).
var fallbackColors = []string{
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
	"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
}

// RGB is a colour parsed from #rrggbb.
type RGB struct{ R, G, B uint8 }

// ParseColor parses "#rrggbb".
func ParseColor(s string) (RGB, error) {
	var c RGB
	if len(s) != 7 || s[0] != '#' {
		return c, fmt.Errorf("colour %q is not #rrggbb", s)
	}
	if _, err := fmt.Sscanf(s[1:], "%02x%02x%02x", &c.R, &c.G, &c.B); err != nil {
		return c, fmt.Errorf("colour %q is not #rrggbb", s)
	}
	return c, nil
}

// Label returns the definition of the named label, or nil.
func (ls *LabelSet) Label(name string) *LabelDef {
	for i := range ls.Labels {
		if ls.Labels[i].Name == name {
			return &ls.Labels[i]
		}
	}
	return nil
}

// LabelIndex returns the position of the named label in file order, or -1.
func (ls *LabelSet) LabelIndex(name string) int {
	for i := range ls.Labels {
		if ls.Labels[i].Name == name {
			return i
		}
	}
	return -1
}

// Relation returns the definition of the named relation, or nil.
func (ls *LabelSet) Relation(name string) *RelationDef {
	for i := range ls.Relations {
		if ls.Relations[i].Name == name {
			return &ls.Relations[i]
		}
	}
	return nil
}

// LabelForKey returns the label a key picks: its own key, or 1–9 by
// position. It returns nil when the key picks none.
func (ls *LabelSet) LabelForKey(r rune) *LabelDef {
	if r >= '1' && r <= '9' {
		if i := int(r - '1'); i < len(ls.Labels) {
			return &ls.Labels[i]
		}
		return nil
	}
	k := string(r)
	for i := range ls.Labels {
		if strings.EqualFold(ls.Labels[i].Key, k) {
			return &ls.Labels[i]
		}
	}
	return nil
}

// Allows reports whether relation rel may link a span labelled from to one
// labelled to.
func (ls *LabelSet) Allows(rel, from, to string) bool {
	r := ls.Relation(rel)
	return r != nil && slices.Contains(r.From, from) && slices.Contains(r.To, to)
}
