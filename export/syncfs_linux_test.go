//go:build linux && (amd64 || arm64)

package export

import (
	"os"
	"path/filepath"
	"testing"
)

func TestKernelAtLeast(t *testing.T) {
	for _, tt := range []struct {
		release string
		want    bool
	}{
		{"6.18.44-fc-v1098", true},
		{"5.8.0", true},
		{"5.10.0-28-amd64", true},
		{"5.7.19", false},
		{"4.19.0-arch1", false},
		{"5.8-rc1", true},
		{"5", false},
		{"", false},
		{"x.y", false},
	} {
		if got := kernelAtLeast(tt.release, 5, 8); got != tt.want {
			t.Errorf("kernelAtLeast(%q, 5, 8) = %v, want %v", tt.release, got, tt.want)
		}
	}
}

// TestSyncFS: the folder opened before its files are written is synced
// with one syncfs, without error on a healthy disk.
func TestSyncFS(t *testing.T) {
	dir := t.TempDir()
	d := openFSSync(dir)
	if d == nil {
		t.Skip("kernel older than 5.8: files are synced one by one")
	}
	defer d.Close()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syncFS(d); err != nil {
		t.Fatal(err)
	}
}
