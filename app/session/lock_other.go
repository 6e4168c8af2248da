//go:build !unix

package session

import "os"

// tryLock locks nothing where flock is missing: two windows on one file
// are then not told apart.
func tryLock(*os.File) (bool, error) { return true, nil }
