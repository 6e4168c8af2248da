package project

import (
	"fmt"
	"strings"
)

// Encode writes c as gloss.toml in Gloss's canonical layout: the project
// keys, the annotators, then [assign] with one document id a line, so that
// adding documents shows in git as added lines. An inline label set is not
// written (gloss project never makes one; ReplaceAssign keeps a hand-written
// one).
func (c *Config) Encode() []byte {
	var b strings.Builder
	b.WriteString("# A Gloss project: see docs/projects.md. Edit by hand with care;\n")
	b.WriteString("# `gloss project add` rewrites only the [assign] table.\n")
	fmt.Fprintf(&b, "name = %s\n", quote(c.Name))
	if c.LabelsFile != "" {
		fmt.Fprintf(&b, "labels = %s\n", quote(c.LabelsFile))
	}
	if c.Reviewer != "" {
		fmt.Fprintf(&b, "reviewer = %s\n", quote(c.Reviewer))
	}
	fmt.Fprintf(&b, "overlap = %d\n", c.Overlap)
	fmt.Fprintf(&b, "blind = %t\n", c.Blind)
	for _, a := range c.Annotators {
		fmt.Fprintf(&b, "\n[[annotator]]\nname = %s\n", quote(a))
	}
	b.WriteString("\n")
	b.WriteString(c.assignSection())
	return []byte(b.String())
}

// assignSection is the [assign] table, annotators in file order.
func (c *Config) assignSection() string {
	var b strings.Builder
	b.WriteString("[assign]\n")
	for _, a := range c.Annotators {
		ids := c.Assign[a]
		if len(ids) == 0 {
			fmt.Fprintf(&b, "%s = []\n", key(a))
			continue
		}
		fmt.Fprintf(&b, "%s = [\n", key(a))
		for _, id := range ids {
			fmt.Fprintf(&b, "  %s,\n", quote(id))
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// ReplaceAssign returns gloss.toml's text with its [assign] table replaced
// by c's (or c's appended when there is none), keeping every other line,
// comments included, as the project's lead wrote them.
func ReplaceAssign(data []byte, c *Config) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	start, end := -1, len(lines)
	for i, line := range lines {
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "[") {
			continue
		}
		name := strings.TrimSpace(strings.Trim(strings.SplitN(t, "#", 2)[0], "[] \t"))
		if start < 0 && name == "assign" && !strings.HasPrefix(t, "[[") {
			start = i
		} else if start >= 0 && i > start {
			end = i
			break
		}
	}
	section := c.assignSection()
	if start < 0 {
		text := string(data)
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		return []byte(text + "\n" + section)
	}
	if end < len(lines) {
		section += "\n"
	}
	return []byte(strings.Join(lines[:start], "") + section + strings.Join(lines[end:], ""))
}

// key writes an annotator's name as a TOML key: bare when it can be (a '.'
// would make it a dotted key).
func key(name string) string {
	if strings.Contains(name, ".") {
		return quote(name)
	}
	return name
}

// quote writes s as a TOML basic string. Control characters are escaped;
// everything else is kept as UTF-8, so ids in any script stay readable
// (invalid UTF-8 becomes U+FFFD: range decodes it so).
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
