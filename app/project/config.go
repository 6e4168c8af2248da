package project

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"gloss/annotate"
	"gloss/export"
)

// Config is a project's gloss.toml: who annotates, who reviews, which
// labels, and who was given which documents.
type Config struct {
	// Name names the project in titles and reports.
	Name string
	// LabelsFile is the label-set file, relative to the project folder;
	// "" when the labels are inline ([[label]] tables in gloss.toml) or the
	// built-in set.
	LabelsFile string
	// Inline is the label set written inline in gloss.toml, or nil.
	Inline *annotate.LabelSet
	// Annotators are the annotators' names, in file order.
	Annotators []string
	// Reviewer is the person who adjudicates gold.jsonl; "" for none.
	Reviewer string
	// Overlap is how many annotators each new document is given to.
	Overlap int
	// Blind hides teammates' work from an annotator (the default).
	Blind bool
	// Assign maps each annotator to the ids of the documents given to them,
	// in the order they were given.
	Assign map[string][]string
}

// rawConfig is gloss.toml as the TOML decoder sees it. The label tables
// ([[label]], [[relation]], [[choice]]) are left to annotate.ParseLabelSet.
type rawConfig struct {
	Name      string `toml:"name"`
	Labels    string `toml:"labels"`
	Reviewer  string `toml:"reviewer"`
	Overlap   *int   `toml:"overlap"`
	Blind     *bool  `toml:"blind"`
	Annotator []struct {
		Name string `toml:"name"`
	} `toml:"annotator"`
	Assign map[string][]string `toml:"assign"`
}

// labelTables are the top-level keys of gloss.toml that belong to an
// inline label set.
var labelTables = []string{"label", "relation", "choice"}

// ParseConfig reads and checks gloss.toml; file names it in errors, which
// are FILE:LINE: messages (*export.LineError) wherever a line is known.
func ParseConfig(data []byte, file string) (*Config, error) {
	if !utf8.Valid(data) {
		return nil, &export.LineError{File: file, Msg: "not UTF-8 text"}
	}
	var raw rawConfig
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &export.LineError{File: file, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, decodeError(file, err)
	}
	loc := locator{data: data}
	bad := func(line int, format string, args ...any) error {
		return &export.LineError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	inline := false
	for _, k := range md.Undecoded() {
		if slices.Contains(labelTables, k[0]) {
			inline = true
			continue
		}
		return nil, bad(loc.key(k), "unknown key %q", k.String())
	}
	c := &Config{
		Name:       raw.Name,
		LabelsFile: raw.Labels,
		Reviewer:   raw.Reviewer,
		Overlap:    1,
		Blind:      true,
		Assign:     raw.Assign,
	}
	if raw.Overlap != nil {
		c.Overlap = *raw.Overlap
	}
	if raw.Blind != nil {
		c.Blind = *raw.Blind
	}
	if c.Assign == nil {
		c.Assign = map[string][]string{}
	}

	if inline {
		if c.LabelsFile != "" {
			return nil, bad(loc.key(toml.Key{"labels"}), "labels names a file and gloss.toml has [[label]] tables too: keep one")
		}
		ls, err := parseInlineLabels(data, file)
		if err != nil {
			return nil, err
		}
		c.Inline = ls
	}
	if c.LabelsFile != "" {
		if err := checkRelPath(c.LabelsFile); err != nil {
			return nil, bad(loc.key(toml.Key{"labels"}), "labels: %v", err)
		}
	}

	if len(raw.Annotator) == 0 {
		return nil, bad(0, "no [[annotator]]: a project needs at least one")
	}
	seen := map[string]string{}
	for i, a := range raw.Annotator {
		line := loc.tableKey("annotator", i, "name")
		if err := CheckName(a.Name); err != nil {
			return nil, bad(line, "annotator %d: %v", i+1, err)
		}
		// Names become file names: "Ana" and "ana" are one file on the
		// file systems of macOS and Windows.
		low := strings.ToLower(a.Name)
		if first, dup := seen[low]; dup {
			return nil, bad(line, "annotator %q is listed twice (as %q before)", a.Name, first)
		}
		seen[low] = a.Name
		c.Annotators = append(c.Annotators, a.Name)
	}
	if c.Reviewer != "" {
		if err := CheckName(c.Reviewer); err != nil {
			return nil, bad(loc.key(toml.Key{"reviewer"}), "reviewer: %v", err)
		}
	}
	if c.Overlap < 1 || c.Overlap > len(c.Annotators) {
		return nil, bad(loc.key(toml.Key{"overlap"}), "overlap is %d: it is between 1 and the number of annotators (%d)", c.Overlap, len(c.Annotators))
	}
	for _, name := range sortedKeys(c.Assign) {
		line := loc.tableKey("assign", 0, name)
		if !slices.Contains(c.Annotators, name) {
			return nil, bad(line, "[assign] names %q, who is not an [[annotator]]", name)
		}
		ids := map[string]bool{}
		for _, id := range c.Assign[name] {
			if id == "" {
				return nil, bad(line, "[assign] %s: an empty document id", name)
			}
			if ids[id] {
				return nil, bad(line, "[assign] %s: document %q is given twice", name, truncate(id))
			}
			ids[id] = true
		}
	}
	return c, nil
}

// decodeError turns a TOML decoding error ("toml: line 3 (last key
// \"overlap\"): incompatible types: …") into FILE:LINE: message.
func decodeError(file string, err error) error {
	msg := err.Error()
	if m := decodeLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &export.LineError{File: file, Line: line, Msg: m[2]}
	}
	return &export.LineError{File: file, Msg: strings.TrimPrefix(msg, "toml: ")}
}

var decodeLine = regexp.MustCompile(`^toml: line (\d+)(?: \([^)]*\))?: (.*)$`)

// parseInlineLabels reads the [[label]] and [[relation]] tables of
// gloss.toml with annotate.ParseLabelSetTables, which checks them as it
// checks a labels.toml and names the lines of gloss.toml itself.
func parseInlineLabels(data []byte, file string) (*annotate.LabelSet, error) {
	return annotate.ParseLabelSetTables(data, file)
}

// checkRelPath refuses a path that could leave the project folder: it must
// be relative, without "..", and not empty.
func checkRelPath(p string) error {
	if p == "" || !filepath.IsLocal(filepath.FromSlash(p)) || strings.Contains(p, "\\") {
		return fmt.Errorf("%q is not a path inside the project (relative, without ..)", truncate(p))
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Members are everyone who may sync the project: the annotators, then the
// reviewer when they are not one of them.
func (c *Config) Members() []string {
	m := slices.Clone(c.Annotators)
	if c.Reviewer != "" && !slices.Contains(m, c.Reviewer) {
		m = append(m, c.Reviewer)
	}
	return m
}

// IsAnnotator reports whether name is one of the annotators.
func (c *Config) IsAnnotator(name string) bool { return slices.Contains(c.Annotators, name) }

// AssignedTo returns the set of documents given to name.
func (c *Config) AssignedTo(name string) map[string]bool {
	set := make(map[string]bool, len(c.Assign[name]))
	for _, id := range c.Assign[name] {
		set[id] = true
	}
	return set
}

// locator finds the line of a key in gloss.toml for messages. It reads the
// file line by line as a person would (headers, then "key = "), which is
// enough for the files Gloss writes and those written by hand; 0 means not
// found.
type locator struct{ data []byte }

// key finds a top-level key, or the first component's table.
func (l locator) key(k toml.Key) int {
	switch len(k) {
	case 0:
		return 0
	case 1:
		return l.tableKey("", 0, k[0])
	}
	if line := l.tableKey(k[0], 0, k[len(k)-1]); line > 0 {
		return line
	}
	return l.tableKey("", 0, k[0])
}

// tableKey finds key in the index-th table called table ("" for the top
// level, before any header); with a "" key it finds the header itself.
func (l locator) tableKey(table string, index int, key string) int {
	cur, n := "", 0
	for i, line := range strings.Split(string(l.data), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			name := strings.TrimSpace(strings.Trim(strings.SplitN(t, "#", 2)[0], "[] \t"))
			if name == cur && strings.HasPrefix(t, "[[") {
				n++
			} else {
				cur, n = name, 0
			}
			if cur == table && n == index && key == "" {
				return i + 1
			}
			continue
		}
		if cur != table || n != index {
			continue
		}
		for _, form := range []string{key, `"` + key + `"`, "'" + key + "'"} {
			if rest, ok := strings.CutPrefix(t, form); ok {
				if r := strings.TrimSpace(rest); strings.HasPrefix(r, "=") || strings.HasPrefix(r, ".") {
					return i + 1
				}
			}
		}
	}
	return 0
}
