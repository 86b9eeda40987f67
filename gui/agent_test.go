package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"zoomconn/gui/guitest"
)

// The "Use with an AI agent" window as the window opens it; its own
// behaviour is tested in gui/agent.

const agentTitle = "Use with an AI agent: "

// Ctrl+Shift+M and Connection › Use with an AI agent… open the window of
// the selected connection; with none selected, the status line says what
// to do.
func TestAgentOpensFromShortcutAndMenu(t *testing.T) {
	e := newConsoleEnv(t)
	pressKeys(e, ctrlShift(fyne.KeyM))
	if guitest.Window(e.app, agentTitle) != nil {
		t.Fatal("a window opened with no connection selected")
	}
	e.u.selectConnection("Ops")
	pressKeys(e, ctrlShift(fyne.KeyM))
	w := guitest.Window(e.app, agentTitle+"Ops")
	if w == nil {
		t.Fatal("Ctrl+Shift+M opened no window for Ops")
	}
	w.Close()
	var item *fyne.MenuItem
	for _, m := range e.u.window().MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "Use with an AI agent…" {
				item = it
			}
		}
	}
	if item == nil || item.Shortcut == nil || item.Shortcut.ShortcutName() != ctrlShift(fyne.KeyM).ShortcutName() {
		t.Fatal("no menu item Use with an AI agent… with Ctrl+Shift+M")
	}
	e.u.selectConnection("Sales")
	item.Action()
	w = guitest.Window(e.app, agentTitle+"Sales")
	if w == nil {
		t.Fatal("the menu opened no window for Sales")
	}
	if !strings.Contains(w.Title(), "Sales") {
		t.Errorf("title %q", w.Title())
	}
	w.Close()
}
