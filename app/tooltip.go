package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne 2.7 has no tooltips, and a pop-up would not do: it is an overlay,
// which takes the next click for itself (to close). tooltips draws the tip
// in a layer of its own over the window's content instead: a rectangle and
// a label, neither of which takes a tap or hover, so the widgets below keep
// every click.

// maxTipWidth is how wide a tip grows before it wraps.
const maxTipWidth = 420

// tooltips is the window's tip layer: at most one tip, under (or above)
// the object the pointer is on.
type tooltips struct {
	layer *fyne.Container
	bg    *canvas.Rectangle
	text  *widget.Label
	// shown is what the tip is about now, nil when hidden.
	shown fyne.CanvasObject
}

func newTooltips() *tooltips {
	t := &tooltips{bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground)), text: widget.NewLabel("")}
	t.bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	t.bg.StrokeWidth = 1
	t.bg.CornerRadius = theme.InputRadiusSize()
	t.text.Wrapping = fyne.TextWrapWord
	t.layer = container.NewWithoutLayout(t.bg, t.text)
	t.layer.Hide()
	return t
}

// object is the layer, to stack over the window's content.
func (t *tooltips) object() fyne.CanvasObject { return t.layer }

// show puts text in a tip beside o (below it, or above when there is no
// room below), kept inside the layer.
func (t *tooltips) show(o fyne.CanvasObject, text string) {
	if text == "" {
		t.hide()
		return
	}
	t.shown = o
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	t.bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	t.text.SetText(text)
	one := widget.NewLabel(text).MinSize().Width
	w := min(one, maxTipWidth)
	t.text.Resize(fyne.NewSize(w, 0))
	size := fyne.NewSize(w, t.text.MinSize().Height)
	area := t.layer.Size()
	pos := fyne.NewPos(0, 0)
	if d := fyne.CurrentApp().Driver(); d != nil {
		at := d.AbsolutePositionForObject(o).Subtract(d.AbsolutePositionForObject(t.layer))
		pos = fyne.NewPos(at.X, at.Y+o.Size().Height+2)
		if pos.Y+size.Height > area.Height && at.Y-size.Height-2 >= 0 {
			pos.Y = at.Y - size.Height - 2
		}
	}
	pos.X = max(0, min(pos.X, area.Width-size.Width))
	t.text.Move(pos)
	t.text.Resize(size)
	t.bg.Move(pos)
	t.bg.Resize(size)
	t.layer.Show()
	t.layer.Refresh()
}

// hide removes the tip.
func (t *tooltips) hide() {
	t.shown = nil
	t.layer.Hide()
}

// Tip is the text of the tip shown now ("" when none), for tests.
func (t *tooltips) Tip() string {
	if !t.layer.Visible() {
		return ""
	}
	return t.text.Text
}

// tipButton is a button that shows a tip while the pointer is on it.
type tipButton struct {
	widget.Button
	tips *tooltips
	tip  string
}

var _ desktop.Hoverable = (*tipButton)(nil)

func newTipButton(label, tip string, tips *tooltips, tapped func()) *tipButton {
	b := &tipButton{tips: tips, tip: tip}
	b.Text = label
	b.OnTapped = func() {
		tips.hide()
		tapped()
	}
	b.ExtendBaseWidget(b)
	return b
}

// MouseIn implements desktop.Hoverable.
func (b *tipButton) MouseIn(ev *desktop.MouseEvent) {
	b.Button.MouseIn(ev)
	b.tips.show(b, b.tip)
}

// MouseOut implements desktop.Hoverable.
func (b *tipButton) MouseOut() {
	b.Button.MouseOut()
	if b.tips.shown == b {
		b.tips.hide()
	}
}

// tipLabel is a label that shows a tip (its whole text, when it is cut
// short) while the pointer is on it.
type tipLabel struct {
	widget.Label
	tips *tooltips
	tip  string
}

var _ desktop.Hoverable = (*tipLabel)(nil)

func newTipLabel(tips *tooltips) *tipLabel {
	l := &tipLabel{tips: tips}
	l.ExtendBaseWidget(l)
	return l
}

// MouseIn implements desktop.Hoverable.
func (l *tipLabel) MouseIn(*desktop.MouseEvent) { l.tips.show(l, l.tip) }

// MouseMoved implements desktop.Hoverable.
func (l *tipLabel) MouseMoved(*desktop.MouseEvent) {}

// MouseOut implements desktop.Hoverable.
func (l *tipLabel) MouseOut() {
	if l.tips.shown == l {
		l.tips.hide()
	}
}
