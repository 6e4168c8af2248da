package export

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"gloss/annotate"
)

// The token formats — CoNLL, Hugging Face, WebAnno — write a document as
// tokens in sentences, each token tagged. tagger does that layout once for
// all of them: the tokens (the document's source tokens while they fit
// its spans, see tokenSource), sentence breaks that never fall inside a
// written span, and the spans placed on token ranges, one list per tag
// column.

// MaxColumns is the most label columns a CoNLL file may have: each costs
// every token line a tab and a tag.
const MaxColumns = 64

// Layouts of the token formats.
const (
	// LayoutColumns is one IOB2 column per label, so nested and
	// overlapping spans of different labels survive.
	LayoutColumns = "columns"
	// LayoutSingle is one IOB2 column, the outermost span winning where
	// spans nest: what spaCy's `convert -c ner` and Hugging Face's
	// token classification read.
	LayoutSingle = "single"
)

// placed is a span on the token range [first, last].
type placed struct {
	first, last int
	label       string
	span        int // index in the document's spans
}

// tagger lays documents out; its slices are reused from one to the next.
type tagger struct {
	single bool
	cols   []string
	colOf  map[string]int
	toks   tokenSource

	// The current document.
	tokens   []annotate.Token
	src      []sourceToken
	tokBytes []int
	starts   []bool     // starts[t]: token t begins a sentence
	columns  [][]placed // per column, sorted by first token
	cursor   []int
	all      []placed

	// What was changed or left out, for the warnings at Close.
	widened, overlaps, nested, empty int
}

// newTagger lays out in one column (single) or in the given columns.
func newTagger(single bool, cols []string) *tagger {
	tg := &tagger{single: single, cols: cols, colOf: map[string]int{}}
	for i, c := range cols {
		tg.colOf[c] = i
	}
	n := len(cols)
	if single {
		n = 1
	}
	tg.columns = make([][]placed, n)
	tg.cursor = make([]int, n)
	return tg
}

// layOut places the spans at kept (indexes into d.Spans, canonical order)
// and finds the tokens and sentences of d.
func (tg *tagger) layOut(d *annotate.Document, kept []int) error {
	tg.tokens, tg.src = tg.toks.tokens(d, kept)
	toks := tg.tokens
	for c := range tg.columns {
		tg.columns[c] = tg.columns[c][:0]
		tg.cursor[c] = 0
	}
	tg.all = tg.all[:0]
	for _, i := range kept {
		s := &d.Spans[i]
		first, last, ok := annotate.TokenRange(toks, s.Start, s.End)
		if !ok {
			tg.empty++
			continue
		}
		if toks[first].Start != s.Start || toks[last].End != s.End {
			tg.widened++
		}
		tg.all = append(tg.all, placed{first, last, s.Label, i})
	}
	if tg.single {
		// Outermost first: by first token, longest first; a span that
		// shares a token with one placed already is nested in it or
		// crosses it, and is left out.
		slices.SortStableFunc(tg.all, func(a, b placed) int {
			if a.first != b.first {
				return a.first - b.first
			}
			return b.last - a.last
		})
		end := -1
		for _, p := range tg.all {
			if p.first <= end {
				tg.nested++
				continue
			}
			tg.columns[0] = append(tg.columns[0], p)
			end = p.last
		}
	} else {
		ends := make([]int, len(tg.cols))
		for c := range ends {
			ends[c] = -1
		}
		for _, p := range tg.all {
			c, ok := tg.colOf[p.label]
			if !ok {
				return fmt.Errorf("document %s: label %q has no column (the columns are decided before writing: %s)", d.ID, p.label, strings.Join(tg.cols, " "))
			}
			if p.first <= ends[c] {
				// One column cannot tell two spans of a label apart
				// where they overlap.
				tg.overlaps++
				continue
			}
			tg.columns[c] = append(tg.columns[c], p)
			ends[c] = p.last
		}
	}
	tg.tokBytes = tokenBytes(d.Text, toks, tg.tokBytes)
	tg.starts = sentenceStarts(d.Text, tg.tokBytes, tg.columns, tg.starts)
	return nil
}

// tag returns the IOB2 tag kind ('B', 'I' or 'O') of token t in column c
// and its label. Tokens must be asked for in order, column by column.
func (tg *tagger) tag(c, t int) (byte, string) {
	spans := tg.columns[c]
	k := tg.cursor[c]
	for k < len(spans) && spans[k].last < t {
		k++
	}
	tg.cursor[c] = k
	if k < len(spans) && spans[k].first <= t {
		if spans[k].first == t {
			return 'B', spans[k].label
		}
		return 'I', spans[k].label
	}
	return 'O', ""
}

// warn says what the layout changed or left out.
// add adds o's counts to tg's (a worker's encoder's, see DocEncoder).
func (tg *tagger) add(o *tagger) {
	tg.toks.retoken += o.toks.retoken
	tg.widened += o.widened
	tg.overlaps += o.overlaps
	tg.nested += o.nested
	tg.empty += o.empty
}

func (tg *tagger) warn(opt Options, format string) {
	tg.toks.warn(opt, format)
	if tg.widened > 0 {
		opt.warn("%s: %d span(s) not on token boundaries were widened to whole tokens", format, tg.widened)
	}
	if tg.overlaps > 0 {
		opt.warn("%s: left out %d span(s) overlapping another of the same label (one column per label)", format, tg.overlaps)
	}
	if tg.nested > 0 {
		opt.warn("%s: left out %d span(s) nested in or crossing another (one column: the outermost span wins)", format, tg.nested)
	}
	if tg.empty > 0 {
		opt.warn("%s: left out %d span(s) that cover no token", format, tg.empty)
	}
}

// sentenceStarts marks the tokens that begin a sentence. A sentence ends
// at a line break in the text, or after . ! ? … (and CJK 。！？), possibly
// followed by closing quotes or brackets, when white space follows — but
// never inside a placed span ("O. Rochus" stays one sentence when a span
// covers it). tokBytes holds the tokens' byte offsets, start and end.
func sentenceStarts(text string, tokBytes []int, columns [][]placed, out []bool) []bool {
	n := len(tokBytes) / 2
	out = slices.Grow(out[:0], n)[:n]
	// inside[t]: some span covers tokens t-1 and t. Sweep the spans of
	// every column in order of their first token.
	heads := make([]int, len(columns))
	coveredTo := -1
	prevEnd, prevFinal := 0, false
	for t := range n {
		for c, spans := range columns {
			for heads[c] < len(spans) && spans[heads[c]].first < t {
				coveredTo = max(coveredTo, spans[heads[c]].last)
				heads[c]++
			}
		}
		bs, be := tokBytes[2*t], tokBytes[2*t+1]
		start := t == 0
		if t > 0 && t > coveredTo {
			gap := text[prevEnd:bs]
			start = lineBreakIn(gap) || (prevFinal && gap != "")
		}
		out[t] = start
		word := text[bs:be]
		switch {
		case sentenceFinal(word):
			prevFinal = true
		case closing(word) && prevFinal:
		default:
			prevFinal = false
		}
		prevEnd = be
	}
	return out
}

// ColumnsFor decides the label columns of a file: the label set's labels,
// then the other labels the input uses (used, in order of first use),
// kept to only when it is not empty (then in the label set's order, then
// only's). More than MaxColumns is an error that says what to do.
func ColumnsFor(set *annotate.LabelSet, used, only []string) ([]string, error) {
	var cols []string
	// Sets, not slices.Contains: an input may use 200,000 labels, and the
	// error must come at once.
	seen := map[string]bool{}
	keep := map[string]bool{}
	for _, l := range only {
		keep[l] = true
	}
	add := func(l string) {
		if !seen[l] && (len(only) == 0 || keep[l]) {
			seen[l] = true
			cols = append(cols, l)
		}
	}
	if set == nil {
		set = annotate.DefaultLabelSet()
	}
	for _, l := range set.Labels {
		add(l.Name)
	}
	if len(only) > 0 {
		used = only
	}
	for _, l := range used {
		add(l)
	}
	if len(cols) > MaxColumns {
		return nil, fmt.Errorf("%d labels would make %d tag columns, more than %d: keep some with --only LABEL,... or write one column with --layout single", len(cols), len(cols), MaxColumns)
	}
	return cols, nil
}

// LabelsUsed returns the labels of the spans in docs that a writer would
// write (neither suggested nor rejected), in order of first use.
func LabelsUsed(docs ...*annotate.Document) []string {
	var used []string
	seen := map[string]bool{}
	for _, d := range docs {
		for i := range d.Spans {
			if s := &d.Spans[i]; s.Asserted() && !seen[s.Label] {
				seen[s.Label] = true
				used = append(used, s.Label)
			}
		}
	}
	return used
}

// KeepOnly removes from d the spans whose label is not in only, and the
// relations to or from them (--only LABEL,...). An empty only keeps all.
func KeepOnly(d *annotate.Document, only []string) {
	if len(only) == 0 {
		return
	}
	var gone map[string]bool
	d.Spans = slices.DeleteFunc(d.Spans, func(s annotate.Span) bool {
		if slices.Contains(only, s.Label) {
			return false
		}
		if gone == nil {
			gone = map[string]bool{}
		}
		gone[s.ID] = true
		return true
	})
	if gone != nil {
		d.Relations = slices.DeleteFunc(d.Relations, func(r annotate.Relation) bool { return gone[r.From] || gone[r.To] })
	}
}

// ScanLabels reads the native file at path and calls used with the label
// of every span a writer would write (neither suggested nor rejected), in
// file order, for writers whose columns are decided before writing. It
// stops at the first error.
func ScanLabels(path string, used func(label string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := NewNativeReader(f, path, Options{})
	for {
		d, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		for i := range d.Spans {
			if s := &d.Spans[i]; s.Asserted() {
				used(s.Label)
			}
		}
	}
}

// lineBreakIn reports whether s holds a line break: CR, LF, U+0085, U+2028
// or U+2029. The gap between two tokens is nearly always one space, which
// this settles in one comparison where strings.ContainsAny with a
// non-ASCII set decodes rune by rune.
func lineBreakIn(s string) bool {
	if s == " " {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '\r':
			return true
		case 0xC2: // U+0085 is C2 85
			if i+1 < len(s) && s[i+1] == 0x85 {
				return true
			}
		case 0xE2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
				return true
			}
		}
	}
	return false
}
