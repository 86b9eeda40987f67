// Package sdk is the app's room for Zoom's SDKs: the SDK credentials
// window (the list of Video SDK and legacy Meeting SDK keys, their form
// and where Zoom shows each key) and the Signature window, which signs a
// Meeting SDK signature with an OAuth client or a Meeting SDK credential,
// or a Video SDK token with a Video SDK credential, through the same core
// as `zoomconn sdk` (auth/access). The SDK secret is typed masked, stored
// only on Save and never shown again; the JWT is shown, copied (cleared
// from the clipboard after a minute) and decoded, with a countdown to
// its expiry.
package sdk

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// Guide says where Zoom shows each key: the SDK credentials window shows
// it above the list.
const Guide = "Where Zoom shows each key:\n" +
	"• Meeting SDK apps made after 11 Feb 2023 sign with their Client ID and Client secret (Zoom App Marketplace › Manage › your app › App Credentials): keep the app as an OAuth client and choose Signature… on it.\n" +
	"• Older Meeting SDK apps show an SDK key and SDK secret on the same page: add them here as a Meeting SDK credential.\n" +
	"• Video SDK keys belong to a Video SDK account, not a Marketplace app: Video SDK account › Developer › SDK credentials. Add them here as a Video SDK credential.\n" +
	"The SDK secret only signs on this machine: it is kept in the keyring and never shown again."

// Windows opens the room's windows, one SDK credentials window at a time.
type Windows struct {
	ctx  *view.Context
	list *listWindow
	// ticks says whether Signature windows run their countdown's ticker
	// (tests tick by hand).
	ticks bool
}

// New makes the room's opener.
func New(ctx *view.Context) *Windows { return &Windows{ctx: ctx, ticks: true} }

// OpenList shows the SDK credentials window, as the connections file is
// now, and returns it.
func (ws *Windows) OpenList() fyne.Window {
	if ws.ctx.Reload != nil {
		ws.ctx.Reload() // another process may have added some
	}
	if ws.list != nil && !ws.list.closed {
		ws.list.win.RequestFocus()
		return ws.list.win
	}
	ws.list = openList(ws)
	return ws.list.win
}

// OpenSignature opens the Signature window of name, an OAuth client or an
// SDK credential, and returns it; an unknown name is said in a dialog
// (nil).
func (ws *Windows) OpenSignature(name string) fyne.Window {
	if s := ws.openSignature(name); s != nil {
		return s.win
	}
	return nil
}

func (ws *Windows) openSignature(name string) *signature {
	video, err := signerIsVideo(ws.ctx.Session.Data(), name)
	if err != nil {
		ws.ctx.Dialogs.Fail("No signature", err)
		return nil
	}
	return openSignature(ws.ctx, name, video, ws.ticks)
}

// OpenNew opens the form of a new SDK credential and returns its window.
func (ws *Windows) OpenNew() fyne.Window { return openForm(ws.ctx, nil).win }

// OpenEdit opens the form of the named SDK credential and returns its
// window; nil for a name that is no SDK credential.
func (ws *Windows) OpenEdit(name string) fyne.Window {
	c, ok := ws.ctx.Session.Data().SDKCredential(name)
	if !ok {
		return nil
	}
	cc := *c
	return openForm(ws.ctx, &cc).win
}

// Delete asks on parent whether to delete the named SDK credential and
// its secret, and deletes them on Delete; nil for a name that is no SDK
// credential.
func (ws *Windows) Delete(parent fyne.Window, name string) *kit.Modal {
	c, ok := ws.ctx.Session.Data().SDKCredential(name)
	if !ok {
		return nil
	}
	ctx := ws.ctx
	return ctx.Dialogs.ShowOn(parent, "Delete the SDK credential?",
		fmt.Sprintf("Delete %q and its stored SDK secret? JWTs it signed stay valid at Zoom until they expire.", c.Name), nil,
		kit.Action{Label: "Cancel"},
		kit.Action{Label: "Delete", Importance: widget.DangerImportance, Fn: func() {
			ctx.Jobs.Run(func() {
				err := ctx.Session.Store().DeleteSDK(c.Name)
				ctx.Jobs.Do(func() {
					if err != nil {
						ctx.Dialogs.FailOn(parent, "The SDK credential was not deleted", err)
						return
					}
					ctx.Status(fmt.Sprintf("Deleted the SDK credential %q and its SDK secret.", c.Name))
					ctx.Reload()
				})
			})
		}})
}

// Refresh shows the SDK credentials as the session has them now.
func (ws *Windows) Refresh() {
	if ws.list != nil && !ws.list.closed {
		ws.list.refresh()
	}
}

// listWindow lists the SDK credentials with New, Edit, Delete and
// Signature….
type listWindow struct {
	ws     *Windows
	win    fyne.Window
	list   *widget.List
	items  []auth.SDKCredential
	sel    int
	empty  *widget.Label
	edit   *widget.Button
	del    *widget.Button
	sign   *widget.Button
	closed bool
}

func openList(ws *Windows) *listWindow {
	l := &listWindow{ws: ws, sel: -1, win: ws.ctx.App.NewWindow("SDK credentials — " + view.AppName)}
	l.list = widget.NewList(func() int { return len(l.items) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := l.items[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s   ·   %s   ·   SDK key %s", c.Name, c.Type.Label(), c.SDKKey))
		})
	l.list.OnSelected = func(i widget.ListItemID) { l.sel = i; l.update() }
	l.list.OnUnselected = func(widget.ListItemID) { l.sel = -1; l.update() }
	newButton := widget.NewButtonWithIcon("New SDK credential…", theme.ContentAddIcon(), func() { openForm(ws.ctx, nil) })
	l.edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() {
		if c, ok := l.selected(); ok {
			openForm(ws.ctx, &c)
		}
	})
	l.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), l.confirmDelete)
	l.sign = widget.NewButtonWithIcon("Signature…", theme.ConfirmIcon(), func() {
		if c, ok := l.selected(); ok {
			ws.openSignature(c.Name)
		}
	})
	l.sign.Importance = widget.HighImportance
	guide := kit.SmallText(Guide)
	guide.Wrapping = fyne.TextWrapWord
	l.empty = widget.NewLabel("No SDK credentials yet. Add a Video SDK account's key, or a legacy Meeting SDK app's, with New SDK credential….")
	l.empty.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(guide, container.NewHBox(newButton, l.edit, l.del, l.sign), widget.NewSeparator(), l.empty)
	l.win.SetContent(container.NewPadded(container.NewBorder(top, nil, nil, nil, l.list)))
	l.win.SetOnClosed(func() { l.closed = true })
	l.win.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if m := ws.ctx.Dialogs.TopOn(l.win); m != nil {
			m.TypedKey(ev.Name)
			return
		}
		if ev.Name == fyne.KeyEscape {
			l.win.Close()
		}
	})
	l.refresh()
	l.win.Resize(fyne.NewSize(760, 520))
	l.win.CenterOnScreen()
	l.win.Show()
	return l
}

func (l *listWindow) refresh() {
	l.items = append([]auth.SDKCredential(nil), l.ws.ctx.Session.Data().SDKCredentials...)
	l.sel = -1
	l.list.UnselectAll()
	l.list.Refresh()
	kit.SetVisible(l.empty, len(l.items) == 0)
	l.update()
}

func (l *listWindow) update() {
	_, ok := l.selected()
	ro := l.ws.ctx.Session.ReadOnly()
	kit.Enable(ok && !ro, l.edit, l.del)
	kit.Enable(ok, l.sign)
}

func (l *listWindow) selected() (auth.SDKCredential, bool) {
	if l.sel < 0 || l.sel >= len(l.items) {
		return auth.SDKCredential{}, false
	}
	return l.items[l.sel], true
}

func (l *listWindow) confirmDelete() {
	if c, ok := l.selected(); ok {
		l.ws.Delete(l.win, c.Name)
	}
}
