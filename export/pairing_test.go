package export

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"gloss/annotate"
)

// TestPairing pairs in-memory files: in lockstep when ids line up, by id
// when they do not, leaving out (and telling of) documents whose text
// differs or that a file lacks.
func TestPairing(t *testing.T) {
	line := func(id, text string) string {
		return string(AppendNative(nil, &annotate.Document{ID: id, Text: text}, false)) + "\n"
	}
	for _, tc := range []struct {
		name     string
		files    map[string]string
		order    []string
		groups   []string // ids handed over, in order
		leftOut  []string
		wantErr  string
		differs  []string
		missings []string
	}{
		{
			name: "lockstep",
			files: map[string]string{
				"a": line("1", "😀 e\u0301") + line("2", "漢字\r\n"),
				"b": line("1", "😀 e\u0301") + line("2", "漢字\r\n"),
			},
			order: []string{"a", "b"}, groups: []string{"1", "2"},
		},
		{
			name: "by id",
			files: map[string]string{
				"a": line("2", "two") + line("1", "one") + line("3", "three"),
				"b": line("1", "one") + line("2", "TWO") + line("4", "four"),
			},
			order: []string{"a", "b"}, groups: []string{"1"},
			leftOut:  []string{"2: its text differs between a and b", "3: not in b", "4: not in a"},
			differs:  []string{"2"},
			missings: []string{"3", "4"},
		},
		{
			name:    "nothing in common",
			files:   map[string]string{"a": line("1", "one"), "b": line("1", "uno")},
			order:   []string{"a", "b"},
			leftOut: []string{"1: its text differs between a and b"}, differs: []string{"1"},
			wantErr: ErrNoCommonDocument.Error(),
		},
		{
			name:    "empty file and bad line",
			files:   map[string]string{"a": line("1", "one"), "b": "{\"id\":\n"},
			order:   []string{"a", "b"},
			leftOut: []string{"1: not in b"}, missings: []string{"1"},
			wantErr: "b: no documents",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			open := func(name string) (io.ReadCloser, error) {
				return io.NopCloser(strings.NewReader(tc.files[name])), nil
			}
			p, err := OpenPairing(tc.order, open, annotate.DefaultLabelSet())
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			var leftOut, groups []string
			p.LeftOut = func(id, why string) { leftOut = append(leftOut, id+": "+why) }
			err = p.Run(func(docs []*annotate.Document) error {
				groups = append(groups, docs[0].ID)
				return nil
			})
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if !slices.Equal(groups, tc.groups) || !slices.Equal(leftOut, tc.leftOut) {
				t.Errorf("groups %v, left out %q; want %v, %q", groups, leftOut, tc.groups, tc.leftOut)
			}
			if !slices.Equal(p.TextDiffers, tc.differs) || !slices.Equal(p.Missing, tc.missings) || p.Compared != len(tc.groups) {
				t.Errorf("differs %v, missing %v, compared %d", p.TextDiffers, p.Missing, p.Compared)
			}
		})
	}
	if _, err := OpenPairing([]string{"x"}, func(string) (io.ReadCloser, error) { return nil, errors.New("no such file") }, nil); err == nil {
		t.Error("an unopenable file gave no error")
	}
}
