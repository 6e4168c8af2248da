package app

import "gloss/app/savework"

// RecoveryPath is the journal of the open work (see session.Session).
func (w *Window) RecoveryPath() string { return w.s.RecoveryPath() }

// OfferRecovery looks for unsaved work of the open work left by a crash
// and offers it back (savework.OfferRecovery).
func (w *Window) OfferRecovery() {
	savework.OfferRecovery(w.confirm, w.s, w.s.Name(), w.status.message)
}
