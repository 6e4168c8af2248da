package export

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"gloss/annotate"
)

func init() {
	Register(&Format{
		Name:        "labelstudio",
		Description: "Label Studio tasks (a JSON array or JSONL; annotations and predictions)",
		Extension:   ".json",
		NewReader:   func(r io.Reader, name string, opt Options) Reader { return NewLabelStudioReader(r, name, opt) },
		NewWriter:   func(w io.Writer, opt Options) Writer { return NewLabelStudioWriter(w, opt) },
		Sniff:       sniffLabelStudio,
	})
}

func sniffLabelStudio(head []byte) bool {
	t := bytes.TrimSpace(bytes.TrimPrefix(head, utf8BOM))
	if len(t) > 0 && t[0] == '[' {
		return true
	}
	line := firstLine(head)
	return len(line) > 0 && line[0] == '{' && hasJSONKey(line, "data") &&
		(hasJSONKey(line, "annotations") || hasJSONKey(line, "predictions") || hasJSONKey(line, "completions"))
}

// LabelStudioReader reads Label Studio tasks, from one JSON array (Label
// Studio's export) or one task after another (JSONL). The text is
// data[Options.TextKey], else data.text, else the one string member of
// data (other members go to the meta); the document id is data.id, else
// the task id. The first annotation that was not cancelled gives the spans
// ("labels" results, one span per label, placed by their offsets even when
// value.text says otherwise, with a warning naming the task), relations
// ("relation" results; direction "left" is turned around), notes
// (per-region "textarea" results) and the spans' created time (its
// created_at); its gloss_annotator (which Gloss writes) or else
// completed_by — an email, a name or a user number — is the annotator. Its
// "choices" results over the whole text are the document labels, the group
// being the result's from_name.
// Predictions become suggestions (Span.Suggested). Other annotations and
// result types are skipped with a warning.
type LabelStudioReader struct {
	vs   *valueStream
	name string
	base string
	opt  Options
	sc   scanner
	line int
	meta metaBuilder
}

// NewLabelStudioReader reads Label Studio tasks from r.
func NewLabelStudioReader(r io.Reader, name string, opt Options) *LabelStudioReader {
	return &LabelStudioReader{vs: newValueStream(r, opt.maxLine()), name: name, base: DocumentID(name), opt: opt}
}

// Line implements Reader.
func (lr *LabelStudioReader) Line() int { return lr.line }

// Next implements Reader.
func (lr *LabelStudioReader) Next() (*annotate.Document, error) {
	val, line, err := lr.vs.next()
	if errors.Is(err, io.EOF) {
		return nil, io.EOF
	}
	lr.line = line
	if errors.Is(err, errObjectTooLong) {
		return nil, tooLong(lr.name, line, "the task that starts here", lr.opt.maxLine())
	}
	if err != nil {
		return nil, &LineError{File: lr.name, Line: lr.vs.line, Msg: err.Error()}
	}
	if i := firstInvalidUTF8(val); i >= 0 {
		return nil, &LineError{File: lr.name, Line: line + bytes.Count(val[:i], []byte("\n")), Msg: "invalid UTF-8"}
	}
	d, err := lr.parse(val)
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			// Point at the line of the object where the scanner stopped.
			at := min(max(se.col-1, 0), len(val))
			l := line + bytes.Count(val[:at], []byte("\n"))
			col := at - bytes.LastIndexByte(val[:at], '\n')
			msg := strings.Replace(err.Error(), se.Error(), se.msg, 1)
			return nil, &LineError{File: lr.name, Line: l, Msg: fmt.Sprintf("%s (column %d)", msg, col)}
		}
		return nil, &LineError{File: lr.name, Line: line, Msg: err.Error()}
	}
	return d, nil
}

// lsRegion is one result of a Label Studio annotation.
type lsRegion struct {
	id, kind, from, to, direction string
	start, end                    int
	hasOffsets                    bool
	text                          string
	labels                        []string
	notes                         []string
	// fromName is the control a "choices" result belongs to, the group
	// of its document labels.
	fromName  string
	choices   []string
	suggested bool // a prediction's
}

func (lr *LabelStudioReader) parse(val []byte) (*annotate.Document, error) {
	sc := &lr.sc
	sc.reset(val)
	lr.meta.reset()
	d := &annotate.Document{}
	hasText := false
	var taskID string
	var results, predictions []lsRegion
	annotations, skippedAnnotations := 0, 0
	created := ""
	err := sc.document(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			taskID, err = rawID(sc)
		case "data":
			hasText, err = lr.data(d)
		case "annotations", "completions":
			if sc.null() {
				return nil
			}
			err = sc.array(func() error {
				if annotations > 0 {
					skippedAnnotations++
					_, err := sc.skip()
					return err
				}
				rs, a, err := parseLSAnnotation(sc)
				if err != nil {
					return fmt.Errorf("annotation: %w", err)
				}
				if a.cancelled {
					return nil
				}
				annotations++
				results, d.Annotator, created = rs, a.annotator, a.created
				return nil
			})
		case "predictions":
			if sc.null() {
				return nil
			}
			err = sc.array(func() error {
				rs, _, err := parseLSAnnotation(sc)
				if err != nil {
					return fmt.Errorf("prediction: %w", err)
				}
				predictions = append(predictions, rs...)
				return nil
			})
		case "meta":
			if sc.peek() == '{' {
				err = lr.meta.addObject(sc)
			} else {
				err = lr.meta.addMember(sc, key)
			}
		default:
			// Label Studio's bookkeeping (created_at, project, …).
			_, err = sc.skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !hasText {
		if lr.opt.TextKey != "" {
			return nil, fmt.Errorf(`missing "data": {%q: …} (--text-key)`, lr.opt.TextKey)
		}
		return nil, errors.New(`missing "data": {"text": …}, or a "data" with one string field`)
	}
	d.Meta = lr.meta.done()
	if d.ID == "" {
		d.ID = taskID
	}
	if d.ID == "" {
		d.ID = lr.base + "-" + strconv.Itoa(lr.line)
	}
	if skippedAnnotations > 0 {
		lr.warnf("task %s: kept the first annotation, skipped %d more (Gloss keeps one annotator per document: import each annotator's work as its own file)", d.ID, skippedAnnotations)
	}
	skippedKinds := map[string]int{}
	var rels []lsRegion
	addSpans := func(rs []lsRegion, suggested bool) {
		for _, r := range rs {
			switch {
			case r.kind == "relation":
				r.suggested = suggested
				rels = append(rels, r)
			case r.hasOffsets && len(r.labels) > 0:
				for _, l := range r.labels {
					d.Spans = append(d.Spans, annotate.Span{ID: r.id, Start: r.start, End: r.end, Label: l, Text: r.text, Suggested: suggested})
				}
			case r.kind == "textarea" && r.id != "":
			case r.kind == "choices" && !suggested && r.fromName != "" && !r.hasOffsets:
				for _, v := range r.choices {
					if !slices.Contains(d.Choices[r.fromName], v) {
						if d.Choices == nil {
							d.Choices = map[string][]string{}
						}
						d.Choices[r.fromName] = append(d.Choices[r.fromName], v)
					}
				}
			default:
				skippedKinds[r.kind]++
			}
		}
	}
	addSpans(results, false)
	addSpans(predictions, true)
	// Label Studio trusts the offsets over a region's value.text: keep
	// what the regions say aside, and compare once offsets are code points.
	given := make([]string, len(d.Spans))
	for i := range d.Spans {
		s := &d.Spans[i]
		given[i], s.Text = s.Text, ""
		if s.Created == "" && !s.Suggested {
			s.Created = created
		}
	}
	// A region with several labels is several spans: give all but the
	// first their own ids; relations keep pointing at the first.
	seenIDs := map[string]bool{}
	for i := range d.Spans {
		s := &d.Spans[i]
		if seenIDs[s.ID] || s.ID == "" {
			s.ID = ""
			continue
		}
		seenIDs[s.ID] = true
	}
	if err := completeSpans(d, lr.opt.UTF16); err != nil {
		return nil, err
	}
	differ := 0
	for i := range d.Spans {
		if given[i] != "" && given[i] != d.Spans[i].Text {
			differ++
		}
	}
	if differ > 0 {
		lr.warnf("task %s: %d region(s) whose value.text differs from the text at their offsets: kept the offsets, as Label Studio does", d.ID, differ)
	}
	// Notes: textarea results that share a region's id.
	for _, rs := range [][]lsRegion{results, predictions} {
		for _, r := range rs {
			if r.kind != "textarea" || len(r.notes) == 0 {
				continue
			}
			if i := d.SpanByID(r.id); i >= 0 {
				d.Spans[i].Note = strings.Join(r.notes, "\n")
			} else {
				skippedKinds["textarea"]++
			}
		}
	}
	for _, r := range rels {
		from, to := r.from, r.to
		if r.direction == "left" {
			from, to = to, from
		}
		if d.SpanByID(from) < 0 || d.SpanByID(to) < 0 {
			return nil, fmt.Errorf("relation %s → %s: no such region", r.from, r.to)
		}
		if len(r.labels) == 0 {
			skippedKinds["relation without a label"]++
			continue
		}
		for _, l := range r.labels {
			d.Relations = append(d.Relations, annotate.Relation{Label: l, From: from, To: to, Suggested: r.suggested})
		}
	}
	relationIDs(d)
	for kind, n := range skippedKinds {
		lr.warnf("task %s: skipped %d %q result(s)", d.ID, n, kind)
	}
	dedupSpans(d, lr.warnf)
	return d, nil
}

// data reads a task's "data": the text is data[Options.TextKey], else
// data.text, else its one string field; data.id is the document id; every
// other member goes to the meta.
func (lr *LabelStudioReader) data(d *annotate.Document) (bool, error) {
	sc := &lr.sc
	type member struct {
		key string
		raw []byte
	}
	var members []member
	err := sc.object(func(key []byte) error {
		if string(key) == "id" {
			var err error
			d.ID, err = rawID(sc)
			return err
		}
		k := string(key)
		raw, err := sc.skip()
		members = append(members, member{k, raw})
		return err
	})
	if err != nil {
		return false, err
	}
	textAt := -1
	var strs []string
	for i, m := range members {
		switch {
		case lr.opt.TextKey != "":
			if m.key == lr.opt.TextKey {
				textAt = i
			}
		case m.key == "text":
			textAt = i
		}
		if len(m.raw) > 0 && m.raw[0] == '"' {
			strs = append(strs, m.key)
		}
	}
	if textAt < 0 && lr.opt.TextKey == "" && len(strs) > 1 {
		return false, fmt.Errorf(`"data" has no "text" but %d string fields (%s): choose one with --text-key`, len(strs), strings.Join(strs, ", "))
	}
	if textAt < 0 && lr.opt.TextKey == "" && len(strs) == 1 {
		for i, m := range members {
			if m.key == strs[0] {
				textAt = i
			}
		}
	}
	for i, m := range members {
		if i != textAt {
			lr.meta.add(m.key, m.raw)
			continue
		}
		if m.raw[0] != '"' {
			return false, fmt.Errorf("data.%s must be a string", m.key)
		}
		var sub scanner
		sub.reset(m.raw)
		if d.Text, err = sub.string(); err != nil {
			return false, err
		}
	}
	return textAt >= 0, nil
}

func (lr *LabelStudioReader) warnf(format string, args ...any) {
	lr.opt.warn("%s:%d: %s", lr.name, lr.line, fmt.Sprintf(format, args...))
}

// lsAnnotation is what Gloss keeps of an annotation besides its results.
type lsAnnotation struct {
	annotator, created string
	cancelled          bool
}

// parseLSAnnotation reads one annotation or prediction object. The
// annotator is gloss_annotator (which Gloss writes), else completed_by: an
// email, a name, or a user number.
func parseLSAnnotation(sc *scanner) (rs []lsRegion, a lsAnnotation, err error) {
	var completedBy string
	err = sc.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "result":
			if sc.null() {
				return nil
			}
			err = sc.array(func() error {
				r, err := parseLSResult(sc)
				if err != nil {
					return fmt.Errorf("result %d: %w", len(rs)+1, err)
				}
				rs = append(rs, r)
				return nil
			})
		case "was_cancelled":
			if sc.null() {
				return nil
			}
			a.cancelled, err = sc.bool()
		case "gloss_annotator":
			a.annotator, err = nullableString(sc)
		case "created_at":
			if sc.peek() == '"' {
				a.created, err = sc.string()
			} else {
				_, err = sc.skip()
			}
		case "completed_by":
			switch c := sc.peek(); {
			case c == '"':
				completedBy, err = sc.string()
			case c == '{':
				err = sc.object(func(key []byte) error {
					if string(key) == "email" && sc.peek() == '"' {
						var err error
						completedBy, err = sc.string()
						return err
					}
					_, err := sc.skip()
					return err
				})
			case c == '-' || c >= '0' && c <= '9':
				var n int
				if n, err = sc.int(); err == nil {
					completedBy = strconv.Itoa(n)
				}
			default:
				_, err = sc.skip()
			}
		default:
			_, err = sc.skip()
		}
		return err
	})
	if a.annotator == "" {
		a.annotator = completedBy
	}
	return rs, a, err
}

func parseLSResult(sc *scanner) (lsRegion, error) {
	var r lsRegion
	var hasStart, hasEnd bool
	strs := func(dst *[]string) error {
		if sc.null() {
			return nil
		}
		return sc.array(func() error {
			s, err := sc.string()
			*dst = append(*dst, s)
			return err
		})
	}
	err := sc.object(func(key []byte) error {
		var err error
		switch string(key) {
		case "id":
			r.id, err = rawID(sc)
		case "type":
			r.kind, err = sc.string()
		case "from_id":
			r.from, err = rawID(sc)
		case "to_id":
			r.to, err = rawID(sc)
		case "direction":
			r.direction, err = nullableString(sc)
		case "from_name":
			r.fromName, err = nullableString(sc)
		case "labels":
			err = strs(&r.labels)
		case "value":
			err = sc.object(func(key []byte) error {
				var err error
				switch string(key) {
				case "start":
					r.start, err = sc.int()
					hasStart = true
				case "end":
					r.end, err = sc.int()
					hasEnd = true
				case "choices":
					err = strs(&r.choices)
				case "text":
					switch sc.peek() {
					case '"':
						r.text, err = sc.string()
					case '[':
						err = strs(&r.notes)
					default:
						_, err = sc.skip()
					}
				default:
					// "labels", "hypertextlabels", "choices", …: the
					// labels are under the result's type.
					if sc.peek() == '[' && strings.HasSuffix(string(key), "labels") {
						err = strs(&r.labels)
					} else {
						_, err = sc.skip()
					}
				}
				return err
			})
		default:
			_, err = sc.skip()
		}
		return err
	})
	r.hasOffsets = hasStart && hasEnd
	return r, err
}

// LabelStudioWriter writes one JSON array of Label Studio tasks:
// {"id", "data": {"id", "text"}, "meta", "annotations": [{"id",
// "completed_by", "gloss_annotator", "created_at", "updated_at",
// "result": […]}], "predictions": [{"id", "result": […]}]}, which the
// SDK's converter and Label Studio's importer read. The task id is the
// document id, a number when it is one; annotation ids count the tasks;
// completed_by is the annotator, as a user number when it is one and
// otherwise as {"email": …} (Label Studio's importer maps it to a project
// member); created_at and updated_at are the earliest and latest times
// the written spans were created. The text goes under data.text or
// data[Options.TextKey]. Spans are "labels" results whose id is the span
// id; notes are per-region "textarea" results (from_name "note");
// relations are "relation" results with direction "right"; each group of
// document labels is a "choices" result whose from_name is the group;
// suggestions go to predictions; rejected spans are left out and counted.
type LabelStudioWriter struct {
	out   outBuf
	opt   Options
	ls    *annotate.LabelSet
	n     int
	drops spanDrops
}

// NewLabelStudioWriter writes to w.
func NewLabelStudioWriter(w io.Writer, opt Options) *LabelStudioWriter {
	return &LabelStudioWriter{out: newOutBuf(w), opt: opt, ls: opt.labels(), drops: spanDrops{format: "labelstudio"}}
}

// Write implements Writer.
func (lw *LabelStudioWriter) Write(d *annotate.Document) error {
	buf := lw.out.buf
	if lw.n == 0 {
		buf = append(buf, "[\n"...)
	} else {
		buf = append(buf, ",\n"...)
	}
	lw.n++
	off := offsetsOf(d, lw.opt.UTF16)
	// The task id: the SDK's converter reads it. Label Studio's own are
	// numbers.
	buf = append(buf, `{"id":`...)
	if isTaskNumber(d.ID) {
		buf = append(buf, d.ID...)
	} else {
		buf = appendString(buf, d.ID)
	}
	buf = append(buf, `,"data":{"id":`...)
	buf = appendString(buf, d.ID)
	buf = append(buf, ',')
	textKey := lw.opt.TextKey
	if textKey == "" {
		textKey = "text"
	}
	buf = appendString(buf, textKey)
	buf = append(buf, ':')
	buf = appendString(buf, d.Text)
	buf = append(buf, '}')
	if len(d.Meta) > 0 {
		buf = append(buf, `,"meta":`...)
		buf = append(buf, d.Meta...)
	}
	order := sortedSpans(d.Spans)
	hasSuggestions := false
	first, last := "", "" // the written spans' earliest and latest timestamps
	for i := range d.Spans {
		s := &d.Spans[i]
		hasSuggestions = hasSuggestions || s.Suggested
		if s.Asserted() && s.Created != "" {
			if first == "" || s.Created < first {
				first = s.Created
			}
			last = max(last, s.Created)
		}
	}
	for i := range d.Relations {
		hasSuggestions = hasSuggestions || d.Relations[i].Suggested
	}
	// An annotation numbered like its task (unique in the file), by
	// completed_by: a user number as such, any other name as the email
	// Label Studio maps to a project member on import.
	buf = append(buf, `,"annotations":[{"id":`...)
	buf = appendInt(buf, lw.n)
	if d.Annotator != "" {
		buf = append(buf, `,"completed_by":`...)
		if isTaskNumber(d.Annotator) {
			buf = append(buf, d.Annotator...)
		} else {
			buf = append(buf, `{"email":`...)
			buf = appendString(buf, d.Annotator)
			buf = append(buf, '}')
		}
		buf = append(buf, `,"gloss_annotator":`...)
		buf = appendString(buf, d.Annotator)
	}
	if first != "" {
		buf = append(buf, `,"created_at":`...)
		buf = appendString(buf, first)
		buf = append(buf, `,"updated_at":`...)
		buf = appendString(buf, last)
	}
	buf = append(buf, `,"was_cancelled":false,"ground_truth":false,`...)
	buf = append(buf, `"result":`...)
	buf = appendLSResults(buf, d, order, off, false, &lw.drops)
	buf = appendLSChoices(buf, d, lw.ls)
	buf = append(buf, "}]"...)
	if hasSuggestions {
		buf = append(buf, `,"predictions":[{"id":`...)
		buf = appendInt(buf, lw.n)
		buf = append(buf, `,"model_version":"gloss","result":`...)
		buf = appendLSResults(buf, d, order, off, true, nil)
		buf = append(buf, "}]"...)
	}
	buf = append(buf, '}')
	lw.out.buf = buf
	return lw.out.maybeFlush()
}

// isTaskNumber reports whether id is a whole number as Label Studio writes
// task and user ids: digits, no leading zero, at most 18 of them.
func isTaskNumber(id string) bool {
	if id == "" || len(id) > 18 || (id[0] == '0' && len(id) > 1) {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] < '0' || id[i] > '9' {
			return false
		}
	}
	return true
}

// appendLSResults appends the results of the accepted (or the suggested)
// spans and relations.
func appendLSResults(buf []byte, d *annotate.Document, order []int, off offsets, suggested bool, drops *spanDrops) []byte {
	buf = append(buf, '[')
	n := 0
	sep := func() {
		if n > 0 {
			buf = append(buf, ',')
		}
		n++
	}
	rejected := map[string]bool{}
	for _, i := range order {
		s := &d.Spans[i]
		if s.Rejected {
			// Label Studio cannot mark negative evidence.
			if drops != nil {
				drops.rejected++
			}
			rejected[s.ID] = true
			continue
		}
		if s.Suggested != suggested {
			continue
		}
		for _, kind := range [...]string{"labels", "textarea"} {
			if kind == "textarea" && s.Note == "" {
				continue
			}
			sep()
			buf = append(buf, `{"id":`...)
			buf = appendString(buf, s.ID)
			if kind == "labels" {
				buf = append(buf, `,"from_name":"label","to_name":"text","type":"labels","value":{"start":`...)
			} else {
				buf = append(buf, `,"from_name":"note","to_name":"text","type":"textarea","value":{"start":`...)
			}
			buf = appendInt(buf, off.of(s.Start))
			buf = append(buf, `,"end":`...)
			buf = appendInt(buf, off.of(s.End))
			buf = append(buf, `,"text":`...)
			if kind == "labels" {
				buf = appendString(buf, d.Slice(s.Start, s.End))
				buf = append(buf, `,"labels":[`...)
				buf = appendString(buf, s.Label)
				buf = append(buf, "]}}"...)
			} else {
				buf = append(buf, '[')
				buf = appendString(buf, s.Note)
				buf = append(buf, "]}}"...)
			}
		}
	}
	for i := range d.Relations {
		r := &d.Relations[i]
		if r.Suggested != suggested {
			continue
		}
		if rejected[r.From] || rejected[r.To] {
			if drops != nil {
				drops.rejectedRels++
			}
			continue
		}
		sep()
		buf = append(buf, `{"from_id":`...)
		buf = appendString(buf, r.From)
		buf = append(buf, `,"to_id":`...)
		buf = appendString(buf, r.To)
		buf = append(buf, `,"type":"relation","direction":"right","labels":[`...)
		buf = appendString(buf, r.Label)
		buf = append(buf, "]}"...)
	}
	return append(buf, ']')
}

// appendLSChoices adds a "choices" result per group of document labels to
// the result array just written (which ends in ']').
func appendLSChoices(buf []byte, d *annotate.Document, ls *annotate.LabelSet) []byte {
	if len(d.Choices) == 0 {
		return buf
	}
	buf = buf[:len(buf)-1]
	empty := buf[len(buf)-1] == '['
	for _, g := range choiceGroupOrder(d.Choices, ls) {
		if !empty {
			buf = append(buf, ',')
		}
		empty = false
		buf = append(buf, `{"id":`...)
		buf = appendString(buf, "choices-"+g)
		buf = append(buf, `,"from_name":`...)
		buf = appendString(buf, g)
		buf = append(buf, `,"to_name":"text","type":"choices","value":{"choices":`...)
		buf = appendStringList(buf, d.Choices[g])
		buf = append(buf, "}}"...)
	}
	return append(buf, ']')
}

// Close implements Writer: it ends the array ([] when nothing was written).
func (lw *LabelStudioWriter) Close() error {
	lw.drops.warn(lw.opt)
	if lw.n == 0 {
		lw.out.buf = append(lw.out.buf, '[')
	}
	lw.out.buf = append(lw.out.buf, "\n]\n"...)
	return lw.out.flush()
}
