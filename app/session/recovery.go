package session

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gloss/annotate"
	"gloss/export"
)

// recovery is the folder of unsaved work: one entry per piece of work,
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

func (r recovery) path(key string) string { return filepath.Join(r.dir, key+".jsonl") }

func (r recovery) remove(key string) { os.Remove(r.path(key)) }

// RecoveryPath is the file the open work autosaves to.
func (s *Session) RecoveryPath() string { return s.recovery.path(s.RecoveryKey()) }

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
	if abs, err := filepath.Abs(id); err == nil {
		id = abs
	}
	sum := sha256.Sum256([]byte(id))
	return safeName(filepath.Base(id)) + "-" + hex.EncodeToString(sum[:8])
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

// Autosave writes unsaved work to the recovery file, when there is any new
// since the last autosave.
func (s *Session) Autosave() error {
	if s.closed || !s.Dirty() || s.changes == s.autosaved {
		return nil
	}
	if err := os.MkdirAll(s.recovery.dir, 0o700); err != nil {
		return err
	}
	if err := export.SaveNative(s.RecoveryPath(), s.Documents()...); err != nil {
		return err
	}
	s.autosaved = s.changes
	return nil
}

// Recoverable is unsaved work of the open work found after a crash.
type Recoverable struct {
	docs []*annotate.Document
	key  string
	// When is when it was last written.
	When time.Time
	// Spans counts its spans.
	Spans int
}

// FindRecoverable looks for unsaved work of the open work that is newer
// than its saved file and holds something else; it returns nil when there
// is none.
func (s *Session) FindRecoverable() *Recoverable {
	key := s.RecoveryKey()
	path := s.recovery.path(key)
	st, err := os.Stat(path)
	if err != nil {
		return nil
	}
	if s.savePath != "" {
		if sst, err := os.Stat(s.savePath); err == nil && !sst.ModTime().Before(st.ModTime()) {
			return nil // saved since: the recovery file is stale
		}
	}
	docs, _, err := readPath(path, export.Lookup("jsonl"), export.Options{Labels: s.labels}, nil, &export.Checker{})
	if err != nil || len(docs) == 0 {
		return nil
	}
	if bytes.Equal(nativeBytes(docs), nativeBytes(s.Documents())) {
		s.recovery.remove(key)
		return nil
	}
	r := &Recoverable{docs: docs, key: key, When: st.ModTime()}
	for _, d := range docs {
		r.Spans += len(d.Spans)
	}
	return r
}

// Recover replaces the open work with r, unsaved.
func (s *Session) Recover(r *Recoverable) {
	source, save := s.source, s.savePath
	s.Start(&Work{docs: r.docs, source: source, savePath: save})
	for i := range s.entries {
		s.entries[i].doc.recovered = true
	}
	s.announce(Change{Kind: Recovered, Doc: -1})
}

// DiscardRecoverable deletes r: the user does not want it back.
func (s *Session) DiscardRecoverable(r *Recoverable) { s.recovery.remove(r.key) }

// DiscardRecovery deletes what the open work left for recovery: the user
// chose to discard the unsaved work.
func (s *Session) DiscardRecovery() { s.recovery.remove(s.RecoveryKey()) }

// nativeBytes is docs as native JSONL, for comparing work.
func nativeBytes(docs []*annotate.Document) []byte {
	var buf []byte
	for _, d := range docs {
		buf = export.AppendNative(buf, d, false)
		buf = append(buf, '\n')
	}
	return buf
}
