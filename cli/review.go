package cli

import (
	"fmt"
	"os"

	"gloss/app/project"
	"gloss/export"
)

func init() {
	register("review", "review [-o GOLD] FILE FILE [FILE...] | DIR                review screen in the app", runReview)
}

// runReview opens the review screen on teammates' files of the same
// documents; the app reads and checks them and reports bad input, and the
// gold goes to GOLD (the first save asks when there is none).
func runReview(env Env, args []string) int {
	fs := newFlagSet(env, "gloss review", "[--labels FILE] [-o GOLD] FILE FILE [FILE...]")
	labelsFile := fs.String("labels", "", "label set `FILE` (TOML); the built-in set by default")
	out := fs.String("o", "", "where Ctrl+S saves the gold file (`GOLD`); the first save asks when absent")
	files, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(files) == 1 && project.IsProject(files[0]) {
		return runProjectReview(env, files[0], *out, *labelsFile)
	}
	if len(files) < 2 {
		return usageError(env, "review", "name at least two FILEs to review, or a project folder")
	}
	for _, f := range files {
		if f == "-" {
			return usageError(env, "review", "the review screen reads files, not standard input")
		}
	}
	if *out == "-" {
		return usageError(env, "review", "the gold is a file: -o - (standard output) is not possible here")
	}
	labels, status := loadLabels(env, *labelsFile)
	if status != exitOK {
		return status
	}
	return startApp(env, AppOptions{Review: true, Files: files, Out: *out, Labels: labels, LabelsFile: *labelsFile})
}

// runProjectReview opens the review of a project: every document that its
// annotators have marked done, the gold saved to the project's gold.jsonl
// (which the reviewer's gloss sync commits).
func runProjectReview(env Env, dir, out, labelsFile string) int {
	if labelsFile != "" {
		return usageError(env, "review", "a project names its own labels (gloss.toml); --labels is for files")
	}
	p, err := project.Open(dir)
	if err != nil {
		report(env, err)
		return exitBad
	}
	if env.OpenApp == nil {
		fmt.Fprintln(env.Stderr, "gloss: this build has no desktop app")
		return exitBad
	}
	if env.Display != nil {
		if err := env.Display(); err != nil { // before gathering the files
			fmt.Fprintln(env.Stderr, "gloss:", err)
			return exitBad
		}
	}
	export.RemoveStale(os.TempDir(), "gloss-review-", "") // a killed review's
	tmp, untrack, err := export.MkdirTemp("", export.TempPattern("gloss-review-", ""))
	if err != nil {
		report(env, err)
		return exitBad
	}
	defer os.RemoveAll(tmp)
	defer untrack()
	in, err := p.ReviewFiles(tmp)
	if err != nil {
		fmt.Fprintf(env.Stderr, "gloss review: %v\n", err)
		return exitBad
	}
	if out == "" {
		out = in.Gold
	}
	fmt.Fprintf(env.Stderr, "gloss review: %d documents done by every annotator given them", in.Ready)
	if in.Waiting > 0 {
		fmt.Fprintf(env.Stderr, "; %d still being annotated", in.Waiting)
	}
	fmt.Fprintf(env.Stderr, "; the gold goes to %s\n", out)
	if in.Anonymous {
		fmt.Fprintf(env.Stderr, "gloss review: documents have different pairs of annotators, so the lanes are the first, second, … annotator of each\n")
	}
	return startApp(env, AppOptions{Review: true, Files: in.Files, Out: out, Labels: p.Labels})
}
