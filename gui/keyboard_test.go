package gui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// press sends a key to whatever the canvas has focused, as the driver does.
func press(t *testing.T, c fyne.Canvas, key fyne.KeyName) {
	t.Helper()
	f := c.Focused()
	if f == nil {
		t.Fatalf("nothing has the focus for %s", key)
	}
	f.TypedKey(&fyne.KeyEvent{Name: key})
}

// tabTo presses Tab until target has the focus.
func tabTo(t *testing.T, c fyne.Canvas, target fyne.Focusable, what string) {
	t.Helper()
	for range 60 {
		if c.Focused() == target {
			return
		}
		test.FocusNext(c)
	}
	t.Fatalf("Tab never reaches %s", what)
}

func textOf(f fyne.Focusable) string {
	switch x := f.(type) {
	case *kit.FormEntry:
		return x.PlaceHolder
	case *kit.FormButton:
		return x.Text
	case *kit.Choice:
		return fmt.Sprint(x.Options)
	case *kit.FormSelect:
		return fmt.Sprint(x.Options)
	case *kit.FormCheck:
		return x.Text
	}
	return ""
}

// The whole walk of issue 12: Ctrl+N, fill in a Server-to-Server
// connection (with the fake Zoom's URLs), Enter saves, and Test runs from
// the main window's toolbar, reached with Tab and pressed with Space.
func TestKeyboardOnlyNewSaveTest(t *testing.T) {
	e := newEnv(t, nil)
	main := e.u.window().Canvas()
	main.(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	f := e.u.ConnectionFormOpen()
	if f == nil {
		t.Fatal("Ctrl+N opened no form")
	}
	c := f.Window.Canvas()
	if c.Focused() != f.Name {
		t.Fatalf("the form opens with %T focused; want the name", c.Focused())
	}
	typeFocused(c, "Keyboard")
	test.FocusNext(c) // the auth type: Custom, as it is
	for _, step := range []struct {
		entry *kit.FormEntry
		text  string
	}{{f.AccountID, accountID}, {f.ClientID, s2sClientID}, {f.ClientSecret, s2sSecret}} {
		test.FocusNext(c)
		if c.Focused() != step.entry {
			t.Fatalf("Tab reached %T %q; want %q", c.Focused(), textOf(c.Focused()), step.entry.PlaceHolder)
		}
		typeFocused(c, step.text)
	}

	// The fake Zoom's URLs: HTTP view, Custom URLs, each URL replaced (a
	// Server-to-Server connection shows no Authorize URL: it opens none).
	tabTo(t, c, f.View, "the view")
	press(t, c, fyne.KeyRight)
	tabTo(t, c, f.Preset, "the endpoints")
	press(t, c, fyne.KeyRight)
	press(t, c, fyne.KeyRight)
	if f.Preset.Selected != view.PresetCustomL {
		t.Fatalf("the arrows chose %q", f.Preset.Selected)
	}
	own := auth.CustomEndpoints("", e.ep.TokenURL, e.ep.RevokeURL, e.ep.APIBaseURL)
	for _, u := range []string{own.TokenURL, own.RevokeURL, own.APIBaseURL} {
		test.FocusNext(c)
		c.Focused().(fyne.Shortcutable).TypedShortcut(&fyne.ShortcutSelectAll{})
		typeFocused(c, u)
	}
	press(t, c, fyne.KeyReturn)
	e.waitJobs()
	if windowOpen(e.app, f.Window) {
		t.Fatalf("Enter did not save: %q %q", f.ErrorFor(auth.FieldTokenURL), f.FormError.Text)
	}
	conn, ok := e.data().Connection("Keyboard")
	if !ok || conn.Endpoints != own {
		t.Fatalf("saved %+v", conn)
	}

	tabTo(t, main, e.u.tb.testButton, "Test in the toolbar")
	press(t, main, fyne.KeySpace)
	e.waitJobs()
	contains(t, "result", e.topModal().Title, "Test passed: Keyboard")
	if conn, _ := e.data().Connection("Keyboard"); conn.Status() != "OK" {
		t.Errorf("status after the test: %q", conn.Status())
	}
}
