package annotate

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
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

var tomlLineError = regexp.MustCompile(`^toml: line (\d+)(?: \(last key "([^"]*)"\))?: (.*)$`)

// MaxLabels is the most labels (and, apart, relations) a label set may
// define: the label bar cannot show more, and CoNLL writes a column per
// label.
const MaxLabels = 1000

// ParseLabelSet reads a label set from TOML and checks it: names present,
// writable (CheckLabelName) and unique, keys single characters and unique
// ignoring case (key lookup ignores case), colours #rrggbb, relation ends
// naming known labels. name is used in error messages, which are
// "NAME:LINE: what is wrong".
func ParseLabelSet(data []byte, name string) (*LabelSet, error) {
	return parseLabelSet(data, name, false)
}

// ParseLabelSetTables reads the label set of a TOML file that holds other
// settings too (a project's gloss.toml): its [[label]] and [[relation]]
// tables (and [[choice]], which it does not know yet), checked as
// ParseLabelSet checks them, with errors naming lines of data itself.
// Other keys are left to the caller.
func ParseLabelSetTables(data []byte, name string) (*LabelSet, error) {
	return parseLabelSet(data, name, true)
}

func parseLabelSet(data []byte, name string, others bool) (*LabelSet, error) {
	var ls LabelSet
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&ls)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) && pe.Position.Line > 0 {
			return nil, fmt.Errorf("%s:%d: %s", name, pe.Position.Line, pe.Message)
		}
		// Type errors come as "toml: line N (last key "K"): what".
		if m := tomlLineError.FindStringSubmatch(err.Error()); m != nil {
			if m[2] != "" {
				return nil, fmt.Errorf("%s:%s: %s: %s", name, m[1], m[2], m[3])
			}
			return nil, fmt.Errorf("%s:%s: %s", name, m[1], m[3])
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	lines := tomlLinesOf(data)
	for _, k := range md.Undecoded() {
		if others && k[0] != "label" && k[0] != "relation" && k[0] != "choice" {
			continue
		}
		return nil, fmt.Errorf("%s:%d: unknown key %q", name, lines.keyLine(k), k.String())
	}
	if len(ls.Labels) == 0 {
		return nil, fmt.Errorf("%s: no [[label]] defined", name)
	}
	if len(ls.Labels) > MaxLabels || len(ls.Relations) > MaxLabels {
		return nil, fmt.Errorf("%s: %d labels and %d relations: at most %d of each", name, len(ls.Labels), len(ls.Relations), MaxLabels)
	}
	at := func(table string, i int, key, format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s %d: %s", name, lines.line(table, i, key), table, i+1, fmt.Sprintf(format, args...))
	}
	names := map[string]bool{}
	keys := map[string]string{}
	for i, l := range ls.Labels {
		if err := CheckLabelName(l.Name); err != nil {
			return nil, at("label", i, "name", "%v", err)
		}
		if names[l.Name] {
			return nil, at("label", i, "name", "label %q defined twice", l.Name)
		}
		names[l.Name] = true
		if err := checkKey(l.Key, l.Name, keys); err != nil {
			return nil, at("label", i, "key", "%v", err)
		}
		if l.Color == "" {
			ls.Labels[i].Color = fallbackColors[i%len(fallbackColors)]
		} else if _, err := ParseColor(l.Color); err != nil {
			return nil, at("label", i, "color", "%v", err)
		}
	}
	rels := map[string]bool{}
	for i, r := range ls.Relations {
		if err := CheckLabelName(r.Name); err != nil {
			return nil, at("relation", i, "name", "%v", err)
		}
		if rels[r.Name] || names[r.Name] {
			return nil, at("relation", i, "name", "name %q defined twice", r.Name)
		}
		rels[r.Name] = true
		if err := checkKey(r.Key, r.Name, keys); err != nil {
			return nil, at("relation", i, "key", "%v", err)
		}
		for _, end := range r.From {
			if !names[end] {
				return nil, at("relation", i, "from", "%q links unknown label %q", r.Name, end)
			}
		}
		for _, end := range r.To {
			if !names[end] {
				return nil, at("relation", i, "to", "%q links unknown label %q", r.Name, end)
			}
		}
	}
	if err := checkChoices(ls.Choices, name, keys); err != nil {
		return nil, err
	}
	return &ls, nil
}

// checkKey checks a label's key: one character, not 1–9, and not another
// label's key in either case, because LabelForKey ignores case.
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
	folded := strings.ToLower(key)
	if other, ok := seen[folded]; ok {
		return fmt.Errorf("key %q of %q is already %q's (keys match ignoring case)", key, owner, other)
	}
	seen[folded] = owner
	return nil
}

// tomlLines places the entries of a label set file: the line of each
// [[TABLE]] header and of each key = value line in it, so that errors
// found after decoding can name a line (the TOML decoder keeps its
// positions to itself). Multi-line strings are stepped over.
type tomlLines struct {
	headers map[string][]int            // table → header line of each entry
	keys    map[string][]map[string]int // table → per entry, key → line
}

func tomlLinesOf(data []byte) tomlLines {
	// Keys before the first table header are table "", entry 0.
	t := tomlLines{headers: map[string][]int{"": {0}}, keys: map[string][]map[string]int{"": {{}}}}
	table := ""
	inString := ""
	for n, line := range strings.Split(string(data), "\n") {
		if inString != "" {
			if strings.Count(line, inString)%2 == 1 {
				inString = ""
			}
			continue
		}
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "[[") {
			if end := strings.Index(trimmed, "]]"); end > 0 {
				table = strings.TrimSpace(trimmed[2:end])
				t.headers[table] = append(t.headers[table], n+1)
				t.keys[table] = append(t.keys[table], map[string]int{})
			}
			continue
		}
		if strings.HasPrefix(trimmed, "[") {
			// A plain [table]: its keys belong to no entry placed here.
			if end := strings.Index(trimmed, "]"); end > 0 {
				table = "[" + strings.TrimSpace(trimmed[1:end]) + "]"
				t.headers[table] = append(t.headers[table], n+1)
				t.keys[table] = append(t.keys[table], map[string]int{})
			}
			continue
		}
		key, value, ok := strings.Cut(trimmed, "=")
		if !ok || strings.HasPrefix(trimmed, "#") {
			continue
		}
		key = strings.Trim(strings.TrimSpace(key), `"'`)
		entries := t.keys[table]
		if m := entries[len(entries)-1]; m[key] == 0 {
			m[key] = n + 1
		}
		for _, q := range []string{`"""`, "'''"} {
			if strings.Count(value, q)%2 == 1 {
				inString = q
			}
		}
	}
	return t
}

// line is the line of key in entry i of table, else of the entry's
// header, else 0.
func (t tomlLines) line(table string, i int, key string) int {
	if entries := t.keys[table]; i < len(entries) {
		if n := entries[i][key]; n > 0 {
			return n
		}
		return t.headers[table][i]
	}
	return 0
}

// keyLine is the first line where the key path k (say label.colour) is
// set.
func (t tomlLines) keyLine(k toml.Key) int {
	if len(k) == 1 {
		return t.keys[""][0][k[0]]
	}
	for i := range t.keys[k[0]] {
		if n := t.keys[k[0]][i][k[len(k)-1]]; n > 0 {
			return n
		}
	}
	return 0
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
