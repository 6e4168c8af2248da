// Package app is Gloss's desktop user interface: the main window, its
// document view, label bar, span list and dialogs. It never imports
// fyne.io/fyne/v2/app (main does), so that it tests headless.
package app

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/assets"
	"gloss/export"
)

// Options is what the app opens with (see cli.AppOptions).
type Options struct {
	Annotator  string
	Labels     *annotate.LabelSet
	LabelsFile string
	Out        string
	Files      []string
	Review     bool
}

// Run opens the main window on the files of opt (the bundled sample
// article when there are none) and returns when the app quits.
func Run(a fyne.App, opt Options) error {
	doc, err := firstDocument(opt.Files)
	if err != nil {
		return err
	}
	w := a.NewWindow("Gloss")
	text := widget.NewLabel(doc.Text)
	text.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewVScroll(text))
	w.Resize(fyne.NewSize(1000, 700))
	w.ShowAndRun()
	return nil
}

// firstDocument loads the first document to show.
func firstDocument(files []string) (*annotate.Document, error) {
	if len(files) == 0 {
		return &annotate.Document{ID: export.DocumentID(assets.SampleName), Text: string(assets.Sample)}, nil
	}
	f, err := os.Open(files[0])
	if err != nil {
		return nil, err
	}
	defer f.Close()
	format, err := export.Detect(files[0], nil)
	if err != nil {
		format = export.Lookup("jsonl")
	}
	d, err := format.NewReader(f, files[0], export.Options{}).Next()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", files[0], err)
	}
	return d, nil
}
