package app

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gloss/annotate"
	"gloss/export"
)

// recovery is the folder of autosaved work: one native file per piece of
// work, named after where it saves (or, untitled, after its first
// document), so that a crash loses at most AutosaveEvery of edits.
type recovery struct{ dir string }

// defaultRecoveryDir is the user's cache folder's gloss/recovery.
func defaultRecoveryDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "gloss", "recovery")
}

func (r recovery) path(key string) string { return filepath.Join(r.dir, key+".jsonl") }

func (r recovery) remove(key string) { os.Remove(r.path(key)) }

// RecoveryPath is the file the open work autosaves to.
func (w *Window) RecoveryPath() string { return w.recovery.path(w.recoveryKey()) }

// recoveryKey names the open work's recovery file: a hash of the absolute
// save path (or source), with its base name to make it readable.
func (w *Window) recoveryKey() string {
	id := w.savePath
	if id == "" {
		id = w.source
	}
	if id == "" {
		return "untitled-" + safeName(w.docs[0].doc().ID)
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

// Autosave writes unsaved work to the recovery file, when there is any
// new since the last autosave. Run calls it every AutosaveEvery and when
// the app loses focus.
func (w *Window) Autosave() error {
	if w.closing || !w.Dirty() || w.changes == w.autosaved {
		return nil
	}
	w.note.commit()
	if err := os.MkdirAll(w.recovery.dir, 0o700); err != nil {
		return err
	}
	if err := export.SaveNative(w.RecoveryPath(), w.documents()...); err != nil {
		w.status.message("Autosave failed: " + err.Error())
		return err
	}
	w.autosaved = w.changes
	return nil
}

// OfferRecovery looks for a recovery file of the open work that is newer
// than its saved file and holds something else, and offers it back.
func (w *Window) OfferRecovery() {
	key := w.recoveryKey()
	path := w.recovery.path(key)
	st, err := os.Stat(path)
	if err != nil {
		return
	}
	if w.savePath != "" {
		if sst, err := os.Stat(w.savePath); err == nil && !sst.ModTime().Before(st.ModTime()) {
			return // saved since: the recovery file is stale
		}
	}
	docs, _, err := readPath(path, export.Lookup("jsonl"), export.Options{Labels: w.labels}, nil)
	if err != nil || len(docs) == 0 {
		return
	}
	if bytes.Equal(nativeBytes(docs), nativeBytes(w.documents())) {
		w.recovery.remove(key)
		return
	}
	spans := 0
	for _, d := range docs {
		spans += len(d.Spans)
	}
	w.confirm("Recover unsaved work?",
		fmt.Sprintf("Gloss found work on %s that was not saved (%s, %s).\nRecover it?",
			w.displayName(), st.ModTime().Format("2 Jan 15:04:05"), plural(spans, "span")),
		[]string{"Recover", "Discard"},
		func(choice int) {
			switch choice {
			case 0:
				w.recover(docs)
			case 1:
				w.recovery.remove(key)
			}
		})
}

// recover replaces the open work with recovered documents, unsaved.
func (w *Window) recover(docs []*annotate.Document) {
	w.setWork(docs, w.source, w.savePath)
	for _, d := range w.docs {
		d.recovered = true
	}
	w.status.message("Recovered unsaved work; save it to keep it")
	w.status.refresh()
	w.updateTitle()
}

// nativeBytes is docs as native JSONL, for comparing work.
func nativeBytes(docs []*annotate.Document) []byte {
	var buf []byte
	for _, d := range docs {
		buf = export.AppendNative(buf, d, false)
		buf = append(buf, '\n')
	}
	return buf
}

// plural is "1 span", "2 spans".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
