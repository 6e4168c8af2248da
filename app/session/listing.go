package session

import (
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sync/atomic"
	"time"

	"gloss/export"
)

// listing is the index pass and the check pass over the native files of
// the work, after the first document (which Read parsed, so that it is on
// screen at once). The index pass (export.Indexer) lists the documents
// for the document list at several hundred MB/s; the check pass, on a
// goroutine of its own, parses every document and checks it as the
// command line does (export.Checker). Files up to checkNowBytes are done
// before Read returns, so that a small file with problems is refused
// before anything opens; bigger ones open at once, and turn read-only
// when the check finds problems.
type listing struct {
	stop atomic.Bool
	// indexed and checked are how many bytes of total each pass has done.
	indexed, checked atomic.Int64
	total            int64
	// ix goes on indexing first, whose bytes before it are base; rest
	// are the files after it.
	ix    *export.Indexer
	first *backing
	base  int64
	rest  []*backing
	files []*backing
	// ids, when not nil, are the only documents listed.
	ids map[string]bool
	// listed and checked are set (on the Session's goroutine) when each
	// pass is done.
	listDone, checkDone bool
}

// checkNowBytes is how big native files may be to be checked whole before
// they open; tests make it smaller.
var checkNowBytes int64 = 16 << 20

// Listing reports whether the index or check pass runs, and how far they
// are (0–1).
func (s *Session) Listing() (bool, float64) {
	l := s.listing
	if l == nil {
		return false, 1
	}
	if l.total == 0 {
		return true, 0
	}
	return true, float64(l.indexed.Load()+l.checked.Load()) / float64(2*l.total)
}

// ReadOnly is the problems of the work's files that the check pass found
// after they opened, or nil: a work with problems takes no edits and is
// not saved (saving would write them back). Fix the file and open it
// again.
func (s *Session) ReadOnly() error {
	if s.readOnly == nil {
		return nil
	}
	return s.readOnly
}

// batchEvery is how often the index pass hands what it listed to the
// Session: the document list grows ten times a second.
const batchEvery = 100 * time.Millisecond

// index runs the index pass, handing batches of entries to emit.
func (l *listing) index(emit func(batch []entry)) {
	var batch []entry
	last := time.Now()
	pass := func(b *backing, ix *export.Indexer, base int64) bool {
		for n := 0; ; n++ {
			if l.stop.Load() {
				return false
			}
			e, err := ix.Next()
			if errors.Is(err, io.EOF) {
				return true
			}
			if err != nil {
				// The check pass reports the line, or the read error.
				var le *export.LineError
				if errors.As(err, &le) {
					continue
				}
				return true
			}
			l.indexed.Store(base + e.Offset + int64(e.Size))
			if e.Size > math.MaxInt32 || e.Line > math.MaxInt32 || l.ids != nil && !l.ids[e.ID] {
				continue
			}
			batch = append(batch, entryOf(b, e))
			if n%256 == 0 && time.Since(last) > batchEvery {
				emit(batch)
				batch, last = nil, time.Now()
			}
		}
	}
	ok := pass(l.first, l.ix, l.base)
	base := l.base + l.first.size
	for _, b := range l.rest {
		if !ok {
			break
		}
		ok = pass(b, export.NewIndexer(io.NewSectionReader(b.f, 0, b.size), b.path, 0, 0), base)
		base += b.size
	}
	l.indexed.Store(l.total)
	emit(batch)
}

// check runs the check pass over every file from its start and returns
// the problems found.
func (l *listing) check(opt export.Options) *export.Problems {
	problems := &export.Problems{File: l.files[0].path}
	var chk export.Checker
	var base int64
	for _, b := range l.files {
		r := export.NewNativeReader(&tally{r: io.NewSectionReader(b.f, 0, b.size), progress: func(n int64) { l.checked.Store(base + n) }}, b.path, opt)
		for {
			if l.stop.Load() {
				return problems
			}
			d, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			var le *export.LineError
			if errors.As(err, &le) {
				problems.Add(err)
				continue
			}
			if err != nil {
				problems.Add(fmt.Errorf("%s: %w", b.path, err))
				break
			}
			if l.ids != nil && !l.ids[d.ID] {
				continue
			}
			problems.Add(chk.Check(d, b.path, r.Line())...)
		}
		base += b.size
	}
	l.checked.Store(l.total)
	return problems
}

// now runs both passes before Read returns, adding the entries to w.
func (l *listing) now(w *Work) error {
	l.index(func(batch []entry) { w.more = append(w.more, batch...) })
	if p := l.check(w.readOpt); p.Total > 0 {
		return p
	}
	return nil
}

// start runs both passes of the work gen in the background.
func (s *Session) start(l *listing, gen int) {
	opt := s.readOpt
	s.background(func() func() {
		l.index(func(batch []entry) {
			s.report(func() {
				if s.gen == gen {
					s.listed(batch, false)
				}
			})
		})
		return func() {
			if s.gen == gen {
				s.listed(nil, true)
			}
		}
	})
	s.background(func() func() {
		p := l.check(opt)
		return func() {
			if s.gen == gen {
				s.checked(p)
			}
		}
	})
}

// entryOf is the entry of an indexed document of b.
func entryOf(b *backing, e export.IndexEntry) entry {
	// As annotate.StatusOf, from what the index knows; parsing the
	// document corrects it (load).
	st := Untouched
	switch {
	case e.Status == "done":
		st = Done
	case e.Relations > 0 || e.Choices || e.Spans > e.Suggested:
		st = InProgress
	}
	return entry{id: e.ID, src: b, off: e.Offset, size: int32(e.Size), line: int32(e.Line), spans: int32(e.Spans), status: st}
}

// listed adds what the index pass listed; finished says it is done.
func (s *Session) listed(batch []entry, finished bool) {
	for i := range batch {
		s.counts[batch[i].status]++
	}
	s.entries = append(s.entries, batch...)
	if finished {
		s.listing.listDone = true
	}
	s.passDone()
}

// checked records what the check pass found.
func (s *Session) checked(p *export.Problems) {
	s.listing.checkDone = true
	if p.Total > 0 {
		s.readOnly = p
	}
	s.passDone()
}

// passDone announces Listed; once both passes are done it ends the
// listing (the announcement then carries the problems found, if any) and
// starts a save that waited for them.
func (s *Session) passDone() {
	l := s.listing
	if !l.listDone || !l.checkDone {
		s.announce(Change{Kind: Listed, Doc: -1})
		return
	}
	s.listing = nil
	s.announce(Change{Kind: Listed, Doc: -1, Err: s.ReadOnly()})
	s.startQueued()
}

// errReadOnly refuses an edit or a save of work with problems.
func (s *Session) errReadOnly() error {
	p := s.readOnly
	return fmt.Errorf("%s has %d problem(s), so Gloss opened it read-only: saving it would write them back. Fix them (gloss validate lists them) and open it again",
		filepath.Base(p.File), p.Total)
}

// tally tells how much of a file has been read.
type tally struct {
	r        io.Reader
	n        int64
	progress func(n int64)
}

// Read implements io.Reader.
func (c *tally) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	c.progress(c.n)
	return n, err
}
