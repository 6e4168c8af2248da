// Command gloss is a desktop annotation tool for news text. See README.md.
package main

import (
	"os"

	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"gloss/assets"
)

func main() {
	a := app.NewWithID("org.gloss.Gloss")
	w := a.NewWindow("Gloss")
	w.SetContent(widget.NewLabel(string(assets.Sample)))
	w.ShowAndRun()
	os.Exit(0)
}
