package session

import (
	"gloss/export"
)

// SaveTo writes every document to path as native JSONL, atomically, and
// makes path the save path. then, if not nil, hears how it went; the
// listeners hear Saved.
func (s *Session) SaveTo(path string, then func(error)) {
	err := export.SaveNative(path, s.Documents()...)
	if err == nil {
		old := s.RecoveryKey()
		s.savePath = path
		for i := range s.entries {
			ds := s.entries[i].doc
			ds.hist.MarkSaved()
			ds.recovered = false
		}
		s.recovery.remove(old)
		s.recovery.remove(s.RecoveryKey())
		s.autosaved = s.changes
		s.announce(Change{Kind: Saved, Doc: -1})
	}
	if then != nil {
		then(err)
	}
}
