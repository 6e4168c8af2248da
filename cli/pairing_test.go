package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAgreeMergeShuffled runs gloss agree --json and gloss merge on the
// fixtures of export's TestPairingShuffled: the same two annotators' files
// in id order and shuffled (with documents without ids, a BOM, CRLF line
// ends, an id one file lacks and a text that differs). Each variant is
// copied to the same paths in turn, so that the outputs, which name the
// files, are comparable byte for byte.
func TestAgreeMergeShuffled(t *testing.T) {
	dir := t.TempDir()
	files := []string{filepath.Join(dir, "x", "ann.jsonl"), filepath.Join(dir, "y", "ann.jsonl")}
	commands := [][]string{
		append([]string{"agree", "--json"}, files...),
		append([]string{"merge"}, files...),
		append([]string{"merge", "--min-agree", "1"}, files...),
	}
	outputs := map[string][]string{} // variant → stdout, stderr and status of each command
	for _, variant := range []string{"inorder", "shuffled"} {
		for _, f := range files {
			rel := filepath.Join(filepath.Base(filepath.Dir(f)), "ann.jsonl")
			b, err := os.ReadFile(filepath.Join("..", "export", "testdata", "pairing", variant, rel))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, args := range commands {
			stdout, stderr, code := run(t, "", args...)
			if code != 0 || stdout == "" || !strings.Contains(stderr, `left out "ann-9x"`) {
				t.Fatalf("%s: gloss %s: status %d, stderr %s", variant, strings.Join(args[:len(args)-2], " "), code, stderr)
			}
			if args[0] == "merge" && strings.Count(stdout, "\n") != 7 {
				t.Errorf("%s: gloss merge wrote %d documents, want the 7 in both files with the same text", variant, strings.Count(stdout, "\n"))
			}
			outputs[variant] = append(outputs[variant], stdout, stderr)
		}
	}
	for i, want := range outputs["inorder"] {
		if got := outputs["shuffled"][i]; got != want {
			t.Errorf("gloss %s, output %d: shuffled gives\n%s\nin order\n%s", commands[i/2][0], i%2, got, want)
		}
	}
}
