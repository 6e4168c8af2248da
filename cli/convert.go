package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"

	"gloss/annotate"
	"gloss/export"
)

func init() {
	register("export", "export --to FORMAT [-o OUT] [--offsets utf16] [--only LABEL,...] [--layout single] FILE...  native → FORMAT", runExport)
	register("import", "import [--from FORMAT] [-o OUT] [--offsets utf16] [--text-key KEY] [--tag-names O,B-X,...] [--keep-ignored] [--map FROM=TO]... [--event TYPE:FROM>TO=RELATION]... [--text-dir DIR] FILE... FORMAT → native", runImport)
}

// repeated is a flag that may be given several times, each value kept.
type repeated []string

// String implements flag.Value.
func (r *repeated) String() string { return strings.Join(*r, " ") }

// Set implements flag.Value.
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// convertFlags are the flags import and export share.
type convertFlags struct {
	out     string
	offsets string
	labels  string
	textKey string
	maxLine maxLineFlag
}

func (c *convertFlags) define(fsName string, env Env, synopsis string) *flag.FlagSet {
	fs := newFlagSet(env, fsName, synopsis)
	fs.StringVar(&c.out, "o", "", "output `OUT` (a file, or a folder for brat; standard output when absent or -)")
	fs.StringVar(&c.offsets, "offsets", "codepoints", "offset unit of the foreign format: codepoints or utf16")
	fs.StringVar(&c.labels, "labels", "", "label set `FILE` (TOML), for formats laid out by label")
	fs.StringVar(&c.textKey, "text-key", "", "labelstudio: the member of a task's data that holds the text (`KEY`; default text, or else its one string member)")
	c.maxLine.define(fs)
	return fs
}

func (c *convertFlags) options(env Env, cmd string) (export.Options, int) {
	var opt export.Options
	switch c.offsets {
	case "codepoints", "":
	case "utf16":
		opt.UTF16 = true
	default:
		return opt, usageError(env, cmd, "--offsets is codepoints or utf16, not %q", c.offsets)
	}
	labels, status := loadLabels(env, c.labels)
	opt.Labels = labels
	opt.Warn = warnings(env)
	opt.TextKey = c.textKey
	opt.MaxLine = int64(c.maxLine)
	return opt, status
}

// warnings prints a codec's notes on stderr, one a line. Readers warn from
// export.Copy's reading goroutine, writers from the writing one, hence the
// lock.
func warnings(env Env) func(msg string) {
	var mu sync.Mutex
	return func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintln(env.Stderr, msg)
	}
}

// runExport converts native files to another format.
func runExport(env Env, args []string) int {
	var c convertFlags
	fs := c.define("gloss export", env, "--to FORMAT [-o OUT] [--offsets utf16] FILE...")
	to := fs.String("to", "", "output `FORMAT`: "+formatNames())
	var x exportFlags
	x.define(fs)
	files, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if *to == "" {
		return usageError(env, "export", "--to FORMAT is required (%s)", formatNames())
	}
	f := export.Lookup(*to)
	if f == nil || (f.NewWriter == nil && f.WriteDir == nil) {
		return usageError(env, "export", "unknown format %q (%s)", *to, formatNames())
	}
	if len(files) == 0 {
		return usageError(env, "export", "name at least one FILE")
	}
	if f.WriteDir != nil && (c.out == "" || c.out == "-") {
		return usageError(env, "export", "--to %s writes a folder: name it with -o DIR", f.Name)
	}
	opt, status := c.options(env, "export")
	if status != exitOK {
		return status
	}
	env, cleanup, status := x.apply(env, f, files, &opt)
	defer cleanup()
	if status != exitOK {
		return status
	}
	defer conversionGC()()
	readOpt := export.Options{Warn: opt.Warn, Only: opt.Only, MaxLine: opt.MaxLine}
	copyAll := func(fw export.Writer) error {
		var chk export.Checker
		for _, name := range files {
			if err := copyDocs(env, name, export.Lookup("jsonl"), readOpt, fw, &chk); err != nil {
				return err
			}
		}
		return fw.Close()
	}
	var err error
	if f.WriteDir != nil {
		// The folder appears only once every document has been read,
		// checked and written.
		err = export.WriteDirAtomic(c.out, func(dir string) error { return copyAll(f.WriteDir(dir, opt)) })
	} else {
		err = writeOutput(env, c.out, func(w io.Writer) error { return copyAll(f.NewWriter(w, opt)) })
	}
	if err != nil {
		report(env, err)
		return exitBad
	}
	return exitOK
}

// conversionGCPercent is the collector's pacing during an export or
// import. A conversion keeps little alive (the documents in flight in
// export.CopyChecked's pipeline, a few hundred, some 10 MB) but allocates
// the whole input again as documents, so at Go's default (100: collect
// each time the heap has doubled) it collected 87 times for the 197 MB
// bench corpus, and each collection stops the workers to scan their
// stacks: a quarter of an export's CPU (docs/performance.md). At 400 it
// collects 15 times, and the heap is still bounded, by five times what is
// live (peak resident 49 → 69 MB on the bench corpus), not by the input.
const conversionGCPercent = 400

// conversionGC sets conversionGCPercent, unless GOGC says otherwise, and
// returns what restores the setting before it (Main runs many commands
// in one process in tests).
func conversionGC() func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(conversionGCPercent)
	return func() { debug.SetGCPercent(old) }
}

// runImport converts files of another format to native JSONL.
func runImport(env Env, args []string) int {
	var c convertFlags
	fs := c.define("gloss import", env, "[--from FORMAT] [-o OUT] [--offsets utf16] FILE...")
	from := fs.String("from", "", "input `FORMAT`, detected when absent: "+formatNames())
	tagNames := fs.String("tag-names", "", "hf: the names of integer ner_tags, in order (`O,B-X,I-X,...`)")
	keepIgnored := fs.Bool("keep-ignored", false, "prodigy: read the spans of ignore tasks as annotations (by default they are marked rejected, like those of reject tasks)")
	var maps, events repeated
	fs.Var(&maps, "map", "rename label `FROM=TO` as it is read (spans and relations; FROM= drops FROM's spans and their relations); repeatable")
	fs.Var(&events, "event", "brat: turn each event of TYPE into RELATION from its FROMROLE argument to its TOROLE argument, `TYPE:FROMROLE>TOROLE=RELATION` (Content2 counts as Content); repeatable")
	textDir := fs.String("text-dir", "", "brat: read each NAME.ann's or NAME_ANNOTATOR.ann's text from `DIR`/NAME.txt")
	files, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(files) == 0 {
		return usageError(env, "import", "name at least one FILE")
	}
	var f *export.Format
	if *from != "" {
		if f = export.Lookup(*from); f == nil || f.NewReader == nil {
			return usageError(env, "import", "unknown format %q (%s)", *from, formatNames())
		}
	}
	for _, name := range files {
		if name == "-" && f != nil && f.OpenPath != nil {
			return usageError(env, "import", "%s reads files beside each other: name a file or folder, not standard input", f.Name)
		}
	}
	opt, status := c.options(env, "import")
	if status != exitOK {
		return status
	}
	opt.KeepIgnored = *keepIgnored
	for _, n := range strings.Split(*tagNames, ",") {
		if n = strings.TrimSpace(n); n != "" {
			opt.TagNames = append(opt.TagNames, n)
		}
	}
	labelMap, err := export.ParseLabelMap(maps)
	if err != nil {
		return usageError(env, "import", "%v", err)
	}
	for _, spec := range events {
		ev, err := export.ParseBratEvent(spec)
		if err != nil {
			return usageError(env, "import", "%v", err)
		}
		opt.Events = append(opt.Events, ev)
	}
	opt.TextDir = *textDir
	if f != nil && f.Name != "brat" && (len(opt.Events) > 0 || opt.TextDir != "") {
		return usageError(env, "import", "--event and --text-dir are for brat, not %s", f.Name)
	}
	files = bratArguments(files, f, opt)
	defer conversionGC()()
	err = writeOutput(env, c.out, func(w io.Writer) error {
		nw := export.NewNativeWriter(w, export.Options{})
		var chk export.Checker
		for _, name := range files {
			if err := copyMapped(env, name, f, opt, nw, &chk, labelMap, nil); err != nil {
				return err
			}
		}
		return nw.Close()
	})
	if err != nil {
		report(env, err)
		return exitBad
	}
	return exitOK
}

// copyDocs reads every document of the named input in format f (detected
// when nil) and writes it to w. Each document is checked by chk first
// (offsets, span texts, relation ends, label names, ids unique across the
// inputs of one command): bad input stops the copy with FILE:LINE: errors,
// so nothing is written.
func copyDocs(env Env, name string, f *export.Format, opt export.Options, w export.Writer, chk *export.Checker) error {
	return copyMapped(env, name, f, opt, w, chk, nil, nil)
}

// copyMapped is copyDocs that renames labels by m (nil: none) as they are
// read, before the check (gloss import --map), and then, when then is not
// nil, passes each valid document to it on the same goroutines as the
// check (gloss suggest adds its suggestions there): then may change only
// the document it is given.
func copyMapped(env Env, name string, f *export.Format, opt export.Options, w export.Writer, chk *export.Checker, m export.LabelMap, then func(*annotate.Document)) error {
	r, closeInput, err := openReader(env, name, f, opt)
	if err != nil {
		return err
	}
	defer closeInput()
	r = export.MapLabels(r, m, name, opt)
	fileOf := func(file string) string {
		if file == "" {
			return name
		}
		return file
	}
	// Validating a document needs only that document, so it runs on
	// several goroutines; ids are checked in input order.
	each := func(d *annotate.Document, file string, line int) error {
		if errs := chk.Validate(d, fileOf(file), line); len(errs) > 0 {
			return errors.Join(errs...)
		}
		export.KeepOnly(d, opt.Only)
		if then != nil {
			then(d)
		}
		return nil
	}
	inOrder := func(d *annotate.Document, file string, line int) error {
		return errors.Join(chk.CheckID(d, fileOf(file), line)...)
	}
	_, err = export.CopyChecked(r, name, w, each, inOrder)
	return err
}

// openReader opens the named input in format f, detecting the format when
// f is nil and saying which on stderr.
func openReader(env Env, name string, f *export.Format, opt export.Options) (export.Reader, func(), error) {
	var (
		r       export.Reader
		used    *export.Format
		closeFn = func() error { return nil }
		err     error
	)
	if name == "-" {
		r, used, err = export.OpenReader(env.Stdin, name, f, opt)
	} else {
		r, used, closeFn, err = export.Open(name, f, opt)
	}
	if err != nil {
		return nil, nil, err
	}
	if f == nil {
		fmt.Fprintf(env.Stderr, "%s: reading as %s\n", name, used.Name)
	}
	return r, func() { closeFn() }, nil
}

func formatNames() string {
	var names []string
	for _, f := range export.Formats() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// bratArguments is the files of an import as a shell's DIR/* names them
// for brat (--from brat, or no --from): brat's configuration files
// (annotation.conf, visual.conf, …) are no documents and are left out with
// a note, and a NAME.txt named beside its NAME.ann is the same document,
// read once.
func bratArguments(files []string, f *export.Format, opt export.Options) []string {
	if f != nil && f.Name != "brat" {
		return files
	}
	named := map[string]bool{}
	for _, name := range files {
		named[name] = true
	}
	kept := files[:0:0]
	for _, name := range files {
		switch filepath.Ext(name) {
		case ".conf":
			if opt.Warn != nil {
				opt.Warn(name + ": skipped: a brat configuration file, not a document")
			}
			continue
		case ".txt":
			if named[strings.TrimSuffix(name, ".txt")+".ann"] {
				continue // read with its .ann
			}
		}
		kept = append(kept, name)
	}
	return kept
}

// maxLineFlag is --max-line, the most bytes one document may take in an
// input (export.Options.MaxLine): a number of bytes or a size such as
// 256MiB; 0 is the default, export.DefaultMaxLine.
type maxLineFlag int64

func (m *maxLineFlag) define(fs *flag.FlagSet) {
	fs.Var(m, "max-line", "the most bytes one document may take in the input (a line of JSONL, a task, a text file; `SIZE` such as 256MiB; default "+export.FormatSize(export.DefaultMaxLine)+")")
}

// String implements flag.Value.
func (m *maxLineFlag) String() string {
	if m == nil || *m == 0 {
		return export.FormatSize(export.DefaultMaxLine)
	}
	return export.FormatSize(int64(*m))
}

// Set implements flag.Value.
func (m *maxLineFlag) Set(v string) error {
	n, err := export.ParseSize(v)
	if err != nil {
		return err
	}
	*m = maxLineFlag(n)
	return nil
}
