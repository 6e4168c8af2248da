package export

import (
	"fmt"
	"path/filepath"
	"strings"
)

// detectOrder is the order in which content sniffers are tried: the most
// specific shapes first.
var detectOrder = []string{"labelstudio", "prodigy", "doccano-rel", "doccano", "jsonl", "conll"}

// byExtension names the format of extensions that say it on their own.
var byExtension = map[string]string{
	".txt":   "text",
	".ann":   "brat",
	".conll": "conll",
}

// Detect tells the format of a file from its name and its first bytes.
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
