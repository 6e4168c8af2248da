package cli

import (
	"fmt"
	"io"
	"slices"
	"sync/atomic"

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
			// A file's actors were all collected above, so its documents
			// are suggested on CopyChecked's workers, several at a time;
			// standard input's own earlier documents count, so it is
			// suggested in order, as it is written.
			sw.inOrder = name == "-"
			var then func(*annotate.Document)
			if !sw.inOrder {
				opt := suggest.Options{KnownActors: sw.actors}
				then = func(d *annotate.Document) { sw.suggest(d, opt) }
			}
			if err := copyMapped(env, name, nil, opt, sw, &chk, nil, then); err != nil {
				return err
			}
		}
		return sw.Close()
	})
	if err != nil {
		report(env, err)
		return exitBad
	}
	fmt.Fprintf(env.Stderr, "gloss suggest: %d document(s), %d span(s) and %d relation(s) suggested\n", sw.docs.Load(), sw.spans.Load(), sw.relations.Load())
	return exitOK
}

// suggestingWriter adds suggestions to each document, on the reading
// goroutines (suggest) or, for standard input, before writing it (Write).
type suggestingWriter struct {
	export.Writer
	labels *annotate.LabelSet
	model  *learn.Model    // nil: the rules alone
	known  map[string]bool // surface forms of accepted ACTOR spans
	actors []string        // the same, in a stable order
	// inOrder: the documents being written get their suggestions in
	// Write (standard input), not from suggest on the workers.
	inOrder                bool
	docs, spans, relations atomic.Int64
}

func (s *suggestingWriter) learn(d *annotate.Document) {
	for _, sp := range d.Spans {
		if sp.Label == suggest.LabelActor && !sp.Suggested && !s.known[sp.Text] && sp.Text != "" {
			s.known[sp.Text] = true
			s.actors = append(s.actors, sp.Text)
		}
	}
}

// suggest adds d's suggestions to it. It may run on several documents at
// once: the model and the rules only read what they share.
func (s *suggestingWriter) suggest(d *annotate.Document, opt suggest.Options) {
	spans, rels := learn.Suggest(d, s.labels, opt, s.model)
	d.Spans = append(d.Spans, spans...)
	d.Relations = append(d.Relations, rels...)
	s.docs.Add(1)
	s.spans.Add(int64(len(spans)))
	s.relations.Add(int64(len(rels)))
}

// Write implements export.Writer.
func (s *suggestingWriter) Write(d *annotate.Document) error {
	if s.inOrder {
		s.learn(d)
		s.suggest(d, suggest.Options{KnownActors: s.actors})
	}
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
