package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
)

const guidelinesMD = `Read this before you start.

# Actors

An **ACTOR** is a person, organisation or state: *Ana Gonçalves*, the
foreign ministry.

# Quotes

A QUOTE covers what is between the marks, the marks left out:

` + "```" + `
# not a heading: inside code
` + "```" + `

# Speakers

Link each quote to its speaker with S.
`

// withGuidelines opens mixedText with labels from a labels file in a
// folder that also holds files (name → content).
func withGuidelines(t *testing.T, labels string, files map[string]string) *Window {
	t.Helper()
	dir := t.TempDir()
	lf := writeFile(t, dir, "labels.toml", labels)
	for name, content := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, name, content)
	}
	ls, err := annotate.ParseLabelSet([]byte(labels), lf)
	if err != nil {
		t.Fatal(err)
	}
	in := writeFile(t, dir, "mixed.txt", mixedText)
	w, _ := newTestWindow(t, Options{Files: []string{in}, Labels: ls, LabelsFile: lf})
	return w
}

// richText is the text a RichText shows.
func richText(r *widget.RichText) string {
	var b strings.Builder
	for _, s := range r.Segments {
		if t, ok := s.(*widget.TextSegment); ok {
			b.WriteString(t.Text + "\n")
		}
		if l, ok := s.(*widget.ListSegment); ok {
			for _, it := range l.Items {
				if t, ok := it.(*widget.TextSegment); ok {
					b.WriteString(t.Text + "\n")
				}
			}
		}
	}
	return b.String()
}

// TestGuidelines: Help → Guidelines shows guidelines.md from beside the
// labels file, rendered; the search keeps the sections that mention what
// is typed.
func TestGuidelines(t *testing.T) {
	w := withGuidelines(t, choiceLabels, map[string]string{"guidelines.md": guidelinesMD})
	w.menuItem("Help", "Guidelines").Action()
	if w.guidelines == nil {
		t.Fatalf("no guidelines window: %q", w.Message())
	}
	if got := w.guidelines.Title(); got != "Guidelines — guidelines.md" {
		t.Errorf("title %q", got)
	}
	g := w.guidelinesShown
	all := richText(g.text)
	if !strings.Contains(all, "Actors") || !strings.Contains(all, "Ana Gonçalves") || strings.Contains(all, "**") {
		t.Errorf("rendered as %q", all)
	}
	if len(g.sections) != 4 {
		t.Errorf("%d sections (the # in code is not a heading): %v", len(g.sections), g.sections)
	}
	test.Type(g.search, "speaker")
	shown := richText(g.text)
	if !strings.Contains(shown, "Link each quote") || strings.Contains(shown, "Ana Gonçalves") {
		t.Errorf("search for speaker shows %q", shown)
	}
	if got := g.count.Text; got != "1 of 4 sections" {
		t.Errorf("count %q", got)
	}
	g.search.SetText("nowhere at all")
	if !strings.Contains(richText(g.text), "Nothing in the guidelines mentions") {
		t.Errorf("no match shows %q", richText(g.text))
	}
	g.search.SetText("")
	if richText(g.text) == "" || g.count.Text != "" {
		t.Error("clearing the search does not show everything again")
	}
}

// TestGuidelinesNamed: labels.toml's guidelines = "…" names the file,
// relative to its folder; with none, the status bar says where to put one.
func TestGuidelinesNamed(t *testing.T) {
	w := withGuidelines(t, "guidelines = \"team/howto.md\"\n"+choiceLabels, map[string]string{"team/howto.md": "# How\n\nCarefully.\n"})
	w.ShowGuidelines()
	if w.guidelines == nil || !strings.Contains(richText(w.guidelinesShown.text), "Carefully.") {
		t.Fatalf("named guidelines not shown: %q", w.Message())
	}
	w2 := withGuidelines(t, choiceLabels, nil)
	w2.ShowGuidelines()
	if w2.guidelines != nil || !strings.HasPrefix(w2.Message(), "No guidelines: put guidelines.md beside your labels file") {
		t.Errorf("without guidelines: %q", w2.Message())
	}
}

// TestLabelsHelp: Help → Keyboard Shortcuts and Labels lists each label's
// keys and description, and the document labels' keys.
func TestLabelsHelp(t *testing.T) {
	rows := labelTable(choiceLabelSet(t))
	if rows[0] != [2]string{"ACTOR   a / 1", "A person, organisation or state that acts or speaks"} {
		t.Errorf("first row %q", rows[0])
	}
	last := rows[len(rows)-1]
	if last[0] != "Document: topic" || !strings.Contains(last[1], "any of: war  Ctrl+4, diplomacy  Ctrl+5, economy  Ctrl+6") {
		t.Errorf("last row %q", last)
	}
	w, _ := openWithChoices(t)
	w.ShowShortcuts()
	top := w.win.Canvas().Overlays().Top()
	var texts []string
	walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	})
	if all := strings.Join(texts, "\n"); !strings.Contains(all, "Words reported as said") || !strings.Contains(all, "Ctrl+1 … Ctrl+9") {
		t.Errorf("the help dialog shows %q", all)
	}
}
