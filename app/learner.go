package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gloss/annotate"
	"gloss/annotate/learn"
	"gloss/export"
)

// prefLearnOff remembers Suggest → Learn from Accepted Spans switched off.
const prefLearnOff = "learn.off"

// learner holds the model of the open work (annotate/learn), which learns
// in the background from what the annotator accepted and labelled: after
// each edit it is trained again on a snapshot of the work, one run at a
// time (edits during a run ask for one more after it), and the model of
// the newest run replaces the one in use. Suggest uses it. Its fields are
// read and written on the user interface's goroutine only.
type learner struct {
	model *learn.Model // in use; nil before the first run or load
	// path is the model file beside the work ("" for work that has no
	// file: the model then lives in memory only).
	path string
	// when is when model was learned (or loaded).
	when time.Time
	// running: a run is under way; again: an edit came during it.
	running, again bool
	// edits counts the edits seen; a run remembers how many it saw, and a
	// run that saw fewer than the model in use is dropped.
	edits, applied int
	// loaded: model came from the file, not from a run.
	loaded bool
	// problem is the last run's or load's error, for the status bar.
	problem error
}

// modelPath is where the model of work file src lives: beside it, the
// same name with the extension .gloss-model ("news.jsonl" →
// "news.gloss-model").
func modelPath(src string) string {
	if src == "" {
		return ""
	}
	return strings.TrimSuffix(src, filepath.Ext(src)) + ".gloss-model"
}

// Learning reports whether the model learns and Suggest uses it (Suggest
// → Learn from Accepted Spans; on unless switched off).
func (w *Window) Learning() bool { return !w.prefs.p.Bool(prefLearnOff) }

// SetLearning switches learning on or off and remembers it. Switched on,
// the model learns at once from the work as it is.
func (w *Window) SetLearning(on bool) {
	w.prefs.p.SetBool(prefLearnOff, !on)
	w.refreshMenus()
	if on {
		w.status.message("Suggest learns from the spans you accept and label")
		w.relearn()
	} else {
		w.status.message("Suggest uses its rules alone; the model is kept")
	}
	w.refreshLearning()
}

// Model is the model Suggest uses: nil when learning is off or nothing was
// learned yet.
func (w *Window) Model() *learn.Model {
	if !w.Learning() {
		return nil
	}
	return w.learn.model
}

// openModel is called when new work opens: it forgets the old work's
// model and reads the one beside the new work, else learns from the new
// work's spans.
func (w *Window) openModel() {
	w.learn = learner{path: modelPath(w.s.Source()), edits: w.learn.edits + 1, applied: w.learn.edits + 1}
	if w.learn.path == "" {
		w.relearn()
		return
	}
	path, edits := w.learn.path, w.learn.edits
	w.tasks.running.Add(1)
	go func() {
		defer w.tasks.running.Add(-1)
		m, err := readModel(path)
		w.post(func() { w.modelRead(path, edits, m, err) })
	}()
}

// readModel reads a model file; a missing file is no error (nil, nil).
func readModel(path string) (*learn.Model, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := learn.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	return m, nil
}

// modelRead takes the model read beside the work, unless the work changed
// meanwhile. A file that is no Gloss model is never written over: the
// model then stays in memory.
func (w *Window) modelRead(path string, edits int, m *learn.Model, err error) {
	if w.learn.path != path || w.learn.applied != edits {
		return
	}
	switch {
	case err != nil:
		w.learn.problem = err
		if errors.Is(err, learn.ErrNotModel) {
			w.learn.path = ""
		}
		w.status.message("Model not read: " + err.Error())
		w.relearn()
	case m == nil:
		w.relearn()
	default:
		w.learn.model, w.learn.when, w.learn.loaded = m, time.Now(), true
	}
	w.refreshLearning()
}

// relearn starts a run on the work as it is now, or asks for one more
// when a run is under way.
func (w *Window) relearn() {
	if !w.Learning() {
		return
	}
	l := &w.learn
	l.edits++
	if l.running {
		l.again = true
		return
	}
	l.running, l.again = true, false
	sn := w.s.Snapshot()
	edits, path, labels := l.edits, l.path, w.labels
	w.refreshLearning()
	w.tasks.running.Add(1)
	go func() {
		defer w.tasks.running.Add(-1)
		var docs []*annotate.Document
		for i := range sn.Len() {
			if d, err := sn.Document(i); err == nil && hasAccepted(d) {
				docs = append(docs, d)
			}
		}
		sn.Close()
		var m *learn.Model
		var err error
		if len(docs) > 0 {
			m = learn.Train(docs, learn.Options{Labels: labels})
			if path != "" && m.Meta.Total() > 0 {
				err = export.WriteFileAtomic(path, m.Write)
			}
		}
		w.post(func() { w.learned(edits, m, err) })
	}()
}

// hasAccepted reports whether d has an accepted span a model learns from.
func hasAccepted(d *annotate.Document) bool {
	for _, s := range d.Spans {
		if !s.Suggested && (s.Label == "QUOTE" || s.Label == "CLAIM" || s.Label == "ACTOR") {
			return true
		}
	}
	return false
}

// learned takes a run's model (nil: nothing to learn from), unless a newer
// one is in use, and starts the run an edit asked for meanwhile.
func (w *Window) learned(edits int, m *learn.Model, err error) {
	l := &w.learn
	l.running = false
	l.problem = err
	if err != nil {
		w.status.message("Model not saved: " + err.Error())
	}
	if edits > l.applied {
		l.applied = edits
		if m != nil && m.Meta.Total() > 0 {
			l.model, l.when, l.loaded = m, time.Now(), false
		} else {
			l.model = nil
		}
	}
	if l.again {
		w.relearn()
	}
	w.refreshLearning()
}

// learningStatus is what the status bar says of the model.
func (w *Window) learningStatus() string {
	l := &w.learn
	switch {
	case !w.Learning():
		return "Learning off"
	case l.running && l.model == nil:
		return "Learning…"
	case l.model == nil:
		return "Nothing learned yet"
	}
	verb := "Learned"
	if l.loaded {
		verb = "Model read"
	}
	s := fmt.Sprintf("%s %s from %d spans", verb, l.when.Format("15:04"), l.model.Meta.Total())
	if l.running {
		s += " · learning…"
	}
	return s
}

// refreshLearning shows the model's state in the status bar.
func (w *Window) refreshLearning() { w.status.learning(w.learningStatus()) }
