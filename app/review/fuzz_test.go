package review

import (
	"os"
	"path/filepath"
	"testing"

	"gloss/annotate"
	"gloss/export"
)

// FuzzLoad feeds arbitrary bytes as the second annotator's file: loading
// must fail with an error or give documents whose gold stays valid through
// a decision at every disagreement and their undoing.
func FuzzLoad(f *testing.F) {
	base := &annotate.Document{ID: "d", Text: "Ａli 😀 said “e\u0301crit” to 習近平.\r\nOK", Annotator: "a",
		Spans: []annotate.Span{{ID: "s1", Start: 0, End: 3, Label: "ACTOR", Text: "Ａli"}, {ID: "s2", Start: 13, End: 19, Label: "QUOTE", Text: "e\u0301crit"}}}
	good := export.AppendNative(nil, base, false)
	f.Add(good)
	f.Add([]byte(`{"id":"d","text":"Ａli 😀 said “e\u0301crit” to 習近平.\r\nOK","spans":[{"start":0,"end":2,"label":"ACTOR"},{"start":13,"end":19,"label":"CLAIM"},{"start":24,"end":27,"label":"ACTOR"}]}` + "\n"))
	f.Add([]byte(`{"id":"d","text":"other"}` + "\n"))
	f.Add([]byte(`{"id":"d","text":"x","spans":[{"start":5,"end":1,"label":"ACTOR"}]}`))
	f.Add([]byte(""))
	f.Add([]byte("{\n"))
	labels := annotate.DefaultLabelSet()
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		a := filepath.Join(dir, "a.jsonl")
		b := filepath.Join(dir, "b.jsonl")
		if err := os.WriteFile(a, good, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(b, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := load([]string{a, b}, "", labels)
		if err != nil {
			return
		}
		defer c.close()
		for k := range c.docs {
			gold, err := c.makeGold(k)
			if err != nil {
				t.Fatal(err)
			}
			ds, err := c.state(k, gold)
			if err != nil {
				t.Fatal(err)
			}
			hist := annotate.NewHistory(gold)
			before := string(export.AppendNative(nil, ds.gold, false))
			for i := range ds.sites {
				for _, ch := range []choice{0, 1, both, neither} {
					if err := hist.Do(ds.decide(i, ch, c.names)); err != nil {
						t.Fatalf("decision %v at %d: %v", ch, i, err)
					}
					if p := annotate.Validate(ds.gold, labels); len(p) > 0 {
						t.Fatalf("gold invalid after %v at %d: %v", ch, i, p)
					}
				}
			}
			for hist.Undo() {
			}
			if after := string(export.AppendNative(nil, ds.gold, false)); after != before {
				t.Fatalf("undoing everything gave\n%s\nwant\n%s", after, before)
			}
		}
	})
}
