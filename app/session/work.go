package session

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"gloss/annotate"
	"gloss/export"
)

// Spec says what work to open.
type Spec struct {
	// Paths are files or folders, read in turn.
	Paths []string
	// Documents are opened when there are no Paths (the app's sample
	// article).
	Documents []*annotate.Document
	// Format reads every path; nil detects each one's.
	Format *export.Format
	// Options are the readers' options (UTF-16 offsets, the label set,
	// warnings).
	Options export.Options
	// SaveTo is where Save writes. "" saves a single native file where it
	// came from, and makes anything else ask at the first save. When
	// SaveTo is an existing native file that is not one of Paths, each of
	// its documents with the id and text of a document read is opened
	// instead of it (Resumed counts them), so that opening the same thing
	// twice loses nothing.
	SaveTo string
	// IDs, when not nil, keeps only the documents with these ids.
	IDs []string
}

// Work is read work, ready for Session.Start. Read makes it.
type Work struct {
	// docs are documents read into memory; or, for native files, first is
	// the first document, which entry places, and list lists the others
	// from files in the background.
	docs  []*annotate.Document
	first *annotate.Document
	entry entry
	// more are the entries after the first when both passes ran in Read.
	more  []entry
	files []*backing
	// maker makes the documents that are in no file (MadeWork).
	maker            Maker
	list             *listing
	readOpt          export.Options
	source, savePath string
	// Format is the format the first path was read in (nil for the sample).
	Format *export.Format
	// Resumed counts the documents opened from SaveTo instead of Paths.
	Resumed int
}

// Len is the number of documents read: 1 for native files, whose other
// documents are listed after Start.
func (w *Work) Len() int {
	switch {
	case w.maker != nil:
		return len(w.more)
	case w.first != nil:
		return 1
	}
	return len(w.docs)
}

// Close lets go of the files of work that will not be started.
func (w *Work) Close() {
	for _, b := range w.files {
		b.release()
	}
	w.files = nil
}

// ErrNoDocuments is reported for an input holding no document.
var ErrNoDocuments = errors.New("no documents in it")

// Read reads what spec names. It touches no Session, so it may run on a
// goroutine of its own; p, when not nil, gets progress and says when to
// stop.
func Read(spec Spec, p *Progress) (*Work, error) {
	if lazy(spec) {
		return openNative(spec, p)
	}
	w := &Work{}
	if len(spec.Paths) == 0 {
		w.docs = spec.Documents
	} else {
		w.source = spec.Paths[0]
	}
	var chk export.Checker // ids unique across the paths: they save as one file
	for _, path := range spec.Paths {
		docs, f, err := readPath(path, spec.Format, spec.Options, p, &chk)
		if err != nil {
			return nil, err
		}
		if w.Format == nil {
			w.Format = f
		}
		w.docs = append(w.docs, docs...)
		if len(spec.Paths) == 1 && f.Name == "jsonl" && !isDir(path) {
			w.savePath = path
		}
	}
	if spec.IDs != nil {
		keep := map[string]bool{}
		for _, id := range spec.IDs {
			keep[id] = true
		}
		w.docs = slices.DeleteFunc(w.docs, func(d *annotate.Document) bool { return !keep[d.ID] })
	}
	if out := spec.SaveTo; out != "" {
		w.savePath = out
		if !slices.Contains(spec.Paths, out) && fileExists(out) {
			if err := w.resume(out, spec.Options); err != nil {
				return nil, err
			}
		}
	}
	return w, nil
}

// resume opens, for each document read, its version in the native file
// out when it has one with the same id and text.
func (w *Work) resume(out string, xo export.Options) error {
	prev, f, err := readPath(out, export.Lookup("jsonl"), xo, nil, &export.Checker{})
	if problems := (*export.Problems)(nil); errors.As(err, &problems) {
		// A native file with problems: the first save would overwrite
		// it, so refuse, as for any input with problems.
		return err
	}
	if err != nil || f.Name != "jsonl" {
		// Not a native file we can read: a save replaces it.
		return nil
	}
	byID := make(map[string]*annotate.Document, len(prev))
	for _, d := range prev {
		byID[d.ID] = d
	}
	for i, d := range w.docs {
		if p := byID[d.ID]; p != nil && p.Text == d.Text {
			w.docs[i] = p
			w.Resumed++
		}
	}
	if w.Resumed == len(w.docs) {
		w.source = out
	}
	return nil
}

// readPath reads every document at path: a file in format f (detected when
// nil), or a folder, which is a corpus of .txt files when it holds any and
// a brat folder otherwise. Each document is checked by chk, as the command
// line checks it (offsets in range, span texts, label names, unique ids):
// when any has problems, readPath reads on to list them and returns them
// as an *export.Problems, without documents.
func readPath(path string, f *export.Format, xo export.Options, p *Progress, chk *export.Checker) ([]*annotate.Document, *export.Format, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if st.IsDir() && f == nil {
		if txts, _ := filepath.Glob(filepath.Join(path, "*.txt")); len(txts) > 0 {
			if anns, _ := filepath.Glob(filepath.Join(path, "*.ann")); len(anns) == 0 {
				docs, err := readTextFolder(txts, xo, p)
				return docs, export.Lookup("text"), err
			}
		}
	}
	if f == nil {
		if f, err = export.DetectPath(path); err != nil {
			return nil, nil, err
		}
	}
	var r export.Reader
	if f.OpenPath != nil || st.IsDir() {
		var closeFn func() error
		r, f, closeFn, err = export.Open(path, f, xo)
		if err != nil {
			return nil, nil, err
		}
		defer closeFn()
	} else {
		file, err := os.Open(path)
		if err != nil {
			return nil, nil, err
		}
		defer file.Close()
		cr := &countingReader{r: file, total: st.Size(), p: p}
		r = f.NewReader(bufio.NewReaderSize(cr, 64<<10), path, xo)
	}
	var docs []*annotate.Document
	problems := export.Problems{File: path}
	for {
		if p.Cancelled() {
			return nil, f, ErrCancelled
		}
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, f, err
		}
		file := path
		if fr, ok := r.(export.Filer); ok {
			file = fr.File()
		}
		if ps := chk.Check(d, file, r.Line()); len(ps) > 0 {
			problems.Add(ps...)
			docs = nil // bounded: only the first problems are kept
		} else if problems.Total == 0 {
			docs = append(docs, d)
		}
	}
	if err := problems.Err(); err != nil {
		return nil, f, err
	}
	if len(docs) == 0 {
		return nil, f, fmt.Errorf("%s: %w", path, ErrNoDocuments)
	}
	return docs, f, nil
}

// readTextFolder reads each .txt file as one document, in name order.
func readTextFolder(files []string, xo export.Options, p *Progress) ([]*annotate.Document, error) {
	slices.Sort(files)
	text := export.Lookup("text")
	docs := make([]*annotate.Document, 0, len(files))
	for i, name := range files {
		if p.Cancelled() {
			return nil, ErrCancelled
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		d, err := text.NewReader(bytes.NewReader(data), name, xo).Next()
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
		p.Set(float64(i+1) / float64(len(files)))
	}
	return docs, nil
}

// countingReader reports how much of a file has been read.
type countingReader struct {
	r     io.Reader
	n     int64
	total int64
	p     *Progress
}

// Read implements io.Reader, reporting progress.
func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	if c.total > 0 {
		c.p.Set(float64(c.n) / float64(c.total))
	}
	return n, err
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// fileExists reports whether path names an existing file.
func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// Start replaces the open work with w, showing its first document. The
// documents of native files are listed in the background (Listed). Work
// whose save path another session has open is refused with
// OpenElsewhereError (and closed); the open work then stays.
func (s *Session) Start(w *Work) error {
	l, err := s.lockFor(w.savePath, false)
	if err != nil {
		w.Close()
		return err
	}
	if s.listing != nil {
		s.listing.stop.Store(true)
	}
	for _, b := range s.files {
		b.release()
	}
	s.closeJournal()
	s.gen++
	s.entries, s.files, s.cache, s.readOnly = nil, w.files, nil, nil
	s.unsaved = map[int]struct{}{}
	s.journalWarned = false
	s.listing, s.queued = nil, nil
	s.counts = [3]int{}
	s.readOpt = w.readOpt
	s.maker = w.maker
	w.files = nil
	switch {
	case w.maker != nil:
		s.entries = w.more
	case w.first != nil:
		s.entries = make([]entry, 1, w.list.capacity(w.entry.size, len(w.more)))
		s.entries[0] = w.entry
		s.entries[0].doc = s.newDocState(0, w.first)
		s.entries = append(s.entries, w.more...)
		s.listing = w.list
	default:
		s.entries = make([]entry, len(w.docs))
		for i, d := range w.docs {
			s.entries[i] = entry{id: d.ID, doc: s.newDocState(i, d), status: StatusOf(d), spans: int32(len(d.Spans))}
		}
	}
	for i := range s.entries {
		s.counts[s.entries[i].status]++
	}
	s.source, s.savePath = w.source, w.savePath
	s.holdLock(l)
	s.closed = false
	s.cur = -1
	if len(s.entries) > 0 {
		if _, err := s.load(0); err == nil {
			s.cur = 0
		}
	}
	s.announce(Change{Kind: Opened, Doc: -1})
	if s.listing != nil {
		s.start(s.listing, s.gen)
	}
	return nil
}

// NewWork is work already in memory: docs read from source (a file or
// folder, "" for none), saved to savePath ("" asks at the first save).
func NewWork(docs []*annotate.Document, source, savePath string) *Work {
	return &Work{docs: docs, source: source, savePath: savePath}
}

// Maker makes document i of made work (MadeWork) when it is needed, and
// again after the Session let it go: it must give the same document each
// time, and be safe to call from several goroutines (a save calls it in the
// background).
type Maker func(i int) (*annotate.Document, error)

// MadeWork is work whose documents are made when needed rather than read
// from a file: document i has id ids[i] and is mk(i). The review screen's
// gold is such work, each document the merge of the annotators' versions
// (or its line in a gold file) until the lead decides something: only the
// documents shown, edited or cached are in memory. It saves to savePath
// ("" asks at the first save).
func MadeWork(ids []string, mk Maker, savePath string) *Work {
	w := &Work{maker: mk, savePath: savePath, more: make([]entry, len(ids))}
	for i, id := range ids {
		w.more[i] = entry{id: id}
	}
	return w
}

// lazy reports whether spec names native files only, opened by index:
// regular files in that format, with no other save target to resume from.
func lazy(spec Spec) bool {
	if len(spec.Paths) == 0 || spec.Options.UTF16 {
		return false
	}
	for _, path := range spec.Paths {
		st, err := os.Stat(path)
		if err != nil || !st.Mode().IsRegular() {
			return false
		}
		f := spec.Format
		if f == nil {
			if f, err = export.DetectPath(path); err != nil {
				return false
			}
		}
		if f.Name != "jsonl" {
			return false
		}
	}
	out := spec.SaveTo
	return out == "" || slices.Contains(spec.Paths, out) || !fileExists(out)
}

// openNative opens native files by index: it parses their first document
// now and leaves the others to the index pass that Start begins.
func openNative(spec Spec, p *Progress) (*Work, error) {
	w := &Work{source: spec.Paths[0], Format: export.Lookup("jsonl"), readOpt: spec.Options}
	fail := func(err error) (*Work, error) {
		w.Close()
		return nil, err
	}
	var total int64
	for _, path := range spec.Paths {
		b, err := openBacking(path)
		if err != nil {
			return fail(err)
		}
		w.files = append(w.files, b)
		total += b.size
	}
	var ids map[string]bool
	if spec.IDs != nil {
		ids = make(map[string]bool, len(spec.IDs))
		for _, id := range spec.IDs {
			ids[id] = true
		}
	}
	var base int64
	for k, b := range w.files {
		ix := export.NewIndexer(io.NewSectionReader(b.f, 0, b.size), b.path, 0, 0)
		for {
			if p.Cancelled() {
				return fail(ErrCancelled)
			}
			e, err := ix.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				// A bad line before the first document: the file is not
				// what it says, as a full read would find.
				return fail(err)
			}
			if ids != nil && !ids[e.ID] {
				continue
			}
			d, err := export.ParseNativeLine(ix.Raw(), b.path, e.Line, spec.Options)
			if err != nil {
				return fail(err)
			}
			w.first, w.entry = d, entryOf(b, e)
			w.entry.status, w.entry.spans = StatusOf(d), int32(len(d.Spans))
			w.list = &listing{ix: ix, first: b, base: base, rest: w.files[k+1:], files: w.files, ids: ids, total: total}
			w.list.indexed.Store(base + e.Offset + int64(e.Size))
			if total <= checkNowBytes {
				if err := w.list.now(w); err != nil {
					return fail(err)
				}
				w.list = nil
			}
			p.Set(1) // Read's part is done; Listing tells the rest
			switch {
			case spec.SaveTo != "":
				w.savePath = spec.SaveTo
			case len(spec.Paths) == 1:
				w.savePath = spec.Paths[0]
			}
			return w, nil
		}
		base += b.size
	}
	return fail(fmt.Errorf("%s: %w", spec.Paths[0], ErrNoDocuments))
}

// capacity guesses how many documents the files hold from the size of
// the first one's line, so that the list of entries is allocated once.
func (l *listing) capacity(first int32, more int) int {
	if l == nil {
		return 1 + more
	}
	n := l.total / (int64(first) + 1)
	return int(min(max(n+n/8, 16), 1<<24))
}
