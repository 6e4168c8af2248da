package annotatetest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// RequireSharedEnv names the environment variable that turns a missing
// ../shared folder from a skip into a failure. .ci/run sets it to 1, so CI
// always runs the tests that read the team's shared fixtures, while a fresh
// clone without them still passes `make test`.
const RequireSharedEnv = "GLOSS_REQUIRE_SHARED"

// Shared returns the path of rel inside the shared folder that sits beside
// the repository (../shared, seen from the folder holding go.mod): real
// files from rivals' repositories that tests read but the repository never
// copies. When that folder is absent the test is skipped with a message
// naming what it needs, or fails when GLOSS_REQUIRE_SHARED=1. When the
// folder is there but rel is not, the test fails: a fixture went missing.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := sharedDir(wd)
	if err != nil {
		if os.Getenv(RequireSharedEnv) == "1" {
			t.Fatalf("needs ../shared/%s beside the repository (%v); %s=1 makes its absence a failure", rel, err, RequireSharedEnv)
		}
		t.Skipf("skipped: needs ../shared/%s beside the repository (%v); %s=1 makes this a failure", rel, err, RequireSharedEnv)
	}
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("../shared is there but %s is not: %v", rel, err)
	}
	return path
}

// sharedDir finds the folder holding go.mod from dir upwards (a test runs
// in its package's folder) and returns the shared folder beside it.
func sharedDir(dir string) (string, error) {
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
	shared := filepath.Join(filepath.Dir(dir), "shared")
	info, err := os.Stat(shared)
	if err != nil {
		return "", errors.New(shared + " does not exist")
	}
	if !info.IsDir() {
		return "", errors.New(shared + " is not a folder")
	}
	return shared, nil
}
