package export

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// WriteDirAtomic fills the folder dir through write, which gets a fresh
// temporary folder beside dir to write into. Nothing appears at dir unless
// write succeeds: on failure the temporary folder is removed and dir is
// left as it was. When dir does not exist the finished folder is renamed
// into place in one step; when it does, each written file is renamed over
// its namesake (each one atomically) and other files there are left alone.
func WriteDirAtomic(dir string, write func(tmp string) error) (err error) {
	exists := false
	if st, statErr := os.Stat(dir); statErr == nil {
		if !st.IsDir() {
			return fmt.Errorf("%s exists and is not a folder", dir)
		}
		exists = true
	}
	clean := filepath.Clean(dir)
	prefix := "." + filepath.Base(clean) + "."
	RemoveStale(filepath.Dir(clean), prefix, ".tmp") // a killed export's
	tmp, untrack, err := MkdirTemp(filepath.Dir(clean), TempPattern(prefix, ".tmp"))
	if err != nil {
		return fmt.Errorf("save %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp) // a no-op once tmp has been renamed to dir
	defer untrack()
	// Opened before the files are written (see openFSSync).
	fsDir := openFSSync(tmp)
	if fsDir != nil {
		defer fsDir.Close()
	}
	if err := write(tmp); err != nil {
		return err
	}
	entries, err := os.ReadDir(tmp)
	switch {
	case err != nil:
	case fsDir != nil:
		err = syncFS(fsDir)
	default:
		err = syncFiles(tmp, entries)
	}
	if err != nil {
		return fmt.Errorf("save %s: %w", dir, err)
	}
	if !exists {
		if err := os.Chmod(tmp, 0o755); err != nil {
			return fmt.Errorf("save %s: %w", dir, err)
		}
		if err := commitTemp(func() error { return os.Rename(tmp, dir) }); err != nil {
			return fmt.Errorf("save %s: %w", dir, err)
		}
		return nil
	}
	return commitTemp(func() error {
		for _, e := range entries {
			if err := os.Rename(filepath.Join(tmp, e.Name()), filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("save %s: %w", dir, err)
			}
		}
		return nil
	})
}

// syncers is how many files syncFiles syncs at once. One after another,
// each fsync waits for a journal commit of its own (an export of 100,000
// brat documents spent two minutes there); at the same time, the file
// system commits them together.
const syncers = 16

// syncFiles fsyncs the files entries of dir, several at once, and returns
// the first error.
func syncFiles(dir string, entries []os.DirEntry) error {
	next := make(chan string)
	errs := make(chan error, syncers)
	var wg sync.WaitGroup
	for range syncers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var first error
			for path := range next {
				if err := syncFile(path); err != nil && first == nil {
					first = err
				}
			}
			errs <- first
		}()
	}
	for _, e := range entries {
		next <- filepath.Join(dir, e.Name())
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
