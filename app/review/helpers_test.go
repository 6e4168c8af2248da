package review

import (
	"os"
	"path/filepath"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/assets"
	"gloss/export"
)

// sample is the bundled article: what every annotator's file annotates.
var sample = string(assets.Sample)

// sp is a span over the first occurrence of p with an id of its own.
func sp(t testing.TB, text, id, label, p string) annotate.Span {
	s, e := annotatetest.Find(t, text, p, 0)
	return annotate.Span{ID: id, Start: s, End: e, Label: label, Text: p}
}

// Phrases of the sample article that the fixtures annotate.
const (
	title     = "Russia fails in its attempt to persuade Turkey to stop its offensive in Libya"
	jobs      = "the jobs continue. The date of the meeting of the Foreign and Defence ministers of the two countries agreed in addition"
	truce     = "call a truce just when Haftar begins to lose ground. This is neither convincing nor sincere. The efforts of a cease-fire in Cairo are born dead"
	cavLong   = "Çavusoglu, quoted by the agency"
	cavShort  = "Çavusoglu, quoted"
	lavrov    = "Sergey Lavrov"
	putin     = "Vladimir Putin"
	erdogan   = "Recep Tayyip Erdogan"
	sampleDoc = "russia-turkey-libya"
)

// annotators builds three files' documents of the sample with one
// disagreement of every kind between ana (0) and ben (1):
//
//	extra    ben has CLAIM over the title, ana nothing
//	missing  ana has ACTOR Sergey Lavrov, ben nothing
//	label    ana QUOTE, ben CLAIM over the same words (“the jobs …”)
//	boundary ana ACTOR “Çavusoglu, quoted by the agency”, ben “Çavusoglu, quoted”
//
// Both have Putin, Erdogan and the truce QUOTE; ana links the QUOTE to her
// Çavusoglu (SAID_BY). cleo agrees with ana except on the title, which she
// marks as ben does.
func annotators(t testing.TB) []*annotate.Document {
	common := func(prefix string) []annotate.Span {
		return []annotate.Span{
			sp(t, sample, prefix+"-putin", "ACTOR", putin),
			sp(t, sample, prefix+"-erdogan", "ACTOR", erdogan),
			sp(t, sample, prefix+"-truce", "QUOTE", truce),
		}
	}
	ana := &annotate.Document{ID: sampleDoc, Text: sample, Annotator: "ana",
		Spans: append(common("a"),
			sp(t, sample, "a-lavrov", "ACTOR", lavrov),
			sp(t, sample, "a-jobs", "QUOTE", jobs),
			sp(t, sample, "a-cav", "ACTOR", cavLong)),
		Relations: []annotate.Relation{{ID: "a-r1", Label: "SAID_BY", From: "a-truce", To: "a-cav"}},
	}
	ben := &annotate.Document{ID: sampleDoc, Text: sample, Annotator: "ben",
		Spans: append(common("b"),
			sp(t, sample, "b-title", "CLAIM", title),
			sp(t, sample, "b-jobs", "CLAIM", jobs),
			sp(t, sample, "b-cav", "ACTOR", cavShort)),
	}
	cleo := &annotate.Document{ID: sampleDoc, Text: sample, Annotator: "cleo",
		Spans: append(common("c"),
			sp(t, sample, "c-title", "CLAIM", title),
			sp(t, sample, "c-lavrov", "ACTOR", lavrov),
			sp(t, sample, "c-jobs", "QUOTE", jobs),
			sp(t, sample, "c-cav", "ACTOR", cavLong)),
		Relations: []annotate.Relation{{ID: "c-r1", Label: "SAID_BY", From: "c-truce", To: "c-cav"}},
	}
	return []*annotate.Document{ana, ben, cleo}
}

// writeFiles saves each document list as a native file in dir and returns
// their paths, named after the first document's annotator.
func writeFiles(t testing.TB, dir string, docs ...[]*annotate.Document) []string {
	t.Helper()
	var paths []string
	for i, ds := range docs {
		name := "empty"
		if len(ds) > 0 {
			name = ds[0].Annotator
		}
		p := filepath.Join(dir, name+".jsonl")
		if i > 0 && p == paths[i-1] {
			p = filepath.Join(dir, name+"2.jsonl")
		}
		if err := export.SaveNative(p, ds...); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths
}

// writeRaw writes a file's bytes as they are, for bad input.
func writeRaw(t testing.TB, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
