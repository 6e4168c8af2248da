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
var detectOrder = []string{"labelstudio", "hf", "prodigy", "doccano-rel", "doccano", "jsonl", "brat", "conll"}

// byExtension names the format of extensions that say it on their own.
var byExtension = map[string]string{
	".txt":   "text",
	".ann":   "brat",
	".conll": "conll",
}

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
	return nil, fmt.Errorf("%s: cannot tell the format; name it with --from", name)
}

// DetectPath tells the format of a named input: a folder, or a .txt with a
// .ann beside it, is brat's; any other file is told by Detect on its name
// and first 16 KB.
func DetectPath(path string) (*Format, error) {
	if bratPath(path) {
		return Lookup("brat"), nil
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
