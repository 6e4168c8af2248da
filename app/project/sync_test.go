package project

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// team is a project on a bare remote with three clones: two annotators and
// a reviewer, as a team works.
type team struct {
	e             *gitEnv
	remote        string
	ana, bo, lead *Project
}

func newTeam(t *testing.T, docs int) *team {
	t.Helper()
	e := newGitEnv(t)
	remote := filepath.Join(t.TempDir(), "remote.git")
	e.git(t, "", "init", "--quiet", "--bare", remote)
	p := newProject(t, e, testTexts(docs), InitOptions{Annotators: []string{"ana", "bo"}, Overlap: 2, Reviewer: "lead"})
	e.git(t, p.Dir, "remote", "add", "origin", remote)
	// The lead's first sync publishes the project.
	res := e.sync(t, p, "lead")
	if !res.Pushed || res.Commit != "" {
		t.Fatalf("first sync: %+v", res)
	}
	return &team{e: e, remote: remote, ana: e.clone(t, remote, "ana"), bo: e.clone(t, remote, "bo"), lead: e.clone(t, remote, "lead")}
}

// remoteFiles lists the files of the remote's main branch.
func (tm *team) remoteFiles(t *testing.T) []string {
	return strings.Fields(tm.e.git(t, tm.remote, "ls-tree", "-r", "--name-only", "main"))
}

// remoteFile is a file of the remote's main branch.
func (tm *team) remoteFile(t *testing.T, path string) string {
	return tm.e.git(t, tm.remote, "show", "main:"+path)
}

// authors lists, for each commit of the remote touching path, who made it.
func (tm *team) authors(t *testing.T, path string) []string {
	return strings.Fields(tm.e.git(t, tm.remote, "log", "--format=%an", "main", "--", path))
}

func TestSyncInTurns(t *testing.T) {
	t.Parallel()
	tm := newTeam(t, 4)
	e := tm.e
	annotateDoc(t, tm.ana.p(), "ana", "doc-0000", "Putin", "ACTOR", true)
	res := e.sync(t, tm.ana, "ana")
	if res.Commit == "" || !res.Pushed || res.Remote != "origin" || res.Branch != "main" || res.Offline {
		t.Fatalf("ana's sync: %+v", res)
	}
	if !slices.Equal(res.Files, []string{"annotations/ana.jsonl"}) {
		t.Errorf("files %v", res.Files)
	}
	annotateDoc(t, tm.bo.p(), "bo", "doc-0000", "Putin said", "ACTOR", true)
	res = e.sync(t, tm.bo, "bo")
	if res.Received != 1 || !slices.Equal(res.Changed, []string{"annotations/ana.jsonl"}) || !res.Pushed {
		t.Fatalf("bo's sync: %+v", res)
	}
	// Bo now has ana's file, untouched.
	if got, want := read(t, tm.bo.Path("annotations/ana.jsonl")), read(t, tm.ana.Path("annotations/ana.jsonl")); got != want {
		t.Error("bo's copy of ana's file differs from hers")
	}
	res = e.sync(t, tm.ana, "ana")
	if res.Commit != "" || res.Received != 1 || !res.Pushed {
		t.Fatalf("ana's second sync: %+v", res)
	}
	// The reviewer adjudicates and syncs the gold.
	res = e.sync(t, tm.lead, "lead")
	if res.Received != 2 {
		t.Fatalf("lead's sync: %+v", res)
	}
	os.WriteFile(tm.lead.Path(GoldFile), []byte(read(t, tm.lead.Path("annotations/ana.jsonl"))), 0o644)
	res = e.sync(t, tm.lead, "lead")
	if res.Commit == "" || !res.Pushed || !slices.Equal(res.Files, []string{GoldFile}) {
		t.Fatalf("lead's gold sync: %+v", res)
	}
	want := []string{"annotations/ana.jsonl", "annotations/bo.jsonl", "documents.jsonl", "gloss.toml", "gold.jsonl"}
	if got := tm.remoteFiles(t); !slices.Equal(got, want) {
		t.Errorf("remote has %v", got)
	}
	// Each file was written by its owner only.
	for path, who := range map[string]string{"annotations/ana.jsonl": "ana", "annotations/bo.jsonl": "bo", "gold.jsonl": "lead"} {
		for _, a := range tm.authors(t, path) {
			if a != who {
				t.Errorf("%s has a commit by %s", path, a)
			}
		}
	}
	if msg := e.git(t, tm.remote, "log", "--format=%s", "-1", "main", "--", "annotations/bo.jsonl"); msg != "bo: 1 done, 0 in progress of 4 (gloss sync)" {
		t.Errorf("bo's commit message %q", msg)
	}
}

// p is the project itself (read afresh, as after a sync).
func (p *Project) p() *Project { return p }

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// Only the person's own file is committed: a change to a teammate's file
// or to gloss.toml in this clone is left alone, and named.
func TestSyncCommitsOnlyOwnFile(t *testing.T) {
	t.Parallel()
	tm := newTeam(t, 2)
	e := tm.e
	annotateDoc(t, tm.bo, "bo", "doc-0001", "Turkey", "ACTOR", false)
	e.sync(t, tm.bo, "bo")
	e.sync(t, tm.ana, "ana")
	boFile := tm.ana.Path("annotations/bo.jsonl")
	os.WriteFile(boFile, []byte("ana scribbled here\n"), 0o644)
	rewrite(t, tm.ana.Dir, func(s string) string { return s + "\n# ana was here\n" })
	annotateDoc(t, tm.ana, "ana", "doc-0001", "Turkey", "ACTOR", false)
	res := e.sync(t, tm.ana, "ana")
	if res.Commit == "" || !res.Pushed {
		t.Fatalf("sync: %+v", res)
	}
	if len(res.Notes) != 2 || !strings.Contains(strings.Join(res.Notes, "\n"), "annotations/bo.jsonl is changed in this clone but is not yours") {
		t.Errorf("notes %q", res.Notes)
	}
	if got := e.git(t, tm.ana.Dir, "show", "--name-only", "--format=", "HEAD"); got != "annotations/ana.jsonl" {
		t.Errorf("the commit holds %q", got)
	}
	if strings.Contains(tm.remoteFile(t, "annotations/bo.jsonl"), "scribbled") || strings.Contains(tm.remoteFile(t, "gloss.toml"), "ana was here") {
		t.Error("ana's changes to others' files reached the remote")
	}
	if read(t, boFile) != "ana scribbled here\n" {
		t.Error("sync discarded a local change")
	}

	// When bo's next sync arrives, the merge would overwrite ana's local
	// change to his file: it is refused, nothing is lost, and she is told.
	annotateDoc(t, tm.bo, "bo", "doc-0001", "talks", "CLAIM", true)
	e.sync(t, tm.bo, "bo")
	_, err := tm.ana.Sync(context.Background(), SyncOptions{Person: "ana", Git: e.in(tm.ana.Dir)})
	var se *SyncError
	if !errors.As(err, &se) || !strings.Contains(se.Error(), "git checkout -- FILE") || !strings.Contains(se.Error(), "committed locally") {
		t.Fatalf("error %v", err)
	}
	if read(t, boFile) != "ana scribbled here\n" {
		t.Error("the failed merge lost ana's local change")
	}
	e.git(t, tm.ana.Dir, "checkout", "--", "annotations/bo.jsonl")
	res = e.sync(t, tm.ana, "ana")
	if res.Received != 1 || !strings.Contains(read(t, boFile), "talks") {
		t.Errorf("after dropping the change: %+v", res)
	}
}

// Annotators and the reviewer syncing at the same moment, round after
// round: every push that loses the race merges and tries again, and no
// one's work is lost.
func TestSyncAtTheSameTime(t *testing.T) {
	t.Parallel()
	tm := newTeam(t, 8)
	e := tm.e
	people := []struct {
		p    *Project
		name string
	}{{tm.ana, "ana"}, {tm.bo, "bo"}, {tm.lead, "lead"}}
	const rounds = 3
	for round := range rounds {
		// Each edits their own file, then all sync together.
		for _, who := range people[:2] {
			annotateDoc(t, who.p, who.name, docID(round), "", "", true)
		}
		os.WriteFile(tm.lead.Path(GoldFile), []byte(fmt.Sprintf(`{"id":"g%d","text":"gold"}`+"\n", round)), 0o644)
		var wg sync.WaitGroup
		errs := make([]error, len(people))
		for i, who := range people {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = who.p.Sync(context.Background(), SyncOptions{Person: who.name, Git: e.in(who.p.Dir)})
			}()
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: %s: %v", round, people[i].name, err)
			}
		}
	}
	// One more sync each brings every clone level with the remote.
	for _, who := range people {
		e.sync(t, who.p, who.name)
	}
	head := e.git(t, tm.remote, "rev-parse", "main")
	for _, who := range people {
		if got := e.git(t, who.p.Dir, "rev-parse", "HEAD"); got != head {
			t.Errorf("%s is at %s, the remote at %s", who.name, got, head)
		}
	}
	for _, name := range []string{"ana", "bo"} {
		st, err := tm.lead.p().Status()
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range st.Annotators {
			if a.Name == name && a.Done != rounds {
				t.Errorf("%s has %d done on the remote, want %d", name, a.Done, rounds)
			}
		}
	}
	if got := tm.remoteFile(t, GoldFile); got != `{"id":"g2","text":"gold"}` {
		t.Errorf("gold %q", got)
	}
}

// Offline, the work is committed locally and the result says so; the next
// sync with the remote back pushes it.
func TestSyncOffline(t *testing.T) {
	t.Parallel()
	tm := newTeam(t, 2)
	e := tm.e
	moved := tm.remote + ".away"
	os.Rename(tm.remote, moved)
	annotateDoc(t, tm.ana, "ana", "doc-0000", "Putin", "ACTOR", false)
	res := e.sync(t, tm.ana, "ana")
	if !res.Offline || res.Pushed || res.Commit == "" || res.Reason == "" {
		t.Fatalf("offline sync: %+v", res)
	}
	if st := e.git(t, tm.ana.Dir, "status", "--porcelain"); st != "" {
		t.Errorf("left uncommitted: %q", st)
	}
	// Offline again with more work: a second local commit.
	annotateDoc(t, tm.ana, "ana", "doc-0000", "Libya", "ACTOR", true)
	if res := e.sync(t, tm.ana, "ana"); !res.Offline || res.Commit == "" {
		t.Fatalf("second offline sync: %+v", res)
	}
	os.Rename(moved, tm.remote)
	res = e.sync(t, tm.ana, "ana")
	if res.Offline || !res.Pushed || res.Commit != "" {
		t.Fatalf("back online: %+v", res)
	}
	if n := len(tm.authors(t, "annotations/ana.jsonl")); n != 2 {
		t.Errorf("the remote has %d of ana's commits, want 2", n)
	}
}

// A sync after the remote moved on merges teammates' work first.
func TestSyncAfterRemoteMovedOn(t *testing.T) {
	t.Parallel()
	tm := newTeam(t, 2)
	e := tm.e
	annotateDoc(t, tm.bo, "bo", "doc-0000", "Putin", "ACTOR", true)
	e.sync(t, tm.bo, "bo")
	annotateDoc(t, tm.bo, "bo", "doc-0001", "Turkey", "ACTOR", true)
	e.sync(t, tm.bo, "bo")
	// The lead adds documents meanwhile.
	if _, err := tm.lead.Add(context.Background(), e.in(tm.lead.Dir), testTexts(4)[2:]); err != nil {
		t.Fatal(err)
	}
	e.sync(t, tm.lead, "lead")

	annotateDoc(t, tm.ana, "ana", "doc-0001", "Erdoğan", "ACTOR", true)
	res := e.sync(t, tm.ana, "ana")
	if res.Received != 3 || !res.Pushed || res.Commit == "" {
		t.Fatalf("sync: %+v", res)
	}
	slices.Sort(res.Changed)
	if want := []string{"annotations/bo.jsonl", "documents.jsonl", "gloss.toml"}; !slices.Equal(res.Changed, want) {
		t.Errorf("changed %v, want %v", res.Changed, want)
	}
	p, err := Open(tm.ana.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.Config.Assign["ana"]); n != 4 {
		t.Errorf("ana now has %d documents, want 4", n)
	}
	// Her merge commit is on the remote, with both parents.
	if parents := strings.Fields(e.git(t, tm.remote, "log", "-1", "--format=%p", "main")); len(parents) != 2 {
		t.Errorf("the remote's head has parents %v", parents)
	}
}

// Someone changed a file that is not theirs on both sides: the merge is
// aborted, nothing is overwritten, and the error says what to do.
func TestSyncConflictAborts(t *testing.T) {
	t.Parallel()
	tm := newTeam(t, 2)
	e := tm.e
	// bo, against the rules, commits a change to ana's file by hand.
	os.MkdirAll(tm.bo.Path(AnnotationsDir), 0o755)
	os.WriteFile(tm.bo.Path("annotations/ana.jsonl"), []byte(`{"id":"x","text":"bo's"}`+"\n"), 0o644)
	e.git(t, tm.bo.Dir, "add", "annotations/ana.jsonl")
	e.git(t, tm.bo.Dir, "commit", "-qm", "bo writes ana's file")
	e.git(t, tm.bo.Dir, "push", "-q", "origin", "main")

	annotateDoc(t, tm.ana, "ana", "doc-0000", "Putin", "ACTOR", true)
	mine := read(t, tm.ana.Path("annotations/ana.jsonl"))
	res, err := tm.ana.Sync(context.Background(), SyncOptions{Person: "ana", Git: e.in(tm.ana.Dir)})
	var se *SyncError
	if !errors.As(err, &se) {
		t.Fatalf("error %v", err)
	}
	for _, want := range []string{"annotations/ana.jsonl conflict", "committed locally (" + res.Commit + ")", "git log origin/main -- annotations/ana.jsonl"} {
		if !strings.Contains(se.Error(), want) {
			t.Errorf("error %q lacks %q", se.Error(), want)
		}
	}
	if res.Commit == "" || res.Pushed {
		t.Errorf("result %+v", res)
	}
	if read(t, tm.ana.Path("annotations/ana.jsonl")) != mine {
		t.Error("ana's file was changed by the failed merge")
	}
	if _, err := e.in(tm.ana.Dir).Run(context.Background(), "rev-parse", "-q", "--verify", "MERGE_HEAD"); err == nil {
		t.Error("the merge was left half done")
	}
	if st := e.git(t, tm.ana.Dir, "status", "--porcelain"); st != "" {
		t.Errorf("left changes: %q", st)
	}
}

func TestSyncRefuses(t *testing.T) {
	t.Parallel()
	tm := newTeam(t, 2)
	e := tm.e
	for _, tc := range []struct {
		name, who string
		prep      func()
		want      string
	}{
		{"stranger", "zed", nil, `"zed" is not in project`},
		{"hostile name", "../x", nil, `name "../x" may not start`},
		{"broken own file", "ana", func() {
			os.MkdirAll(tm.ana.Path(AnnotationsDir), 0o755)
			os.WriteFile(tm.ana.Path("annotations/ana.jsonl"), []byte("{\"id\":\"a\",\"text\":\"x\"}\n{oops\n"), 0o644)
		}, "ana.jsonl:2:"},
		{"detached", "bo", func() { e.git(t, tm.bo.Dir, "checkout", "-q", "--detach") }, "no branch is checked out"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.prep != nil {
				tc.prep()
			}
			p := tm.ana
			if tc.who == "bo" {
				p = tm.bo
			}
			before := e.git(t, p.Dir, "rev-parse", "HEAD")
			_, err := p.Sync(context.Background(), SyncOptions{Person: tc.who, Git: e.in(p.Dir)})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if after := e.git(t, p.Dir, "rev-parse", "HEAD"); after != before {
				t.Error("a refused sync committed")
			}
			if staged := e.git(t, p.Dir, "diff", "--cached", "--name-only"); staged != "" {
				t.Errorf("a refused sync left %q staged", staged)
			}
		})
	}
}

// A project with no remote syncs by committing, and says nothing went out.
func TestSyncNoRemote(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	p := newProject(t, e, testTexts(2), InitOptions{Annotators: []string{"ana"}})
	annotateDoc(t, p, "ana", "doc-0000", "Putin", "ACTOR", true)
	res := e.sync(t, p, "ana")
	if res.Remote != "" || res.Commit == "" || res.Pushed || res.Offline {
		t.Errorf("result %+v", res)
	}
	// Unchanged: nothing to commit, nothing to do.
	if res := e.sync(t, p, "ana"); res.Commit != "" {
		t.Errorf("second sync committed %s", res.Commit)
	}
}

// A remote that never answers is given up on after the timeout, with the
// work committed; git never waits on a terminal for a password.
func TestSyncTimeout(t *testing.T) {
	t.Parallel()
	tm := newTeam(t, 2)
	e := tm.e
	e.git(t, tm.ana.Dir, "remote", "set-url", "origin", "ssh://nobody@gloss.invalid/x.git")
	g := e.in(tm.ana.Dir)
	g.Timeout = 500 * time.Millisecond
	// The "ssh" that git starts hangs, as a dead connection would.
	g.Env = append(g.Env, "GIT_SSH_COMMAND=sh -c 'sleep 30'")
	annotateDoc(t, tm.ana, "ana", "doc-0000", "Putin", "ACTOR", true)
	start := time.Now()
	res, err := tm.ana.Sync(context.Background(), SyncOptions{Person: "ana", Git: g})
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("took %s", took)
	}
	if !res.Offline || res.Commit == "" || !strings.Contains(res.Reason, "no answer in 500ms") {
		t.Errorf("result %+v", res)
	}
}

// The progress callback sees every step, numbered.
func TestSyncProgress(t *testing.T) {
	t.Parallel()
	tm := newTeam(t, 2)
	annotateDoc(t, tm.ana, "ana", "doc-0000", "Putin", "ACTOR", true)
	var steps []string
	_, err := tm.ana.Sync(context.Background(), SyncOptions{Person: "ana", Git: tm.e.in(tm.ana.Dir), Progress: func(s Step) {
		steps = append(steps, fmt.Sprintf("%d/%d %s", s.N, s.Of, s.What))
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1/4 Committing annotations/ana.jsonl", "2/4 Fetching from origin", "3/4 Merging teammates' work", "4/4 Pushing to origin"}
	if !slices.Equal(steps, want) {
		t.Errorf("steps %q", steps)
	}
}

func TestIdentify(t *testing.T) {
	t.Parallel()
	e := newGitEnv(t)
	p := newProject(t, e, testTexts(1), InitOptions{Annotators: []string{"ana"}})
	g := e.in(p.Dir)
	ctx := context.Background()
	if name, from := p.Identify(ctx, g, "", "pref"); name != "pref" || from != "the app's preference" {
		t.Errorf("%s from %s", name, from)
	}
	if name, _ := p.Identify(ctx, g, "", ""); name != LoginName() {
		t.Errorf("login name: %s", name)
	}
	if err := p.Remember(ctx, g, "ana"); err != nil {
		t.Fatal(err)
	}
	if name, from := p.Identify(ctx, g, "", "pref"); name != "ana" || !strings.Contains(from, "gloss.annotator") {
		t.Errorf("%s from %s", name, from)
	}
	if name, _ := p.Identify(ctx, g, "bo", "pref"); name != "bo" {
		t.Errorf("flag: %s", name)
	}
}
