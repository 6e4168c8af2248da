package export

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"gloss/annotate"
)

// TestLabelStudioSDKShapedTasks reads tasks shaped like those of Label
// Studio's export and its SDK's tests: numeric task, annotation and user
// ids, completed_by as an object and as a number, a region whose
// value.text disagrees with its offsets, a task whose text is under
// data.content, a prediction. It checks what Gloss keeps, and that its
// export has what the SDK's converter reads: task id, annotation id,
// completed_by, created_at.
func TestLabelStudioSDKShapedTasks(t *testing.T) {
	data, err := os.ReadFile("testdata/labelstudio/sdk-tasks.json")
	if err != nil {
		t.Fatal(err)
	}
	opt, warned := warnings()
	docs, err := ReadAll(NewLabelStudioReader(bytes.NewReader(data), "sdk-tasks.json", opt))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if ps := annotate.Validate(d, nil); len(ps) > 0 {
			t.Fatalf("%s: %v", d.ID, ps)
		}
	}
	golden(t, "labelstudio/sdk-tasks.native.jsonl", writeAll(t, Lookup("jsonl"), docs, Options{}))
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	a, b := docs[0], docs[1]
	if a.ID != "6141" || a.Annotator != "sergei@example.test" || b.Annotator != "14" {
		t.Errorf("ids/annotators: %q %q %q", a.ID, a.Annotator, b.Annotator)
	}
	if got := a.Spans[0].Text; got != "Jane Smith" {
		t.Errorf("offsets lost to value.text: span text %q", got)
	}
	if a.Spans[0].Created != "2024-05-15T12:09:16.789536Z" {
		t.Errorf("span created %q, want the annotation's created_at", a.Spans[0].Created)
	}
	if !strings.HasPrefix(b.Text, "Ministers met") || string(b.Meta) != `{"n":3}` {
		t.Errorf("data.content not read as the text: %q, meta %s", b.Text, b.Meta)
	}
	all := strings.Join(*warned, "\n")
	if !strings.Contains(all, "sdk-tasks.json:2: task 6141: 1 region(s) whose value.text differs from the text at their offsets: kept the offsets") {
		t.Errorf("warnings %q", all)
	}

	out := writeAll(t, Lookup("labelstudio"), docs, Options{})
	golden(t, "labelstudio/sdk-tasks.labelstudio.json", out)
	var tasks []map[string]any
	if err := json.Unmarshal(out, &tasks); err != nil {
		t.Fatal(err)
	}
	wantBy := []any{map[string]any{"email": "sergei@example.test"}, float64(14)}
	for i, task := range tasks {
		if task["id"] != []any{float64(6141), float64(6142)}[i] {
			t.Errorf("task %d: id %v", i, task["id"])
		}
		ann := task["annotations"].([]any)[0].(map[string]any)
		if ann["id"] == nil || ann["created_at"] == nil {
			t.Errorf("task %d: annotation %v lacks id or created_at", i, ann)
		}
		if got, _ := json.Marshal(ann["completed_by"]); string(got) != string(must(json.Marshal(wantBy[i]))) {
			t.Errorf("task %d: completed_by %s", i, got)
		}
	}
	// Read back, the same documents.
	back, err := ReadAll(NewLabelStudioReader(bytes.NewReader(out), "back.json", Options{}))
	if err != nil {
		t.Fatal(err)
	}
	h := formatHolds["labelstudio"]
	for i := range docs {
		if project(docs[i], h) != project(back[i], h) || docs[i].Annotator != back[i].Annotator {
			t.Errorf("document %d changed through Label Studio:\n%s\n%s", i, project(docs[i], h), project(back[i], h))
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestLabelStudioTextKey: with several string fields and no "text", the
// reader asks for --text-key; with it (or with one string field) it reads
// that field, and the writer writes the text under the same key.
func TestLabelStudioTextKey(t *testing.T) {
	in := `[{"id":"x1","data":{"headline":"Ana left","body":"Ana left Rome."},"annotations":[{"result":[{"id":"a","type":"labels","value":{"start":0,"end":3,"labels":["ACTOR"]}}]}]}]`
	_, err := ReadAll(NewLabelStudioReader(strings.NewReader(in), "t.json", Options{}))
	if err == nil || !strings.Contains(err.Error(), `t.json:1: "data" has no "text" but 2 string fields (headline, body): choose one with --text-key`) {
		t.Fatalf("error %v", err)
	}
	docs, err := ReadAll(NewLabelStudioReader(strings.NewReader(in), "t.json", Options{TextKey: "body"}))
	if err != nil {
		t.Fatal(err)
	}
	if docs[0].Text != "Ana left Rome." || string(docs[0].Meta) != `{"headline":"Ana left"}` {
		t.Errorf("text %q meta %s", docs[0].Text, docs[0].Meta)
	}
	out := string(writeAll(t, Lookup("labelstudio"), docs, Options{TextKey: "body"}))
	if !strings.Contains(out, `"data":{"id":"x1","body":"Ana left Rome."}`) || !strings.Contains(out, `{"id":"x1",`) {
		t.Errorf("written as %s", out)
	}
	_, err = ReadAll(NewLabelStudioReader(strings.NewReader(in), "t.json", Options{TextKey: "content"}))
	if err == nil || !strings.Contains(err.Error(), `missing "data": {"content": …} (--text-key)`) {
		t.Errorf("error %v", err)
	}
}
