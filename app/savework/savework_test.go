package savework

import (
	"fmt"
	"testing"
)

// TestGuard: with nothing unsaved it goes on without asking; otherwise
// each answer saves then goes on (only when the save succeeds), discards
// then goes on, or stops.
func TestGuard(t *testing.T) {
	cases := []struct {
		dirty    bool
		answer   int // the button chosen; -1 closes the dialog
		saveOK   bool
		want     string
		wantAsks int
	}{
		{dirty: false, want: "then", wantAsks: 0},
		{dirty: true, answer: 0, saveOK: true, want: "save then", wantAsks: 1},
		{dirty: true, answer: 0, saveOK: false, want: "save", wantAsks: 1},
		{dirty: true, answer: 1, want: "discard then", wantAsks: 1},
		{dirty: true, answer: 2, want: "", wantAsks: 1},
		{dirty: true, answer: -1, want: "", wantAsks: 1},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("dirty=%v,answer=%d,saved=%v", c.dirty, c.answer, c.saveOK), func(t *testing.T) {
			var did string
			asks := 0
			ask := func(title, _ string, buttons []string, then func(int)) {
				asks++
				if title != "Unsaved" || len(buttons) != 3 || buttons[0] != "Save" {
					t.Errorf("asked %q with %v", title, buttons)
				}
				then(c.answer)
			}
			add := func(s string) {
				if did != "" {
					did += " "
				}
				did += s
			}
			save := func(then func()) {
				add("save")
				if c.saveOK {
					then()
				}
			}
			Guard(ask, c.dirty, "Unsaved", "Save first?", save, func() { add("discard") }, func() { add("then") })
			if did != c.want || asks != c.wantAsks {
				t.Errorf("did %q, asked %d times; want %q, %d", did, asks, c.want, c.wantAsks)
			}
		})
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 spans", 1: "1 span", 2: "2 spans"} {
		if got := Plural(n, "span"); got != want {
			t.Errorf("Plural(%d) = %q", n, got)
		}
	}
}
