package app

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/assets"
	"gloss/export"
)

// sampleDocument is the bundled sample article.
func sampleDocument() *annotate.Document {
	return &annotate.Document{ID: export.DocumentID(assets.SampleName), Text: string(assets.Sample)}
}

// loadStartup reads the files named on the command line, or the sample.
// With -o OUT naming an existing native file that holds the same documents
// (same ids and texts), the work in OUT is resumed instead of starting
// over, so that running the same command twice loses nothing.
func loadStartup(opt Options) (docs []*annotate.Document, source string, err error) {
	if len(opt.Files) == 0 {
		return []*annotate.Document{sampleDocument()}, "", nil
	}
	xo := export.Options{Labels: opt.Labels}
	for _, f := range opt.Files {
		d, _, err := readPath(f, nil, xo, nil)
		if err != nil {
			return nil, "", err
		}
		docs = append(docs, d...)
	}
	if out := saveTarget(opt); out != "" && !slices.Contains(opt.Files, out) && fileExists(out) {
		prev, f, err := readPath(out, export.Lookup("jsonl"), xo, nil)
		if err == nil && f.Name == "jsonl" && sameTexts(prev, docs) {
			return prev, out, nil
		}
		// A save target with problems would be overwritten by the
		// first save: refuse, as for any input with problems.
		if problems := (*export.Problems)(nil); errors.As(err, &problems) {
			return nil, "", err
		}
	}
	return docs, opt.Files[0], nil
}

// saveTarget is the -o path, or "" when there is none ("-" is standard
// output, which means nothing to a window).
func saveTarget(opt Options) string {
	if opt.Out == "-" {
		return ""
	}
	return opt.Out
}

// startSavePath is where Save writes for the work loaded at start: -o OUT,
// else the native file opened, else nowhere yet (the first save asks).
func startSavePath(opt Options, source string) string {
	if out := saveTarget(opt); out != "" {
		return out
	}
	return nativeSavePath(source)
}

// nativeSavePath is source when it is a native file (saving there keeps
// its format), else "".
func nativeSavePath(source string) string {
	if source == "" || !fileExists(source) {
		return ""
	}
	if f, err := export.DetectPath(source); err == nil && f.Name == "jsonl" {
		return source
	}
	return ""
}

// sameTexts reports whether a and b hold the same documents, by id and
// text, in the same order.
func sameTexts(a, b []*annotate.Document) bool {
	return slices.EqualFunc(a, b, func(x, y *annotate.Document) bool { return x.ID == y.ID && x.Text == y.Text })
}

// errCancelled is returned by work the user cancelled.
var errCancelled = errors.New("cancelled")

// readPath reads every document at path: a file in format f (detected when
// nil), or a folder, which is a corpus of .txt files when it holds any and
// a brat folder otherwise. p, when not nil, gets progress and says when to
// stop. Documents with problems (export.Checker: offsets out of range, a
// span text that does not match, duplicate ids, …) are refused, as the
// command line refuses them: the error is an *export.Problems listing
// them, and no document is returned.
func readPath(path string, f *export.Format, xo export.Options, p *progress) ([]*annotate.Document, *export.Format, error) {
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
	chk := export.Checker{}
	problems := export.Problems{File: path}
	for {
		if p.cancelled() {
			return nil, f, errCancelled
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
			docs = nil
		} else if problems.Total == 0 {
			docs = append(docs, d)
		}
	}
	if err := problems.Err(); err != nil {
		return nil, f, err
	}
	if len(docs) == 0 {
		return nil, f, fmt.Errorf("%s: %w", path, errNoDocuments)
	}
	return docs, f, nil
}

// readTextFolder reads each .txt file as one document, in name order.
func readTextFolder(files []string, xo export.Options, p *progress) ([]*annotate.Document, error) {
	slices.Sort(files)
	text := export.Lookup("text")
	docs := make([]*annotate.Document, 0, len(files))
	for i, name := range files {
		if p.cancelled() {
			return nil, errCancelled
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
		p.set(float64(i+1) / float64(len(files)))
	}
	return docs, nil
}

// countingReader reports how much of a file has been read.
type countingReader struct {
	r     io.Reader
	n     int64
	total int64
	p     *progress
}

// Read implements io.Reader, reporting progress.
func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += int64(n)
	if c.total > 0 {
		c.p.set(float64(c.n) / float64(c.total))
	}
	return n, err
}

// OpenPath opens a file or folder, replacing the work open now (the caller
// has asked about unsaved changes). It reads in the background with a
// progress bar; tests wait with WaitTasks.
func (w *Window) OpenPath(path string) { w.importPath(path, nil, export.Options{Labels: w.labels}) }

// importPath reads path in format f (nil: detect) and opens what it holds.
func (w *Window) importPath(path string, f *export.Format, xo export.Options) {
	var warnings atomic.Int32
	xo.Warn = func(string) { warnings.Add(1) }
	var docs []*annotate.Document
	var used *export.Format
	w.runTask("Opening "+filepath.Base(path), func(p *progress) error {
		var err error
		docs, used, err = readPath(path, f, xo, p)
		return err
	}, func(err error) {
		if err != nil {
			if !errors.Is(err, errCancelled) {
				w.showOpenError(path, err)
			}
			return
		}
		save := ""
		if used != nil && used.Name == "jsonl" && !isDir(path) {
			save = path
		}
		w.setWork(docs, path, save)
		w.prefs.addRecent(path)
		w.rememberFolder(path)
		w.refreshMenus()
		msg := fmt.Sprintf("Opened %s: %d document(s)", filepath.Base(path), len(docs))
		if used != nil {
			msg += " (" + used.Name + ")"
		}
		if n := warnings.Load(); n > 0 {
			msg += fmt.Sprintf(", %d warning(s)", n)
		}
		w.status.message(msg)
		w.OfferRecovery()
	})
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// rememberFolder stores the folder of path for the next file dialog.
func (w *Window) rememberFolder(path string) {
	dir := path
	if !isDir(path) {
		dir = filepath.Dir(path)
	}
	if abs, err := filepath.Abs(dir); err == nil {
		w.prefs.p.SetString(prefLastFolder, abs)
	}
}

// lastFolder is where file dialogs start.
func (w *Window) lastFolder() fyne.ListableURI {
	dir := w.prefs.p.String(prefLastFolder)
	if dir == "" {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}

// Open asks for a file and opens it (after asking about unsaved work).
func (w *Window) Open() {
	w.afterDiscardCheck("opening another file", func() {
		w.askFile([]string{".jsonl", ".txt", ".json", ".conll", ".ann"}, w.OpenPath)
	})
}

// askFile shows the file-open dialog at the last folder, filtered by
// extensions (nil: every file), and calls then with the chosen path.
func (w *Window) askFile(extensions []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, w.win)
	if extensions != nil {
		d.SetFilter(storage.NewExtensionFileFilter(extensions))
	}
	if l := w.lastFolder(); l != nil {
		d.SetLocation(l)
	}
	d.Resize(dialogSize(w.win))
	d.Show()
}

// OpenFolder asks for a folder of .txt files (or a brat folder) and opens
// it as a corpus.
func (w *Window) OpenFolder() {
	w.afterDiscardCheck("opening another folder", func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil {
				w.showError(err)
				return
			}
			if l != nil {
				w.OpenPath(l.Path())
			}
		}, w.win)
		if l := w.lastFolder(); l != nil {
			d.SetLocation(l)
		}
		d.Resize(dialogSize(w.win))
		d.Show()
	})
}

// OpenRecent opens a file from File → Open Recent.
func (w *Window) OpenRecent(path string) {
	w.afterDiscardCheck("opening another file", func() { w.OpenPath(path) })
}

// OpenDropped opens the first file dropped on the window.
func (w *Window) OpenDropped(uris []fyne.URI) {
	for _, u := range uris {
		if u.Scheme() == "file" {
			path := u.Path()
			w.afterDiscardCheck("opening "+filepath.Base(path), func() { w.OpenPath(path) })
			return
		}
	}
}

// documents is every open document, in corpus order.
func (w *Window) documents() []*annotate.Document {
	docs := make([]*annotate.Document, len(w.docs))
	for i, d := range w.docs {
		docs[i] = d.doc()
	}
	return docs
}

// Save writes every document to the save path as native JSONL, asking
// for a path first when there is none.
func (w *Window) Save() { w.saveThen(nil) }

// saveThen saves, then runs then (if not nil) when the save succeeded.
func (w *Window) saveThen(then func()) {
	w.note.commit()
	if w.savePath == "" {
		w.saveAsThen(then)
		return
	}
	if w.SaveTo(w.savePath) == nil && then != nil {
		then()
	}
}

// SaveTo writes every document to path, atomically, as native JSONL, and
// makes path the save path.
func (w *Window) SaveTo(path string) error {
	w.note.commit()
	for _, d := range w.documents() {
		if d.Annotator == "" && len(d.Spans) > 0 {
			d.Annotator = w.annotator
		}
	}
	if err := export.SaveNative(path, w.documents()...); err != nil {
		w.showError(err)
		return err
	}
	old := w.recoveryKey()
	w.savePath = path
	for _, d := range w.docs {
		d.hist.MarkSaved()
		d.recovered = false
	}
	w.recovery.remove(old)
	w.recovery.remove(w.recoveryKey())
	w.autosaved = w.changes
	w.prefs.addRecent(path)
	w.rememberFolder(path)
	w.status.message("Saved " + path)
	w.docList.refresh()
	w.refreshMenus()
	w.updateTitle()
	return nil
}

// SaveAs asks where to save, then saves there.
func (w *Window) SaveAs() { w.saveAsThen(nil) }

func (w *Window) saveAsThen(then func()) {
	w.askSaveFile(w.suggestedName(".jsonl"), []string{".jsonl"}, func(path string) {
		if filepath.Ext(path) == "" {
			path += ".jsonl"
		}
		if w.SaveTo(path) == nil && then != nil {
			then()
		}
	})
}

// askSaveFile shows the file-save dialog at the last folder with a
// suggested name, filtered by extensions (nil: every file), and calls then
// with the chosen path.
func (w *Window) askSaveFile(name string, extensions []string, then func(path string)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			w.showError(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		then(path)
	}, w.win)
	if extensions != nil {
		d.SetFilter(storage.NewExtensionFileFilter(extensions))
	}
	d.SetFileName(name)
	if l := w.lastFolder(); l != nil {
		d.SetLocation(l)
	}
	d.Resize(dialogSize(w.win))
	d.Show()
}

// suggestedName is a file name for saving or exporting the work.
func (w *Window) suggestedName(ext string) string {
	base := w.docs[0].doc().ID
	switch {
	case w.savePath != "":
		base = filepath.Base(w.savePath)
	case w.source != "":
		base = filepath.Base(w.source)
	}
	return strings.TrimSuffix(base, filepath.Ext(base)) + ext
}

// dialogSize is a file dialog's size: most of the window.
func dialogSize(win fyne.Window) fyne.Size {
	sz := win.Canvas().Size()
	return fyne.NewSize(max(sz.Width*0.85, 600), max(sz.Height*0.85, 420))
}

// showError reports err in a dialog.
func (w *Window) showError(err error) {
	dialog.ShowError(err, w.win)
	w.status.message(err.Error())
}

// showOpenError reports why path was not opened: a file with problems
// gets them listed in a dialog of its own (the work open stays open), any
// other error the usual error dialog.
func (w *Window) showOpenError(path string, err error) {
	var problems *export.Problems
	if !errors.As(err, &problems) {
		w.showError(err)
		return
	}
	intro := widget.NewLabel(fmt.Sprintf("%s has %d problem(s), so Gloss did not open it: saving it would write them back. "+
		"Fix them (gloss validate lists them all) and open it again.", filepath.Base(path), problems.Total))
	intro.Wrapping = fyne.TextWrapWord
	// The folder is the same on every line: name the files only.
	list := widget.NewLabel(strings.ReplaceAll(problems.Error(), filepath.Dir(path)+string(filepath.Separator), ""))
	list.TextStyle = fyne.TextStyle{Monospace: true}
	list.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Cannot open "+filepath.Base(path), "Close",
		container.NewBorder(intro, nil, nil, nil, container.NewVScroll(list)), w.win)
	d.SetOnClosed(w.focusView)
	d.Resize(fyne.NewSize(max(w.win.Canvas().Size().Width*0.8, 560), max(w.win.Canvas().Size().Height*0.6, 320)))
	d.Show()
	w.status.message(fmt.Sprintf("Did not open %s: %d problem(s)", filepath.Base(path), problems.Total))
}

// errNoDocuments is reported for an input holding no document.
var errNoDocuments = errors.New("no documents in it")

// fileExists reports whether path names an existing file.
func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}
