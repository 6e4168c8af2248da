package docview

import (
	"flag"

	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/assets"
)

var shots = flag.Bool("shots", false, "write docs/img/docview-{light,dark,linkmode,handles,dragging}.png")

// sampleRelations links the sample's three quotes to their speakers; the
// last is a suggestion.
func sampleRelations() []annotate.Relation {
	return []annotate.Relation{
		{ID: "r1", Label: "SAID_BY", From: "quote-jobs", To: "ministry"},
		{ID: "r2", Label: "SAID_BY", From: "quote-truce", To: "cavusoglu"},
		{ID: "r3", Label: "SAID_BY", From: "quote-akar", To: "akar", Suggested: true},
	}
}

// writeShot writes img to docs/img/docview-name.png when -shots is given.
func writeShot(t *testing.T, name string, img image.Image) {
	t.Helper()
	if !*shots {
		return
	}
	f, err := os.Create(filepath.Join("..", "..", "docs", "img", "docview-"+name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

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
		span(t, text, "cavusoglu", "ACTOR", "Çavusoglu", 1),
		span(t, text, "quote-truce", "QUOTE", "call a truce just when Haftar begins to lose ground. This is neither convincing nor sincere. The efforts of a cease-fire in Cairo are born dead", 0),
		span(t, text, "haftar-q", "ACTOR", "Haftar", 1),
		span(t, text, "claim-cross", "CLAIM", "said last Wednesday that “call a truce", 0),
		span(t, text, "akar", "ACTOR", "Hulusi Akar", 0),
		span(t, text, "quote-akar", "QUOTE", "Haftar was not a force in itself but the tool of other forces", 0),
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
			v, w := newTestView(t, text, 820, 940, sampleSpans(t, text)...)
			v.doc.Relations = sampleRelations()
			v.SpansChanged()
			fyne.CurrentApp().Settings().SetTheme(variant.theme)
			w.Canvas().Focus(v)
			v.SelectSpan("quote-jobs")
			s, e := annotatetest.Find(t, text, "convince Ankara of the need", 0)
			v.SetSelection(s, e)
			v.ScrollToOffset(0)
			if v.SelectedSpan() != "quote-jobs" || v.position() != 0 || len(v.caps) != 3 {
				t.Fatalf("span %q, position %v, %d captions", v.SelectedSpan(), v.position(), len(v.caps))
			}
			img := w.Canvas().Capture()
			if img.Bounds().Dx() < 800 {
				t.Fatalf("capture is %v", img.Bounds())
			}
			writeShot(t, variant.name, img)
		})
	}
}

// TestScreenshotLinkMode renders link mode: the Akar quote is the source,
// the ACTOR spans are the valid targets, and Shift+Tab went to Hulusi Akar.
func TestScreenshotLinkMode(t *testing.T) {
	text := string(assets.Sample)
	v, w := newTestView(t, text, 820, 700, sampleSpans(t, text)...)
	v.doc.Relations = sampleRelations()[:2]
	v.SpansChanged()
	fyne.CurrentApp().Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck // the fixed variant is what the shot needs
	w.Canvas().Focus(v)
	v.SelectSpan("quote-akar")
	labels := annotate.DefaultLabelSet()
	v.SetLinkSource("quote-akar")
	v.SetLinkTargets(func(s annotate.Span) bool { return labels.Allows("SAID_BY", "QUOTE", s.Label) })
	v.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	v.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab}) // back to the speaker before it
	v.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if v.link.cur != "akar" {
		t.Fatalf("Tab went to %q", v.link.cur)
	}
	writeShot(t, "linkmode", w.Canvas().Capture())
}

// TestScreenshotHandles renders the handles of a selected span (the
// Çavusoglu ACTOR, one word too long), then a drag of its end handle back
// over ", quoted by the agency": the proposed range is outlined while the
// span keeps its colours until the drag ends.
func TestScreenshotHandles(t *testing.T) {
	text := string(assets.Sample)
	v, w := newTestView(t, text, 820, 400, sampleSpans(t, text)...)
	v.doc.Relations = sampleRelations()
	long := &v.doc.Spans[v.doc.SpanByID("cavusoglu")]
	long.Start, long.End = annotatetest.Find(t, text, "Çavusoglu, quoted by the agency", 0)
	v.SpansChanged()
	fyne.CurrentApp().Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck // the fixed variant is what the shot needs
	var asked [2]int
	v.OnBoundsRequested = func(id string, start, end int) { asked = [2]int{start, end} }
	w.Canvas().Focus(v)
	v.SelectSpan("cavusoglu")
	v.ScrollToOffset(0)
	s, _ := annotatetest.Find(t, text, "And is that the cease-fire", 0)
	v.placeLine(s, 0)
	v.Refresh()
	if _, _, ok := v.handleBounds(); !ok {
		t.Fatal("no handles on the selected span")
	}
	writeShot(t, "handles", w.Canvas().Capture())

	m := v.doc.Spans[v.doc.SpanByID("cavusoglu")]
	want := m.Start + len([]rune("Çavusoglu"))
	from, ok := handlePoint(v, m.End, true)
	if !ok {
		t.Fatal("the end handle is not visible")
	}
	to := midOf(t, v, want-3) // inside "Çavusoglu": snapping takes the word
	v.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}, Button: desktop.MouseButtonPrimary})
	dragTo(v, from, to)
	writeShot(t, "dragging", w.Canvas().Capture())
	v.DragEnd()
	if asked != [2]int{m.Start, want} {
		t.Errorf("the drag asked for %v, want [%d %d]", asked, m.Start, want)
	}
}
