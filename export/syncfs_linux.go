//go:build linux && (amd64 || arm64)

package export

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
)

// sysSyncfs is syncfs(2)'s number on this architecture (the syscall
// package names it on arm64 only; this file builds for amd64 and arm64).
func sysSyncfs() uintptr {
	if runtime.GOARCH == "arm64" {
		return 267
	}
	return 306
}

// openFSSync opens dir, to make everything written under it durable with
// one syncfs(2) of its file system afterwards (syncFS), or returns nil
// when the files must be synced one by one (syncFiles).
//
// One syncfs is as safe as an fsync of every file: it writes every dirty
// page and inode of the file system, the folder's entries included (which
// fsyncs of its files do not), and returns the error of any writeback
// that failed on that file system since dir was opened (Linux 5.8 and
// later; earlier kernels may return success after a failed writeback, so
// there each file is synced as before). dir is opened before the files
// are written, so that no failure among them goes unreported. It is much
// faster for a folder of many small files: each fsync waits for a journal
// commit of its own, while syncfs commits once (docs/performance.md:
// brat and WebAnno).
func openFSSync(dir string) *os.File {
	if !syncfsReportsErrors() {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	return d
}

// syncFS syncs the file system that holds d (see openFSSync).
func syncFS(d *os.File) error {
	if _, _, errno := syscall.Syscall(sysSyncfs(), d.Fd(), 0, 0); errno != 0 {
		return &os.PathError{Op: "syncfs", Path: d.Name(), Err: errno}
	}
	return nil
}

// syncfsReportsErrors reports whether the running kernel is Linux 5.8 or
// later, whose syncfs returns writeback errors.
func syncfsReportsErrors() bool {
	var u syscall.Utsname
	if syscall.Uname(&u) != nil {
		return false
	}
	var b strings.Builder
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		b.WriteByte(byte(c))
	}
	return kernelAtLeast(b.String(), 5, 8)
}

// kernelAtLeast reports whether a kernel release ("6.18.44-fc") is at
// least major.minor.
func kernelAtLeast(release string, major, minor int) bool {
	parts := strings.SplitN(release, ".", 3)
	if len(parts) < 2 {
		return false
	}
	ma, err1 := strconv.Atoi(parts[0])
	minorDigits := parts[1]
	if i := strings.IndexFunc(minorDigits, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		minorDigits = minorDigits[:i] // "8-rc1"
	}
	mi, err2 := strconv.Atoi(minorDigits)
	if err1 != nil || err2 != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}
