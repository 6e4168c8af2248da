package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"gloss/annotate"
	"gloss/export"
)

func init() {
	register("validate", "validate [--labels FILE] FILE...                          check files", runValidate)
}

// runValidate checks native files: every rule of the native format, and
// every label and relation against the label set. It prints one
// FILE:LINE: line per problem and exits 1 when there is any.
func runValidate(env Env, args []string) int {
	fs := newFlagSet(env, "gloss validate", "[--labels FILE] FILE...")
	labelsFile := fs.String("labels", "", "label set `FILE` (TOML); the built-in set by default")
	var maxLine maxLineFlag
	maxLine.define(fs)
	files, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(files) == 0 {
		return usageError(env, "validate", "name at least one FILE")
	}
	labels, status := loadLabels(env, *labelsFile)
	if status != exitOK {
		return status
	}
	problems, docs := 0, 0
	for _, name := range files {
		n, p, err := validateFile(env, name, labels, int64(maxLine))
		docs += n
		problems += p
		if err != nil {
			report(env, err)
			problems++
		}
	}
	if problems > 0 {
		fmt.Fprintf(env.Stderr, "gloss validate: %d problem(s) in %d document(s)\n", problems, docs)
		return exitBad
	}
	fmt.Fprintf(env.Stderr, "gloss validate: %d document(s), no problems\n", docs)
	return exitOK
}

// maxListed is how many problems validate lists for one file: a file that
// is not JSONL at all (200 MB of binary is some 800,000 bad lines) gets a
// screenful and a count, not a flood.
const maxListed = 100

// validateFile reports the problems of one file on stdout, the first
// maxListed of them, and returns the number of documents and of problems;
// err is a failure to read on.
func validateFile(env Env, name string, labels *annotate.LabelSet, maxLine int64) (docs, problems int, err error) {
	f, err := openInput(env, name)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := export.ReadAhead(export.NewNativeReader(f, name, export.Options{MaxLine: maxLine}), 64, nil)
	defer r.Close()
	chk := export.Checker{Labels: labels}
	list := func(p error) {
		if problems < maxListed {
			fmt.Fprintln(env.Stdout, p)
		}
		problems++
	}
	defer func() {
		if problems > maxListed {
			fmt.Fprintf(env.Stdout, "%s: and %d more problem(s) not listed (validate lists the first %d of a file)\n", name, problems-maxListed, maxListed)
		}
	}()
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			return docs, problems, nil
		}
		var le *export.LineError
		if errors.As(err, &le) {
			list(le)
			continue
		}
		if err != nil {
			return docs, problems, err
		}
		docs++
		for _, p := range chk.Check(d, name, r.Line()) {
			list(p)
		}
	}
}

// openInput opens a named input; "-" is standard input.
func openInput(env Env, name string) (io.ReadCloser, error) {
	if name == "-" {
		return io.NopCloser(env.Stdin), nil
	}
	return os.Open(name)
}
