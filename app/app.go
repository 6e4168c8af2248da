// Package app is Gloss's desktop user interface: the main window with its
// document view, label bar, span list, note editor, find bar, document list
// and dialogs. It never imports fyne.io/fyne/v2/app (main does), so that it
// tests headless.
package app

import (
	"os"
	"runtime/debug"

	"fyne.io/fyne/v2"

	"gloss/annotate"
	"gloss/app/review"
	"gloss/assets"
)

// Options is what the app opens with (see cli.AppOptions, which converts to
// it: the two must keep the same fields).
type Options struct {
	Annotator  string
	Labels     *annotate.LabelSet
	LabelsFile string
	Out        string
	Files      []string
	Review     bool
	// Project is a project folder to open as its annotator (or, for a
	// reviewer who annotates none of it, to review).
	Project string
}

// Run opens the main window on the files of opt (the bundled sample
// article when there are none) and returns when the app quits.
func Run(a fyne.App, opt Options) error {
	limitHeap()
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if opt.Review {
		return runReview(a, opt)
	}
	if opt.Project != "" {
		if reviewer, err := reviewsOnly(a, opt); err != nil || reviewer {
			if err != nil {
				return err
			}
			return runProjectReview(a, opt)
		}
	}
	win := a.NewWindow("Gloss")
	win.SetMaster()
	w, err := New(a, win, opt)
	if err != nil {
		return err
	}
	stop := make(chan struct{})
	defer close(stop)
	if path := os.Getenv(probeEnv); path != "" {
		startProbe(path, stop)
	}
	w.OfferRecovery()
	win.ShowAndRun()
	return nil
}

// heapLimit is the Go heap the app aims to stay under (a soft limit:
// debug.SetMemoryLimit). What it keeps of a corpus of a million documents
// is about 90 MB (160 MB while a save runs, see docs/performance.md), but
// the check pass parses every document once, and with Go's default pacing
// the heap grew to twice what was live: 650 MB resident. Under the limit
// the collector runs sooner instead.
const heapLimit = 320 << 20

// limitHeap sets heapLimit, unless GOMEMLIMIT says otherwise.
func limitHeap() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(heapLimit)
	}
}

// runReview opens the review screen alone, as `gloss review` asks: the
// files of opt compared, the gold saved to opt.Out.
func runReview(a fyne.App, opt Options) error {
	useLazyWrites() // the gold's Save As dialog: see lazywrites.go
	if t := a.Preferences().String(prefTheme); t != "" {
		applyTheme(a, t)
	}
	win, err := review.NewWindow(a, opt.Files, opt.Out, opt.Labels)
	if err != nil {
		return err
	}
	win.SetMaster()
	win.ShowAndRun()
	return nil
}
