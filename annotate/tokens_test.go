package annotate_test

import (
	"testing"

	"gloss/annotate"
	"gloss/assets"
)

func tokenTexts(d *annotate.Document) []string {
	var out []string
	for _, t := range d.Tokens() {
		out = append(out, d.Slice(t.Start, t.End))
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Hulusi Akar said", []string{"Hulusi", "Akar", "said"}},
		{"“the jobs continue.”", []string{"“", "the", "jobs", "continue", ".", "”"}},
		{"company’s workers", []string{"company’s", "workers"}},
		{"Hi 👋🏽 there", []string{"Hi", "👋🏽", "there"}},
		{"e\u0301te\u0301 fini", []string{"e\u0301te\u0301", "fini"}},
		{"日本語のテキスト", []string{"日", "本", "語", "の", "テキスト"}},
		{"one\r\ntwo", []string{"one", "two"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		got := tokenTexts(&annotate.Document{Text: tt.text})
		if len(got) != len(tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.text, got, tt.want)
				break
			}
		}
	}
}

func TestSnap(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		start, end int
		want       string
	}{
		{"inside one word", "Hulusi Akar said", 2, 4, "Hulusi"},
		{"across two words", "Hulusi Akar said", 3, 8, "Hulusi Akar"},
		{"already whole", "Hulusi Akar said", 7, 11, "Akar"},
		{"caret in a word", "Hulusi Akar said", 13, 13, "said"},
		{"reversed", "Hulusi Akar said", 8, 3, "Hulusi Akar"},
		{"only space", "Hulusi   Akar", 7, 8, " "},
		{"trailing space kept", "Hulusi Akar", 0, 7, "Hulusi "},
		{"emoji cluster", "Hi 👋🏽 there", 4, 5, "👋🏽"},
		{"emoji then word", "Hi 👋🏽 there", 4, 7, "👋🏽 there"},
		{"combining accent", "un e\u0301te\u0301 chaud", 4, 5, "e\u0301te\u0301"},
		{"cjk", "日本語のテキスト", 5, 6, "テキスト"},
		{"crlf", "one\r\ntwo", 1, 6, "one\r\ntwo"},
		{"quote marks are tokens", "“jobs continue”", 1, 3, "jobs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &annotate.Document{Text: tt.text}
			s, e := annotate.Snap(d.Tokens(), tt.start, tt.end)
			if got := d.Slice(s, e); got != tt.want {
				t.Errorf("Snap(%d,%d) = [%d,%d) %q, want %q", tt.start, tt.end, s, e, got, tt.want)
			}
		})
	}
}

func TestSnapOnSample(t *testing.T) {
	d := &annotate.Document{Text: string(assets.Sample)}
	toks := d.Tokens()
	for _, tok := range toks {
		// Any range inside a token snaps to the whole token.
		mid := (tok.Start + tok.End) / 2
		s, e := annotate.Snap(toks, mid, mid)
		if s != tok.Start || e != tok.End {
			t.Fatalf("Snap inside %q gave %q", d.Slice(tok.Start, tok.End), d.Slice(s, e))
		}
	}
	if i := annotate.TokenAt(toks, -1); i != -1 {
		t.Errorf("TokenAt(-1) = %d", i)
	}
	if first, last, ok := annotate.TokenRange(toks, 0, 6); !ok || first != 0 || last != 0 {
		t.Errorf("TokenRange(0,6) = %d,%d,%v", first, last, ok)
	}
}
