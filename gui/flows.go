package gui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
)

func (u *UI) testSelected() {
	if c, ok := u.selectedConnection(); ok {
		u.Test(c.Name)
	}
}

func (u *UI) authorizeSelected() {
	if c, ok := u.selectedConnection(); ok {
		u.Authorize(c.Name)
	}
}

func (u *UI) copySelected() {
	if c, ok := u.selectedConnection(); ok {
		u.CopyToken(c.Name)
	}
}

func (u *UI) revokeSelected() {
	if c, ok := u.selectedConnection(); ok {
		u.Disconnect(c.Name)
	}
}

func (u *UI) deleteSelected() {
	if c, ok := u.selectedConnection(); ok {
		u.Delete(c.Name)
	}
}

func (u *UI) deleteSelectedClient() {
	if c, ok := u.selectedClient(); ok {
		u.DeleteClient(c.Name)
	}
}

func (u *UI) now() time.Time {
	if u.svc != nil && u.svc.Now != nil {
		return u.svc.Now()
	}
	return time.Now()
}

func (u *UI) expiresText(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	d := t.Sub(u.now())
	if d <= 0 {
		return t.Local().Format("15:04") + " (expired)"
	}
	return t.Local().Format("15:04") + " (in " + roundDuration(d) + ")"
}

func scopesText(s []string) string {
	if len(s) == 0 {
		return "none reported"
	}
	return strings.Join(s, ", ")
}

// progress shows a dialog with a running bar and a Cancel button that
// cancels ctx.
func (u *UI) progress(title, text string, cancel context.CancelFunc) *Modal {
	bar := widget.NewProgressBarInfinite()
	return u.showModal(u.win, title, text, bar, action{label: "Cancel", fn: cancel})
}

// Test checks the named connection against Zoom in the background and
// shows who it acts as, or the mapped error. The list's status updates.
func (u *UI) Test(name string) {
	ctx, cancel := context.WithCancel(context.Background())
	prog := u.progress("Testing "+name, fmt.Sprintf("Getting a token for %q and calling the Zoom API…", name), cancel)
	u.setStatus(fmt.Sprintf("Testing %q…", name))
	svc := u.svc
	u.goJob(func() {
		defer cancel()
		rep, err := svc.Test(ctx, name)
		u.do(func() {
			prog.Hide()
			u.reload()
			switch {
			case errors.Is(err, context.Canceled):
				u.setStatus("Test cancelled.")
			case err != nil:
				u.setStatus(fmt.Sprintf("The test of %q failed.", name))
				u.showTestError(name, err)
			default:
				u.setStatus(fmt.Sprintf("%q works.", name))
				u.showInfo(u.win, "Test passed: "+name, u.testReportText(name, rep))
			}
		})
	})
}

func (u *UI) showTestError(name string, err error) {
	var na *auth.NeedsAuthError
	if errors.As(err, &na) {
		u.showModal(u.win, "Test failed: "+name, errorText(err), nil,
			action{label: "Close"},
			action{label: "Authorize now", importance: widget.HighImportance, fn: func() { u.Authorize(name) }})
		return
	}
	u.showError(u.win, "Test failed: "+name, err)
}

func (u *UI) testReportText(name string, rep *auth.TestReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "The connection %q works.\n\n", name)
	if who := rep.Identity.String(); who != "" {
		fmt.Fprintf(&b, "Acts as: %s\n", who)
	}
	if rep.Identity.AccountID != "" {
		fmt.Fprintf(&b, "Account: %s\n", rep.Identity.AccountID)
	}
	fmt.Fprintf(&b, "Scopes: %s\n", scopesText(rep.Scopes))
	fmt.Fprintf(&b, "Token expires: %s", u.expiresText(rep.Expiry))
	if rep.Call != "" {
		fmt.Fprintf(&b, "\nChecked with: %s", rep.Call)
	}
	if rep.Note != "" {
		fmt.Fprintf(&b, "\nNote: %s", rep.Note)
	}
	return b.String()
}

// WaitingDialog is shown while an authorization waits for the browser.
type WaitingDialog struct {
	*Modal
	URL     *widget.Label
	Copy    *widget.Button
	Cancel  *widget.Button
	Browser *widget.Label // says when no browser could be opened
	Hint    *widget.Label // the redirect URL to register if Zoom refuses it
}

// Authorize runs the OAuth 2.0 consent for the named connection: the
// system browser opens the authorize URL while a dialog shows the URL (to
// copy if no browser opens) and a Cancel button. The window stays usable.
func (u *UI) Authorize(name string) *WaitingDialog {
	ctx, cancel := context.WithCancel(context.Background())
	wd := &WaitingDialog{}
	wd.URL = valueLabel("(starting…)")
	wd.Copy = widget.NewButton("Copy", func() {
		if strings.HasPrefix(wd.URL.Text, "http") {
			u.app.Clipboard().SetContent(wd.URL.Text)
			u.setStatus("Authorize URL copied to the clipboard.")
		}
	})
	wd.Copy.Disable()
	wd.Browser = widget.NewLabel("")
	wd.Browser.Wrapping = fyne.TextWrapWord
	wd.Browser.Importance = widget.WarningImportance
	wd.Browser.Hide()
	port := 0
	if c, ok := u.data.Connection(name); ok {
		if cl, ok := u.data.ClientByID(c.OAuthClientID); ok {
			port = cl.Port
		}
	}
	redirect := auth.RedirectURLFor(port)
	wd.Hint = smallText(fmt.Sprintf("If Zoom shows \"Invalid redirect\" (4700): register %s in the app's Redirect URL and Allow List.", redirect))
	extra := container.NewVBox(
		container.NewBorder(nil, nil, nil, wd.Copy, wd.URL),
		wd.Browser,
		wd.Hint,
		widget.NewProgressBarInfinite())
	wd.Modal = u.showModal(u.win, "Waiting for Zoom", fmt.Sprintf(
		"Authorize %q in your browser: sign in to Zoom if asked, then click Allow. This window is waiting for Zoom's answer. If no browser opened, copy this address into one:", name),
		extra, action{label: "Cancel", fn: cancel})
	wd.Cancel = wd.Modal.Buttons[0]
	u.setStatus(fmt.Sprintf("Waiting for the authorization of %q in the browser…", name))

	svc := u.svc
	u.goJob(func() {
		defer cancel()
		res, err := svc.Login(ctx, name, auth.LoginOptions{
			Ready: func(authURL string) {
				u.do(func() {
					wd.URL.SetText(authURL)
					wd.Copy.Enable()
				})
			},
			BrowserError: func(err error) {
				u.do(func() {
					wd.Browser.SetText("No browser could be opened (" + err.Error() + "). Copy the address above into your browser.")
					wd.Browser.Show()
				})
			},
		})
		u.do(func() {
			wd.Hide()
			u.reload()
			switch {
			case errors.Is(err, context.Canceled):
				u.setStatus("Authorization cancelled; nothing was changed.")
			case err != nil:
				u.setStatus(fmt.Sprintf("The authorization of %q failed.", name))
				u.showError(u.win, "Authorization failed: "+name, err)
			default:
				u.setStatus(fmt.Sprintf("%q is authorized.", name))
				who := res.Identity.String()
				if who == "" {
					who = "(the granted scopes do not allow reading who you are)"
				}
				u.showInfo(u.win, "Authorized: "+name, fmt.Sprintf("The connection %q is authorized.\n\nAuthorized by: %s\nScopes granted: %s\nToken expires: %s",
					name, who, scopesText(res.Scopes), u.expiresText(res.Expiry)))
			}
		})
	})
	return wd
}

// CopyToken puts a valid access token for the connection on the clipboard
// without ever showing it.
func (u *UI) CopyToken(name string) {
	u.setStatus(fmt.Sprintf("Getting an access token for %q…", name))
	u.CopyButton.Disable()
	svc := u.svc
	u.goJob(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*auth.DefaultRequestTimeout)
		defer cancel()
		tok, err := svc.Token(ctx, name)
		u.do(func() {
			u.reload()
			if err != nil {
				u.setStatus(fmt.Sprintf("No access token for %q.", name))
				u.showTestError(name, err)
				return
			}
			u.app.Clipboard().SetContent(tok.AccessToken)
			u.copiedToken = tok.AccessToken
			d := u.clipboardClearAfter()
			u.setStatus(fmt.Sprintf("Access token of %q copied; it will be cleared from the clipboard in %s. It expires at %s.", name, secondsText(d), u.expiresText(tok.Expiry)))
			// Clipboard managers keep what was copied: take the token
			// back once it has had time to be pasted.
			copied := tok.AccessToken
			u.afterFunc(d, func() {
				u.do(func() {
					if u.clearClipboard(copied) {
						u.setStatus(fmt.Sprintf("The access token of %q was cleared from the clipboard.", name))
					}
				})
			})
		})
	})
}

func (u *UI) clipboardClearAfter() time.Duration {
	if d := u.opts.ClipboardClearAfter; d > 0 {
		return d
	}
	return DefaultClipboardClearAfter
}

func (u *UI) afterFunc(d time.Duration, f func()) {
	if u.opts.AfterFunc != nil {
		u.opts.AfterFunc(d, f)
		return
	}
	time.AfterFunc(d, f)
}

// clearClipboard empties the clipboard if it still holds token (something
// the user copied since is left alone) and reports whether it did.
func (u *UI) clearClipboard(token string) bool {
	if u.copiedToken == token {
		u.copiedToken = ""
	}
	cb := u.app.Clipboard()
	if token == "" || cb.Content() != token {
		return false
	}
	cb.SetContent("")
	return true
}

// clearCopiedToken takes a copied access token off the clipboard now (the
// app is quitting, so no timer would).
func (u *UI) clearCopiedToken() {
	u.clearClipboard(u.copiedToken)
}

// secondsText is a short duration for the status line: "60 s", "2 min".
func secondsText(d time.Duration) string {
	if d >= 2*time.Minute && d%time.Minute == 0 {
		return fmt.Sprintf("%d min", int(d.Minutes()))
	}
	return fmt.Sprintf("%d s", int(d.Round(time.Second).Seconds()))
}

// Disconnect asks, then revokes the connection's authorization at Zoom and
// removes its tokens; the connection is kept.
func (u *UI) Disconnect(name string) *Modal {
	c, ok := u.data.Connection(name)
	if !ok {
		return nil
	}
	text := fmt.Sprintf("Zoom will revoke the authorization of %q and its stored tokens are removed. The connection is kept; authorize it again to use it.", name)
	if c.Type == auth.AuthS2S {
		text = fmt.Sprintf("Zoom will revoke the cached access token of %q. The connection and its credentials are kept; the next use fetches a new token.", name)
	}
	return u.showModal(u.win, "Disconnect "+name+"?", text, nil,
		action{label: "Cancel"},
		action{label: "Disconnect", importance: widget.DangerImportance, fn: func() { u.runRevoke(name, false) }})
}

// runRevoke revokes at Zoom; with thenDelete it deletes the connection
// afterwards, but only if the revoke worked.
func (u *UI) runRevoke(name string, thenDelete bool) {
	u.setStatus(fmt.Sprintf("Revoking %q at Zoom…", name))
	svc, store := u.svc, u.store
	u.goJob(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*auth.DefaultRequestTimeout)
		defer cancel()
		msg, err := svc.Revoke(ctx, name)
		if err == nil && thenDelete {
			err = store.DeleteConnection(name)
			msg = fmt.Sprintf("Revoked %q at Zoom and deleted it.", name)
		}
		u.do(func() {
			u.reload()
			if err != nil {
				u.setStatus("")
				title := "Disconnect failed: " + name
				if thenDelete {
					title = "Not deleted: " + name
				}
				u.showError(u.win, title, err)
				return
			}
			u.setStatus(msg)
			u.showInfo(u.win, "Done", msg)
		})
	})
}

// Delete asks, then deletes the connection and its keyring items. An OAuth
// 2.0 connection is offered a revoke at Zoom first.
func (u *UI) Delete(name string) *Modal {
	c, ok := u.data.Connection(name)
	if !ok {
		return nil
	}
	del := func() {
		store := u.store
		u.goJob(func() {
			err := store.DeleteConnection(name)
			u.do(func() {
				u.reload()
				if err != nil {
					u.showError(u.win, "Not deleted: "+name, err)
					return
				}
				u.setStatus(fmt.Sprintf("Deleted %q.", name))
			})
		})
	}
	if c.Type == auth.AuthOAuth && !c.NeedsAuth {
		return u.showModal(u.win, "Delete "+name+"?", fmt.Sprintf("This removes %q and its stored tokens from this computer. Its authorization stays valid at Zoom unless you revoke it first, which is recommended.", name), nil,
			action{label: "Cancel"},
			action{label: "Delete only", fn: del},
			action{label: "Revoke at Zoom and delete", importance: widget.DangerImportance, fn: func() { u.runRevoke(name, true) }})
	}
	return u.showModal(u.win, "Delete "+name+"?", fmt.Sprintf("This removes %q and its secrets from this computer. The app in the Zoom App Marketplace is not changed.", name), nil,
		action{label: "Cancel"},
		action{label: "Delete", importance: widget.DangerImportance, fn: del})
}

// DeleteClient asks, then deletes an OAuth client no connection uses.
func (u *UI) DeleteClient(name string) *Modal {
	c, ok := u.data.Client(name)
	if !ok {
		return nil
	}
	if users := u.data.ConnectionsUsing(c.ID); len(users) > 0 {
		return u.showError(u.win, "Not deleted: "+name, &auth.InUseError{Client: c.Name, Connections: users})
	}
	return u.showModal(u.win, "Delete "+name+"?", fmt.Sprintf("This removes the OAuth client %q and its secret from this computer.", name), nil,
		action{label: "Cancel"},
		action{label: "Delete", importance: widget.DangerImportance, fn: func() {
			store := u.store
			u.goJob(func() {
				err := store.DeleteClient(name)
				u.do(func() {
					u.reload()
					if err != nil {
						u.showError(u.win, "Not deleted: "+name, err)
						return
					}
					u.setStatus(fmt.Sprintf("Deleted the OAuth client %q.", name))
				})
			})
		}})
}
