package export

import (
	"errors"
	"io"

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

// Copy reads every document of r and writes it to w, stopping at the first
// error. check, when not nil, is called on each document with the line it
// began on, before it is written; its error stops the copy. Reading (with
// check and the writer's Prepare) runs on its own goroutine, concurrently
// with writing, so that a conversion uses both of a machine's cores. Copy
// does not call w.Close, and returns only once the reading goroutine has
// stopped. It returns the number of documents written. A writer's error
// comes back as a *LineError at the document's line in the file the
// reader names (a Filer's File) or else name, so that the user learns
// which document could not be written.
func Copy(r Reader, name string, w Writer, check func(d *annotate.Document, line int) error) (int, error) {
	prep, _ := w.(Preparer)
	ahead := ReadAhead(r, inFlight, func(d *annotate.Document, line int) error {
		if check != nil {
			if err := check(d, line); err != nil {
				return err
			}
		}
		if prep != nil {
			prep.Prepare(d)
		}
		return nil
	})
	defer ahead.Close()
	n := 0
	for {
		d, err := ahead.Next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if err := w.Write(d); err != nil {
			var le *LineError
			if errors.As(err, &le) {
				return n, err
			}
			file := ahead.File()
			if file == "" {
				file = name
			}
			return n, &LineError{File: file, Line: ahead.Line(), Msg: err.Error()}
		}
		n++
	}
}
