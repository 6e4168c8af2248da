package project

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
)

// SyncOptions say who syncs and how to report.
type SyncOptions struct {
	// Person is who syncs: an annotator, the reviewer, or both.
	Person string
	// Git runs git; nil means git on PATH in the project folder.
	Git *Git
	// Progress, if set, is told each step before it starts ("Fetching
	// from origin"), for a progress bar.
	Progress func(step Step)
}

// Step is one step of a sync, for progress reports.
type Step struct {
	// N counts steps from 1; Of is how many a sync takes at most.
	N, Of int
	What  string
}

// syncSteps is how many steps a sync reports.
const syncSteps = 4

// SyncResult says what a sync did.
type SyncResult struct {
	// Files are the person's own files, relative to the project.
	Files []string
	// Commit is the commit made of them, "" when they had not changed.
	Commit string
	// Remote and Branch are where the sync fetched from and pushed to;
	// Remote is "" when the repository has none (the work is committed
	// locally, and that is the whole sync).
	Remote, Branch string
	// Offline is set when the remote could not be reached: the work is
	// committed locally and goes out with the next sync. Reason is git's
	// word for it.
	Offline bool
	Reason  string
	// Received is how many commits of teammates were merged in; Changed
	// the files they changed.
	Received int
	Changed  []string
	// Pushed is set when the remote now has this clone's commits.
	Pushed bool
	// Notes are things the person should know (files changed in this clone
	// that are not theirs and were left alone).
	Notes []string
}

// SyncError is a sync that could not finish. The person's work is
// committed locally whenever Result.Commit or an earlier commit holds it;
// Advice says what to do next.
type SyncError struct {
	Result SyncResult
	Err    error
	Advice string
}

func (e *SyncError) Error() string {
	if e.Advice == "" {
		return e.Err.Error()
	}
	return e.Err.Error() + "\n" + e.Advice
}

func (e *SyncError) Unwrap() error { return e.Err }

// pushAttempts bounds the fetch-merge-push rounds of one sync: a push
// refused because a teammate pushed in between is retried after merging
// their work.
const pushAttempts = 5

// Sync shares the person's work: it commits their own files (nothing
// else), fetches the remote, merges teammates' work and pushes. A merge
// cannot conflict while each person writes only their own file; when one
// does (someone changed a file that is not theirs), Sync aborts it, so
// that nothing of anyone's is overwritten, and says which files. Offline,
// the commit stays local and the result says so.
func (p *Project) Sync(ctx context.Context, opt SyncOptions) (SyncResult, error) {
	s := &syncer{p: p, opt: opt, g: opt.Git}
	if s.g == nil {
		s.g = &Git{Dir: p.Dir}
	}
	err := s.run(ctx)
	if err != nil {
		var se *SyncError
		if !errors.As(err, &se) {
			se = &SyncError{Err: err}
		}
		se.Result = s.res
		return s.res, se
	}
	return s.res, nil
}

type syncer struct {
	p   *Project
	opt SyncOptions
	g   *Git
	res SyncResult
	// upstream is the remote-tracking ref, "refs/remotes/REMOTE/BRANCH".
	upstream string
	// setUpstream: the branch has no upstream yet; the first push sets it.
	setUpstream bool
}

func (s *syncer) step(n int, what string) {
	if s.opt.Progress != nil {
		s.opt.Progress(Step{N: n, Of: syncSteps, What: what})
	}
}

func (s *syncer) run(ctx context.Context) error {
	person := s.opt.Person
	if err := s.p.CheckMember(person); err != nil {
		return err
	}
	s.res.Files = s.p.OwnFiles(person)
	branch, err := s.checkRepo(ctx)
	if err != nil {
		return err
	}
	s.res.Branch = branch

	s.step(1, "Committing "+strings.Join(s.res.Files, " and "))
	if err := s.commit(ctx); err != nil {
		return err
	}
	if err := s.findRemote(ctx); err != nil {
		return err
	}
	if s.res.Remote == "" {
		return nil
	}
	for attempt := 1; ; attempt++ {
		s.step(2, "Fetching from "+s.res.Remote)
		// fetch.unpackLimit=1 keeps what arrives as the pack it came in
		// (deltas and all) instead of inflating each object into a loose
		// file: a teammate's 20 MB file then costs its delta, not 20 MB.
		if _, err := s.g.Run(ctx, "-c", "fetch.unpackLimit=1", "fetch", "--quiet", s.res.Remote); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			s.res.Offline = true
			s.res.Reason = reason(err)
			return nil
		}
		s.step(3, "Merging teammates' work")
		if err := s.merge(ctx); err != nil {
			return err
		}
		ahead, err := s.ahead(ctx)
		if err != nil {
			return err
		}
		if !ahead {
			s.res.Pushed = true
			return nil
		}
		s.step(4, "Pushing to "+s.res.Remote)
		args := []string{"push", "--quiet"}
		if s.setUpstream {
			args = append(args, "--set-upstream")
		}
		args = append(args, s.res.Remote, "HEAD:refs/heads/"+s.res.Branch)
		_, err = s.g.Run(ctx, args...)
		if err == nil {
			s.res.Pushed = true
			s.setUpstream = false
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !rejected(err) {
			return &SyncError{Err: err, Advice: s.committedLocally() +
				fmt.Sprintf(" The push to %s failed; check that you may push there (git push %s %s), then sync again.", s.res.Remote, s.res.Remote, s.res.Branch)}
		}
		if attempt == pushAttempts {
			return &SyncError{Err: err, Advice: s.committedLocally() +
				fmt.Sprintf(" %s kept moving while Gloss merged (%d tries); sync again in a moment.", s.res.Remote, pushAttempts)}
		}
		// A teammate pushed between our fetch and push: merge theirs too.
	}
}

// CheckMember refuses a person who is not in the project.
func (p *Project) CheckMember(person string) error {
	if err := CheckName(person); err != nil {
		return fmt.Errorf("%s: %v", p.Path(ConfigFile), err)
	}
	c := p.Config
	for _, m := range c.Members() {
		if m == person {
			return nil
		}
	}
	who := "annotators " + strings.Join(c.Annotators, ", ")
	if c.Reviewer != "" {
		who += "; reviewer " + c.Reviewer
	}
	return fmt.Errorf("%q is not in project %s (%s): pass --annotator NAME", person, c.Name, who)
}

// checkRepo checks that the project is a git work tree on a branch with
// no merge half done, and returns the branch.
func (s *syncer) checkRepo(ctx context.Context) (string, error) {
	if _, err := s.g.Run(ctx, "rev-parse", "--is-inside-work-tree"); err != nil {
		if errors.Is(err, ErrNoGit) {
			return "", err
		}
		return "", fmt.Errorf("%s: not a git repository: a project is shared through git (%v)", s.p.Dir, reason(err))
	}
	if _, err := s.g.Run(ctx, "rev-parse", "-q", "--verify", "MERGE_HEAD"); err == nil {
		return "", &SyncError{Err: errors.New("a git merge is half done in " + s.p.Dir),
			Advice: "Finish it (git merge --continue) or abort it (git merge --abort), then sync again."}
	}
	out, err := s.g.Run(ctx, "symbolic-ref", "-q", "--short", "HEAD")
	if err != nil {
		return "", &SyncError{Err: errors.New("no branch is checked out in " + s.p.Dir),
			Advice: "Check out the project's branch (git switch main), then sync again."}
	}
	return strings.TrimSpace(out), nil
}

// commit commits the person's own files, when they changed, after checking
// that they are whole native files: a broken file is never shared. One
// git status says which files changed, the person's and others'.
func (s *syncer) commit(ctx context.Context) error {
	for _, rel := range s.res.Files {
		if err := s.p.checkInside(rel); err != nil {
			return err
		}
	}
	changed, others, err := s.changes(ctx)
	if err != nil {
		return err
	}
	for _, file := range others {
		s.res.Notes = append(s.res.Notes, fmt.Sprintf("%s is changed in this clone but is not yours: sync leaves it alone (git checkout -- %s drops the change)", file, file))
	}
	if len(changed) == 0 {
		return nil
	}
	// git hashes the files while Gloss reads them: both take a while on a
	// large file, and a file found broken is unstaged again below.
	added := make(chan error, 1)
	go func() {
		_, err := s.g.Run(ctx, append([]string{"add", "--"}, changed...)...)
		added <- err
	}()
	var summary []string
	var broken error
	for _, rel := range changed {
		docs, err := readNative(s.p.Path(rel))
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted: git add records that
		}
		if err != nil {
			broken = &SyncError{Err: err, Advice: "Nothing was committed. Fix the file (gloss validate " + s.p.Path(rel) + ") and sync again."}
			break
		}
		if rel == GoldFile {
			summary = append(summary, fmt.Sprintf("gold %d documents", len(docs)))
		} else {
			pr := s.p.annotatorProgress(s.opt.Person, docs)
			summary = append(summary, fmt.Sprintf("%d done, %d in progress of %d", pr.Done, pr.InProgress, pr.Assigned))
		}
	}
	addErr := <-added
	if broken != nil {
		if addErr == nil {
			s.g.Run(ctx, append([]string{"reset", "--quiet", "--"}, changed...)...)
		}
		return broken
	}
	if addErr != nil {
		return addErr
	}
	// Commit the whole index when it holds nothing but the person's files
	// (the usual case): --only would hash their files a second time.
	staged, err := s.g.Run(ctx, "diff", "--cached", "--name-only", "-z", "--relative")
	if err != nil {
		return err
	}
	var stagedFiles []string
	for _, f := range strings.Split(staged, "\x00") {
		if f != "" {
			stagedFiles = append(stagedFiles, f)
		}
	}
	if len(stagedFiles) == 0 {
		return nil // saved back to what was committed
	}
	msg := fmt.Sprintf("%s: %s (gloss sync)", s.opt.Person, strings.Join(summary, "; "))
	args := append(identity(ctx, s.g, s.opt.Person), "commit", "--quiet", "-m", msg)
	if slices.ContainsFunc(stagedFiles, func(f string) bool { return !slices.Contains(changed, f) }) {
		args = append(append(args, "--only", "--"), changed...)
	}
	if _, err := s.g.Run(ctx, args...); err != nil {
		return &SyncError{Err: err, Advice: "Your files are saved but not committed; fix the problem git names and sync again."}
	}
	out, err := s.g.Run(ctx, "rev-parse", "--short", "HEAD")
	if err != nil {
		return err
	}
	s.res.Commit = strings.TrimSpace(out)
	return nil
}

// changes lists the person's files that differ from the last commit (new
// ones included) and the other files changed in this clone, both relative
// to the project.
func (s *syncer) changes(ctx context.Context) (own, others []string, err error) {
	out, err := s.g.Run(ctx, "status", "--porcelain", "-z", "--untracked-files=all", "--", ".")
	if err != nil {
		return nil, nil, err
	}
	// git status names files from the repository's top, which is the
	// project folder unless the project is a folder inside a repository.
	prefix, _ := s.g.Run(ctx, "rev-parse", "--show-prefix")
	prefix = strings.TrimSpace(prefix)
	entries := strings.Split(out, "\x00")
	for i := 0; i < len(entries); i++ {
		e := entries[i]
		if len(e) < 4 {
			continue
		}
		code, file := e[:2], strings.TrimPrefix(e[3:], prefix)
		if code[0] == 'R' || code[0] == 'C' {
			i++ // the next entry is the rename's source
		}
		switch {
		case slices.Contains(s.res.Files, file):
			own = append(own, file)
		case code != "??":
			others = append(others, file)
		}
	}
	return own, others, nil
}

// identity returns "-c user.name=… -c user.email=…" for a commit when git
// has no identity configured, so that an annotator who never set one can
// still sync: the commit is signed with their project name.
func identity(ctx context.Context, g *Git, person string) []string {
	name, _ := g.Run(ctx, "config", "user.name")
	email, _ := g.Run(ctx, "config", "user.email")
	var args []string
	if strings.TrimSpace(name) == "" {
		args = append(args, "-c", "user.name="+person)
	}
	if strings.TrimSpace(email) == "" {
		args = append(args, "-c", "user.email="+person+"@gloss.invalid")
	}
	return args
}

// findRemote finds where to sync: the branch's upstream, else the only
// remote (whose branch of the same name the first push makes the upstream).
func (s *syncer) findRemote(ctx context.Context) error {
	b := s.res.Branch
	remote, _ := s.g.Run(ctx, "config", "branch."+b+".remote")
	merge, _ := s.g.Run(ctx, "config", "branch."+b+".merge")
	remote, merge = strings.TrimSpace(remote), strings.TrimSpace(merge)
	if remote != "" && remote != "." && merge != "" {
		s.res.Remote = remote
		s.res.Branch = strings.TrimPrefix(merge, "refs/heads/")
		s.upstream = "refs/remotes/" + remote + "/" + s.res.Branch
		return nil
	}
	out, err := s.g.Run(ctx, "remote")
	if err != nil {
		return err
	}
	remotes := strings.Fields(out)
	switch len(remotes) {
	case 0:
		return nil
	case 1:
		s.res.Remote = remotes[0]
		s.upstream = "refs/remotes/" + remotes[0] + "/" + b
		s.setUpstream = true
		return nil
	}
	return &SyncError{Err: fmt.Errorf("branch %s has no upstream and there are %d remotes (%s)", b, len(remotes), strings.Join(remotes, ", ")),
		Advice: s.committedLocally() + fmt.Sprintf(" Say which to sync with: git branch --set-upstream-to=%s/%s", remotes[0], b)}
}

// merge merges the remote branch, when it exists and has commits this
// clone lacks. A merge that stops (a conflict, or local changes it would
// overwrite) is aborted, so the clone is as it was.
func (s *syncer) merge(ctx context.Context) error {
	if _, err := s.g.Run(ctx, "rev-parse", "-q", "--verify", s.upstream); err != nil {
		return nil // the remote has no such branch yet: the push makes it
	}
	out, err := s.g.Run(ctx, "rev-list", "--count", "--no-merges", "HEAD.."+s.upstream)
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(strings.TrimSpace(out))
	if n == 0 && !s.behind(ctx) {
		return nil
	}
	before, err := s.g.Run(ctx, "rev-parse", "HEAD")
	if err != nil {
		return err
	}
	before = strings.TrimSpace(before)
	msg := fmt.Sprintf("%s: merge %s/%s (gloss sync)", s.opt.Person, s.res.Remote, s.res.Branch)
	args := append(identity(ctx, s.g, s.opt.Person), "merge", "--quiet", "--ff", "--no-edit", "-m", msg, s.upstream)
	if _, err := s.g.Run(ctx, args...); err != nil {
		return s.mergeFailed(ctx, err)
	}
	s.res.Received += n
	out, err = s.g.Run(ctx, "diff", "--name-only", "-z", before, "HEAD", "--")
	if err == nil {
		for _, f := range strings.Split(out, "\x00") {
			if f != "" {
				s.res.Changed = append(s.res.Changed, f)
			}
		}
	}
	return nil
}

// behind reports whether the remote branch has commits HEAD lacks, merge
// commits included.
func (s *syncer) behind(ctx context.Context) bool {
	out, err := s.g.Run(ctx, "rev-list", "--count", "HEAD.."+s.upstream)
	return err == nil && strings.TrimSpace(out) != "0"
}

// mergeFailed aborts a stopped merge and explains.
func (s *syncer) mergeFailed(ctx context.Context, err error) error {
	var conflicts []string
	if _, e := s.g.Run(ctx, "rev-parse", "-q", "--verify", "MERGE_HEAD"); e == nil {
		out, _ := s.g.Run(ctx, "diff", "--name-only", "-z", "--diff-filter=U")
		for _, f := range strings.Split(out, "\x00") {
			if f != "" {
				conflicts = append(conflicts, f)
			}
		}
		s.g.Run(ctx, "merge", "--abort")
	}
	up := s.res.Remote + "/" + s.res.Branch
	if len(conflicts) > 0 {
		return &SyncError{
			Err: fmt.Errorf("teammates' changes to %s conflict with this clone's; nothing was merged", strings.Join(conflicts, ", ")),
			Advice: s.committedLocally() + fmt.Sprintf(" Someone changed a file that is not theirs (each person writes only their own). "+
				"Ask who did (git log %s -- %s), or merge by hand: git -C %s merge %s", up, conflicts[0], s.p.Dir, up),
		}
	}
	return &SyncError{
		Err: fmt.Errorf("could not merge %s: %s", up, reason(err)),
		Advice: s.committedLocally() + " If git names files with local changes that are not yours, " +
			"drop those changes (git checkout -- FILE) and sync again.",
	}
}

// ahead reports whether this clone has commits the remote branch lacks.
func (s *syncer) ahead(ctx context.Context) (bool, error) {
	if _, err := s.g.Run(ctx, "rev-parse", "-q", "--verify", s.upstream); err != nil {
		// No remote branch: push, unless there is nothing at all to push.
		_, err := s.g.Run(ctx, "rev-parse", "-q", "--verify", "HEAD")
		return err == nil, nil
	}
	out, err := s.g.Run(ctx, "rev-list", "--count", s.upstream+"..HEAD")
	if err != nil {
		return false, err
	}
	return strings.TrimSpace(out) != "0", nil
}

// committedLocally opens the advice of a failure after the commit step.
func (s *syncer) committedLocally() string {
	if s.res.Commit != "" {
		return fmt.Sprintf("Your work is committed locally (%s) and safe.", s.res.Commit)
	}
	return "Your work is committed locally and safe."
}

// rejected reports whether a push failed because the remote moved on.
func rejected(err error) bool {
	var ge *GitError
	if !errors.As(err, &ge) {
		return false
	}
	return strings.Contains(ge.Stderr, "[rejected]") || strings.Contains(ge.Stderr, "fetch first") ||
		strings.Contains(ge.Stderr, "non-fast-forward") || strings.Contains(ge.Stderr, "cannot lock ref")
}

// reason is the gist of a git failure for a person.
func reason(err error) string {
	var ge *GitError
	if errors.As(err, &ge) {
		if msg := lastLines(ge.Stderr, 2); msg != "" {
			return strings.TrimPrefix(msg, "fatal: ")
		}
		return ge.Err.Error()
	}
	return err.Error()
}

// exitStatus reports whether a git command exited with status code.
func exitStatus(ge *GitError, code int) bool {
	var ee interface{ ExitCode() int }
	return errors.As(ge.Err, &ee) && ee.ExitCode() == code
}
