//go:build unix

package suggest

import "syscall"

// cpuSeconds is the processor time (user and system) the process has used,
// so that the benchmark can report throughput independent of how busy a
// shared machine is.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
