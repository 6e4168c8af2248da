package cli

import (
	"fmt"
	"io"
	"slices"

	"gloss/annotate"
	"gloss/annotate/learn"
	"gloss/annotate/suggest"
	"gloss/export"
)

func init() {
	register("suggest", "suggest [-o OUT] [--labels FILE] [--model MODEL] FILE...  pre-annotation", runSuggest)
}

// runSuggest adds suggested spans and relations (marked "suggested") to
// every document and writes them as native JSONL. Inputs may be in any
// format import reads. Actors labelled anywhere in the inputs are known in
// every document, so their further mentions are suggested too: that takes
// a first pass over the files (standard input is read once, and only its
// own earlier documents count).
func runSuggest(env Env, args []string) int {
	fs := newFlagSet(env, "gloss suggest", "[-o OUT] [--labels FILE] FILE...")
	out := fs.String("o", "", "output `OUT` (a file; standard output when absent or -)")
	labelsFile := fs.String("labels", "", "label set `FILE` (TOML); the built-in set by default")
	modelFile := fs.String("model", "", "a `MODEL` from gloss learn, merged with the rules")
	files, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(files) == 0 {
		return usageError(env, "suggest", "name at least one FILE")
	}
	labels, status := loadLabels(env, *labelsFile)
	if status != exitOK {
		return status
	}
	sw := &suggestingWriter{labels: labels, known: map[string]bool{}}
	if *modelFile != "" {
		m, err := loadModel(*modelFile)
		if err != nil {
			report(env, err)
			return exitBad
		}
		sw.model = m
	}
	opt := export.Options{Labels: labels, Warn: warnings(env)}
	for _, name := range files {
		if name == "-" {
			continue
		}
		if err := collectActors(env, name, opt, sw); err != nil {
			report(env, err)
			return exitBad
		}
	}
	err := writeOutput(env, *out, func(w io.Writer) error {
		sw.Writer = export.NewNativeWriter(w, export.Options{})
		var chk export.Checker
		for _, name := range files {
			if err := copyDocs(env, name, nil, opt, sw, &chk); err != nil {
				return err
			}
		}
		return sw.Close()
	})
	if err != nil {
		report(env, err)
		return exitBad
	}
	fmt.Fprintf(env.Stderr, "gloss suggest: %d document(s), %d span(s) and %d relation(s) suggested\n", sw.docs, sw.spans, sw.relations)
	return exitOK
}

// suggestingWriter adds suggestions to each document before writing it.
type suggestingWriter struct {
	export.Writer
	labels                 *annotate.LabelSet
	model                  *learn.Model    // nil: the rules alone
	known                  map[string]bool // surface forms of accepted ACTOR spans
	actors                 []string        // the same, in a stable order
	docs, spans, relations int
}

func (s *suggestingWriter) learn(d *annotate.Document) {
	for _, sp := range d.Spans {
		if sp.Label == suggest.LabelActor && !sp.Suggested && !s.known[sp.Text] && sp.Text != "" {
			s.known[sp.Text] = true
			s.actors = append(s.actors, sp.Text)
		}
	}
}

// Write implements export.Writer.
func (s *suggestingWriter) Write(d *annotate.Document) error {
	s.learn(d) // standard input: its own earlier documents count
	spans, rels := learn.Suggest(d, s.labels, suggest.Options{KnownActors: s.actors}, s.model)
	d.Spans = append(d.Spans, spans...)
	d.Relations = append(d.Relations, rels...)
	s.docs++
	s.spans += len(spans)
	s.relations += len(rels)
	return s.Writer.Write(d)
}

// collectActors reads a file once to learn its accepted ACTOR spans.
func collectActors(env Env, name string, opt export.Options, s *suggestingWriter) error {
	quiet := opt
	quiet.Warn = nil
	err := readAll(Env{Stdin: env.Stdin, Stdout: io.Discard, Stderr: io.Discard}, name, nil, quiet, s.learn)
	slices.Sort(s.actors)
	return err
}
