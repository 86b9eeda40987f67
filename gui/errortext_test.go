package gui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/auth/zoom"
)

// The app's one phrasing of the core's errors (errorText): the core's
// facts, then what to do in the app's terms, its buttons and fields; never
// a command line.
func TestErrorTextAddsTheAppsStepToTheCoreFacts(t *testing.T) {
	explain := func(status int, body string) *access.ZoomError {
		return zoom.ExplainResponse(status, nil, []byte(body), nil)
	}
	missing := explain(400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:admin]."}`)
	for _, tt := range []struct {
		name string
		err  error
		t    auth.AuthType
		fact string // part of the core's sentence, shown as it is
		step string // the app's words after it; "" for none
	}{
		{"needs authorization", &access.NeedsAuthError{Connection: "Me"}, auth.AuthOAuth,
			`The connection "Me" needs authorization.`, "Select it and click Authorize."},
		{"refresh token not saved", &access.RefreshTokenNotSavedError{Connection: "Me", Tries: 3, Err: errors.New("the keyring went away")}, auth.AuthOAuth,
			"could not be saved after 3 tries", "Then select it and click Authorize."},
		{"secret needed", &access.SecretNeededError{Client: "Gen"}, auth.AuthOAuth,
			"needs its client secret typed again", "Select the OAuth client in the OAuth clients list, click Edit and type its client secret."},
		{"not OAuth", &access.NotOAuthError{Connection: "S2S"}, auth.AuthS2S,
			"it needs no browser authorization", "Use Test instead."},
		{"client gone", &access.ClientGoneError{Connection: "Me"}, auth.AuthOAuth,
			"refers to an OAuth client that no longer exists", "Select it, click Edit and pick another OAuth client."},
		{"port in use", &access.PortInUseError{Client: "Gen", Port: 8123, Err: errors.New("address already in use")}, auth.AuthOAuth,
			"The fixed port 8123", "click Edit and clear Fixed port."},
		{"changed meanwhile", &access.ChangedError{Connection: "Me", What: "removed"}, auth.AuthOAuth,
			"was removed by another process meanwhile", "Try again if it is still needed."},
		{"invalid redirect", explain(400, `{"code":4700,"message":"Invalid redirect: http://127.0.0.1:1/oauth/callback"}`), auth.AuthOAuth,
			"127.0.0.1, not localhost", `click Edit OAuth client and tick "Public client (PKCE, no secret)".`},
		{"invalid client, Server-to-Server", explain(401, `{"error":"invalid_client","reason":"Invalid client_id or client_secret"}`), auth.AuthS2S,
			"Zoom rejected the Client ID or Client secret", "then click Edit connection and paste them."},
		{"invalid client, OAuth", explain(401, `{"error":"invalid_client","reason":"Invalid client_id or client_secret"}`), auth.AuthOAuth,
			"Zoom rejected the Client ID or Client secret", "Then click Edit OAuth client and paste them."},
		{"missing scopes, OAuth", missing, auth.AuthOAuth,
			"does not carry the scopes", "then click Authorize again"},
		// Facts with nothing to add: the core's sentence says it all.
		{"lock wait", &store.LockTimeoutError{Connection: "Reports", Waited: 40 * time.Millisecond, Path: "/run/r.lock"}, "",
			`Another process has been refreshing "Reports" for more than 40ms, so the wait stopped and nothing was changed.`, ""},
		{"config dir of another user", &store.DirError{Dir: "/srv/cfg", Problem: store.DirOwnedByOther}, "",
			"The configuration directory /srv/cfg is owned by another user, so it is not used", ""},
	} {
		got := errorTextFor(tt.err, tt.t)
		if !strings.Contains(got, tt.fact) || !strings.Contains(got, tt.step) {
			t.Errorf("%s: %q; want the fact %q and %q", tt.name, got, tt.fact, tt.step)
		}
		for _, cli := range []string{"zoomconn", "`", " --"} {
			if strings.Contains(got, cli) {
				t.Errorf("%s: %q speaks of the command line (%q)", tt.name, got, cli)
			}
		}
	}
}

// The button an error dialog offers is the one that fixes what the core
// found, whatever its sentence says.
func TestErrorDialogOffersTheFixForEachKind(t *testing.T) {
	e := newEnv(t, func(e *env) {
		e.saveOAuth("Me")
		e.saveS2S("S", s2sSecret)
	})
	explain := func(status int, body string) error { return zoom.ExplainResponse(status, nil, []byte(body), nil) }
	invalidClient := explain(401, `{"error":"invalid_client","reason":"Invalid client_id or client_secret"}`)
	for _, tt := range []struct {
		conn string
		err  error
		want string // the button; "" for none
	}{
		{"Me", &access.NeedsAuthError{Connection: "Me"}, fixAuthorize},
		{"Me", &access.SecretNeededError{Client: "Team app"}, fixEditClient},
		{"Me", &access.ClientGoneError{Connection: "Me"}, fixEdit},
		{"Me", &access.PortInUseError{Client: "Team app", Port: 8123, Err: errors.New("in use")}, fixEditClient},
		{"Me", explain(400, `{"code":4700,"message":"Invalid redirect"}`), fixEditClient},
		{"Me", invalidClient, fixEditClient},
		{"Me", &access.ChangedError{Connection: "Me", What: "removed"}, ""},
		{"S", invalidClient, fixEdit},
		{"S", &access.ChangedError{Connection: "S", What: "changed"}, ""},
	} {
		c, ok := e.u.sess.data.Connection(tt.conn)
		if !ok {
			t.Fatalf("no connection %q", tt.conn)
		}
		if got := e.u.acts.fix.action(e.u.sess, c, tt.err).label; got != tt.want {
			t.Errorf("%s, %T: button %q; want %q", tt.conn, tt.err, got, tt.want)
		}
	}
}
