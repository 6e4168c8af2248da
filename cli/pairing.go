package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"gloss/annotate"
	"gloss/export"
)

// pairing reads several native files and hands over, one id at a time,
// the documents that every file has with the same text: what agree and
// merge work on. It reads the files in lockstep while their ids line up
// (copies of one corpus, the common case), holding one document per file;
// at the first id that does not line up it loads the rest of every file
// and goes on by id, in id order, so that the outcome does not depend on
// the order of the files.
type pairing struct {
	env    Env
	cmd    string
	labels *annotate.LabelSet
	srcs   []*pairSource

	// problems are FILE:LINE: errors of the input; any of them fails the
	// command and nothing is written.
	problems []error
	// textDiffers and missing name the documents left out.
	textDiffers []string
	missing     []string
	compared    int

	done chan struct{} // closed to stop the readers
	wg   sync.WaitGroup
}

// pairSource is one input file, read and checked ahead of use by its own
// goroutine: the files of a comparison parse in parallel, and the channel's
// small buffer keeps memory to a few documents per file.
type pairSource struct {
	name  string
	in    io.ReadCloser
	items chan pairItem
	docs  int
}

// pairItem is one document of a source with its problems, or the
// source's end (doc == nil) or failure (err != nil).
type pairItem struct {
	doc      *annotate.Document
	problems []error
	err      error
}

// pairReadAhead is how many documents a source reads ahead of use.
const pairReadAhead = 8

// openPairing opens every file and starts reading them; the caller closes
// them with close.
func openPairing(env Env, cmd string, files []string, labels *annotate.LabelSet) (*pairing, error) {
	p := &pairing{env: env, cmd: cmd, labels: labels, done: make(chan struct{})}
	stdin := 0
	for _, name := range files {
		if name == "-" {
			if stdin++; stdin > 1 {
				p.close()
				return nil, fmt.Errorf("gloss %s: standard input (-) can be read only once", cmd)
			}
		}
		in, err := openInput(env, name)
		if err != nil {
			p.close()
			return nil, err
		}
		s := &pairSource{name: name, in: in, items: make(chan pairItem, pairReadAhead)}
		p.srcs = append(p.srcs, s)
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.read(s)
		}()
	}
	return p, nil
}

// close stops the readers and closes the files.
func (p *pairing) close() {
	close(p.done)
	p.wg.Wait()
	for _, s := range p.srcs {
		s.in.Close()
	}
}

// read runs in its own goroutine and sends the documents of s. Lines that
// do not parse, documents that break a rule (offsets, span texts, labels
// the label set does not know) and ids used twice are problems; documents
// that break rules are still sent, so that the files stay in step, but
// the command fails at the end.
func (p *pairing) read(s *pairSource) {
	r := export.NewNativeReader(s.in, s.name, export.Options{})
	seen := map[string]int{} // document id → line
	send := func(it pairItem) bool {
		select {
		case s.items <- it:
			return true
		case <-p.done:
			return false
		}
	}
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			send(pairItem{})
			return
		}
		var le *export.LineError
		if errors.As(err, &le) {
			if !send(pairItem{problems: []error{le}}) {
				return
			}
			continue
		}
		if err != nil {
			send(pairItem{err: err})
			return
		}
		it := pairItem{doc: d}
		line := r.Line()
		if first, dup := seen[d.ID]; dup {
			it.problems = append(it.problems, pairLineError(s.name, line, fmt.Sprintf("document id %q already used on line %d", d.ID, first)))
		} else {
			seen[d.ID] = line
		}
		for _, pr := range annotate.Validate(d, p.labels) {
			it.problems = append(it.problems, pairLineError(s.name, line, pr.String()))
		}
		if !send(it) {
			return
		}
	}
}

// next returns the next document of s, or nil at the end, collecting the
// problems found on the way.
func (p *pairing) next(s *pairSource) (*annotate.Document, error) {
	for s.items != nil {
		it := <-s.items
		p.problems = append(p.problems, it.problems...)
		switch {
		case it.err != nil:
			return nil, it.err
		case it.doc != nil:
			s.docs++
			return it.doc, nil
		case it.problems == nil:
			s.items = nil // ended: a further receive would block
		}
	}
	return nil, nil
}

func pairLineError(file string, line int, msg string) error {
	return &export.LineError{File: file, Line: line, Msg: msg}
}

// run calls each for every document id that all files have with the same
// text, the documents in the order of the files. It returns the input's
// problems joined, or the first error of each.
func (p *pairing) run(each func(docs []*annotate.Document) error) error {
	n := len(p.srcs)
	group := make([]*annotate.Document, n)
	for {
		ended := 0
		for i, s := range p.srcs {
			d, err := p.next(s)
			if err != nil {
				return err
			}
			group[i] = d
			if d == nil {
				ended++
			}
		}
		if ended == n {
			break
		}
		if ended > 0 || !sameIDs(group) {
			if err := p.byID(group, each); err != nil {
				return err
			}
			break
		}
		if err := p.handle(group, each); err != nil {
			return err
		}
	}
	for _, s := range p.srcs {
		if s.docs == 0 {
			p.problems = append(p.problems, fmt.Errorf("%s: no documents", s.name))
		}
	}
	if len(p.problems) > 0 {
		return errors.Join(p.problems...)
	}
	if p.compared == 0 {
		return fmt.Errorf("gloss %s: no document is in every file with the same text", p.cmd)
	}
	return nil
}

func sameIDs(group []*annotate.Document) bool {
	for _, d := range group[1:] {
		if d.ID != group[0].ID {
			return false
		}
	}
	return true
}

// byID is the fallback when ids do not line up: it loads what is left of
// every file (pending holds each file's document already read, or nil) and
// pairs documents by id, in id order.
func (p *pairing) byID(pending []*annotate.Document, each func([]*annotate.Document) error) error {
	n := len(p.srcs)
	byFile := make([]map[string]*annotate.Document, n)
	all := map[string]bool{}
	for i, s := range p.srcs {
		byFile[i] = map[string]*annotate.Document{}
		for d := pending[i]; d != nil; {
			if _, dup := byFile[i][d.ID]; !dup { // a second copy is already a problem
				byFile[i][d.ID] = d
			}
			all[d.ID] = true
			var err error
			if d, err = p.next(s); err != nil {
				return err
			}
		}
	}
	ids := make([]string, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	group := make([]*annotate.Document, n)
	for _, id := range ids {
		var lacking []string
		for i, s := range p.srcs {
			group[i] = byFile[i][id]
			if group[i] == nil {
				lacking = append(lacking, s.name)
			}
			delete(byFile[i], id) // let memory go as we go
		}
		if len(lacking) > 0 {
			p.missing = append(p.missing, id)
			fmt.Fprintf(p.env.Stderr, "gloss %s: left out %q: not in %s\n", p.cmd, id, strings.Join(lacking, ", "))
			continue
		}
		if err := p.handle(group, each); err != nil {
			return err
		}
	}
	return nil
}

// handle checks that a group's texts are the same and passes it on.
func (p *pairing) handle(group []*annotate.Document, each func([]*annotate.Document) error) error {
	for i, d := range group[1:] {
		if d.Text != group[0].Text {
			p.textDiffers = append(p.textDiffers, d.ID)
			fmt.Fprintf(p.env.Stderr, "gloss %s: left out %q: its text differs between %s and %s\n",
				p.cmd, d.ID, p.srcs[0].name, p.srcs[i+1].name)
			return nil
		}
	}
	p.compared++
	return each(group)
}

// summary says on stderr how many documents were used and left out.
func (p *pairing) summary(verb string) {
	left := len(p.textDiffers) + len(p.missing)
	if left == 0 {
		fmt.Fprintf(p.env.Stderr, "gloss %s: %d document(s) %s\n", p.cmd, p.compared, verb)
		return
	}
	fmt.Fprintf(p.env.Stderr, "gloss %s: %d document(s) %s, %d left out (%d with different texts, %d not in every file)\n",
		p.cmd, p.compared, verb, left, len(p.textDiffers), len(p.missing))
}
