package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"gloss/export"
)

// exportFlags are the flags of gloss export that shape what is written:
// which labels (--only) and, for CoNLL, the tag layout.
type exportFlags struct {
	only   string
	layout string
}

func (x *exportFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&x.only, "only", "", "keep just the spans of these labels (`LABEL,...`), and the relations between them")
	fs.StringVar(&x.layout, "layout", "", "conll: columns (one IOB2 column per label, the default) or single (one column, the outermost span wins)")
}

// apply puts the flags into opt. Formats whose columns are decided before
// the first document (CoNLL, columns layout, without --only) need every
// label the input uses, so the files are read once for them; standard
// input is first copied to a temporary file, which the returned Env reads
// instead and cleanup removes.
func (x *exportFlags) apply(env Env, f *export.Format, files []string, opt *export.Options) (Env, func(), int) {
	cleanup := func() {}
	for _, l := range strings.Split(x.only, ",") {
		if l = strings.TrimSpace(l); l != "" {
			opt.Only = append(opt.Only, l)
		}
	}
	switch x.layout {
	case "", export.LayoutColumns, export.LayoutSingle:
		if x.layout != "" && f.Name != "conll" {
			return env, cleanup, usageError(env, "export", "--layout is for --to conll")
		}
		opt.Layout = x.layout
	default:
		return env, cleanup, usageError(env, "export", "--layout is columns or single, not %q", x.layout)
	}
	for _, l := range opt.Only {
		if opt.Labels.Label(l) == nil {
			fmt.Fprintf(env.Stderr, "gloss export: --only %s: not a label of the label set (kept where the files use it)\n", l)
		}
	}
	if !f.Columns || opt.Layout == export.LayoutSingle || len(opt.Only) > 0 {
		return env, cleanup, exitOK
	}
	var stdin string
	seen := map[string]bool{}
	err := func() error {
		for _, name := range files {
			path := name
			if name == "-" {
				if stdin == "" {
					tmp, untrack, err := spoolStdin(env)
					if err != nil {
						return err
					}
					stdin = tmp.Name()
					cleanup = func() { tmp.Close(); os.Remove(stdin); untrack() }
					env.Stdin = tmp
				}
				path = stdin
			}
			err := export.ScanLabels(path, func(label string) {
				if !seen[label] {
					seen[label] = true
					opt.Used = append(opt.Used, label)
				}
			})
			// Bad input is left for the conversion to report at its line.
			var le *export.LineError
			if err != nil && !errors.As(err, &le) {
				return err
			}
		}
		if stdin != "" {
			if _, err := env.Stdin.(*os.File).Seek(0, io.SeekStart); err != nil {
				return err
			}
		}
		_, err := export.ColumnsFor(opt.Labels, opt.Used, nil)
		return err
	}()
	if err != nil {
		report(env, fmt.Errorf("gloss export: %w", err))
		return env, cleanup, exitBad
	}
	return env, cleanup, exitOK
}

// spoolStdin copies standard input to a temporary file, open for reading;
// call untrack once it is removed.
func spoolStdin(env Env) (tmp *os.File, untrack func(), err error) {
	export.RemoveStale(os.TempDir(), "gloss-in-", ".jsonl") // a killed command's
	tmp, untrack, err = export.CreateTemp("", export.TempPattern("gloss-in-", ".jsonl"))
	if err != nil {
		return nil, nil, err
	}
	if _, err = io.Copy(tmp, env.Stdin); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		untrack()
		return nil, nil, fmt.Errorf("copying standard input: %w", err)
	}
	return tmp, untrack, nil
}
