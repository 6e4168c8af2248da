package export

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Open opens the file or folder at path for reading in format f, or in the
// format Detect (or DetectPath, for a folder) finds when f is nil; it
// returns the format used. Formats with OpenPath (brat) open the path
// themselves; a .txt with a .ann beside it is read as brat. The command line and the app both import through it. Call
// close when done reading.
func Open(path string, f *Format, opt Options) (r Reader, used *Format, close func() error, err error) {
	nop := func() error { return nil }
	if f == nil {
		f = folderFormat(path)
	}
	if f != nil && f.OpenPath != nil {
		r, err := f.OpenPath(path, opt)
		return r, f, nop, err
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	br := bufio.NewReaderSize(file, 64<<10)
	if f == nil {
		head, _ := br.Peek(16 << 10)
		if f, err = Detect(path, head); err != nil {
			file.Close()
			return nil, nil, nil, err
		}
		if f.OpenPath != nil {
			file.Close()
			r, err := f.OpenPath(path, opt)
			return r, f, nop, err
		}
	}
	return f.NewReader(br, path, opt), f, file.Close, nil
}

// bratPath reports whether path is brat's without looking inside: a
// folder, or a .txt with a .ann beside it.
func bratPath(path string) bool {
	st, err := os.Stat(path)
	if err != nil {
		return false
	}
	if st.IsDir() {
		return true
	}
	if filepath.Ext(path) != ".txt" {
		return false
	}
	_, err = os.Stat(strings.TrimSuffix(path, ".txt") + ".ann")
	return err == nil
}

// OpenReader reads an already open stream in format f, or in the format
// its first bytes say when f is nil; name is for messages and detection.
// Formats that need a path (brat) read files beside name.
func OpenReader(in io.Reader, name string, f *Format, opt Options) (Reader, *Format, error) {
	br := bufio.NewReaderSize(in, 64<<10)
	if f == nil {
		head, _ := br.Peek(16 << 10)
		var err error
		if f, err = Detect(name, head); err != nil {
			return nil, nil, err
		}
	}
	return f.NewReader(br, name, opt), f, nil
}
