// Package export reads and writes Gloss documents in every supported file
// format: the native JSONL and the formats of doccano, Prodigy, Label
// Studio, brat and CoNLL. Each format is a Format value in Formats; offsets
// are converted here and nowhere else.
package export

import (
	"fmt"
	"io"
	"sort"

	"gloss/annotate"
)

// Options tune a reader or writer.
type Options struct {
	// UTF16 makes offsets in the file count UTF-16 code units (doccano in
	// the browser, INCEpTION) instead of code points.
	UTF16 bool
	// Labels is the label set, for formats whose layout depends on it
	// (CoNLL's columns). nil means the built-in set.
	Labels *annotate.LabelSet
	// Warn receives notes about input that was read but not kept whole
	// ("3 A lines skipped"). nil discards them.
	Warn func(msg string)
	// KeepIgnored makes the Prodigy reader take the spans of "ignore"
	// tasks as annotations; by default they are marked rejected, like
	// those of "reject" tasks.
	KeepIgnored bool
	// Events makes the brat reader turn the events it names into
	// relations (gloss import --event); see BratEvent.
	Events []BratEvent
	// TextDir is where the brat reader finds the text of each .ann when
	// it is not beside it (gloss import --text-dir); see OpenBrat.
	TextDir string
	// TextKey is the member of a Label Studio task's "data" that holds the
	// text; "" means "text", or else the one string member.
	TextKey string
	// Layout is the token formats' tag layout: LayoutColumns (the
	// default) or LayoutSingle.
	Layout string
	// Used lists the labels the input uses, in order of first use, for
	// writers whose columns are decided before the first document
	// (CoNLL); see LabelsUsed and ScanLabels.
	Used []string
	// Only, when not empty, is the labels an export keeps (--only): the
	// command line removes other spans before writing (KeepOnly), and
	// CoNLL makes columns for just these.
	Only []string
	// TagNames names the integer ner_tags of Hugging Face data, in
	// order (a dataset's ClassLabel names: O, B-PER, I-PER, …).
	TagNames []string
	// MaxLine is the most bytes one document may take in the input
	// (--max-line); 0 means DefaultMaxLine. See DefaultMaxLine.
	MaxLine int64
}

func (o Options) warn(format string, args ...any) {
	if o.Warn != nil {
		o.Warn(fmt.Sprintf(format, args...))
	}
}

func (o Options) labels() *annotate.LabelSet {
	if o.Labels != nil {
		return o.Labels
	}
	return annotate.DefaultLabelSet()
}

// Reader yields the documents of one input, one at a time. Next returns
// io.EOF after the last one; any other error is a *LineError or names its
// input.
type Reader interface {
	Next() (*annotate.Document, error)
	// Line is the line where the last document returned by Next began
	// (1-based), for reporting its problems; 0 when the format has no lines.
	Line() int
}

// Filer is implemented by readers that read several files (brat): File is
// the file the last document came from, for messages.
type Filer interface {
	File() string
}

// Writer writes documents one at a time. Close flushes what is buffered; it
// does not close the underlying io.Writer.
type Writer interface {
	Write(d *annotate.Document) error
	Close() error
}

// Format is one file format's codec.
type Format struct {
	// Name is what --from and --to take.
	Name string
	// Description is one line for help texts and menus.
	Description string
	// Extension is the usual file name extension, with its dot.
	Extension string
	// NewReader reads documents from r; name is used in error messages.
	NewReader func(r io.Reader, name string, opt Options) Reader
	// NewWriter writes documents to w.
	NewWriter func(w io.Writer, opt Options) Writer
	// OpenPath, when set, opens a named input itself: a folder, or a file
	// that needs others beside it (brat's .ann and .txt). Callers use it
	// instead of NewReader whenever they have a path.
	OpenPath func(path string, opt Options) (Reader, error)
	// WriteDir, when set, writes into the existing folder dir instead of a
	// stream (brat); such a format has no NewWriter. Callers make dir a
	// fresh temporary folder and move it into place when Close succeeds.
	WriteDir func(dir string, opt Options) Writer
	// Sniff reports whether the start of a file looks like this format;
	// nil when the format cannot be told from its content.
	Sniff func(head []byte) bool
	// Columns is set for writers that lay labels out in columns decided
	// before the first document (CoNLL): they need Options.Used.
	Columns bool
}

var formats = map[string]*Format{}

// Register adds a format; formats register themselves in init.
func Register(f *Format) {
	if _, dup := formats[f.Name]; dup {
		panic("export: format registered twice: " + f.Name)
	}
	formats[f.Name] = f
}

// Lookup returns the named format, or nil.
func Lookup(name string) *Format { return formats[name] }

// Formats returns every registered format, sorted by name.
func Formats() []*Format {
	all := make([]*Format, 0, len(formats))
	for _, f := range formats {
		all = append(all, f)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return all
}

// LineError is a problem at a line of an input file. Its text is
// "FILE:LINE: message", the form every Gloss command reports.
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e *LineError) Error() string {
	if e.Line <= 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}
