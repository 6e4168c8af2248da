package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// variantTheme is the default theme held to one variant, whatever the
// system prefers: View → Light or Dark.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color implements fyne.Theme.
func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// Theme names as stored in the preferences; the system's is none.
const (
	themeSystem = ""
	themeLight  = "light"
	themeDark   = "dark"
)

// SetTheme switches between "light" and "dark" ("", themeSystem, follows
// the system) and remembers the choice; View → Theme checks it.
func (w *Window) SetTheme(name string) {
	name = applyTheme(w.app, name)
	w.prefs.p.SetString(prefTheme, name)
	w.refreshMenus()
	w.status.message(themeTitle(name) + " theme")
}

// themeTitle is how the View menu names a theme.
func themeTitle(name string) string {
	switch name {
	case themeLight:
		return "Light"
	case themeDark:
		return "Dark"
	}
	return "System"
}

// applyTheme sets the app's theme by name and returns the name in effect.
// New applies the saved theme before it makes any widget: widgets drawn
// before a theme change made ahead of the window's first showing keep
// their old colours.
func applyTheme(a fyne.App, name string) string {
	switch name {
	case themeLight:
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight})
	case themeDark:
		a.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark})
	default:
		name = themeSystem
		a.Settings().SetTheme(theme.DefaultTheme())
	}
	return name
}

// Text sizes the View menu steps through.
const (
	minTextSize  = 10
	maxTextSize  = 32
	textSizeStep = 2
)

// textSize is the document view's text size now.
func (w *Window) textSize() float32 {
	if s := w.prefs.p.Float(prefTextSize); s > 0 {
		return float32(s)
	}
	return theme.DefaultTheme().Size(theme.SizeNameText)
}

// ZoomText makes the document text larger (steps > 0) or smaller, and
// remembers the size.
func (w *Window) ZoomText(steps int) {
	size := min(max(w.textSize()+float32(steps*textSizeStep), minTextSize), maxTextSize)
	w.prefs.p.SetFloat(prefTextSize, float64(size))
	w.view.SetTextSize(size)
	w.status.message("Text size " + ftoa(size))
}
