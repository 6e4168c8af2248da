// Package docview is Gloss's document view: a widget that shows a long,
// read-only text wrapped to its width, draws every annotation span in its
// label's colour (overlapping and nested spans stay visible), and lets the
// user select text with the mouse and keyboard. It never edits the model: it
// reports what the user asked for through its On… callbacks and the app
// applies the edits through annotate.History.
//
// Only what is visible is laid out and drawn: paragraphs are wrapped lazily
// and cached per width, and a prefix index of line counts (estimated for
// paragraphs not yet wrapped) maps scroll positions to paragraphs.
package docview

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
)

// The interfaces View implements; the compiler checks this list.
var (
	_ fyne.Widget         = (*View)(nil)
	_ fyne.Draggable      = (*View)(nil)
	_ fyne.Focusable      = (*View)(nil)
	_ fyne.Tappable       = (*View)(nil)
	_ fyne.DoubleTappable = (*View)(nil)
	_ fyne.Tabbable       = (*View)(nil)
	_ fyne.Scrollable     = (*View)(nil)
	_ fyne.Shortcutable   = (*View)(nil)
	_ desktop.Mouseable   = (*View)(nil)
	_ desktop.Keyable     = (*View)(nil)
	_ desktop.Cursorable  = (*View)(nil)
)

// View is the document view widget. Create it with New; set the On…
// callbacks before showing it.
type View struct {
	widget.BaseWidget

	// OnSelectionChanged is called when the text selection or caret moves.
	// start == end means a caret only.
	OnSelectionChanged func(start, end int)
	// OnLabelRequested is called when a label key or 1–9 is pressed with a
	// non-empty selection (already snapped to whole tokens when snapping is
	// on), or with a span selected (then start, end are the span's range, so
	// the app may relabel it).
	OnLabelRequested func(label string, start, end int)
	// OnSpanSelected is called when the selected span changes; "" when none.
	OnSpanSelected func(id string)
	// OnDeleteRequested is called by Delete or Backspace with the selected
	// span's id.
	OnDeleteRequested func(id string)
	// OnKey sees every key (and typed character, as a KeyEvent whose Name is
	// the character) before the view handles it; returning true means the
	// app handled it and the view does nothing. It lets the app add modes.
	OnKey func(ev *fyne.KeyEvent) bool

	mu     sync.Mutex // guards nothing shared with goroutines but the autoscroll ticker
	doc    *annotate.Document
	labels *annotate.LabelSet
}

// New returns a view of doc (which may be nil for an empty view) coloured by
// labels (nil means annotate.DefaultLabelSet()).
func New(doc *annotate.Document, labels *annotate.LabelSet) *View {
	if labels == nil {
		labels = annotate.DefaultLabelSet()
	}
	v := &View{doc: doc, labels: labels}
	v.ExtendBaseWidget(v)
	return v
}

// SetDocument shows a new text; it resets the caret, the selection and the
// scroll position.
func (v *View) SetDocument(doc *annotate.Document) { v.doc = doc; v.Refresh() }

// SpansChanged tells the view that the document's spans or relations
// changed; only the marks are rebuilt and redrawn.
func (v *View) SpansChanged() { v.Refresh() }

// Selection returns the selected range in code points; start == end means a
// caret only.
func (v *View) Selection() (start, end int) { return 0, 0 }

// SetSelection selects [start, end) (clamped to the text) and scrolls it
// into view.
func (v *View) SetSelection(start, end int) {}

// SelectedSpan returns the id of the selected span, or "".
func (v *View) SelectedSpan() string { return "" }

// SelectSpan selects the span with the given id ("" for none), scrolls to
// it and calls OnSpanSelected.
func (v *View) SelectSpan(id string) {}

// ScrollToOffset scrolls so that code point offset is visible.
func (v *View) ScrollToOffset(offset int) {}

// SetFindMatches sets the ranges that Find highlights (drawn as outlines).
func (v *View) SetFindMatches(ranges [][2]int) {}

// SetSnapping switches snapping of selections to whole tokens (on by
// default).
func (v *View) SetSnapping(on bool) {}

// SetTextSize sets the text size; 0 means the theme's default.
func (v *View) SetTextSize(size float32) {}

// CreateRenderer is part of fyne.Widget.
func (v *View) CreateRenderer() fyne.WidgetRenderer { return nil }

// Dragged is part of fyne.Draggable.
func (v *View) Dragged(ev *fyne.DragEvent) {}

// DragEnd is part of fyne.Draggable.
func (v *View) DragEnd() {}

// FocusGained is part of fyne.Focusable.
func (v *View) FocusGained() {}

// FocusLost is part of fyne.Focusable.
func (v *View) FocusLost() {}

// TypedRune is part of fyne.Focusable.
func (v *View) TypedRune(r rune) {}

// TypedKey is part of fyne.Focusable.
func (v *View) TypedKey(ev *fyne.KeyEvent) {}

// TypedShortcut is part of fyne.Shortcutable.
func (v *View) TypedShortcut(s fyne.Shortcut) {}

// KeyDown is part of desktop.Keyable.
func (v *View) KeyDown(ev *fyne.KeyEvent) {}

// KeyUp is part of desktop.Keyable.
func (v *View) KeyUp(ev *fyne.KeyEvent) {}

// Tapped is part of fyne.Tappable.
func (v *View) Tapped(ev *fyne.PointEvent) {}

// DoubleTapped is part of fyne.DoubleTappable.
func (v *View) DoubleTapped(ev *fyne.PointEvent) {}

// AcceptsTab is part of fyne.Tabbable: Tab moves between spans.
func (v *View) AcceptsTab() bool { return true }

// Scrolled is part of fyne.Scrollable.
func (v *View) Scrolled(ev *fyne.ScrollEvent) {}

// MouseDown is part of desktop.Mouseable.
func (v *View) MouseDown(ev *desktop.MouseEvent) {}

// MouseUp is part of desktop.Mouseable.
func (v *View) MouseUp(ev *desktop.MouseEvent) {}

// Cursor is part of desktop.Cursorable.
func (v *View) Cursor() desktop.Cursor { return desktop.TextCursor }
