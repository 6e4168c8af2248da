package app

import (
	"os"
	"os/user"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
)

// Preference keys.
const (
	prefAnnotator  = "annotator"
	prefWidth      = "window.width"
	prefHeight     = "window.height"
	prefTextSize   = "text.size"
	prefTheme      = "theme"
	prefRecent     = "recent"
	prefLastFolder = "folder.last"
	prefNoSnap     = "snap.off"
	prefViewSplit  = "split.view"
	prefDocsSplit  = "split.docs"
)

// maxRecent is how many files File → Open Recent lists.
const maxRecent = 10

// defaultSize is the window's size on first start.
var defaultSize = fyne.NewSize(1180, 780)

// prefs reads and writes Gloss's remembered settings.
type prefs struct{ p fyne.Preferences }

func (p prefs) annotator() string { return p.p.String(prefAnnotator) }

func (p prefs) recent() []string { return p.p.StringList(prefRecent) }

// addRecent puts path first in the recent files.
func (p prefs) addRecent(path string) {
	list := slices.DeleteFunc(p.recent(), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	p.p.SetStringList(prefRecent, list)
}

// split is a remembered split position, or def when there is none (or
// it is out of range).
func (p prefs) split(key string, def float64) float64 {
	if f := p.p.Float(key); f > 0.05 && f < 0.95 {
		return f
	}
	return def
}

func (p prefs) windowSize() fyne.Size {
	w, h := p.p.Float(prefWidth), p.p.Float(prefHeight)
	if w < 400 || h < 300 {
		return defaultSize
	}
	return fyne.NewSize(float32(w), float32(h))
}

// pickAnnotator chooses the annotator's name: the command line's, else the
// saved preference, else the login name.
func pickAnnotator(flag, saved string) string {
	switch {
	case flag != "":
		return flag
	case saved != "":
		return saved
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if s := os.Getenv("USER"); s != "" {
		return s
	}
	return "annotator"
}

// SetAnnotator changes the name stamped on new spans and remembers it.
func (w *Window) SetAnnotator(name string) {
	if name == "" {
		return
	}
	w.s.SetAnnotator(name)
	w.prefs.p.SetString(prefAnnotator, name)
	w.refreshStatus()
}

// Annotator is the name stamped on new spans.
func (w *Window) Annotator() string { return w.s.Annotator() }

// applyPrefs restores the window size and text size (New applies the
// theme first of all).
func (w *Window) applyPrefs() {
	size := w.prefs.windowSize()
	w.win.Resize(size)
	// The size is written now, not only on quit: Fyne saves preferences
	// on a goroutine as each changes and once more when the app stops,
	// and a change made in the last moments before the process ends was
	// seen lost (the height missing, the width there). A quit that did
	// not resize the window then changes nothing.
	w.prefs.setFloat(prefWidth, float64(size.Width))
	w.prefs.setFloat(prefHeight, float64(size.Height))
	if s := w.prefs.p.Float(prefTextSize); s > 0 {
		w.view.SetTextSize(float32(s))
	}
	w.view.SetSnapping(!w.prefs.p.Bool(prefNoSnap))
}

// Snapping reports whether selections and dragged span ends snap to whole
// words (View → Snap to Words; on unless switched off).
func (w *Window) Snapping() bool { return !w.prefs.p.Bool(prefNoSnap) }

// SetSnapping switches snapping to words on or off and remembers it.
func (w *Window) SetSnapping(on bool) {
	w.prefs.p.SetBool(prefNoSnap, !on)
	w.view.SetSnapping(on)
	w.refreshMenus()
	if on {
		w.status.message("Selections and dragged span ends snap to whole words")
	} else {
		w.status.message("Snapping off: selections and dragged span ends stop at any character")
	}
}

// savePrefsOnQuit remembers the window size and the panels' widths.
func (w *Window) savePrefsOnQuit() {
	w.rememberSplits()
	sz := w.win.Canvas().Size()
	if sz.Width >= 400 && sz.Height >= 300 {
		w.prefs.setFloat(prefWidth, float64(sz.Width))
		w.prefs.setFloat(prefHeight, float64(sz.Height))
	}
}

// setFloat stores f under key unless it is there already: every change
// makes Fyne write the preferences file, and fewer writes at quit leave
// fewer to race with the last one.
func (p prefs) setFloat(key string, f float64) {
	if p.p.FloatWithFallback(key, -1) == f {
		return
	}
	p.p.SetFloat(key, f)
}

func ftoa(f float32) string { return strconv.FormatFloat(float64(f), 'f', -1, 32) }
