package app

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
)

// labelBar is one button per label, in its colour, with its key: a click
// labels the selection as the key would.
type labelBar struct {
	box     *fyne.Container
	buttons []*tipButton
	// outer scrolls the bar sideways when a label set has more labels
	// than the window is wide.
	outer fyne.CanvasObject
}

// newLabelBar makes a button for each label of labels; a click calls
// onLabel with the label's name.
func newLabelBar(labels *annotate.LabelSet, onLabel func(name string), tips *tooltips) *labelBar {
	b := &labelBar{}
	items := []fyne.CanvasObject{widget.NewLabel("Label:")}
	for i, l := range labels.Labels {
		name := l.Name
		btn := newTipButton(name+"   "+labelKeys(l, i), labelTip(l, i), tips, func() { onLabel(name) })
		btn.Importance = widget.LowImportance
		c := labelColor(l)
		bg := canvas.NewRectangle(withAlpha(c, 0x38))
		bg.CornerRadius = 6
		bg.StrokeColor = c
		bg.StrokeWidth = 1.5
		b.buttons = append(b.buttons, btn)
		items = append(items, container.NewStack(bg, btn))
	}
	b.box = container.NewHBox(items...)
	b.outer = container.NewHScroll(container.NewPadded(b.box))
	return b
}

func (b *labelBar) object() fyne.CanvasObject { return b.outer }

// labelTip is a label button's tooltip: its description (labels.toml's)
// and its keys.
func labelTip(l annotate.LabelDef, i int) string {
	tip := l.Name + " (" + labelKeys(l, i) + ")"
	if l.Description != "" {
		tip += ": " + l.Description
	}
	return tip
}

// labelKeys names the keys that pick label i: its own and its number.
func labelKeys(l annotate.LabelDef, i int) string {
	keys := ""
	if l.Key != "" {
		keys = l.Key
	}
	if i < 9 {
		if keys != "" {
			keys += " / "
		}
		keys += strconv.Itoa(i + 1)
	}
	return keys
}

// labelColor is a label's colour (grey when it has none that parses).
func labelColor(l annotate.LabelDef) color.NRGBA {
	c, err := annotate.ParseColor(l.Color)
	if err != nil {
		return color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}
	}
	return color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xff}
}

func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

// colorOf is the colour of a label name in labels.
func colorOf(labels *annotate.LabelSet, label string) color.NRGBA {
	if l := labels.Label(label); l != nil {
		return labelColor(*l)
	}
	return labelColor(annotate.LabelDef{})
}
