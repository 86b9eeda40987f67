package gui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// connActions are what the toolbar does with a connection (test, copy its
// access token, disconnect, delete) and the deletion of an OAuth client.
// Each asks first where it must, runs as a job, and reports in a dialog
// and the status line.
type connActions struct {
	*view.Context
	clip  *tokenClipboard
	authz *authorizer // offered when a test needs authorization
	fix   *fixes      // the buttons an error dialog offers
}

// progress shows a dialog with a running bar and a Cancel button that
// cancels ctx.
func (a *connActions) progress(title, text string, cancel context.CancelFunc) *kit.Modal {
	return a.Dialogs.Show(title, text, widget.NewProgressBarInfinite(), kit.Action{Label: "Cancel", Fn: cancel})
}

// test checks the named connection against Zoom in the background and
// shows who it acts as, or the mapped error. The list's status updates.
func (a *connActions) test(name string) {
	ctx, cancel := context.WithCancel(context.Background())
	prog := a.progress("Testing "+name, fmt.Sprintf("Getting a token for %q and calling the Zoom API…", name), cancel)
	a.Status(fmt.Sprintf("Testing %q…", name))
	svc := a.Session.Service()
	a.Jobs.Run(func() {
		defer cancel()
		rep, err := svc.Test(ctx, name)
		a.Jobs.Do(func() {
			prog.Hide()
			a.Reload()
			switch {
			case errors.Is(err, context.Canceled):
				a.Status("Test cancelled.")
			case err != nil:
				a.Status(fmt.Sprintf("The test of %q failed.", name))
				a.showTestError(name, err)
			default:
				a.Status(fmt.Sprintf("%q works.", name))
				a.Dialogs.Result("Test passed: "+name, a.testReportText(name, rep))
			}
		})
	})
}

func (a *connActions) showTestError(name string, err error) *kit.Modal {
	return a.fix.show(a.Session, a.Dialogs, "Test failed: "+name, name, err)
}

func (a *connActions) testReportText(name string, rep *access.TestReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "The connection %q works.\n\n", name)
	if who := rep.Identity.String(); who != "" {
		fmt.Fprintf(&b, "Acts as: %s\n", who)
	}
	if rep.Identity.AccountID != "" {
		fmt.Fprintf(&b, "Account: %s\n", rep.Identity.AccountID)
	}
	fmt.Fprintf(&b, "Scopes: %s\n", scopesText(rep.Scopes))
	fmt.Fprintf(&b, "Token expires: %s", expiresText(rep.Expiry, a.Session.Now()))
	if rep.Call != "" {
		fmt.Fprintf(&b, "\nChecked with: %s", rep.Call)
	}
	if rep.Note != "" {
		fmt.Fprintf(&b, "\nNote: %s", rep.Note)
	}
	return b.String()
}

// copyToken puts a valid access token for the connection on the clipboard
// without ever showing it, and takes it back later (tokenClipboard).
func (a *connActions) copyToken(name string) {
	a.Status(fmt.Sprintf("Getting an access token for %q…", name))
	svc := a.Session.Service()
	a.Jobs.Run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*access.DefaultRequestTimeout)
		defer cancel()
		tok, err := svc.Token(ctx, name)
		a.Jobs.Do(func() {
			a.Reload()
			if err != nil {
				a.Status(fmt.Sprintf("No access token for %q.", name))
				a.showTestError(name, err)
				return
			}
			d := a.clip.put(tok.AccessToken, func() {
				a.Jobs.Do(func() {
					if a.clip.clear(tok.AccessToken) {
						a.Status(fmt.Sprintf("The access token of %q was cleared from the clipboard.", name))
					}
				})
			})
			a.Status(fmt.Sprintf("Access token of %q copied; it will be cleared from the clipboard in %s. It expires at %s.", name, secondsText(d), expiresText(tok.Expiry, a.Session.Now())))
		})
	})
}

// disconnect asks, then revokes the connection's authorization at Zoom and
// removes its tokens; the connection is kept.
func (a *connActions) disconnect(name string) *kit.Modal {
	c, ok := a.Session.Data().Connection(name)
	if !ok {
		return nil
	}
	text := fmt.Sprintf("Zoom will revoke the authorization of %q and its stored tokens are removed. The connection is kept; authorize it again to use it.", name)
	if c.Type == auth.AuthS2S {
		text = fmt.Sprintf("Zoom will revoke the access token this app holds for %q, and it is forgotten here: use this if the token may have leaked. The connection, its Account ID, Client ID and Client secret are kept, and the next use fetches a new token.", name)
	}
	label := revokeLabel(c.Type)
	return a.Dialogs.Show(label+": "+name+"?", text, nil,
		kit.Action{Label: "Cancel"},
		kit.Action{Label: label, Importance: widget.DangerImportance, Fn: func() { a.revoke(name, false) }})
}

// revoke revokes at Zoom; with thenDelete it deletes the connection
// afterwards, but only if the revoke worked.
func (a *connActions) revoke(name string, thenDelete bool) {
	a.Status(fmt.Sprintf("Revoking %q at Zoom…", name))
	svc, store := a.Session.Service(), a.Session.Store()
	a.Jobs.Run(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*access.DefaultRequestTimeout)
		defer cancel()
		msg, err := svc.Revoke(ctx, name)
		if err == nil && thenDelete {
			err = store.DeleteConnection(name)
			msg = fmt.Sprintf("Revoked %q at Zoom and deleted it.", name)
		}
		a.Jobs.Do(func() {
			a.Reload()
			if err != nil {
				a.Status("")
				title := "Not revoked: " + name
				if thenDelete {
					title = "Not deleted: " + name
				}
				a.fix.show(a.Session, a.Dialogs, title, name, err)
				return
			}
			a.Status(msg)
			a.Dialogs.Info("Done", msg)
		})
	})
}

// remove deletes in a job, then says done, in the status line, or why not.
func (a *connActions) remove(name string, del func(*store.Store, string) error, done string) {
	store := a.Session.Store()
	a.Jobs.Run(func() {
		err := del(store, name)
		a.Jobs.Do(func() {
			a.Reload()
			if err != nil {
				a.Dialogs.Fail("Not deleted: "+name, err)
				return
			}
			a.Status(done)
		})
	})
}

// del asks, then deletes the connection and its keyring items. An OAuth
// 2.0 connection is offered a revoke at Zoom first.
func (a *connActions) del(name string) *kit.Modal {
	c, ok := a.Session.Data().Connection(name)
	if !ok {
		return nil
	}
	del := func() { a.remove(name, (*store.Store).DeleteConnection, fmt.Sprintf("Deleted %q.", name)) }
	if c.Type == auth.AuthOAuth && !c.NeedsAuth {
		return a.Dialogs.Show("Delete "+name+"?", fmt.Sprintf("This removes %q and its stored tokens from this computer. Its authorization stays valid at Zoom unless you revoke it first, which is recommended.", name), nil,
			kit.Action{Label: "Cancel"},
			kit.Action{Label: "Delete only", Fn: del},
			kit.Action{Label: "Revoke at Zoom and delete", Importance: widget.DangerImportance, Fn: func() { a.revoke(name, true) }})
	}
	return a.Dialogs.Show("Delete "+name+"?", fmt.Sprintf("This removes %q and its secrets from this computer. The app in the Zoom App Marketplace is not changed.", name), nil,
		kit.Action{Label: "Cancel"},
		kit.Action{Label: "Delete", Importance: widget.DangerImportance, Fn: del})
}

// delClient asks, then deletes an OAuth client no connection uses.
func (a *connActions) delClient(name string) *kit.Modal {
	c, ok := a.Session.Data().Client(name)
	if !ok {
		return nil
	}
	if users := a.Session.Data().ConnectionsUsing(c.ID); len(users) > 0 {
		return a.Dialogs.Fail("Not deleted: "+name, &store.InUseError{Client: c.Name, Connections: users})
	}
	return a.Dialogs.Show("Delete "+name+"?", fmt.Sprintf("This removes the OAuth client %q and its secret from this computer.", name), nil,
		kit.Action{Label: "Cancel"},
		kit.Action{Label: "Delete", Importance: widget.DangerImportance, Fn: func() {
			a.remove(name, (*store.Store).DeleteClient, fmt.Sprintf("Deleted the OAuth client %q.", name))
		}})
}

// expiresText is when a token expires, seen from now.
func expiresText(t, now time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	d := t.Sub(now)
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
