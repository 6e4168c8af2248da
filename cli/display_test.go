package cli

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckDisplay: no DISPLAY, or one whose server takes no connection,
// is an error; a server listening on the display's socket is enough.
func TestCheckDisplay(t *testing.T) {
	dir, err := os.MkdirTemp("", "x11") // short: a socket path has ~100 bytes
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	old := x11SocketDir
	x11SocketDir = dir
	defer func() { x11SocketDir = old }()
	l, err := net.Listen("unix", filepath.Join(dir, "X7"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	for _, tt := range []struct{ display, want string }{
		{"", "DISPLAY is not set"},
		{":8", "cannot reach the display DISPLAY=:8"},
		{"nonsense", "cannot reach the display DISPLAY=nonsense (not HOST:NUMBER)"},
		{":7", ""},
		{":7.0", ""},
		{"unix:7", ""},
	} {
		t.Setenv("DISPLAY", tt.display)
		err := CheckDisplay()
		if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("DISPLAY=%q: %v, want %q", tt.display, err, tt.want)
		}
	}
}

// TestNoDisplayOneLine: without a display gloss prints one line and exits
// 1 without starting the app.
func TestNoDisplayOneLine(t *testing.T) {
	var errOut bytes.Buffer
	opened := false
	env := Env{Stdout: &bytes.Buffer{}, Stderr: &errOut,
		OpenApp: func(AppOptions) error { opened = true; return nil },
		Display: func() error { t.Setenv("DISPLAY", ""); return CheckDisplay() }}
	for _, args := range [][]string{nil, {"review", writeTemp(t, "a.jsonl", `{"text":"a"}`+"\n"), writeTemp(t, "b.jsonl", `{"text":"a"}`+"\n")}} {
		errOut.Reset()
		if code := Main(args, env); code != exitBad || opened {
			t.Errorf("%v: status %d, opened %v", args, code, opened)
		}
		if got := errOut.String(); strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, "gloss: no display") {
			t.Errorf("%v: stderr %q", args, got)
		}
	}
}
