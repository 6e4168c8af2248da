package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"

	"gloss/annotate"
)

// ErrNoCommonDocument is Pairing.Run's error when no document id is in
// every file with the same text.
var ErrNoCommonDocument = errors.New("no document is in every file with the same text")

// Pairing reads several native files and hands over, one id at a time, the
// documents that every file has with the same text: what agreement, merge
// and review work on. It reads the files in lockstep while their ids line
// up (copies of one corpus, the common case), holding one document per
// file; at the first id that does not line up it goes on by id, in id
// order, so that the outcome does not depend on the order of the files.
// Going by id, it reads the rest of every file once, checking it and
// noting where each document's line is, then reads the documents of each
// id again from there: memory is an index of a few dozen bytes a document
// plus one document per file. An input it cannot read twice (standard
// input, a pipe: anything not an io.ReaderAt, or whose Stat says it is not
// a regular file) has the rest of it loaded into memory instead. A file
// that changes while it is paired is an error ("FILE:LINE: the file
// changed while it was read"), never a wrong pair.
//
// It lived in the command line first; it is here so that the review
// screen pairs files exactly as `gloss agree` and `gloss merge` do.
type Pairing struct {
	// LeftOut, if set, hears of every document left out, with why in words
	// ("its text differs between a.jsonl and b.jsonl", "not in b.jsonl").
	// Set it before Run.
	LeftOut func(id, why string)
	// TextDiffers and Missing name the documents left out, after Run.
	TextDiffers []string
	Missing     []string
	// Compared counts the groups handed over, after Run.
	Compared int

	labels *annotate.LabelSet
	srcs   []*source
	// problems are FILE:LINE: errors of the input; any of them fails Run.
	problems []error

	done chan struct{} // closed to stop the readers
	wg   sync.WaitGroup
}

// source is one input file, read and checked ahead of use by its own
// goroutine: the files of a comparison parse in parallel, and the channel's
// small buffer keeps memory to a few documents per file.
type source struct {
	name  string
	in    io.ReadCloser
	items chan sourceItem
	docs  int
	last  place // of the document next returned last

	// at reads the file again, from base on, when it is seekable (see
	// seekable); else it is nil. parser and buf serve those reads, whose
	// documents arrive on again (see rereadAll).
	at     io.ReaderAt
	base   int64
	parser *NativeReader
	buf    []byte
	again  chan sourceItem
}

// sourceItem is one document of a source with its problems and place, or
// the source's end (doc == nil) or failure (err != nil).
type sourceItem struct {
	doc      *annotate.Document
	at       place
	problems []error
	err      error
}

// place is where a document's line is in its file: size bytes (without
// the line ending) from byte off, line number line.
type place struct {
	off        int64
	size, line int
}

// readAhead is how many documents a source reads ahead of use.
const readAhead = 8

// OpenPairing opens every file with open and starts reading them as native
// JSONL, checking each document against labels (nil skips the label
// checks); the caller closes the pairing with Close.
func OpenPairing(files []string, open func(name string) (io.ReadCloser, error), labels *annotate.LabelSet) (*Pairing, error) {
	p := &Pairing{labels: labels, done: make(chan struct{})}
	for _, name := range files {
		in, err := open(name)
		if err != nil {
			p.Close()
			return nil, err
		}
		s := &source{name: name, in: in, items: make(chan sourceItem, readAhead)}
		s.at, s.base = seekable(in)
		p.srcs = append(p.srcs, s)
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.read(s)
		}()
	}
	return p, nil
}

// seekable returns in as an io.ReaderAt, and the offset it is read from,
// when it can be read again: it is an io.ReaderAt, a regular file if it
// says (Stat), and its Seek, if any, answers. Else it returns nil.
func seekable(in io.Reader) (io.ReaderAt, int64) {
	at, ok := in.(io.ReaderAt)
	if !ok {
		return nil, 0
	}
	if f, ok := in.(interface{ Stat() (os.FileInfo, error) }); ok {
		if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
			return nil, 0
		}
	}
	var base int64
	if sk, ok := in.(io.Seeker); ok {
		var err error
		if base, err = sk.Seek(0, io.SeekCurrent); err != nil {
			return nil, 0
		}
	}
	return at, base
}

// Close stops the readers and closes the files.
func (p *Pairing) Close() {
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
// Run fails at the end.
func (p *Pairing) read(s *source) {
	r := NewNativeReader(s.in, s.name, Options{})
	seen := map[string]int{} // document id → line
	send := func(it sourceItem) bool {
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
			send(sourceItem{})
			return
		}
		var le *LineError
		if errors.As(err, &le) {
			if !send(sourceItem{problems: []error{le}}) {
				return
			}
			continue
		}
		if err != nil {
			send(sourceItem{err: err})
			return
		}
		line := r.Line()
		it := sourceItem{doc: d, at: place{r.lines.start, r.lines.size, line}}
		if first, dup := seen[d.ID]; dup {
			it.problems = append(it.problems, &LineError{s.name, line, fmt.Sprintf("document id %q already used on line %d", d.ID, first)})
		} else {
			seen[d.ID] = line
		}
		for _, pr := range annotate.Validate(d, p.labels) {
			it.problems = append(it.problems, &LineError{s.name, line, pr.String()})
		}
		if !send(it) {
			return
		}
	}
}

// next returns the next document of s, or nil at the end, adding the
// problems found on the way to problems; s.last is then its place.
func next(s *source, problems *[]error) (*annotate.Document, error) {
	for s.items != nil {
		it := <-s.items
		*problems = append(*problems, it.problems...)
		switch {
		case it.err != nil:
			return nil, it.err
		case it.doc != nil:
			s.docs++
			s.last = it.at
			return it.doc, nil
		case it.problems == nil:
			s.items = nil // ended: a further receive would block
		}
	}
	return nil, nil
}

// Run calls each for every document id that all files have with the same
// text, the documents in the order of the files (each may keep the
// documents, not the slice). It returns the input's problems joined (a
// file without documents is one), the first error of each, or
// ErrNoCommonDocument.
func (p *Pairing) Run(each func(docs []*annotate.Document) error) error {
	n := len(p.srcs)
	group := make([]*annotate.Document, n)
	for {
		ended := 0
		for i, s := range p.srcs {
			d, err := next(s, &p.problems)
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
	if p.Compared == 0 {
		return ErrNoCommonDocument
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

// byID is the fallback when ids do not line up: it reads what is left of
// every file (pending holds each file's document already read, or nil),
// keeping the places of the documents of seekable files and the documents
// of the others, and pairs documents by id, in id order.
func (p *Pairing) byID(pending []*annotate.Document, each func([]*annotate.Document) error) error {
	n := len(p.srcs)
	docs := make([]map[string]*annotate.Document, n)
	places := make([]map[string]place, n)
	// Each file is read to its end on a goroutine of its own, so that they
	// parse in parallel; their problems are then taken in the order of the
	// files, as if they had been read one after the other.
	problems := make([][]error, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i, s := range p.srcs {
		if s.at != nil {
			places[i] = map[string]place{}
			s.parser = nativeParser(s.name, Options{})
		} else {
			docs[i] = map[string]*annotate.Document{}
		}
		wg.Go(func() {
			for d := pending[i]; d != nil; {
				// A second copy of an id is already a problem: keep the first.
				if s.at != nil {
					if _, dup := places[i][d.ID]; !dup {
						places[i][d.ID] = s.last
					}
				} else if _, dup := docs[i][d.ID]; !dup {
					docs[i][d.ID] = d
				}
				if d, errs[i] = next(s, &problems[i]); errs[i] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	for i := range p.srcs {
		if errs[i] != nil {
			return errs[i]
		}
		p.problems = append(p.problems, problems[i]...)
	}
	all := map[string]bool{}
	for i := range p.srcs {
		for id := range places[i] {
			all[id] = true
		}
		for id := range docs[i] {
			all[id] = true
		}
	}
	ids := make([]string, 0, len(all))
	for id := range all {
		ids = append(ids, id)
	}
	clear(all)
	slices.Sort(ids)
	has := func(i int, id string) bool {
		_, inDocs := docs[i][id]
		_, inPlaces := places[i][id]
		return inDocs || inPlaces
	}
	inAll := make([]bool, len(ids))
	for k, id := range ids {
		inAll[k] = true
		for i := range p.srcs {
			inAll[k] = inAll[k] && has(i, id)
		}
	}
	for i, s := range p.srcs {
		if s.at != nil {
			p.rereadAll(s, ids, inAll, places[i])
		}
	}
	group := make([]*annotate.Document, n)
	for k, id := range ids {
		if !inAll[k] {
			var lacking []string
			for i, s := range p.srcs {
				if !has(i, id) {
					lacking = append(lacking, s.name)
				}
			}
			p.Missing = append(p.Missing, id)
			p.leftOut(id, "not in "+strings.Join(lacking, ", "))
			continue
		}
		for i, s := range p.srcs {
			if s.at == nil {
				group[i] = docs[i][id]
				delete(docs[i], id) // let memory go as we go
				continue
			}
			it := <-s.again
			if it.err != nil {
				return it.err
			}
			group[i], s.last = it.doc, it.at
		}
		if err := p.handle(group, each); err != nil {
			return err
		}
	}
	return nil
}

// rereadAll starts reading again, on a goroutine of its own, the
// documents of s whose ids are in every file (inAll), in the order of ids:
// they arrive on s.again, a few ahead, so that the files parse in parallel
// as they do in lockstep. It stops at the first error, which it sends.
func (p *Pairing) rereadAll(s *source, ids []string, inAll []bool, places map[string]place) {
	s.again = make(chan sourceItem, readAhead)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		for k, id := range ids {
			if !inAll[k] {
				continue
			}
			d, err := s.reread(id, places[id])
			select {
			case s.again <- sourceItem{doc: d, at: places[id], err: err}:
			case <-p.done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
}

// reread reads the document id again from its place in a seekable file.
// The line was read and parsed before: it failing now, or holding another
// id, means that the file changed meanwhile.
func (s *source) reread(id string, at place) (*annotate.Document, error) {
	if cap(s.buf) < at.size {
		s.buf = make([]byte, at.size)
	}
	buf := s.buf[:at.size]
	if k, err := s.at.ReadAt(buf, s.base+at.off); k < len(buf) {
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%s: %w", s.name, err)
	}
	s.parser.line = at.line
	d, err := s.parser.decode(buf)
	if err != nil || d == nil || d.ID != id {
		return nil, fmt.Errorf("%s:%d: the file changed while it was read", s.name, at.line)
	}
	return d, nil
}

// handle checks that a group's texts are the same and passes it on.
func (p *Pairing) handle(group []*annotate.Document, each func([]*annotate.Document) error) error {
	for i, d := range group[1:] {
		if d.Text != group[0].Text {
			p.TextDiffers = append(p.TextDiffers, d.ID)
			p.leftOut(d.ID, fmt.Sprintf("its text differs between %s and %s", p.srcs[0].name, p.srcs[i+1].name))
			return nil
		}
	}
	p.Compared++
	return each(group)
}

// Place is where a document's line is in its file: Size bytes (without
// the line ending) from byte Off of the file, line number Line.
type Place struct {
	Off        int64
	Size, Line int
}

// Places appends to dst, while Run's each runs, where each document of
// the group handed over is in its file, in the order of the files: a
// caller may keep these instead of the documents and read them again
// (ParseNativeLine). It reports false, appending nothing, when some file
// cannot be read again (standard input, a pipe).
func (p *Pairing) Places(dst []Place) ([]Place, bool) {
	for _, s := range p.srcs {
		if s.at == nil {
			return dst, false
		}
	}
	for _, s := range p.srcs {
		dst = append(dst, Place{Off: s.base + s.last.off, Size: s.last.size, Line: s.last.line})
	}
	return dst, true
}

func (p *Pairing) leftOut(id, why string) {
	if p.LeftOut != nil {
		p.LeftOut(id, why)
	}
}
