package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"gloss/app/session"
	"gloss/export"
)

// detectFormat is the import format choice that detects the format.
const detectFormat = "Detect from the file"

// nativeFormat is the name of Gloss's own format (export.Lookup's).
const nativeFormat = "jsonl"

// formatChoices lists the formats that can read (or write), "name — what".
func formatChoices(write bool) ([]string, map[string]*export.Format) {
	var names []string
	byChoice := map[string]*export.Format{}
	for _, f := range export.Formats() {
		if write && f.NewWriter == nil && f.WriteDir == nil {
			continue
		}
		if !write && f.NewReader == nil && f.OpenPath == nil {
			continue
		}
		c := f.Name + " — " + f.Description
		names = append(names, c)
		byChoice[c] = f
	}
	return names, byChoice
}

// Import asks for a format and a file, and opens what it holds (after
// asking about unsaved work). The first save of imported work asks where.
func (w *Window) Import() {
	w.afterDiscardCheck("importing", func() {
		names, byChoice := formatChoices(false)
		w.askFormat("Import", "Choose File…", append([]string{detectFormat}, names...), detectFormat, func(choice string, xo export.Options) {
			f := byChoice[choice]
			w.askFile(nil, func(path string) { w.ImportFile(path, f, xo) })
		})
	})
}

// askFormat shows the form of Import and Export: a format among names
// (selected first), the UTF-16 offsets check, and confirm, which calls
// then with the chosen name and the options they make.
func (w *Window) askFormat(title, confirm string, names []string, selected string, then func(choice string, xo export.Options)) {
	format := newKeyedSelect(names)
	format.SetSelected(selected)
	utf16 := widget.NewCheck("Offsets count UTF-16 code units (doccano, INCEpTION)", nil)
	form := dialog.NewForm(title, confirm, "Cancel", []*widget.FormItem{
		widget.NewFormItem("Format", format),
		widget.NewFormItem("", utf16),
	}, func(ok bool) {
		if ok {
			then(format.Selected, export.Options{UTF16: utf16.Checked, Labels: w.labels})
		}
	}, w.win)
	form.Resize(fyne.NewSize(640, 220))
	format.onEnter = form.Submit
	w.showDialog(form, form.Submit)
}

// ImportFile reads path in format f (nil: detect); the work is then
// untitled, so that the first save asks where to write native JSONL.
func (w *Window) ImportFile(path string, f *export.Format, xo export.Options) {
	w.importPath(path, f, xo)
}

// Export asks for a format and a file (a folder for brat) and writes every
// open document there.
func (w *Window) Export() {
	w.note.commit()
	names, byChoice := formatChoices(true)
	selected := names[0]
	for _, n := range names {
		if byChoice[n].Name == nativeFormat {
			selected = n
		}
	}
	w.askFormat("Export", "Choose Where…", names, selected, func(choice string, xo export.Options) {
		f := byChoice[choice]
		if f.WriteDir != nil {
			d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
				if err != nil {
					w.showError(err)
					return
				}
				if l != nil {
					w.ExportTo(filepath.Join(l.Path(), exportName(w.suggestedName(""), f)), f, xo)
				}
			}, w.win)
			d.Resize(dialogSize(w.win))
			d.Show()
			return
		}
		w.askSaveFile(exportName(w.suggestedName(""), f), nil, func(path string) { w.ExportTo(path, f, xo) })
	})
}

// exportName is the name an export of the work called base gets in
// format f: NAME-brat/ for a folder, NAME.conll where the extension tells
// the format, and NAME.FORMAT.jsonl where other formats (the work's own
// file among them) share it, so that an export never looks like the work:
// NAME.doccano.jsonl, NAME.export.jsonl for native.
func exportName(base string, f *export.Format) string {
	if f.WriteDir != nil {
		return base + "-" + f.Name
	}
	ext := f.Extension
	if ext == "" {
		ext = ".txt"
	}
	if f.Name == nativeFormat {
		return base + ".export" + ext
	}
	for _, g := range export.Formats() {
		if g != f && g.Extension == ext {
			return base + "." + f.Name + ext
		}
	}
	return base + ext
}

// workFile reports whether path is a file the open work reads from or
// saves to: an export there would replace the work with another format
// (and pull the file from under the documents not yet read).
func (w *Window) workFile(path string) bool {
	for _, p := range []string{w.s.SavePath(), w.s.Source()} {
		if p != "" && samePath(p, path) {
			return true
		}
	}
	return false
}

// samePath reports whether a and b name the same file: the same absolute
// path, or the same file on disk.
func samePath(a, b string) bool {
	if aa, err := filepath.Abs(a); err == nil {
		if bb, err := filepath.Abs(b); err == nil && aa == bb {
			return true
		}
	}
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// ExportTo writes every open document to path in format f, in the
// background with a progress bar; nothing is written when it fails or is
// cancelled. It never writes over the work's own file: a native export
// there is a save, any other is refused.
func (w *Window) ExportTo(path string, f *export.Format, xo export.Options) {
	if w.workFile(path) {
		if f.Name == nativeFormat && samePath(path, w.s.SavePath()) {
			w.saveTo(w.s.SavePath(), nil)
			return
		}
		w.showError(fmt.Errorf("not exported: %s is the file your work is in, and %s there would replace it. "+
			"Choose another name (%s is suggested)", filepath.Base(path), f.Name, exportName(w.suggestedName(""), f)))
		return
	}
	// The user may edit on while it writes: the export writes a snapshot.
	docs := w.s.Snapshot()
	var warnings []string
	xo.Warn = func(msg string) { warnings = append(warnings, msg) }
	w.runTask("Exporting to "+filepath.Base(path), func(p *session.Progress) error {
		defer docs.Close()
		return exportDocs(path, f, xo, docs, p)
	}, func(err error) {
		switch {
		case errors.Is(err, session.ErrCancelled):
			w.status.message("Export cancelled; nothing was written")
		case err != nil:
			w.showError(err)
		default:
			msg := fmt.Sprintf("Exported %d document(s) to %s (%s)", docs.Len(), path, f.Name)
			if len(warnings) > 0 {
				msg += fmt.Sprintf("; %d warning(s): %s", len(warnings), warnings[0])
			}
			w.status.message(msg)
			w.rememberFolder(path)
		}
	})
}

// exportDocs writes docs to path in format f, atomically: when it fails or
// p is cancelled, nothing appears at path.
func exportDocs(path string, f *export.Format, xo export.Options, docs *session.Snapshot, p *session.Progress) error {
	if f.Columns {
		// CoNLL's columns are decided before writing: a first pass.
		var all []string
		for i := range docs.Len() {
			d, err := docs.Document(i)
			if err != nil {
				return err
			}
			for _, l := range export.LabelsUsed(d) {
				if !slices.Contains(all, l) {
					all = append(all, l)
				}
			}
		}
		xo.Used = all
	}
	writeAll := func(wr export.Writer) error {
		for i := range docs.Len() {
			if p.Cancelled() {
				return session.ErrCancelled
			}
			d, err := docs.Document(i)
			if err != nil {
				return err
			}
			if err := wr.Write(d); err != nil {
				return err
			}
			p.Set(float64(i+1) / float64(docs.Len()))
		}
		return wr.Close()
	}
	if f.WriteDir != nil {
		return export.WriteDirAtomic(path, func(dir string) error { return writeAll(f.WriteDir(dir, xo)) })
	}
	return export.WriteFileAtomic(path, func(out io.Writer) error { return writeAll(f.NewWriter(out, xo)) })
}
