package project

import (
	"slices"
	"testing"
)

// FuzzParseConfig: gloss.toml never panics the reader, and whatever it
// accepts survives Gloss's own writing: Encode and ReplaceAssign read back
// to the same team and assignment.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte(goodConfig))
	f.Add([]byte("[[annotator]]\nname = \"annotations/../x\"\n"))
	f.Add([]byte("name = \"x\"\n[[label]]\nname = \"A\"\n[[annotator]]\nname = \"a.b\"\n[assign]\n\"a.b\" = [\"😀\", \"\\u0001\"]\n"))
	f.Add([]byte("overlap = 2\n[[annotator]]\nname = \"a\"\n[[annotator]]\nname = \"b\"\n[assign] # x\na = []\n[x]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseConfig(data, "gloss.toml")
		if err != nil {
			return
		}
		check := func(what string, out []byte) {
			back, err := ParseConfig(out, "gloss.toml")
			if err != nil {
				t.Fatalf("%s does not read back: %v\n%s", what, err, out)
			}
			if !slices.Equal(back.Annotators, c.Annotators) || back.Overlap != c.Overlap || back.Reviewer != c.Reviewer ||
				!sameAssign(withoutEmpty(back.Assign), withoutEmpty(c.Assign)) {
				t.Fatalf("%s changed the project:\n%s", what, out)
			}
		}
		if c.Inline == nil {
			check("Encode", c.Encode())
		}
		if out := ReplaceAssign(data, c); out != nil {
			// A hand-made layout ReplaceAssign cannot handle is refused by
			// Add (which reads back before writing); only check the ones it
			// handles keep the rest.
			if back, err := ParseConfig(out, "gloss.toml"); err == nil && sameAssign(withoutEmpty(back.Assign), withoutEmpty(c.Assign)) {
				check("ReplaceAssign", out)
			}
		}
	})
}
