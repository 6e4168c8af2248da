package cli

import "fmt"

func init() {
	register("review", "review [-o GOLD] FILE FILE [FILE...]                     review screen in the app", runReview)
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
	if len(files) < 2 {
		return usageError(env, "review", "name at least two FILEs to review")
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
	if env.OpenApp == nil {
		fmt.Fprintln(env.Stderr, "gloss: this build has no desktop app")
		return exitBad
	}
	err := env.OpenApp(AppOptions{Review: true, Files: files, Out: *out, Labels: labels, LabelsFile: *labelsFile})
	if err != nil {
		report(env, err)
		return exitBad
	}
	return exitOK
}
