package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Panel widths: the span list needs room for a label and some words of
// text, the document list for an id and its figures. The splits never
// make a panel narrower than these, at 800×600 as at full screen; what
// is left goes to the document view.
const (
	minSideWidth    = 270
	minDocListWidth = 150
	minViewWidth    = 260
)

// Split positions when none is remembered: the view gets most of the
// width.
const (
	defaultViewSplit = 0.66
	defaultDocsSplit = 0.18
)

// layout arranges the window: label bar, document-label bar (when the
// label set has [[choice]] groups) and find bar on top, the status
// bar at the bottom, and the body (document list, view, span list) between;
// the tooltip layer lies over it all.
func (w *Window) layout() fyne.CanvasObject {
	top := container.NewVBox(w.bar.object())
	if !w.choices.empty() {
		top.Add(w.choices.object())
	}
	top.Add(w.find.object())
	bottom := container.NewVBox(widget.NewSeparator(), w.status.object())
	return container.NewStack(container.NewBorder(top, bottom, nil, nil, w.body), w.tips.object())
}

// mainSplit is the body: the view beside the span list and note editor, and the document list on the left when a corpus is
// open. Both splits can be dragged; where they were is remembered
// (rememberSplits) and used again, here and in the next session.
func (w *Window) mainSplit() fyne.CanvasObject {
	w.rememberSplits()
	side := container.NewBorder(nil, w.note.object(), nil, nil, w.spans.object())
	split := container.NewHSplit(atLeast(minViewWidth, w.view), atLeast(minSideWidth, side))
	split.Offset = w.prefs.split(prefViewSplit, defaultViewSplit)
	w.splits.view, w.splits.docs = split, nil
	if !w.corpusLayout {
		return split
	}
	outer := container.NewHSplit(atLeast(minDocListWidth, w.docList.object()), split)
	outer.Offset = w.prefs.split(prefDocsSplit, defaultDocsSplit)
	w.splits.docs = outer
	return outer
}

// splits are the body's split containers, for remembering their places.
type splits struct{ view, docs *container.Split }

// rememberSplits stores where the user left the splits (before the body
// is rebuilt, and on quit).
func (w *Window) rememberSplits() {
	if w.splits.view != nil {
		w.prefs.setFloat(prefViewSplit, w.splits.view.Offset)
	}
	if w.splits.docs != nil {
		w.prefs.setFloat(prefDocsSplit, w.splits.docs.Offset)
	}
}

// atLeast gives o a minimum width: a split does not drag a panel narrower.
func atLeast(width float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(minWidth{width}, o)
}

// minWidth is a layout that fills its space with its objects and asks for
// at least w of width.
type minWidth struct{ w float32 }

// Layout implements fyne.Layout.
func (m minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// MinSize implements fyne.Layout.
func (m minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(m.w, 0)
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
