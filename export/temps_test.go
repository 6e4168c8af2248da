package export

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestNewTemp: the temporary is made under the lock RemoveTemps takes (so
// that an interrupt cannot fall between making it and recording it), is
// recorded until done, and a failed create records nothing.
func TestNewTemp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spool")
	done, err := NewTemp(func() (string, error) {
		if temps.TryLock() {
			temps.Unlock()
			t.Error("create ran without the lock: an interrupt could come between making and recording")
		}
		return path, os.WriteFile(path, nil, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	inUse := func(p string) bool {
		temps.Lock()
		defer temps.Unlock()
		return temps.paths[p]
	}
	if !inUse(path) {
		t.Errorf("%s not recorded as in use", path)
	}
	done()
	if inUse(path) {
		t.Errorf("%s still recorded after done", path)
	}
	boom := errors.New("disk full")
	done, err = NewTemp(func() (string, error) { return "", boom })
	if !errors.Is(err, boom) || inUse("") {
		t.Errorf("failed create: err %v, recorded %v", err, inUse(""))
	}
	done() // a no-op, and no panic
}
