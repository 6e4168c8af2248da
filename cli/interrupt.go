package cli

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"gloss/export"
)

// HandleInterrupts makes Ctrl+C (SIGINT) and SIGTERM end the process
// without leaving a write's temporary files behind: a half-written
// .NAME.PID-N.tmp of hundreds of MB, a brat export's temporary folder, a
// spool in $TMPDIR. The target of a write is never touched (it is renamed
// over only when whole), so nothing is lost; the exit status is 128 plus
// the signal's number, as a shell reports a death by that signal. main
// calls it once; tests leave it alone.
//
// While the desktop app runs, signals are Fyne's: its driver quits the
// app as File → Quit does, so that a save under way finishes and deferred
// clean-ups run; removing a save's temporary file under it would only
// spoil the save.
func HandleInterrupts(stderr io.Writer) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		var sig os.Signal
		for sig = range ch {
			if !appRunning.Load() {
				break
			}
		}
		n := export.RemoveTemps()
		fmt.Fprintf(stderr, "gloss: stopped by %v; removed %d unfinished temporary file(s) (files being written keep their old contents)\n", sig, n)
		code := 1
		if s, ok := sig.(syscall.Signal); ok {
			code = 128 + int(s)
		}
		os.Exit(code)
	}()
}

// appRunning is set while the desktop app runs (see HandleInterrupts).
var appRunning atomic.Bool
