package session

import "gloss/annotate"

// Edits of documents other than the current one: a Label All over the
// corpus labels every document in one step of the window's (which undoes
// it in each with UndoIn).

// HistoryOf is document i's undo history, parsing the document if needed.
func (s *Session) HistoryOf(i int) (*annotate.History, error) {
	ds, err := s.load(i)
	if err != nil {
		return nil, err
	}
	return ds.hist, nil
}

// DoIn applies e to document i as one undoable step of its history, as Do
// does for the current document (stamping the annotator). The document
// stays in memory from then on: it has a history.
func (s *Session) DoIn(i int, e annotate.Edit) error {
	if s.readOnly != nil {
		return s.errReadOnly()
	}
	if i < 0 || i >= len(s.entries) {
		return errNoDocument
	}
	ds, err := s.load(i)
	if err != nil {
		return err
	}
	if s.annotator != "" {
		e = &stamp{Edit: e, annotator: s.annotator}
	}
	return ds.hist.Do(e)
}

// UndoIn undoes document i's last edit; it reports false when there is
// none (or the work is read-only).
func (s *Session) UndoIn(i int) bool {
	h, err := s.HistoryOf(i)
	return err == nil && s.readOnly == nil && h.Undo()
}

// RedoIn redoes document i's last undone edit.
func (s *Session) RedoIn(i int) bool {
	h, err := s.HistoryOf(i)
	return err == nil && s.readOnly == nil && h.Redo()
}
