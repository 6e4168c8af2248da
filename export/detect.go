package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// detectOrder is the order in which content sniffers are tried: the most
// specific shapes first.
var detectOrder = []string{"webanno", "labelstudio", "hf", "prodigy", "doccano-rel", "doccano", "jsonl", "brat", "conll"}

// byExtension names the format of extensions that say it on their own.
var byExtension = map[string]string{
	".txt":   "text",
	".ann":   "brat",
	".conll": "conll",
}

// ErrUnknownFormat is what Detect returns (wrapped, with the file's name)
// when neither the name nor the content tells the format.
var ErrUnknownFormat = errors.New("cannot tell the format")

// Detect tells the format of a file from its name and its first bytes.
// Callers check for folders first: a folder is brat's (see DetectPath).
func Detect(name string, head []byte) (*Format, error) {
	if f := Lookup(byExtension[strings.ToLower(filepath.Ext(name))]); f != nil {
		return f, nil
	}
	for _, n := range detectOrder {
		if f := Lookup(n); f != nil && f.Sniff != nil && f.Sniff(head) {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%s: %w; name it with --from", name, ErrUnknownFormat)
}

// DetectPath tells the format of a named input: a folder, or a .txt with a
// .ann beside it, is brat's; any other file is told by Detect on its name
// and first 16 KB.
func DetectPath(path string) (*Format, error) {
	if f := folderFormat(path); f != nil {
		return f, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 16<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return Detect(path, head[:n])
}

// folderFormat tells the format of a path without reading a file: a
// folder of .tsv files and no .ann is WebAnno's; any other folder, or a
// .txt with a .ann beside it, brat's. It returns nil for other files.
func folderFormat(path string) *Format {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		tsv, _ := filepath.Glob(filepath.Join(path, "*.tsv"))
		ann, _ := filepath.Glob(filepath.Join(path, "*.ann"))
		if len(tsv) > 0 && len(ann) == 0 {
			return Lookup("webanno")
		}
	}
	if bratPath(path) {
		return Lookup("brat")
	}
	return nil
}
