package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// guidelinesFile is the guidelines' usual name, beside the labels file.
const guidelinesFile = "guidelines.md"

// guidelinesPath is the team's annotation guidelines: the file labels.toml
// names (relative to its folder), else guidelines.md beside it; "" when
// there is no labels file, or no such file.
func (w *Window) guidelinesPath() string {
	labels := w.opt.LabelsFile
	if w.team != nil && w.team.p.Config.LabelsFile != "" {
		labels = w.team.p.Path(w.team.p.Config.LabelsFile)
	}
	if labels == "" {
		return ""
	}
	name := guidelinesFile
	if w.labels.Guidelines != "" {
		name = filepath.FromSlash(w.labels.Guidelines)
	}
	path := name
	if !filepath.IsAbs(name) {
		path = filepath.Join(filepath.Dir(labels), name)
	}
	if st, err := os.Stat(path); err != nil || st.IsDir() {
		return ""
	}
	return path
}

// guidelineSection is one heading of the guidelines and what follows it.
type guidelineSection struct {
	title, markdown string
}

// splitSections cuts Markdown at its headings (lines starting with #,
// outside fenced code), the text before the first heading being a section
// without a title.
func splitSections(md string) []guidelineSection {
	var out []guidelineSection
	cur := guidelineSection{}
	var b strings.Builder
	fenced := false
	flush := func() {
		cur.markdown = b.String()
		if strings.TrimSpace(cur.markdown) != "" {
			out = append(out, cur)
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fenced = !fenced
		}
		if !fenced && strings.HasPrefix(line, "#") {
			flush()
			cur = guidelineSection{title: strings.TrimSpace(strings.TrimLeft(line, "#"))}
		}
		b.WriteString(line)
	}
	flush()
	return out
}

// matching is the sections whose text holds query (case ignored; all for
// an empty query).
func matching(sections []guidelineSection, query string) []guidelineSection {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return sections
	}
	var out []guidelineSection
	for _, s := range sections {
		if strings.Contains(strings.ToLower(s.markdown), q) {
			out = append(out, s)
		}
	}
	return out
}

// guidelinesView shows guidelines Markdown rendered (Fyne's RichText),
// with a search entry above that keeps only the sections that mention
// what is typed.
type guidelinesView struct {
	sections []guidelineSection
	search   *widget.Entry
	count    *widget.Label
	text     *widget.RichText
	box      fyne.CanvasObject
}

func newGuidelinesView(md string) *guidelinesView {
	g := &guidelinesView{sections: splitSections(md), count: widget.NewLabel("")}
	g.text = widget.NewRichTextFromMarkdown(md)
	g.text.Wrapping = fyne.TextWrapWord
	g.search = widget.NewEntry()
	g.search.SetPlaceHolder("Search the guidelines")
	g.search.OnChanged = func(string) { g.filter() }
	g.box = container.NewBorder(container.NewBorder(nil, nil, nil, g.count, g.search), nil, nil, nil, container.NewVScroll(g.text))
	return g
}

// filter shows the sections that match the search.
func (g *guidelinesView) filter() {
	shown := matching(g.sections, g.search.Text)
	var md strings.Builder
	for _, s := range shown {
		md.WriteString(s.markdown)
		if !strings.HasSuffix(s.markdown, "\n\n") {
			md.WriteString("\n\n")
		}
	}
	switch {
	case strings.TrimSpace(g.search.Text) == "":
		g.count.SetText("")
	case len(shown) == 0:
		md.WriteString("*Nothing in the guidelines mentions “" + g.search.Text + "”.*")
		g.count.SetText("no section")
	default:
		g.count.SetText(fmt.Sprintf("%d of %d sections", len(shown), len(g.sections)))
	}
	g.text.ParseMarkdown(md.String())
}

// ShowGuidelines opens the team's guidelines (Help → Guidelines) in a
// window of its own, beside the work; without any, it says where to put
// them.
func (w *Window) ShowGuidelines() {
	path := w.guidelinesPath()
	if path == "" {
		where := "beside your labels file (gloss --labels FILE), or name it in labels.toml with guidelines = \"FILE.md\""
		if w.opt.LabelsFile == "" && w.team == nil {
			where = "beside a labels file and open Gloss with --labels FILE (or name it in labels.toml with guidelines = \"FILE.md\")"
		}
		w.status.message("No guidelines: put " + guidelinesFile + " " + where)
		return
	}
	md, err := os.ReadFile(path)
	if err != nil {
		w.showError(err)
		return
	}
	if w.guidelines != nil {
		w.guidelines.Close()
	}
	g := newGuidelinesView(string(md))
	win := w.app.NewWindow("Guidelines — " + filepath.Base(path))
	win.SetContent(g.box)
	win.Resize(fyne.NewSize(720, 760))
	win.SetOnClosed(func() { w.guidelines, w.guidelinesShown = nil, nil })
	w.guidelines, w.guidelinesShown = win, g
	win.Show()
	win.Canvas().Focus(g.search)
}
