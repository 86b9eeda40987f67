package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"zoomconn/gui/guitest"
)

// The API console as the window opens it; the console's own behaviour is
// tested in gui/console.

// ConsoleOpen is the API console window, if one is open, as a user sees it.
func (u *mainWindow) ConsoleOpen() *guitest.Console {
	return guitest.ConsoleOf(guitest.Window(u.app, guitest.ConsoleTitle))
}

// newConsoleEnv is a window with two connections for the console.
func newConsoleEnv(t *testing.T) *env {
	return newEnv(t, func(e *env) {
		e.saveS2S("Ops", s2sSecret)
		e.saveS2S("Sales", s2sSecret)
	})
}

func TestConsoleOpensFromShortcutAndMenu(t *testing.T) {
	e := newConsoleEnv(t)
	e.u.selectConnection("Ops")
	e.u.window().Canvas().(fyne.Shortcutable).TypedShortcut(ctrlK)
	c := e.u.ConsoleOpen()
	if c == nil || c.Connection.Selected != "Ops" {
		t.Fatal("Ctrl+K opened no console for Ops")
	}
	c.Window.Close()
	if e.u.ConsoleOpen() != nil {
		t.Fatal("the closed console is still open")
	}
	e.u.selectConnection("Sales")
	var item *fyne.MenuItem
	for _, m := range e.u.window().MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "API console…" {
				item = it
			}
		}
	}
	if item == nil || item.Shortcut != ctrlK {
		t.Fatal("no menu item API console… with Ctrl+K")
	}
	item.Action()
	if c := e.u.ConsoleOpen(); c == nil || c.Connection.Selected != "Sales" {
		t.Fatal("the menu opened no console for Sales")
	}
}

// The toolbar's API… opens the console on the selected connection, and a
// connection deleted in the window leaves the console's choice.
func TestConsoleFollowsTheWindow(t *testing.T) {
	e := newConsoleEnv(t)
	e.u.selectConnection("Sales")
	test.Tap(e.u.tb.apiButton)
	c := e.u.ConsoleOpen()
	if c == nil || !windowOpen(e.app, c.Window) {
		t.Fatal("API… opened no console")
	}
	if c.Connection.Selected != "Sales" {
		t.Fatalf("console is for %q; want the selected connection Sales", c.Connection.Selected)
	}
	e.u.deleteConnection("Sales")
	tapButton(t, e.topModal(), "Delete")
	e.waitJobs()
	if c.Connection.Selected != "" {
		t.Errorf("console still offers the deleted connection %q", c.Connection.Selected)
	}
	if !c.Send.Disabled() {
		t.Error("Send is enabled with no connection")
	}
}
