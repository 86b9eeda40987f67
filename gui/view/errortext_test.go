package view

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/secret"
	"zoomconn/auth/store"
	"zoomconn/auth/zoom"
)

// The app's one phrasing of the core's errors (ErrorText): the core's
// facts, then what to do in the app's terms, its buttons and fields; never
// a command line.
func TestErrorTextAddsTheAppsStepToTheCoreFacts(t *testing.T) {
	explain := func(status int, body string) *access.ZoomError {
		return zoom.ExplainResponse(status, nil, []byte(body), nil)
	}
	missing := explain(400, `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:admin]."}`)
	redirect := func(endpoint string) *access.ZoomError {
		return &access.ZoomError{Kind: access.KindRedirect, Message: "(the core's sentence)", Hint: "(the core's hint)",
			Endpoint: endpoint, Host: "zoom.example:8443", Target: "evil.example"}
	}
	_, foreign := zoom.ResolveURL("https://api.zoom.us/v2", "https://evil.example/v2/users/me", nil)
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
		// Facts the core leaves to each front-end to word: the app's own
		// sentence, naming it as its window does.
		{"token endpoint redirect", redirect(access.EndpointToken), auth.AuthS2S,
			"The token endpoint zoom.example:8443 answered with a redirect to evil.example; Zoom Connections does not follow redirects for requests that carry secrets.", "(the core's hint)"},
		{"API redirect", redirect(access.EndpointAPI), auth.AuthS2S,
			"The Zoom API at zoom.example:8443 answered with a redirect to evil.example; Zoom Connections sends the access token only to the connection's own API address.", "(the core's hint)"},
		{"foreign host", foreign, auth.AuthS2S,
			"evil.example is not this connection's API server (api.zoom.us); Zoom Connections sends the access token nowhere else.", "Give a path relative to the API base, such as /users/me."},
		{"lock wait", &store.LockTimeoutError{Connection: "Reports", Waited: 40 * time.Millisecond, Path: "/run/r.lock"}, "",
			`Another Zoom Connections process has been refreshing "Reports" for more than 40ms, so Zoom Connections stopped waiting and changed nothing. Try again; if it keeps happening, end the other Zoom Connections process (it holds /run/r.lock).`, ""},
		{"config dir of another user", &store.DirError{Dir: "/srv/cfg", Problem: store.DirOwnedByOther}, "",
			"The configuration directory /srv/cfg is owned by another user, so Zoom Connections will not use it: that user could read or replace its files. Set ZOOMCONN_CONFIG_DIR to a directory of your own, or take this one over (chown).", ""},
		{"config dir not private", &store.DirError{Dir: "/srv/cfg", Problem: store.DirNotPrivate, Err: errors.New("operation not permitted")}, "",
			"could not be made private (mode 0700: operation not permitted), so Zoom Connections will not use it. Give it mode 0700 (chmod 700 /srv/cfg), or set ZOOMCONN_CONFIG_DIR to a directory of your own.", ""},
		{"no keyring", &secret.Error{Op: "read", Key: "connection/1/refresh-token", Kind: secret.ErrUnavailable, Err: errors.New("no D-Bus")}, "",
			"No system keyring answered, so Zoom Connections could not read a connection's refresh token (no D-Bus).", store.KeyringHelp()},
		{"keyring locked", &secret.Error{Op: "save", Key: "oauth-client/2/client-secret", Kind: secret.ErrUnavailable, Err: errors.New("unlock needed")}, "",
			"The system keyring is locked, so Zoom Connections could not save an OAuth client's client secret (unlock needed). Unlock it", ""},
		// Wrapped in another error's words, the core's sentence stays.
		{"lock wait in other words", fmt.Errorf("The connection %q was not deleted: %w", "Reports", &store.LockTimeoutError{Connection: "Reports", Waited: time.Second, Path: "/run/r.lock"}), "",
			`The connection "Reports" was not deleted: Another process has been refreshing "Reports" for more than 1s, so the wait stopped`, ""},
	} {
		got := ErrorTextFor(tt.err, tt.t)
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

// The core says what is wrong; the app says which button fixes it.
func TestErrorsSayWhatToClick(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&access.NeedsAuthError{Connection: "Me"}, "click Authorize"},
		{&access.SecretNeededError{Client: "Gen"}, "click Edit and type its client secret"},
		{&access.NotOAuthError{Connection: "S2S"}, "Use Test instead."},
	} {
		if got := ErrorText(tt.err); !strings.Contains(got, tt.err.Error()) || !strings.Contains(got, tt.want) {
			t.Errorf("ErrorText(%T) = %q; want the fact and %q", tt.err, got, tt.want)
		}
	}
}

// Issue 19: Zoom's refusal of a Server-to-Server connection's credentials
// belongs beside the field that needs fixing: the secret for
// invalid_client, the Account ID for an account Zoom refuses. An OAuth 2.0
// connection's are its client's, not the connection form's.
func TestFieldProblemNamesTheFieldToFix(t *testing.T) {
	refusal := func(status int, body string, typ auth.AuthType) error {
		return fmt.Errorf("testing: %w", &access.CredentialsError{Connection: "Reports", ConnType: typ, Err: zoom.ExplainResponse(status, nil, []byte(body), nil)})
	}
	for _, tt := range []struct {
		name       string
		err        error
		field, say string
	}{
		{"invalid client", refusal(401, `{"error":"invalid_client","reason":"Invalid client_id or client_secret"}`, auth.AuthS2S), auth.FieldClientSecret, "type the secret here"},
		{"account", refusal(400, `{"error":"invalid_request","reason":"Invalid Account Id"}`, auth.AuthS2S), auth.FieldAccountID, "Copy it again"},
		{"not activated", refusal(401, `{"error":"invalid_client","reason":"Application has not been activated"}`, auth.AuthS2S), auth.FieldClientID, "activate it"},
		{"OAuth 2.0", refusal(401, `{"error":"invalid_client","reason":"Invalid client_id or client_secret"}`, auth.AuthOAuth), "", ""},
		{"no refusal", errors.New("timeout"), "", ""},
	} {
		field, text := FieldProblemOf(tt.err)
		if field != tt.field || !strings.Contains(text, tt.say) || (tt.field == "") != (text == "") {
			t.Errorf("%s: %q beside %q; want %q beside %q", tt.name, text, field, tt.say, tt.field)
		}
		if strings.HasPrefix(text, field+" ") && field != "" {
			t.Errorf("%s: %q repeats the label", tt.name, text)
		}
	}
}
