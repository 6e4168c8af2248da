//go:build unix

package export

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this pid runs (or may: one
// of another user's that we may not signal counts as running).
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
