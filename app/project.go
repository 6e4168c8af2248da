package app

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"gloss/app/project"
	"gloss/app/session"
	"gloss/export"
)

// teamWork is the project open in the window and who works on it. The
// project logic (who is assigned what, what a sync commits) is
// app/project's; this is only its wiring into the window.
type teamWork struct {
	p      *project.Project
	person string
	// assigned counts the first documents of the session that are the
	// person's; the rest are kept work on documents no longer theirs.
	assigned int
	// syncing is set while a sync runs: a second one waits its turn.
	syncing bool
}

// Project is the project open in the window, or nil.
func (w *Window) Project() *project.Project {
	if w.team == nil {
		return nil
	}
	return w.team.p
}

// projectOpening is a project read, ready to show.
type projectOpening struct {
	p      *project.Project
	person string
	work   *project.Work
}

// readProject opens the project in dir as the person flag names, else the
// one this clone remembers, the preference or the login name; a name
// given explicitly is remembered in the clone for later syncs.
func readProject(dir, flag, preference string) (*projectOpening, error) {
	p, err := project.Open(dir)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	person, from := p.Identify(ctx, nil, flag, preference)
	if err := p.CheckMember(person); err != nil {
		return nil, fmt.Errorf("%v (the name came from %s)", err, from)
	}
	work, err := p.WorkFor(person)
	if err != nil {
		return nil, err
	}
	if flag != "" {
		p.Remember(ctx, nil, person) // only a convenience: a failure changes nothing
	}
	return &projectOpening{p: p, person: person, work: work}, nil
}

// startProject shows a project read by readProject: the person's
// documents, their own file as the save target, their name on new spans.
// It fails, leaving the open work, when another window has that file open.
func (w *Window) startProject(o *projectOpening) error {
	// The team and annotator are set first: what Start announces (the
	// title, the status) shows them.
	team, annotator := w.team, w.s.Annotator()
	w.team = &teamWork{p: o.p, person: o.person, assigned: o.work.Assigned}
	w.s.SetAnnotator(o.person)
	if err := w.s.Start(session.NewWork(o.work.Docs, o.p.Dir, o.work.SavePath)); err != nil {
		w.team = team
		w.s.SetAnnotator(annotator)
		return err
	}
	w.rebuildMenu()
	msg := fmt.Sprintf("Project %s: %d documents for %s", o.p.Config.Name, o.work.Assigned, o.person)
	if len(o.work.Notes) > 0 {
		msg += "; " + strings.Join(o.work.Notes, "; ")
	}
	w.status.message(msg)
	return nil
}

// OpenProject asks for a project folder (one with a gloss.toml) and opens
// it, after asking about unsaved work.
func (w *Window) OpenProject() {
	w.afterDiscardCheck("opening a project", func() {
		d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
			if err != nil {
				w.showError(err)
				return
			}
			if l != nil {
				w.OpenProjectDir(l.Path())
			}
		}, w.win)
		if l := w.lastFolder(); l != nil {
			d.SetLocation(l)
		}
		d.Resize(dialogSize(w.win))
		d.Show()
	})
}

// OpenProjectDir opens the project in dir (the caller has asked about
// unsaved work). A project with another label set than the window's opens
// in a window of its own, since a window's label bar and colours are made
// for one set.
func (w *Window) OpenProjectDir(dir string) {
	if !project.IsProject(dir) {
		w.showError(fmt.Errorf("%s: not a Gloss project (no gloss.toml); File → Open Folder… opens a folder of texts", dir))
		return
	}
	var o *projectOpening
	w.runTask("Opening project", func(*session.Progress) error {
		var err error
		o, err = readProject(dir, "", w.prefs.annotator())
		return err
	}, func(err error) {
		if err != nil {
			w.showError(err)
			return
		}
		w.rememberFolder(o.p.Dir)
		if !reflect.DeepEqual(o.p.Labels, w.labels) {
			w.openProjectWindow(o)
			return
		}
		if err := w.startProject(o); err != nil {
			w.showError(err)
			return
		}
		w.OfferRecovery()
	})
}

// openProjectWindow shows a project in a new main window.
func (w *Window) openProjectWindow(o *projectOpening) {
	win := w.app.NewWindow("Gloss")
	nw, err := New(w.app, win, Options{Labels: o.p.Labels})
	if err != nil {
		w.showError(err)
		win.Close()
		return
	}
	if err := nw.startProject(o); err != nil {
		w.showError(err)
		win.Close()
		return
	}
	win.Resize(w.win.Canvas().Size())
	win.Show()
	w.status.message("Opened project " + o.p.Config.Name + " in a new window (its labels differ)")
}

// Sync saves the person's work, then commits it, merges the team's and
// pushes (project.Sync) in the background, with progress; afterwards the
// work is reopened when the project changed (new documents, a new
// assignment) and nothing is unsaved.
func (w *Window) Sync() {
	t := w.team
	if t == nil {
		w.status.message("Sync shares a project's work: open one with File → Open Project…")
		return
	}
	if t.syncing {
		w.status.message("A sync is running")
		return
	}
	w.note.commit()
	if w.Dirty() {
		// Save first (in the background), then sync; a failed save shows
		// its error and syncs nothing half done.
		w.saveTo(w.s.SavePath(), w.Sync)
		return
	}
	t.syncing = true
	var res project.SyncResult
	w.runTask("Syncing "+t.p.Config.Name, func(pr *session.Progress) error {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		go func() {
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			for range tick.C {
				if pr.Cancelled() {
					cancel()
				}
				if ctx.Err() != nil {
					return
				}
			}
		}()
		var err error
		res, err = t.p.Sync(ctx, project.SyncOptions{Person: t.person, Progress: func(s project.Step) {
			pr.Set(float64(s.N-1) / float64(s.Of))
			w.post(func() { w.status.message(fmt.Sprintf("Sync %d/%d: %s…", s.N, s.Of, s.What)) })
		}})
		return err
	}, func(err error) {
		t.syncing = false
		w.syncDone(res, err)
	})
}

// syncDone says what a sync did and reopens the project when it changed.
func (w *Window) syncDone(res project.SyncResult, err error) {
	if err != nil {
		w.showError(fmt.Errorf("Sync failed: %w", err))
		return
	}
	var msg []string
	if res.Commit != "" {
		msg = append(msg, "committed your work ("+res.Commit+")")
	}
	switch {
	case res.Remote == "":
		msg = append(msg, "no remote: your work is in this clone only")
	case res.Offline:
		w.status.message("Offline: your work is committed in this clone")
		w.showDialog(dialog.NewInformation("Offline",
			fmt.Sprintf("Could not reach %s (%s).\nYour work is committed in this clone; sync again when you are online.", res.Remote, res.Reason), w.win), nil)
		return
	default:
		if res.Received > 0 {
			msg = append(msg, fmt.Sprintf("%d commits from teammates", res.Received))
		}
		if res.Pushed {
			msg = append(msg, "up to date with "+res.Remote+"/"+res.Branch)
		}
	}
	if len(res.Notes) > 0 {
		msg = append(msg, strings.Join(res.Notes, "; "))
	}
	w.status.message("Synced: " + strings.Join(msg, ", "))
	if slices.Contains(res.Changed, project.ConfigFile) || slices.Contains(res.Changed, project.DocumentsFile) {
		w.reloadProject()
	}
}

// reloadProject reopens the project after a sync brought a new gloss.toml
// or new documents, on the document that was showing. Unsaved work (edits
// made while the sync ran) is never dropped: then it only says so.
func (w *Window) reloadProject() {
	if w.Dirty() {
		w.status.message("The project changed (new documents or assignments): save, then sync again to see them")
		return
	}
	t := w.team
	o, err := readProject(t.p.Dir, t.person, "")
	if err != nil {
		w.showError(err)
		return
	}
	if !reflect.DeepEqual(o.p.Labels, w.labels) {
		w.status.message("The project's labels changed: reopen it (File → Open Project…) to use them")
		return
	}
	cur := w.Document().ID
	before := t.assigned
	if err := w.startProject(o); err != nil {
		w.showError(err)
		return
	}
	if i := w.s.Find(cur); i >= 0 {
		w.showDocument(i)
	}
	if n := o.work.Assigned - before; n > 0 {
		w.status.message(fmt.Sprintf("Synced: %d new documents for you", n))
	}
}

// ShowProgress shows the project's progress: a bar per annotator (done of
// assigned, with in progress and untouched) and, when the project is not
// blind or the person reviews it, the agreement so far. It reads every
// annotator's file, in the background.
func (w *Window) ShowProgress() {
	t := w.team
	if t == nil {
		w.status.message("Progress is a project's: open one with File → Open Project…")
		return
	}
	var st *project.Status
	w.runTask("Reading the team's progress", func(*session.Progress) error {
		var err error
		st, err = t.p.Status()
		return err
	}, func(err error) {
		if err != nil {
			w.showError(err)
			return
		}
		d := dialog.NewCustom("Progress — "+st.Name, "Close", progressView(st, t.p.Config, t.person), w.win)
		d.Resize(fyne.NewSize(560, 0))
		w.showDialog(d, nil)
	})
}

// progressView is the Progress dialog's content.
func progressView(st *project.Status, c *project.Config, person string) fyne.CanvasObject {
	// A form layout: the names in one column, so that the bars line up.
	rows := container.New(layout.NewFormLayout())
	for _, a := range st.Annotators {
		name := a.Name
		if name == person {
			name += " (you)"
		}
		bar := widget.NewProgressBar()
		bar.SetValue(a.Fraction())
		done, assigned := a.Done, a.Assigned
		bar.TextFormatter = func() string { return fmt.Sprintf("%d / %d done", done, assigned) }
		detail := widget.NewLabel(fmt.Sprintf("%d in progress · %d untouched", a.InProgress, a.Untouched))
		rows.Add(widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		rows.Add(container.NewBorder(nil, nil, nil, detail, bar))
	}
	summary := fmt.Sprintf("%d documents, each for %d annotators", st.Documents, c.Overlap)
	if c.Reviewer != "" {
		summary += fmt.Sprintf("; gold: %d documents (%s)", st.Gold, c.Reviewer)
	}
	parts := []fyne.CanvasObject{widget.NewLabel(summary), rows, widget.NewSeparator()}
	switch {
	case c.Blind && person != c.Reviewer:
		parts = append(parts, widget.NewLabel("This project is blind: teammates' work and agreement stay hidden while you annotate."))
	case st.Agreement == nil:
		parts = append(parts, widget.NewLabel("Agreement: no document is done by two annotators yet."))
	default:
		o := st.Agreement.Overall
		text := fmt.Sprintf("Agreement so far on %d documents done by two or more:\nspans F1 %.2f exact, %.2f overlapping · κ %.2f · α %.2f",
			st.Compared, o.F1Exact, o.F1Overlap, o.Kappa, o.Alpha)
		for _, r := range st.Agreement.Relations {
			text += fmt.Sprintf("\n%s: F1 %.2f exact · speakers %.2f (%d linked)", r.Label, r.F1Exact, r.SpeakerAgreement, r.Linked)
		}
		parts = append(parts, widget.NewLabel(text))
	}
	if len(st.Problems) > 0 {
		parts = append(parts, widget.NewLabel(fmt.Sprintf("%d problems in teammates' files (gloss status lists them)", len(st.Problems))))
	}
	return container.NewVBox(parts...)
}

// reviewsOnly reports whether the person opening opt.Project reviews it
// without annotating any of it: `gloss DIR` then opens the review.
func reviewsOnly(a fyne.App, opt Options) (bool, error) {
	p, err := project.Open(opt.Project)
	if err != nil {
		return false, err
	}
	person, _ := p.Identify(context.Background(), nil, opt.Annotator, prefs{a.Preferences()}.annotator())
	return person == p.Config.Reviewer && !p.Config.IsAnnotator(person), nil
}

// runProjectReview opens the review of a project (what `gloss review DIR`
// opens) as the app's only window.
func runProjectReview(a fyne.App, opt Options) error {
	p, err := project.Open(opt.Project)
	if err != nil {
		return err
	}
	export.RemoveStale(os.TempDir(), "gloss-review-", "") // a killed review's
	tmp, untrack, err := export.MkdirTemp("", export.TempPattern("gloss-review-", ""))
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	defer untrack()
	in, err := p.ReviewFiles(tmp)
	if err != nil {
		return err
	}
	return runReview(a, Options{Files: in.Files, Out: in.Gold, Labels: p.Labels})
}
