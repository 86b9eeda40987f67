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
	New       *widget.Button
	Edit      *widget.Button
	Delete    *widget.Button
	Test      *widget.Button
	Authorize *widget.Button
	Copy      *widget.Button
	Revoke    *widget.Button
	API       *widget.Button
	Guide     *widget.Button
	box       *fyne.Container
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
		New:       widget.NewButtonWithIcon("New", theme.ContentAddIcon(), a.newConn),
		Edit:      widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), onSelected(a.edit)),
		Delete:    widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), onSelected(a.del)),
		Test:      widget.NewButtonWithIcon("Test", theme.MediaPlayIcon(), onSelected(a.test)),
		Authorize: widget.NewButtonWithIcon("Authorize", theme.LoginIcon(), onSelected(a.authorize)),
		Copy:      widget.NewButtonWithIcon("Copy access token", theme.ContentCopyIcon(), onSelected(a.copyToken)),
		Revoke:    widget.NewButtonWithIcon("Disconnect", theme.LogoutIcon(), onSelected(a.disconnect)),
		API:       widget.NewButtonWithIcon("API…", theme.ComputerIcon(), onSelected(a.api)),
	}
	t.New.Importance = widget.HighImportance
	t.Guide = widget.NewButtonWithIcon("Set-up guide", theme.HelpIcon(), a.guide)
	t.box = container.NewHBox(t.New, t.Edit, t.Delete, widget.NewSeparator(),
		t.Test, t.Authorize, t.Copy, t.Revoke, t.API, layout.NewSpacer(), t.Guide)
	return t
}

// update enables what fits the selected connection c (ok: one is
// selected).
func (t *toolbar) update(c auth.Connection, ok, readOnly bool) {
	kit.Enable(!readOnly, t.New)
	kit.Enable(ok && !readOnly, t.Edit, t.Delete, t.Test, t.Copy, t.Revoke, t.API)
	kit.Enable(ok && !readOnly && c.Type == auth.AuthOAuth, t.Authorize)
	if ok && c.Type == auth.AuthOAuth && !c.NeedsAuth {
		t.Authorize.SetText("Re-authorize")
	} else {
		t.Authorize.SetText("Authorize")
	}
	t.Revoke.SetText(revokeLabel(c.Type))
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
