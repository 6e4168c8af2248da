package docview

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
)

var benchWords = strings.Fields(`Russia Turkey Libya the minister said that Çavusoglu
	Erdogan Putin “truce” agreed meeting Istanbul foreign defence of in to a and
	cease-fire Haftar Tripoli égyptien president Ankara Moscow 2020 forces war`)

// benchDoc generates a document of n code points in paragraphs of about
// 600, with spans spans (a fifth of them nested in the one before) and rels
// SAID_BY relations.
func benchDoc(n, spans, rels int) *annotate.Document {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	runes, para := 0, 0
	for runes < n {
		w := benchWords[rng.IntN(len(benchWords))]
		sep := " "
		if para += utf8.RuneCountInString(w) + 1; para > 600 {
			sep, para = "\n\n", 0
		}
		if runes+utf8.RuneCountInString(w+sep) > n {
			b.WriteString(strings.Repeat("x", n-runes))
			break
		}
		b.WriteString(w + sep)
		runes += utf8.RuneCountInString(w + sep)
	}
	doc := &annotate.Document{ID: "bench", Text: b.String()}
	toks := annotate.Tokenize(doc.Text)
	labels := []string{"ACTOR", "CLAIM", "QUOTE"}
	step := len(toks) / spans
	for i := range spans {
		t := toks[i*step]
		end := toks[min(i*step+rng.IntN(max(step-1, 1)), len(toks)-1)].End
		if i%5 == 4 { // nested in the previous span
			prev := doc.Spans[len(doc.Spans)-1]
			t.Start, end = prev.Start, min(prev.End, prev.Start+3)
		}
		doc.Spans = append(doc.Spans, annotate.Span{ID: fmt.Sprint("s", i), Start: t.Start, End: max(end, t.End), Label: labels[i%3]})
	}
	// Each QUOTE SAID_BY the ACTOR two spans before it, up to rels.
	for i := 2; i < spans && len(doc.Relations) < rels; i += 3 {
		doc.Relations = append(doc.Relations, annotate.Relation{ID: fmt.Sprint("r", i), Label: "SAID_BY", From: doc.Spans[i].ID, To: doc.Spans[i-2].ID})
	}
	return doc
}

var (
	benchDocument *annotate.Document
	openHeap      [2]float64 // heap-MB and view-MB of BenchmarkDocViewOpen
)

func bigDoc(b *testing.B) *annotate.Document {
	if benchDocument == nil {
		benchDocument = benchDoc(1_000_000, 20_000, 5_000)
	}
	if got := benchDocument.Len(); got != 1_000_000 || len(benchDocument.Relations) != 5_000 {
		b.Fatalf("the document has %d code points and %d relations", got, len(benchDocument.Relations))
	}
	return benchDocument
}

// openBig shows the big document in a test window.
func openBig(b *testing.B, doc *annotate.Document) (*View, fyne.Window) {
	v := New(doc, nil)
	w := test.NewWindow(v)
	b.Cleanup(w.Close)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(900, 700))
	return v, w
}

func BenchmarkDocViewOpen(b *testing.B) {
	test.NewTempApp(b)
	doc := bigDoc(b)
	heapNow := func() float64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return float64(ms.HeapAlloc) / (1 << 20)
	}
	open := func(d *annotate.Document) (*View, fyne.Window) {
		v := New(d, nil)
		w := test.NewWindow(v)
		w.SetPadded(false)
		w.Resize(fyne.NewSize(900, 700))
		w.Canvas().Capture()
		if len(v.visible) == 0 || len(v.caps) < 4_900 {
			b.Fatalf("%d lines visible, %d captions", len(v.visible), len(v.caps))
		}
		return v, w
	}
	// The heap is measured once per process, before Fyne's renderer cache
	// (which keeps closed widgets for a minute) holds the views of earlier
	// rounds: heap-MB is the whole process with the document open, view-MB
	// what opening added (the view and the copy of the spans it was given).
	if openHeap == [2]float64{} {
		before := heapNow()
		v, w := open(doc.Clone())
		after := heapNow()
		runtime.KeepAlive(v)
		w.Close()
		openHeap = [2]float64{after, after - before}
	}
	for b.Loop() {
		_, w := open(doc.Clone())
		w.Close()
	}
	b.ReportMetric(openHeap[0], "heap-MB")
	b.ReportMetric(openHeap[1], "view-MB")
}

func BenchmarkDocViewLabel(b *testing.B) {
	test.NewTempApp(b)
	doc := bigDoc(b).Clone()
	v, _ := openBig(b, doc)
	n := len(doc.Spans)
	lines := v.visibleLines()
	for i := 0; b.Loop(); i++ {
		vl := lines[i%len(lines)]
		doc.Spans = append(doc.Spans[:n], annotate.Span{ID: "new", Start: vl.start, End: vl.start + 5, Label: "QUOTE"})
		v.SpansChanged()
	}
}

func BenchmarkDocViewScroll(b *testing.B) {
	test.NewTempApp(b)
	doc := bigDoc(b).Clone()
	v, _ := openBig(b, doc)
	mid := doc.Len() / 2
	for i := 0; b.Loop(); i++ {
		// A different place each time, so no layout is cached.
		v.ScrollToOffset(mid + (i%1000)*400)
		if len(v.visible) == 0 {
			b.Fatal("nothing visible")
		}
	}
}

func BenchmarkDocViewHitTest(b *testing.B) {
	test.NewTempApp(b)
	doc := bigDoc(b).Clone()
	v, _ := openBig(b, doc)
	v.ScrollToOffset(doc.Len() / 2)
	v.visibleLines()
	for i := 0; b.Loop(); i++ {
		pos := fyne.NewPos(float32(10+(i*37)%800), float32(5+(i*53)%650))
		if off := v.offsetAt(pos); off < 0 || off > doc.Len() {
			b.Fatal(off)
		}
	}
}

// BenchmarkStockLabel50k is the yardstick: Fyne's own wrapped Label in a
// scroll container showing 50,000 characters.
func BenchmarkStockLabel50k(b *testing.B) {
	test.NewTempApp(b)
	text := bigDoc(b).Text[:50_000]
	for b.Loop() {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		w := test.NewWindow(container.NewVScroll(l))
		w.Resize(fyne.NewSize(900, 700))
		w.Canvas().Capture()
		w.Close()
	}
}
