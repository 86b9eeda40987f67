package gui

import (
	"testing"

	"fyne.io/fyne/v2"

	"zoomconn/gui/guitest"
	"zoomconn/gui/kit"
)

// The Events window as the window opens it; its own behaviour is tested
// in gui/events.

const eventsTitle = "Events —"

// Ctrl+Shift+E and Connection › Events… open the Events window on the
// selected connection.
func TestEventsOpensFromShortcutAndMenu(t *testing.T) {
	e := newConsoleEnv(t)
	e.u.selectConnection("Ops")
	pressKeys(e, ctrlShift(fyne.KeyE))
	w := guitest.Window(e.app, eventsTitle)
	if w == nil {
		t.Fatal("Ctrl+Shift+E opened no Events window")
	}
	if c := guitest.First[*kit.FormSelect](guitest.FormItem(w.Content(), "Connection"), nil); c == nil || c.Selected != "Ops" {
		t.Fatal("the Events window is not on the selected connection Ops")
	}
	w.Close()
	e.u.selectConnection("Sales")
	pressKeys(e, ctrlShift(fyne.KeyE))
	w = guitest.Window(e.app, eventsTitle)
	if w == nil || guitest.First[*kit.FormSelect](guitest.FormItem(w.Content(), "Connection"), nil).Selected != "Sales" {
		t.Fatal("Ctrl+Shift+E opened no Events window on Sales")
	}
	w.Close()
	var item *fyne.MenuItem
	for _, m := range e.u.window().MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == "Events…" {
				item = it
			}
		}
	}
	if item == nil || item.Shortcut == nil || item.Shortcut.ShortcutName() != ctrlShift(fyne.KeyE).ShortcutName() {
		t.Fatal("no menu item Events… with Ctrl+Shift+E")
	}
	item.Action()
	if guitest.Window(e.app, eventsTitle) == nil {
		t.Fatal("the menu opened no Events window")
	}
}

// The test side finds the Events window's widgets by their labels, as the
// screenshot driver does.
func TestEventsWindowAsTheDriverSeesIt(t *testing.T) {
	e := newConsoleEnv(t)
	ev := guitest.EventsOf(e.u.openEvents("Ops"))
	if ev == nil || ev.Connection == nil || ev.Connection.Selected != "Ops" || ev.ForwardTo == nil || ev.Listen == nil ||
		ev.Stop == nil || ev.SendTest == nil || ev.List == nil || ev.State == nil || ev.Connected() {
		t.Fatalf("the Events window's widgets: %+v", ev)
	}
	contains(t, "the state", ev.State.Text, "Not listening")
	ev.Window.Close()
}
