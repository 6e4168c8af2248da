package cli

import (
	"io"

	"gloss/annotate"
	"gloss/annotate/agree"
	"gloss/export"
)

func init() {
	register("merge", "merge [--min-agree K] -o OUT FILE FILE [FILE...]          gold from teammates", runMerge)
}

// runMerge writes the gold file: the spans and relations that at least K
// of the files agree on.
func runMerge(env Env, args []string) int {
	fs := newFlagSet(env, "gloss merge", "[--min-agree K] [--labels FILE] -o OUT FILE FILE [FILE...]")
	minAgree := fs.Int("min-agree", 0, "keep what at least `K` files hold (default: a strict majority)")
	labelsFile := fs.String("labels", "", "label set `FILE` (TOML); the built-in set by default")
	out := fs.String("o", "", "output `OUT` (standard output when absent or -)")
	files, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(files) < 2 {
		return usageError(env, "merge", "name at least two FILEs to merge")
	}
	k := *minAgree
	if k == 0 {
		k = agree.Majority(len(files))
	}
	if k < 1 || k > len(files) {
		return usageError(env, "merge", "--min-agree is between 1 and the number of files (%d), not %d", len(files), k)
	}
	labels, status := loadLabels(env, *labelsFile)
	if status != exitOK {
		return status
	}
	var p *pairing
	err := writeOutput(env, *out, func(w io.Writer) error {
		var err error
		if p, err = openPairing(env, "merge", files, labels); err != nil {
			return err
		}
		defer p.Close()
		nw := export.NewNativeWriter(w, export.Options{})
		err = p.run(func(docs []*annotate.Document) error {
			gold, err := agree.Merge(docs, k)
			if err != nil {
				return err
			}
			return nw.Write(gold)
		})
		if err != nil {
			return err
		}
		return nw.Close()
	})
	if err != nil {
		report(env, err)
		return exitBad
	}
	p.summary("merged")
	return exitOK
}
