package annotatetest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB whose Skipf and Fatalf record the message and
// stop the call, as the real ones do, without ending the test running it.
type recorder struct {
	testing.TB
	skipped, failed string
}

type stop struct{}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	panic(stop{})
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	panic(stop{})
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

// call runs Shared(r, rel) and returns its path ("" when it stopped).
func (r *recorder) call(rel string) (path string) {
	defer func() {
		if v := recover(); v != nil {
			if _, ok := v.(stop); !ok {
				panic(v)
			}
		}
	}()
	return Shared(r, rel)
}

// TestShared checks the three outcomes of Shared: a skip naming what is
// needed without ../shared, a failure instead with GLOSS_REQUIRE_SHARED=1,
// the path when it is there, and a failure when ../shared lacks the file.
func TestShared(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	pkg := filepath.Join(repo, "export")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "go.mod"), []byte("module gloss\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(pkg)

	t.Setenv(RequireSharedEnv, "")
	r := &recorder{TB: t}
	if got := r.call("fixtures/brat-news"); got != "" || r.failed != "" ||
		!strings.Contains(r.skipped, "needs ../shared/fixtures/brat-news") || !strings.Contains(r.skipped, RequireSharedEnv+"=1") {
		t.Errorf("without ../shared: path %q, skipped %q, failed %q; want a skip naming what is needed", got, r.skipped, r.failed)
	}

	t.Setenv(RequireSharedEnv, "1")
	r = &recorder{TB: t}
	if got := r.call("fixtures/brat-news"); got != "" || r.skipped != "" || !strings.Contains(r.failed, "needs ../shared/fixtures/brat-news") {
		t.Errorf("required, without ../shared: path %q, skipped %q, failed %q; want a failure", got, r.skipped, r.failed)
	}

	want := filepath.Join(root, "shared", "fixtures", "brat-news")
	if err := os.MkdirAll(want, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, env := range []string{"", "1"} {
		t.Setenv(RequireSharedEnv, env)
		r = &recorder{TB: t}
		if got := r.call("fixtures/brat-news"); got != want || r.skipped != "" || r.failed != "" {
			t.Errorf("%s=%q with ../shared: path %q, skipped %q, failed %q; want %s", RequireSharedEnv, env, got, r.skipped, r.failed, want)
		}
	}

	t.Setenv(RequireSharedEnv, "")
	r = &recorder{TB: t}
	if got := r.call("fixtures/gone.ann"); got != "" || r.skipped != "" || !strings.Contains(r.failed, "fixtures/gone.ann") {
		t.Errorf("missing fixture: path %q, skipped %q, failed %q; want a failure", got, r.skipped, r.failed)
	}
}
