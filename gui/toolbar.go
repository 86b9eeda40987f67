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
// with the selected connection, and the set-up guide. A button with the
// focus hands the window's keys (F1, Delete) to the connection list's.
type toolbar struct {
	newButton       *kit.Button
	editButton      *kit.Button
	deleteButton    *kit.Button
	testButton      *kit.Button
	authorizeButton *kit.Button
	copyButton      *kit.Button
	revokeButton    *kit.Button
	apiButton       *kit.Button
	guideButton     *kit.Button
	box             *fyne.Container
}

// toolbarActions are the toolbar's buttons' actions; those on the selected
// connection get its name.
type toolbarActions struct {
	newConn, guide                                    func()
	edit, del, test, authorize, copyToken, disconnect func(name string)
	api                                               func(name string) // the API console
}

// newToolbar makes the buttons; selected is the connection they act on,
// and key acts on the keys a focused button has no use for.
func newToolbar(a toolbarActions, selected func() (auth.Connection, bool), key func(fyne.KeyName)) *toolbar {
	onSelected := func(act func(string)) func() {
		return func() {
			if c, ok := selected(); ok {
				act(c.Name)
			}
		}
	}
	t := &toolbar{
		newButton:       kit.NewButton("New", theme.ContentAddIcon(), a.newConn),
		editButton:      kit.NewButton("Edit", theme.DocumentCreateIcon(), onSelected(a.edit)),
		deleteButton:    kit.NewButton("Delete", theme.DeleteIcon(), onSelected(a.del)),
		testButton:      kit.NewButton("Test", theme.MediaPlayIcon(), onSelected(a.test)),
		authorizeButton: kit.NewButton("Authorize", theme.LoginIcon(), onSelected(a.authorize)),
		copyButton:      kit.NewButton("Copy access token", theme.ContentCopyIcon(), onSelected(a.copyToken)),
		revokeButton:    kit.NewButton("Disconnect", theme.LogoutIcon(), onSelected(a.disconnect)),
		apiButton:       kit.NewButton("API…", theme.ComputerIcon(), onSelected(a.api)),
	}
	t.newButton.Importance = widget.HighImportance
	t.guideButton = kit.NewButton("Set-up guide", theme.HelpIcon(), a.guide)
	for _, b := range t.buttons() {
		b.OnKey = key
	}
	t.box = container.NewHBox(t.newButton, t.editButton, t.deleteButton, widget.NewSeparator(),
		t.testButton, t.authorizeButton, t.copyButton, t.revokeButton, t.apiButton, layout.NewSpacer(), t.guideButton)
	return t
}

func (t *toolbar) buttons() []*kit.Button {
	return []*kit.Button{t.newButton, t.editButton, t.deleteButton, t.testButton, t.authorizeButton, t.copyButton, t.revokeButton, t.apiButton, t.guideButton}
}

// update enables what fits the selected connection c (ok: one is
// selected).
func (t *toolbar) update(c auth.Connection, ok, readOnly bool) {
	kit.Enable(!readOnly, &t.newButton.Button)
	kit.Enable(ok && !readOnly, &t.editButton.Button, &t.deleteButton.Button, &t.testButton.Button, &t.copyButton.Button, &t.revokeButton.Button, &t.apiButton.Button)
	kit.Enable(ok && !readOnly && c.Type == auth.AuthOAuth, &t.authorizeButton.Button)
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
