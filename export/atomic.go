package export

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gloss/annotate"
)

// fileSystem is the set of file operations an atomic save performs, so that
// tests can make each one fail in turn.
type fileSystem struct {
	createTemp func(dir, pattern string) (*os.File, error)
	write      func(f *os.File, p []byte) (int, error)
	sync       func(f *os.File) error
	close      func(f *os.File) error
	rename     func(from, to string) error
}

var osFS = fileSystem{
	createTemp: os.CreateTemp,
	write:      (*os.File).Write,
	sync:       (*os.File).Sync,
	close:      (*os.File).Close,
	rename:     os.Rename,
}

// fs is the file system WriteFileAtomic uses; tests replace it.
var fs = osFS

// fsWriter writes to the temporary file of an atomic save. Every
// writebackEvery bytes it asks the kernel to start writing what came
// before to disk (startWriteback), so that the disk works while the
// writer computes and the final fsync waits only for the last stretch
// rather than for the whole file: an export of 200 MB spent a third of
// its time in that fsync.
type fsWriter struct {
	f       *os.File
	written int64 // bytes written so far
	queued  int64 // bytes handed to startWriteback so far
}

const writebackEvery = 8 << 20

func (w *fsWriter) Write(p []byte) (int, error) {
	n, err := fs.write(w.f, p)
	w.written += int64(n)
	if w.written-w.queued >= writebackEvery {
		startWriteback(w.f, w.queued, w.written-w.queued)
		w.queued = w.written
	}
	return n, err
}

// WriteFileAtomic writes a file through write so that the file at path is
// either the old one, whole, or the new one, whole: it writes a temporary
// file in the same folder, syncs it to disk, and renames it over path. When
// write or any step fails, the temporary file is removed and path is left
// as it was. A new file gets mode 0644; an existing one keeps its mode.
func WriteFileAtomic(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	prefix := "." + filepath.Base(path) + "."
	RemoveStale(dir, prefix, ".tmp") // a killed save's
	var tmp *os.File
	untrack, err := NewTemp(func() (_ string, err error) {
		tmp, err = fs.createTemp(dir, TempPattern(prefix, ".tmp"))
		if err != nil {
			return "", err
		}
		return tmp.Name(), nil
	})
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer untrack()
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				tmp.Close()
			}
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(&fsWriter{f: tmp}, 256<<10)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	mode := os.FileMode(0o644)
	if st, statErr := os.Stat(path); statErr == nil {
		mode = st.Mode().Perm()
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = fs.sync(tmp); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	closed = true
	if err = fs.close(tmp); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err = commitTemp(func() error { return fs.rename(tmp.Name(), path) }); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	// Make the rename itself durable; a failure here cannot undo it, and
	// some file systems do not support syncing a folder.
	if d, dirErr := os.Open(dir); dirErr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// SaveNative writes documents to path as native JSONL, atomically.
func SaveNative(path string, docs ...*annotate.Document) error {
	return WriteFileAtomic(path, func(w io.Writer) error {
		nw := NewNativeWriter(w, Options{})
		for _, d := range docs {
			if err := nw.Write(d); err != nil {
				return err
			}
		}
		return nw.Close()
	})
}

// ReadAll reads every document of r, stopping at the first error.
func ReadAll(r Reader) ([]*annotate.Document, error) {
	var docs []*annotate.Document
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, d)
	}
}
