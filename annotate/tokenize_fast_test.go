package annotate

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// tokenAlphabet mixes every ASCII word-break class with the non-ASCII
// characters that interact with them: combining marks, ZWJ, emoji and
// their modifiers, regional indicators, other spaces and line separators,
// Hebrew, Katakana and CJK.
var tokenAlphabet = []string{
	"a", "Z", "é", "0", "9", "_", ".", ",", ";", ":", "'", "\"", "-", "!", "(", " ", "  ", "\t", "\r", "\n", "\r\n", "\v", "\f",
	"\u0301", "\u200d", "\u00ad", "\u200b", "\u2003", "\u00a0", "\u2028", "\u0085", "🌍", "👍", "🏽", "🇧", "🇷",
	"א", "ש", "ü", "ã", "Ø", "×", "÷", "ª", "µ", "·", "«", "»", "¿", "©", "®", "\u00ad", "\u00a0", "ǅ", "ɏ", "ɐ", "‐", "–", "—", "‘", "’", "‚", "“", "”", "„", "…", "‧", "․", "\u2027", "€", "ʰ", "😀", "🙂", "\ufe0f", "🫠", "、", "「", "」", "〆", "々", "！", "？", "（", "，", "．", "：", "；", "１", "＇", "㐀", "龥", "ｶ", "カ", "ー", "中", "。", "«", "’", "٣", "\x00", "\x7f", "\ufeff",
}

func randomText(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(tokenAlphabet[r.IntN(len(tokenAlphabet))])
	}
	return b.String()
}

func TestTokenizeFastMatchesUniseg(t *testing.T) {
	texts := []string{
		"", " ", "Ana said: \"Olá 🌍, amigos!\"\r\nBob 👍🏽 agreed.", "U.S. 3.5 1,000 don't e.g. a_b _x x_ 12ab",
		"a \u0301b", "\t\u0301x", "\u2003 \u0301b", "🇧🇷🇧 🇷x", "שׁ'ם a'b", "カー_タ 中国。", "x:y a.:b 1.,2",
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		texts = append(texts, randomText(r, 1+r.IntN(16)))
	}
	for _, text := range texts {
		if got, want := tokenizeFast(text), tokenizeUniseg(text); !slices.Equal(got, want) {
			t.Fatalf("Tokenize(%q) = %v, uniseg says %v", text, got, want)
		}
	}
}

func FuzzTokenizeFast(f *testing.F) {
	f.Add("Ana said: \"Olá 🌍, amigos!\"\r\nBob 👍🏽 agreed. U.S. 3.5 1,000 don't")
	f.Add("a \u0301b\t\u0301x \u2003 \u0301b")
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := tokenizeFast(text), tokenizeUniseg(text); !slices.Equal(got, want) {
			t.Fatalf("Tokenize(%q) = %v, uniseg says %v", text, got, want)
		}
	})
}

func BenchmarkTokenize(b *testing.B) {
	text := strings.Repeat("The minister said on Tuesday that talks with Ankara — “a good sign” — would resume; 3.5% growth, don't worry. ", 20)
	b.SetBytes(int64(len(text)))
	for _, tt := range []struct {
		name string
		fn   func(string) []Token
	}{{"fast", tokenizeFast}, {"uniseg", tokenizeUniseg}} {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				tt.fn(text)
			}
		})
	}
}
