package assets

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestFyneApp: FyneApp.toml, what `make package` builds the desktop entry
// from, names an icon that exists and is the app's own, an id in reverse
// domain notation and the Linux menu fields.
func TestFyneApp(t *testing.T) {
	var meta struct {
		Details struct {
			Icon, Name, ID, Version string
			Build                   int
		}
		LinuxAndBSD struct {
			GenericName, Comment string
			Categories, Keywords []string
		}
	}
	md, err := toml.DecodeFile(filepath.Join("..", "FyneApp.toml"), &meta)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range md.Undecoded() {
		if k[0] != "Migrations" {
			t.Errorf("FyneApp.toml: %s is not checked here", k)
		}
	}
	d := meta.Details
	if d.Name != "Gloss" || d.ID != "org.gloss.Gloss" || d.Version == "" || d.Build < 1 {
		t.Errorf("details %+v", d)
	}
	icon, err := os.ReadFile(filepath.Join("..", d.Icon))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(icon, Icon) {
		t.Errorf("%s is not the icon the app shows (assets/icon.png)", d.Icon)
	}
	img, err := png.Decode(bytes.NewReader(icon))
	if err != nil {
		t.Fatalf("icon: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 256 || b.Dx() != b.Dy() {
		t.Errorf("icon bounds %v: want square, at least 256 px", b)
	}
	l := meta.LinuxAndBSD
	if l.GenericName == "" || l.Comment == "" || len(l.Categories) == 0 || len(l.Keywords) == 0 {
		t.Errorf("desktop entry fields %+v", l)
	}
}
