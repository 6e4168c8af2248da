package docview

import (
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"gloss/annotate"
	"gloss/assets"
)

var shots = flag.Bool("shots", false, "write docs/img/docview-{light,dark}.png")

// sampleSpans is a dozen overlapping and nested spans on the sample article.
func sampleSpans(t testing.TB, text string) []annotate.Span {
	spans := []annotate.Span{
		span(t, text, "claim-title", "CLAIM", "Russia fails in its attempt to persuade Turkey to stop its offensive in Libya", 0),
		span(t, text, "russia-title", "ACTOR", "Russia", 0),
		span(t, text, "turkey-title", "ACTOR", "Turkey", 0),
		span(t, text, "putin", "ACTOR", "Vladimir Putin", 0),
		span(t, text, "erdogan", "ACTOR", "Recep Tayyip Erdogan", 0),
		span(t, text, "ministry", "ACTOR", "The foreign ministry of russia", 0),
		span(t, text, "quote-jobs", "QUOTE", "the jobs continue. The date of the meeting of the Foreign and Defence ministers of the two countries agreed in addition", 0),
		span(t, text, "ministers", "ACTOR", "Foreign and Defence ministers", 1),
		span(t, text, "claim-sisi", "CLAIM", "the cease-fire proposed by the egyptian president, Abdelfatah al Sisi, in the presence of the marshal Khalifa Haftar last June 6 to stop the fighting in Libya, an initiative supported by Russia, was rejected by Turkey", 0),
		span(t, text, "sisi", "ACTOR", "Abdelfatah al Sisi", 0),
		span(t, text, "cavusoglu", "ACTOR", "Çavusoglu, quoted by the agency", 0),
		span(t, text, "quote-truce", "QUOTE", "call a truce just when Haftar begins to lose ground. This is neither convincing nor sincere. The efforts of a cease-fire in Cairo are born dead", 0),
		span(t, text, "haftar-q", "ACTOR", "Haftar", 1),
		span(t, text, "claim-cross", "CLAIM", "said last Wednesday that “call a truce", 0),
	}
	sug := span(t, text, "lavrov", "ACTOR", "Sergey Lavrov", 0)
	sug.Suggested = true
	sug2 := span(t, text, "haftar-s", "ACTOR", "Khalifa Haftar", 0)
	sug2.Suggested = true
	return append(spans, sug, sug2)
}

// TestScreenshots renders the sample article with overlapping spans in the
// light and dark themes and checks that the marks were drawn; with -shots
// it writes the images to docs/img.
func TestScreenshots(t *testing.T) {
	text := string(assets.Sample)
	for _, variant := range []struct {
		name  string
		theme fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck // the fixed variants are what the shots need
		t.Run(variant.name, func(t *testing.T) {
			v, w := newTestView(t, text, 820, 640, sampleSpans(t, text)...)
			v.doc.Relations = []annotate.Relation{
				{ID: "r1", Label: "SAID_BY", From: "quote-jobs", To: "ministry"},
				{ID: "r2", Label: "SAID_BY", From: "quote-truce", To: "cavusoglu"},
			}
			fyne.CurrentApp().Settings().SetTheme(variant.theme)
			w.Canvas().Focus(v)
			v.SelectSpan("quote-jobs")
			s, e := find(t, text, "convince Ankara of the need", 0)
			v.SetSelection(s, e)
			v.ScrollToOffset(0)
			if v.SelectedSpan() != "quote-jobs" || v.position() != 0 {
				t.Fatalf("span %q, position %v", v.SelectedSpan(), v.position())
			}
			img := w.Canvas().Capture()
			if img.Bounds().Dx() < 800 {
				t.Fatalf("capture is %v", img.Bounds())
			}
			if *shots {
				f, err := os.Create(filepath.Join("..", "..", "docs", "img", "docview-"+variant.name+".png"))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if err := png.Encode(f, img); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
