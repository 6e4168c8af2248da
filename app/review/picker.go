package review

import (
	"fmt"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
)

// picker is the File → Review Files… dialog: Fyne's file dialog opens one
// file at a time, so the files to review are gathered in a list.
type picker struct {
	a      fyne.App
	parent fyne.Window
	labels *annotate.LabelSet

	files  []string
	list   *widget.List
	gold   *widget.Entry
	review *widget.Button
	d      dialog.Dialog
}

// ShowFilesDialog asks which annotators' files to review (two or more) and
// where the gold goes, then opens the review window on them; bad input is
// shown as an error over parent and opens nothing.
func ShowFilesDialog(a fyne.App, parent fyne.Window, labels *annotate.LabelSet) {
	p := newPicker(a, parent, labels)
	p.d.Show()
}

func newPicker(a fyne.App, parent fyne.Window, labels *annotate.LabelSet) *picker {
	p := &picker{a: a, parent: parent, labels: labels}
	p.list = widget.NewList(
		func() int { return len(p.files) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButton("Remove", nil), truncated("file", false))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d · %s", i+1, p.files[i]))
			row.Objects[1].(*widget.Button).OnTapped = func() { p.remove(i) }
		})
	add := widget.NewButton("Add File…", func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				dialog.ShowError(err, parent)
				return
			}
			if r == nil {
				return
			}
			r.Close()
			p.add(r.URI().Path())
		}, parent)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".jsonl"}))
		d.Show()
	})
	p.gold = widget.NewEntry()
	p.gold.SetPlaceHolder("gold file (asked at the first save when empty)")
	choose := widget.NewButton("Choose…", func() {
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			w.Close()
			p.gold.SetText(w.URI().Path())
		}, parent)
		d.SetFileName("gold.jsonl")
		d.Show()
	})
	p.review = widget.NewButton("Review", p.open)
	p.review.Importance = widget.HighImportance
	p.review.Disable()
	cancel := widget.NewButton("Cancel", func() { p.d.Hide() })
	body := container.NewBorder(
		widget.NewLabel("Annotators' files of the same documents (native .jsonl), in key order:"),
		container.NewVBox(
			add,
			widget.NewForm(widget.NewFormItem("Gold", container.NewBorder(nil, nil, nil, choose, p.gold))),
			container.NewGridWithColumns(2, cancel, p.review),
		),
		nil, nil, p.list)
	p.d = dialog.NewCustomWithoutButtons("Review Files", body, parent)
	p.d.Resize(fyne.NewSize(620, 420))
	return p
}

// add puts a file on the list, once.
func (p *picker) add(path string) {
	if !slices.Contains(p.files, path) {
		p.files = append(p.files, path)
	}
	p.changed()
}

func (p *picker) remove(i int) {
	if i < len(p.files) {
		p.files = slices.Delete(p.files, i, i+1)
	}
	p.changed()
}

func (p *picker) changed() {
	p.list.Refresh()
	if len(p.files) >= 2 {
		p.review.Enable()
	} else {
		p.review.Disable()
	}
	if p.gold.Text == "" && len(p.files) > 0 {
		p.gold.SetPlaceHolder("e.g. " + filepath.Join(filepath.Dir(p.files[0]), "gold.jsonl") + " (asked at the first save when empty)")
	}
}

// open opens the review window, or says why it cannot.
func (p *picker) open() {
	w, err := NewWindow(p.a, slices.Clone(p.files), p.gold.Text, p.labels)
	if err != nil {
		dialog.ShowError(err, p.parent)
		return
	}
	p.d.Hide()
	w.Show()
}
