// Package savework is the dialogs that keeping work needs, the same in
// the main window and on the review screen: the question before unsaved
// work is lost, the choice of a file to save to, and the offer of work a
// crash left in a session's journal. The decisions behind them (what is
// unsaved, what a save writes, what the journal holds) are the
// session's; this package only asks.
package savework

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"gloss/app/session"
)

// Confirm asks a question with buttons and calls then with the index of
// the one chosen (-1 when the dialog was closed otherwise). Dialog makes
// one; tests put in one that answers without a dialog.
type Confirm func(title, message string, buttons []string, then func(choice int))

// Dialog is a Confirm that shows a dialog over win, its first button the
// default action; closed, if not nil, runs after the answer (to give the
// keyboard back to the view). show, if not nil, shows the dialog instead
// of its Show, with press, which presses the default button (the main
// window gives Enter and Esc to its dialogs so).
func Dialog(win fyne.Window, closed func(), show func(d dialog.Dialog, press func())) Confirm {
	return func(title, message string, buttons []string, then func(int)) {
		var d *dialog.CustomDialog
		btns := make([]fyne.CanvasObject, len(buttons))
		chosen := -1
		for i, label := range buttons {
			b := widget.NewButton(label, func() {
				chosen = i
				d.Hide()
			})
			if i == 0 {
				b.Importance = widget.HighImportance
			}
			btns[i] = b
		}
		msg := widget.NewLabel(message)
		msg.Wrapping = fyne.TextWrapWord
		d = dialog.NewCustomWithoutButtons(title, msg, win)
		d.SetButtons(btns)
		d.SetOnClosed(func() {
			then(chosen)
			if closed != nil {
				closed()
			}
		})
		d.Resize(fyne.NewSize(460, 200))
		if show == nil {
			d.Show()
			return
		}
		show(d, func() { btns[0].(*widget.Button).OnTapped() })
	}
}

// The answers of Guard's question, in the order of its buttons.
const (
	answerSave = iota
	answerDiscard
)

// Guard runs then when nothing is unsaved (dirty false); otherwise it asks
// (title, question) whether to save first, and then saves
// (save(then), which runs then only if the save succeeds), discards
// (discard, then then) or does nothing.
func Guard(ask Confirm, dirty bool, title, question string, save func(then func()), discard func(), then func()) {
	if !dirty {
		then()
		return
	}
	ask(title, question, []string{"Save", "Discard", "Cancel"}, func(choice int) {
		switch choice {
		case answerSave:
			save(then)
		case answerDiscard:
			discard()
			then()
		}
	})
}

// AskSavePath shows the file-save dialog over win, at folder (nil: Fyne's
// default) with name suggested, filtered by extensions (nil: every
// file), and calls then with the chosen path; fail hears a dialog error.
func AskSavePath(win fyne.Window, name string, extensions []string, folder fyne.ListableURI, then func(path string), fail func(error)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			fail(err)
			return
		}
		if wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		then(path)
	}, win)
	if extensions != nil {
		d.SetFilter(storage.NewExtensionFileFilter(extensions))
	}
	d.SetFileName(name)
	if folder != nil {
		d.SetLocation(folder)
	}
	d.Resize(DialogSize(win))
	d.Show()
}

// DialogSize is a file dialog's size: most of the window.
func DialogSize(win fyne.Window) fyne.Size {
	sz := win.Canvas().Size()
	return fyne.NewSize(max(sz.Width*0.85, 600), max(sz.Height*0.85, 420))
}

// OfferRecovery looks for unsaved work of s that a crash left in its
// journal and offers it back: Recover opens it as unsaved work, Discard
// deletes it. what names the work ("the gold"); told hears what happened,
// for the status bar. Call it once every document is listed.
func OfferRecovery(ask Confirm, s *session.Session, what string, told func(message string)) {
	if listing, _ := s.Listing(); listing {
		return // the end of the index pass offers it
	}
	r := s.FindRecoverable()
	if r == nil {
		return
	}
	ask("Recover unsaved work?",
		fmt.Sprintf("Gloss found work on %s that was not saved (%s: %s, %s).\nRecover it?",
			what, r.When.Format("2 Jan 15:04:05"), Plural(r.Documents, "document"), Plural(r.Spans, "span")),
		[]string{"Recover", "Discard"},
		func(choice int) {
			switch choice {
			case 0:
				s.Recover(r)
				told("Recovered unsaved work; save it to keep it")
			case 1:
				s.DiscardRecoverable(r)
			}
		})
}

// Plural is "1 span", "2 spans".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
