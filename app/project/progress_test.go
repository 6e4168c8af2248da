package project

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

func TestStatus(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	// Three annotators, overlap 2: doc-0 ana+bo, doc-1 cy+ana, doc-2 bo+cy, doc-3 ana+bo.
	p := newProject(t, e, testTexts(5), InitOptions{Annotators: []string{"ana", "bo", "cy"}, Overlap: 2, Reviewer: "lead"})
	annotateDoc(t, p, "ana", "doc-0000", "Putin", "ACTOR", true)
	annotateDoc(t, p, "bo", "doc-0000", "Putin", "ACTOR", true)
	annotateDoc(t, p, "ana", "doc-0001", "Erdoğan", "ACTOR", true)
	annotateDoc(t, p, "cy", "doc-0001", "Turkey", "ACTOR", true)
	annotateDoc(t, p, "ana", "doc-0003", "Cafe\u0301", "ACTOR", false) // in progress
	annotateDoc(t, p, "bo", "doc-0002", "", "", true)                  // done, nothing to label
	st, err := p.Status()
	if err != nil {
		t.Fatal(err)
	}
	want := []AnnotatorProgress{
		{Name: "ana", Assigned: 4, Done: 2, InProgress: 1, Untouched: 1},
		{Name: "bo", Assigned: 3, Done: 2, InProgress: 0, Untouched: 1},
		{Name: "cy", Assigned: 3, Done: 1, InProgress: 0, Untouched: 2},
	}
	if !slices.Equal(st.Annotators, want) {
		t.Errorf("annotators %+v", st.Annotators)
	}
	if st.Documents != 5 || st.Unassigned != 0 || st.Compared != 2 || len(st.Problems) != 0 {
		t.Errorf("status %+v", st)
	}
	if st.Agreement == nil || st.Agreement.Documents != 2 {
		t.Fatalf("agreement %+v", st.Agreement)
	}
	// One exact match of two span pairs: f1 = 2·1 / (2 + 2).
	if f := st.Agreement.Overall.F1Exact; f != 0.5 {
		t.Errorf("pooled f1_exact %v, want 0.5", f)
	}
	if len(st.Pairs) != 2 || st.Pairs[0].A != "ana" || st.Pairs[0].B != "bo" || st.Pairs[0].Overall.F1Exact != 1 ||
		st.Pairs[1].A != "ana" || st.Pairs[1].B != "cy" || st.Pairs[1].Overall.F1Exact != 0 {
		t.Errorf("pairs %+v", st.Pairs)
	}
	if a := st.Annotators[0]; a.Fraction() != 0.5 {
		t.Errorf("fraction %v", a.Fraction())
	}
}

// A teammate's broken file, or a text that drifted, is reported and left
// out; the rest still counts.
func TestStatusProblems(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	p := newProject(t, e, testTexts(2), InitOptions{Annotators: []string{"ana", "bo"}, Overlap: 2})
	annotateDoc(t, p, "ana", "doc-0000", "Putin", "ACTOR", true)
	annotateDoc(t, p, "ana", "doc-0001", "Turkey", "ACTOR", true)
	annotateDoc(t, p, "bo", "doc-0000", "Putin", "ACTOR", true)
	annotateDoc(t, p, "bo", "doc-0001", "Turkey", "ACTOR", true)
	bo := p.Path(p.AnnotationFile("bo"))
	data, _ := os.ReadFile(bo)
	lines := strings.SplitAfter(string(data), "\n")
	drifted := strings.Replace(lines[1], "The talks ended", "The talks went on", 1)
	os.WriteFile(bo, []byte(lines[0]+drifted+"{broken\n"), 0o644)
	st, err := p.Status()
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Problems) != 2 || !strings.Contains(st.Problems[0], "bo.jsonl:3:") || !strings.Contains(st.Problems[1], `"doc-0001": the text differs`) {
		t.Errorf("problems %q", st.Problems)
	}
	if st.Compared != 1 || st.Annotators[1].Done != 2 {
		t.Errorf("status %+v", st)
	}
}

func TestReviewFiles(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	for _, tc := range []struct {
		name       string
		annotators []string
		done       map[string][]string
		wantFiles  []string
		wantDocs   []string // per lane
		anonymous  bool
		ready      int
		waiting    int
		err        string
	}{
		{"two, everything", []string{"ana", "bo"},
			map[string][]string{"ana": {"doc-0000", "doc-0001"}, "bo": {"doc-0001", "doc-0002"}},
			[]string{"ana.jsonl", "bo.jsonl"}, []string{"doc-0001", "doc-0001"}, false, 1, 2, ""},
		{"three, overlap 2", []string{"ana", "bo", "cy"},
			map[string][]string{"ana": {"doc-0000", "doc-0001"}, "bo": {"doc-0000"}, "cy": {"doc-0001", "doc-0002"}},
			[]string{"annotator-1.jsonl", "annotator-2.jsonl"}, []string{"doc-0000 doc-0001", "doc-0000 doc-0001"}, true, 2, 1, ""},
		{"nothing ready", []string{"ana", "bo"}, map[string][]string{"ana": {"doc-0000"}},
			nil, nil, false, 0, 0, "no document is ready for review yet (3 wait"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newProject(t, e, testTexts(3), InitOptions{Annotators: tc.annotators, Overlap: 2})
			for who, ids := range tc.done {
				for _, id := range ids {
					annotateDoc(t, p, who, id, "", "", true)
				}
			}
			tmp := t.TempDir()
			in, err := p.ReviewFiles(tmp)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names, docs []string
			for _, f := range in.Files {
				names = append(names, filepath.Base(f))
				fd, _ := os.Open(f)
				ds, err := export.ReadAll(export.NewNativeReader(fd, f, export.Options{}))
				fd.Close()
				if err != nil {
					t.Fatal(err)
				}
				docs = append(docs, strings.Join(ids(ds), " "))
				for _, d := range ds {
					if (d.Annotator == "") != tc.anonymous {
						t.Errorf("%s: annotator %q", f, d.Annotator)
					}
				}
			}
			if !slices.Equal(names, tc.wantFiles) || !slices.Equal(docs, tc.wantDocs) || in.Anonymous != tc.anonymous ||
				in.Ready != tc.ready || in.Waiting != tc.waiting || in.Gold != p.Path(GoldFile) {
				t.Errorf("review %+v: files %v docs %v", in, names, docs)
			}
		})
	}
}

// Who said it: speaker agreement over the quotes both annotators marked.
func TestStatusSpeakers(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	p := newProject(t, e, testTexts(2), InitOptions{Annotators: []string{"ana", "bo"}, Overlap: 2})
	quote := func(name, id, q, actor string, link bool) {
		w, err := p.WorkFor(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range w.Docs {
			if d.ID != id {
				continue
			}
			h := annotate.NewHistory(d)
			qs, qe := annotatetest.Find(t, d.Text, q, 0)
			as, ae := annotatetest.Find(t, d.Text, actor, 0)
			qSpan, aSpan := annotate.NewSpan(d, qs, qe, "QUOTE", name), annotate.NewSpan(d, as, ae, "ACTOR", name)
			edits := []annotate.Edit{&annotate.AddSpan{Span: qSpan}, &annotate.AddSpan{Span: aSpan}, &annotate.MarkDone{Done: true}}
			if link {
				edits = append(edits, &annotate.AddRelation{Relation: annotate.NewRelation("SAID_BY", qSpan.ID, aSpan.ID)})
			}
			for _, ed := range edits {
				if err := h.Do(ed); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := export.SaveNative(w.SavePath, w.Docs...); err != nil {
			t.Fatal(err)
		}
	}
	quote("ana", "doc-0000", "we will stay", "Putin", true)
	quote("bo", "doc-0000", "we will stay", "Putin", true)
	quote("ana", "doc-0001", "Turkey will not leave.", "Erdoğan", true)
	quote("bo", "doc-0001", "Turkey will not leave.", "Erdoğan", false)
	st, err := p.Status()
	if err != nil {
		t.Fatal(err)
	}
	if st.Agreement == nil || len(st.Agreement.Relations) != 1 {
		t.Fatalf("agreement %+v", st.Agreement)
	}
	r := st.Agreement.Relations[0]
	if r.Label != "SAID_BY" || !slices.Equal(r.Relations, []int{2, 1}) || r.Linked != 2 || r.SpeakerAgreement != 0.5 {
		t.Errorf("SAID_BY %+v", r)
	}
	if len(st.Pairs) != 1 || len(st.Pairs[0].Relations) != 1 || st.Pairs[0].Relations[0].SpeakerAgreement != 0.5 {
		t.Errorf("pairs %+v", st.Pairs)
	}
}
