// Package review is Gloss's review screen: a team lead opens teammates'
// annotation files of the same articles, sees where they agree and
// disagree, and decides a gold file, one disagreement at a time.
//
// The gold of each document starts as the strict-majority merge of the
// files (agree.Merge): what most annotators agree on exactly is already
// in; every disagreement left is listed, and each decision (accept one
// annotator's version, accept all, reject) is an undoable edit of the gold
// through annotate.History.
package review

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/app/dialogkeys"
	"gloss/app/docview"
	"gloss/app/savework"
	"gloss/app/session"
)

// HelpLine lists the review keys; the screen shows it at the bottom.
const HelpLine = "J / K next / previous disagreement   1–9 accept annotator N   B accept all   X or R reject   " +
	"Alt+← / Alt+→ a gold span's end (with Shift: its start)   Ctrl+Z undo   Ctrl+Shift+Z redo   " +
	"Ctrl+1–9 take annotator N's document labels   Ctrl+PgDn / Ctrl+PgUp next / previous document   Ctrl+S save gold   Ctrl+Q close"

// Screen is the review screen. Create it with New, show Content in a
// window (NewWindow does all of it) and install Menu.
type Screen struct {
	c      *corpus
	labels *annotate.LabelSet
	// sess holds the gold: its documents (made when needed, see
	// corpus.makeGold), their histories, where Ctrl+S saves, the journal.
	sess *session.Session

	cur int // the open document, an index into c.docs
	ds  *docState
	// states are the documents parsed for the screen, by index; recent
	// the least recently shown first. Those the session keeps (decided)
	// stay; of the others, stateCache.
	states map[int]*docState
	recent []int
	at     int // the current site of the open document, or -1
	// listed is the decisions as the disagreement list shows them.
	listed []choice
	// confirm asks the unsaved-work and recovery questions; tests answer.
	confirm savework.Confirm
	// dialogs gives the window's dialogs Enter and Esc.
	dialogs dialogkeys.Stack
	// closing is set when the window is to close once a save is done.
	closing bool

	// OnChanged, if set, runs after every decision, undo, redo, save and
	// move: the window uses it for its title.
	OnChanged func()

	win      fyne.Window
	content  fyne.CanvasObject
	view     *docview.View
	lanes    []*docview.View
	laneDocs []*annotate.Document // what each lane shows
	laneHas  []*widget.Label
	docList  *widget.List
	siteList *widget.List
	status   *widget.Label
	heading  *widget.Label
	agreeBox *fyne.Container
	leftOut  *widget.Label
	choices  *choiceStrip
	menu     *fyne.MainMenu
	undoItem *fyne.MenuItem
	redoItem *fyne.MenuItem
}

// updateUndoItems names in the Edit menu what Undo and Redo would do in
// the open document, and disables them when there is nothing.
func (s *Screen) updateUndoItems() {
	if s.undoItem == nil {
		return
	}
	h := s.sess.History()
	what, ok := h.CanUndo()
	s.undoItem.Label, s.undoItem.Disabled = strings.TrimSpace("Undo "+what), !ok
	what, ok = h.CanRedo()
	s.redoItem.Label, s.redoItem.Disabled = strings.TrimSpace("Redo "+what), !ok
	if s.menu != nil {
		s.menu.Refresh()
	}
}

// New loads and pairs the files (native JSONL, checked against labels; nil
// means the built-in set) and returns the screen on the least agreed
// document. Bad input (FILE:LINE: problems, a file without documents,
// unknown labels, bad offsets) is an error and nothing is shown; documents
// whose text differs between files, or that some file lacks, are left out
// and named on the screen.
//
// Its saves are made before New's caller hears of them; NewWindow's run
// in the background, as the main window's do.
func New(files []string, gold string, labels *annotate.LabelSet) (*Screen, error) {
	return newScreen(files, gold, labels, session.Options{})
}

// stateCache is how many documents the screen keeps parsed besides the
// decided ones.
const stateCache = 16

// newScreen is New with the gold's session options (its Post and
// recovery folder); their Labels and Annotator are set here.
func newScreen(files []string, gold string, labels *annotate.LabelSet, opt session.Options) (*Screen, error) {
	if labels == nil {
		labels = annotate.DefaultLabelSet()
	}
	c, err := load(files, gold, labels)
	if err != nil {
		return nil, err
	}
	// The gold is nobody's: the merge names it, no stamp.
	opt.Labels, opt.Annotator = labels, ""
	s := &Screen{c: c, labels: labels, at: -1, cur: -1, states: map[int]*docState{}}
	s.sess = session.New(opt)
	s.sess.OnChange(s.sessionChanged)
	if err := s.sess.Start(session.MadeWork(c.goldIDs(), c.makeGold, gold)); err != nil {
		c.close()
		return nil, err
	}
	if s.sess.Current() < 0 {
		c.close()
		_, err := c.makeGold(0)
		return nil, err
	}
	s.build(gold)
	s.openDoc(0)
	if s.ds == nil {
		c.close()
		return nil, errors.New(s.status.Text)
	}
	return s, nil
}

// doc is the open document.
func (s *Screen) doc() *docState { return s.ds }

// Session is the gold's session: its documents, histories and saves.
func (s *Screen) Session() *session.Session { return s.sess }

// stateOf is document i parsed for the screen, with gold its gold now.
func (s *Screen) stateOf(i int, gold *annotate.Document) (*docState, error) {
	if k := slices.Index(s.recent, i); k >= 0 {
		s.recent = slices.Delete(s.recent, k, k+1)
	}
	s.recent = append(s.recent, i)
	ds := s.states[i]
	if ds == nil {
		var err error
		if ds, err = s.c.state(i, gold); err != nil {
			return nil, err
		}
		s.states[i] = ds
	}
	for k := 0; len(s.recent) > stateCache && k < len(s.recent); {
		j := s.recent[k]
		if j == i || s.sess.Kept(j) {
			k++
			continue
		}
		delete(s.states, j)
		s.recent = slices.Delete(s.recent, k, k+1)
	}
	return ds, nil
}

// sessionChanged shows a change of the gold's session.
func (s *Screen) sessionChanged(c session.Change) {
	switch c.Kind {
	case session.Edited:
		if c.Doc == s.cur && s.ds != nil {
			s.goldChanged()
		}
	case session.SaveStarted, session.SaveProgress:
		s.changed()
	case session.Saved, session.SaveFailed:
		s.changed()
		if s.closing {
			s.closing = false
			s.closeRequested()
		}
	case session.Recovered:
		// Recovered golds replace theirs: what was decided is read back
		// from them.
		clear(s.states)
		s.recent = nil
		cur := s.cur
		s.cur, s.ds = -1, nil
		s.openDoc(cur)
		s.docList.Refresh()
	case session.JournalFailed:
		s.status.SetText(c.Err.Error() + ": unsaved decisions would not survive a crash; save them")
	}
}

// build makes the widgets; gold is the gold file named at the start.
func (s *Screen) build(gold string) {
	s.view = docview.New(nil, s.labels)
	s.view.OnKey = s.onKey
	s.view.OnLabelRequested = s.labelByHand
	s.view.OnDeleteRequested = s.deleteByHand
	s.view.OnEdgeMoveRequested = func(id string, edge annotate.Edge, by int) {
		s.moveBounds(&annotate.MoveEdge{ID: id, Edge: edge, By: by})
	}
	s.view.OnBoundsRequested = func(id string, start, end int) {
		s.moveBounds(&annotate.SetBounds{ID: id, Start: start, End: end})
	}

	lanes := container.NewVBox()
	for k, name := range s.c.names {
		l := truncated(fmt.Sprintf("%d · %s", k+1, name), true)
		has := truncated("", false)
		s.laneHas = append(s.laneHas, has)
		v := docview.New(nil, s.labels)
		v.OnKey = s.onKey
		s.lanes = append(s.lanes, v)
		s.laneDocs = append(s.laneDocs, nil)
		// A lane: who, and what they have here, beside their passage.
		who := container.New(&fixedWidth{w: 130}, container.NewVBox(l, has))
		lanes.Add(container.New(&fixedHeight{h: laneHeight}, container.NewBorder(nil, nil, who, nil, clipped(v))))
		lanes.Add(widget.NewSeparator())
	}

	s.docList = widget.NewList(
		func() int { return len(s.c.docs) },
		func() fyne.CanvasObject {
			return container.New(&tightVBox{}, truncated("document", true), truncated("figures", false))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			info := &s.c.docs[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(info.id)
			// f1 pools spans and speakers: the figure the list is sorted by.
			box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("f1 %.2f  κ %.2f  %d open of %d",
				info.f1, info.kappa, info.open, info.sites))
		})
	s.docList.OnSelected = func(i widget.ListItemID) {
		if i != s.cur {
			s.openDoc(i)
		}
		s.focusView()
	}
	s.leftOut = widget.NewLabel("")
	s.leftOut.Wrapping = fyne.TextWrapWord
	var notes []string
	if s.c.resumed > 0 {
		notes = append(notes, fmt.Sprintf("Resumed %d document(s) from %s.", s.c.resumed, filepath.Base(gold)))
	}
	if len(s.c.leftOut) > 0 {
		notes = append(notes, "Left out:\n"+strings.Join(s.c.leftOut, "\n"))
	}
	s.leftOut.SetText(strings.Join(notes, "\n"))
	var docs fyne.CanvasObject = s.docList
	if len(notes) > 0 {
		// The notes scroll in their own pane: a wrapped label in a narrow
		// column would otherwise take the list's height.
		split := container.NewVSplit(s.docList, container.NewVScroll(s.leftOut))
		split.Offset = 0.6
		docs = split
	}
	docsPanel := container.NewBorder(container.NewVBox(truncated("Documents", true), small("least agreed first")),
		nil, nil, nil, docs)

	s.siteList = widget.NewList(
		func() int { return len(s.doc().sites) },
		func() fyne.CanvasObject {
			// A heading and one line per annotator: every row has the
			// same height, as widget.List wants.
			box := container.New(&tightVBox{}, truncated("kind", true))
			for range s.c.names {
				box.Add(truncated("version", false))
			}
			return box
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			head, lines := s.describeSite(i)
			box.Objects[0].(*widget.Label).SetText(head)
			for k, l := range lines {
				box.Objects[k+1].(*widget.Label).SetText(l)
			}
		})
	s.siteList.OnSelected = func(i widget.ListItemID) {
		if i != s.at {
			s.selectSite(i)
		}
		s.focusView()
	}
	sitesPanel := container.NewBorder(container.NewVBox(truncated("Disagreements", true), small("in text order")),
		nil, nil, nil, s.siteList)

	s.heading = truncated("", true)
	s.choices = newChoiceStrip(s)
	goldPane := container.NewBorder(container.NewVBox(s.heading, s.choices.box), nil, nil, nil, clipped(s.view))
	lanePane := container.NewBorder(small("Each annotator's version of this disagreement: solid marks are disputed, dashed ones are their other spans nearby"),
		nil, nil, nil, container.NewVScroll(lanes))
	centre := container.NewVSplit(goldPane, lanePane)
	// The lanes take what they need for three annotators; more scroll.
	centre.Offset = 1 - float64(min(len(s.c.names), 3))*0.14 - 0.06

	s.agreeBox = container.NewVBox()
	tabs := container.NewAppTabs(
		container.NewTabItem("Review", centre),
		container.NewTabItem("Agreement", container.NewVScroll(s.agreeBox)),
	)
	right := container.NewHSplit(tabs, sitesPanel)
	right.Offset = 0.7
	main := container.NewHSplit(docsPanel, right)
	main.Offset = 0.15

	s.status = truncated("", false)
	help := small(HelpLine)
	s.content = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), s.status, help), nil, nil, main)
}

// Content is the screen's widget tree, for a window of its own or a tab
// of the main window.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// describeSite says site i of the open document for the list: a heading
// (number, kind, labels, decision) and each annotator's text there. At a
// quote or claim, each annotator's speaker follows ("— Macron"); a
// speaker site names its source in the heading and each annotator's
// speakers in the lines.
func (s *Screen) describeSite(i int) (string, []string) {
	ds := s.doc()
	st := &ds.sites[i]
	decision := ds.choices[i].describe(s.c.names)
	if st.speaker() {
		head := fmt.Sprintf("%d  %s  %s “%s” — %s", i+1, st.kind, st.source.Label, clip(st.source.Text, 40), decision)
		var lines []string
		for k := range st.versions {
			lines = append(lines, fmt.Sprintf("   %d %s: %s", k+1, s.c.names[k], speakerCaption(ds.docs[k], st)))
		}
		return head, lines
	}
	var labels []string
	for _, k := range st.keys {
		if !containsString(labels, k.label) {
			labels = append(labels, k.label)
		}
	}
	head := fmt.Sprintf("%d  %s  %s — %s", i+1, st.kind, strings.Join(labels, "/"), decision)
	var lines []string
	for k, v := range st.versions {
		var parts []string
		for _, sp := range v {
			part := sp.Label + " “" + clip(sp.Text, 48) + "”"
			if c := docview.RelationCaption(ds.docs[k], sp.ID); c != "" {
				part += " " + c
			}
			parts = append(parts, part)
		}
		if len(parts) == 0 {
			parts = []string{"—"}
		}
		lines = append(lines, fmt.Sprintf("   %d %s: %s", k+1, s.c.names[k], strings.Join(parts, ", ")))
	}
	return head, lines
}

// speakerCaption names the speakers d gives the source of speaker site st
// as the document view's caption after the quote does ("— Macron"), or
// says that there are none, or that d lacks the source.
func speakerCaption(d *annotate.Document, st *site) string {
	i := d.FindSpan(st.source.Start, st.source.End, st.source.Label)
	if i < 0 || !d.Spans[i].Asserted() {
		return "no " + st.source.Label + " here"
	}
	if c := docview.RelationCaption(d, d.Spans[i].ID); c != "" {
		return c
	}
	return "no speaker"
}

func containsString(list []string, x string) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// clip shortens text to n code points with an ellipsis in the middle.
func clip(text string, n int) string {
	rs := []rune(strings.ReplaceAll(text, "\n", " "))
	if len(rs) <= n {
		return string(rs)
	}
	return string(rs[:n/2]) + "…" + string(rs[len(rs)-n/2:])
}

// openDoc shows document i and its first open disagreement, parsing it
// (and making its gold) when it is not in memory.
func (s *Screen) openDoc(i int) {
	if i < 0 || i >= len(s.c.docs) || (i == s.cur && s.ds != nil) {
		return
	}
	gold, err := s.sess.Doc(i)
	if err != nil {
		s.showError(err)
		return
	}
	ds, err := s.stateOf(i, gold)
	if err != nil {
		s.showError(err)
		return
	}
	if err := s.sess.Show(i); err != nil {
		s.showError(err)
		return
	}
	s.cur, s.ds = i, ds
	ds.gold = s.sess.Document()
	s.listed = slices.Clone(ds.choices)
	s.view.SetDocument(ds.gold)
	s.choices.refresh()
	s.at = -1
	s.docList.Select(i)
	s.siteList.UnselectAll()
	s.siteList.Refresh()
	s.refreshAgreement()
	first := 0
	for k, c := range ds.choices {
		if c == undecided {
			first = k
			break
		}
	}
	if len(ds.sites) > 0 {
		s.selectSite(first)
	} else {
		s.showLanes()
		s.changed()
	}
}

// selectSite makes site i of the open document the current one: the
// gold view scrolls to it and outlines it, and the lanes show each
// annotator's version.
func (s *Screen) selectSite(i int) {
	ds := s.doc()
	if i < 0 || i >= len(ds.sites) {
		return
	}
	s.at = i
	st := &ds.sites[i]
	s.view.SetFindMatches([][2]int{{st.start, st.end}})
	s.view.ScrollToOffset(st.start)
	s.siteList.Select(i)
	s.siteList.ScrollTo(i)
	s.showLanes()
	s.changed()
}

// showLanes fills the lanes with the passage around the current site as
// each annotator has it.
func (s *Screen) showLanes() {
	ds := s.doc()
	if s.at < 0 {
		for k, v := range s.lanes {
			v.SetDocument(nil)
			v.SetFindMatches(nil)
			s.laneHas[k].SetText("")
			s.laneDocs[k] = nil
		}
		return
	}
	if ds.runes == nil {
		ds.runes = []rune(ds.gold.Text)
	}
	st := &ds.sites[s.at]
	for k, v := range s.lanes {
		sn := makeSnippet(ds.runes, ds.docs[k], st)
		s.laneDocs[k] = sn.doc
		v.SetDocument(sn.doc)
		v.SetFindMatches([][2]int{sn.site})
		have := "nothing here"
		if st.speaker() {
			have = speakerCaption(ds.docs[k], st)
		} else if n := len(st.versions[k]); n > 0 {
			var parts []string
			for _, sp := range st.versions[k] {
				parts = append(parts, sp.Label)
			}
			have = strings.Join(parts, ", ")
		}
		s.laneHas[k].SetText(have)
	}
}

// refreshAgreement redraws the agreement tab for the corpus and the open
// document.
func (s *Screen) refreshAgreement() {
	ds := s.doc()
	s.agreeBox.Objects = []fyne.CanvasObject{
		truncated(fmt.Sprintf("Corpus — %d document(s), annotators %s", s.c.report.Documents, strings.Join(numbered(s.c.names), ", ")), true),
		agreementTable(s.c.report),
		agreementChart(s.c.report, s.labels),
		widget.NewSeparator(),
		truncated("This document — "+ds.id, true),
		agreementTable(ds.report),
		agreementChart(ds.report, s.labels),
	}
	s.agreeBox.Refresh()
}

// changed updates the status line and tells OnChanged.
func (s *Screen) changed() {
	ds := s.doc()
	pos := "no disagreements"
	if len(ds.sites) > 0 {
		pos = fmt.Sprintf("disagreement %d of %d (%d open)", s.at+1, len(ds.sites), ds.open())
	}
	save := "gold: " + s.goldName()
	if saving, frac := s.sess.Saving(); saving {
		save += fmt.Sprintf(" — saving… %d%%", int(frac*100))
	} else if s.Dirty() {
		save += " — unsaved decisions"
	}
	s.heading.SetText(fmt.Sprintf("Gold of %s (document %d of %d)", ds.id, s.cur+1, len(s.c.docs)))
	s.status.SetText(fmt.Sprintf("%s   ·   %s   ·   %s", ds.id, pos, save))
	s.updateUndoItems()
	if s.OnChanged != nil {
		s.OnChanged()
	}
}

func (s *Screen) goldName() string {
	if s.sess.SavePath() == "" {
		return "not saved yet"
	}
	return s.sess.SavePath()
}

// goldChanged runs after every edit of the open document's gold.
func (s *Screen) goldChanged() {
	s.view.SpansChanged()
	s.choices.refresh()
	// Only the rows whose decision changed are redrawn: re-laying out
	// every visible row's truncated labels is most of a decision's time.
	ds := s.doc()
	for i, c := range ds.choices {
		if c != s.listed[i] {
			s.listed[i] = c
			s.siteList.RefreshItem(i)
		}
	}
	s.c.docs[s.cur].open = ds.open()
	s.docList.RefreshItem(s.cur)
	s.changed()
}

// Dirty reports whether some document's gold has decisions not saved.
func (s *Screen) Dirty() bool { return s.sess.Dirty() }

// Title is the window title: the gold file and an unsaved mark.
func (s *Screen) Title() string {
	t := "Gloss Review — " + filepath.Base(s.goldName())
	if s.sess.SavePath() == "" {
		t = "Gloss Review"
	}
	if s.Dirty() {
		t = "● " + t
	}
	return t
}

// Next and Prev move to the next or previous disagreement of the open
// document, wrapping around.
func (s *Screen) Next() { s.step(1) }

// Prev moves to the previous disagreement.
func (s *Screen) Prev() { s.step(-1) }

func (s *Screen) step(dir int) {
	n := len(s.doc().sites)
	if n == 0 {
		return
	}
	i := s.at + dir
	if s.at < 0 && dir < 0 {
		i = n - 1
	}
	s.selectSite((i%n + n) % n)
}

// NextDoc and PrevDoc open the next or previous document of the list.
func (s *Screen) NextDoc() { s.openDoc(min(s.cur+1, len(s.c.docs)-1)) }

// PrevDoc opens the previous document of the list.
func (s *Screen) PrevDoc() { s.openDoc(max(s.cur-1, 0)) }

// Accept keeps annotator k's version (0-based) of the current
// disagreement in the gold and moves on.
func (s *Screen) Accept(k int) {
	if k >= 0 && k < len(s.c.names) {
		s.decide(choice(k))
	}
}

// AcceptAll keeps every annotator's version of the current disagreement.
func (s *Screen) AcceptAll() { s.decide(both) }

// Reject keeps none of the versions of the current disagreement.
func (s *Screen) Reject() { s.decide(neither) }

func (s *Screen) decide(c choice) {
	ds := s.doc()
	if s.at < 0 {
		return
	}
	if err := s.sess.Do(ds.decide(s.at, c, s.c.names)); err != nil {
		s.showError(err)
		return
	}
	s.advance()
}

// advance moves to the next open disagreement after the current one, if
// any.
func (s *Screen) advance() {
	ds := s.doc()
	n := len(ds.sites)
	for d := 1; d < n; d++ {
		if i := (s.at + d) % n; ds.choices[i] == undecided {
			s.selectSite(i)
			return
		}
	}
	s.selectSite(s.at)
}

// Undo undoes the last decision or edit of the open document's gold and
// goes back to the disagreement it was about.
func (s *Screen) Undo() { s.replay(s.sess.Undo) }

// Redo redoes what Undo undid.
func (s *Screen) Redo() { s.replay(s.sess.Redo) }

// replay runs an undo or redo and selects the disagreement whose decision
// it changed, so that the lead sees what changed.
func (s *Screen) replay(do func() bool) {
	ds := s.doc()
	before := slices.Clone(ds.choices)
	if !do() {
		return
	}
	for i, c := range ds.choices {
		if c != before[i] {
			s.selectSite(i)
			return
		}
	}
}

// labelByHand adds a span the lead marked in the gold view: the gold can
// be fixed where no annotator got it right.
func (s *Screen) labelByHand(label string, start, end int) {
	ds := s.doc()
	if ds.gold.FindSpan(start, end, label) >= 0 {
		return
	}
	sp := annotate.Span{ID: goldSpanID(ds.gold, start, end, label), Start: start, End: end, Label: label, Text: ds.gold.Slice(start, end)}
	if err := s.sess.Do(&annotate.AddSpan{Span: sp}); err != nil {
		s.showError(err)
	}
}

// deleteByHand removes a gold span the lead selected.
func (s *Screen) deleteByHand(id string) {
	if err := s.sess.Do(&annotate.RemoveSpan{ID: id}); err != nil {
		s.showError(err)
	}
}

// onKey handles the review keys typed in the gold view or a lane. Keys
// are taken from typed characters only (a key press also arrives as a
// KeyEvent named like its character, with a hardware scan code, which is
// left to the view), so that one press acts once.
func (s *Screen) onKey(ev *fyne.KeyEvent) bool {
	if ev.Physical != (fyne.HardwareKey{}) {
		return false
	}
	return s.typed(string(ev.Name))
}

// typed acts on one typed character; it reports whether it was a review
// key.
func (s *Screen) typed(ch string) bool {
	switch ch {
	case "j", "J":
		s.Next()
	case "k", "K":
		s.Prev()
	case "b", "B":
		s.AcceptAll()
	case "x", "X", "r", "R":
		s.Reject()
	default:
		if len(ch) == 1 && ch[0] >= '1' && ch[0] <= '9' {
			s.Accept(int(ch[0] - '1'))
			return true
		}
		return false
	}
	return true
}

// Save writes every document's gold to the gold file (see SaveTo); with
// no gold file yet it asks for one (when the screen has a window).
func (s *Screen) Save() { s.save(nil) }

// save saves the gold (asking where when there is no gold file yet) and
// then, if the save succeeded, runs then (nil: nothing).
func (s *Screen) save(then func()) {
	if s.sess.SavePath() == "" {
		s.saveAs(then)
		return
	}
	s.saveTo(s.sess.SavePath(), then)
}

// SaveTo writes the gold to path and makes path the gold file: the
// documents in the order of the list, then the documents of a resumed
// gold file that were not reviewed, unchanged. Left-out documents are
// not in it. The session saves (session.SaveTo): atomically, decisions
// made meanwhile stay unsaved, and in the background when the screen has
// a loop to report to (NewWindow). then, if not nil, hears how it went.
func (s *Screen) SaveTo(path string, then func(error)) { s.sess.SaveTo(path, then) }

// saveTo saves to path, showing a failure, and runs then (if not nil)
// when the save succeeded.
func (s *Screen) saveTo(path string, then func()) {
	s.sess.SaveTo(path, func(err error) {
		if err != nil {
			s.showError(err)
			return
		}
		if then != nil {
			then()
		}
	})
}

// SaveAs asks where to save the gold, then saves it.
func (s *Screen) SaveAs() { s.saveAs(nil) }

// saveAs asks where to save the gold, saves it, and then runs then (nil:
// nothing) if the save succeeded.
func (s *Screen) saveAs(then func()) {
	if s.win == nil {
		s.showError(errors.New("no gold file to save to: name one with -o"))
		return
	}
	savework.AskSavePath(s.win, "gold.jsonl", []string{".jsonl"}, nil, func(path string) { s.saveTo(path, then) }, s.showError)
}

// showError tells the user; without a window (tests) it is dropped after
// going to the status line.
func (s *Screen) showError(err error) {
	s.status.SetText("Error: " + err.Error())
	if s.win != nil {
		dialog.ShowError(err, s.win)
	}
}

// focusView gives the keyboard back to the gold view.
func (s *Screen) focusView() {
	if s.win != nil {
		s.win.Canvas().Focus(s.view)
	}
}

// shortcut is a key with modifiers, for menus and the canvas.
func shortcut(k fyne.KeyName, m fyne.KeyModifier) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: m}
}

// plainKey shows a key without modifiers beside a menu item; the view's
// key handling acts on it (a menu cannot match a bare key).
func plainKey(k fyne.KeyName) *desktop.CustomShortcut { return shortcut(k, 0) }

// Menu is the screen's main menu: File (save), Edit (undo, redo, moving
// a gold span's ends) and
// Review (every review key). It is made once; its Undo and Redo items
// name what they would do.
func (s *Screen) Menu() *fyne.MainMenu {
	if s.menu != nil {
		return s.menu
	}
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, sc fyne.Shortcut, do func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, do)
		it.Shortcut = sc
		return it
	}
	// Ctrl+Z arrives from the driver as fyne.ShortcutUndo, not as a
	// custom shortcut: only that matches it.
	s.undoItem = item("Undo", &fyne.ShortcutUndo{}, s.Undo)
	s.redoItem = item("Redo", shortcut(fyne.KeyZ, ctrl|fyne.KeyModifierShift), s.Redo)
	s.updateUndoItems()
	review := []*fyne.MenuItem{
		item("Next Disagreement", plainKey(fyne.KeyJ), s.Next),
		item("Previous Disagreement", plainKey(fyne.KeyK), s.Prev),
		fyne.NewMenuItemSeparator(),
	}
	for k, name := range s.c.names {
		if k >= 9 {
			break
		}
		review = append(review, item("Accept "+strconv.Itoa(k+1)+" "+name, plainKey(fyne.KeyName(strconv.Itoa(k+1))), func() { s.Accept(k) }))
	}
	review = append(review,
		item("Accept All", plainKey(fyne.KeyB), s.AcceptAll),
		item("Reject", plainKey(fyne.KeyX), s.Reject),
		fyne.NewMenuItemSeparator(),
		item("Next Document", shortcut(fyne.KeyPageDown, ctrl), s.NextDoc),
		item("Previous Document", shortcut(fyne.KeyPageUp, ctrl), s.PrevDoc),
	)
	review = append(review, s.choiceItems(item)...)
	// Ctrl+Q closes the review window as its close button does, asking
	// about unsaved decisions; from gloss review it is the only window,
	// so the app ends. As the File menu's quit item it also keeps Fyne
	// from adding a Quit of its own that would close every window.
	closeItem := item("Close Review", shortcut(fyne.KeyQ, ctrl), s.Close)
	closeItem.IsQuit = true
	s.menu = fyne.NewMainMenu(
		fyne.NewMenu("File",
			item("Save Gold", shortcut(fyne.KeyS, ctrl), s.Save),
			item("Save Gold As…", shortcut(fyne.KeyS, ctrl|fyne.KeyModifierShift), s.SaveAs),
			fyne.NewMenuItemSeparator(),
			closeItem,
		),
		fyne.NewMenu("Edit", append([]*fyne.MenuItem{
			s.undoItem,
			s.redoItem,
			fyne.NewMenuItemSeparator(),
		}, s.boundaryItems(item)...)...),
		fyne.NewMenu("Review", review...),
	)
	return s.menu
}

// addShortcuts puts the menu's shortcuts on the canvas too, so that they
// work where no menu bar matches them first (the view passes on the
// shortcuts it does not use); Ctrl+Y (fyne.ShortcutRedo from the driver)
// redoes as well.
func (s *Screen) addShortcuts(c fyne.Canvas) {
	for _, m := range s.Menu().Items {
		for _, it := range m.Items {
			if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok && sc.Modifier != 0 {
				c.AddShortcut(sc, func(fyne.Shortcut) { it.Action() })
			}
		}
	}
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { s.Undo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { s.Redo() })
}

// NewWindow loads the files into a review screen in a window of its own,
// with its menu and keys, a title that marks unsaved decisions, and a
// question before closing with unsaved decisions. The caller shows it.
func NewWindow(a fyne.App, files []string, gold string, labels *annotate.LabelSet) (fyne.Window, error) {
	s, err := newScreen(files, gold, labels, session.Options{Post: fyne.Do})
	if err != nil {
		return nil, err
	}
	w := a.NewWindow(s.Title())
	w.SetContent(s.Content())
	s.Attach(w)
	w.Resize(fyne.NewSize(1280, 860))
	return w, nil
}

// Attach makes w the screen's window: dialogs, menu, shortcuts, typed
// keys when nothing has focus, the title and the question on close. Call
// it after w.SetContent(s.Content()): it gives the gold view the focus.
func (s *Screen) Attach(w fyne.Window) {
	s.win = w
	w.SetMainMenu(s.Menu())
	s.addShortcuts(w.Canvas())
	w.Canvas().SetOnTypedRune(func(r rune) { s.typed(string(r)) })
	s.dialogs.Install(w.Canvas()) // Enter and Esc in its dialogs
	s.OnChanged = func() { w.SetTitle(s.Title()) }
	w.SetTitle(s.Title())
	w.SetCloseIntercept(s.closeRequested)
	w.SetOnClosed(s.closed)
	w.Canvas().Focus(s.view)
	if s.confirm == nil {
		s.confirm = savework.Dialog(w, s.focusView, s.dialogs.Show)
	}
	savework.OfferRecovery(s.confirm, s.sess, "the gold "+s.goldName(), s.status.SetText)
}

// fixedHeight gives its objects their width and a fixed height.
type fixedHeight struct{ h float32 }

// MinSize implements fyne.Layout.
func (f *fixedHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w, f.h)
}

// Layout implements fyne.Layout.
func (f *fixedHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// laneHeight fits three lines of a lane's passage.
const laneHeight = 92

// truncated is a one-line label that shortens with an ellipsis rather
// than widening its column.
func truncated(text string, bold bool) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// small is a one-line caption in the theme's smaller text.
func small(text string) *widget.Label {
	l := truncated(text, false)
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// tightVBox stacks its objects with no padding between them, so that a
// list row's lines read as one entry.
type tightVBox struct{}

// MinSize implements fyne.Layout.
func (tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height - 2*theme.InnerPadding()/2
	}
	return s
}

// Layout implements fyne.Layout.
func (tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height - theme.InnerPadding()
		o.Move(fyne.NewPos(0, y-theme.InnerPadding()/2))
		o.Resize(fyne.NewSize(size.Width, h+theme.InnerPadding()))
		y += h
	}
}

// clipped puts o in a scroll that does not scroll: Fyne clips only
// scrolls, and a document view draws a partly scrolled line past its top.
func clipped(o fyne.CanvasObject) fyne.CanvasObject {
	sc := container.NewScroll(o)
	sc.Direction = container.ScrollNone
	return sc
}

// numbered gives each name its key: "1 ana".
func numbered(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strconv.Itoa(i+1) + " " + n
	}
	return out
}

// Close closes the review window, first asking whether to save unsaved
// decisions (File → Close Review, Ctrl+Q).
func (s *Screen) Close() { s.closeRequested() }

// closeRequested closes the window, first asking whether to save when
// there are unsaved decisions; a save running is waited for (its file is
// renamed into place only at its end).
func (s *Screen) closeRequested() {
	savework.Guard(s.confirm, s.Dirty(), "Unsaved decisions",
		"The gold has decisions that are not saved. Save them before closing?",
		s.save, s.sess.DiscardRecovery, func() {
			if saving, _ := s.sess.Saving(); saving {
				s.closing = true
				s.status.SetText("Closing once the save is done…")
				return
			}
			s.win.Close()
		})
}

// closed ends the gold's session and lets go of the files once the
// window is closed.
func (s *Screen) closed() {
	s.sess.Close()
	s.c.close()
}
