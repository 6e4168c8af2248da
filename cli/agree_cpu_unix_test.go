//go:build unix

package cli

import (
	"syscall"
	"time"
)

// agreeProcessCPU is the CPU time the process has used (user + system). The
// benchmarks report it per operation as well as wall time: on a shared,
// loaded machine wall time measures the neighbours too.
func agreeProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
