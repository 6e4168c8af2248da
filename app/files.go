package app

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/app/savework"
	"gloss/app/session"
	"gloss/assets"
	"gloss/export"
)

// startSpec is what the command line asks to open: the files, or the
// sample article, saving to -o OUT.
func startSpec(opt Options) session.Spec {
	return session.Spec{Paths: opt.Files, Documents: []*annotate.Document{sampleDocument()}, SaveTo: saveTarget(opt),
		Options: export.Options{Labels: opt.Labels}}
}

// sampleDocument is the bundled sample article.
func sampleDocument() *annotate.Document {
	return &annotate.Document{ID: export.DocumentID(assets.SampleName), Text: string(assets.Sample)}
}

// saveTarget is the -o path, or "" when there is none ("-" is standard
// output, which means nothing to a window).
func saveTarget(opt Options) string {
	if opt.Out == "-" {
		return ""
	}
	return opt.Out
}

// OpenPath opens a file or folder, replacing the work open now (the caller
// has asked about unsaved changes). It reads in the background with a
// progress bar; tests wait with WaitTasks.
func (w *Window) OpenPath(path string) { w.importPath(path, nil, export.Options{Labels: w.labels}) }

// importPath reads path in format f (nil: detect) and opens what it holds.
func (w *Window) importPath(path string, f *export.Format, xo export.Options) {
	var warnings atomic.Int32
	xo.Warn = func(string) { warnings.Add(1) }
	var work *session.Work
	w.runTask("Opening "+filepath.Base(path), func(p *session.Progress) error {
		var err error
		work, err = session.Read(session.Spec{Paths: []string{path}, Format: f, Options: xo}, p)
		return err
	}, func(err error) {
		if err != nil {
			if !errors.Is(err, session.ErrCancelled) {
				w.showOpenError(path, err)
			}
			return
		}
		if err := w.s.Start(work); err != nil {
			w.showError(err)
			return
		}
		w.prefs.addRecent(path)
		w.rememberFolder(path)
		w.refreshMenus()
		msg := fmt.Sprintf("Opened %s: %d document(s)", filepath.Base(path), work.Len())
		if listing, _ := w.s.Listing(); listing {
			msg = fmt.Sprintf("Opened %s: listing its documents", filepath.Base(path))
		}
		if work.Format != nil {
			msg += " (" + work.Format.Name + ")"
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

// Save writes every document to the save path as native JSONL, asking
// for a path first when there is none.
func (w *Window) Save() { w.saveThen(nil) }

// saveThen saves, then runs then (if not nil) when the save succeeded.
func (w *Window) saveThen(then func()) {
	w.note.commit()
	if w.s.SavePath() == "" {
		w.saveAsThen(then)
		return
	}
	w.saveTo(w.s.SavePath(), then)
}

// SaveTo writes every document to path as native JSONL, in the background
// (see session.SaveTo), and makes path the save path.
func (w *Window) SaveTo(path string) { w.saveTo(path, nil) }

// saveTo saves to path, then runs then (if not nil) when the save
// succeeded.
func (w *Window) saveTo(path string, then func()) {
	w.note.commit()
	w.status.message("Saving " + path + "…")
	w.s.SaveTo(path, func(err error) {
		if err != nil {
			w.showError(err)
			return
		}
		w.prefs.addRecent(path)
		w.rememberFolder(path)
		w.status.message("Saved " + path)
		if then != nil {
			then()
		}
	})
}

// SaveAs asks where to save, then saves there.
func (w *Window) SaveAs() { w.saveAsThen(nil) }

func (w *Window) saveAsThen(then func()) {
	w.askSaveFile(w.suggestedName(".jsonl"), []string{".jsonl"}, func(path string) {
		if filepath.Ext(path) == "" {
			path += ".jsonl"
		}
		w.saveTo(path, then)
	})
}

// askSaveFile shows the file-save dialog at the last folder with a
// suggested name, filtered by extensions (nil: every file), and calls then
// with the chosen path.
func (w *Window) askSaveFile(name string, extensions []string, then func(path string)) {
	savework.AskSavePath(w.win, name, extensions, w.lastFolder(), then, w.showError)
}

// suggestedName is a file name for saving or exporting the work.
func (w *Window) suggestedName(ext string) string { return w.s.SuggestedName(ext) }

// dialogSize is a file dialog's size: most of the window.
func dialogSize(win fyne.Window) fyne.Size { return savework.DialogSize(win) }

// showError reports err in a dialog.
func (w *Window) showError(err error) {
	w.showDialog(dialog.NewError(err, w.win), nil)
	w.status.message(err.Error())
}

// showOpenError reports why path was not opened: a file with problems
// gets them listed in a dialog of its own (the work open stays open), any
// other error the usual error dialog.
func (w *Window) showOpenError(path string, err error) {
	var problems *export.Problems
	if !errors.As(err, &problems) {
		w.showError(openError(path, err))
		return
	}
	w.showProblems("Cannot open "+filepath.Base(path), path, problems,
		fmt.Sprintf("%s has %d problem(s), so Gloss did not open it: saving it would write them back. "+
			"Fix them (gloss validate lists them all) and open it again.", filepath.Base(path), problems.Total))
	w.status.message(fmt.Sprintf("Did not open %s: %d problem(s)", filepath.Base(path), problems.Total))
}

// openError says in the window's words why path did not open: the
// command line's ("name it with --from", "stat …: no such file") mean
// nothing in a dialog.
func openError(path string, err error) error {
	name := filepath.Base(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s is not there any more: was it moved or deleted?", name)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("Gloss may not read %s: its permissions do not let you", name)
	case !errors.Is(err, export.ErrUnknownFormat):
		return err
	}
	switch head := fileHead(path); {
	case len(head) == 0:
		return fmt.Errorf("%s is an empty file: there is nothing in it to annotate", name)
	case !utf8.Valid(head[:utf8Prefix(head)]) || bytes.IndexByte(head, 0) >= 0:
		return fmt.Errorf("%s is not a file Gloss can read: it is not text. Gloss opens text and the formats File → Import… lists", name)
	}
	return fmt.Errorf("%s is not a file Gloss can read as it is: try File → Import… and choose its format", name)
}

// fileHead is the first 4 KB of the file at path (nil when it cannot be
// read).
func fileHead(path string) []byte {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(f, buf)
	return buf[:n]
}

// utf8Prefix is the length of b without a code point cut off at its end
// (a file's first 4 KB may end inside one).
func utf8Prefix(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

// showReadOnly reports the problems that the check pass found in the
// work's files after they opened: the work is read-only.
func (w *Window) showReadOnly(err error) {
	var problems *export.Problems
	if !errors.As(err, &problems) {
		w.showError(err)
		return
	}
	path := problems.File
	w.showProblems("Problems in "+filepath.Base(path), path, problems,
		fmt.Sprintf("%s has %d problem(s), found while it was open, so Gloss made it read-only: saving it would write them back. "+
			"Fix them (gloss validate lists them all) and open it again; edits made before are offered back then.", filepath.Base(path), problems.Total))
	w.status.message(fmt.Sprintf("%s is read-only: %d problem(s)", filepath.Base(path), problems.Total))
}

// showProblems lists problems of the file at path in a dialog titled
// title, under intro.
func (w *Window) showProblems(title, path string, problems *export.Problems, intro string) {
	head := widget.NewLabel(intro)
	head.Wrapping = fyne.TextWrapWord
	// The folder is the same on every line: name the files only.
	list := widget.NewLabel(strings.ReplaceAll(problems.Error(), filepath.Dir(path)+string(filepath.Separator), ""))
	list.TextStyle = fyne.TextStyle{Monospace: true}
	list.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "Close", container.NewBorder(head, nil, nil, nil, container.NewVScroll(list)), w.win)
	d.SetOnClosed(w.focusView)
	d.Resize(fyne.NewSize(max(w.win.Canvas().Size().Width*0.8, 560), max(w.win.Canvas().Size().Height*0.6, 320)))
	w.showDialog(d, nil)
}
