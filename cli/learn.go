package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"gloss/annotate"
	"gloss/annotate/learn"
	"gloss/export"
)

func init() {
	register("learn", "learn -o MODEL [--from FORMAT] [--labels FILE] [--epochs N] FILE...  train the suggester", runLearn)
}

// runLearn trains a model (annotate/learn) from the accepted spans and
// SAID_BY relations of the inputs, in any format import reads, and writes
// it to MODEL for `gloss suggest --model MODEL`.
func runLearn(env Env, args []string) int {
	fs := newFlagSet(env, "gloss learn", "-o MODEL [--from FORMAT] [--labels FILE] FILE...")
	out := fs.String("o", "", "the model `MODEL` to write (required)")
	from := fs.String("from", "", "input `FORMAT`, detected when absent: "+formatNames())
	labelsFile := fs.String("labels", "", "label set `FILE` (TOML); the built-in set by default")
	epochs := fs.Int("epochs", learn.DefaultEpochs, "passes over the documents")
	files, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if *out == "" || *out == "-" {
		return usageError(env, "learn", "name the model file with -o MODEL")
	}
	if len(files) == 0 {
		return usageError(env, "learn", "name at least one FILE")
	}
	if *epochs < 1 || *epochs > 100 {
		return usageError(env, "learn", "--epochs is from 1 to 100, not %d", *epochs)
	}
	var f *export.Format
	if *from != "" {
		if f = export.Lookup(*from); f == nil || f.NewReader == nil {
			return usageError(env, "learn", "unknown format %q (%s)", *from, formatNames())
		}
	}
	labels, status := loadLabels(env, *labelsFile)
	if status != exitOK {
		return status
	}
	opt := export.Options{Labels: labels, Warn: warnings(env)}
	var docs []*annotate.Document
	for _, name := range files {
		if err := readAll(env, name, f, opt, func(d *annotate.Document) { docs = append(docs, d) }); err != nil {
			report(env, err)
			return exitBad
		}
	}
	m := learn.Train(docs, learn.Options{Labels: labels, Epochs: *epochs})
	if m.Meta.Total() == 0 {
		fmt.Fprintf(env.Stderr, "gloss learn: %d document(s) but no accepted QUOTE, CLAIM or ACTOR span to learn from; nothing written\n", len(docs))
		return exitBad
	}
	if err := export.WriteFileAtomic(*out, m.Write); err != nil {
		report(env, err)
		return exitBad
	}
	fmt.Fprintf(env.Stderr, "gloss learn: %s: learned from %d span(s) (%s) and %d quote(s) or claim(s) for speakers, in %d of %d document(s)\n",
		*out, m.Meta.Total(), spanCounts(m.Meta), m.Meta.SaidBy, m.Meta.Documents, len(docs))
	return exitOK
}

// spanCounts is "QUOTE 12, CLAIM 3, ACTOR 40".
func spanCounts(meta learn.Meta) string {
	s := ""
	for _, l := range []string{"QUOTE", "CLAIM", "ACTOR"} {
		if s != "" {
			s += ", "
		}
		s += fmt.Sprintf("%s %d", l, meta.Spans[l])
	}
	return s
}

// readAll hands every document of file name to each.
func readAll(env Env, name string, f *export.Format, opt export.Options, each func(*annotate.Document)) error {
	r, closeInput, err := openReader(env, name, f, opt)
	if err != nil {
		return err
	}
	defer closeInput()
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		each(d)
	}
}

// loadModel reads the model file name for suggest --model.
func loadModel(name string) (*learn.Model, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	m, err := learn.Read(fh)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", name, err)
	}
	return m, nil
}
