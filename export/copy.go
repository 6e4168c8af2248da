package export

import (
	"errors"
	"io"
	"runtime"
	"sync"

	"gloss/annotate"
)

// Preparer is implemented by writers that can do part of their work on a
// document before Write, on another goroutine (Prodigy and CoNLL tokenize
// the text). Prepare must only fill the document's caches; it may run on
// several documents at once.
type Preparer interface {
	Prepare(d *annotate.Document)
}

// DocEncoder is implemented by writers whose output for a document
// depends on that document alone (and the writer's options), so that
// CopyChecked can encode documents on its workers, several at a time, and
// leave the writing goroutine only their bytes to write in input order:
// otherwise that one goroutine lays out, encodes and writes every
// document, and for CoNLL and hf it is the slowest stage of a conversion.
// Write(d) must write what WriteEncoded(d, encode(nil, d)) does.
type DocEncoder interface {
	Writer
	// NewDocEncoder returns an encoder for one goroutine: it appends d's
	// output to buf. What it counts (spans left out, for the warnings of
	// Close) the writer adds to its own counts at Close, so Close must
	// come after CopyChecked has returned.
	NewDocEncoder() func(buf []byte, d *annotate.Document) ([]byte, error)
	// WriteEncoded writes the bytes an encoder made of document d, in
	// input order.
	WriteEncoded(d *annotate.Document, b []byte) error
}

// Copy reads every document of r and writes it to w, stopping at the first
// error. check, when not nil, is called on each document in input order
// with the line it began on, before it is written; its error stops the
// copy. It is CopyChecked without a check of its own documents.
func Copy(r Reader, name string, w Writer, check func(d *annotate.Document, line int) error) (int, error) {
	if check == nil {
		return CopyChecked(r, name, w, nil, nil)
	}
	return CopyChecked(r, name, w, nil, func(d *annotate.Document, _ string, line int) error { return check(d, line) })
}

// CheckFunc checks a document read at line of file (the Filer's file it
// came from, or "" for readers of one input).
type CheckFunc func(d *annotate.Document, file string, line int) error

// CopyChecked reads every document of r and writes it to w, in input
// order, stopping at the first error; it returns the number written. Each
// document goes through each (when not nil) and the writer's Prepare on one
// of several goroutines, then through inOrder (when not nil) in input
// order: each may look at and change only its own document (validating
// it), inOrder may keep state across documents (unique ids). When each
// fails, inOrder still runs and the two errors are joined, inOrder's
// first. When r is a native reader, its lines are parsed on those
// goroutines too, so that a conversion uses every core while its output
// stays byte for byte what a sequential one writes. At most a few hundred
// documents are in flight, whatever the input's size. A DocEncoder's
// documents are encoded on those goroutines too, and only their bytes
// written in order. A writer's error
// comes back as a *LineError at the document's line in the file the
// reader names (a Filer's File) or else name, so that the user learns
// which document could not be written. CopyChecked does not call w.Close
// and returns only once its goroutines have stopped.
func CopyChecked(r Reader, name string, w Writer, each, inOrder CheckFunc) (int, error) {
	p := newPipeline(r, w, each)
	defer p.stop()
	n := 0
	for b := range p.order {
		<-b.done
		for i := range b.items {
			it := &b.items[i]
			d := it.doc
			if d == nil {
				d = it.checked
			}
			if d == nil {
				if it.err == nil {
					continue // a blank line
				}
				return n, it.err // reading or parsing failed
			}
			if inOrder != nil {
				if err := inOrder(d, it.file, it.line); err != nil {
					it.err = errors.Join(err, it.err)
				}
			}
			if it.err != nil {
				return n, it.err
			}
			var err error
			switch {
			case p.encoder == nil:
				err = w.Write(d)
			case it.encErr != nil:
				err = it.encErr
			default:
				err = p.encoder.WriteEncoded(d, b.enc[it.encStart:it.encEnd])
			}
			if err != nil {
				var le *LineError
				if errors.As(err, &le) {
					return n, err
				}
				file := it.file
				if file == "" {
					file = name
				}
				return n, &LineError{File: file, Line: it.line, Msg: err.Error()}
			}
			n++
		}
		p.recycle(b)
	}
	return n, nil
}

// lineSource is a Reader of one document a line, each line parsed on its
// own: CopyChecked reads the lines on one goroutine and parses them on
// several.
type lineSource interface {
	// rawLine returns the next line without its ending (valid until the
	// following call) and its number; io.EOF after the last.
	rawLine() ([]byte, int, error)
	// lineParser returns a parser of lines for one goroutine; a blank
	// line gives nil, nil.
	lineParser() func(line []byte, n int) (*annotate.Document, error)
}

// A batch is the unit of work of a pipeline: up to batchDocs documents
// (or lines of at most about batchBytes), parsed and checked by one
// worker, then written in order.
type batch struct {
	items []batchItem
	raw   []byte // the lines of a lineSource, one after another
	enc   []byte // the documents' output, one after another (DocEncoder)
	done  chan struct{}
}

type batchItem struct {
	doc        *annotate.Document
	checked    *annotate.Document // the document each refused, for inOrder
	file       string             // the Filer's file
	line       int
	start, end int   // the line's bytes in raw (lineSource)
	err        error // from reading, parsing or each
	read       bool  // err is the reader's: there is no document
	// encStart and encEnd place the document's output in enc, or encErr
	// says why it has none (DocEncoder).
	encStart, encEnd int
	encErr           error
}

const (
	batchDocs  = 32
	batchBytes = 256 << 10
)

// pipeline is CopyChecked's goroutines: one reads (lines or documents)
// into batches, workers parse and check them, and order hands them to the
// writing goroutine in input order.
type pipeline struct {
	order chan *batch // batches in input order, each done when checked
	work  chan *batch // batches to check
	free  chan *batch // batches to reuse
	quit  chan struct{}
	wg    sync.WaitGroup
	once  sync.Once
	// encoder is the writer when it encodes on the workers.
	encoder DocEncoder
}

func newPipeline(r Reader, w Writer, each CheckFunc) *pipeline {
	workers := max(1, runtime.GOMAXPROCS(0))
	p := &pipeline{
		order: make(chan *batch, 2*workers+2),
		work:  make(chan *batch, 2*workers+2),
		free:  make(chan *batch, 3*workers+4),
		quit:  make(chan struct{}),
	}
	prep, _ := w.(Preparer)
	p.encoder, _ = w.(DocEncoder)
	ls, _ := r.(lineSource)
	if nr, ok := r.(*NativeReader); ok && nr.lines == nil {
		ls = nil // a parser of lines read elsewhere
	}
	for range workers {
		var parse func([]byte, int) (*annotate.Document, error)
		if ls != nil {
			parse = ls.lineParser()
		}
		var encode func([]byte, *annotate.Document) ([]byte, error)
		if p.encoder != nil {
			encode = p.encoder.NewDocEncoder()
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for b := range p.work {
				checkBatch(b, parse, each, prep, encode)
				close(b.done)
			}
		}()
	}
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		defer close(p.order)
		defer close(p.work)
		if ls != nil {
			p.readLines(ls)
		} else {
			p.readDocs(r)
		}
	}()
	return p
}

// checkBatch parses (with parse, for lines), checks, prepares and encodes
// (with encode, for a DocEncoder) the documents of b.
func checkBatch(b *batch, parse func([]byte, int) (*annotate.Document, error), each CheckFunc, prep Preparer, encode func([]byte, *annotate.Document) ([]byte, error)) {
	for i := range b.items {
		it := &b.items[i]
		if parse != nil && !it.read {
			it.doc, it.err = parse(b.raw[it.start:it.end], it.line)
		}
		if it.doc == nil {
			continue
		}
		if each != nil {
			if err := each(it.doc, it.file, it.line); err != nil {
				it.checked, it.doc, it.err = it.doc, nil, err
				continue
			}
		}
		if prep != nil {
			prep.Prepare(it.doc)
		}
		if encode != nil {
			it.encStart = len(b.enc)
			b.enc, it.encErr = encode(b.enc, it.doc)
			it.encEnd = len(b.enc)
		}
	}
}

// send hands b to a worker and to the writer; false when the copy stopped.
func (p *pipeline) send(b *batch) bool {
	select {
	case p.order <- b:
	case <-p.quit:
		return false
	}
	select {
	case p.work <- b:
		return true
	case <-p.quit:
		close(b.done) // the writer may be waiting for it
		return false
	}
}

func (p *pipeline) newBatch() *batch {
	select {
	case b := <-p.free:
		b.items, b.raw, b.enc, b.done = b.items[:0], b.raw[:0], b.enc[:0], make(chan struct{})
		return b
	default:
		return &batch{done: make(chan struct{})}
	}
}

// recycle offers b, written, for reuse.
func (p *pipeline) recycle(b *batch) {
	clear(b.items) // let the documents go
	select {
	case p.free <- b:
	default:
	}
}

// readLines cuts ls into batches of lines.
func (p *pipeline) readLines(ls lineSource) {
	b := p.newBatch()
	for {
		line, n, err := ls.rawLine()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				b.items = append(b.items, batchItem{line: n, err: err, read: true})
			}
			if len(b.items) > 0 {
				p.send(b)
			}
			return
		}
		start := len(b.raw)
		b.raw = append(b.raw, line...)
		b.items = append(b.items, batchItem{line: n, start: start, end: len(b.raw)})
		if len(b.items) == batchDocs || len(b.raw) >= batchBytes {
			if !p.send(b) {
				return
			}
			b = p.newBatch()
		}
	}
}

// readDocs reads r's documents into batches. A *LineError (one bad
// document) does not stop the reading, any other error does; CopyChecked
// stops at either.
func (p *pipeline) readDocs(r Reader) {
	b := p.newBatch()
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			if len(b.items) > 0 {
				p.send(b)
			}
			return
		}
		it := batchItem{doc: d, line: r.Line(), err: err, read: err != nil}
		if f, ok := r.(Filer); ok {
			it.file = f.File()
		}
		b.items = append(b.items, it)
		var le *LineError
		if err != nil && !errors.As(err, &le) {
			p.send(b)
			return
		}
		if len(b.items) == batchDocs {
			if !p.send(b) {
				return
			}
			b = p.newBatch()
		}
	}
}

// stop ends the goroutines and waits for them, so that nothing touches the
// reader afterwards.
func (p *pipeline) stop() {
	p.once.Do(func() { close(p.quit) })
	for b := range p.order { // unblock a reader waiting to send
		_ = b
	}
	p.wg.Wait()
}

// rawLine implements lineSource.
func (nr *NativeReader) rawLine() ([]byte, int, error) {
	line, err := nr.lines.next()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nr.line, io.EOF
		}
		return nil, nr.line, inputError(nr.name, err)
	}
	nr.line = nr.lines.line
	return line, nr.line, nil
}

// lineParser implements lineSource: each goroutine parses with a parser
// (and scanner) of its own.
func (nr *NativeReader) lineParser() func([]byte, int) (*annotate.Document, error) {
	p := nativeParser(nr.name, nr.opt)
	return func(line []byte, n int) (*annotate.Document, error) {
		p.line = n
		return p.decode(line)
	}
}
