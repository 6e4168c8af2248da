//go:build !unix

package suggest

// cpuSeconds is unknown here; the benchmark then reports only MB/s.
func cpuSeconds() float64 { return 0 }
