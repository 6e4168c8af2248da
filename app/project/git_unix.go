//go:build unix

package project

import (
	"os/exec"
	"syscall"
)

// detach runs cmd in a session of its own, without a controlling terminal,
// so that neither git nor ssh can open /dev/tty to ask for a password, and
// so that a timeout stops git and every process it started.
func detach(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	cmd.Cancel = func() error {
		// The session's process group has git's pid as its id.
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
