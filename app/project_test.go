package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"gloss/annotate"
	"gloss/annotate/annotatetest"
	"gloss/app/project"
	"gloss/app/project/projecttest"
)

// teamProject makes a project of three documents for ana and bo (overlap
// 2, lead reviews) on a bare remote, and returns the remote and a clone
// for ana.
func teamProject(t *testing.T) (remote, lead, ana string) {
	t.Helper()
	projecttest.Isolate(t)
	docs := []*annotate.Document{
		{ID: "libya", Text: mixedText},
		{ID: "talks", Text: "Putin said \"we will stay\" in Libya."},
		{ID: "cafe", Text: "Cafe\u0301 owners said \"prices rise\" 😀."},
	}
	lead = filepath.Join(t.TempDir(), "news")
	if _, _, err := project.Init(context.Background(), lead, docs, project.InitOptions{
		Annotators: []string{"ana", "bo"}, Overlap: 2, Reviewer: "lead"}); err != nil {
		t.Fatal(err)
	}
	remote = filepath.Join(t.TempDir(), "news.git")
	projecttest.Git(t, "", "init", "-q", "--bare", remote)
	projecttest.Git(t, lead, "remote", "add", "origin", remote)
	projecttest.Git(t, lead, "push", "-q", "-u", "origin", "main")
	ana = filepath.Join(t.TempDir(), "ana")
	projecttest.Git(t, "", "clone", "-q", remote, ana)
	return remote, lead, ana
}

func TestOpenProjectAndSync(t *testing.T) {
	remote, lead, ana := teamProject(t)
	w, _ := newTestWindow(t, Options{Project: ana, Annotator: "ana"})
	if w.s.Len() != 3 || w.s.SavePath() != filepath.Join(ana, "annotations", "ana.jsonl") || w.Annotator() != "ana" {
		t.Fatalf("opened %d documents, saving to %s as %s", w.s.Len(), w.s.SavePath(), w.Annotator())
	}
	if title := w.win.Title(); !strings.HasPrefix(title, "news · ana [1/3 libya]") {
		t.Errorf("title %q", title)
	}
	// Ctrl+Shift+S syncs in a project; Save As has given it up.
	syncItem, saveAs := w.menuItem("File", "Sync"), w.menuItem("File", "Save As…")
	if syncItem == nil || syncItem.Disabled || syncItem.Shortcut == nil || syncItem.Shortcut.ShortcutName() != ctrlShift(fyne.KeyS).ShortcutName() ||
		!saveAs.Disabled || saveAs.Shortcut != nil {
		t.Fatalf("Sync %+v, Save As %+v", syncItem, saveAs)
	}
	// The clone now remembers who works in it.
	if who := projecttest.Git(t, ana, "config", "--local", "gloss.annotator"); who != "ana" {
		t.Errorf("remembered %q", who)
	}

	start, end := annotatetest.Find(t, w.Document().Text, "Ankara", 0)
	w.AddSpan("ACTOR", start, end)
	w.ToggleDone()
	syncItem.Action() // Ctrl+Shift+S itself is pressed in the real window (e2e)
	w.WaitTasks()
	if w.Dirty() {
		t.Error("Sync did not save first")
	}
	if msg := w.status.msg.Text; !strings.HasPrefix(msg, "Synced: committed your work") || !strings.Contains(msg, "up to date with origin/main") {
		t.Errorf("status %q", msg)
	}
	got := projecttest.Git(t, remote, "show", "main:annotations/ana.jsonl")
	if !strings.Contains(got, `"text":"Ankara"`) || !strings.Contains(got, `"status":"done"`) {
		t.Errorf("the remote has %s", got)
	}

	// The lead adds a document; ana's next sync brings it into her list.
	p, err := project.Open(lead)
	if err != nil {
		t.Fatal(err)
	}
	projecttest.Git(t, lead, "pull", "-q", "origin", "main")
	if _, err := p.Add(context.Background(), nil, []*annotate.Document{{ID: "new", Text: "Erdoğan said \"no\"."}}); err != nil {
		t.Fatal(err)
	}
	projecttest.Git(t, lead, "push", "-q", "origin", "main")
	w.showDocument(1)
	w.Sync()
	w.WaitTasks()
	if w.s.Len() != 4 || w.s.Info(3).ID != "new" || w.Document().ID != "talks" {
		t.Errorf("after the sync: %d documents, on %s", w.s.Len(), w.Document().ID)
	}
	if msg := w.status.msg.Text; msg != "Synced: 1 new documents for you" {
		t.Errorf("status %q", msg)
	}
	// Ana's earlier work is still there after the reload.
	if d, _ := w.s.Doc(0); len(d.Spans) != 1 || !annotate.IsDone(d) {
		t.Errorf("libya after the reload: %+v", d.Spans)
	}
}

func TestSyncOfflineInTheApp(t *testing.T) {
	remote, _, ana := teamProject(t)
	w, _ := newTestWindow(t, Options{Project: ana, Annotator: "ana"})
	os.Rename(remote, remote+".away")
	w.ToggleDone()
	w.Sync()
	w.WaitTasks()
	if msg := w.status.msg.Text; msg != "Offline: your work is committed in this clone" {
		t.Errorf("status %q", msg)
	}
	if st := projecttest.Git(t, ana, "status", "--porcelain"); st != "" {
		t.Errorf("not committed: %q", st)
	}
	if d := w.win.Canvas().Overlays().Top(); d == nil {
		t.Error("no dialog says it is offline")
	}
}

func TestProjectRefusals(t *testing.T) {
	_, _, ana := teamProject(t)
	projecttest.Isolate(t)
	a := test.NewTempApp(t)
	win := test.NewTempWindow(t, nil)
	if _, err := New(a, win, Options{Project: ana, Annotator: "zed"}); err == nil || !strings.Contains(err.Error(), `"zed" is not in project news`) {
		t.Errorf("a stranger: %v", err)
	}
	// Without a project, Sync says what it is for.
	w, _ := newTestWindow(t, Options{})
	if it := w.menuItem("File", "Sync"); it == nil || !it.Disabled {
		t.Errorf("Sync without a project: %+v", it)
	}
	w.Sync()
	if msg := w.status.msg.Text; !strings.Contains(msg, "File → Open Project…") {
		t.Errorf("status %q", msg)
	}
	// Open Project… on a folder that is no project says so.
	w.OpenProjectDir(t.TempDir())
	if msg := w.status.msg.Text; !strings.Contains(msg, "not a Gloss project") {
		t.Errorf("status %q", msg)
	}
	// Open Project… works as the app's annotator preference: someone not
	// in the project is told so; ana opens it in place (the same labels).
	w.SetAnnotator("zed")
	w.OpenProjectDir(ana)
	w.WaitTasks()
	if msg := w.status.msg.Text; w.Project() != nil || !strings.Contains(msg, `"zed" is not in project news`) || !strings.Contains(msg, "the app's preference") {
		t.Errorf("as zed: %q", msg)
	}
	w.SetAnnotator("ana")
	w.OpenProjectDir(ana)
	w.WaitTasks()
	if w.Project() == nil || w.s.Len() != 3 || w.Annotator() != "ana" || w.s.SavePath() != filepath.Join(ana, "annotations", "ana.jsonl") {
		t.Errorf("opened as %q: %d documents, %s", w.Annotator(), w.s.Len(), w.status.msg.Text)
	}
}

func TestProgressView(t *testing.T) {
	st := &project.Status{Name: "news", Documents: 3, Annotators: []project.AnnotatorProgress{
		{Name: "ana", Assigned: 4, Done: 1, InProgress: 2, Untouched: 1},
		{Name: "bo", Assigned: 2, Done: 2},
	}, Compared: 1}
	c := &project.Config{Annotators: []string{"ana", "bo"}, Overlap: 2, Reviewer: "lead", Blind: true}
	texts := func(o fyne.CanvasObject) (labels []string, bars []float64) {
		var walk func(fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.Label:
				labels = append(labels, x.Text)
			case *widget.ProgressBar:
				bars = append(bars, x.Value)
				labels = append(labels, x.TextFormatter())
			case *fyne.Container:
				for _, c := range x.Objects {
					walk(c)
				}
			}
		}
		walk(o)
		return labels, bars
	}
	labels, bars := texts(progressView(st, c, "ana"))
	all := strings.Join(labels, "|")
	for _, want := range []string{"ana (you)", "1 / 4 done", "2 in progress · 1 untouched", "bo", "2 / 2 done", "This project is blind"} {
		if !strings.Contains(all, want) {
			t.Errorf("the view lacks %q: %s", want, all)
		}
	}
	if len(bars) != 2 || bars[0] != 0.25 || bars[1] != 1 {
		t.Errorf("bars %v", bars)
	}
	// The reviewer (or anyone in a project that is not blind) sees the agreement.
	labels, _ = texts(progressView(st, c, "lead"))
	if all := strings.Join(labels, "|"); !strings.Contains(all, "no document is done by two annotators yet") {
		t.Errorf("reviewer's view: %s", all)
	}
}
