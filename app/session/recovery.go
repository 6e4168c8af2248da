package session

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gloss/annotate"
	"gloss/export"
)

// recovery is the folder of unsaved work: one journal per piece of work,
// named after where it saves (or, untitled, after its first document).
type recovery struct{ dir string }

// DefaultRecoveryDir is the user's cache folder's gloss/recovery.
func DefaultRecoveryDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "gloss", "recovery")
}

// RecoveryPath is the journal of the open work: where its unsaved edits
// go (see journal.go).
func (s *Session) RecoveryPath() string { return s.journalPath() }

// RecoveryKey names the open work in the recovery folder: a hash of the
// absolute save path (or source), with its base name to make it readable;
// untitled work is named after its first document.
func (s *Session) RecoveryKey() string {
	id := s.savePath
	if id == "" {
		id = s.source
	}
	if id == "" {
		first := "untitled"
		if len(s.entries) > 0 {
			first = s.entries[0].id
		}
		return "untitled-" + safeName(first)
	}
	return keyOf(id)
}

// keyOf is RecoveryKey of work that saves to (or came from) path.
func keyOf(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	sum := sha256.Sum256([]byte(path))
	return safeName(filepath.Base(path)) + "-" + hex.EncodeToString(sum[:8])
}

// safeName keeps a name to letters, digits, dots, dashes and underscores.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, s)
	if len(s) > 60 {
		s = s[:60]
	}
	return s
}

// Recoverable is unsaved work of the open work that a crash left in its
// journal.
type Recoverable struct {
	docs map[int]*annotate.Document
	path string
	// When is when the journal was last written.
	When time.Time
	// Documents and Spans count what it holds.
	Documents, Spans int
	// Left counts the journal's lines that are not offered: torn by the
	// crash, or of documents the work no longer has with that text.
	Left int
	// Damaged counts lines of the journal that cannot be read although
	// their write ended (a disk error, someone else's edit): the journal
	// is then kept as DamagedCopy, for the user to look at, whatever is
	// recovered or discarded.
	Damaged     int
	DamagedCopy string
}

// FindRecoverable replays the open work's journal, left by a crash, onto
// the documents as they are (saved): it returns the documents whose
// journaled state differs, or nil when there are none (the journal then
// goes, unless this session writes it). Call it once every document is
// listed (Listing).
func (s *Session) FindRecoverable() *Recoverable {
	path := s.journalPath()
	docs, bad, damaged, when, err := replayJournal(path)
	if err != nil {
		return nil
	}
	r := &Recoverable{docs: map[int]*annotate.Document{}, path: path, When: when, Left: bad, Damaged: damaged}
	if damaged > 0 {
		// Never silently: keep a copy aside, and say so (OfferRecovery).
		r.DamagedCopy = path + ".damaged"
		if data, err := os.ReadFile(path); err != nil || os.WriteFile(r.DamagedCopy, data, 0o600) != nil {
			r.DamagedCopy = ""
		}
	}
	for i, d := range docs {
		k := i
		if k >= len(s.entries) || s.entries[k].id != d.ID {
			k = s.Find(d.ID)
		}
		var cur *annotate.Document
		if k >= 0 {
			cur, err = s.Doc(k)
		}
		switch {
		case k < 0 || err != nil || cur.Text != d.Text:
			r.Left++
		case !bytes.Equal(export.AppendNative(nil, cur, false), export.AppendNative(nil, d, false)):
			r.docs[k] = d
			r.Documents++
			r.Spans += len(d.Spans)
		}
	}
	if r.Documents == 0 {
		if s.journal == nil {
			os.Remove(path)
		}
		if r.Damaged > 0 {
			return r // nothing to recover, but the damage is told
		}
		return nil
	}
	return r
}

// Recover puts r's documents in place of theirs, unsaved, and journals
// them again.
func (s *Session) Recover(r *Recoverable) {
	for k, d := range r.docs {
		e := &s.entries[k]
		e.doc = s.newDocState(k, d)
		e.doc.recovered = true
		s.markDirty(k)
		st := StatusOf(d)
		s.counts[e.status]--
		s.counts[st]++
		e.status, e.spans = st, int32(len(d.Spans))
	}
	if s.journal == nil {
		s.journal = openJournal(s.journalPath())
	}
	s.resetJournal()
	s.announce(Change{Kind: Recovered, Doc: -1})
}

// DiscardRecoverable deletes r: the user does not want it back.
func (s *Session) DiscardRecoverable(r *Recoverable) {
	if s.journal != nil {
		s.resetJournal()
		return
	}
	if err := os.Remove(r.path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return
	}
}

// DiscardRecovery deletes the open work's journal: the user chose to
// discard the unsaved work.
func (s *Session) DiscardRecovery() {
	if s.journal != nil {
		s.journal.reset(nil)
		s.closeJournal()
		return
	}
	os.Remove(s.journalPath())
}
