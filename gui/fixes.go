package gui

import (
	"errors"

	"fyne.io/fyne/v2/widget"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/gui/kit"
	"zoomconn/gui/view"
)

// fixes are the buttons an error dialog about a connection offers: the
// one that fixes what went wrong, if the app has it.
type fixes struct {
	edit, editClient, authorize func(name string)
}

// Labels of the fix buttons.
const (
	fixEdit       = "Edit connection"
	fixEditClient = "Edit OAuth client"
	fixAuthorize  = "Authorize again"
)

// show shows err about the connection name with Copy, its fix and Close;
// the hint in the text is chosen for the connection's type.
func (f *fixes) show(s *view.Session, d *kit.Dialogs, title, name string, err error) *kit.Modal {
	var acts []kit.Action
	var t auth.AuthType
	if c, ok := s.Data().Connection(name); ok {
		t = c.Type
		if fix := f.action(s, c, err); fix.Fn != nil {
			acts = append(acts, fix)
		}
	}
	return d.FailWith(d.Window(), title, view.ErrorTextFor(err, t), acts...)
}

// action is the button that fixes err on connection c: authorize it again
// when its authorization is gone or lacks a scope, edit its OAuth client
// when the client's credentials, redirect or fixed port are wrong, edit the
// connection when its own credentials or endpoints are, or its OAuth client
// is gone; none when the fix is at Zoom
// or nothing in the app would help.
func (f *fixes) action(s *view.Session, c *auth.Connection, err error) kit.Action {
	name := c.Name
	authorize := kit.Action{Label: fixAuthorize, Importance: widget.HighImportance, Fn: func() { f.authorize(name) }}
	var ze *access.ZoomError
	var needsAuth *access.NeedsAuthError
	var notSaved *access.RefreshTokenNotSavedError
	var secretNeeded *access.SecretNeededError
	var clientGone *access.ClientGoneError
	var portInUse *access.PortInUseError
	edit := kit.Action{Label: fixEdit, Importance: widget.HighImportance, Fn: func() { f.edit(name) }}
	if c.Type == auth.AuthOAuth {
		client := ""
		if cl, ok := s.Data().ClientByID(c.OAuthClientID); ok {
			client = cl.Name
		}
		editClient := kit.Action{Label: fixEditClient, Importance: widget.HighImportance, Fn: func() { f.editClient(client) }}
		switch {
		case errors.As(err, &needsAuth) || errors.As(err, &notSaved):
			return authorize
		case (errors.As(err, &secretNeeded) || errors.As(err, &portInUse)) && client != "":
			return editClient
		case errors.As(err, &clientGone):
			return edit
		case errors.As(err, &ze):
			switch ze.Kind {
			case access.KindInvalidGrant, access.KindMissingScopes, access.KindInvalidToken, access.KindDeclined:
				return authorize
			case access.KindInvalidClient, access.KindInvalidRedirect:
				if client != "" {
					return editClient
				}
			}
		}
		return kit.Action{}
	}
	if errors.As(err, &ze) {
		switch ze.Kind {
		case access.KindInvalidClient, access.KindInvalidAccount, access.KindUnsupportedGrant,
			access.KindDNS, access.KindConnect, access.KindBadResponse:
			return edit
		}
	}
	return kit.Action{}
}
