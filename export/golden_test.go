package export

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
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
