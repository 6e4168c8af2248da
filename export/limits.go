package export

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// DefaultMaxLine is how many bytes one document may take in an input when
// Options.MaxLine is 0: a line of JSONL, a Label Studio task, a CoNLL or
// WebAnno line, a plain-text file, a brat .txt or .ann. Reading a document
// takes about five times its size in memory (the line, its text, the
// offset tables, the output), so without a limit a hostile 200 MB line
// needs a gigabyte; 64 MiB is some thirty novels in one document.
const DefaultMaxLine = 64 << 20

// maxLine is the limit in force.
func (o Options) maxLine() int64 {
	if o.MaxLine > 0 {
		return o.MaxLine
	}
	return DefaultMaxLine
}

// tooLong is the error for a line (or file, or task: what) over the
// limit: where it is, and how to raise the limit when the file is right.
func tooLong(file string, line int, what string, limit int64) error {
	return &LineError{File: file, Line: line, Msg: fmt.Sprintf(
		"%s is longer than %s, the --max-line limit (one document may take about five times its size in memory; if the file is right, raise the limit, as in --max-line %s)",
		what, FormatSize(limit), sizeArgument(limit*4))}
}

// inputError names the input of a read error, unless it already does.
func inputError(name string, err error) error {
	var le *LineError
	if errors.As(err, &le) {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}

// sizeUnits are the suffixes ParseSize takes, longest first.
var sizeUnits = []struct {
	suffix string
	bytes  int64
}{
	{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10},
	{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3},
	{"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1},
}

// ParseSize reads a size as --max-line takes it: a whole number of bytes,
// or one with a unit (64MiB, 200MB, 1G; K, M and G count in 1,024s).
func ParseSize(s string) (int64, error) {
	num, mult := strings.TrimSpace(s), int64(1)
	for _, u := range sizeUnits {
		if len(num) > len(u.suffix) && strings.EqualFold(num[len(num)-len(u.suffix):], u.suffix) {
			num, mult = strings.TrimSpace(num[:len(num)-len(u.suffix)]), u.bytes
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("size %q: want a whole number of bytes above 0, with a unit if you like (64MiB, 200MB, 1G)", s)
	}
	return n * mult, nil
}

// FormatSize says a size in the largest binary unit that keeps it whole
// enough to read: 64 MiB, 1.5 GiB, 900 bytes.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return trimFloat(float64(n)/(1<<30)) + " GiB"
	case n >= 1<<20:
		return trimFloat(float64(n)/(1<<20)) + " MiB"
	case n >= 1<<10:
		return trimFloat(float64(n)/(1<<10)) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// sizeArgument is n as --max-line takes it, without a space: 256MiB.
func sizeArgument(n int64) string {
	if n < 1<<10 || n%(1<<10) != 0 {
		return strconv.FormatInt(n, 10)
	}
	for _, u := range []struct {
		suffix string
		bytes  int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n%u.bytes == 0 {
			return strconv.FormatInt(n/u.bytes, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// trimFloat is f with at most one decimal, none when it is whole.
func trimFloat(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
}
