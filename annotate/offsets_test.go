package annotate_test

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"gloss/annotate"
	"gloss/assets"
)

// texts covers the Unicode cases every offset must survive.
var texts = map[string]string{
	"ascii":     "Russia fails in its attempt",
	"emoji":     "Hi 👋🏽 there 🇹🇷 flag 😀",
	"combining": "Çavușoğlu e\u0301te\u0301 Zoë",
	"cjk":       "俄罗斯说：“工作继续。”日本語",
	"crlf":      "line one\r\nline two\r\n\r\nthird",
	"empty":     "",
	"sample":    string(assets.Sample),
}

func TestRuneIndexRoundTrip(t *testing.T) {
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			ix := annotate.NewRuneIndex(text)
			runes := []rune(text)
			if ix.Len() != len(runes) {
				t.Fatalf("Len = %d, want %d", ix.Len(), len(runes))
			}
			b := 0
			for r := 0; r <= len(runes); r++ {
				if got := ix.ByteOffset(r); got != b {
					t.Fatalf("ByteOffset(%d) = %d, want %d", r, got, b)
				}
				if got := ix.RuneOffset(b); got != r {
					t.Fatalf("RuneOffset(%d) = %d, want %d", b, got, r)
				}
				if r < len(runes) {
					// A byte inside a multi-byte rune belongs to that rune.
					for k := 1; k < utf8.RuneLen(runes[r]); k++ {
						if got := ix.RuneOffset(b + k); got != r {
							t.Fatalf("RuneOffset(%d) inside rune %d = %d", b+k, r, got)
						}
					}
					b += utf8.RuneLen(runes[r])
				}
			}
		})
	}
}

func TestSlice(t *testing.T) {
	tests := []struct {
		text       string
		start, end int
		want       string
	}{
		{"Hi 👋🏽 there", 3, 5, "👋🏽"},
		{"Hi 👋🏽 there", 6, 11, "there"},
		{"e\u0301te\u0301", 0, 2, "e\u0301"},
		{"俄罗斯说：“工作继续。”", 6, 10, "工作继续"},
		{"a\r\nb", 1, 3, "\r\n"},
		{"abc", 2, 1, ""},
		{"abc", -5, 99, "abc"},
	}
	for _, tt := range tests {
		if got := annotate.NewRuneIndex(tt.text).Slice(tt.start, tt.end); got != tt.want {
			t.Errorf("Slice(%q, %d, %d) = %q, want %q", tt.text, tt.start, tt.end, got, tt.want)
		}
	}
}

// TestSliceEveryRange checks Slice against a slice of []rune for every
// range up to a little more than a stride between checkpoints: short
// slices are walked from their start, eight ASCII bytes at a time, longer
// ones from the end's checkpoint.
func TestSliceEveryRange(t *testing.T) {
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			ix := annotate.NewRuneIndex(text)
			runes := []rune(text)
			for start := -1; start <= len(runes); start++ {
				for end := start; end <= min(len(runes)+1, start+70); end++ {
					want := string(runes[min(max(start, 0), len(runes)):max(min(end, len(runes)), 0)])
					if got := ix.Slice(start, end); got != want {
						t.Fatalf("Slice(%d, %d) = %q, want %q", start, end, got, want)
					}
				}
			}
		})
	}
}

func TestSliceMatchesPythonOnSample(t *testing.T) {
	// Python's text[start:end] is a slice of code points: so must Slice be.
	d := &annotate.Document{Text: string(assets.Sample)}
	runes := []rune(d.Text)
	for _, word := range []string{"Çavusoglu", "“the jobs continue", "Hulusi Akar", "Leave A Reply"} {
		b := strings.Index(d.Text, word)
		if b < 0 {
			t.Fatalf("%q not in the sample", word)
		}
		start := d.Index().RuneOffset(b)
		end := start + utf8.RuneCountInString(word)
		if got := d.Slice(start, end); got != word {
			t.Errorf("Slice = %q, want %q", got, word)
		}
		if got := string(runes[start:end]); got != word {
			t.Errorf("rune slice = %q, want %q", got, word)
		}
	}
}

func TestUTF16Offsets(t *testing.T) {
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			u := annotate.NewUTF16Offsets(annotate.NewRuneIndex(text))
			w := 0
			for r, c := range []rune(text) {
				if got := u.FromRune(r); got != w {
					t.Fatalf("FromRune(%d) = %d, want %d", r, got, w)
				}
				if got, ok := u.ToRune(w); got != r || !ok {
					t.Fatalf("ToRune(%d) = %d,%v, want %d,true", w, got, ok, r)
				}
				if n := len(utf16.Encode([]rune{c})); n == 2 {
					if got, ok := u.ToRune(w + 1); got != r || ok {
						t.Fatalf("ToRune(%d) inside a surrogate pair = %d,%v, want %d,false", w+1, got, ok, r)
					}
				}
				w += len(utf16.Encode([]rune{c}))
			}
			n := len([]rune(text))
			if got := u.FromRune(n); got != w {
				t.Fatalf("FromRune(end) = %d, want %d", got, w)
			}
		})
	}
}
