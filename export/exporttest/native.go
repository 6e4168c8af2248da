// Package exporttest holds what tests across Gloss need of the codecs: one
// reader of a native file that fails the test on any problem.
package exporttest

import (
	"os"
	"testing"

	"gloss/annotate"
	"gloss/export"
)

// ReadNative reads every document of the native file at path; any problem
// (no file, a bad line) fails the test.
func ReadNative(t testing.TB, path string) []*annotate.Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, err := export.ReadAll(export.NewNativeReader(f, path, export.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}
