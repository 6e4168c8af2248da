package cli

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"gloss/annotate"
)

func TestReviewUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		err  string
	}{
		{[]string{"review"}, "name at least two FILEs"},
		{[]string{"review", "a.jsonl"}, "name at least two FILEs"},
		{[]string{"review", "-o", "gold.jsonl", "a.jsonl"}, "name at least two FILEs"},
		{[]string{"review", "a.jsonl", "-"}, "not standard input"},
		{[]string{"review", "-o", "-", "a.jsonl", "b.jsonl"}, "is not possible here"},
		{[]string{"review", "--nope", "a.jsonl", "b.jsonl"}, "flag provided but not defined: -nope"},
	} {
		opened := false
		var errOut bytes.Buffer
		env := Env{Stdout: &bytes.Buffer{}, Stderr: &errOut, OpenApp: func(AppOptions) error { opened = true; return nil }}
		if code := Main(tt.args, env); code != exitUsage || opened || !strings.Contains(errOut.String(), tt.err) {
			t.Errorf("gloss %v: exit %d, opened %v, stderr %q; want 2 and %q", tt.args, code, opened, errOut.String(), tt.err)
		}
	}
	out, _, _ := run(t, "", "help")
	if !strings.Contains(out, "gloss review [-o GOLD] FILE FILE [FILE...]") {
		t.Errorf("help does not list review:\n%s", out)
	}
}

func TestReviewAppOptions(t *testing.T) {
	dir := t.TempDir()
	labels := writeFile(t, dir, "labels.toml", "[[label]]\nname = \"PERSON\"\nkey = \"p\"\ncolor = \"#123456\"\n")
	for _, tt := range []struct {
		args []string
		want AppOptions
	}{
		{[]string{"review", "a.jsonl", "b.jsonl"},
			AppOptions{Review: true, Files: []string{"a.jsonl", "b.jsonl"}, Labels: annotate.DefaultLabelSet()}},
		{[]string{"review", "a.jsonl", "-o", "gold.jsonl", "b.jsonl", "c.jsonl"},
			AppOptions{Review: true, Files: []string{"a.jsonl", "b.jsonl", "c.jsonl"}, Out: "gold.jsonl", Labels: annotate.DefaultLabelSet()}},
	} {
		var got AppOptions
		env := Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, OpenApp: func(o AppOptions) error { got = o; return nil }}
		if code := Main(tt.args, env); code != exitOK {
			t.Fatalf("gloss %v: exit %d", tt.args, code)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("gloss %v: options %+v, want %+v", tt.args, got, tt.want)
		}
	}
	var got AppOptions
	env := Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}, OpenApp: func(o AppOptions) error { got = o; return nil }}
	if code := Main([]string{"review", "--labels", labels, "a.jsonl", "b.jsonl"}, env); code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if got.LabelsFile != labels || got.Labels == nil || got.Labels.Label("PERSON") == nil || got.Out != "" {
		t.Errorf("--labels: options %+v", got)
	}
}

func TestReviewReportsAppErrors(t *testing.T) {
	var errOut bytes.Buffer
	bad := errors.Join(errors.New("b.jsonl:3: unknown label \"PERSON\""), errors.New("c.jsonl: no documents"))
	env := Env{Stdout: &bytes.Buffer{}, Stderr: &errOut, OpenApp: func(AppOptions) error { return bad }}
	if code := Main([]string{"review", "a.jsonl", "b.jsonl", "c.jsonl"}, env); code != exitBad {
		t.Errorf("exit %d, want 1", code)
	}
	if want := "b.jsonl:3: unknown label \"PERSON\"\nc.jsonl: no documents\n"; errOut.String() != want {
		t.Errorf("stderr %q, want one line per problem %q", errOut.String(), want)
	}
}
