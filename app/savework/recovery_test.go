package savework

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gloss/annotate"
	"gloss/app/session"
	"gloss/export"
)

// TestOfferRecoveryTellsDamage: a journal that is only damage still gets a
// dialog saying so and where its copy is, instead of nothing.
func TestOfferRecoveryTellsDamage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "work.jsonl")
	if err := export.SaveNative(path, &annotate.Document{ID: "a", Text: "Ana said"}); err != nil {
		t.Fatal(err)
	}
	s := session.New(session.Options{RecoveryDir: t.TempDir()})
	w, err := session.Read(session.Spec{Paths: []string{path}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Start(w)
	os.MkdirAll(filepath.Dir(s.JournalPath()), 0o755)
	if err := os.WriteFile(s.JournalPath(), []byte("0\tnot a document\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var title, message string
	OfferRecovery(func(ti, msg string, buttons []string, then func(int)) { title, message = ti, msg },
		s, "work.jsonl", func(string) {})
	if title != "Recovery journal damaged" || !strings.Contains(message, "1 line could not be read.\nA copy of it is kept as\n"+s.JournalPath()+".damaged") {
		t.Errorf("asked %q: %q", title, message)
	}
}
