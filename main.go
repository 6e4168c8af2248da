// Command gloss is a desktop annotation tool for news text: label spans
// ACTOR, CLAIM or QUOTE, link quotes to their speakers, export datasets and
// review teammates' files. See README.md.
package main

import (
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"gloss/app"
	_ "gloss/app/posixlocale" // before Fyne reads the locale
	"gloss/cli"
)

// appID names Gloss to Fyne (preferences, desktop entry).
const appID = "org.gloss.Gloss"

func main() {
	cli.HandleInterrupts(os.Stderr)
	os.Exit(cli.Main(os.Args[1:], cli.Env{
		Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
		Display: cli.CheckDisplay,
		OpenApp: func(opt cli.AppOptions) error {
			return app.Run(fyneapp.NewWithID(appID), app.Options(opt))
		},
	}))
}
