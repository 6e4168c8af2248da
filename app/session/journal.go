package session

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"gloss/annotate"
	"gloss/export"
)

// The edit journal keeps unsaved work safe from a crash: after every edit,
// the edited document's new state is appended to a file in the recovery
// folder (KEY.journal, KEY naming the work, see RecoveryKey) as one line,
// "INDEX<tab>NATIVE-JSON"; a goroutine of its own writes and syncs what
// came in at most every commitEvery (group commit), so an edit is on disk
// within a second however fast they come, and the user interface's part
// of an edit is encoding one document. A save rewrites the journal with
// the documents still unsaved (none: the file goes); after a crash the
// journal is replayed onto the saved file: each document's last line wins.
// A torn last line (the crash came in the middle of it) is left out.

// journalHeader starts every journal: what it is, for someone who opens it.
const journalHeader = `{"gloss-journal":1}`

// commitEvery is how long the journal's writer waits after a write before
// the next one, so that edits made meanwhile are written and synced
// together.
const commitEvery = 200 * time.Millisecond

// journal is the edit journal of one work.
type journal struct {
	path string

	mu sync.Mutex
	// pending is what to append next.
	pending []byte
	// latest is each document's last line, for rewriting the journal
	// short (compact) when it has grown.
	latest map[int][]byte
	// rewrite asks the writer to replace the file by latest (deleting it
	// when latest is empty).
	rewrite bool
	// written counts the appends made durable; queued those asked for.
	written, queued uint64
	err             error
	closed          bool
	cond            *sync.Cond
	kick            chan struct{}
	done            chan struct{}

	// Owned by the writer goroutine.
	f    *os.File
	size int64
}

// openJournal starts the journal at path; its file is made at the first
// edit.
func openJournal(path string) *journal {
	j := &journal{path: path, latest: map[int][]byte{}, kick: make(chan struct{}, 1), done: make(chan struct{})}
	j.cond = sync.NewCond(&j.mu)
	go j.run()
	return j
}

// add appends document i's new state, line (its native JSON).
func (j *journal) add(i int, line []byte) {
	j.mu.Lock()
	rec := make([]byte, 0, len(line)+12)
	rec = strconv.AppendInt(rec, int64(i), 10)
	rec = append(rec, '\t')
	rec = append(rec, line...)
	rec = append(rec, '\n')
	j.pending = append(j.pending, rec...)
	j.latest[i] = rec
	j.queued++
	j.mu.Unlock()
	j.wake()
}

// reset makes the journal hold just keep (document index → native line):
// what is still unsaved after a save. None deletes the file.
func (j *journal) reset(keep map[int][]byte) {
	j.mu.Lock()
	j.latest = map[int][]byte{}
	for i, line := range keep {
		rec := strconv.AppendInt(nil, int64(i), 10)
		rec = append(append(append(rec, '\t'), line...), '\n')
		j.latest[i] = rec
	}
	j.pending = nil
	j.rewrite = true
	j.queued++
	j.mu.Unlock()
	j.wake()
}

func (j *journal) wake() {
	select {
	case j.kick <- struct{}{}:
	default:
	}
}

// sync waits until everything given so far is on disk, and returns the
// last error of the writer.
func (j *journal) sync() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	want := j.queued
	for j.written < want && !j.closed {
		j.cond.Wait()
	}
	return j.err
}

// close writes what is left, syncs it and stops the writer.
func (j *journal) close() error {
	err := j.sync()
	j.mu.Lock()
	j.closed = true
	j.mu.Unlock()
	j.wake()
	<-j.done
	return err
}

// failed is the writer's last error, if any.
func (j *journal) failed() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.err
}

// run is the writer: it writes what came in, syncs it, then waits
// commitEvery for more before the next write.
func (j *journal) run() {
	defer close(j.done)
	for {
		<-j.kick
		j.mu.Lock()
		pending, rewrite, target, closed := j.pending, j.rewrite, j.queued, j.closed
		var latest [][]byte
		if rewrite || j.tooLong(len(pending)) {
			rewrite = true
			for _, rec := range j.latest {
				latest = append(latest, rec)
			}
		}
		j.pending, j.rewrite = nil, false
		j.mu.Unlock()

		var err error
		switch {
		case rewrite:
			err = j.replace(latest)
		case len(pending) > 0:
			err = j.append(pending)
		}
		j.mu.Lock()
		if err != nil {
			j.err = err
		}
		j.written = max(j.written, target)
		j.cond.Broadcast()
		more := len(j.pending) > 0 || j.rewrite
		j.mu.Unlock()
		if closed && !more {
			if j.f != nil {
				j.f.Close()
			}
			return
		}
		if more {
			j.wake()
		}
		time.Sleep(commitEvery)
	}
}

// tooLong reports whether the file, with n bytes more, would be much
// longer than the documents' last lines: then it is rewritten short.
// Called with mu held.
func (j *journal) tooLong(n int) bool {
	live := 0
	for _, rec := range j.latest {
		live += len(rec)
	}
	return j.size+int64(n) > 4*int64(live)+1<<20
}

// append writes records at the end of the file, making it first, and
// syncs them.
func (j *journal) append(records []byte) error {
	if j.f == nil {
		if err := os.MkdirAll(filepath.Dir(j.path), 0o700); err != nil {
			return err
		}
		f, err := os.OpenFile(j.path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
		if err != nil {
			return err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return err
		}
		j.f, j.size = f, st.Size()
		if j.size == 0 {
			records = append([]byte(journalHeader+"\n"), records...)
		}
	}
	n, err := j.f.Write(records)
	j.size += int64(n)
	if err != nil {
		return err
	}
	return j.f.Sync()
}

// replace writes a new file holding records (none: no file), atomically.
func (j *journal) replace(records [][]byte) error {
	if j.f != nil {
		j.f.Close()
		j.f = nil
	}
	if len(records) == 0 {
		err := os.Remove(j.path)
		j.size = 0
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	if err := os.MkdirAll(filepath.Dir(j.path), 0o700); err != nil {
		return err
	}
	size := int64(0)
	err := export.WriteFileAtomic(j.path, func(w io.Writer) error {
		n, err := io.WriteString(w, journalHeader+"\n")
		size += int64(n)
		for _, rec := range records {
			if err != nil {
				return err
			}
			n, err = w.Write(rec)
			size += int64(n)
		}
		return err
	})
	if err != nil {
		return err
	}
	j.size = size
	return nil
}

// replayJournal reads the journal at path: each document index's last
// state. A line that does not parse (the last one, torn by a crash, or a
// damaged one) is left out and counted in bad.
//
// damaged counts the bad lines that are not the torn last line a crash
// leaves: lines whose write ended yet cannot be read, which no crash of
// Gloss's makes.
func replayJournal(path string) (docs map[int]*annotate.Document, bad, damaged int, when time.Time, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, time.Time{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, 0, time.Time{}, err
	}
	docs = map[int]*annotate.Document{}
	r := bufio.NewReaderSize(f, 64<<10)
	for n := 1; ; n++ {
		line, err := r.ReadBytes('\n')
		if len(line) == 0 && err != nil {
			break
		}
		torn := err != nil // no newline: the write was cut short
		line = bytes.TrimSuffix(line, []byte("\n"))
		if n == 1 && string(line) == journalHeader {
			continue
		}
		num, rest, ok := bytes.Cut(line, []byte("\t"))
		i, aerr := strconv.Atoi(string(num))
		if torn {
			bad++
			continue
		}
		if !ok || aerr != nil || i < 0 {
			bad++
			damaged++
			continue
		}
		d, perr := export.ParseNativeLine(rest, path, n, export.Options{})
		if perr != nil {
			bad++
			damaged++
			continue
		}
		docs[i] = d
	}
	return docs, bad, damaged, st.ModTime(), nil
}

// journalPath is the journal of the open work.
func (s *Session) journalPath() string {
	return filepath.Join(s.recovery.dir, s.RecoveryKey()+".journal")
}

// journalEdit appends document i's state to the journal, starting it at
// the first edit.
func (s *Session) journalEdit(i int) {
	if s.closed {
		return
	}
	if s.journal == nil {
		s.journal = openJournal(s.journalPath())
	}
	s.encodeBuf = export.AppendNative(s.encodeBuf[:0], s.entries[i].doc.hist.Document(), false)
	s.journal.add(i, s.encodeBuf)
	if err := s.journal.failed(); err != nil && !s.journalWarned {
		s.journalWarned = true
		s.announce(Change{Kind: JournalFailed, Doc: -1, Err: fmt.Errorf("the recovery journal %s: %w", s.journal.path, err)})
	}
}

// resetJournal makes the journal hold the documents unsaved now, at the
// work's key (which a Save As changes): what a save leaves unsaved.
func (s *Session) resetJournal() {
	if s.journal == nil {
		return
	}
	keep := map[int][]byte{}
	for i := range s.entries {
		if d := s.entries[i].doc; d != nil && d.dirty() {
			keep[i] = export.AppendNative(nil, d.hist.Document(), false)
		}
	}
	if path := s.journalPath(); path != s.journal.path {
		s.journal.reset(nil)
		s.journal.close()
		s.journal = openJournal(path)
	}
	s.journal.reset(keep)
}

// SyncJournal waits until every edit so far is on disk in the journal and
// returns the journal's last error. The journal does that by itself
// within a second; tests and a quit call it.
func (s *Session) SyncJournal() error {
	if s.journal == nil {
		return nil
	}
	return s.journal.sync()
}

// closeJournal ends the journal of the open work, keeping its file.
func (s *Session) closeJournal() {
	if s.journal != nil {
		s.journal.close()
		s.journal = nil
	}
}

// JournalPath is the journal file of the open work (it exists once there
// are unsaved edits).
func (s *Session) JournalPath() string { return s.journalPath() }
