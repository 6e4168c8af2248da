package dialogkeys

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestStack: the top dialog shown through the stack takes Enter and Esc;
// below it, the next one does once it closes; with none, a dialog Fyne
// shows itself takes Enter for its high-importance button and Esc for the
// other; with no dialog at all, nothing is taken.
func TestStack(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("content"))
	w.Resize(fyne.NewSize(600, 400))
	var k Stack
	k.Install(w.Canvas())
	if k.Typed(fyne.KeyReturn) {
		t.Error("Enter with no dialog was taken")
	}
	var got []string
	under := dialog.NewInformation("Under", "first", w)
	under.SetOnClosed(func() { got = append(got, "under closed") })
	k.Show(under, func() { got = append(got, "under enter") })
	over := dialog.NewInformation("Over", "second", w)
	over.SetOnClosed(func() { got = append(got, "over closed") })
	k.Show(over, nil)
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) // over: Enter closes
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEnter})  // under: its enter
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape}) // under: closes
	want := []string{"over closed", "under enter", "under closed"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	for _, c := range []struct {
		key  fyne.KeyName
		want bool
	}{{fyne.KeyReturn, true}, {fyne.KeyEscape, false}} {
		answered, yes := false, false
		dialog.ShowConfirm("Overwrite?", "Sure?", func(ok bool) { answered, yes = true, ok }, w)
		if !k.Typed(c.key) || !answered || yes != c.want {
			t.Errorf("%s on Fyne's confirm: answered %v, yes %v", c.key, answered, yes)
		}
	}
}
