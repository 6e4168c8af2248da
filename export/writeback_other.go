//go:build !(linux && (amd64 || arm64))

package export

import "os"

// startWriteback does nothing where there is no sync_file_range: the
// fsync at the end of an atomic save writes everything.
func startWriteback(f *os.File, off, n int64) {}

// openFSSync returns nil where there is no syncfs: each file of a folder
// is synced on its own (syncFiles).
func openFSSync(dir string) *os.File { return nil }

// syncFS is never called where openFSSync returns nil.
func syncFS(d *os.File) error { return nil }
