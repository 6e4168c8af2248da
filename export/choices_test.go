package export

import (
	"fmt"
	"strings"
	"testing"

	"gloss/annotate"
)

// choiceLabels is the built-in label set with two groups of document
// labels.
func choiceLabels(t testing.TB) *annotate.LabelSet {
	t.Helper()
	ls := annotate.DefaultLabelSet()
	ls.Choices = []annotate.ChoiceDef{
		{Name: "stance", Values: []string{"for", "against", "neutral"}},
		{Name: "topic", Values: []string{"economy", "war", "health"}, Multiple: true},
	}
	return ls
}

// choiceDocs are roundTripDocs with document labels: values in and out
// of the label set, a value with the separator in it, and a document
// without any.
func choiceDocs() []*annotate.Document {
	docs := roundTripDocs()
	docs[0].Choices = map[string][]string{"stance": {"against"}, "topic": {"war", "economy"}}
	docs[1].Choices = map[string][]string{"topic": {"health"}, "genre": {"op-ed", "a:b"}}
	docs[2].Choices = map[string][]string{"stance": {"neutral"}}
	return docs
}

// formatKeepsChoices says which writers carry document labels.
var formatKeepsChoices = map[string]bool{
	"jsonl": true, "doccano": true, "doccano-rel": true, "prodigy": true, "labelstudio": true,
	"brat": false, "conll": false, "hf": false, "webanno": false,
}

// TestChoicesRoundTrip writes documents with document labels in every
// format: those that carry them give back the same groups and values;
// the others leave them out and say so.
func TestChoicesRoundTrip(t *testing.T) {
	for _, f := range Formats() {
		if f.Name == "text" {
			continue
		}
		keeps, ok := formatKeepsChoices[f.Name]
		if !ok {
			t.Errorf("format %s: say whether it keeps document labels", f.Name)
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			docs := choiceDocs()
			if f.WriteDir != nil {
				docs[2].ID = "cjk-文書"
			}
			opt, warned := warnings()
			opt.Labels = choiceLabels(t)
			want := map[string]string{}
			for _, d := range docs {
				want[d.ID] = fmt.Sprint(d.Choices)
			}
			back, out := writeRead(t, f, docs, opt)
			if len(back) != len(docs) {
				t.Fatalf("%d documents back", len(back))
			}
			for _, d := range back {
				got := fmt.Sprint(d.Choices)
				if !keeps {
					if d.Choices != nil {
						t.Errorf("%s: choices %s from a format without them", d.ID, got)
					}
					continue
				}
				if w := want[d.ID]; got != w {
					t.Errorf("%s: choices %s, want %s\n%s", d.ID, got, w, out)
				}
			}
			msg := "left out the document labels (choices) of 3 document(s), 7 value(s)"
			if dropped := strings.Contains(strings.Join(*warned, "\n"), msg); dropped == keeps {
				t.Errorf("warnings %q: want %q %v", *warned, msg, !keeps)
			}
		})
	}
}

func TestNativeChoices(t *testing.T) {
	in := `{"id":"d","text":"abc","choices":{"topic":["war","economy"],"stance":["for"],"empty":[],"none":null}}`
	docs, errs := readNative(t, in)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := fmt.Sprint(docs[0].Choices); got != "map[stance:[for] topic:[war economy]]" {
		t.Errorf("choices %s", got)
	}
	out := writeNative(t, docs)
	want := `{"id":"d","text":"abc","annotator":"","spans":[],"relations":[],"choices":{"stance":["for"],"topic":["war","economy"]},"meta":{}}` + "\n"
	if out != want {
		t.Errorf("written\n%s\nwant\n%s", out, want)
	}
	again, _ := readNative(t, out)
	if writeNative(t, again) != out {
		t.Error("a second save is not byte-identical")
	}
	if out := writeNative(t, []*annotate.Document{{ID: "x", Text: "t"}}); strings.Contains(out, "choices") {
		t.Errorf("no choices, yet %s", out)
	}
	for _, tt := range []struct{ in, want string }{
		{`{"text":"a","choices":["for"]}`, `"choices" must be an object`},
		{`{"text":"a","choices":{"s":"for"}}`, `"choices.s" must be an array of strings`},
		{`{"text":"a","choices":{"s":[1]}}`, `"choices.s" must be an array of strings`},
		{`{"text":"a","choices":{"s":["x"],"s":["y"]}}`, `key "s" given twice`},
	} {
		_, errs := readNative(t, tt.in)
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.want) || !strings.HasPrefix(errs[0].Error(), "in.jsonl:1: ") {
			t.Errorf("%s: errors %v, want in.jsonl:1: …%s", tt.in, errs, tt.want)
		}
	}
}

// TestForeignChoices reads document labels as the tools themselves write
// them: bare values, which the label set resolves to a group.
func TestForeignChoices(t *testing.T) {
	ls := choiceLabels(t)
	for _, tt := range []struct{ format, in, want string }{
		{"doccano", `{"text":"Find a flight","entities":[[7,13,"ACTOR"]],"cats":["flight","against"]}`, "map[category:[flight] stance:[against]]"},
		{"doccano", `{"text":"Terrible service.","label":["war","stance:for"]}`, "map[stance:[for] topic:[war]]"},
		{"prodigy", `{"text":"Great price.","options":[{"id":"POSITIVE","text":"POSITIVE"}],"accept":["POSITIVE","topic:war"],"answer":"accept"}`, "map[category:[POSITIVE] topic:[war]]"},
		{"prodigy", `{"text":"Great price.","accept":["POSITIVE"],"answer":"reject"}`, "map[]"},
		{"labelstudio", `[{"data":{"text":"t"},"annotations":[{"result":[{"from_name":"sentiment","to_name":"text","type":"choices","value":{"choices":["Positive","Mixed"]}}]}],"predictions":[{"result":[{"from_name":"x","to_name":"text","type":"choices","value":{"choices":["y"]}}]}]}]`, "map[sentiment:[Positive Mixed]]"},
	} {
		opt := Options{Labels: ls}
		docs, err := ReadAll(Lookup(tt.format).NewReader(strings.NewReader(tt.in), "in", opt))
		if err != nil {
			t.Errorf("%s: %v", tt.format, err)
			continue
		}
		if got := fmt.Sprint(docs[0].Choices); got != tt.want {
			t.Errorf("%s %s: choices %s, want %s", tt.format, tt.in, got, tt.want)
		}
	}
}

// TestProdigyChoiceTask checks the choice interface's shape: every option
// of the label set, and the document labels in the accepted task only.
func TestProdigyChoiceTask(t *testing.T) {
	d := mkDoc("d", "Ana left.", annotate.Span{Text: "Ana", Label: "ACTOR", Rejected: true})
	d.Choices = map[string][]string{"stance": {"for"}, "genre": {"news"}}
	var b strings.Builder
	w := NewProdigyWriter(&b, Options{Labels: choiceLabels(t)})
	if err := w.Write(d); err != nil {
		t.Fatal(err)
	}
	w.Close()
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d tasks, want an accepted one for the choices and a rejected one:\n%s", len(lines), b.String())
	}
	want := `"options":[{"id":"stance:for","text":"stance: for"},{"id":"stance:against","text":"stance: against"},{"id":"stance:neutral","text":"stance: neutral"},{"id":"topic:economy","text":"topic: economy"},{"id":"topic:war","text":"topic: war"},{"id":"topic:health","text":"topic: health"},{"id":"genre:news","text":"genre: news"}],"accept":["stance:for","genre:news"]`
	if !strings.Contains(lines[0], want) || !strings.Contains(lines[0], `"answer":"accept"`) {
		t.Errorf("accepted task\n%s\nwant it to hold\n%s", lines[0], want)
	}
	if strings.Contains(lines[1], "accept\":[") || !strings.Contains(lines[1], `"answer":"reject"`) {
		t.Errorf("rejected task %s", lines[1])
	}
}
