package gui

import (
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
)

// The window's actions, as a user starts them. The menu, the toolbar and
// the forms call them, and so do the tests and the screenshot driver
// (internal/shots), which builds its own window with New: they are the
// package's only seams, and each does what a click does.

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// Status is the status line's text.
func (u *UI) Status() string { return u.status.Text }

// Search puts query in the search box, which filters both lists as typing
// it would.
func (u *UI) Search(query string) { u.conns.Search.SetText(query) }

// TopModal is the most recently opened dialog still showing, or nil.
func (u *UI) TopModal() *kit.Modal { return u.ctx.Dialogs.Top() }

// SelectConnection selects the named connection in the list, clearing the
// search if it hides it. It reports whether the connection exists.
func (u *UI) SelectConnection(name string) bool { return u.conns.selectName(name) }

// SelectClient selects the named OAuth client in its list.
func (u *UI) SelectClient(name string) bool { return u.clients.selectName(name) }

// newConnection opens the form for a new connection and returns its
// window; nil while the window is read-only.
func (u *UI) newConnection() fyne.Window { return u.forms.NewConnection() }

// editConnection opens the form for the named connection.
func (u *UI) editConnection(name string) fyne.Window { return u.forms.EditConnection(name) }

// newClient opens the OAuth client form; onSaved (may be nil) receives the
// saved client.
func (u *UI) newClient(onSaved func(auth.OAuthClient)) fyne.Window {
	return u.forms.NewClient(onSaved)
}

// editClient opens the form for the named OAuth client.
func (u *UI) editClient(name string, onSaved func(auth.OAuthClient)) fyne.Window {
	return u.forms.EditClient(name, onSaved)
}

// Test checks the named connection against Zoom in the background and
// shows who it acts as, or the mapped error. The list's status updates.
func (u *UI) Test(name string) { u.acts.test(name) }

// Authorize runs the OAuth 2.0 consent for the named connection: the
// system browser opens the authorize URL while a dialog shows the URL (to
// copy if no browser opens) and a Cancel button. The window stays usable.
func (u *UI) Authorize(name string) *WaitingDialog { return u.acts.authz.authorize(name) }

// CopyToken puts a valid access token for the connection on the clipboard
// without ever showing it, and clears it from there later.
func (u *UI) CopyToken(name string) {
	u.tb.Copy.Disable() // until the token is there
	u.acts.copyToken(name)
}

// Disconnect asks, then revokes the connection's authorization at Zoom and
// removes its tokens; the connection is kept.
func (u *UI) Disconnect(name string) *kit.Modal { return u.acts.disconnect(name) }

// Delete asks, then deletes the connection and its stored secrets. An
// OAuth 2.0 connection is offered a revoke at Zoom first.
func (u *UI) Delete(name string) *kit.Modal { return u.acts.del(name) }

// DeleteClient asks, then deletes an OAuth client no connection uses.
func (u *UI) DeleteClient(name string) *kit.Modal { return u.acts.delClient(name) }

// openConsole opens the API console for the named connection (the one
// already open, brought forward, if any) and returns its window; nil
// while the window is read-only.
func (u *UI) openConsole(name string) fyne.Window { return u.consoles.Open(name) }

// openConsoleSelected opens the console for the selected connection.
func (u *UI) openConsoleSelected() {
	c, _ := u.conns.selected()
	u.openConsole(c.Name)
}

// ShowGuide opens the set-up guide at the tab for authType.
func (u *UI) ShowGuide(authType auth.AuthType) *Guide { return showGuide(u.app, u.openURL, authType) }

// ShowUnlock asks for the passphrase of the encrypted file and opens it in
// the background; a wrong passphrase says so in the dialog, which stays
// open. Once unlocked the window is no longer read-only and then (if not
// nil) runs.
func (u *UI) ShowUnlock(then func()) *PassphraseDialog { return u.backends.unlocker.show(then) }

// UseFileStore explains the encrypted file and, on confirmation, creates
// it with the new passphrase and moves every secret from the keyring into
// it.
func (u *UI) UseFileStore() *FileStoreDialog { return u.backends.useFile() }

// MoveToKeyring asks, then moves every secret from the encrypted file into
// the system keyring. A locked file is unlocked first.
func (u *UI) MoveToKeyring() *kit.Modal { return u.backends.toKeyring() }

// CheckKeyring asks the system keyring again whether it answers, as the
// banner's Check again does; the window turns read-only, with the banner,
// or back.
func (u *UI) CheckKeyring() { u.backends.checkKeyring() }

// ImportDialog picks a file and shows what it will add.
func (u *UI) ImportDialog() { u.transfer.importDialog() }

// ImportData checks an export file and, if it is acceptable, shows what it
// will add with an entry for each secret. A refused file changes nothing.
func (u *UI) ImportData(raw []byte) *ImportReview { return u.transfer.importData(raw) }

// ExportDialog asks which connections and OAuth clients to export, then
// where to write the file.
func (u *UI) ExportDialog() { u.transfer.exportDialog() }

// ExportTo writes the named items (all if none) as an export file.
func (u *UI) ExportTo(w io.Writer, names []string) error { return u.transfer.exportTo(w, names) }

// ShowShortcuts lists every keyboard shortcut (Help › Keyboard shortcuts).
func (u *UI) ShowShortcuts() *kit.Modal {
	keys := widget.NewLabelWithStyle(u.shortcutsText(), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	return u.ctx.Dialogs.Show("Keyboard shortcuts", "Every action of this window has a key. Menus and buttons show the same actions.", keys,
		kit.Action{Label: "OK", Importance: widget.HighImportance})
}

// ShowAbout shows the app's name, version and where it keeps what (Help ›
// About).
func (u *UI) ShowAbout() *kit.Modal { return u.showAbout() }

// ShowBannerDetails shows what the banner's one sentence leaves out
// (its Details… button); nil while no banner shows.
func (u *UI) ShowBannerDetails() *kit.Modal {
	if !u.banner.box.Visible() {
		return nil
	}
	return u.banner.ShowDetails()
}
