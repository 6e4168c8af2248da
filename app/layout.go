package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// layout arranges the window: label bar and find bar on top, the status
// bar at the bottom, and the body (document list, view, span list) between.
func (w *Window) layout() fyne.CanvasObject {
	top := container.NewVBox(w.bar.object(), w.find.object())
	bottom := container.NewVBox(widget.NewSeparator(), w.status.object())
	return container.NewBorder(top, bottom, nil, nil, w.body)
}

// mainSplit is the body: the view beside the span list and note editor,
// and the document list on the left when a corpus is open.
func (w *Window) mainSplit() fyne.CanvasObject {
	var top fyne.CanvasObject
	if !w.choices.empty() {
		top = container.NewVBox(w.choices.object(), widget.NewSeparator())
	}
	side := container.NewBorder(top, w.note.object(), nil, nil, w.spans.object())
	split := container.NewHSplit(w.view, side)
	split.Offset = 0.7
	if !w.corpusLayout {
		return split
	}
	outer := container.NewHSplit(w.docList.object(), split)
	outer.Offset = 0.2
	return outer
}
