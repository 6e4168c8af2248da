package cli

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"gloss/annotate"
	"gloss/app/project"
	"gloss/export"
)

func init() {
	register("project", "project init [--annotators a,b] [--overlap K] [--labels FILE] DIR FILE...  team project on git\n"+
		"  gloss project add DIR FILE...                                  more documents, assigned round-robin", runProject)
	register("sync", "sync [--annotator NAME] [DIR]                             commit your work, merge the team's, push", runSync)
	register("status", "status [--json] [DIR]                                     a project's progress and agreement", runStatus)
}

// gitForCLI is the git runner the project commands use; tests set HOME
// and the git configuration through the environment instead.
var gitForCLI = func(dir string) *project.Git { return &project.Git{Dir: dir} }

// signalContext is cancelled by Ctrl+C, so that git stops with the command.
func signalContext() (context.Context, func()) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// runProject runs `gloss project init|add`.
func runProject(env Env, args []string) int {
	if len(args) == 0 {
		return usageError(env, "project", "say init or add")
	}
	switch args[0] {
	case "init":
		return runProjectInit(env, args[1:])
	case "add":
		return runProjectAdd(env, args[1:])
	}
	return usageError(env, "project", "unknown sub-command %q (init or add)", args[0])
}

func runProjectInit(env Env, args []string) int {
	var c convertFlags
	fs := newFlagSet(env, "gloss project init", "[--annotators a,b] [--overlap K] [--labels FILE] [--reviewer NAME] [--name NAME] [--from FORMAT] DIR FILE...")
	fs.StringVar(&c.offsets, "offsets", "codepoints", "offset unit of the input format: codepoints or utf16")
	annotators := fs.String("annotators", "", "the annotators' `names`, comma-separated (the login name when absent)")
	overlap := fs.Int("overlap", 1, "how many annotators each document goes to (`K`; 2 is blind double annotation)")
	labelsFile := fs.String("labels", "", "label set `FILE` (TOML), copied into the project; the built-in set when absent")
	reviewer := fs.String("reviewer", "", "who adjudicates the gold (`NAME`; the login name when absent)")
	name := fs.String("name", "", "the project's `name` (the folder's name when absent)")
	from := fs.String("from", "", "input `FORMAT`, detected when absent")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) < 2 {
		return usageError(env, "project init", "name the project folder DIR and at least one FILE of documents")
	}
	dir, files := rest[0], rest[1:]
	opt := project.InitOptions{Name: *name, Overlap: *overlap, Reviewer: *reviewer}
	if *annotators == "" {
		opt.Annotators = []string{project.LoginName()}
	} else {
		for _, a := range strings.Split(*annotators, ",") {
			opt.Annotators = append(opt.Annotators, strings.TrimSpace(a))
		}
	}
	if opt.Reviewer == "" {
		if login := project.LoginName(); project.CheckName(login) == nil {
			opt.Reviewer = login
		}
	}
	if *labelsFile != "" {
		data, err := os.ReadFile(*labelsFile)
		if err != nil {
			fmt.Fprintln(env.Stderr, "gloss project init:", err)
			return exitBad
		}
		opt.Labels, opt.LabelsFrom = data, *labelsFile
	}
	docs, status := readDocuments(env, "project init", files, *from, &c)
	if status != exitOK {
		return status
	}
	ctx, stop := signalContext()
	defer stop()
	opt.Git = gitForCLI("")
	p, dropped, err := project.Init(ctx, dir, docs, opt)
	if err != nil {
		fmt.Fprintf(env.Stderr, "gloss project init: %v\n", err)
		return exitBad
	}
	if dropped > 0 {
		fmt.Fprintf(env.Stderr, "gloss project init: %d spans and relations left out: a project's documents.jsonl holds texts only\n", dropped)
	}
	cfg := p.Config
	fmt.Fprintf(env.Stdout, "Made project %s in %s: %d documents, overlap %d\n", cfg.Name, p.Dir, len(docs), cfg.Overlap)
	printAssignment(env, cfg)
	if cfg.Reviewer != "" {
		fmt.Fprintf(env.Stdout, "Reviewer: %s\n", cfg.Reviewer)
	}
	fmt.Fprintf(env.Stdout, "Next: git -C %s remote add origin URL, then gloss sync %s to publish it.\n", dir, dir)
	return exitOK
}

func printAssignment(env Env, cfg *project.Config) {
	for _, a := range cfg.Annotators {
		fmt.Fprintf(env.Stdout, "  %s: %d documents\n", a, len(cfg.Assign[a]))
	}
}

func runProjectAdd(env Env, args []string) int {
	var c convertFlags
	fs := newFlagSet(env, "gloss project add", "[--from FORMAT] DIR FILE...")
	fs.StringVar(&c.offsets, "offsets", "codepoints", "offset unit of the input format: codepoints or utf16")
	from := fs.String("from", "", "input `FORMAT`, detected when absent")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(rest) < 2 {
		return usageError(env, "project add", "name the project folder DIR and at least one FILE of documents")
	}
	p, err := project.Open(rest[0])
	if err != nil {
		report(env, err)
		return exitBad
	}
	docs, status := readDocuments(env, "project add", rest[1:], *from, &c)
	if status != exitOK {
		return status
	}
	ctx, stop := signalContext()
	defer stop()
	res, err := p.Add(ctx, gitForCLI(p.Dir), docs)
	if err != nil {
		fmt.Fprintf(env.Stderr, "gloss project add: %v\n", err)
		return exitBad
	}
	if res.Dropped > 0 {
		fmt.Fprintf(env.Stderr, "gloss project add: %d spans and relations left out: a project's documents.jsonl holds texts only\n", res.Dropped)
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(env.Stderr, "gloss project add: %d documents are in the project already, with the same text: skipped\n", len(res.Skipped))
	}
	fmt.Fprintf(env.Stdout, "Added %d documents to %s\n", len(res.Added), p.Config.Name)
	printAssignment(env, p.Config)
	if len(res.Added) > 0 {
		fmt.Fprintf(env.Stdout, "Committed; gloss sync %s shares them.\n", rest[0])
	}
	return exitOK
}

// readDocuments reads every document of files as import does (any format,
// detected when from is ""), checking each.
func readDocuments(env Env, cmd string, files []string, from string, c *convertFlags) ([]*annotate.Document, int) {
	var f *export.Format
	if from != "" {
		if f = export.Lookup(from); f == nil || f.NewReader == nil {
			return nil, usageError(env, cmd, "unknown format %q (%s)", from, formatNames())
		}
	}
	opt, status := c.options(env, cmd)
	if status != exitOK {
		return nil, status
	}
	var docs collector
	var chk export.Checker
	for _, name := range files {
		if err := copyDocs(env, name, f, opt, &docs, &chk); err != nil {
			report(env, err)
			return nil, exitBad
		}
	}
	return docs, exitOK
}

// collector is an export.Writer that keeps the documents.
type collector []*annotate.Document

func (c *collector) Write(d *annotate.Document) error { *c = append(*c, d); return nil }
func (c *collector) Close() error                     { return nil }

// openProject opens the project in the folder args names, "." when none.
func openProject(env Env, cmd string, args []string) (*project.Project, int) {
	dir := "."
	switch len(args) {
	case 0:
	case 1:
		dir = args[0]
	default:
		return nil, usageError(env, cmd, "name one project folder")
	}
	p, err := project.Open(dir)
	if err != nil {
		report(env, err)
		return nil, exitBad
	}
	return p, exitOK
}

// runSync runs `gloss sync [--annotator NAME] [DIR]`.
func runSync(env Env, args []string) int {
	fs := newFlagSet(env, "gloss sync", "[--annotator NAME] [DIR]")
	annotator := fs.String("annotator", "", "who syncs (`NAME`); this clone remembers it, else the login name")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	p, status := openProject(env, "sync", rest)
	if status != exitOK {
		return status
	}
	ctx, stop := signalContext()
	defer stop()
	g := gitForCLI(p.Dir)
	who, from := p.Identify(ctx, g, *annotator, "")
	if err := p.CheckMember(who); err != nil {
		fmt.Fprintf(env.Stderr, "gloss sync: %v (the name came from %s)\n", err, from)
		return exitBad
	}
	if *annotator != "" {
		if err := p.Remember(ctx, g, who); err != nil {
			fmt.Fprintf(env.Stderr, "gloss sync: could not remember %s in this clone: %v\n", who, err)
		}
	} else {
		fmt.Fprintf(env.Stderr, "gloss sync: as %s (from %s)\n", who, from)
	}
	res, err := p.Sync(ctx, project.SyncOptions{Person: who, Git: g, Progress: func(s project.Step) {
		fmt.Fprintf(env.Stderr, "[%d/%d] %s\n", s.N, s.Of, s.What)
	}})
	for _, n := range res.Notes {
		fmt.Fprintf(env.Stderr, "gloss sync: note: %s\n", n)
	}
	printSync(env, res)
	if err != nil {
		fmt.Fprintf(env.Stderr, "gloss sync: %v\n", err)
		return exitBad
	}
	if res.Offline {
		return exitBad
	}
	return exitOK
}

// printSync says what a sync did, one line a step.
func printSync(env Env, res project.SyncResult) {
	w := env.Stdout
	switch {
	case res.Commit != "":
		fmt.Fprintf(w, "Committed %s (%s)\n", strings.Join(res.Files, " and "), res.Commit)
	case len(res.Files) > 0:
		fmt.Fprintf(w, "Nothing new to commit in %s\n", strings.Join(res.Files, " and "))
	}
	switch {
	case res.Remote == "":
		fmt.Fprintln(w, "No remote: your work is committed in this clone only (git remote add origin URL to share it)")
	case res.Offline:
		fmt.Fprintf(w, "Offline: could not reach %s (%s).\nYour work is committed locally; run gloss sync again when you are online.\n", res.Remote, res.Reason)
		return
	}
	if res.Received > 0 {
		fmt.Fprintf(w, "Merged %d commits from %s: %s\n", res.Received, res.Remote, strings.Join(res.Changed, ", "))
	} else if res.Remote != "" {
		fmt.Fprintf(w, "Nothing new from %s\n", res.Remote)
	}
	if res.Pushed {
		fmt.Fprintf(w, "%s/%s is up to date with your work\n", res.Remote, res.Branch)
	}
}
