package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// keyAction is a menu entry of the main window with its keyboard
// shortcut: the menu, the window's shortcuts and Help › Keyboard shortcuts
// are all made from one list, so they cannot disagree.
type keyAction struct {
	label string
	keys  *desktop.CustomShortcut // nil: no shortcut
	run   func()
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func ctrlShift(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
}

// The shortcuts tests and the help text name.
var (
	ctrlK = ctrl(fyne.KeyK)
	ctrlN = ctrl(fyne.KeyN)
	ctrlF = ctrl(fyne.KeyF)
	ctrlE = ctrl(fyne.KeyE)
	ctrlT = ctrl(fyne.KeyT)
)

// fileActions are the File menu's entries before Import and Export.
func (u *mainWindow) fileActions() []keyAction {
	return []keyAction{
		{"New connection", ctrlN, func() { u.newConnection() }},
		{"New OAuth client", ctrlShift(fyne.KeyN), func() { u.newClient(nil) }},
	}
}

// connectionActions are the Connection menu's entries: the toolbar's
// buttons, each acting only when its button is enabled.
func (u *mainWindow) connectionActions() []keyAction {
	press := func(b *kit.Button) func() {
		return func() {
			switch {
			case !b.Disabled():
				b.OnTapped()
			case u.sess.ReadOnly():
				u.setStatus("Nothing can be changed while the connections are read-only (see the banner at the top).")
			default:
				u.setStatus(fmt.Sprintf("%s: select a connection first (Tab to the list, arrow keys, then Space).", strings.TrimSuffix(b.Text, "…")))
			}
		}
	}
	return []keyAction{
		{"Edit connection…", ctrlE, press(u.tb.editButton)},
		{"Delete connection…", ctrl(fyne.KeyDelete), press(u.tb.deleteButton)},
		{"Test", ctrlT, press(u.tb.testButton)},
		{"Authorize", ctrl(fyne.KeyL), press(u.tb.authorizeButton)},
		{"Copy access token", ctrlShift(fyne.KeyC), press(u.tb.copyButton)},
		{"Revoke token / Disconnect…", ctrlShift(fyne.KeyD), press(u.tb.revokeButton)},
		{"API console…", ctrlK, u.openConsoleSelected},
		{"Events…", ctrlShift(fyne.KeyE), u.openEventsSelected},
		{"Use with an AI agent…", ctrlShift(fyne.KeyM), u.openAgentSelected},
		{"SDK credentials and signatures…", nil, func() { u.sdk.OpenList() }},
		{"Search", ctrlF, func() { u.win.Canvas().Focus(u.conns.search) }},
	}
}

// helpActions are the Help menu's entries.
func (u *mainWindow) helpActions() []keyAction {
	return []keyAction{
		{"Set-up guide", nil, u.guideForSelection},
		{"Keyboard shortcuts", ctrl(fyne.KeySlash), func() { u.showShortcuts() }},
		{"Open Zoom App Marketplace", nil, func() { u.openURL(marketplaceURL) }},
		{"About", nil, func() { u.showAbout() }},
	}
}

func menuItems(acts []keyAction) []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, a := range acts {
		it := fyne.NewMenuItem(a.label, a.run)
		if a.keys != nil {
			it.Shortcut = a.keys
		}
		items = append(items, it)
	}
	return items
}

func (u *mainWindow) menu() *fyne.MainMenu {
	imp := fyne.NewMenuItem("Import…", u.importDialog)
	exp := fyne.NewMenuItem("Export…", u.exportDialog)
	quit := fyne.NewMenuItem("Quit", u.quit)
	quit.IsQuit = true
	quit.Shortcut = ctrl(fyne.KeyQ)
	file := fyne.NewMenu("File", menuItems(u.fileActions())...)
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), imp, exp, fyne.NewMenuItemSeparator())
	file.Items = append(file.Items, u.secretsMenuItems()...)
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quit)
	conn := fyne.NewMenu("Connection", menuItems(u.connectionActions())...)
	help := fyne.NewMenu("Help", menuItems(u.helpActions())...)
	return fyne.NewMainMenu(file, conn, help)
}

func (u *mainWindow) quit() {
	u.saveLayout()
	u.acts.clip.clearNow()
	u.app.Quit()
}

// secretsMenuItems are the File menu's entries for where secrets live.
func (u *mainWindow) secretsMenuItems() []*fyne.MenuItem {
	toKeyring := fyne.NewMenuItem(toKeyringTitle+"…", func() { u.moveToKeyring() })
	switch u.sess.MenuState() {
	case "keyring":
		return []*fyne.MenuItem{fyne.NewMenuItem(useFileTitle+"…", func() { u.useFileStore() })}
	case "file-locked":
		return []*fyne.MenuItem{fyne.NewMenuItem(unlockTitle+"…", func() { u.showUnlock(nil) }), toKeyring}
	}
	return []*fyne.MenuItem{toKeyring}
}

// addShortcuts makes every menu shortcut work on the window's canvas too
// (the desktop driver finds them in the menu first; the test driver only
// here), and the keys that need no modifier while nothing else has the
// keyboard: Esc and Return for an open dialog; otherwise F1 for the
// set-up guide, Delete and Return on the selected connection.
func (u *mainWindow) addShortcuts(c fyne.Canvas) {
	acts := append(append(u.fileActions(), u.connectionActions()...), u.helpActions()...)
	acts = append(acts, keyAction{"Quit", ctrl(fyne.KeyQ), u.quit})
	for _, a := range acts {
		if a.keys != nil {
			run := a.run
			c.AddShortcut(a.keys, func(fyne.Shortcut) { run() })
		}
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if m := u.ctx.Dialogs.TopOn(u.win); m != nil {
			m.TypedKey(ev.Name) // Esc and Return for the dialog
			return
		}
		u.connListKey(ev.Name)
	})
}

// connListKey acts on a key typed in the connection list, or with nothing
// focused, or passed on by the search box or a toolbar button: F1, and
// Delete and Return on the selected connection.
func (u *mainWindow) connListKey(k fyne.KeyName) {
	switch k {
	case fyne.KeyF1:
		u.guideForSelection()
	case fyne.KeyDelete:
		if !u.tb.deleteButton.Disabled() {
			u.tb.deleteButton.OnTapped()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !u.tb.editButton.Disabled() {
			u.tb.editButton.OnTapped()
		}
	}
}

// clientListKey acts on a key typed in the OAuth client list or passed on
// by one of its buttons.
func (u *mainWindow) clientListKey(k fyne.KeyName) {
	switch k {
	case fyne.KeyF1:
		u.showGuide(auth.AuthOAuth)
	case fyne.KeyDelete:
		if !u.clients.deleteButton.Disabled() {
			u.clients.deleteButton.OnTapped()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !u.clients.editButton.Disabled() {
			u.clients.editButton.OnTapped()
		}
	}
}

// sdkListKey acts on a key typed in the SDK credential list or passed on
// by one of its buttons: F1 opens the guide at its SDK tab, Delete and
// Return delete and edit the selected credential.
func (u *mainWindow) sdkListKey(k fyne.KeyName) {
	switch k {
	case fyne.KeyF1:
		u.showGuide(auth.AuthS2S).tabs.SelectIndex(guideSDKTab)
	case fyne.KeyDelete:
		if !u.sdks.deleteButton.Disabled() {
			u.sdks.deleteButton.OnTapped()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !u.sdks.editButton.Disabled() {
			u.sdks.editButton.OnTapped()
		}
	}
}

// shortcutsText lists every shortcut of the main window and its forms, for
// Help › Keyboard shortcuts.
func (u *mainWindow) shortcutsText() string {
	var b strings.Builder
	line := func(keys, what string) { fmt.Fprintf(&b, "%-18s %s\n", keys, what) }
	for _, group := range [][]keyAction{u.fileActions(), u.connectionActions(), u.helpActions()} {
		for _, a := range group {
			if a.keys != nil {
				line(keysText(a.keys), strings.TrimSuffix(a.label, "…"))
			}
		}
	}
	line("F1", "Set-up guide, at the selected connection's type")
	line(defaultModifierName()+"+Q", "Quit")
	b.WriteString("\nIn the lists\n")
	line("Tab, Shift+Tab", "Move between buttons, the search box and the lists")
	line("Up, Down", "Move in a list")
	line("Space", "Select the row")
	line("Return", "Edit the selected row")
	line("Delete", "Delete the selected row (asks first)")
	line("Esc", "In the search box: clear it, then leave it")
	b.WriteString("\nIn forms and dialogs\n")
	line("Return", "Save (in a form) or confirm")
	line("Esc", "Cancel and close")
	line("Tab, Space", "Move to a button and press it")
	return strings.TrimRight(b.String(), "\n")
}

// defaultModifierName is what the keyboard calls the shortcut modifier:
// Cmd on macOS, Ctrl elsewhere.
func defaultModifierName() string {
	if fyne.KeyModifierShortcutDefault == fyne.KeyModifierSuper {
		return "Cmd"
	}
	return "Ctrl"
}

// keysText is how a shortcut is written: "Ctrl+Shift+N".
func keysText(s *desktop.CustomShortcut) string {
	var parts []string
	if s.Modifier&fyne.KeyModifierShortcutDefault != 0 {
		parts = append(parts, defaultModifierName())
	}
	if s.Modifier&fyne.KeyModifierShift != 0 {
		parts = append(parts, "Shift")
	}
	key := string(s.KeyName)
	if s.KeyName == fyne.KeySlash {
		key = "/"
	}
	return strings.Join(append(parts, key), "+")
}

// showAbout shows the app's name, version and where it keeps what (Help ›
// About).
func (u *mainWindow) showAbout() *kit.Modal {
	v := u.opts.Version
	if v == "" {
		v = "development build"
	}
	where := "in the system keyring"
	if u.sess.OnFile() {
		where = "in the encrypted file " + u.sess.SecretsPath()
	}
	return u.ctx.Dialogs.Info("About "+view.AppName, fmt.Sprintf("%s %s\n\nSet up, keep and check Zoom API credentials on this computer. Client secrets and tokens stay %s; the connections file %s holds no secret. The command line program is zoomconn.", view.AppName, v, where, u.sess.Store().Path()))
}
