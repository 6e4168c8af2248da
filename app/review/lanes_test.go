package review

import (
	"strings"
	"testing"

	"gloss/annotate"
)

// TestSnippet cuts lanes out of texts with astral-plane emoji, combining
// accents, CJK and CRLF line breaks, and checks that every span of a lane
// covers the same characters as in the document.
func TestSnippet(t *testing.T) {
	for _, tc := range []struct {
		name, text, a, b string // a and b: each annotator's span text
		wantIn, wantOut  []string
	}{
		{
			name: "crlf paragraphs",
			text: "Intro line.\r\n👋🏽 Ｘi Jinping 習近平 said “café” to e\u0301lan.\r\nNext para.",
			a:    "習近平", b: "Ｘi Jinping 習近平",
			wantIn: []string{"👋🏽", "e\u0301lan."}, wantOut: []string{"Intro", "\r", "\n", "Next"},
		},
		{
			name: "long line is cut at spaces",
			text: strings.Repeat("mot ", 60) + "👩‍👩‍👧 Δελφοί said e\u0301 " + strings.Repeat("слово ", 60),
			a:    "Δελφοί", b: "Δελφοί said",
			wantIn: []string{"…mot ", " слово…"},
		},
		{
			name: "whole text",
			text: "e\u0301 😀 x",
			a:    "😀", b: "😀 x",
			wantIn: []string{"e\u0301 😀 x"}, wantOut: []string{"…"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mk := func(who, p string) *annotate.Document {
				s := sp(t, tc.text, who, "ACTOR", p)
				return &annotate.Document{ID: "d", Text: tc.text, Annotator: who, Spans: []annotate.Span{s}}
			}
			docs := []*annotate.Document{mk("a", tc.a), mk("b", tc.b)}
			sites := findSites(docs)
			if len(sites) != 1 {
				t.Fatalf("%d sites, want 1", len(sites))
			}
			rs := []rune(tc.text)
			for _, d := range docs {
				sn := makeSnippet(rs, d, &sites[0])
				for _, w := range tc.wantIn {
					if !strings.Contains(sn.doc.Text, w) {
						t.Errorf("lane %q lacks %q", sn.doc.Text, w)
					}
				}
				for _, w := range tc.wantOut {
					if strings.Contains(sn.doc.Text, w) {
						t.Errorf("lane %q has %q", sn.doc.Text, w)
					}
				}
				if len(sn.doc.Spans) != 1 {
					t.Fatalf("lane spans %v", sn.doc.Spans)
				}
				s := sn.doc.Spans[0]
				if got, want := sn.doc.Slice(s.Start, s.End), d.Slice(s.Start+sn.shift, s.End+sn.shift); got != want || got != d.Spans[0].Text {
					t.Errorf("lane span covers %q, document %q, span text %q", got, want, d.Spans[0].Text)
				}
				if s.Suggested {
					t.Error("the disputed span is drawn as context")
				}
				if got := sn.doc.Slice(sn.site[0], sn.site[1]); !strings.Contains(got, tc.a) || !strings.Contains(got, tc.b) {
					t.Errorf("outline covers %q", got)
				}
				if p := annotate.Validate(sn.doc, nil); len(p) != 0 {
					t.Errorf("lane document is invalid: %v", p)
				}
			}
		})
	}
}

// TestSnippetFarSpeaker: a speaker a paragraph away from the quote is
// shown in an excerpt after "…", linked, so that the lane's caption
// names it; offsets stay exact around emoji, accents and CRLF.
func TestSnippetFarSpeaker(t *testing.T) {
	text := "Ｘi Jinping 習近平 👋🏽 arrived in e\u0301lan.\r\n" + strings.Repeat("Filler words here. ", 8) +
		"\r\nThe talks “were a waste of time for everyone, 😀 really”, one aide said."
	mk := func(who string, link bool) *annotate.Document {
		d := &annotate.Document{ID: "d", Text: text, Annotator: who, Spans: []annotate.Span{
			sp(t, text, who+"-q", "QUOTE", "were a waste of time for everyone, 😀 really"),
			sp(t, text, who+"-x", "ACTOR", "習近平"),
			sp(t, text, who+"-a", "ACTOR", "one aide"),
		}}
		to := who + "-a"
		if link {
			to = who + "-x"
		}
		d.Relations = []annotate.Relation{{ID: who + "-r", Label: "SAID_BY", From: who + "-q", To: to}}
		return d
	}
	docs := []*annotate.Document{mk("a", true), mk("b", false)}
	sites := findSites(docs)
	if len(sites) != 1 || sites[0].kind.String() != "speaker" {
		t.Fatalf("sites %+v", sites)
	}
	rs := []rune(text)
	for k, want := range []string{"習近平", "one aide"} {
		sn := makeSnippet(rs, docs[k], &sites[0])
		if strings.ContainsAny(sn.doc.Text, "\r\n") {
			t.Errorf("lane %d text %q has a line break", k, sn.doc.Text)
		}
		// ana's speaker is a paragraph away: an excerpt; ben's is beside
		// the quote.
		if got := strings.Contains(sn.doc.Text, " … "); got != (k == 0) {
			t.Errorf("lane %d text %q: excerpt %v", k, sn.doc.Text, got)
		}
		t.Logf("lane %d: %q", k, sn.doc.Text)
		if p := annotate.Validate(sn.doc, nil); len(p) != 0 {
			t.Errorf("lane %d invalid: %v", k, p)
		}
		if len(sn.doc.Relations) != 1 {
			t.Fatalf("lane %d relations %+v", k, sn.doc.Relations)
		}
		r := sn.doc.Relations[0]
		to := sn.doc.Spans[sn.doc.SpanByID(r.To)]
		from := sn.doc.Spans[sn.doc.SpanByID(r.From)]
		if to.Text != want || sn.doc.Slice(to.Start, to.End) != want || to.Suggested {
			t.Errorf("lane %d speaker %+v, want solid %q", k, to, want)
		}
		if got := sn.doc.Slice(sn.site[0], sn.site[1]); got != from.Text || from.Suggested {
			t.Errorf("lane %d outline %q, quote %+v", k, got, from)
		}
	}
}
