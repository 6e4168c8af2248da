package learn

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/annotate/suggest"
)

// FuzzSuggestModel: Suggest with a model never panics, whatever the text
// and the existing spans, and what it suggests passes
// annotatetest.CheckSuggestions. The seed corpus is in
// testdata/fuzz/FuzzSuggestModel.
func FuzzSuggestModel(f *testing.F) {
	f.Add("Li Wei zorbled the talks were over.", 0, 6)
	f.Add("“We won,” said Zoë Ngo-Tran.\r\n\r\nShe zorbled that 東京 voted 🎉.", 10, 22)
	f.Add("\u0301“”‘’ zorbled zorbled «»", 0, 0)
	f.Add(genDoc("s", 4, 6, 0.5).Text, 3, 40)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		d := &annotate.Document{ID: "f", Text: text}
		if !utf8.ValidString(text) {
			Suggest(d, nil, suggest.Options{}, trained)
			return
		}
		n := utf8.RuneCountInString(text)
		if start >= 0 && start < end && end <= n {
			for _, l := range []string{"ACTOR", "CLAIM"} {
				d.Spans = append(d.Spans, annotate.Span{ID: "e" + l, Start: start, End: end, Label: l, Text: d.Slice(start, end)})
			}
		}
		spans, rels := Suggest(d, nil, suggest.Options{KnownActors: []string{"Li Wei"}}, trained)
		annotatetest.CheckSuggestions(t, d, spans, rels)
	})
}

// FuzzReadModel: Read never panics nor accepts a model it cannot write
// back the same. The seed corpus is in testdata/fuzz/FuzzReadModel.
func FuzzReadModel(f *testing.F) {
	// A small model keeps the fuzzer quick: it mutates the whole input.
	var good bytes.Buffer
	Train([]*annotate.Document{genDoc("f", 2, 2, 0.5)}, Options{Epochs: 1}).Write(&good)
	f.Add(good.Bytes())
	f.Add([]byte("gloss-model 1\n{}\n\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add([]byte("gloss-model 99\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Read(bytes.NewReader(data))
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := m.Write(&b); err != nil {
			t.Fatal(err)
		}
		m2, err := Read(bytes.NewReader(b.Bytes()))
		if err != nil {
			t.Fatalf("a model read back fails: %v", err)
		}
		var b2 bytes.Buffer
		m2.Write(&b2)
		if !bytes.Equal(b.Bytes(), b2.Bytes()) {
			t.Fatal("write, read, write gives other bytes")
		}
		Suggest(&annotate.Document{ID: "x", Text: "Li Wei zorbled it was over."}, nil, suggest.Options{}, m)
	})
}
