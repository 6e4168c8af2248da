package session

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sync/atomic"
	"time"

	"gloss/export"
)

// listing is the index pass: it lists the documents of the native files
// of the work in the background (export.Indexer), after the first one,
// which Read parsed, so that it is on screen at once.
type listing struct {
	stop atomic.Bool
	// done is how many bytes of total are indexed.
	done  atomic.Int64
	total int64
	// ix goes on indexing first, whose bytes before it are base; rest
	// are the files after it.
	ix    *export.Indexer
	first *backing
	base  int64
	rest  []*backing
	// ids, when not nil, are the only documents listed.
	ids map[string]bool
}

// Listing reports whether the index pass runs, and how far it is (0–1).
func (s *Session) Listing() (bool, float64) {
	l := s.listing
	if l == nil {
		return false, 1
	}
	if l.total == 0 {
		return true, 0
	}
	return true, float64(l.done.Load()) / float64(l.total)
}

// Problems are the lines the index pass could not read ("FILE:LINE:
// what is wrong"). A file with problems is not saved over.
func (s *Session) Problems() []error { return s.problems }

// batchEvery is how often the index pass hands what it listed to the
// Session: the document list grows ten times a second.
const batchEvery = 100 * time.Millisecond

// list runs the index pass l of the work gen.
func (s *Session) list(l *listing, gen int) {
	post := s.report
	run := func() {
		var batch []entry
		var problems []error
		last := time.Now()
		flush := func(finished bool) {
			b, pr := batch, problems
			batch, problems = nil, nil
			post(func() {
				if s.gen == gen {
					s.listed(b, pr, finished)
				}
			})
		}
		index := func(b *backing, ix *export.Indexer, base int64) bool {
			for n := 0; ; n++ {
				if l.stop.Load() {
					return false
				}
				e, err := ix.Next()
				if errors.Is(err, io.EOF) {
					return true
				}
				var le *export.LineError
				if errors.As(err, &le) {
					problems = append(problems, err)
					continue
				}
				if err != nil {
					problems = append(problems, err)
					return true
				}
				l.done.Store(base + e.Offset + int64(e.Size))
				if e.Size > math.MaxInt32 || e.Line > math.MaxInt32 {
					problems = append(problems, &export.LineError{File: b.path, Line: e.Line, Msg: "line longer than 2 GB"})
					continue
				}
				if l.ids != nil && !l.ids[e.ID] {
					continue
				}
				batch = append(batch, entryOf(b, e))
				if n%256 == 0 && time.Since(last) > batchEvery {
					flush(false)
					last = time.Now()
				}
			}
		}
		ok := index(l.first, l.ix, l.base)
		base := l.base + l.first.size
		for _, b := range l.rest {
			if !ok {
				break
			}
			ok = index(b, export.NewIndexer(io.NewSectionReader(b.f, 0, b.size), b.path, 0, 0), base)
			base += b.size
		}
		flush(true)
	}
	if s.opt.Post == nil {
		run()
		return
	}
	go run()
}

// entryOf is the entry of an indexed document of b.
func entryOf(b *backing, e export.IndexEntry) entry {
	st := Untouched
	switch {
	case e.Status == "done":
		st = Done
	case e.Spans > 0:
		st = InProgress
	}
	return entry{id: e.ID, src: b, off: e.Offset, size: int32(e.Size), line: int32(e.Line), spans: int32(e.Spans), status: st}
}

// listed adds what the index pass listed; finished says it is done.
func (s *Session) listed(batch []entry, problems []error, finished bool) {
	for i := range batch {
		s.counts[batch[i].status]++
	}
	s.entries = append(s.entries, batch...)
	s.problems = append(s.problems, problems...)
	var err error
	if finished {
		s.listing = nil
		err = joinProblems(s.problems)
	}
	s.announce(Change{Kind: Listed, Doc: -1, Err: err})
	if finished {
		s.startQueued()
	}
}

// joinProblems is one error for problems: the first ten, then how many
// more there are.
func joinProblems(problems []error) error {
	if len(problems) <= 10 {
		return errors.Join(problems...)
	}
	shown := append(problems[:10:10], fmt.Errorf("and %d more problem(s)", len(problems)-10))
	return errors.Join(shown...)
}
