package gui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth/access"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
	"zoomconn/internal/safetext"
)

// waitingDialog is shown while an authorization waits for the browser.
type waitingDialog struct {
	*kit.Modal
	urlLabel     *widget.Label
	copyButton   *widget.Button
	cancelButton *widget.Button
	browserLine  *widget.Label // says when no browser could be opened
	hint         *widget.Label // the redirect URL to register if Zoom refuses it
	// apiHost names where the connection's calls go when that is not its
	// OAuth client's own API host; nil otherwise.
	apiHost *widget.Label
}

// authorizer runs the OAuth 2.0 consent of a connection: the system
// browser opens the authorize URL while a waitingDialog shows the URL (to
// copy if no browser opens) and a Cancel button. The window stays usable.
type authorizer struct {
	*view.Context
	fix *fixes // the buttons an error dialog offers
}

func (a *authorizer) authorize(name string) *waitingDialog {
	ctx, cancel := context.WithCancel(context.Background())
	wd := a.waitingDialog(name, cancel)
	a.Status(fmt.Sprintf("Waiting for the authorization of %q in the browser…", name))

	svc := a.Session.Service()
	a.Jobs.Run(func() {
		defer cancel()
		res, err := svc.Login(ctx, name, access.LoginOptions{
			Ready: func(authURL string) {
				a.Jobs.Do(func() {
					wd.urlLabel.SetText(authURL)
					wd.copyButton.Enable()
				})
			},
			BrowserError: func(err error) {
				a.Jobs.Do(func() {
					wd.browserLine.SetText("No browser could be opened (" + err.Error() + "). Copy the address above into your browser.")
					wd.browserLine.Show()
				})
			},
		})
		a.Jobs.Do(func() {
			wd.Hide()
			a.Reload()
			switch {
			case errors.Is(err, context.Canceled):
				a.Status("Authorization cancelled; nothing was changed.")
			case err != nil:
				a.Status(fmt.Sprintf("The authorization of %q failed.", name))
				a.fix.show(a.Session, a.Dialogs, "Authorization failed: "+name, name, err)
			default:
				a.Status(fmt.Sprintf("%q is authorized.", name))
				who := res.Identity.String()
				if who == "" {
					who = "(the granted scopes do not allow reading who you are)"
				}
				a.Dialogs.Result("Authorized: "+name, fmt.Sprintf("The connection %q is authorized and works.\n\nAuthorized by: %s\nScopes granted: %s\nToken expires: %s",
					name, who, scopesText(res.Scopes), expiresText(res.Expiry, a.Session.Now())))
			}
		})
	})
	return wd
}

// waitingDialog shows the dialog for name; its Cancel runs cancel.
func (a *authorizer) waitingDialog(name string, cancel context.CancelFunc) *waitingDialog {
	wd := &waitingDialog{}
	wd.urlLabel = kit.ValueLabel("(starting…)")
	wd.copyButton = widget.NewButton("Copy", func() {
		if strings.HasPrefix(wd.urlLabel.Text, "http") {
			a.App.Clipboard().SetContent(wd.urlLabel.Text)
			a.Status("Authorize URL copied to the clipboard.")
		}
	})
	wd.copyButton.Disable()
	wd.browserLine = widget.NewLabel("")
	wd.browserLine.Wrapping = fyne.TextWrapWord
	wd.browserLine.Importance = widget.WarningImportance
	wd.browserLine.Hide()
	port := 0
	if c, ok := a.Session.Data().Connection(name); ok {
		if cl, ok := a.Session.Data().ClientByID(c.OAuthClientID); ok {
			port = cl.Port
		}
		if h := a.Session.Data().APIHostOf(c); h.Differs() {
			wd.apiHost = widget.NewLabel(fmt.Sprintf("Calls with this connection go to %s, not to its OAuth client's API host %s: the token you authorize now is sent there.",
				safetext.Clean(h.Host, safetext.MaxURL), safetext.Clean(h.ClientHost, safetext.MaxURL)))
			wd.apiHost.Wrapping = fyne.TextWrapWord
			wd.apiHost.Importance = widget.WarningImportance
		}
	}
	redirect := access.RedirectURLFor(port)
	wd.hint = kit.SmallText(fmt.Sprintf("If Zoom shows \"Invalid redirect\" (4700): register %s in the app's Redirect URL and Allow List.", redirect))
	var rows []fyne.CanvasObject
	if wd.apiHost != nil {
		rows = append(rows, wd.apiHost) // before the browser asks for consent
	}
	extra := container.NewVBox(append(rows,
		container.NewBorder(nil, nil, nil, wd.copyButton, wd.urlLabel),
		wd.browserLine,
		wd.hint,
		widget.NewProgressBarInfinite())...)
	wd.Modal = a.Dialogs.Show("Waiting for Zoom", fmt.Sprintf(
		"Authorize %q in your browser: sign in to Zoom if asked, then click Allow. This window is waiting for Zoom's answer. If no browser opened, copy this address into one:", name),
		extra, kit.Action{Label: "Cancel", Fn: cancel})
	wd.cancelButton = wd.Modal.Buttons[0]
	return wd
}
