package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/app/savework"
)

// shortcutTable is Help → Keyboard Shortcuts: DESIGN.md's keyboard table
// and the app's own commands.
var shortcutTable = [][2]string{
	{"Arrows, Home / End", "Move the caret"},
	{"Ctrl+← / Ctrl+→, Ctrl+Home / Ctrl+End", "By word; to the start / end"},
	{"Shift + any of those", "Extend the selection"},
	{"Drag, double-click", "Select (snapped to words), select a word"},
	{"A label's key, or 1–9", "Label the selection (or relabel the selected span)"},
	{"Tab / Shift+Tab", "Select the next / previous span"},
	{"Delete or Backspace", "Remove the selected span"},
	{"Alt+← / Alt+→", "Move the selected span's end one word earlier / later"},
	{"Alt+Shift+← / Alt+Shift+→", "Move the selected span's start one word earlier / later"},
	{"Drag a handle of the selected span", "Move that end (snapped to words unless snapping is off)"},
	{"Esc", "Clear the selection; close the find bar; cancel Said By"},
	{"S (a QUOTE or CLAIM selected)", "Said by: then click the speaker, or Tab and Enter"},
	{"Ctrl+Shift+G", "Suggest spans and speakers"},
	{"Enter / Backspace (a suggestion selected)", "Accept / reject it, then go to the next"},
	{"Ctrl+Z", "Undo"},
	{"Ctrl+Shift+Z or Ctrl+Y", "Redo"},
	{"Ctrl+F", "Find (Enter: next match)"},
	{"Ctrl+L", "Label all occurrences of the find text"},
	{"Ctrl+S / Ctrl+Shift+S", "Save / Save As"},
	{"Ctrl+O", "Open a file"},
	{"Ctrl+I / Ctrl+E", "Import / Export"},
	{"Ctrl+PageDown / Ctrl+PageUp", "Next / previous document"},
	{"Ctrl+D", "Mark the document done"},
	{"Ctrl+1 … Ctrl+9", "Toggle the document label values, in labels.toml order (Document menu)"},
	{"Ctrl+= / Ctrl+-", "Larger / smaller text"},
	{"Ctrl+Q", "Quit (in the review window: close it)"},
	{"Enter / Esc (a dialog open)", "Its default button / close it"},
}

// labelTable is the Labels part of Help → Keyboard Shortcuts and Labels:
// each label with its keys and its description from labels.toml, then
// each group of document labels with its values' keys.
func labelTable(ls *annotate.LabelSet) [][2]string {
	var rows [][2]string
	for i, l := range ls.Labels {
		rows = append(rows, [2]string{l.Name + "   " + labelKeys(l, i), orNone(l.Description)})
	}
	n := 0
	for g := range ls.Choices {
		c := &ls.Choices[g]
		var vals []string
		for _, v := range c.Values {
			vals = append(vals, chipText(c, v, n))
			n++
		}
		how := "one of"
		if c.Multiple {
			how = "any of"
		}
		desc := how + ": " + strings.Join(vals, ", ")
		if c.Description != "" {
			desc = c.Description + " — " + desc
		}
		rows = append(rows, [2]string{"Document: " + c.Name, desc})
	}
	return rows
}

func orNone(s string) string {
	if s == "" {
		return "(no description in labels.toml)"
	}
	return s
}

// ShowShortcuts shows the keyboard shortcuts and the labels with their
// descriptions.
func (w *Window) ShowShortcuts() {
	// A form layout: each row as tall as its wrapped description, the
	// keys' column as wide as its widest.
	grid := container.New(layout.NewFormLayout())
	add := func(heading string, rows [][2]string) {
		grid.Add(widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Italic: true}))
		grid.Add(widget.NewLabel(""))
		for _, row := range rows {
			grid.Add(widget.NewLabelWithStyle(row[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			desc := widget.NewLabel(row[1])
			desc.Wrapping = fyne.TextWrapWord
			grid.Add(desc)
		}
	}
	add("Labels (labels.toml)", labelTable(w.labels))
	add("Keys", shortcutTable)
	d := dialog.NewCustom("Keyboard Shortcuts and Labels", "Close", container.NewVScroll(grid), w.win)
	d.SetOnClosed(w.focusView)
	sz := w.win.Canvas().Size() // at 800×600 the dialog fits inside
	d.Resize(fyne.NewSize(min(760, max(sz.Width-40, 400)), min(640, max(sz.Height-40, 300))))
	w.showDialog(d, nil)
}

// confirmDialog asks a question with buttons (the first is the default
// action) and calls then with the index of the button chosen.
func (w *Window) confirmDialog(title, message string, buttons []string, then func(int)) {
	// Enter presses the first (default) button; Esc closes the dialog
	// like a click beside its buttons, choosing none (-1).
	savework.Dialog(w.win, w.focusView, w.showDialog)(title, message, buttons, then)
}
