package cli

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"gloss/annotate"
	"gloss/annotate/agree"
)

func init() {
	register("agree", "agree [--json] [--disagreements] FILE FILE [FILE...]     agreement report", runAgree)
}

// agreeLowestShown is how many of the least agreed documents the report names.
const agreeLowestShown = 5

// agreeDocFigure is one document's overall agreement, for the list of the
// least agreed documents.
type agreeDocFigure struct {
	ID string `json:"id"`
	agree.Measures
	// F1ExactAll pools spans and relations: the figure documents are
	// ranked by (agree.CompareAgreement), as in the review screen.
	F1ExactAll float64 `json:"f1_exact_all"`
}

// agreeCompareFigures orders documents from the least agreed, as
// agree.CompareAgreement does, then by id.
func agreeCompareFigures(a, b agreeDocFigure) int {
	if c := agree.CompareAgreement(agree.Report{F1ExactAll: a.F1ExactAll, Overall: a.Measures},
		agree.Report{F1ExactAll: b.F1ExactAll, Overall: b.Measures}); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// agreeResult is everything `gloss agree` prints.
type agreeResult struct {
	files  []string
	report agree.Report
	// choices is the agreement on document labels, per group.
	choices []agree.ChoiceReport
	lowest  []agreeDocFigure
	pairs   *pairing
	// listed is every disagreement, with --disagreements; nil without.
	listed []agreeListed
}

// agreeListed is one disagreement between two files about one document.
type agreeListed struct {
	id   string
	a, b int // the files, by index
	doc  [2]*annotate.Document
	agree.Disagreement
}

// runAgree prints the agreement between annotators' files.
func runAgree(env Env, args []string) int {
	fs := newFlagSet(env, "gloss agree", "[--json] [--disagreements] [--labels FILE] FILE FILE [FILE...]")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	list := fs.Bool("disagreements", false, "also list every disagreement (spans and speakers), per pair of files, in text order")
	labelsFile := fs.String("labels", "", "label set `FILE` (TOML); the built-in set by default")
	files, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	if len(files) < 2 {
		return usageError(env, "agree", "name at least two FILEs to compare")
	}
	labels, status := loadLabels(env, *labelsFile)
	if status != exitOK {
		return status
	}
	res, err := computeAgreement(env, files, labels, *list)
	if err != nil {
		report(env, err)
		return exitBad
	}
	var out []byte
	if *asJSON {
		out = res.json()
	} else {
		out = res.table()
	}
	if _, err := env.Stdout.Write(out); err != nil {
		report(env, err)
		return exitBad
	}
	return exitOK
}

// computeAgreement reads the files and measures their agreement, one
// document id at a time; with list it keeps every disagreement too (and
// the documents they are about).
func computeAgreement(env Env, files []string, labels *annotate.LabelSet, list bool) (*agreeResult, error) {
	p, err := openPairing(env, "agree", files, labels)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	corpus := agree.NewCorpus(len(files), labels)
	choices := agree.NewChoices(len(files), labels)
	var lowest []agreeDocFigure
	var listed []agreeListed
	err = p.run(func(docs []*annotate.Document) error {
		r, err := corpus.Add(docs)
		if err != nil {
			return err
		}
		if list {
			for i := range docs {
				for j := i + 1; j < len(docs); j++ {
					for _, d := range agree.Disagreements(docs[i], docs[j]) {
						listed = append(listed, agreeListed{docs[0].ID, i, j, [2]*annotate.Document{docs[i], docs[j]}, d})
					}
				}
			}
		}
		if err := choices.Add(docs); err != nil {
			return err
		}
		f := agreeDocFigure{docs[0].ID, r.Overall, r.F1ExactAll}
		i, _ := slices.BinarySearchFunc(lowest, f, agreeCompareFigures)
		if i < agreeLowestShown {
			lowest = slices.Insert(lowest, i, f)
			lowest = lowest[:min(len(lowest), agreeLowestShown)]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	p.summary("compared")
	res := &agreeResult{files: files, report: corpus.Report(), choices: choices.Report(), lowest: lowest, pairs: p}
	if list {
		res.listed = agreeNonNil(listed)
	}
	return res, nil
}

// putJSON appends v's JSON to b, for the reports whose objects are
// written by hand to keep their keys in label-set order.
func putJSON(b *bytes.Buffer, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // strings, numbers and slices of them always marshal
	}
	b.Write(data)
}

// json renders the report as DESIGN.md's JSON, labels in label-set order
// (which is why it is written by hand: a Go map would sort them by name).
func (r *agreeResult) json() []byte {
	var b bytes.Buffer
	put := func(v any) { putJSON(&b, v) }
	b.WriteString(`{"files":`)
	put(r.files)
	b.WriteString(`,"documents":`)
	put(r.report.Documents)
	b.WriteString(`,"units":`)
	put(r.report.Units)
	b.WriteByte(',')
	agreeReportJSON(&b, r.report)
	b.WriteString(`,"choices":{`)
	for i, c := range r.choices {
		if i > 0 {
			b.WriteByte(',')
		}
		put(c.Group)
		b.WriteString(`:{"documents":`)
		put(c.Documents)
		fmt.Fprintf(&b, `,"percent":%s,"kappa":%s}`, agreeFloat(c.Percent), agreeFloat(c.Kappa))
	}
	b.WriteString(`},"skipped":{"text_differs":`)
	put(agreeNonNil(r.pairs.TextDiffers))
	b.WriteString(`,"missing":`)
	put(agreeNonNil(r.pairs.Missing))
	b.WriteString(`},"lowest":`)
	put(agreeNonNil(r.lowest))
	if r.listed != nil {
		b.WriteString(`,"disagreements":[`)
		for i, l := range r.listed {
			if i > 0 {
				b.WriteByte(',')
			}
			l.json(&b, r.files)
		}
		b.WriteByte(']')
	}
	b.WriteString("}\n")
	return b.Bytes()
}

// agreeSpanJSON is a span as the disagreement list writes it.
type agreeSpanJSON struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
	Text  string `json:"text"`
}

func agreeSpansJSON(d *annotate.Document, idx ...int) []agreeSpanJSON {
	out := []agreeSpanJSON{}
	for _, i := range idx {
		if i >= 0 {
			s := d.Spans[i]
			out = append(out, agreeSpanJSON{s.Start, s.End, s.Label, d.Slice(s.Start, s.End)})
		}
	}
	return out
}

// json writes one disagreement: the document, the two files, the kind
// and extent, and what each file has there — its span (span kinds), or
// its speakers of the source (speaker kinds, with "relation" and
// "source").
func (l *agreeListed) json(b *bytes.Buffer, files []string) {
	entry := struct {
		ID       string          `json:"id"`
		Files    [2]string       `json:"files"`
		Kind     string          `json:"kind"`
		Start    int             `json:"start"`
		End      int             `json:"end"`
		Relation string          `json:"relation,omitempty"`
		Source   *agreeSpanJSON  `json:"source,omitempty"`
		A        []agreeSpanJSON `json:"a"`
		B        []agreeSpanJSON `json:"b"`
	}{ID: l.id, Files: [2]string{files[l.a], files[l.b]}, Kind: l.Kind.String(), Start: l.Start, End: l.End, Relation: l.Relation}
	if l.Kind.IsSpeaker() {
		entry.Source = &agreeSpansJSON(l.doc[0], l.A)[0]
		entry.A = agreeSpansJSON(l.doc[0], l.SpeakersA...)
		entry.B = agreeSpansJSON(l.doc[1], l.SpeakersB...)
	} else {
		entry.A = agreeSpansJSON(l.doc[0], l.A)
		entry.B = agreeSpansJSON(l.doc[1], l.B)
	}
	data, err := json.Marshal(entry)
	if err != nil {
		panic(err) // strings and numbers always marshal
	}
	b.Write(data)
}

// agreeReportJSON writes a report's "labels" (in label-set order) and
// "overall" members; status prints them too.
func agreeReportJSON(b *bytes.Buffer, r agree.Report) {
	b.WriteString(`"labels":{`)
	for i, l := range r.Labels {
		if i > 0 {
			b.WriteByte(',')
		}
		label, _ := json.Marshal(l.Label)
		spans, _ := json.Marshal(l.Spans)
		fmt.Fprintf(b, `%s:{"spans":%s,`, label, spans)
		agreeMeasuresJSON(b, l.Measures)
		b.WriteByte('}')
	}
	b.WriteString(`},"overall":{`)
	agreeMeasuresJSON(b, r.Overall)
	b.WriteString(`},`)
	agreeRelationsJSON(b, r.Relations)
}

// agreeRelationsJSON writes DESIGN.md's "relations" member: per relation
// label, the counts per file, f1_exact, f1_overlap, speaker_agreement and
// linked, in label-set order. status writes it per pair of annotators too.
func agreeRelationsJSON(b *bytes.Buffer, rels []agree.RelationReport) {
	b.WriteString(`"relations":{`)
	for i, r := range rels {
		if i > 0 {
			b.WriteByte(',')
		}
		label, _ := json.Marshal(r.Label)
		counts, _ := json.Marshal(r.Relations)
		fmt.Fprintf(b, `%s:{"relations":%s,"f1_exact":%s,"f1_overlap":%s,"speaker_agreement":%s,"linked":%d}`,
			label, counts, agreeFloat(r.F1Exact), agreeFloat(r.F1Overlap), agreeFloat(r.SpeakerAgreement), r.Linked)
	}
	b.WriteByte('}')
}

func agreeMeasuresJSON(b *bytes.Buffer, m agree.Measures) {
	fmt.Fprintf(b, `"f1_exact":%s,"f1_overlap":%s,"kappa":%s,"alpha":%s`,
		agreeFloat(m.F1Exact), agreeFloat(m.F1Overlap), agreeFloat(m.Kappa), agreeFloat(m.Alpha))
}

func agreeFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// agreeNonNil makes an empty list print as [] rather than null.
func agreeNonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// table renders the report for people: one aligned row per label and one
// for all labels, then the least agreed documents.
func (r *agreeResult) table() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Files: %s\n", strings.Join(r.files, ", "))
	left := len(r.pairs.TextDiffers) + len(r.pairs.Missing)
	fmt.Fprintf(&b, "Documents: %d compared", r.report.Documents)
	if left > 0 {
		fmt.Fprintf(&b, ", %d left out", left)
	}
	fmt.Fprintf(&b, "; %d units (code points that are not white space)\n\n", r.report.Units)
	// Numbers align right; labels are padded to one width so that they
	// read left-aligned in their right-aligned column.
	width := len("overall")
	for _, l := range r.report.Labels {
		width = max(width, utf8.RuneCountInString(l.Label))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-utf8.RuneCountInString(s)) }
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tspans\tf1_exact\tf1_overlap\tkappa\talpha\t\n", pad("label"))
	total := make([]int, len(r.files))
	for _, l := range r.report.Labels {
		for i, n := range l.Spans {
			total[i] += n
		}
		agreeRow(tw, pad(l.Label), l.Spans, l.Measures)
	}
	agreeRow(tw, pad("overall"), total, r.report.Overall)
	tw.Flush()
	if len(r.report.Relations) > 0 {
		// The relations (SAID_BY) under the labels, columns aligned the
		// same way.
		b.WriteByte('\n')
		width := len("relation")
		for _, rel := range r.report.Relations {
			width = max(width, utf8.RuneCountInString(rel.Label))
		}
		pad := func(s string) string { return s + strings.Repeat(" ", width-utf8.RuneCountInString(s)) }
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "%s\trelations\tf1_exact\tf1_overlap\tspeaker_agreement\tlinked\t\n", pad("relation"))
		for _, rel := range r.report.Relations {
			fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%d\t\n", pad(rel.Label), joinCounts(rel.Relations),
				rel.F1Exact, rel.F1Overlap, rel.SpeakerAgreement, rel.Linked)
		}
		tw.Flush()
		b.WriteString("\nspeaker_agreement: of the linked sources (quotes and claims both files have, linked in at least one), the share linked to the same speakers.\n")
	}
	if len(r.choices) > 0 {
		r.choiceTable(&b)
	}
	if len(r.files) > 2 {
		b.WriteString("\nspans, relations, documents: per file, in the order given; f1, kappa, percent and speaker_agreement: means over pairs of files; linked: summed over pairs.\n")
	}
	if len(r.lowest) > 0 {
		fmt.Fprintf(&b, "\nLeast agreement (by f1_exact over spans and relations, then kappa):\n")
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, d := range r.lowest {
			fmt.Fprintf(tw, "  %s\tf1_exact %.3f\twith relations %.3f\tf1_overlap %.3f\tkappa %.3f\n", d.ID, d.F1Exact, d.F1ExactAll, d.F1Overlap, d.Kappa)
		}
		tw.Flush()
	}
	if r.listed != nil {
		r.listTable(&b)
	}
	return b.Bytes()
}

// listTable writes the disagreements for people: per pair of files, one
// line each, in document order and text order.
func (r *agreeResult) listTable(b *bytes.Buffer) {
	fmt.Fprintf(b, "\nDisagreements (%d):\n", len(r.listed))
	pair := [2]int{-1, -1}
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	// The list is in reading order, pairs within each document: group it
	// by pair for the heading.
	order := make([]int, len(r.listed))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int {
		a, c := r.listed[x], r.listed[y]
		if d := cmp.Compare(a.a, c.a); d != 0 {
			return d
		}
		return cmp.Compare(a.b, c.b)
	})
	for _, i := range order {
		l := &r.listed[i]
		if pair != [2]int{l.a, l.b} {
			tw.Flush()
			pair = [2]int{l.a, l.b}
			fmt.Fprintf(b, "  %s → %s\n", r.files[l.a], r.files[l.b])
		}
		fmt.Fprintf(tw, "    %s\t%d–%d\t%s\t%s\n", l.id, l.Start, l.End, l.Kind, l.describe())
	}
	tw.Flush()
}

// choiceTable renders the agreement on document labels: one row per
// group.
func (r *agreeResult) choiceTable(b *bytes.Buffer) {
	width := len("document label")
	for _, c := range r.choices {
		width = max(width, utf8.RuneCountInString(c.Group))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-utf8.RuneCountInString(s)) }
	b.WriteString("\n")
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tdocuments\tpercent\tkappa\t\n", pad("document label"))
	for _, c := range r.choices {
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t\n", pad(c.Group), joinCounts(c.Documents), c.Percent, c.Kappa)
	}
	tw.Flush()
}

// describe says what each file has at a disagreement: `ACTOR “Macron” |
// —`, or for the speaker kinds `QUOTE “a waste of time”: — Macron | — Binet`.
func (l *agreeListed) describe() string {
	span := func(d *annotate.Document, i int) string {
		if i < 0 {
			return "—"
		}
		s := d.Spans[i]
		return s.Label + " “" + clipText(d.Slice(s.Start, s.End), 40) + "”"
	}
	if !l.Kind.IsSpeaker() {
		return span(l.doc[0], l.A) + " | " + span(l.doc[1], l.B)
	}
	speakers := func(d *annotate.Document, idx []int) string {
		if len(idx) == 0 {
			return "no speaker"
		}
		names := make([]string, len(idx))
		for k, i := range idx {
			names[k] = clipText(d.Slice(d.Spans[i].Start, d.Spans[i].End), 30)
		}
		return "— " + strings.Join(names, " + ")
	}
	return span(l.doc[0], l.A) + ": " + speakers(l.doc[0], l.SpeakersA) + " | " + speakers(l.doc[1], l.SpeakersB)
}

// clipText puts text on one line and cuts it to n code points with an
// ellipsis.
func clipText(text string, n int) string {
	rs := []rune(strings.Join(strings.Fields(text), " "))
	if len(rs) <= n {
		return string(rs)
	}
	return strings.TrimSpace(string(rs[:n-1])) + "…"
}

func joinCounts(ns []int) string {
	counts := make([]string, len(ns))
	for i, n := range ns {
		counts[i] = strconv.Itoa(n)
	}
	return strings.Join(counts, " / ")
}

func agreeRow(w io.Writer, label string, spans []int, m agree.Measures) {
	fmt.Fprintf(w, "%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t\n", label, joinCounts(spans), m.F1Exact, m.F1Overlap, m.Kappa, m.Alpha)
}
