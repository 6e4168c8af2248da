package app

import (
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"gloss/annotate"
	"gloss/app/docview"
)

// docState is one open document and its undo history.
type docState struct {
	hist *annotate.History
	// recovered marks a document restored from a recovery file: it has
	// unsaved work although its history is empty.
	recovered bool
}

func (d *docState) doc() *annotate.Document { return d.hist.Document() }

func (d *docState) dirty() bool { return d.recovered || d.hist.Dirty() }

// Window is Gloss's main window: the document view with its label bar,
// span list, note editor, status bar, find bar and (for corpora) document
// list. Build it with New; tests drive it through its methods and widgets
// without a real driver.
type Window struct {
	app    fyne.App
	win    fyne.Window
	opt    Options
	labels *annotate.LabelSet
	prefs  prefs

	// annotator is stamped on new spans.
	annotator string

	docs []*docState
	cur  int
	// source is the file or folder the work was read from ("" for the
	// bundled sample); savePath is where Save writes ("" asks first).
	source, savePath string

	view     *docview.View
	bar      *labelBar
	spans    *spanList
	status   *statusBar
	note     *noteEditor
	docList  *docList
	find     *findBar
	menu     *fyne.MainMenu
	items    menuItems
	body     *fyne.Container
	recovery recovery
	// link is the relation being made in link mode.
	link linking

	// AutosaveEvery is how often Run autosaves to the recovery file.
	AutosaveEvery time.Duration
	// changes counts edits; autosaved is its value at the last autosave.
	changes, autosaved int
	// tasks follows background loads and exports (tests wait on it).
	tasks taskGroup
	// confirm asks the user a question with buttons and calls back with the
	// index of the one chosen (-1 when the dialog was closed otherwise).
	// Tests replace it to answer without a dialog.
	confirm func(title, message string, buttons []string, then func(choice int))
	// quit ends the app; tests replace it.
	quit func()
	// closing is set once the user has chosen to quit: the autosave that
	// Fyne's quitting triggers (focus loss) must not write discarded work.
	closing bool
}

// New builds the main window in win for the files of opt (the sample
// article when there are none). It does not show it; Run does.
func New(a fyne.App, win fyne.Window, opt Options) (*Window, error) {
	docs, src, err := loadStartup(opt)
	if err != nil {
		return nil, err
	}
	w := &Window{
		app: a, win: win, opt: opt, labels: opt.Labels,
		prefs:         prefs{a.Preferences()},
		AutosaveEvery: 30 * time.Second,
	}
	if w.labels == nil {
		w.labels = annotate.DefaultLabelSet()
	}
	w.confirm = w.confirmDialog
	w.quit = a.Quit
	w.annotator = pickAnnotator(opt.Annotator, w.prefs.annotator())
	w.recovery = recovery{dir: defaultRecoveryDir()}
	if t := w.prefs.p.String(prefTheme); t != "" {
		applyTheme(a, t)
	}

	w.view = docview.New(nil, w.labels)
	w.bar = newLabelBar(w)
	w.spans = newSpanList(w)
	w.status = newStatusBar(w)
	w.note = newNoteEditor(w)
	w.docList = newDocList(w)
	w.find = newFindBar(w)
	w.wireView()
	w.body = container.NewStack()
	win.SetContent(w.layout())
	w.menu = w.buildMenu()
	win.SetMainMenu(w.menu)
	w.addShortcuts()
	win.SetCloseIntercept(func() { w.Quit() })
	win.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { w.OpenDropped(uris) })
	w.applyPrefs()
	w.setWork(docs, src, startSavePath(opt, src))
	if src != "" {
		w.rememberFolder(src) // file dialogs start beside the work
	}
	return w, nil
}

// wireView connects the document view's callbacks to the window.
func (w *Window) wireView() {
	v := w.view
	v.OnLabelRequested = w.labelRequested
	v.OnSelectionChanged = func(start, end int) { w.status.refresh() }
	v.OnSpanSelected = func(id string) {
		w.note.show(id)
		w.spans.showSelected(id)
		w.status.refresh()
		if d := w.Document(); isSuggested(d, id) {
			w.status.message(suggestionHint(&d.Spans[d.SpanByID(id)]))
		}
	}
	v.OnDeleteRequested = func(id string) { w.DeleteSpan(id) }
	v.OnKey = w.onKey
	v.OnLinkChosen = w.linkChosen
	v.OnLinkCancelled = w.linkCancelled
	v.OnEdgeMoveRequested = func(id string, edge annotate.Edge, by int) {
		w.moveBounds(id, &annotate.MoveEdge{ID: id, Edge: edge, By: by})
	}
	v.OnBoundsRequested = func(id string, start, end int) {
		w.moveBounds(id, &annotate.SetBounds{ID: id, Start: start, End: end})
	}
}

// current is the document on screen.
func (w *Window) current() *docState { return w.docs[w.cur] }

// Document is the document on screen.
func (w *Window) Document() *annotate.Document { return w.current().doc() }

// View is the document view.
func (w *Window) View() *docview.View { return w.view }

// setWork replaces everything open with docs read from source, saved to
// savePath.
func (w *Window) setWork(docs []*annotate.Document, source, savePath string) {
	w.docs = w.docs[:0]
	for _, d := range docs {
		w.docs = append(w.docs, w.newDocState(d))
	}
	w.source, w.savePath = source, savePath
	w.changes, w.autosaved = 0, 0
	w.cur = -1
	w.spans.rows = nil
	w.docList.refresh()
	w.body.Objects = []fyne.CanvasObject{w.mainSplit()}
	w.body.Refresh()
	w.showDocument(0)
	w.updateTitle()
}

func (w *Window) newDocState(d *annotate.Document) *docState {
	ds := &docState{hist: annotate.NewHistory(d)}
	ds.hist.OnChange = func() { w.edited(ds) }
	return ds
}

// showDocument puts document i of the corpus on screen.
func (w *Window) showDocument(i int) {
	if i < 0 || i >= len(w.docs) || i == w.cur {
		return
	}
	w.note.commit()
	w.cur = i
	w.view.SetDocument(w.Document())
	w.find.documentChanged()
	w.spans.refresh()
	w.note.show("")
	w.docList.refresh()
	w.status.refresh()
	w.refreshMenus()
	w.updateTitle()
	w.focusView()
}

// NextDocument and PreviousDocument step through a corpus.
func (w *Window) NextDocument() { w.showDocument(w.cur + 1) }

// PreviousDocument shows the document before the current one.
func (w *Window) PreviousDocument() { w.showDocument(w.cur - 1) }

// edited runs after every Do, Undo and Redo of ds's history.
func (w *Window) edited(ds *docState) {
	w.changes++
	if ds == w.current() {
		w.view.SpansChanged()
		w.spans.refresh()
		w.note.show(w.view.SelectedSpan())
		w.find.refreshCount()
	}
	if !w.Dirty() {
		// Undone back to the saved state: nothing left to recover.
		w.recovery.remove(w.recoveryKey())
		w.autosaved = w.changes
	}
	w.docList.refresh()
	w.status.refresh()
	w.refreshMenus()
	w.updateTitle()
}

// do applies an edit to the current document, reporting a refusal in the
// status bar.
func (w *Window) do(e annotate.Edit) bool {
	if err := w.current().hist.Do(e); err != nil {
		w.status.message(err.Error())
		return false
	}
	return true
}

// Dirty reports whether any open document has unsaved changes.
func (w *Window) Dirty() bool {
	for _, d := range w.docs {
		if d.dirty() {
			return true
		}
	}
	return false
}

// Undo undoes the last edit of the current document.
func (w *Window) Undo() {
	if !w.current().hist.Undo() {
		w.status.message("Nothing to undo")
	}
}

// Redo redoes the last undone edit of the current document.
func (w *Window) Redo() {
	if !w.current().hist.Redo() {
		w.status.message("Nothing to redo")
	}
}

// labelRequested is the view's OnLabelRequested: with only a span
// selected it relabels that span; otherwise it adds a span.
func (w *Window) labelRequested(label string, start, end int) {
	d := w.Document()
	if id := w.view.SelectedSpan(); id != "" {
		if s, e := w.view.Selection(); s == e {
			if i := d.SpanByID(id); i >= 0 && d.Spans[i].Start == start && d.Spans[i].End == end {
				if d.Spans[i].Label != label {
					w.do(annotate.Relabel(d, id, label))
				}
				return
			}
		}
	}
	w.AddSpan(label, start, end)
}

// AddSpan labels [start, end) of the current document and selects the new
// span; on a suggestion with that range and label it accepts it.
func (w *Window) AddSpan(label string, start, end int) {
	d := w.Document()
	if i := d.FindSpan(start, end, label); i >= 0 {
		if d.Spans[i].Suggested {
			// Labelling a suggestion by hand accepts it.
			w.accept(d.Spans[i].ID)
			return
		}
		w.status.message(fmt.Sprintf("%q is already a %s", d.Spans[i].Text, label))
		return
	}
	s := annotate.NewSpan(d, start, end, label, w.annotator)
	if w.do(&annotate.AddSpan{Span: s}) {
		w.status.message(fmt.Sprintf("Labelled %q %s", snippet(s.Text, 40), label))
	}
}

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

// focusView gives the keyboard back to the document view.
func (w *Window) focusView() {
	if c := w.win.Canvas(); c != nil && c.Focused() != w.view {
		c.Focus(w.view)
	}
}

// displayName names the work for the title and messages: the file it
// saves to, else the one it came from, else its first document.
func (w *Window) displayName() string {
	switch {
	case w.savePath != "":
		return filepath.Base(w.savePath)
	case w.source != "":
		return filepath.Base(w.source)
	case len(w.docs) > 0:
		return w.docs[0].doc().ID
	}
	return "untitled"
}

// updateTitle shows the file and a mark when there is unsaved work.
func (w *Window) updateTitle() {
	name := w.displayName()
	if len(w.docs) > 1 && w.cur >= 0 {
		name += fmt.Sprintf(" [%d/%d %s]", w.cur+1, len(w.docs), w.Document().ID)
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
		w.closing = true
		w.savePrefsOnQuit()
		w.quit()
	})
}

// afterDiscardCheck runs then when there is no unsaved work, or when the
// user saves it or chooses to discard it; doing is what is about to happen
// ("quitting", "opening another file").
func (w *Window) afterDiscardCheck(doing string, then func()) {
	if !w.Dirty() {
		then()
		return
	}
	w.confirm("Unsaved changes",
		fmt.Sprintf("Save your changes before %s?", doing),
		[]string{"Save", "Discard", "Cancel"},
		func(choice int) {
			switch choice {
			case 0:
				w.saveThen(then)
			case 1:
				w.recovery.remove(w.recoveryKey())
				then()
			}
		})
}
