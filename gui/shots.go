//go:build shots

// The screenshot driver's way in. internal/shots, built with -tags shots
// (scripts/screenshots.sh, make screenshots), builds main windows of its
// own and drives them as a user's clicks would, through Driver; it finds
// the widgets of what they open by their labels (gui/guitest). The
// shipped app is built without the tag: none of this is in it.

package gui

import (
	"io"

	"fyne.io/fyne/v2"

	"zoomconn/auth"
	"zoomconn/gui/kit"
)

// Driver is a main window as the screenshot driver drives it.
type Driver struct{ u *mainWindow }

// NewDriver builds a main window on opts, with the app's icon (not shown
// yet).
func NewDriver(a fyne.App, opts Options) *Driver {
	a.SetIcon(appIcon)
	return &Driver{u: newWindow(a, opts)}
}

// Window is the main window.
func (d *Driver) Window() fyne.Window { return d.u.window() }

// Status is the status line's text.
func (d *Driver) Status() string { return d.u.status.Text }

// TopModal is the dialog opened last that still shows, or nil.
func (d *Driver) TopModal() *kit.Modal { return d.u.topModal() }

// SelectConnection selects the named connection in the list.
func (d *Driver) SelectConnection(name string) bool { return d.u.selectConnection(name) }

// Search puts query in the search box, which filters both lists as
// typing it would.
func (d *Driver) Search(query string) { d.u.conns.search.SetText(query) }

// NewConnection opens the connection form (File › New connection) and
// returns its window.
func (d *Driver) NewConnection() fyne.Window { return d.u.newConnection() }

// EditConnection opens the form of the named connection.
func (d *Driver) EditConnection(name string) fyne.Window { return d.u.editConnection(name) }

// Authorize starts the named connection's authorization; the dialog that
// waits for Zoom has the authorize URL's Copy and Cancel.
func (d *Driver) Authorize(name string) *kit.Modal { return d.u.authorize(name).Modal }

// Test tests the named connection (Test in the toolbar).
func (d *Driver) Test(name string) { d.u.test(name) }

// Disconnect asks to revoke the named connection's token.
func (d *Driver) Disconnect(name string) *kit.Modal { return d.u.disconnect(name) }

// Delete asks to delete the named connection.
func (d *Driver) Delete(name string) *kit.Modal { return d.u.deleteConnection(name) }

// CheckKeyring asks the keyring again (the banner's Check again).
func (d *Driver) CheckKeyring() { d.u.checkKeyring() }

// ShowBannerDetails shows what the banner's one sentence leaves out (its
// Details… button); nil while no banner shows.
func (d *Driver) ShowBannerDetails() *kit.Modal {
	if !d.u.banner.box.Visible() {
		return nil
	}
	return d.u.banner.showDetails()
}

// UseFileStore opens the dialog that sets up the encrypted file, with its
// New passphrase and Repeat it entries.
func (d *Driver) UseFileStore() *kit.Modal {
	if fd := d.u.useFileStore(); fd != nil {
		return fd.Modal
	}
	return nil
}

// ShowGuide opens the set-up guide at the tab of authType.
func (d *Driver) ShowGuide(authType auth.AuthType) fyne.Window { return d.u.showGuide(authType).win }

// OpenConsole opens the API console on the named connection.
func (d *Driver) OpenConsole(name string) fyne.Window { return d.u.openConsole(name) }

// OpenEvents opens the Events window on the named connection.
func (d *Driver) OpenEvents(name string) fyne.Window { return d.u.openEvents(name) }

// OpenAgent opens the "Use with an AI agent" window of the named connection.
func (d *Driver) OpenAgent(name string) fyne.Window { return d.u.openAgent(name) }

// SetAgentCommand makes that window's entries start path, as an install
// would, instead of the driver's own program.
func (d *Driver) SetAgentCommand(path string) { d.u.agents.Command = path }

// OpenSignature opens the Signature window of an OAuth client or an SDK
// credential.
func (d *Driver) OpenSignature(name string) fyne.Window { return d.u.sdk.OpenSignature(name) }

// OpenSDKCredentials opens the SDK credentials window.
func (d *Driver) OpenSDKCredentials() fyne.Window { return d.u.sdk.OpenList() }

// SelectSDK selects the named SDK credential in the main window's SDK
// section.
func (d *Driver) SelectSDK(name string) bool { return d.u.selectSDK(name) }

// AgentCallsShown says whether the details show the selected connection's
// last AI agent calls.
func (d *Driver) AgentCallsShown() bool { return d.u.details.agentRow.Visible() }

// ExportTo writes an export file of the named items.
func (d *Driver) ExportTo(w io.Writer, names []string) error { return d.u.exportTo(w, names) }

// ImportData shows what an export file would add.
func (d *Driver) ImportData(raw []byte) *kit.Modal {
	if ir := d.u.importData(raw); ir != nil {
		return ir.Modal
	}
	return nil
}

// ExportDialog opens File › Export….
func (d *Driver) ExportDialog() { d.u.exportDialog() }

// ShowShortcuts opens Help › Keyboard shortcuts.
func (d *Driver) ShowShortcuts() *kit.Modal { return d.u.showShortcuts() }

// ShowAbout opens Help › About.
func (d *Driver) ShowAbout() *kit.Modal { return d.u.showAbout() }
