package session

import (
	"gloss/annotate"
	"gloss/export"
)

// Snapshot is the work as it was at one moment, readable from any
// goroutine while the user edits on: what a save writes and an export
// converts. Documents with unsaved changes, or only in memory, are copies
// taken then; the others are their lines in their files, read when
// needed. Close it when done.
type Snapshot struct {
	items []snapItem
	opt   export.Options
	// maker makes the documents in no file (MadeWork).
	maker Maker
	files []*backing
	// raw: a line read is the document as the native writer would write
	// it, so a save may copy it (not so when the file was read with UTF-16
	// offsets).
	raw bool
}

// snapItem is one document of a snapshot: doc, a copy, when it was in
// memory and unsaved (or in no file); else its line in src.
type snapItem struct {
	id   string
	doc  *annotate.Document
	src  *backing
	off  int64
	size int32
	line int32
	// ds and version, when the document was parsed, say which state of
	// which history the snapshot holds, for a save to mark saved.
	ds      *docState
	version annotate.Version
}

// Snapshot takes a snapshot of every document known.
func (s *Session) Snapshot() *Snapshot {
	sn := &Snapshot{items: make([]snapItem, len(s.entries)), opt: s.readOpt, maker: s.maker, raw: !s.readOpt.UTF16}
	for _, b := range s.files {
		b.acquire()
		sn.files = append(sn.files, b)
	}
	for i := range s.entries {
		e := &s.entries[i]
		it := snapItem{id: e.id, src: e.src, off: e.off, size: e.size, line: e.line, ds: e.doc}
		if e.doc != nil {
			it.version = e.doc.hist.Version()
			if e.doc.dirty() || (e.src == nil && s.maker == nil) {
				it.doc = e.doc.hist.Document().Clone()
			}
		}
		sn.items[i] = it
	}
	return sn
}

// Len is the number of documents.
func (sn *Snapshot) Len() int { return len(sn.items) }

// Document is document i as it was, parsed now when it is in a file.
func (sn *Snapshot) Document(i int) (*annotate.Document, error) {
	it := &sn.items[i]
	if it.doc != nil {
		return it.doc, nil
	}
	if it.src == nil {
		return sn.maker(i)
	}
	return it.src.parse(it.off, it.size, it.line, it.id, sn.opt)
}

// Close lets go of the files the snapshot reads.
func (sn *Snapshot) Close() {
	for _, b := range sn.files {
		b.release()
	}
	sn.files = nil
}
