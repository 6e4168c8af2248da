package session

// Kind says what a Change is about.
type Kind int

// The kinds of change a Session announces.
const (
	// Opened: the work was replaced; every document may differ.
	Opened Kind = iota
	// Shown: another document became the current one (Doc).
	Shown
	// Edited: document Doc was edited, or an edit undone or redone.
	Edited
	// Listed: the index pass listed more documents (Listing says how far
	// it is; Err, at its end, its problems).
	Listed
	// SaveStarted, SaveProgress: a save runs in the background
	// (SaveProgress says how far).
	SaveStarted
	SaveProgress
	// Saved: the work was written to its save path; SaveFailed: it was not
	// (Err), and the file is as it was.
	Saved
	SaveFailed
	// Recovered: unsaved work from a crash replaced what was open.
	Recovered
)

var kindNames = [...]string{"Opened", "Shown", "Edited", "Listed", "SaveStarted", "SaveProgress", "Saved", "SaveFailed", "Recovered"}

// String names the kind, for tests and logs.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(?)"
}

// Change is what a Session announces to its listeners after each change.
type Change struct {
	Kind Kind
	// Doc is the document concerned (Shown, Edited), else -1.
	Doc int
	// Err is set when something failed.
	Err error
}
