//go:build linux && (amd64 || arm64)

// sync_file_range takes two 64-bit arguments, which 32-bit platforms pass
// in register pairs (and ppc64 in another order): only these two are
// known to pass them as written here.

package export

import (
	"os"
	"syscall"
)

// startWriteback asks Linux to start writing n bytes of f from off to disk
// without waiting for them (sync_file_range with SYNC_FILE_RANGE_WRITE).
// It is a hint: durability still comes from the fsync at the end, so its
// error is ignored.
func startWriteback(f *os.File, off, n int64) {
	const syncFileRangeWrite = 2 // SYNC_FILE_RANGE_WRITE
	syscall.Syscall6(syscall.SYS_SYNC_FILE_RANGE, f.Fd(), uintptr(off), uintptr(n), syncFileRangeWrite, 0, 0)
}
