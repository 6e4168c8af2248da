//go:build !unix

package cli

import "time"

// agreeProcessCPU is not measured on this system.
func agreeProcessCPU() time.Duration { return 0 }
