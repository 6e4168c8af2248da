package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

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
	var conflicts []string
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
			for _, c := range agree.SpeakerConflicts(docs, gold) {
				conflicts = append(conflicts, conflictLine(gold, c, k, files, docs))
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
	for _, line := range conflicts {
		fmt.Fprintln(env.Stderr, line)
	}
	p.summary("merged")
	return exitOK
}

// conflictLine names a quote or claim the gold keeps without a speaker
// because the files' speakers were too divided:
//
//	DOC: QUOTE 120–180 “…”: no speaker reached 2 of 3 files (ana: Macron, ben: Binet)
//
// Files are named by their annotator (else the file name); files that
// link the source to nobody are left out of the list.
func conflictLine(gold *annotate.Document, c agree.Conflict, k int, files []string, docs []*annotate.Document) string {
	what := "speaker"
	if c.Relation != "SAID_BY" {
		what = c.Relation + " link"
	}
	var who []string
	for f, speakers := range c.Speakers {
		if len(speakers) == 0 {
			continue
		}
		name := docs[f].Annotator
		if name == "" {
			name = strings.TrimSuffix(filepath.Base(files[f]), filepath.Ext(files[f]))
		}
		names := make([]string, len(speakers))
		for i, s := range speakers {
			names[i] = clipText(s.Text, 30)
		}
		who = append(who, name+": "+strings.Join(names, " + "))
	}
	src := c.Source
	return fmt.Sprintf("%s: %s %d–%d “%s”: no %s reached %d of %d files (%s)", gold.ID, src.Label, src.Start, src.End,
		clipText(gold.Slice(src.Start, src.End), 40), what, k, len(files), strings.Join(who, ", "))
}
