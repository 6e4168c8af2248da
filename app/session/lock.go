package session

import (
	"fmt"
	"os"
	"path/filepath"
)

// Two sessions saving to the same file would each overwrite what the other
// saved, and share one recovery journal: each save rewrites the journal
// with its own unsaved documents only, deleting the other's, and the
// second to open would offer the first's live journal as a crash's
// leftovers. So a session with a save path holds a lock on it (KEY.lock in
// the recovery folder, KEY as RecoveryKey names the work), and a second
// session, in this process or another, that would open or save to that
// path is refused with OpenElsewhereError. Untitled work (no save path)
// takes no lock: nothing is saved there yet.

// OpenElsewhereError refuses work whose save path another session holds.
type OpenElsewhereError struct {
	// Path is the save path.
	Path string
	// Saving tells a Save As (true) from an open.
	Saving bool
}

// Error says what is refused and what to do.
func (e *OpenElsewhereError) Error() string {
	if e.Saving {
		return fmt.Sprintf("%s is open in another Gloss window: saving here would overwrite the work saved there; close it there first, or choose another name", e.Path)
	}
	return fmt.Sprintf("%s is already open in another Gloss window: close it there first (two windows saving one file would overwrite each other's work)", e.Path)
}

// workLock is a held lock on one save path.
type workLock struct {
	path string // the save path it is for
	file string // the lock file
	f    *os.File
}

// lockWork takes the lock of savePath's work in dir; a lock another
// session holds gives OpenElsewhereError. A lock file that cannot be made
// (a read-only cache folder) locks nothing rather than refuse the work:
// the journal will say that it cannot be written either.
func lockWork(dir, key, savePath string, saving bool) (*workLock, error) {
	none := &workLock{path: savePath}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return none, nil
	}
	name := filepath.Join(dir, key+".lock")
	// The holder deletes the file as it lets go (release), so a lock taken
	// on a file that has just been deleted, or replaced, locks nothing:
	// take it again on the file now there.
	for range 8 {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return none, nil
		}
		held, err := tryLock(f)
		if err != nil {
			f.Close()
			return none, nil
		}
		if !held {
			f.Close()
			return nil, &OpenElsewhereError{Path: savePath, Saving: saving}
		}
		if sameFile(f, name) {
			return &workLock{path: savePath, file: name, f: f}, nil
		}
		f.Close()
	}
	return none, nil
}

// sameFile reports whether f is still the file at name.
func sameFile(f *os.File, name string) bool {
	a, err := f.Stat()
	if err != nil {
		return false
	}
	b, err := os.Stat(name)
	return err == nil && os.SameFile(a, b)
}

// release lets the lock go, deleting its file first (while still held:
// see lockWork), so that the recovery folder keeps no lock of work that
// is closed. A killed process leaves its file, unlocked: the next session
// takes it and deletes it in turn.
func (l *workLock) release() {
	if l != nil && l.f != nil {
		os.Remove(l.file)
		l.f.Close()
		l.f = nil
	}
}

// lockFor returns the lock savePath needs, reusing held when it is for
// the same path: nil (and no error) for untitled work.
func (s *Session) lockFor(savePath string, saving bool) (*workLock, error) {
	if savePath == "" {
		return nil, nil
	}
	if abs, err := filepath.Abs(savePath); err == nil {
		savePath = abs
	}
	if s.lock != nil && s.lock.path == savePath {
		return s.lock, nil
	}
	return lockWork(s.recovery.dir, keyOf(savePath), savePath, saving)
}

// holdLock makes l the session's lock, releasing the one it held.
func (s *Session) holdLock(l *workLock) {
	if s.lock != l {
		s.lock.release()
	}
	s.lock = l
}
