package project

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/export"
)

// benchDocs is the project size the issue states the sync target on.
const benchDocs = 10_000

// BenchmarkSync10k times one `gloss sync` of a 10,000-document project
// (documents of about 2 KB, two annotators who each have all of them) after
// the annotator edited one document: commit, fetch, merge, push to a bare
// remote on the same disk. "teammate" also merges a teammate's one-document
// change that reached the remote meanwhile. The target is ≤ 2 s.
func BenchmarkSync10k(b *testing.B) {
	e := newGitEnv(b)
	docs := make([]*annotate.Document, benchDocs)
	for i := range docs {
		docs[i] = annotatetest.Document(7, i, 2000, 0)
		docs[i].ID = docID(i)
	}
	remote := filepath.Join(b.TempDir(), "remote.git")
	e.git(b, "", "init", "--quiet", "--bare", remote)
	if os.Getenv("GLOSS_BENCH_REMOTE_PACKS") != "" {
		// A remote that keeps pushes as packs (as hosting services do)
		// rather than unpacking them: docs/projects.md.
		e.git(b, remote, "config", "receive.unpackLimit", "1")
	}
	lead := newProject(b, e, docs, InitOptions{Annotators: []string{"ana", "bo"}, Overlap: 2, Reviewer: "lead"})
	e.git(b, lead.Dir, "remote", "add", "origin", remote)
	e.sync(b, lead, "lead")
	ana, bo := e.clone(b, remote, "ana"), e.clone(b, remote, "bo")
	works := map[string]*Work{}
	for _, who := range []struct {
		p    *Project
		name string
	}{{ana, "ana"}, {bo, "bo"}} {
		w, err := who.p.WorkFor(who.name)
		if err != nil {
			b.Fatal(err)
		}
		// Everyone has started on every document: whole files to hash.
		for _, d := range w.Docs {
			d.Spans = append(d.Spans, annotate.NewSpan(d, 0, 5, "ACTOR", who.name))
		}
		if err := export.SaveNative(w.SavePath, w.Docs...); err != nil {
			b.Fatal(err)
		}
		e.sync(b, who.p, who.name)
		works[who.name] = w
	}
	e.sync(b, ana, "ana")
	edit := func(name string, p *Project, i int) {
		w := works[name]
		d := w.Docs[i%len(w.Docs)]
		if annotate.IsDone(d) {
			(&annotate.MarkDone{Done: false}).Apply(d)
		} else {
			(&annotate.MarkDone{Done: true}).Apply(d)
		}
		if err := export.SaveNative(w.SavePath, w.Docs...); err != nil {
			b.Fatal(err)
		}
	}
	g := e.in(ana.Dir)
	for _, tc := range []struct {
		name     string
		teammate bool
	}{{"own", false}, {"teammate", true}} {
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				if tc.teammate {
					edit("bo", bo, i)
					e.sync(b, bo, "bo")
				}
				edit("ana", ana, i)
				b.StartTimer()
				res, err := ana.Sync(context.Background(), SyncOptions{Person: "ana", Git: g})
				if err != nil || res.Commit == "" || !res.Pushed || (tc.teammate && res.Received != 1) {
					b.Fatalf("sync: %+v %v", res, err)
				}
			}
		})
	}
}
