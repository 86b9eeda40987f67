package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
)

// toolbar is the row of buttons above the lists: New, what can be done
// with the selected connection, and the set-up guide.
type toolbar struct {
	newButton       *widget.Button
	editButton      *widget.Button
	deleteButton    *widget.Button
	testButton      *widget.Button
	authorizeButton *widget.Button
	copyButton      *widget.Button
	revokeButton    *widget.Button
	apiButton       *widget.Button
	guideButton     *widget.Button
	box             *fyne.Container
}

// toolbarActions are the toolbar's buttons' actions; those on the selected
// connection get its name.
type toolbarActions struct {
	newConn, guide                                    func()
	edit, del, test, authorize, copyToken, disconnect func(name string)
	api                                               func(name string) // the API console
}

// newToolbar makes the buttons; selected is the connection they act on.
func newToolbar(a toolbarActions, selected func() (auth.Connection, bool)) *toolbar {
	onSelected := func(act func(string)) func() {
		return func() {
			if c, ok := selected(); ok {
				act(c.Name)
			}
		}
	}
	t := &toolbar{
		newButton:       widget.NewButtonWithIcon("New", theme.ContentAddIcon(), a.newConn),
		editButton:      widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), onSelected(a.edit)),
		deleteButton:    widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), onSelected(a.del)),
		testButton:      widget.NewButtonWithIcon("Test", theme.MediaPlayIcon(), onSelected(a.test)),
		authorizeButton: widget.NewButtonWithIcon("Authorize", theme.LoginIcon(), onSelected(a.authorize)),
		copyButton:      widget.NewButtonWithIcon("Copy access token", theme.ContentCopyIcon(), onSelected(a.copyToken)),
		revokeButton:    widget.NewButtonWithIcon("Disconnect", theme.LogoutIcon(), onSelected(a.disconnect)),
		apiButton:       widget.NewButtonWithIcon("API…", theme.ComputerIcon(), onSelected(a.api)),
	}
	t.newButton.Importance = widget.HighImportance
	t.guideButton = widget.NewButtonWithIcon("Set-up guide", theme.HelpIcon(), a.guide)
	t.box = container.NewHBox(t.newButton, t.editButton, t.deleteButton, widget.NewSeparator(),
		t.testButton, t.authorizeButton, t.copyButton, t.revokeButton, t.apiButton, layout.NewSpacer(), t.guideButton)
	return t
}

// update enables what fits the selected connection c (ok: one is
// selected).
func (t *toolbar) update(c auth.Connection, ok, readOnly bool) {
	kit.Enable(!readOnly, t.newButton)
	kit.Enable(ok && !readOnly, t.editButton, t.deleteButton, t.testButton, t.copyButton, t.revokeButton, t.apiButton)
	kit.Enable(ok && !readOnly && c.Type == auth.AuthOAuth, t.authorizeButton)
	if ok && c.Type == auth.AuthOAuth && !c.NeedsAuth {
		t.authorizeButton.SetText("Re-authorize")
	} else {
		t.authorizeButton.SetText("Authorize")
	}
	t.revokeButton.SetText(revokeLabel(c.Type))
}

// revokeLabel names what the toolbar's revoke button does to a connection
// of type t: a Server-to-Server connection has only a token to revoke; an
// OAuth 2.0 connection loses its authorization.
func revokeLabel(t auth.AuthType) string {
	if t == auth.AuthS2S {
		return "Revoke token"
	}
	return "Disconnect"
}
