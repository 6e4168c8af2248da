// Package cli is Gloss's command line: it parses the sub-commands of
// DESIGN.md and runs the headless ones. It knows nothing of Fyne; the
// desktop app is started through Env.OpenApp, which main supplies, so that
// every command is testable without a display.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"gloss/annotate"
	"gloss/app/project"
	"gloss/export"
)

// Version is Gloss's version, printed by `gloss version`.
var Version = "0.1.0"

// AppOptions is what the desktop app is opened with.
type AppOptions struct {
	Annotator string
	Labels    *annotate.LabelSet
	// LabelsFile is where Labels came from, or "" for the built-in set.
	LabelsFile string
	// Out is where Ctrl+S saves; "" means the first save asks.
	Out   string
	Files []string
	// Review opens the review screen on Files, saving gold to Out.
	Review bool
	// Project is a project folder to open as its annotator (or, for a
	// reviewer who annotates none of it, to review).
	Project string
}

// Env is the world a command runs in.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// OpenApp starts the desktop app and returns when it quits.
	OpenApp func(AppOptions) error
}

// Exit statuses.
const (
	exitOK    = 0
	exitBad   = 1 // bad input, problems found
	exitUsage = 2 // bad command line
)

type command struct {
	name    string
	summary string
	run     func(env Env, args []string) int
}

// commands lists the sub-commands in the order help shows them; each file
// of this package adds its own in init.
var commands []command

func register(name, summary string, run func(Env, []string) int) {
	commands = append(commands, command{name, summary, run})
}

// Main runs the command line args (without the program name) and returns
// the exit status.
func Main(args []string, env Env) int {
	if len(args) > 0 {
		switch args[0] {
		case "help", "-h", "-help", "--help":
			usage(env.Stdout)
			return exitOK
		}
		for _, c := range commands {
			if c.name == args[0] {
				return c.run(env, args[1:])
			}
		}
	}
	return runApp(env, args)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  gloss [--annotator NAME] [--labels FILE] [-o OUT] [FILE...]   open the desktop app")
	for _, name := range helpOrder {
		for _, c := range commands {
			if c.name == name {
				fmt.Fprintf(w, "  gloss %s\n", c.summary)
			}
		}
	}
}

// helpOrder is the order of DESIGN.md's command table.
var helpOrder = []string{"export", "import", "agree", "merge", "review", "suggest", "learn", "validate", "project", "sync", "status", "version"}

// runApp opens the desktop app: `gloss [--annotator NAME] [--labels FILE]
// [-o OUT] [FILE...]`.
func runApp(env Env, args []string) int {
	fs := newFlagSet(env, "gloss", "[--annotator NAME] [--labels FILE] [-o OUT] [FILE...]")
	annotator := fs.String("annotator", "", "the annotator's `name`, stamped on new spans")
	labelsFile := fs.String("labels", "", "label set `FILE` (TOML)")
	out := fs.String("o", "", "where Ctrl+S saves (`OUT`)")
	files, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(files) == 1 && project.IsProject(files[0]) {
		return runProjectApp(env, files[0], *annotator, *labelsFile, *out)
	}
	labels, status := loadLabels(env, *labelsFile)
	if status != exitOK {
		return status
	}
	if env.OpenApp == nil {
		fmt.Fprintln(env.Stderr, "gloss: this build has no desktop app")
		return exitBad
	}
	err := env.OpenApp(AppOptions{Annotator: *annotator, Labels: labels, LabelsFile: *labelsFile, Out: *out, Files: files})
	if err != nil {
		var le *export.LineError
		if errors.As(err, &le) {
			report(env, err) // FILE:LINE: problems, one a line
		} else {
			fmt.Fprintln(env.Stderr, "gloss:", err)
		}
		return exitBad
	}
	return exitOK
}

// runProjectApp opens a project folder in the app, as its annotator: their
// documents, their own file as the save target.
func runProjectApp(env Env, dir, annotator, labelsFile, out string) int {
	if labelsFile != "" || out != "" {
		fmt.Fprintln(env.Stderr, "gloss: a project names its labels and each person's file itself: --labels and -o are for files")
		return exitUsage
	}
	p, err := project.Open(dir)
	if err != nil {
		report(env, err)
		return exitBad
	}
	if annotator != "" {
		if err := p.CheckMember(annotator); err != nil {
			report(env, err)
			return exitBad
		}
	}
	if env.OpenApp == nil {
		fmt.Fprintln(env.Stderr, "gloss: this build has no desktop app")
		return exitBad
	}
	if err := env.OpenApp(AppOptions{Project: dir, Annotator: annotator, Labels: p.Labels}); err != nil {
		report(env, err)
		return exitBad
	}
	return exitOK
}

// newFlagSet makes a flag set whose errors and help go to stderr.
func newFlagSet(env Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: %s %s\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags that may come before, between or after the file
// arguments ("gloss export a.jsonl --to doccano"), and returns the files.
// A lone "-" is a file (standard input); "--" ends the flags.
func parse(fs *flag.FlagSet, args []string) ([]string, bool) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return files, true
		}
		files = append(files, args[0])
		args = args[1:]
		if files[len(files)-1] == "--" {
			files = append(files[:len(files)-1], args...)
			return files, true
		}
	}
}

// loadLabels reads a label set file, or returns the built-in set for "".
func loadLabels(env Env, file string) (*annotate.LabelSet, int) {
	if file == "" {
		return annotate.DefaultLabelSet(), exitOK
	}
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintln(env.Stderr, "gloss:", err)
		return nil, exitBad
	}
	ls, err := annotate.ParseLabelSet(data, file)
	if err != nil {
		fmt.Fprintln(env.Stderr, err) // FILE:LINE: what is wrong
		return nil, exitBad
	}
	return ls, exitOK
}

// usageError prints a usage problem and returns the usage exit status.
func usageError(env Env, cmd, format string, args ...any) int {
	fmt.Fprintf(env.Stderr, "gloss %s: %s\n", cmd, fmt.Sprintf(format, args...))
	fmt.Fprintf(env.Stderr, "Run 'gloss help' for usage.\n")
	return exitUsage
}

// report prints an error of a command, one line per wrapped error.
func report(env Env, err error) {
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) {
		for _, e := range joined.Unwrap() {
			report(env, e)
		}
		return
	}
	fmt.Fprintln(env.Stderr, strings.TrimRight(err.Error(), "\n"))
}

func init() {
	register("version", "version", func(env Env, args []string) int {
		if len(args) > 0 {
			return usageError(env, "version", "takes no arguments")
		}
		fmt.Fprintln(env.Stdout, "gloss", Version)
		return exitOK
	})
}
