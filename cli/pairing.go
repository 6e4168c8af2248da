package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"gloss/annotate"
	"gloss/export"
)

// pairing is export.Pairing as the commands use it: files named on the
// command line ("-" is standard input), documents left out said on
// stderr, errors prefixed with the command.
type pairing struct {
	*export.Pairing
	env Env
	cmd string
}

// openPairing opens every file and starts reading them; the caller closes
// them with Close.
func openPairing(env Env, cmd string, files []string, labels *annotate.LabelSet) (*pairing, error) {
	if stdin := slices.Index(files, "-"); stdin >= 0 && slices.Contains(files[stdin+1:], "-") {
		return nil, fmt.Errorf("gloss %s: standard input (-) can be read only once", cmd)
	}
	ep, err := export.OpenPairing(files, func(name string) (io.ReadCloser, error) { return openInput(env, name) }, labels)
	if err != nil {
		return nil, err
	}
	ep.LeftOut = func(id, why string) {
		fmt.Fprintf(env.Stderr, "gloss %s: left out %q: %s\n", cmd, id, why)
	}
	return &pairing{Pairing: ep, env: env, cmd: cmd}, nil
}

// run is export.Pairing.Run with the command's name on its last error.
func (p *pairing) run(each func(docs []*annotate.Document) error) error {
	err := p.Run(each)
	if errors.Is(err, export.ErrNoCommonDocument) {
		return fmt.Errorf("gloss %s: %w", p.cmd, err)
	}
	return err
}

// summary says on stderr how many documents were used and left out.
func (p *pairing) summary(verb string) {
	left := len(p.TextDiffers) + len(p.Missing)
	if left == 0 {
		fmt.Fprintf(p.env.Stderr, "gloss %s: %d document(s) %s\n", p.cmd, p.Compared, verb)
		return
	}
	fmt.Fprintf(p.env.Stderr, "gloss %s: %d document(s) %s, %d left out (%d with different texts, %d not in every file)\n",
		p.cmd, p.Compared, verb, left, len(p.TextDiffers), len(p.Missing))
}
