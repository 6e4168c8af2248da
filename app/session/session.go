// Package session is the work open in Gloss, without Fyne: the documents
// of a corpus and their undo histories, which one is current, where the
// work came from and where it saves, what is unsaved, how a crash gets it
// back, and the decisions that labelling and saving make. app.Window and
// review.Screen show a Session; its tests need no display.
//
// A Session belongs to one goroutine, the user interface's: call its
// methods there. What it does in the background (reading, saving,
// journaling) reports back through Options.Post, which runs a function on
// that goroutine (fyne.Do in the app), and every change is announced to
// the listeners of OnChange as one Change.
package session

import (
	"errors"
	"path/filepath"
	"strings"

	"gloss/annotate"
)

// Options configure a Session.
type Options struct {
	// Labels is the label set; nil means the built-in one.
	Labels *annotate.LabelSet
	// Annotator is stamped on new spans and on an edited document that has
	// none; "" stamps nothing (the review screen's gold).
	Annotator string
	// RecoveryDir is where unsaved work goes to survive a crash; "" is
	// the user's cache folder's gloss/recovery.
	RecoveryDir string
	// Post runs f on the Session's goroutine. Background work reports
	// through it; nil runs f at once (for callers without a UI loop).
	Post func(f func())
}

// Session is the open work. Make it with New and give it work with Start.
type Session struct {
	opt       Options
	labels    *annotate.LabelSet
	annotator string
	listeners []func(Change)

	entries []entry
	cur     int
	// source is the file or folder the work was read from ("" for the
	// bundled sample); savePath is where Save writes ("" asks first).
	source, savePath string

	recovery recovery
	// changes counts edits; autosaved is its value at the last autosave.
	changes, autosaved int
	// closed is set by Close: nothing more is written for this work.
	closed bool
}

// entry is one document of the work, in corpus order.
type entry struct {
	id  string
	doc *docState
}

// docState is a document with its undo history.
type docState struct {
	hist *annotate.History
	// recovered marks a document restored from a crash: it has unsaved
	// work although its history is empty.
	recovered bool
}

func (d *docState) dirty() bool { return d.recovered || d.hist.Dirty() }

// New makes a Session with no work; Start gives it some.
func New(opt Options) *Session {
	s := &Session{opt: opt, labels: opt.Labels, annotator: opt.Annotator, cur: -1}
	if s.labels == nil {
		s.labels = annotate.DefaultLabelSet()
	}
	dir := opt.RecoveryDir
	if dir == "" {
		dir = DefaultRecoveryDir()
	}
	s.recovery = recovery{dir: dir}
	return s
}

// OnChange adds a listener that hears of every change, on the Session's
// goroutine, after the change is made.
func (s *Session) OnChange(f func(Change)) { s.listeners = append(s.listeners, f) }

func (s *Session) announce(c Change) {
	for _, f := range s.listeners {
		f(c)
	}
}

// post runs f on the Session's goroutine.
func (s *Session) post(f func()) {
	if s.opt.Post == nil {
		f()
		return
	}
	s.opt.Post(f)
}

// Labels is the label set.
func (s *Session) Labels() *annotate.LabelSet { return s.labels }

// Annotator is the name stamped on new spans.
func (s *Session) Annotator() string { return s.annotator }

// SetAnnotator changes the name stamped on new spans from now on.
func (s *Session) SetAnnotator(name string) { s.annotator = name }

// Len is the number of documents.
func (s *Session) Len() int { return len(s.entries) }

// Current is the index of the current document, or -1 when there is no
// work.
func (s *Session) Current() int { return s.cur }

// Source is the file or folder the work was read from ("" for the sample
// article).
func (s *Session) Source() string { return s.source }

// SavePath is where Save writes ("" when the first save must ask).
func (s *Session) SavePath() string { return s.savePath }

// Document is the current document.
func (s *Session) Document() *annotate.Document { return s.current().hist.Document() }

// History is the current document's undo history.
func (s *Session) History() *annotate.History { return s.current().hist }

func (s *Session) current() *docState { return s.entries[s.cur].doc }

// Doc is document i.
func (s *Session) Doc(i int) *annotate.Document { return s.entries[i].doc.hist.Document() }

// Show makes document i the current one.
func (s *Session) Show(i int) error {
	if i < 0 || i >= len(s.entries) {
		return errNoDocument
	}
	if i == s.cur {
		return nil
	}
	s.cur = i
	s.announce(Change{Kind: Shown, Doc: i})
	return nil
}

var errNoDocument = errors.New("no such document")

// Do applies e to the current document as one undoable step. When the
// document has no annotator and will have spans, the step also stamps the
// Session's annotator on it (undone with it), so that a saved file says
// who made its spans.
func (s *Session) Do(e annotate.Edit) error {
	if s.annotator != "" {
		e = &stamp{Edit: e, annotator: s.annotator}
	}
	return s.current().hist.Do(e)
}

// Undo undoes the current document's last edit; it reports false when there
// is none.
func (s *Session) Undo() bool { return s.current().hist.Undo() }

// Redo redoes the current document's last undone edit; it reports false
// when there is none.
func (s *Session) Redo() bool { return s.current().hist.Redo() }

// Dirty reports whether any document has unsaved changes.
func (s *Session) Dirty() bool {
	for i := range s.entries {
		if s.entries[i].doc.dirty() {
			return true
		}
	}
	return false
}

// DocumentDirty reports whether document i has unsaved changes.
func (s *Session) DocumentDirty(i int) bool { return s.entries[i].doc.dirty() }

// edited runs after every Do, Undo and Redo of document i.
func (s *Session) edited(i int) {
	s.changes++
	if !s.Dirty() {
		// Undone back to the saved state: nothing left to recover.
		s.recovery.remove(s.RecoveryKey())
		s.autosaved = s.changes
	}
	s.announce(Change{Kind: Edited, Doc: i})
}

// Name names the work for titles and messages: the file it saves to, else
// the one it came from, else its first document.
func (s *Session) Name() string {
	switch {
	case s.savePath != "":
		return filepath.Base(s.savePath)
	case s.source != "":
		return filepath.Base(s.source)
	case len(s.entries) > 0:
		return s.entries[0].id
	}
	return "untitled"
}

// SuggestedName is a file name for saving or exporting the work, with
// extension ext (".jsonl", "-brat").
func (s *Session) SuggestedName(ext string) string {
	base := "untitled"
	switch {
	case s.savePath != "":
		base = filepath.Base(s.savePath)
	case s.source != "":
		base = filepath.Base(s.source)
	case len(s.entries) > 0:
		base = s.entries[0].id
	}
	return strings.TrimSuffix(base, filepath.Ext(base)) + ext
}

// Documents is every document in corpus order.
func (s *Session) Documents() []*annotate.Document {
	docs := make([]*annotate.Document, len(s.entries))
	for i := range s.entries {
		docs[i] = s.Doc(i)
	}
	return docs
}

// Close ends the work: nothing more is written for it (the autosave that
// quitting can trigger must not write discarded work back).
func (s *Session) Close() { s.closed = true }
