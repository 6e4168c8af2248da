package app

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// probeEnv names a file that Run, when it is set, writes the user
// interface's responsiveness to: every second, the longest time a
// function posted with fyne.Do waited to run on the UI goroutine in that
// second (a long frame or a long handler shows as a long wait). It is how
// docs/performance.md measures that a save does not stall the window.
const probeEnv = "GLOSS_UI_PROBE"

// startProbe measures until stop is closed.
func startProbe(path string, stop chan struct{}) {
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gloss:", err)
		return
	}
	go func() {
		defer f.Close()
		var worst atomic.Int64 // nanoseconds, this second
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		second := time.Now()
		for {
			select {
			case <-stop:
				return
			case now := <-tick.C:
				fyne.Do(func() {
					if d := int64(time.Since(now)); d > worst.Load() {
						worst.Store(d)
					}
				})
				if now.Sub(second) >= time.Second {
					fmt.Fprintf(f, "%s %.1f\n", now.Format("15:04:05.000"), float64(worst.Swap(0))/1e6)
					second = now
				}
			}
		}
	}()
}
