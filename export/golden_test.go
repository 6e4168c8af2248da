package export

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gloss/annotate"
)

// update rewrites the golden files of the tests that compare output with
// testdata: go test ./export -run NAME -update. Look at the diff before
// committing it.
var update = flag.Bool("update", false, "rewrite golden files in testdata")

// golden compares got with the file at path (under testdata/), or writes
// it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	path = filepath.Join("testdata", path)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update to rewrite it):\n got: %s\nwant: %s", path, got, want)
	}
}

// TestEveryFormatGolden pins every writer's bytes on roundTripDocs (emoji,
// combining accents, CJK, CRLF, nested, noted, suggested and rejected
// spans, relations, meta), in code points and in UTF-16 where the format
// has offsets: speed work on a writer must not change a byte. A folder
// format's files are joined in name order, each after a "=== NAME" line.
func TestEveryFormatGolden(t *testing.T) {
	docs := roundTripDocs()
	docs[0].Choices = map[string][]string{"stance": {"against"}, "topic": {"economy", "war"}}
	for _, f := range Formats() {
		if f.NewWriter == nil && f.WriteDir == nil {
			continue
		}
		for _, utf16 := range []bool{false, true} {
			name := f.Name + f.Extension
			if utf16 {
				if !hasOffsets[f.Name] {
					continue
				}
				name = f.Name + ".utf16" + f.Extension
			}
			t.Run(name, func(t *testing.T) {
				opt := Options{UTF16: utf16, Warn: func(string) {}, Used: LabelsUsed(docs...)}
				golden(t, "golden/"+name, writeNamed(t, f, docs, opt))
			})
		}
	}
}

// hasOffsets names the formats that --offsets utf16 applies to.
var hasOffsets = map[string]bool{"jsonl": true, "doccano": true, "doccano-rel": true, "prodigy": true, "labelstudio": true, "brat": true}

// writeNamed writes docs in format f; a folder format's files are joined
// in name order, each after a "=== NAME" line.
func writeNamed(t *testing.T, f *Format, docs []*annotate.Document, opt Options) []byte {
	t.Helper()
	if f.WriteDir == nil {
		return writeAll(t, f, docs, opt)
	}
	dir := writeDir(t, f, docs, opt)
	var buf bytes.Buffer
	err := filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(&buf, "=== %s\n%s", filepath.ToSlash(rel), data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
