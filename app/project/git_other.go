//go:build !unix

package project

import "os/exec"

// detach does nothing where there are no Unix sessions: GIT_TERMINAL_PROMPT
// and the closed standard input keep git from asking.
func detach(cmd *exec.Cmd) {}
