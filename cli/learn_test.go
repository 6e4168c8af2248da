package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// zorbledCorpus writes n native documents in which "NAME zorbled CLAUSE."
// is a CLAIM said by NAME, with a quote and a plain sentence beside it;
// "zorbled" is a verb the rules do not know.
func zorbledCorpus(n int, annotated bool) string {
	people := []string{"Zoë Ngo-Tran", "Li Wei", "Amélie Dubois", "Sergey Lavrov", "José Martí"}
	clauses := []string{"the talks would resume in spring", "nobody had signed the accord 🎉", "the vote in 東京 was delayed", "the budget was short"}
	var b strings.Builder
	for i := range n {
		who, other := people[i%len(people)], people[(i+2)%len(people)]
		clause := clauses[i%len(clauses)]
		text := fmt.Sprintf("%s visited Geneva on Monday.\r\n\r\n%s zorbled %s.\n\n“We will see,” said %s.", other, who, clause, other)
		at := func(s string, from int) int {
			k := strings.Index(text[from:], s) + from
			return utf8.RuneCountInString(text[:k])
		}
		type span struct {
			ID    string `json:"id"`
			Start int    `json:"start"`
			End   int    `json:"end"`
			Label string `json:"label"`
			Text  string `json:"text"`
		}
		mk := func(id, s, label string, from int) span {
			st := at(s, from)
			return span{id, st, st + utf8.RuneCountInString(s), label, s}
		}
		spans := []span{mk("a1", other, "ACTOR", 0), mk("a2", who, "ACTOR", strings.Index(text, who+" zorbled")), mk("c", clause, "CLAIM", 0)}
		rels := []map[string]string{{"id": "r", "label": "SAID_BY", "from": "c", "to": "a2"}}
		if !annotated {
			spans, rels = nil, nil
		}
		line, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("d%d", i), "text": text, "spans": spans, "relations": rels})
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestLearnThenSuggest: gloss learn writes a versioned model, the same
// bytes each time; gloss suggest --model finds with it the claims the
// rules miss, with a reason that says so and the speaker.
func TestLearnThenSuggest(t *testing.T) {
	dir := t.TempDir()
	train := writeFile(t, dir, "train.jsonl", zorbledCorpus(24, true))
	model := filepath.Join(dir, "m.model")
	_, errOut, code := run(t, "", "learn", "-o", model, train)
	if code != 0 || !strings.Contains(errOut, "learned from 72 span(s) (QUOTE 0, CLAIM 24, ACTOR 48)") {
		t.Fatalf("learn: exit %d, %s", code, errOut)
	}
	first, err := os.ReadFile(model)
	if err != nil || !bytes.HasPrefix(first, []byte("gloss-model 1\n{")) {
		t.Fatalf("model file starts %q, %v", first[:min(len(first), 20)], err)
	}
	if _, errOut, code := run(t, "", "learn", "-o", model, train); code != 0 {
		t.Fatalf("learn again: exit %d, %s", code, errOut)
	}
	if again, _ := os.ReadFile(model); !bytes.Equal(first, again) {
		t.Error("learning twice from the same file gives other model bytes")
	}
	input := writeFile(t, dir, "new.jsonl", zorbledCorpus(3, false))
	claims := func(args ...string) map[string]string {
		out := filepath.Join(dir, "out.jsonl")
		if _, errOut, code := run(t, "", append(append([]string{"suggest", "-o", out}, args...), input)...); code != 0 {
			t.Fatalf("suggest %v: exit %d, %s", args, code, errOut)
		}
		docs, err := readNativeFile(out)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, d := range docs {
			for _, s := range d.Spans {
				if s.Label == "CLAIM" && strings.Contains(d.Text, "zorbled "+s.Text+".") {
					speaker := ""
					for _, r := range d.Relations {
						if r.From == s.ID {
							speaker = d.Spans[d.SpanByID(r.To)].Text
						}
					}
					got[s.Text] = s.Reason + " / " + speaker
				}
			}
		}
		return got
	}
	if got := claims(); len(got) != 0 {
		t.Fatalf("the rules alone find the zorbled claims %v: the test teaches nothing", got)
	}
	got := claims("--model", model)
	want := map[string]string{"the talks would resume in spring": "Zoë Ngo-Tran", "nobody had signed the accord 🎉": "Li Wei", "the vote in 東京 was delayed": "Amélie Dubois"}
	for c, who := range want {
		g, ok := got[c]
		if !ok || !strings.HasPrefix(g, "learned: ") || !strings.HasSuffix(g, " / "+who) {
			t.Errorf("claim %q: %q, want a learned claim said by %s", c, g, who)
		}
	}
}

func TestLearnRefuses(t *testing.T) {
	dir := t.TempDir()
	plain := writeFile(t, dir, "plain.jsonl", zorbledCorpus(2, false))
	foreign := writeFile(t, dir, "foreign.model", "P5\n1 1\n255\n\x00")
	model := filepath.Join(dir, "m.model")
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"learn", plain}, 2, "name the model file with -o MODEL"},
		{[]string{"learn", "-o", model}, 2, "name at least one FILE"},
		{[]string{"learn", "-o", model, "--epochs", "0", plain}, 2, "--epochs is from 1 to 100"},
		{[]string{"learn", "-o", model, plain}, 1, "no accepted QUOTE, CLAIM or ACTOR span to learn from; nothing written"},
		{[]string{"learn", "-o", model, filepath.Join(dir, "missing.jsonl")}, 1, "missing.jsonl"},
		{[]string{"suggest", "--model", foreign, plain}, 1, foreign + `:1: not a Gloss model (it starts with "P5"`},
		{[]string{"suggest", "--model", filepath.Join(dir, "none.model"), plain}, 1, "none.model"},
	}
	for _, tc := range tests {
		_, errOut, code := run(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.err) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tc.args, code, errOut, tc.code, tc.err)
		}
	}
	if _, err := os.Stat(model); !os.IsNotExist(err) {
		t.Errorf("a failed learn left %s behind (%v)", model, err)
	}
}
