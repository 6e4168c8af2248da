// Package session is the work open in Gloss, without Fyne: the documents
// of a corpus and their undo histories, which one is current, where the
// work came from and where it saves, what is unsaved, how a crash gets it
// back, and the decisions that labelling and saving make. app.Window and
// review.Screen show a Session; its tests need no display.
//
// A corpus of a million documents opens in seconds and in a few hundred
// MB: a native file is indexed (where each document's line is, its id,
// status and span count) and a document is parsed when it is shown or
// needed, then dropped again unless it was edited (a bounded cache). A save
// copies the lines of unchanged documents from the old file byte for byte
// and encodes only the edited ones, in the background.
//
// A Session belongs to one goroutine, the user interface's: call its
// methods there. What it does in the background (indexing, saving,
// journaling) reports back through Options.Post, which runs a function on
// that goroutine (fyne.Do in the app), and every change is announced to
// the listeners of OnChange as one Change.
package session

import (
	"errors"
	"path/filepath"
	"strings"

	"gloss/annotate"
	"gloss/export"
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
	// Post runs f on the Session's goroutine, later. Background work
	// reports through it. Without Post the Session has no loop to report
	// to, and does its background work before returning (the command
	// line, tests).
	Post func(f func())
	// CacheSize is how many parsed documents that were not edited stay in
	// memory; 0 means DefaultCacheSize.
	CacheSize int
}

// DefaultCacheSize is how many unedited documents a Session keeps parsed.
const DefaultCacheSize = 64

// Session is the open work. Make it with New and give it work with Start.
type Session struct {
	opt       Options
	labels    *annotate.LabelSet
	annotator string
	listeners []func(Change)

	entries []entry
	cur     int
	// gen counts the works started: background work of an older one is
	// dropped when it reports.
	gen int
	// files are the native files entries are read from again.
	files []*backing
	// readOpt reads their lines.
	readOpt export.Options
	// maker makes the documents in no file, when the work is made
	// (MadeWork); nil when they are all in memory.
	maker Maker
	// cache is the documents parsed and not pinned (see pinned), least
	// recently used first.
	cache []int
	// counts is how many documents have each Status.
	counts [3]int
	// listing is the index pass running, nil when every document is known.
	listing *listing
	// readOnly is the problems the check pass found, nil when none.
	readOnly *export.Problems
	// lock is held on the save path (lock.go), nil for untitled work.
	lock   *workLock
	saving *saveJob
	// queued is a save asked for while another one or the index pass runs.
	queued *saveRequest
	// source is the file or folder the work was read from ("" for the
	// sample); savePath is where Save writes ("" asks first).
	source, savePath string

	// unsaved are the documents with unsaved changes.
	unsaved map[int]struct{}

	recovery recovery
	journal  *journal
	// encodeBuf is reused to encode a document for the journal.
	encodeBuf     []byte
	journalWarned bool
	// closed is set by Close: nothing more is written for this work.
	closed bool
}

// entry is one document of the work, in corpus order: where its line is
// (when it is in a file), what the document list shows, and the document
// itself while it is parsed.
type entry struct {
	id string
	// src holds the document's line, size bytes from off, line number
	// line; nil when the document is only in memory.
	src    *backing
	off    int64
	size   int32
	line   int32
	spans  int32
	status Status
	doc    *docState
}

// docState is a parsed document with its undo history.
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
	if s.opt.CacheSize <= 0 {
		s.opt.CacheSize = DefaultCacheSize
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

// background runs work on a goroutine of its own and then the function it
// returns on the Session's goroutine; without Options.Post, both at once.
func (s *Session) background(work func() (then func())) {
	if s.opt.Post == nil {
		work()()
		return
	}
	go func() {
		then := work()
		s.opt.Post(then)
	}()
}

// report runs f on the Session's goroutine from background work: later
// through Options.Post, or at once without it.
func (s *Session) report(f func()) {
	if s.opt.Post == nil {
		f()
		return
	}
	s.opt.Post(f)
}

// Busy reports whether background work (the index pass, a save) is
// running; tests wait for it.
func (s *Session) Busy() bool { return s.listing != nil || s.saving != nil || s.queued != nil }

// Labels is the label set.
func (s *Session) Labels() *annotate.LabelSet { return s.labels }

// Annotator is the name stamped on new spans.
func (s *Session) Annotator() string { return s.annotator }

// SetAnnotator changes the name stamped on new spans from now on.
func (s *Session) SetAnnotator(name string) { s.annotator = name }

// Len is the number of documents known: while the index pass runs, those
// listed so far.
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

// Doc is document i, parsed now if it is not in memory.
func (s *Session) Doc(i int) (*annotate.Document, error) {
	ds, err := s.load(i)
	if err != nil {
		return nil, err
	}
	return ds.hist.Document(), nil
}

// Show makes document i the current one, parsing it if needed.
func (s *Session) Show(i int) error {
	if i < 0 || i >= len(s.entries) {
		return errNoDocument
	}
	if i == s.cur {
		return nil
	}
	if _, err := s.load(i); err != nil {
		return err
	}
	prev := s.cur
	s.cur = i
	if prev >= 0 {
		s.unpin(prev)
	}
	s.announce(Change{Kind: Shown, Doc: i})
	return nil
}

var errNoDocument = errors.New("no such document")

// Find is the index of the document with id, or -1.
func (s *Session) Find(id string) int {
	for i := range s.entries {
		if s.entries[i].id == id {
			return i
		}
	}
	return -1
}

// Search is the indexes of the documents whose id contains query,
// ignoring case, in corpus order: the document list's filter. It reads
// the index only.
func (s *Session) Search(query string) []int {
	q := strings.ToLower(query)
	var out []int
	for i := range s.entries {
		if strings.Contains(strings.ToLower(s.entries[i].id), q) {
			out = append(out, i)
		}
	}
	return out
}

// Do applies e to the current document as one undoable step. When the
// document has no annotator and will have spans, the step also stamps the
// Session's annotator on it (undone with it), so that a saved file says
// who made its spans.
func (s *Session) Do(e annotate.Edit) error {
	if s.readOnly != nil {
		return s.errReadOnly()
	}
	if s.annotator != "" {
		e = &stamp{Edit: e, annotator: s.annotator}
	}
	return s.current().hist.Do(e)
}

// Undo undoes the current document's last edit; it reports false when there
// is none.
func (s *Session) Undo() bool { return s.readOnly == nil && s.current().hist.Undo() }

// Redo redoes the current document's last undone edit; it reports false
// when there is none.
func (s *Session) Redo() bool { return s.readOnly == nil && s.current().hist.Redo() }

// Dirty reports whether any document has unsaved changes.
func (s *Session) Dirty() bool { return len(s.unsaved) > 0 }

// markDirty records whether document i has unsaved changes now.
func (s *Session) markDirty(i int) {
	if d := s.entries[i].doc; d != nil && d.dirty() {
		s.unsaved[i] = struct{}{}
	} else {
		delete(s.unsaved, i)
	}
}

// DocumentDirty reports whether document i has unsaved changes.
func (s *Session) DocumentDirty(i int) bool {
	d := s.entries[i].doc
	return d != nil && d.dirty()
}

// edited runs after every Do, Undo and Redo of document i.
func (s *Session) edited(i int) {
	s.markDirty(i)
	e := &s.entries[i]
	d := e.doc.hist.Document()
	st := StatusOf(d)
	s.counts[e.status]--
	s.counts[st]++
	e.status, e.spans = st, int32(len(d.Spans))
	if !s.Dirty() && s.journal != nil {
		// Undone back to the saved state: nothing left to recover.
		s.journal.reset(nil)
	} else {
		s.journalEdit(i)
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

// Documents is every document in corpus order, parsing those not in
// memory (without keeping them: a big corpus is better read through a
// Snapshot, in the background). A document that does not parse is left
// out.
func (s *Session) Documents() []*annotate.Document {
	docs := make([]*annotate.Document, 0, len(s.entries))
	for i := range s.entries {
		e := &s.entries[i]
		if e.doc != nil {
			docs = append(docs, e.doc.hist.Document())
			continue
		}
		if d, err := s.parse(i); err == nil {
			docs = append(docs, d)
		}
	}
	return docs
}

// Close ends the work: the journal is written out and closed (deleted
// when nothing is unsaved), nothing more is written for the work, and the
// index pass stops.
func (s *Session) Close() {
	s.closeJournal()
	s.holdLock(nil)
	s.closed = true
	if s.listing != nil {
		s.listing.stop.Store(true)
	}
}

// errChanged is a document whose line is not what the index says: the
// file was changed by someone else since it was opened.
func errChanged(b *backing, line int32) error {
	return &export.LineError{File: b.path, Line: int(line), Msg: "the file changed since Gloss opened it; open it again"}
}
