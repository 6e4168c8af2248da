package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"gloss/annotate"
	"gloss/app/dialogkeys"
	"gloss/app/docview"
	"gloss/app/savework"
	"gloss/app/session"
)

// Window is Gloss's main window: the document view with its label bar,
// span list, note editor, status bar, find bar and (for corpora) document
// list, wired to a session.Session that holds the work. The window shows
// the session and turns the user's gestures into its commands; the
// decisions (what a label key does, what a save writes) are the
// session's. Build it with New; tests drive it through its methods and
// widgets without a real driver.
type Window struct {
	app    fyne.App
	win    fyne.Window
	opt    Options
	labels *annotate.LabelSet
	prefs  prefs
	// s is the open work.
	s *session.Session
	// team is the project open, or nil (project.go).
	team *teamWork

	view    *docview.View
	bar     *labelBar
	spans   *spanList
	status  *statusBar
	note    *noteEditor
	choices *choicePanel
	// tips is the tooltip layer over the content (label descriptions,
	// span texts cut short).
	tips *tooltips
	// batching is set while a corpus step edits its documents.
	batching bool
	// edits counts the edits shown (undos and redos among them), so that a
	// corpus step knows whether anything happened since.
	edits int
	// corpusUndo is the last edit made over several documents (Label All
	// over the corpus), which Undo undoes in all of them; corpusRedo is
	// the one just undone.
	corpusUndo, corpusRedo *corpusStep
	// guidelines is the Guidelines window when open, and what it shows.
	guidelines      fyne.Window
	guidelinesShown *guidelinesView
	// splits are the body's split containers (layout.go).
	splits  splits
	docList *docList
	find    *findBar
	menu    *fyne.MainMenu
	items   menuItems
	// menuShown says what the menu items showed at the last refresh.
	menuShown string
	body      *fyne.Container
	// link is the relation being made in link mode.
	link linking

	// dialogs gives the dialogs shown Enter and Esc.
	dialogs dialogkeys.Stack
	// tasks follows background loads and exports (tests wait on it).
	tasks taskGroup
	// confirm asks the user a question with buttons and calls back with the
	// index of the one chosen (-1 when the dialog was closed otherwise).
	// Tests replace it to answer without a dialog.
	confirm savework.Confirm
	// quit ends the app; tests replace it.
	quit func()
	// quitting is set once the user chose to quit while a save runs: the
	// app ends when it is done.
	quitting bool
	// post runs a function on the user interface's goroutine: fyne.Do, or
	// in tests a send on queue, which WaitTasks runs.
	post  func(func())
	queue chan func()
	// corpusLayout is whether the body shows the document list.
	corpusLayout bool
	// learn is the model that learns from the annotator (learner.go).
	learn learner
}

// New builds the main window in win for the files of opt (the sample
// article when there are none). It does not show it; Run does.
func New(a fyne.App, win fyne.Window, opt Options) (*Window, error) {
	return newWindow(a, win, opt, nil)
}

// newWindow is New; with a queue (tests), what background work posts for
// the user interface waits there until WaitTasks runs it, on the test's
// goroutine, instead of going through fyne.Do.
func newWindow(a fyne.App, win fyne.Window, opt Options, queue chan func()) (*Window, error) {
	// With no file, the last work; when it does not open any more (its
	// file has problems now, say), the sample, with a word about it.
	note := ""
	last := lastWork(prefs{a.Preferences()}, opt)
	opening, work, err := readStart(a, last)
	if err == nil {
		opt = last
	} else if last.Project != opt.Project || len(last.Files) != len(opt.Files) {
		note = "Did not reopen the last work: " + err.Error()
		opening, work, err = readStart(a, opt)
	}
	if err != nil {
		return nil, err
	}
	if opening != nil {
		opt.Labels = opening.p.Labels
	}
	w := &Window{
		app: a, win: win, opt: opt, labels: opt.Labels,
		prefs: prefs{a.Preferences()},
		post:  fyne.Do,
		queue: queue,
	}
	if queue != nil {
		w.post = func(f func()) { queue <- f }
	}
	useLazyWrites() // before any file dialog: see lazywrites.go
	if w.labels == nil {
		w.labels = annotate.DefaultLabelSet()
	}
	w.confirm = w.confirmDialog
	w.quit = a.Quit
	w.s = session.New(session.Options{
		Labels:    w.labels,
		Annotator: pickAnnotator(opt.Annotator, w.prefs.annotator()),
		Post:      func(f func()) { w.post(f) },
	})
	w.s.OnChange(w.changed)
	if t := w.prefs.p.String(prefTheme); t != "" {
		applyTheme(a, t)
	}

	w.view = docview.New(nil, w.labels)
	w.tips = newTooltips()
	w.bar = newLabelBar(w.labels, w.LabelSelection, w.tips)
	w.spans = newSpanList(w.labels, w.s.Document, w.view.SelectedSpan, w.SelectSpan, w.tips)
	w.status = newStatusBar(w.AskAnnotator, func(f func()) { w.post(f) })
	w.note = newNoteEditor(w.s.Document, w.do, w.focusView)
	w.choices = newChoicePanel(w.labels, w.s.Document, w.toggleChoice)
	w.docList = newDocList(w.s, w.showDocument, w.ToggleDone)
	w.find = newFindBar(w.labels, w.view, w.s.Document, w.win.Canvas, w.LabelAll, w.focusView)
	w.find.corpus = w.searchCorpus
	w.find.jump = w.showMatchingDocument
	w.wireView()
	w.body = container.NewStack()
	win.SetContent(w.layout())
	w.menu = w.buildMenu()
	win.SetMainMenu(w.menu)
	w.addShortcuts()
	w.dialogs.Install(win.Canvas())
	win.SetCloseIntercept(func() { w.Quit() })
	win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { w.OpenDropped(uris) })
	w.applyPrefs()
	var refused error
	if opening != nil {
		refused = w.startProject(opening)
	} else {
		refused = w.s.Start(work)
	}
	if refused != nil {
		// Another window has that file open: this one starts on the
		// sample article and says why, rather than not start at all.
		w.team = nil
		if sample, err := session.Read(session.Spec{Documents: []*annotate.Document{sampleDocument()}}, nil); err == nil {
			w.s.Start(sample)
		}
		w.rebuildMenu()
		w.showError(refused)
	}
	if src := w.s.Source(); src != "" {
		w.rememberFolder(src) // file dialogs start beside the work
	}
	if note != "" {
		w.status.message(note)
	}
	return w, nil
}

// readStart reads what the window opens with: opt's project, or its
// files (the sample without any).
func readStart(a fyne.App, opt Options) (*projectOpening, *session.Work, error) {
	if opt.Project != "" {
		opening, err := readProject(opt.Project, opt.Annotator, prefs{a.Preferences()}.annotator())
		if err != nil {
			return nil, nil, err
		}
		work, err := session.Read(session.Spec{Documents: opening.work.Docs}, nil)
		return opening, work, err
	}
	work, err := session.Read(startSpec(opt), nil)
	return nil, work, err
}

// wireView connects the document view's callbacks to the window.
func (w *Window) wireView() {
	v := w.view
	v.OnLabelRequested = w.labelRequested
	v.OnSelectionChanged = func(start, end int) { w.refreshStatus() }
	v.OnSpanSelected = func(id string) {
		w.note.show(id)
		w.spans.showSelected(id)
		w.refreshStatus()
		if d := w.Document(); isSuggested(d, id) {
			w.status.message(suggestionHint(&d.Spans[d.SpanByID(id)]))
		}
	}
	v.OnDeleteRequested = func(id string) { w.DeleteSpan(id) }
	v.OnKey = w.onKey
	v.OnLinkChosen = w.linkChosen
	v.OnLinkCancelled = w.linkCancelled
	v.OnEdgeMoveRequested = func(id string, edge annotate.Edge, by int) { w.report(w.s.MoveEdge(id, edge, by)) }
	v.OnBoundsRequested = func(id string, start, end int) { w.report(w.s.SetBounds(id, start, end)) }
}

// changed shows a change of the session.
func (w *Window) changed(c session.Change) {
	switch c.Kind {
	case session.Opened, session.Recovered:
		w.corpusUndo, w.corpusRedo = nil, nil
		w.openModel()
		w.rememberWork()
		w.note.forget()
		w.spans.rows = nil
		w.relayout()
		w.showCurrent()
	case session.Shown:
		w.showCurrent()
	case session.Listed:
		w.listed(c.Err)
	case session.SaveStarted, session.SaveProgress:
		w.refreshStatus()
	case session.SaveFailed:
		w.refreshWork()
		w.quitAfterSave()
	case session.Edited:
		if w.batching {
			// A corpus step edits many documents: the window is
			// refreshed and the learner asked once, at its end (see batch).
			return
		}
		w.edits++
		w.relearn()
		if c.Doc == w.s.Current() {
			w.view.SpansChanged()
			w.spans.refresh()
			w.choices.refresh()
			w.note.show(w.view.SelectedSpan())
			w.find.refreshCount()
		}
		w.refreshWork()
	case session.Saved:
		w.rememberWork()
		w.refreshWork()
		w.quitAfterSave()
	case session.JournalFailed:
		w.status.message(c.Err.Error() + ": unsaved work would not survive a crash; save it")
	}
}

// quitAfterSave goes on quitting, once a save the user chose to quit
// during is over (asking again if it failed).
func (w *Window) quitAfterSave() {
	if saving, _ := w.s.Saving(); w.quitting && !saving {
		w.quitting = false
		w.Quit()
	}
}

// relayout shows the document list beside the view when the work is a
// corpus (more than one document, or more to come from the index pass).
func (w *Window) relayout() {
	listing, _ := w.s.Listing()
	corpus := w.s.Len() > 1 || listing
	if len(w.body.Objects) > 0 && corpus == w.corpusLayout {
		return
	}
	w.corpusLayout = corpus
	w.find.setCorpus(corpus)
	w.body.Objects = []fyne.CanvasObject{w.mainSplit()}
	w.body.Refresh()
}

// listed shows what the index pass listed; at its end, err holds the
// lines it could not read.
func (w *Window) listed(err error) {
	listing, _ := w.s.Listing()
	w.relayout()
	w.docList.listed()
	w.refreshWork()
	if listing {
		return
	}
	if err != nil {
		w.showReadOnly(err)
		return
	}
	if w.s.Len() > 1 {
		w.status.message(fmt.Sprintf("Listed %d documents of %s", w.s.Len(), w.s.Name()))
	}
	w.OfferRecovery()
}

// showCurrent puts the session's current document on screen.
func (w *Window) showCurrent() {
	w.view.SetDocument(w.Document())
	w.find.documentChanged()
	w.spans.refresh()
	w.choices.refresh()
	w.note.show("")
	w.refreshWork()
	w.focusView()
}

// refreshWork updates what follows the whole work: the document list, the
// status bar, the menus and the title.
func (w *Window) refreshWork() {
	w.docList.refresh()
	w.refreshStatus()
	w.refreshMenus()
	w.updateTitle()
}

// refreshStatus updates the status bar but its message.
func (w *Window) refreshStatus() {
	if w.s.Current() < 0 {
		return
	}
	start, end := w.view.Selection()
	pos := fmt.Sprintf("Offset %d", start)
	if end > start {
		pos = fmt.Sprintf("Offset %d–%d · Selection %d", start, end, end-start)
	} else if id := w.view.SelectedSpan(); id != "" {
		d := w.Document()
		if i := d.SpanByID(id); i >= 0 {
			sp := &d.Spans[i]
			pos = fmt.Sprintf("%s %d–%d · %d long", sp.Label, sp.Start, sp.End, sp.End-sp.Start)
		}
	}
	state := "Saved"
	if w.s.Dirty() {
		state = "● Unsaved"
	}
	if saving, frac := w.s.Saving(); saving {
		state = fmt.Sprintf("Saving… %d%%", int(frac*100))
	} else if listing, frac := w.s.Listing(); listing {
		state = fmt.Sprintf("Reading… %d%%", int(frac*100))
	}
	w.status.refresh(pos, w.s.Annotator(), state)
}

// Document is the document on screen.
func (w *Window) Document() *annotate.Document { return w.s.Document() }

// Session is the open work.
func (w *Window) Session() *session.Session { return w.s }

// View is the document view.
func (w *Window) View() *docview.View { return w.view }

// showDocument puts document i of the corpus on screen.
func (w *Window) showDocument(i int) {
	if i == w.s.Current() || i < 0 || i >= w.s.Len() {
		return
	}
	w.note.commit()
	if err := w.s.Show(i); err != nil {
		w.status.message(err.Error())
		w.docList.refresh()
	}
}

// NextDocument and PreviousDocument step through a corpus.
func (w *Window) NextDocument() { w.showDocument(w.s.Current() + 1) }

// PreviousDocument shows the document before the current one.
func (w *Window) PreviousDocument() { w.showDocument(w.s.Current() - 1) }

// do applies an edit to the current document, reporting a refusal in the
// status bar.
func (w *Window) do(e annotate.Edit) bool {
	if err := w.s.Do(e); err != nil {
		w.status.message(err.Error())
		return false
	}
	return true
}

// report shows what a session command did.
func (w *Window) report(r session.Result) {
	if r.Message != "" {
		w.status.message(r.Message)
	}
}

// Dirty reports whether any open document has unsaved changes.
func (w *Window) Dirty() bool { return w.s.Dirty() }

// Undo undoes the last edit of the current document and says which.
func (w *Window) Undo() {
	if w.undoCorpusStep() {
		return
	}
	what, _ := w.s.History().CanUndo()
	if !w.s.Undo() {
		w.status.message("Nothing to undo")
		return
	}
	w.status.message("Undid " + what)
}

// Redo redoes the last undone edit of the current document and says
// which.
func (w *Window) Redo() {
	if w.redoCorpusStep() {
		return
	}
	what, _ := w.s.History().CanRedo()
	if !w.s.Redo() {
		w.status.message("Nothing to redo")
		return
	}
	w.status.message("Redid " + what)
}

// labelRequested is the view's OnLabelRequested: the session decides
// whether it relabels the selected span or adds one.
func (w *Window) labelRequested(label string, start, end int) {
	selected := w.view.SelectedSpan()
	if s, e := w.view.Selection(); s != e {
		selected = ""
	}
	w.report(w.s.LabelRange(label, start, end, selected))
}

// AddSpan labels [start, end) of the current document (see
// session.AddSpan).
func (w *Window) AddSpan(label string, start, end int) { w.report(w.s.AddSpan(label, start, end)) }

// LabelSelection labels what the view has selected, as a label key would:
// the text selection (snapped to words unless snapping is off) or, with none,
// relabels the selected span.
func (w *Window) LabelSelection(label string) {
	start, end := w.view.Selection()
	d := w.Document()
	switch {
	case start < end:
		if w.Snapping() {
			start, end = annotate.Snap(d.Tokens(), start, end)
		}
		w.AddSpan(label, start, end)
		w.view.SetSelection(end, end)
	case w.view.SelectedSpan() != "":
		if i := d.SpanByID(w.view.SelectedSpan()); i >= 0 {
			w.labelRequested(label, d.Spans[i].Start, d.Spans[i].End)
		}
	default:
		w.status.message("Select some text first, then pick a label")
	}
	w.focusView()
}

// DeleteSpan removes span id (the selected one when id is ""); a
// suggestion is rejected (RejectSuggestion), which also moves to the next.
func (w *Window) DeleteSpan(id string) {
	if id == "" {
		id = w.view.SelectedSpan()
	}
	if id == "" {
		w.status.message("Select a span to delete")
		return
	}
	if isSuggested(w.Document(), id) {
		w.RejectSuggestion(id)
		return
	}
	w.do(&annotate.RemoveSpan{ID: id})
}

// SelectSpan selects span id in the view and scrolls to it.
func (w *Window) SelectSpan(id string) {
	w.view.SelectSpan(id)
	w.focusView()
}

// ToggleDone marks the current document done, or not done any more.
func (w *Window) ToggleDone() { w.report(w.s.ToggleDone()) }

// focusView gives the keyboard back to the document view.
func (w *Window) focusView() {
	if c := w.win.Canvas(); c != nil && c.Focused() != w.view {
		c.Focus(w.view)
	}
}

// updateTitle shows the file and a mark when there is unsaved work.
func (w *Window) updateTitle() {
	name := w.s.Name()
	if w.team != nil {
		name = w.team.p.Config.Name + " · " + w.team.person
	}
	if n := w.s.Len(); n > 1 && w.s.Current() >= 0 {
		name += fmt.Sprintf(" [%d/%d %s]", w.s.Current()+1, n, w.Document().ID)
	}
	mark := ""
	if w.Dirty() {
		mark = "● "
	}
	w.win.SetTitle(mark + name + " — Gloss")
}

// Quit asks before discarding unsaved work, then ends the app.
func (w *Window) Quit() {
	w.note.commit()
	w.afterDiscardCheck("quitting", func() {
		if saving, _ := w.s.Saving(); saving {
			// Quitting waits for the save: its file is renamed into
			// place only at the end.
			w.quitting = true
			w.status.message("Quitting once the save is done…")
			return
		}
		w.s.Close()
		w.savePrefsOnQuit()
		w.quit()
	})
}

// afterDiscardCheck runs then when there is no unsaved work, or when the
// user saves it or chooses to discard it; doing is what is about to happen
// ("quitting", "opening another file").
func (w *Window) afterDiscardCheck(doing string, then func()) {
	savework.Guard(w.confirm, w.Dirty(), "Unsaved changes", fmt.Sprintf("Save your changes before %s?", doing),
		w.saveThen, w.s.DiscardRecovery, then)
}
