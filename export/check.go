package export

import (
	"fmt"
	"strings"

	"gloss/annotate"
)

// Checker checks documents as they are read, before anything is made of
// them: each must pass annotate.Validate (offsets in range, span texts
// matching, relations between its own spans, label names that can be
// written), and no two documents may share an id, across every input it
// is given. Every command that reads documents and the app use one, so
// that a file the command line refuses is refused everywhere.
type Checker struct {
	// Labels, when not nil, is the label set every label must be in.
	Labels *annotate.LabelSet
	ids    map[string]readAt
	files  []string
}

// readAt is where a document was read: files[file], line.
type readAt struct{ file, line int }

// Check returns the problems of d, read at file:line, each as a
// *LineError; none when d is good. It remembers d's id. It is CheckID and
// Validate.
func (c *Checker) Check(d *annotate.Document, file string, line int) []error {
	return append(c.CheckID(d, file, line), c.Validate(d, file, line)...)
}

// CheckID returns the problem of d's id, read at file:line (used by an
// earlier document), and remembers it. Documents must come in input order,
// from one goroutine.
func (c *Checker) CheckID(d *annotate.Document, file string, line int) []error {
	if c.ids == nil {
		c.ids = map[string]readAt{}
	}
	fi := len(c.files) - 1
	if fi < 0 || c.files[fi] != file {
		c.files = append(c.files, file)
		fi++
	}
	if first, dup := c.ids[d.ID]; dup {
		at := fmt.Sprintf("line %d", first.line)
		switch {
		case first.line <= 0: // a format without lines: one document a file (brat)
			at = c.files[first.file]
		case c.files[first.file] != file:
			at = fmt.Sprintf("%s:%d", c.files[first.file], first.line)
		}
		return []error{&LineError{File: file, Line: line, Msg: fmt.Sprintf("document id %q already used on %s (ids must be unique)", d.ID, at)}}
	}
	c.ids[strings.Clone(d.ID)] = readAt{fi, line} // not d's memory: the set outlives it
	return nil
}

// Validate returns the problems of d itself (annotate.Validate against
// c.Labels), read at file:line. It keeps no state: several goroutines may
// validate at once.
func (c *Checker) Validate(d *annotate.Document, file string, line int) []error {
	var errs []error
	for _, p := range annotate.Validate(d, c.Labels) {
		errs = append(errs, &LineError{File: file, Line: line, Msg: p.String()})
	}
	return errs
}

// Problems is the error of an input that holds bad documents: the first
// ones found and how many there are in all, so that a window can list them
// without growing without bound. It unwraps to the problems shown.
type Problems struct {
	// File is the input, for the summary line.
	File string
	// Shown are the first problems, each a "FILE:LINE: what" error.
	Shown []error
	// Total counts every problem, shown or not.
	Total int
	// Max is how many are kept in Shown (MaxShownProblems when 0).
	Max int
}

// MaxShownProblems is how many problems a Problems keeps by default.
const MaxShownProblems = 20

// Add records errs.
func (p *Problems) Add(errs ...error) {
	limit := p.Max
	if limit <= 0 {
		limit = MaxShownProblems
	}
	for _, e := range errs {
		if len(p.Shown) < limit {
			p.Shown = append(p.Shown, e)
		}
		p.Total++
	}
}

// Err returns p when it holds any problem, else nil.
func (p *Problems) Err() error {
	if p.Total == 0 {
		return nil
	}
	return p
}

// Error is one line per problem shown, then how many were not.
func (p *Problems) Error() string {
	lines := make([]string, 0, len(p.Shown)+1)
	for _, e := range p.Shown {
		lines = append(lines, e.Error())
	}
	if more := p.Total - len(p.Shown); more > 0 {
		lines = append(lines, p.more(more).Error())
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems shown, so that errors.As finds the first
// *LineError and the command line prints one a line.
func (p *Problems) Unwrap() []error {
	if more := p.Total - len(p.Shown); more > 0 {
		return append(p.Shown[:len(p.Shown):len(p.Shown)], p.more(more))
	}
	return p.Shown
}

func (p *Problems) more(n int) error { return fmt.Errorf("%s: and %d more problem(s)", p.File, n) }
