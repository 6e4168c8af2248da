package session

import (
	"os"
	"slices"
	"sync/atomic"
	"time"

	"gloss/annotate"
	"gloss/export"
)

// backing is a native file that documents are read from again, by byte
// range (ReadAt, safe from several goroutines). It stays open while the
// Session or a snapshot being saved or exported uses it: a save renames a
// new file over it, and the old one must stay readable until every
// reader is done.
type backing struct {
	path string
	f    *os.File
	// size and mod are the file's when it was opened: a line that does
	// not parse in a file that changed since is the file's change, not a
	// problem of the line.
	size int64
	mod  time.Time
	refs atomic.Int32
}

// openBacking opens path for reading, with one reference (the caller's).
func openBacking(path string) (*backing, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	b := &backing{path: path, f: f, size: st.Size(), mod: st.ModTime()}
	b.refs.Store(1)
	return b, nil
}

func (b *backing) acquire() { b.refs.Add(1) }

// release drops a reference; the last one closes the file.
func (b *backing) release() {
	if b.refs.Add(-1) == 0 {
		b.f.Close()
	}
}

// read returns the size bytes at off.
func (b *backing) read(off int64, size int32) ([]byte, error) {
	buf := make([]byte, size)
	if _, err := b.f.ReadAt(buf, off); err != nil {
		return nil, err
	}
	return buf, nil
}

// parse reads and parses the document whose line is there, checking that
// it is still the document with id.
func (b *backing) parse(off int64, size, line int32, id string, opt export.Options) (*annotate.Document, error) {
	raw, err := b.read(off, size)
	if err != nil {
		return nil, errChanged(b, line)
	}
	d, err := export.ParseNativeLine(raw, b.path, int(line), opt)
	if err != nil || d.ID != id {
		if st, serr := b.f.Stat(); serr != nil || st.Size() != b.size || !st.ModTime().Equal(b.mod) || err == nil {
			return nil, errChanged(b, line)
		}
		return nil, err
	}
	return d, nil
}

// load returns document i, parsed, parsing it now when it is not in
// memory; an unedited document parsed goes into the cache.
func (s *Session) load(i int) (*docState, error) {
	e := &s.entries[i]
	if e.doc != nil {
		s.touch(i)
		return e.doc, nil
	}
	d, err := s.parse(i)
	if err != nil {
		return nil, err
	}
	e.doc = s.newDocState(i, d)
	if st := StatusOf(d); st != e.status {
		s.counts[e.status]--
		s.counts[st]++
		e.status = st
	}
	e.spans = int32(len(d.Spans))
	s.touch(i)
	return e.doc, nil
}

// parse reads document i, not in memory, from its file, or makes it.
func (s *Session) parse(i int) (*annotate.Document, error) {
	e := &s.entries[i]
	if e.src == nil {
		return s.maker(i)
	}
	return e.src.parse(e.off, e.size, e.line, e.id, s.readOpt)
}

// newDocState starts the history of document i.
func (s *Session) newDocState(i int, d *annotate.Document) *docState {
	ds := &docState{hist: annotate.NewHistory(d)}
	ds.hist.OnChange = func() { s.edited(i) }
	return ds
}

// pinned reports whether document i must stay in memory: it is on screen,
// has a history (edits to undo or redo, unsaved or not), was recovered,
// or is in no file to be read from again and cannot be made again.
func (s *Session) pinned(i int) bool {
	e := &s.entries[i]
	return i == s.cur || (e.src == nil && s.maker == nil) || e.doc.recovered || e.doc.hist.Edited()
}

// Kept reports whether document i stays in memory until the work is
// replaced, whatever the cache does: it has a history (edits to undo or
// redo), was recovered, or is in memory only. What a screen keeps about a
// document beside it (the review's decisions) must then stay as well.
func (s *Session) Kept(i int) bool {
	e := &s.entries[i]
	return e.doc != nil && (e.doc.recovered || e.doc.hist.Edited() || (e.src == nil && s.maker == nil))
}

// touch makes document i, parsed, the most recently used in the cache,
// and drops the least recently used ones beyond its size.
func (s *Session) touch(i int) {
	if k := slices.Index(s.cache, i); k >= 0 {
		s.cache = slices.Delete(s.cache, k, k+1)
	}
	s.cache = append(s.cache, i)
	for k := 0; len(s.cache) > s.opt.CacheSize && k < len(s.cache); {
		j := s.cache[k]
		if s.pinned(j) {
			// It stays parsed, but leaves the cache for good: only a new
			// work drops it.
			s.cache = slices.Delete(s.cache, k, k+1)
			continue
		}
		s.entries[j].doc = nil
		s.cache = slices.Delete(s.cache, k, k+1)
	}
}

// unpin puts document i, no longer on screen, back in the cache when it
// may be dropped.
func (s *Session) unpin(i int) {
	if i < len(s.entries) && s.entries[i].doc != nil && !s.pinned(i) {
		s.touch(i)
	}
}

// Cached is how many documents are parsed in memory, for tests and the
// figures of docs/performance.md.
func (s *Session) Cached() int {
	n := 0
	for i := range s.entries {
		if s.entries[i].doc != nil {
			n++
		}
	}
	return n
}
