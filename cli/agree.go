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
	register("agree", "agree [--json] FILE FILE [FILE...]                       agreement report", runAgree)
}

// agreeLowestShown is how many of the least agreed documents the report names.
const agreeLowestShown = 5

// agreeDocFigure is one document's overall agreement, for the list of the
// least agreed documents.
type agreeDocFigure struct {
	ID string `json:"id"`
	agree.Measures
}

// agreeCompareFigures orders documents from the least agreed: by overall
// f1_exact, then κ, then id.
func agreeCompareFigures(a, b agreeDocFigure) int {
	if c := cmp.Compare(a.F1Exact, b.F1Exact); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Kappa, b.Kappa); c != 0 {
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
}

// runAgree prints the agreement between annotators' files.
func runAgree(env Env, args []string) int {
	fs := newFlagSet(env, "gloss agree", "[--json] [--labels FILE] FILE FILE [FILE...]")
	asJSON := fs.Bool("json", false, "print the report as JSON")
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
	res, err := computeAgreement(env, files, labels)
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
// document id at a time.
func computeAgreement(env Env, files []string, labels *annotate.LabelSet) (*agreeResult, error) {
	p, err := openPairing(env, "agree", files, labels)
	if err != nil {
		return nil, err
	}
	defer p.Close()
	corpus := agree.NewCorpus(len(files), labels)
	choices := agree.NewChoices(len(files), labels)
	var lowest []agreeDocFigure
	err = p.run(func(docs []*annotate.Document) error {
		r, err := corpus.Add(docs)
		if err != nil {
			return err
		}
		if err := choices.Add(docs); err != nil {
			return err
		}
		f := agreeDocFigure{docs[0].ID, r.Overall}
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
	return &agreeResult{files: files, report: corpus.Report(), choices: choices.Report(), lowest: lowest, pairs: p}, nil
}

// json renders the report as DESIGN.md's JSON, labels in label-set order
// (which is why it is written by hand: a Go map would sort them by name).
func (r *agreeResult) json() []byte {
	var b bytes.Buffer
	put := func(v any) {
		data, err := json.Marshal(v)
		if err != nil {
			panic(err) // strings, numbers and slices of them always marshal
		}
		b.Write(data)
	}
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
	b.WriteString("}\n")
	return b.Bytes()
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
	if len(r.choices) > 0 {
		r.choiceTable(&b)
	}
	if len(r.files) > 2 {
		b.WriteString("\nspans, documents: per file, in the order given; f1, percent and kappa: means over pairs of files.\n")
	}
	if len(r.lowest) > 0 {
		fmt.Fprintf(&b, "\nLeast agreement (by overall f1_exact, then kappa):\n")
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, d := range r.lowest {
			fmt.Fprintf(tw, "  %s\tf1_exact %.3f\tf1_overlap %.3f\tkappa %.3f\n", d.ID, d.F1Exact, d.F1Overlap, d.Kappa)
		}
		tw.Flush()
	}
	return b.Bytes()
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
		counts := make([]string, len(c.Documents))
		for i, n := range c.Documents {
			counts[i] = strconv.Itoa(n)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t\n", pad(c.Group), strings.Join(counts, " / "), c.Percent, c.Kappa)
	}
	tw.Flush()
}

func agreeRow(w io.Writer, label string, spans []int, m agree.Measures) {
	counts := make([]string, len(spans))
	for i, n := range spans {
		counts[i] = strconv.Itoa(n)
	}
	fmt.Fprintf(w, "%s\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t\n", label, strings.Join(counts, " / "), m.F1Exact, m.F1Overlap, m.Kappa, m.Alpha)
}
