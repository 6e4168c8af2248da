package cli

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// x11SocketDir is where X servers put their local sockets; tests move it.
var x11SocketDir = "/tmp/.X11-unix"

// CheckDisplay reports whether the desktop app has a display to open its
// window on, before Fyne starts GLFW: without one GLFW panics with
// "NotInitialized" and a goroutine dump, where a user needs one line. On
// Linux and the BSDs (X11) DISPLAY must be set and its server must take a
// connection; elsewhere the system always has a display.
func CheckDisplay() error {
	switch runtime.GOOS {
	case "darwin", "windows", "ios", "android", "js":
		return nil
	}
	display := os.Getenv("DISPLAY")
	if display == "" {
		return fmt.Errorf("no display to open the window on (DISPLAY is not set); the commands work without one: gloss help")
	}
	if err := dialX11(display); err != nil {
		return fmt.Errorf("cannot reach the display DISPLAY=%s (%v); the commands work without one: gloss help", display, err)
	}
	return nil
}

// dialX11 connects to the X server that display ("[HOST]:N[.S]") names,
// the way Xlib does: a local socket for no host (or "unix"), else TCP port
// 6000+N.
func dialX11(display string) error {
	colon := strings.LastIndexByte(display, ':')
	if colon < 0 {
		return fmt.Errorf("not HOST:NUMBER")
	}
	host, num := display[:colon], display[colon+1:]
	if dot := strings.IndexByte(num, '.'); dot >= 0 {
		num = num[:dot]
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 {
		return fmt.Errorf("not HOST:NUMBER")
	}
	const timeout = 3 * time.Second
	var tries []string
	if host == "" || host == "unix" {
		sock := filepath.Join(x11SocketDir, "X"+num)
		tries = append(tries, "unix:"+sock)
		if runtime.GOOS == "linux" {
			tries = append(tries, "unix:@"+sock) // the abstract socket
		}
	}
	if host != "unix" {
		h := host
		if h == "" {
			h = "localhost"
		}
		tries = append(tries, "tcp:"+net.JoinHostPort(strings.TrimPrefix(h, "tcp/"), strconv.Itoa(6000+n)))
	}
	var first error
	for _, t := range tries {
		network, addr, _ := strings.Cut(t, ":")
		c, err := net.DialTimeout(network, addr, timeout)
		if err == nil {
			c.Close()
			return nil
		}
		if first == nil {
			first = err
		}
	}
	return first
}
