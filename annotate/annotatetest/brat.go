package annotatetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// BratAttributionText is the text of the brat attribution sample: two
// paragraphs with CRLF line breaks, an emoji, a combining accent, and a
// quote broken over two lines (LF) so that its T line's text goes on over
// two lines of the .ann, as PolNeAR writes such texts.
const BratAttributionText = "Ünal 😀 said the plan was «dead on arrival», Bine\u0301t recalled.\r\n" +
	"Later the ministry said it would \"review\nthe offer\" and \"wait\".\r\n"

// BratSample is what WriteBratAttributions wrote.
type BratSample struct {
	// Attributions is the folder of .ann files, Texts that of .txt files.
	Attributions, Texts string
	// Name is the text's name (Texts/Name.txt); the .ann files are
	// Name_ana.ann and, when asked for, Name_ben.ann.
	Name string
}

// WriteBratAttributions writes the brat attribution sample in dir, laid
// out as PolNeAR is: attributions/NAME_ana.ann (and NAME_ben.ann with
// two) beside text/NAME.txt. Its events, in ana's file:
//
//	E1 Attribution: Content “the plan was «dead on arrival»”, Source Ünal
//	E2 Attribution: Content “review⏎the offer”, Content2 “wait”, Source the ministry
//	E3 Attribution-no-source: Content “Bine´t recalled” (a type not asked for)
//	E4 Attribution with no arguments
//	E5 Attribution whose Content is E1, an event, not a span
//
// so that --event Attribution:Content>Source=SAID_BY gives three SAID_BY.
// ben's file (with two) is the same but gives the ministry's quotes to
// Binet.
func WriteBratAttributions(t testing.TB, dir string, two bool) BratSample {
	t.Helper()
	s := BratSample{Attributions: filepath.Join(dir, "attributions"), Texts: filepath.Join(dir, "text"), Name: "talks_2026"}
	for _, d := range []string{s.Attributions, s.Texts} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(s.Texts, s.Name+".txt"), []byte(BratAttributionText), 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(who, source2 string) {
		var b strings.Builder
		n := 0
		tline := func(typ, phrase string, nth int) string {
			n++
			start, end := Find(t, BratAttributionText, phrase, nth)
			fmt.Fprintf(&b, "T%d\t%s %d %d\t%s\n", n, typ, start, end, phrase)
			return fmt.Sprintf("T%d", n)
		}
		unal, said1, plan, trig1 := tline("Source", "Ünal", 0), tline("Cue", "said", 0), tline("Content", "the plan was «dead on arrival»", 0), tline("Attribution", "said", 0)
		fmt.Fprintf(&b, "E1\tAttribution:%s Content:%s Cue:%s Source:%s\n", trig1, plan, said1, unal)
		ministry, binet := tline("Source", "the ministry", 0), tline("Source", "Bine\u0301t", 0)
		said2, review, wait, trig2 := tline("Cue", "said", 1), tline("Content", "review\nthe offer", 0), tline("Content", "wait", 0), tline("Attribution", "said", 1)
		src := ministry
		if source2 == "binet" {
			src = binet
		}
		fmt.Fprintf(&b, "E2\tAttribution:%s Cue:%s Source:%s Content:%s Content2:%s\n", trig2, said2, src, review, wait)
		recalled, trig3 := tline("Content", "Bine\u0301t recalled", 0), tline("Attribution-no-source", "recalled", 0)
		fmt.Fprintf(&b, "E3\tAttribution-no-source:%s Content:%s\n", trig3, recalled)
		fmt.Fprintf(&b, "E4\tAttribution:%s \n", trig1)
		fmt.Fprintf(&b, "E5\tAttribution:%s Content:E1 Source:%s\n", trig2, unal)
		path := filepath.Join(s.Attributions, s.Name+"_"+who+".ann")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(b.String()) {
			t.Fatal("sample .ann is not UTF-8")
		}
	}
	write("ana", "ministry")
	if two {
		write("ben", "binet")
	}
	return s
}
