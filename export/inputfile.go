package export

import (
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// readInputFile reads one file of a folder input (brat's .txt and .ann)
// as a hostile teammate may have made it: a symbolic link that leads
// outside root (the folder the user named; "" allows any), anything but a
// regular file (a FIFO would block the import for ever, /dev/zero fill
// memory) and a file over max bytes are refused with an error naming the
// file, before anything is read.
func readInputFile(path, root string, max int64) ([]byte, error) {
	if err := checkInputFile(path, root); err != nil {
		return nil, err
	}
	// Non-blocking, so that a FIFO put in place after the check cannot
	// hang the open; the open file is checked again.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(path, st.Mode())
	}
	if st.Size() > max {
		return nil, tooLong(path, 0, fmt.Sprintf("the file (%s)", FormatSize(st.Size())), max)
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max { // it grew while being read
		return nil, tooLong(path, 0, "the file", max)
	}
	return data, nil
}

// checkInputFile refuses path when it is not a regular file, or a
// symbolic link to one inside root.
func checkInputFile(path, root string) error {
	st, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if st.Mode()&iofs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(path)
		if err != nil {
			return &LineError{File: path, Msg: fmt.Sprintf("a symbolic link that leads nowhere (%v)", err)}
		}
		if root != "" && !inside(target, root) {
			return &LineError{File: path, Msg: fmt.Sprintf("a symbolic link to %s, outside %s: not read (copy the file into the folder if it belongs there)", target, root)}
		}
		if st, err = os.Stat(target); err != nil {
			return err
		}
	}
	if !st.Mode().IsRegular() {
		return notRegular(path, st.Mode())
	}
	return nil
}

// inside reports whether the resolved path target lies in the folder root.
func inside(target, root string) bool {
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return false
	}
	if abs, err := filepath.Abs(r); err == nil {
		r = abs
	}
	if abs, err := filepath.Abs(target); err == nil {
		target = abs
	}
	rel, err := filepath.Rel(r, target)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// notRegular is the error for a special file where a text file belongs.
func notRegular(path string, mode iofs.FileMode) error {
	kind := "a special file"
	switch {
	case mode.IsDir():
		kind = "a folder"
	case mode&iofs.ModeNamedPipe != 0:
		kind = "a FIFO (named pipe)"
	case mode&iofs.ModeCharDevice != 0:
		kind = "a character device"
	case mode&iofs.ModeDevice != 0:
		kind = "a device"
	case mode&iofs.ModeSocket != 0:
		kind = "a socket"
	}
	return &LineError{File: path, Msg: kind + ", not a regular file: not read"}
}
