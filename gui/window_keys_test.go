package gui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func pressKeys(e *env, s fyne.Shortcut) {
	e.u.window().Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

// Every toolbar action has a shortcut that does what its button does.
func TestEveryToolbarActionHasAShortcut(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.saveOAuth("My meetings")
	})
	e.u.sess.Service().OpenURL = func(string) error { return nil }
	closeModal := func(title string) {
		t.Helper()
		m := e.topModal()
		contains(t, "dialog", m.Title, title)
		typeKey(e, fyne.KeyEscape)
		if !m.Closed() {
			t.Errorf("Esc did not close %q", m.Title)
		}
		e.waitJobs()
	}

	pressKeys(e, ctrlN)
	if f := e.u.ConnectionFormOpen(); f == nil || !windowOpen(e.app, f.Window) || f.Name.Text != "" {
		t.Fatal("Ctrl+N opened no new connection form")
	} else {
		f.Window.Close()
	}
	pressKeys(e, ctrlShift(fyne.KeyN))
	if cf := e.u.ClientFormOpen(); cf == nil || !windowOpen(e.app, cf.Window) {
		t.Fatal("Ctrl+Shift+N opened no OAuth client form")
	} else {
		cf.Window.Close()
	}

	e.u.selectConnection("Reports")
	pressKeys(e, ctrlE)
	if f := e.u.ConnectionFormOpen(); !windowOpen(e.app, f.Window) || f.Name.Text != "Reports" {
		t.Fatal("Ctrl+E did not edit the selected connection")
	} else {
		f.Window.Close()
	}
	pressKeys(e, ctrlT)
	e.waitJobs()
	closeModal("Test passed: Reports")
	pressKeys(e, ctrlShift(fyne.KeyC))
	e.waitJobs()
	if e.app.Clipboard().Content() == "" {
		t.Error("Ctrl+Shift+C copied no access token")
	}
	pressKeys(e, ctrlShift(fyne.KeyD))
	closeModal("Revoke token: Reports?")
	pressKeys(e, ctrl(fyne.KeyDelete))
	closeModal("Delete Reports?")
	if _, ok := e.data().Connection("Reports"); !ok {
		t.Fatal("Esc deleted the connection")
	}
	pressKeys(e, ctrlF)
	if e.u.win.Canvas().Focused() != e.u.conns.search {
		t.Error("Ctrl+F did not focus the search box")
	}

	e.u.selectConnection("My meetings")
	pressKeys(e, ctrl(fyne.KeyL))
	closeModal("Waiting for Zoom")
	typeKey(e, fyne.KeyF1)
	var guide fyne.Window
	for _, w := range e.app.Driver().AllWindows() {
		if strings.HasPrefix(w.Title(), "Set-up guide") {
			guide = w
		}
	}
	if guide == nil {
		t.Fatal("F1 opened no set-up guide")
	}
	guide.Close()
}

// The toolbar's Set-up guide opens at the selected connection's type.
func TestGuideOpensAtSelectedConnectionsType(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.saveOAuth("My meetings")
	})
	for _, tc := range []struct {
		sel string
		tab int
	}{{"My meetings", 1}, {"Reports", 0}} {
		e.u.selectConnection(tc.sel)
		test.Tap(e.u.tb.guideButton)
		var g fyne.Window
		for _, w := range e.app.Driver().AllWindows() {
			if strings.HasPrefix(w.Title(), "Set-up guide") {
				g = w
			}
		}
		if g == nil {
			t.Fatal("no guide")
		}
		tabs := findTabs(g.Content())
		if tabs == nil || tabs.SelectedIndex() != tc.tab {
			t.Errorf("with %q selected the guide opened on tab %v; want %d", tc.sel, tabs.SelectedIndex(), tc.tab)
		}
		g.Close()
	}
}

// Help › Keyboard shortcuts lists every shortcut of the menus, and each
// menu item shows its keys.
func TestHelpListsEveryShortcut(t *testing.T) {
	e := newEnv(t, nil)
	pressKeys(e, ctrl(fyne.KeySlash))
	m := e.topModal()
	if m.Title != "Keyboard shortcuts" {
		t.Fatalf("Ctrl+/ opened %q", m.Title)
	}
	text := e.u.shortcutsText()
	n := 0
	for _, menu := range e.u.win.MainMenu().Items {
		for _, it := range menu.Items {
			s, ok := it.Shortcut.(*desktop.CustomShortcut)
			if !ok {
				continue
			}
			n++
			line := keysText(s)
			if !strings.Contains(text, line) {
				t.Errorf("the help does not list %s (%s)", line, it.Label)
			}
		}
	}
	if n < 12 {
		t.Errorf("only %d menu items have shortcuts", n)
	}
	for _, k := range []string{"F1", "Delete", "Return", "Esc", "Tab"} {
		if !strings.Contains(text, k) {
			t.Errorf("the help does not mention %s", k)
		}
	}
	if keysText(ctrlShift(fyne.KeyN)) != defaultModifierName()+"+Shift+N" {
		t.Errorf("keys written %q", keysText(ctrlShift(fyne.KeyN)))
	}
}

// Tab walks the main window in the order it is drawn: the toolbar, the
// search box, the connections, then the OAuth clients.
func TestTabOrderFollowsTheWindow(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Reports", s2sSecret)
		e.saveOAuth("My meetings")
	})
	e.u.selectConnection("Reports")
	c := e.u.win.Canvas()
	var order []fyne.Focusable
	for range 40 {
		test.FocusNext(c)
		f := c.Focused()
		if f == nil || slices.Contains(order, f) {
			break
		}
		order = append(order, f)
	}
	at := func(f fyne.Focusable) int { return slices.Index(order, f) }
	want := []struct {
		name string
		f    fyne.Focusable
	}{
		{"New", e.u.tb.newButton}, {"Edit", e.u.tb.editButton}, {"Test", e.u.tb.testButton}, {"Revoke token", e.u.tb.revokeButton},
		{"Set-up guide", e.u.tb.guideButton}, {"search box", e.u.conns.search}, {"connection list", e.u.conns.List},
		{"New OAuth client", e.u.clients.newButton}, {"OAuth client list", e.u.clients.List},
	}
	last := -1
	for _, w := range want {
		i := at(w.f)
		if i < 0 {
			t.Errorf("Tab never reaches %s", w.name)
			continue
		}
		if i < last {
			t.Errorf("Tab reaches %s before what is drawn before it", w.name)
		}
		last = i
	}
}

// By keys alone: Tab to the connection list, Down and Space select a row,
// Return edits it, Ctrl+T tests it, Return closes the result, Delete asks
// before deleting.
func TestKeyboardSelectsEditsTestsAndDeletes(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveS2S("Alpha", s2sSecret)
		e.saveS2S("Beta", s2sSecret)
	})
	c := e.u.win.Canvas()
	for range 40 {
		test.FocusNext(c)
		if c.Focused() == e.u.conns.List {
			break
		}
	}
	if c.Focused() != e.u.conns.List {
		t.Fatal("Tab never reaches the connection list")
	}
	keys := func(names ...fyne.KeyName) {
		for _, k := range names {
			c.Focused().TypedKey(&fyne.KeyEvent{Name: k})
		}
	}
	keys(fyne.KeyDown, fyne.KeySpace)
	if got, _ := e.u.conns.selected(); got.Name != "Beta" {
		t.Fatalf("Down, Space selected %q; want Beta", got.Name)
	}
	keys(fyne.KeyReturn)
	f := e.u.ConnectionFormOpen()
	if f == nil || !windowOpen(e.app, f.Window) || f.Name.Text != "Beta" {
		t.Fatal("Return did not edit the selected connection")
	}
	f.Window.Close()
	c.Focus(e.u.conns.List)
	pressKeys(e, ctrlT)
	e.waitJobs()
	m := e.topModal()
	contains(t, "result", m.Title, "Test passed: Beta")
	typeKey(e, fyne.KeyReturn)
	if !m.Closed() {
		t.Fatal("Return did not close the result")
	}
	if got, _ := e.data().Connection("Beta"); got.Status() != "OK" {
		t.Errorf("status after the test %q", got.Status())
	}
	c.Focus(e.u.conns.List)
	keys(fyne.KeyDelete)
	contains(t, "question", e.topModal().Title, "Delete Beta?")
	typeKey(e, fyne.KeyEscape)
	if len(e.data().Connections) != 2 || e.u.topModal() != nil {
		t.Error("Esc did not cancel the deletion")
	}
}

// findTabs is the first AppTabs drawn under o.
func findTabs(o fyne.CanvasObject) *container.AppTabs {
	for _, x := range test.LaidOutObjects(o) {
		if tabs, ok := x.(*container.AppTabs); ok {
			return tabs
		}
	}
	return nil
}
