package cli

import (
	"bytes"
	"fmt"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"gloss/app/project"
)

// runStatus runs `gloss status [--json] [DIR]`.
func runStatus(env Env, args []string) int {
	fs := newFlagSet(env, "gloss status", "[--json] [DIR]")
	asJSON := fs.Bool("json", false, "print the status as JSON")
	rest, ok := parse(fs, args)
	if !ok {
		return exitUsage
	}
	p, status := openProject(env, "status", rest)
	if status != exitOK {
		return status
	}
	st, err := p.Status()
	if err != nil {
		report(env, err)
		return exitBad
	}
	for _, problem := range st.Problems {
		fmt.Fprintf(env.Stderr, "gloss status: %s\n", problem)
	}
	var out []byte
	if *asJSON {
		out = statusJSON(st)
	} else {
		out = statusTable(p, st)
	}
	if _, err := env.Stdout.Write(out); err != nil {
		report(env, err)
		return exitBad
	}
	return exitOK
}

// statusBarWidth is how many characters a progress bar takes.
const statusBarWidth = 20

// progressBar draws done, in progress and untouched as "███▒▒····".
func progressBar(a project.AnnotatorProgress) string {
	if a.Assigned == 0 {
		return strings.Repeat("·", statusBarWidth)
	}
	done := a.Done * statusBarWidth / a.Assigned
	prog := (a.Done+a.InProgress)*statusBarWidth/a.Assigned - done
	return strings.Repeat("█", done) + strings.Repeat("▒", prog) + strings.Repeat("·", statusBarWidth-done-prog)
}

// statusTable renders the status for people.
func statusTable(p *project.Project, st *project.Status) []byte {
	var b bytes.Buffer
	c := p.Config
	fmt.Fprintf(&b, "Project %s: %d documents, overlap %d", st.Name, st.Documents, c.Overlap)
	if st.Unassigned > 0 {
		fmt.Fprintf(&b, ", %d given to nobody", st.Unassigned)
	}
	if c.Reviewer != "" {
		fmt.Fprintf(&b, "; reviewer %s, gold %d documents", c.Reviewer, st.Gold)
	}
	b.WriteString("\n\n")
	// Names read left-aligned in the right-aligned table, as in agree.
	nameWidth := len("annotator")
	for _, a := range st.Annotators {
		nameWidth = max(nameWidth, len(a.Name))
	}
	name := func(s string) string { return s + strings.Repeat(" ", nameWidth-len(s)) }
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tassigned\tdone\tin progress\tuntouched\tdone %%\t\n", name("annotator"))
	for _, a := range st.Annotators {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.0f%%\t  %s\n", name(a.Name), a.Assigned, a.Done, a.InProgress, a.Untouched, 100*a.Fraction(), progressBar(a))
	}
	tw.Flush()
	b.WriteString("(bars: █ done  ▒ in progress  · untouched)\n")
	for _, a := range st.Annotators {
		if a.Unassigned > 0 {
			fmt.Fprintf(&b, "%s also has work on %d documents no longer given to them (kept in their file).\n", a.Name, a.Unassigned)
		}
	}
	if st.Agreement == nil {
		b.WriteString("\nAgreement: no document is done by two annotators yet.\n")
		return b.Bytes()
	}
	r := st.Agreement
	fmt.Fprintf(&b, "\nAgreement so far on %d documents done by two or more (%d pairs of versions):\n\n", st.Compared, r.Documents)
	// One width for both tables' first column, so that they line up.
	width := len("relation")
	for _, l := range r.Labels {
		width = max(width, utf8.RuneCountInString(l.Label))
	}
	for _, rel := range r.Relations {
		width = max(width, utf8.RuneCountInString(rel.Label))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-utf8.RuneCountInString(s)) }
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%s\tspans\tf1_exact\tf1_overlap\tkappa\talpha\t\n", pad("label"))
	total := make([]int, 2)
	for _, l := range r.Labels {
		total[0] += l.Spans[0]
		total[1] += l.Spans[1]
		agreeRow(tw, pad(l.Label), l.Spans, l.Measures)
	}
	agreeRow(tw, pad("overall"), total, r.Overall)
	tw.Flush()
	if len(r.Relations) > 0 {
		b.WriteString("\n")
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "%s\trelations\tf1_exact\tf1_overlap\tspeakers\tlinked\t\n", pad("relation"))
		for _, rel := range r.Relations {
			fmt.Fprintf(tw, "%s\t%d / %d\t%.3f\t%.3f\t%.3f\t%d\t\n", pad(rel.Label), rel.Relations[0], rel.Relations[1],
				rel.F1Exact, rel.F1Overlap, rel.SpeakerAgreement, rel.Linked)
		}
		tw.Flush()
	}
	if len(st.Pairs) > 0 {
		b.WriteString("\nBy pair:\n")
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, pr := range st.Pairs {
			fmt.Fprintf(tw, "  %s and %s\t%d documents\tf1_exact %.3f\tf1_overlap %.3f\tkappa %.3f",
				pr.A, pr.B, pr.Documents, pr.Overall.F1Exact, pr.Overall.F1Overlap, pr.Overall.Kappa)
			for _, rel := range pr.Relations {
				fmt.Fprintf(tw, "\t%s speakers %.3f (%d linked)", rel.Label, rel.SpeakerAgreement, rel.Linked)
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	return b.Bytes()
}

// statusJSON renders the status as JSON; labels keep label-set order,
// hence the hand-written object as in agree.
func statusJSON(st *project.Status) []byte {
	var b bytes.Buffer
	put := func(v any) { putJSON(&b, v) }
	b.WriteString(`{"project":`)
	put(st.Name)
	fmt.Fprintf(&b, `,"documents":%d,"unassigned":%d,"gold":%d,"annotators":[`, st.Documents, st.Unassigned, st.Gold)
	for i, a := range st.Annotators {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"name":`)
		put(a.Name)
		fmt.Fprintf(&b, `,"assigned":%d,"done":%d,"in_progress":%d,"untouched":%d,"unassigned_work":%d}`,
			a.Assigned, a.Done, a.InProgress, a.Untouched, a.Unassigned)
	}
	fmt.Fprintf(&b, `],"compared":%d,"agreement":`, st.Compared)
	if st.Agreement == nil {
		b.WriteString("null")
	} else {
		fmt.Fprintf(&b, `{"pairs":%d,`, st.Agreement.Documents)
		agreeReportJSON(&b, *st.Agreement) // "relations" included
		b.WriteByte('}')
	}
	b.WriteString(`,"pairs":[`)
	for i, pr := range st.Pairs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"annotators":`)
		put([]string{pr.A, pr.B})
		fmt.Fprintf(&b, `,"documents":%d,`, pr.Documents)
		agreeMeasuresJSON(&b, pr.Overall)
		b.WriteByte(',')
		agreeRelationsJSON(&b, pr.Relations)
		b.WriteByte('}')
	}
	b.WriteString(`],"problems":`)
	put(agreeNonNil(st.Problems))
	b.WriteString("}\n")
	return b.Bytes()
}
