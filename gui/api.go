package gui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
)

// The window's actions, as a user starts them: the menu, the toolbar, the
// lists' keys and the error dialogs' fixes call them, and each does what a
// click does. The tests call them too, and so does the screenshot driver,
// through Driver (shots.go, built only with -tags shots).

// window is the main window.
func (u *mainWindow) window() fyne.Window { return u.win }

// topModal is the most recently opened dialog still showing, or nil.
func (u *mainWindow) topModal() *kit.Modal { return u.ctx.Dialogs.Top() }

// selectConnection selects the named connection in the list, clearing the
// search if it hides it. It reports whether the connection exists.
func (u *mainWindow) selectConnection(name string) bool { return u.conns.selectName(name) }

// selectClient selects the named OAuth client in its list.
func (u *mainWindow) selectClient(name string) bool { return u.clients.selectName(name) }

// selectSDK selects the named SDK credential in its section.
func (u *mainWindow) selectSDK(name string) bool { return u.sdks.selectName(name) }

// newConnection opens the form for a new connection and returns its
// window; nil while the window is read-only.
func (u *mainWindow) newConnection() fyne.Window { return u.forms.NewConnection() }

// editConnection opens the form for the named connection.
func (u *mainWindow) editConnection(name string) fyne.Window { return u.forms.EditConnection(name) }

// newClient opens the OAuth client form; onSaved (may be nil) receives the
// saved client.
func (u *mainWindow) newClient(onSaved func(auth.OAuthClient)) fyne.Window {
	return u.forms.NewClient(onSaved)
}

// editClient opens the form for the named OAuth client.
func (u *mainWindow) editClient(name string, onSaved func(auth.OAuthClient)) fyne.Window {
	return u.forms.EditClient(name, onSaved)
}

// test checks the named connection against Zoom in the background and
// shows who it acts as, or the mapped error. The list's status updates.
func (u *mainWindow) test(name string) { u.acts.test(name) }

// authorize runs the OAuth 2.0 consent for the named connection: the
// system browser opens the authorize URL while a dialog shows the URL (to
// copy if no browser opens) and a Cancel button. The window stays usable.
func (u *mainWindow) authorize(name string) *waitingDialog { return u.acts.authz.authorize(name) }

// copyToken puts a valid access token for the connection on the clipboard
// without ever showing it, and clears it from there later.
func (u *mainWindow) copyToken(name string) {
	u.tb.copyButton.Disable() // until the token is there
	u.acts.copyToken(name)
}

// disconnect asks, then revokes the connection's authorization at Zoom and
// removes its tokens; the connection is kept.
func (u *mainWindow) disconnect(name string) *kit.Modal { return u.acts.disconnect(name) }

// deleteConnection asks, then deletes the connection and its stored secrets. An
// OAuth 2.0 connection is offered a revoke at Zoom first.
func (u *mainWindow) deleteConnection(name string) *kit.Modal { return u.acts.del(name) }

// deleteClient asks, then deletes an OAuth client no connection uses.
func (u *mainWindow) deleteClient(name string) *kit.Modal { return u.acts.delClient(name) }

// openConsole opens the API console for the named connection (the one
// already open, brought forward, if any) and returns its window; nil
// while the window is read-only.
func (u *mainWindow) openConsole(name string) fyne.Window { return u.consoles.Open(name) }

// openConsoleSelected opens the console for the selected connection.
func (u *mainWindow) openConsoleSelected() {
	c, _ := u.conns.selected()
	u.openConsole(c.Name)
}

// openEvents opens the Events window on the named connection (the one
// already open, brought forward, if any) and returns its window; nil while
// the window is read-only.
func (u *mainWindow) openEvents(name string) fyne.Window { return u.events.Open(name) }

// openEventsSelected opens the Events window on the selected connection,
// or on none (it has its own choice of connection); while the window is
// read-only it says why nothing opens.
func (u *mainWindow) openEventsSelected() {
	c, _ := u.conns.selected()
	if u.openEvents(c.Name) == nil {
		u.setStatus("Events: nothing can be used while the connections are read-only (see the banner at the top).")
	}
}

// openAgent opens the "Use with an AI agent" window of the named connection
// (the one already open, switched to it) and returns it; nil while the
// window is read-only or for a name that is no connection.
func (u *mainWindow) openAgent(name string) fyne.Window { return u.agents.Open(name) }

// openAgentSelected opens it for the selected connection, or says what
// to do.
func (u *mainWindow) openAgentSelected() {
	c, ok := u.conns.selected()
	switch {
	case u.sess.ReadOnly():
		u.setStatus("Use with an AI agent: nothing can be used while the connections are read-only (see the banner at the top).")
	case !ok:
		u.setStatus("Use with an AI agent: select a connection first (Tab to the list, arrow keys, then Space).")
	default:
		u.openAgent(c.Name)
	}
}

// showGuide opens the set-up guide at the tab for authType.
func (u *mainWindow) showGuide(authType auth.AuthType) *guideWindow {
	return showGuide(u.app, u.openURL, authType)
}

// showUnlock asks for the passphrase of the encrypted file and opens it in
// the background; a wrong passphrase says so in the dialog, which stays
// open. Once unlocked the window is no longer read-only and then (if not
// nil) runs.
func (u *mainWindow) showUnlock(then func()) *passphraseDialog { return u.backends.unlocker.show(then) }

// useFileStore explains the encrypted file and, on confirmation, creates
// it with the new passphrase and moves every secret from the keyring into
// it.
func (u *mainWindow) useFileStore() *fileStoreDialog { return u.backends.useFile() }

// moveToKeyring asks, then moves every secret from the encrypted file into
// the system keyring. A locked file is unlocked first.
func (u *mainWindow) moveToKeyring() *kit.Modal { return u.backends.toKeyring() }

// checkKeyring asks the system keyring again whether it answers, as the
// banner's Check again does; the window turns read-only, with the banner,
// or back.
func (u *mainWindow) checkKeyring() { u.backends.checkKeyring() }

// importDialog picks a file and shows what it will add.
func (u *mainWindow) importDialog() { u.transfer.importDialog() }

// importData checks an export file and, if it is acceptable, shows what it
// will add with an entry for each secret. A refused file changes nothing.
func (u *mainWindow) importData(raw []byte) *importReview { return u.transfer.importData(raw) }

// exportDialog asks which connections and OAuth clients to export, then
// where to write the file.
func (u *mainWindow) exportDialog() { u.transfer.exportDialog() }

// exportTo writes the named items (all if none) as an export file.
func (u *mainWindow) exportTo(w io.Writer, names []string) error {
	return u.transfer.exportTo(w, names)
}

// showShortcuts lists every keyboard shortcut (Help › Keyboard shortcuts).
func (u *mainWindow) showShortcuts() *kit.Modal {
	keys := widget.NewLabelWithStyle(u.shortcutsText(), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	return u.ctx.Dialogs.Show("Keyboard shortcuts", "Every action of this window has a key. Menus and buttons show the same actions.", keys,
		kit.Action{Label: "OK", Importance: widget.HighImportance})
}
