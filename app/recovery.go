package app

import (
	"fmt"
)

// RecoveryPath is the journal of the open work (see session.Session).
func (w *Window) RecoveryPath() string { return w.s.RecoveryPath() }

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
	damage := ""
	if r.Damaged > 0 {
		damage = fmt.Sprintf("\n\nThe recovery journal is damaged: %s could not be read", plural(r.Damaged, "line"))
		if r.DamagedCopy != "" {
			damage += fmt.Sprintf(" (kept as %s)", r.DamagedCopy)
		}
		damage += "."
	}
	if r.Documents == 0 {
		w.confirm("Recovery journal damaged",
			fmt.Sprintf("Gloss found a recovery journal for %s with nothing it could recover.%s", w.s.Name(), damage),
			[]string{"OK"}, func(int) {})
		return
	}
	w.confirm("Recover unsaved work?",
		fmt.Sprintf("Gloss found work on %s that was not saved (%s: %s, %s).%s\nRecover it?",
			w.s.Name(), r.When.Format("2 Jan 15:04:05"), plural(r.Documents, "document"), plural(r.Spans, "span"), damage),
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
