package annotate_test

import (
	"reflect"
	"strings"
	"testing"

	"gloss/annotate"
)

const choicesTOML = `
[[label]]
name = "ACTOR"
key = "a"

[[choice]]
name = "stance"
values = ["for", "against", "neutral"]
keys = ["f", "g"]
description = "Where the article stands"

[[choice]]
name = "topic"
values = ["economy", "war", "health"]
multiple = true
`

func choiceSet(t *testing.T) *annotate.LabelSet {
	t.Helper()
	ls, err := annotate.ParseLabelSet([]byte(choicesTOML), "labels.toml")
	if err != nil {
		t.Fatal(err)
	}
	return ls
}

func TestParseChoices(t *testing.T) {
	ls := choiceSet(t)
	if len(ls.Choices) != 2 || ls.Choice("stance").Multiple || !ls.Choice("topic").Multiple {
		t.Fatalf("choices = %+v", ls.Choices)
	}
	var flat []string
	for _, cv := range ls.ChoiceValues() {
		flat = append(flat, cv.Group.Name+"/"+cv.Value)
	}
	if got := strings.Join(flat, " "); got != "stance/for stance/against stance/neutral topic/economy topic/war topic/health" {
		t.Errorf("ChoiceValues = %s", got)
	}
	for _, tt := range []struct {
		key  rune
		want string
	}{{'f', "for"}, {'G', "against"}, {'n', ""}, {'a', ""}} {
		cv, ok := ls.ChoiceForKey(tt.key)
		if got := cv.Value; ok != (tt.want != "") || got != tt.want {
			t.Errorf("ChoiceForKey(%q) = %q, %v; want %q", tt.key, got, ok, tt.want)
		}
	}
	c := ls.Clone()
	c.Choices[0].Values[0] = "changed"
	if ls.Choices[0].Values[0] != "for" {
		t.Error("Clone shares the values of a choice")
	}
}

func TestParseChoiceErrors(t *testing.T) {
	base := "[[label]]\nname = \"A\"\nkey = \"a\"\n"
	for _, tt := range []struct{ toml, want string }{
		{`[[choice]]
name = ""
values = ["x"]`, "choice 1: empty name"},
		{`[[choice]]
name = "s"`, `"s" has no values`},
		{`[[choice]]
name = "s"
values = ["x", "x"]`, `the value "x" twice`},
		{`[[choice]]
name = "s"
values = ["x", " "]`, "empty value"},
		{`[[choice]]
name = "s"
values = ["x"]
[[choice]]
name = "s"
values = ["y"]`, `choice "s" defined twice`},
		{`[[choice]]
name = "s:t"
values = ["x"]`, `may not contain ":"`},
		{`[[choice]]
name = "s"
values = ["x"]
keys = ["a"]`, `already "A"'s`},
		{`[[choice]]
name = "s"
values = ["x"]
keys = ["k", "l"]`, "2 keys for 1 values"},
		{`[[choice]]
name = "s"
values = ["x"]
keys = ["5"]`, "1–9 pick labels"},
		{`[[choice]]
name = "s"
values = ["x"]
mutliple = true`, `unknown key "choice.mutliple"`},
	} {
		_, err := annotate.ParseLabelSet([]byte(base+tt.toml), "labels.toml")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseLabelSet(%q) error = %v, want %q", tt.toml, err, tt.want)
		}
	}
}

func TestToggleChoice(t *testing.T) {
	ls := choiceSet(t)
	stance, topic := ls.Choice("stance"), ls.Choice("topic")
	d := &annotate.Document{ID: "d", Text: "text"}
	h := annotate.NewHistory(d)
	steps := []struct {
		def   *annotate.ChoiceDef
		value string
		want  map[string][]string
		name  string
	}{
		{stance, "for", map[string][]string{"stance": {"for"}}, "Set stance: for"},
		{stance, "against", map[string][]string{"stance": {"against"}}, "Set stance: against"},
		{topic, "health", map[string][]string{"stance": {"against"}, "topic": {"health"}}, "Set topic: health"},
		{topic, "economy", map[string][]string{"stance": {"against"}, "topic": {"economy", "health"}}, "Set topic: economy, health"},
		{stance, "against", map[string][]string{"topic": {"economy", "health"}}, "Clear stance"},
		{topic, "health", map[string][]string{"topic": {"economy"}}, "Set topic: economy"},
		{topic, "economy", nil, "Clear topic"},
	}
	var states []map[string][]string
	for i, st := range steps {
		states = append(states, annotate.CloneChoices(d.Choices))
		e := annotate.ToggleChoice(d, st.def, st.value)
		if err := h.Do(e); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if !reflect.DeepEqual(d.Choices, st.want) {
			t.Errorf("step %d: choices = %v, want %v", i, d.Choices, st.want)
		}
		if got, _ := h.CanUndo(); got != st.name {
			t.Errorf("step %d: undo names %q, want %q", i, got, st.name)
		}
	}
	for i := len(steps) - 1; i >= 0; i-- {
		h.Undo()
		if !annotate.EqualChoices(d.Choices, states[i]) {
			t.Errorf("undo to step %d: choices = %v, want %v", i, d.Choices, states[i])
		}
	}
	if d.Choices != nil || h.Dirty() {
		t.Errorf("after undoing all: %v, dirty %v", d.Choices, h.Dirty())
	}
	for range steps {
		h.Redo()
	}
	if !reflect.DeepEqual(d.Choices, map[string][]string(nil)) {
		t.Errorf("after redoing all: %v", d.Choices)
	}
	if err := (&annotate.SetChoice{Group: "topic", Values: []string{"war", "war"}}).Apply(d); err == nil {
		t.Error("a value twice was applied")
	}
}

func TestValidateChoices(t *testing.T) {
	ls := choiceSet(t)
	d := &annotate.Document{ID: "d", Text: "text", Choices: map[string][]string{
		"stance": {"for", "against"},
		"topic":  {"war", "war", "sport"},
		"genre":  {"news"},
	}}
	var got []string
	for _, p := range annotate.Validate(d, ls) {
		got = append(got, p.String())
	}
	want := []string{
		`choice "genre": unknown group of document labels`,
		`choice "stance": 2 values in a group of one (multiple = false)`,
		`choice "topic": value "war" twice`,
		`choice "topic": unknown value "sport" (the group has economy, war, health)`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	got = nil
	for _, p := range annotate.Validate(d, nil) {
		got = append(got, p.String())
	}
	if len(got) != 1 || got[0] != `choice "topic": value "war" twice` {
		t.Errorf("without a label set: %q", got)
	}
}

func TestSplitChoice(t *testing.T) {
	ls := choiceSet(t)
	for _, tt := range []struct {
		ls         *annotate.LabelSet
		flat, g, v string
	}{
		{ls, "stance:for", "stance", "for"},
		{ls, "against", "stance", "against"},
		{ls, "war", "topic", "war"},
		{ls, "POSITIVE", "category", "POSITIVE"},
		{ls, "genre:op-ed", "genre", "op-ed"},
		{ls, "stance:x:y", "stance", "x:y"},
		{nil, "POSITIVE", "category", "POSITIVE"},
		{nil, ":x", "category", ":x"},
	} {
		g, v := annotate.SplitChoice(tt.ls, tt.flat)
		if g != tt.g || v != tt.v {
			t.Errorf("SplitChoice(%q) = %q, %q; want %q, %q", tt.flat, g, v, tt.g, tt.v)
		}
		if g == annotate.DefaultChoiceGroup || tt.flat == annotate.JoinChoice(g, v) || !strings.Contains(tt.flat, ":") {
			continue
		}
		t.Errorf("JoinChoice(%q, %q) = %q, want %q", g, v, annotate.JoinChoice(g, v), tt.flat)
	}
}

func TestCloneKeepsChoicesApart(t *testing.T) {
	d := &annotate.Document{Text: "x", Choices: map[string][]string{"s": {"a"}}}
	c := d.Clone()
	c.Choices["s"][0] = "b"
	c.Choices["t"] = []string{"c"}
	if d.Choices["s"][0] != "a" || len(d.Choices) != 1 {
		t.Errorf("clone changed the original: %v", d.Choices)
	}
}
