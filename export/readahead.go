package export

import (
	"errors"
	"io"
	"sync"

	"gloss/annotate"
)

// AheadReader reads documents on a goroutine of its own, up to depth ahead
// of the caller, so that parsing one document overlaps with checking,
// converting and writing the one before: on two cores a conversion runs
// about half again as fast. Documents, errors and line numbers arrive in
// order, as from the wrapped Reader. Close stops the goroutine when the
// caller quits early.
type AheadReader struct {
	items chan aheadItem
	stop  chan struct{}
	wg    sync.WaitGroup
	line  int
	file  string
	done  bool
}

type aheadItem struct {
	doc  *annotate.Document
	line int
	file string // the file of the document, for readers that are Filers
	err  error
}

// ReadAhead starts reading r in the background. work, when not nil, runs on
// the reading goroutine for each document read, with the line it began on;
// its error is handed over in place of the document. The caller must call
// Next until it returns io.EOF, or call Close. A *LineError from r (one bad
// line) does not stop the reading; any other error does.
func ReadAhead(r Reader, depth int, work func(d *annotate.Document, line int) error) *AheadReader {
	a := &AheadReader{items: make(chan aheadItem, depth), stop: make(chan struct{})}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		defer close(a.items)
		for {
			d, err := r.Next()
			it := aheadItem{doc: d, line: r.Line(), err: err}
			if f, ok := r.(Filer); ok {
				it.file = f.File()
			}
			if err == nil && work != nil {
				if it.err = work(d, it.line); it.err != nil {
					it.doc = nil
				}
			}
			select {
			case a.items <- it:
			case <-a.stop:
				return
			}
			var le *LineError
			if err != nil && !errors.As(err, &le) {
				return // io.EOF or a read failure: nothing more will come
			}
		}
	}()
	return a
}

// Next implements Reader.
func (a *AheadReader) Next() (*annotate.Document, error) {
	if a.done {
		return nil, io.EOF
	}
	it, ok := <-a.items
	if !ok {
		a.done = true
		return nil, io.EOF
	}
	a.line, a.file = it.line, it.file
	return it.doc, it.err
}

// Line implements Reader.
func (a *AheadReader) Line() int { return a.line }

// File implements Filer: the file the last document came from, when the
// wrapped reader says so, else "".
func (a *AheadReader) File() string { return a.file }

// Close stops reading ahead and returns once the reading goroutine has
// stopped, so that nothing touches the wrapped reader afterwards. It is
// safe to call more than once.
func (a *AheadReader) Close() {
	select {
	case <-a.stop:
	default:
		close(a.stop)
	}
	a.done = true
	a.wg.Wait()
}
