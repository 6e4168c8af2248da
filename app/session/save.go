package session

import (
	"io"
	"time"

	"gloss/export"
)

// saveRequest is a save asked for while another save or the index pass
// runs: it starts when they are done. Several requests become one save
// (to the last path asked for) that answers them all.
type saveRequest struct {
	path  string
	thens []func(error)
}

// saveJob is the save running.
type saveJob struct {
	path     string
	lock     *workLock // path's, held until the save ends
	gen      int
	sn       *Snapshot
	progress Progress
	thens    []func(error)
}

// place is where a document's line went in a saved file.
type place struct {
	off  int64
	size int32
}

// SaveTo writes every document to path as native JSONL in the background,
// and makes path the save path: the lines of documents without unsaved
// changes are copied byte for byte from the file they were read from,
// only the others are encoded; the new file is synced to disk and renamed
// over path, so a failed or interrupted save leaves the old file whole.
// What is edited while it runs stays unsaved, for the next save. A save
// asked for while another one, or the index pass, runs starts when it is
// done. then, if not nil, hears how it went; the listeners hear
// SaveStarted, SaveProgress, and Saved or SaveFailed.
func (s *Session) SaveTo(path string, then func(error)) {
	if s.listing != nil || s.saving != nil {
		if s.queued == nil {
			s.queued = &saveRequest{}
		}
		s.queued.path = path
		s.queued.thens = append(s.queued.thens, then)
		return
	}
	s.startSave(path, []func(error){then})
}

// Saving reports whether a save runs, and how far it is (0–1).
func (s *Session) Saving() (bool, float64) {
	if s.saving == nil {
		return s.queued != nil, 0
	}
	return true, s.saving.progress.Value()
}

func (s *Session) startSave(path string, thens []func(error)) {
	l, err := s.canSave(path)
	if err != nil {
		s.announce(Change{Kind: SaveFailed, Doc: -1, Err: err})
		answer(thens, err)
		return
	}
	job := &saveJob{path: path, lock: l, gen: s.gen, sn: s.Snapshot(), thens: thens}
	s.saving = job
	s.announce(Change{Kind: SaveStarted, Doc: -1})
	s.background(func() func() {
		stop := make(chan struct{})
		if s.opt.Post != nil {
			go s.tellProgress(job, stop)
		}
		places, err := writeSnapshot(path, job.sn, &job.progress)
		close(stop)
		return func() { s.finishSave(job, places, err) }
	})
}

// tellProgress announces SaveProgress every 100 ms until stop is closed.
func (s *Session) tellProgress(job *saveJob, stop chan struct{}) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			s.opt.Post(func() {
				if s.saving == job {
					s.announce(Change{Kind: SaveProgress, Doc: -1})
				}
			})
		}
	}
}

// canSave refuses to save work whose files have problems, or to a path
// another session has open; it returns path's lock.
func (s *Session) canSave(path string) (*workLock, error) {
	if s.readOnly != nil {
		return nil, s.errReadOnly()
	}
	return s.lockFor(path, true)
}

// finishSave runs on the Session's goroutine once the file is written.
func (s *Session) finishSave(job *saveJob, places []place, err error) {
	s.saving = nil
	defer job.sn.Close()
	if err != nil || job.gen != s.gen {
		// The path stays the old one: so does the lock.
		if job.lock != s.lock {
			job.lock.release()
		}
	}
	if err != nil {
		s.announce(Change{Kind: SaveFailed, Doc: -1, Err: err})
		answer(job.thens, err)
		s.startQueued()
		return
	}
	if job.gen == s.gen {
		// The documents now read from the new file; each is saved as it
		// was when the save started (edits made since stay unsaved).
		nb, oerr := openBacking(job.path)
		for k := range job.sn.items {
			it := &job.sn.items[k]
			e := &s.entries[k]
			if oerr == nil {
				e.src, e.off, e.size, e.line = nb, places[k].off, places[k].size, int32(k+1)
			}
			if it.ds != nil && e.doc == it.ds {
				it.ds.hist.MarkSavedAt(it.version)
				it.ds.recovered = false
				s.markDirty(k)
			}
		}
		if oerr == nil {
			for _, b := range s.files {
				b.release()
			}
			s.files = []*backing{nb}
			s.readOpt = export.Options{Labels: s.readOpt.Labels}
		}
		s.savePath = job.path
		s.holdLock(job.lock)
		s.resetJournal()
		s.announce(Change{Kind: Saved, Doc: -1})
	}
	answer(job.thens, nil)
	s.startQueued()
}

// startQueued starts the save asked for meanwhile, if any, once nothing
// else runs.
func (s *Session) startQueued() {
	if q := s.queued; q != nil && s.listing == nil && s.saving == nil {
		s.queued = nil
		s.startSave(q.path, q.thens)
	}
}

func answer(thens []func(error), err error) {
	for _, f := range thens {
		if f != nil {
			f(err)
		}
	}
}

// writeSnapshot writes sn to path atomically and returns where each
// document's line went.
func writeSnapshot(path string, sn *Snapshot, p *Progress) ([]place, error) {
	places := make([]place, len(sn.items))
	var win window
	err := export.WriteFileAtomic(path, func(w io.Writer) error {
		var pos int64
		var buf []byte
		for k := range sn.items {
			it := &sn.items[k]
			var line []byte
			switch {
			case it.doc != nil:
				buf = export.AppendNative(buf[:0], it.doc, false)
				line = buf
			case sn.raw && it.src != nil:
				l, err := win.read(it.src, it.off, it.size)
				if err != nil {
					return errChanged(it.src, it.line)
				}
				line = l
			default:
				d, err := sn.Document(k)
				if err != nil {
					return err
				}
				buf = export.AppendNative(buf[:0], d, false)
				line = buf
			}
			if _, err := w.Write(line); err != nil {
				return err
			}
			if _, err := w.Write(newline); err != nil {
				return err
			}
			places[k] = place{off: pos, size: int32(len(line))}
			pos += int64(len(line)) + 1
			if k%1024 == 0 {
				p.Set(float64(k) / float64(len(sn.items)))
			}
		}
		p.Set(1)
		return nil
	})
	return places, err
}

var newline = []byte{'\n'}

// window reads lines of a backing file through a buffer of a few MB: the
// lines of a corpus are read in file order, and one read serves
// hundreds of them.
type window struct {
	b     *backing
	start int64
	data  []byte
}

const windowSize = 4 << 20

func (w *window) read(b *backing, off int64, size int32) ([]byte, error) {
	end := off + int64(size)
	if w.b != b || off < w.start || end > w.start+int64(len(w.data)) {
		n := max(int64(size), windowSize)
		n = min(n, b.size-off)
		if n < int64(size) {
			return nil, io.ErrUnexpectedEOF
		}
		if int64(cap(w.data)) < n {
			w.data = make([]byte, n)
		}
		w.data = w.data[:n]
		if got, err := b.f.ReadAt(w.data, off); int64(got) < n {
			w.b = nil
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		w.b, w.start = b, off
	}
	return w.data[off-w.start : end-w.start], nil
}
