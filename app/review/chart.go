package review

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/annotate/agree"
)

// measure is one figure the chart draws per label.
type measure struct {
	name  string
	alpha uint8 // the bar is the label's colour at this opacity
	value func(agree.Measures) float64
}

// measures are the bars of each label, from the strictest figure.
var measures = []measure{
	{"f1 exact", 0xff, func(m agree.Measures) float64 { return m.F1Exact }},
	{"f1 overlap", 0x99, func(m agree.Measures) float64 { return m.F1Overlap }},
	{"κ", 0x55, func(m agree.Measures) float64 { return m.Kappa }},
}

// labelColour is a label's colour from the set, grey when it has none.
func labelColour(labels *annotate.LabelSet, name string) color.NRGBA {
	if l := labels.Label(name); l != nil {
		if c, err := annotate.ParseColor(l.Color); err == nil {
			return color.NRGBA{R: c.R, G: c.G, B: c.B, A: 0xff}
		}
	}
	return color.NRGBA{R: 0x88, G: 0x88, B: 0x88, A: 0xff}
}

// agreementTable lays out a report as a table: per label the spans of each
// file, f1_exact, f1_overlap, κ and α, then the overall row.
func agreementTable(r agree.Report) fyne.CanvasObject {
	head := []string{"label", "spans per file", "f1 exact", "f1 overlap", "κ", "α"}
	cells := make([]fyne.CanvasObject, 0, 6*(len(r.Labels)+2))
	for i, h := range head {
		l := widget.NewLabelWithStyle(h, alignOf(i), fyne.TextStyle{Bold: true})
		cells = append(cells, l)
	}
	row := func(name string, spans []int, m agree.Measures, bold bool) {
		counts := make([]string, len(spans))
		for i, n := range spans {
			counts[i] = strconv.Itoa(n)
		}
		vals := []string{name, strings.Join(counts, " / "), figure(m.F1Exact), figure(m.F1Overlap), figure(m.Kappa), figure(m.Alpha)}
		for i, v := range vals {
			cells = append(cells, widget.NewLabelWithStyle(v, alignOf(i), fyne.TextStyle{Bold: bold}))
		}
	}
	var total []int
	for _, l := range r.Labels {
		if total == nil {
			total = make([]int, len(l.Spans))
		}
		for i, n := range l.Spans {
			total[i] += n
		}
		row(l.Label, l.Spans, l.Measures, false)
	}
	row("overall", total, r.Overall, true)
	table := container.NewGridWithColumns(len(head), cells...)
	if len(r.Relations) == 0 {
		return table
	}
	return container.NewVBox(table, relationTable(r.Relations))
}

// relationTable lays out the relations' agreement (SAID_BY): per relation
// the links of each file, f1_exact, f1_overlap, how often the annotators
// gave a quote the same speaker, and over how many quotes.
func relationTable(rs []agree.RelationReport) fyne.CanvasObject {
	head := []string{"relation", "links per file", "f1 exact", "f1 overlap", "same speaker", "sources"}
	cells := make([]fyne.CanvasObject, 0, 6*(len(rs)+1))
	for i, h := range head {
		cells = append(cells, widget.NewLabelWithStyle(h, alignOf(i), fyne.TextStyle{Bold: true}))
	}
	for _, r := range rs {
		counts := make([]string, len(r.Relations))
		for i, n := range r.Relations {
			counts[i] = strconv.Itoa(n)
		}
		vals := []string{r.Label, strings.Join(counts, " / "), figure(r.F1Exact), figure(r.F1Overlap),
			figure(r.SpeakerAgreement), strconv.Itoa(r.Linked)}
		for i, v := range vals {
			cells = append(cells, widget.NewLabelWithStyle(v, alignOf(i), fyne.TextStyle{}))
		}
	}
	return container.NewGridWithColumns(len(head), cells...)
}

func alignOf(col int) fyne.TextAlign {
	if col == 0 {
		return fyne.TextAlignLeading
	}
	return fyne.TextAlignTrailing
}

func figure(f float64) string { return fmt.Sprintf("%.3f", f) }

// agreementChart draws a report as bars: one group per label (in its
// colour), one bar per measure, 0 to 1, with the figure beside it, and a
// legend. A negative κ draws no bar; its figure says it.
func agreementChart(r agree.Report, labels *annotate.LabelSet) fyne.CanvasObject {
	rows := []fyne.CanvasObject{legend()}
	for _, l := range r.Labels {
		c := labelColour(labels, l.Label)
		name := canvas.NewText(l.Label, theme.Color(theme.ColorNameForeground))
		name.TextStyle.Bold = true
		var bars []fyne.CanvasObject
		for _, m := range measures {
			bars = append(bars, newBar(m.value(l.Measures), withAlpha(c, m.alpha)))
		}
		rows = append(rows, container.NewBorder(nil, nil, container.New(&fixedWidth{w: 90}, container.NewCenter(name)), nil,
			container.NewVBox(bars...)))
	}
	return container.NewVBox(rows...)
}

// legend names the bars, drawn in grey at each measure's opacity.
func legend() fyne.CanvasObject {
	grey := color.NRGBA{R: 0x66, G: 0x66, B: 0x66, A: 0xff}
	var items []fyne.CanvasObject
	for _, m := range measures {
		sw := canvas.NewRectangle(withAlpha(grey, m.alpha))
		sw.SetMinSize(fyne.NewSize(18, 10))
		t := canvas.NewText(m.name, theme.Color(theme.ColorNameForeground))
		items = append(items, container.NewCenter(sw), t)
	}
	return container.NewHBox(append([]fyne.CanvasObject{container.New(&fixedWidth{w: 90})}, items...)...)
}

func withAlpha(c color.NRGBA, a uint8) color.NRGBA { c.A = a; return c }

// trackColour is a bar's empty part: a translucent grey that reads on
// light and dark themes alike.
var trackColour = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0x30}

// newBar is one horizontal bar: a track, the filled part for v in [0, 1],
// and v written after it.
func newBar(v float64, c color.NRGBA) fyne.CanvasObject {
	track := canvas.NewRectangle(trackColour)
	fill := canvas.NewRectangle(c)
	text := canvas.NewText(figure(v), theme.Color(theme.ColorNameForeground))
	text.TextSize = theme.TextSize() * 0.85
	return container.New(&barLayout{v: v}, track, fill, text)
}

// barLayout places a bar's track, fill and figure.
type barLayout struct{ v float64 }

const (
	barH     = 11
	figureW  = 48
	barSpace = 3
)

// MinSize implements fyne.Layout.
func (b *barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(160, barH+barSpace) }

// Layout implements fyne.Layout.
func (b *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := max(size.Width-figureW, 10)
	y := (size.Height - barH) / 2
	objs[0].Move(fyne.NewPos(0, y))
	objs[0].Resize(fyne.NewSize(w, barH))
	objs[1].Move(fyne.NewPos(0, y))
	objs[1].Resize(fyne.NewSize(w*float32(min(max(b.v, 0), 1)), barH))
	t := objs[2]
	ts := t.MinSize()
	t.Move(fyne.NewPos(w+6, (size.Height-ts.Height)/2))
	t.Resize(ts)
}

// fixedWidth gives its objects one width and their own height.
type fixedWidth struct{ w float32 }

// MinSize implements fyne.Layout.
func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}

// Layout implements fyne.Layout.
func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
	}
}
