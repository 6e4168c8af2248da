package review

import (
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var shots = flag.Bool("shots", false, "write docs/img/review-*.png")

// capture renders w and, with -shots, writes it to docs/img/review-NAME.png.
func capture(t *testing.T, w fyne.Window, name string) image.Image {
	t.Helper()
	img := w.Canvas().Capture()
	if img.Bounds().Dx() < 1000 {
		t.Fatalf("capture is %v", img.Bounds())
	}
	if *shots {
		writePNG(t, img, name)
	}
	return img
}

// writePNG writes img to docs/img/review-NAME.png.
func writePNG(t *testing.T, img image.Image, name string) {
	t.Helper()
	f, err := os.Create(filepath.Join("..", "..", "docs", "img", "review-"+name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

// TestScreenshots renders the review screen on three annotators' files of
// the sample article: on a boundary disagreement, and the agreement tab.
func TestScreenshots(t *testing.T) {
	docs := annotators(t)
	files := writeFiles(t, t.TempDir(), docs[:1], docs[1:2], docs[2:])
	s, w := openScreen(t, files, "gold.jsonl", func(a fyne.App) {
		a.Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck // a fixed variant for the docs
	})
	test.Type(s.view, "j")
	test.Type(s.view, "j")
	test.Type(s.view, "j")
	capture(t, w, "lanes")

	tabs := findTabs(s.Content())
	if tabs == nil {
		t.Fatal("no tabs")
	}
	tabs.SelectIndex(1)
	capture(t, w, "agreement")

	// The dark theme, on the label disagreement after a decision.
	d, dw := openScreen(t, files, "gold.jsonl", func(a fyne.App) {
		a.Settings().SetTheme(theme.DarkTheme()) //nolint:staticcheck // a fixed variant for the docs
	})
	test.Type(d.view, "b")
	test.Type(d.view, "j")
	capture(t, dw, "dark")
}

// TestSpeakerScreenshot renders a speaker disagreement: ana gives the
// “jobs” quote to the foreign ministry, ben to Lavrov.
func TestSpeakerScreenshot(t *testing.T) {
	docs := speakerAnnotators(t)
	files := writeFiles(t, t.TempDir(), docs[:1], docs[1:])
	s, w := openScreen(t, files, "gold.jsonl", func(a fyne.App) {
		a.Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck // a fixed variant for the docs
	})
	test.Type(s.view, "j")
	if !s.doc().sites[s.at].speaker() {
		t.Fatalf("at %v", s.doc().sites[s.at].kind)
	}
	capture(t, w, "speaker")
	tabs := findTabs(s.Content())
	tabs.SelectIndex(1)
	capture(t, w, "speaker-agreement")
}

// findTabs finds the screen's tabs in its widget tree.
func findTabs(o fyne.CanvasObject) *container.AppTabs {
	switch x := o.(type) {
	case *container.AppTabs:
		return x
	case *container.Split:
		if t := findTabs(x.Leading); t != nil {
			return t
		}
		return findTabs(x.Trailing)
	case *fyne.Container:
		for _, c := range x.Objects {
			if t := findTabs(c); t != nil {
				return t
			}
		}
	}
	return nil
}

// TestMenuShot renders the Review menu, which shows every review key.
func TestMenuShot(t *testing.T) {
	docs := annotators(t)
	files := writeFiles(t, t.TempDir(), docs[:1], docs[1:2], docs[2:])
	s, _ := openScreen(t, files, "gold.jsonl", func(a fyne.App) {
		a.Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck // a fixed variant for the docs
	})
	m := s.Menu().Items[2]
	if m.Label != "Review" || len(m.Items) != 11 {
		t.Fatalf("menu %q with %d items", m.Label, len(m.Items))
	}
	menu := widget.NewMenu(m)
	w := test.NewTempWindow(t, container.NewPadded(menu))
	w.Resize(menu.MinSize().AddWidthHeight(60, 20))
	if *shots {
		writePNG(t, w.Canvas().Capture(), "menu")
	}
}
