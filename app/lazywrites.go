package app

import (
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
)

// Fyne's file-save dialog opens the chosen file for writing before it
// hands it over: once the user says yes to "Overwrite?", the file is
// already truncated (os.Create). Gloss only wants the path — its saves
// and exports write a temporary file and rename it — so an export aimed
// at the work file by mistake, or a save that fails, would have lost the
// file anyway. lazyWrites replaces the "file" repository with one whose
// writers open (and truncate) the file only at their first Write: the
// dialog's writer, closed unused, leaves the file as it was.

// fileRepository is everything Fyne's own file repository is.
type fileRepository interface {
	repository.AppendableRepository
	repository.DeleteAllRepository
	repository.ListableRepository
	repository.HierarchicalRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// lazyWrites is the file repository with writers that open on first
// write.
type lazyWrites struct{ fileRepository }

// useLazyWrites puts lazyWrites in place of the "file" repository (once:
// a second window keeps the first's).
func useLazyWrites() {
	r, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := r.(lazyWrites); done {
		return
	}
	if fr, ok := r.(fileRepository); ok {
		repository.Register("file", lazyWrites{fr})
	}
}

// Writer implements repository.WritableRepository: the file is created
// (truncated) at the first Write, not now.
func (r lazyWrites) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &lazyWriter{uri: u}, nil
}

// lazyWriter writes to a file it opens at the first Write.
type lazyWriter struct {
	uri  fyne.URI
	once sync.Once
	f    *os.File
	err  error
}

var _ fyne.URIWriteCloser = (*lazyWriter)(nil)

// Write implements io.Writer.
func (w *lazyWriter) Write(p []byte) (int, error) {
	w.once.Do(func() { w.f, w.err = os.Create(w.uri.Path()) })
	if w.err != nil {
		return 0, w.err
	}
	return w.f.Write(p)
}

// Close implements io.Closer; a writer never written to leaves the file
// untouched.
func (w *lazyWriter) Close() error {
	if w.f == nil {
		return nil
	}
	return w.f.Close()
}

// URI implements fyne.URIWriteCloser.
func (w *lazyWriter) URI() fyne.URI { return w.uri }
