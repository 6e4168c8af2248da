package app

import (
	"fmt"
)

// RecoveryPath is the file the open work autosaves to.
func (w *Window) RecoveryPath() string { return w.s.RecoveryPath() }

// Autosave writes unsaved work to the recovery file, when there is any
// new since the last autosave. Run calls it every AutosaveEvery and when
// the app loses focus.
func (w *Window) Autosave() error {
	w.note.commit()
	if err := w.s.Autosave(); err != nil {
		w.status.message("Autosave failed: " + err.Error())
		return err
	}
	return nil
}

// OfferRecovery looks for unsaved work of the open work left by a crash
// and offers it back: Recover opens it as unsaved work, Discard deletes it.
func (w *Window) OfferRecovery() {
	if listing, _ := w.s.Listing(); listing {
		return // the end of the index pass offers it
	}
	r := w.s.FindRecoverable()
	if r == nil {
		return
	}
	w.confirm("Recover unsaved work?",
		fmt.Sprintf("Gloss found work on %s that was not saved (%s, %s).\nRecover it?",
			w.s.Name(), r.When.Format("2 Jan 15:04:05"), plural(r.Spans, "span")),
		[]string{"Recover", "Discard"},
		func(choice int) {
			switch choice {
			case 0:
				w.s.Recover(r)
				w.status.message("Recovered unsaved work; save it to keep it")
			case 1:
				w.s.DiscardRecoverable(r)
			}
		})
}

// plural is "1 span", "2 spans".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
