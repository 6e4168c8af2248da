package export

import (
	"errors"
	"io"
	"sync"

	"gloss/annotate"
)

// Preparer is implemented by writers that can do part of their work on a
// document before Write, on another goroutine (Prodigy and CoNLL tokenize
// the text). Prepare must only fill the document's caches.
type Preparer interface {
	Prepare(d *annotate.Document)
}

// inFlight bounds the documents read ahead of the writer, so that memory
// stays flat whatever the input's size.
const inFlight = 64

type readItem struct {
	d    *annotate.Document
	line int
	err  error
}

// Copy reads every document of r and writes it to w, stopping at the first
// error. check, when not nil, is called on each document with the line it
// began on, before it is written; its error stops the copy. Reading (with
// check and the writer's Prepare) runs on its own goroutine, concurrently
// with writing, so that a conversion uses both of a machine's cores. Copy
// does not call w.Close, and returns only once the reading goroutine has
// stopped. It returns the number of documents written.
func Copy(r Reader, w Writer, check func(d *annotate.Document, line int) error) (int, error) {
	items := make(chan readItem, inFlight)
	done := make(chan struct{})
	var reading sync.WaitGroup
	// On return, stop the reader and wait for it, so that nothing touches
	// r or a document after Copy returns.
	defer reading.Wait()
	defer close(done)
	prep, _ := w.(Preparer)
	reading.Add(1)
	go func() {
		defer reading.Done()
		defer close(items)
		for {
			d, err := r.Next()
			it := readItem{d: d, line: r.Line(), err: err}
			if err == nil && check != nil {
				it.err = check(d, it.line)
			}
			if it.err == nil && prep != nil {
				prep.Prepare(d)
			}
			select {
			case items <- it:
			case <-done:
				return
			}
			if it.err != nil {
				return
			}
		}
	}()
	n := 0
	for it := range items {
		if errors.Is(it.err, io.EOF) {
			return n, nil
		}
		if it.err != nil {
			return n, it.err
		}
		if err := w.Write(it.d); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
