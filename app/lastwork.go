package app

import (
	"os"

	"gloss/annotate"
	"gloss/app/session"
)

// prefLastWork remembers what was open last: ["file", PATH, OUT] (OUT is
// where it saved, "" when it asked), or ["project", DIR]; unset after the
// sample article. Starting with no file reopens it.
const prefLastWork = "work.last"

// rememberWork records the open work as the last one.
func (w *Window) rememberWork() {
	switch {
	case w.team != nil && w.s.Source() == w.team.p.Dir:
		w.prefs.p.SetStringList(prefLastWork, []string{"project", w.team.p.Dir})
	case w.s.SavePath() != "":
		w.prefs.p.SetStringList(prefLastWork, []string{"file", w.s.SavePath(), w.s.SavePath()})
	case w.s.Source() != "":
		w.prefs.p.SetStringList(prefLastWork, []string{"file", w.s.Source(), ""})
	default:
		w.prefs.p.RemoveValue(prefLastWork)
	}
}

// lastWork is opt with the last work to open when opt names none (no
// file, no -o, no project): starting with no file reopens it. It is opt
// itself when there is none, or it is gone.
func lastWork(p prefs, opt Options) Options {
	if len(opt.Files) > 0 || opt.Out != "" || opt.Project != "" {
		return opt
	}
	last := p.p.StringList(prefLastWork)
	if len(last) < 2 {
		return opt
	}
	if _, err := os.Stat(last[1]); err != nil {
		return opt
	}
	switch last[0] {
	case "project":
		opt.Project = last[1]
	case "file":
		opt.Files = []string{last[1]}
		if len(last) > 2 {
			opt.Out = last[2]
		}
	}
	return opt
}

// OpenSample opens the bundled sample article (Help → Open Sample
// Article), after asking about unsaved work.
func (w *Window) OpenSample() {
	w.afterDiscardCheck("opening the sample article", func() {
		work, err := session.Read(session.Spec{Documents: []*annotate.Document{sampleDocument()}}, nil)
		if err != nil {
			w.showError(err)
			return
		}
		w.team = nil
		w.s.Start(work) // untitled: no other window can hold it
		w.rebuildMenu()
		w.status.message("Opened the sample article")
		w.OfferRecovery()
	})
}
