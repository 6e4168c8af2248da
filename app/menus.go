package app

import (
	"fmt"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"gloss/app/review"
	"gloss/app/session"
)

// menuItems are the menu items whose label or state follows the work.
type menuItems struct {
	undo, redo, done    *fyne.MenuItem
	system, light, dark *fyne.MenuItem
	snap, learn         *fyne.MenuItem
	recent              *fyne.MenuItem
	// choices are Document → the document label values (Ctrl+1…9).
	choices []*fyne.MenuItem
}

// ctrl and ctrlShift make the shortcuts shown on menu items; Fyne matches
// them first, so they work whichever widget has the keyboard.
func ctrl(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

func item(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, action)
	it.Shortcut = sc
	return it
}

// buildMenu makes the main menu. Each menu has a function of its own so
// that later commands (Suggest, relation mode, Review Files…) have an
// obvious place to go.
func (w *Window) buildMenu() *fyne.MainMenu {
	return fyne.NewMainMenu(w.fileMenu(), w.editMenu(), w.suggestMenu(), w.viewMenu(), w.documentMenu(), w.helpMenu())
}

func (w *Window) fileMenu() *fyne.Menu {
	w.items.recent = fyne.NewMenuItem("Open Recent", nil)
	w.items.recent.ChildMenu = w.recentMenu()
	quit := item("Quit", ctrl(fyne.KeyQ), w.Quit)
	quit.IsQuit = true
	// In a project Ctrl+Shift+S syncs, and Save As is off: the save target
	// is the person's own file, the one Sync commits.
	saveAs := item("Save As…", ctrlShift(fyne.KeyS), w.SaveAs)
	sync := fyne.NewMenuItem("Sync", w.Sync)
	if w.team != nil {
		saveAs.Shortcut, saveAs.Disabled = nil, true
		sync.Shortcut = ctrlShift(fyne.KeyS)
	} else {
		sync.Disabled = true
	}
	return fyne.NewMenu("File",
		item("Open…", ctrl(fyne.KeyO), w.Open),
		fyne.NewMenuItem("Open Folder…", w.OpenFolder),
		fyne.NewMenuItem("Open Project…", w.OpenProject),
		w.items.recent,
		fyne.NewMenuItemSeparator(),
		item("Save", ctrl(fyne.KeyS), w.Save),
		saveAs,
		sync,
		fyne.NewMenuItemSeparator(),
		item("Import…", ctrl(fyne.KeyI), w.Import),
		item("Export…", ctrl(fyne.KeyE), w.Export),
		fyne.NewMenuItem("Review Files…", w.ReviewFiles),
		fyne.NewMenuItemSeparator(),
		quit,
	)
}

// recentMenu lists the recent files.
func (w *Window) recentMenu() *fyne.Menu {
	m := fyne.NewMenu("Open Recent")
	for _, path := range w.prefs.recent() {
		m.Items = append(m.Items, fyne.NewMenuItem(path, func() { w.OpenRecent(path) }))
	}
	if len(m.Items) == 0 {
		none := fyne.NewMenuItem("No recent files", nil)
		none.Disabled = true
		m.Items = append(m.Items, none)
	}
	return m
}

// editMenu holds the editing commands, with one pair of items per
// relation of the label set ("Said By… (S)", "Remove Said By"); the
// suggestion commands have a menu of their own (suggestMenu).
func (w *Window) editMenu() *fyne.Menu {
	w.items.undo = item("Undo", &fyne.ShortcutUndo{}, w.Undo)
	w.items.redo = item("Redo", ctrlShift(fyne.KeyZ), w.Redo)
	items := []*fyne.MenuItem{
		w.items.undo,
		w.items.redo,
		fyne.NewMenuItemSeparator(),
		item("Delete Span", &desktop.CustomShortcut{KeyName: fyne.KeyDelete}, func() { w.DeleteSpan("") }),
		fyne.NewMenuItemSeparator(),
	}
	items = append(append(items, w.boundaryItems()...), fyne.NewMenuItemSeparator())
	if rels := w.relationItems(); len(rels) > 0 {
		items = append(append(items, rels...), fyne.NewMenuItemSeparator())
	}
	return fyne.NewMenu("Edit", append(items,
		item("Find…", ctrl(fyne.KeyF), w.Find),
		item("Label All Occurrences", ctrl(fyne.KeyL), func() { w.LabelAll(w.find.label.Selected) }),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Annotator…", w.AskAnnotator),
	)...)
}

func (w *Window) viewMenu() *fyne.Menu {
	w.items.system = fyne.NewMenuItem("System Theme", func() { w.SetTheme(themeSystem) })
	w.items.light = fyne.NewMenuItem("Light Theme", func() { w.SetTheme(themeLight) })
	w.items.dark = fyne.NewMenuItem("Dark Theme", func() { w.SetTheme(themeDark) })
	w.items.snap = fyne.NewMenuItem("Snap to Words", func() { w.SetSnapping(!w.Snapping()) })
	progress := item("Project Progress…", ctrl(fyne.KeyP), w.ShowProgress)
	progress.Disabled = w.team == nil
	return fyne.NewMenu("View",
		item("Larger Text", ctrl(fyne.KeyEqual), func() { w.ZoomText(1) }),
		item("Smaller Text", ctrl(fyne.KeyMinus), func() { w.ZoomText(-1) }),
		fyne.NewMenuItemSeparator(),
		w.items.snap,
		fyne.NewMenuItemSeparator(),
		w.items.system,
		w.items.light,
		w.items.dark,
		fyne.NewMenuItemSeparator(),
		progress,
	)
}

func (w *Window) documentMenu() *fyne.Menu {
	w.items.done = item("Mark Done", ctrl(fyne.KeyD), w.ToggleDone)
	items := []*fyne.MenuItem{
		item("Next Document", ctrl(fyne.KeyPageDown), w.NextDocument),
		item("Previous Document", ctrl(fyne.KeyPageUp), w.PreviousDocument),
		fyne.NewMenuItemSeparator(),
		w.items.done,
	}
	if choices := w.choiceItems(); len(choices) > 0 {
		items = append(append(items, fyne.NewMenuItemSeparator()), choices...)
	}
	return fyne.NewMenu("Document", items...)
}

func (w *Window) helpMenu() *fyne.Menu {
	return fyne.NewMenu("Help",
		item("Keyboard Shortcuts and Labels", ctrl(fyne.KeySlash), w.ShowShortcuts),
		fyne.NewMenuItem("Guidelines", w.ShowGuidelines),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Open Sample Article", w.OpenSample),
	)
}

// rebuildMenu makes the main menu again, for what depends on whether a
// project is open (Sync and its shortcut).
func (w *Window) rebuildMenu() {
	w.menu = w.buildMenu()
	w.win.SetMainMenu(w.menu)
	w.menuShown = ""
	w.refreshMenus()
}

// addShortcuts adds the shortcuts a menu item cannot also carry: Ctrl+Y
// for redo. The document view passes shortcuts it does not use on to the
// canvas, so these work while it has the keyboard.
func (w *Window) addShortcuts() {
	w.win.Canvas().AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { w.Redo() })
}

// refreshMenus updates Undo and Redo's labels, checks and Open Recent.
func (w *Window) refreshMenus() {
	if w.menu == nil || w.s.Current() < 0 {
		return
	}
	h := w.s.History()
	what, ok := h.CanUndo()
	w.items.undo.Label, w.items.undo.Disabled = "Undo "+what, !ok
	if !ok {
		w.items.undo.Label = "Undo"
	}
	what, ok = h.CanRedo()
	w.items.redo.Label, w.items.redo.Disabled = "Redo "+what, !ok
	if !ok {
		w.items.redo.Label = "Redo"
	}
	w.items.done.Checked = session.IsDone(w.Document())
	w.refreshChoiceItems()
	w.items.snap.Checked = w.Snapping()
	w.items.learn.Checked = w.Learning()
	t := w.prefs.p.String(prefTheme)
	w.items.system.Checked = t == themeSystem
	w.items.light.Checked, w.items.dark.Checked = t == themeLight, t == themeDark
	// The menu bar is redrawn only when an item changed: a refresh of it
	// is a good part of a frame, and this runs after every edit and save.
	sig := fmt.Sprint(w.items.undo.Label, w.items.undo.Disabled, w.items.redo.Label, w.items.redo.Disabled,
		w.items.done.Checked, w.items.snap.Checked, t, w.prefs.recent())
	if sig == w.menuShown {
		return
	}
	w.menuShown = sig
	w.items.recent.ChildMenu = w.recentMenu()
	w.menu.Refresh()
}

// menuItem finds a menu item by its menu's and its own label, for tests
// and for commands that act like a click on one.
func (w *Window) menuItem(menu, label string) *fyne.MenuItem {
	for _, m := range w.menu.Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	return nil
}

// ReviewFiles asks for teammates' files and a gold file, then opens the
// review screen on them in a window of its own.
func (w *Window) ReviewFiles() { review.ShowFilesDialog(w.app, w.win, w.labels) }
