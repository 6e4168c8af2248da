package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzAgreeFiles feeds arbitrary bytes as the files of agree and merge:
// they must fail cleanly (status 1 with a message) or succeed with a
// report that parses, never panic.
func FuzzAgreeFiles(f *testing.F) {
	f.Add([]byte(`{"id":"d","text":"ab cd","spans":[{"start":0,"end":2,"label":"ACTOR"}]}`+"\n"),
		[]byte(`{"id":"d","text":"ab cd","spans":[{"start":0,"end":5,"label":"ACTOR"}]}`+"\n"))
	f.Add([]byte(`{"id":"x","text":"😀"}`+"\n"+`{"id":"y","text":"b"}`), []byte(`{"id":"y","text":"b"}`+"\r\n"+`{"id":"x","text":"😀"}`))
	f.Add([]byte("{\"text\":\"a\"}\n"), []byte("\xff\n{"))
	dir := f.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	f.Fuzz(func(t *testing.T, da, db []byte) {
		if err := os.WriteFile(a, da, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(b, db, 0o644); err != nil {
			t.Fatal(err)
		}
		status, out, errOut := agreeRun(t, "agree", "--json", a, b)
		switch status {
		case 0:
			var v map[string]any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("report does not parse: %v\n%s", err, out)
			}
		case 1:
			if out != "" || errOut == "" {
				t.Fatalf("status 1 with stdout %q, stderr %q", out, errOut)
			}
		default:
			t.Fatalf("status %d: %s", status, errOut)
		}
		if s, _, _ := agreeRun(t, "merge", a, b); s != status {
			t.Fatalf("agree says %d, merge %d", status, s)
		}
	})
}
