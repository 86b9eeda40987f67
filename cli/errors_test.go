package cli

import (
	"bytes"
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

// The command line's one phrasing of the core's errors (report, its
// message and nextStep): the core's sentence as it is, which states the
// facts in neutral words, then the command to run on a line of its own.
func TestReportAddsTheCommandToTheCoreFacts(t *testing.T) {
	missing := zoom.ExplainResponse(400, nil, []byte(`{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:admin]."}`), nil)
	invalidRedirect := zoom.ExplainResponse(400, nil, []byte(`{"code":4700,"message":"Invalid redirect: http://127.0.0.1:1/oauth/callback"}`), nil)
	for _, tt := range []struct {
		name string
		err  error
		code int
		fact string // part of the core's sentence, printed as it is
		step string // the line after it; "" for none
	}{
		{"needs authorization", &access.NeedsAuthError{Connection: "Me"}, ExitFailed,
			`The connection "Me" needs authorization.`, "Run `zoomconn login Me`."},
		{"refresh token not saved", &access.RefreshTokenNotSavedError{Connection: "My meetings", Tries: 3, Err: errors.New("the keyring went away")}, ExitFailed,
			"could not be saved after 3 tries", "Then run `zoomconn login 'My meetings'`."},
		{"secret needed", &access.SecretNeededError{Client: "Gen"}, ExitFailed,
			`The OAuth client "Gen" needs its client secret typed again before it is sent to the client's endpoints.`, "Run `zoomconn edit-client Gen --secret` and enter it."},
		{"not OAuth", &access.NotOAuthError{Connection: "S2S"}, ExitFailed,
			"it needs no browser authorization", "Use `zoomconn test S2S` instead."},
		{"not found", &auth.NotFoundError{What: "connection", Name: "Ghost"}, ExitUsage,
			"Ghost", "Run `zoomconn list` to see the names."},
		{"scopes, OAuth", &access.ScopeError{Connection: "U", ConnType: auth.AuthOAuth, Need: []string{"user:read:admin"}, UserLevel: true, Err: missing}, ExitFailed,
			"authorize the connection again", "Then run `zoomconn login U`."},
		{"scopes, Server-to-Server", &access.ScopeError{Connection: "S", ConnType: auth.AuthS2S, Need: []string{"user:read:admin"}, Err: missing}, ExitFailed,
			"simply run it again", ""},
		{"client gone", &access.ClientGoneError{Connection: "My meetings"}, ExitFailed,
			`The connection "My meetings" refers to an OAuth client that no longer exists.`,
			"Run `zoomconn remove 'My meetings'`, then `zoomconn add-oauth 'My meetings' --client CLIENT_NAME` with one of the OAuth clients `zoomconn list` shows."},
		{"port in use", &access.PortInUseError{Client: "Gen", Port: 8123, Err: errors.New("address already in use")}, ExitFailed,
			`The fixed port 8123 of the OAuth client "Gen" is in use or not allowed (address already in use).`,
			"Close the program using that port, or run `zoomconn edit-client Gen --port 0` to take a free port each time."},
		{"changed meanwhile", &access.ChangedError{Connection: "Me", What: "removed"}, ExitFailed,
			`The connection "Me" was removed by another process meanwhile, so nothing was saved for it.`, "Run the command again if it is still needed."},
		{"invalid redirect", invalidRedirect, ExitFailed,
			"a public client (PKCE, no secret) avoids it", "`zoomconn list` shows each OAuth client's Redirect URL; `zoomconn edit-client CLIENT_NAME --public` makes a client public."},
		// Facts with nothing to add: the core's sentence says it all.
		{"keyring item not found", &secret.Error{Op: "read", Key: "connection/1/refresh-token", Kind: secret.ErrNotFound}, ExitFailed,
			"No stored secret was found for a connection's refresh token", ""},
	} {
		var stderr bytes.Buffer
		code := report(&Env{Stderr: &stderr}, nil, tt.err)
		want := "zoomconn: " + tt.err.Error() + "\n"
		if tt.step != "" {
			want += tt.step + "\n"
		}
		if code != tt.code || stderr.String() != want || !strings.Contains(tt.err.Error(), tt.fact) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d, %q holding %q", tt.name, code, stderr.String(), tt.code, want, tt.fact)
		}
	}
}

// The facts the core leaves to each front-end to word (a refused redirect
// or foreign host, a lock wait, a configuration directory, a keyring that
// does not answer): the command line says them in its own sentence, naming
// zoomconn, from the error's fields; wrapped in words of another error, the
// core's sentence stays.
func TestReportWordsTheFactsTheCoreLeavesToIt(t *testing.T) {
	redirect := func(endpoint string) *access.ZoomError {
		return &access.ZoomError{Kind: access.KindRedirect, Message: "(the core's sentence)", Hint: "(the core's hint)",
			Endpoint: endpoint, Host: "zoom.example:8443", Target: "evil.example"}
	}
	_, foreign := zoom.ResolveURL("https://api.zoom.us/v2", "https://evil.example/v2/users/me", nil)
	var ze *access.ZoomError
	if !errors.As(foreign, &ze) || ze.Kind != access.KindForeignHost {
		t.Fatalf("ResolveURL of a foreign URL: %v", foreign)
	}
	const own = "set ZOOMCONN_CONFIG_DIR to a directory of your own"
	const noKeyring = "No keyring on this machine? `zoomconn use-file-store` keeps secrets in a passphrase-encrypted file instead.\n"
	denied := errors.New("operation not permitted")
	for _, tt := range []struct {
		name string
		err  error
		code int
		want string // all of stderr
	}{
		{"token endpoint redirect", redirect(access.EndpointToken), ExitFailed,
			"zoomconn: The token endpoint zoom.example:8443 answered with a redirect to evil.example; zoomconn does not follow redirects for requests that carry secrets. (the core's hint)\n"},
		{"revoke endpoint redirect", redirect(access.EndpointRevoke), ExitFailed,
			"zoomconn: The revoke endpoint zoom.example:8443 answered with a redirect to evil.example; zoomconn does not follow redirects for requests that carry secrets. (the core's hint)\n"},
		{"API redirect", redirect(access.EndpointAPI), ExitFailed,
			"zoomconn: The Zoom API at zoom.example:8443 answered with a redirect to evil.example; zoomconn sends the access token only to the connection's own API address. (the core's hint)\n"},
		{"redirect in other words", fmt.Errorf("page 2: %w", redirect(access.EndpointAPI)), ExitFailed,
			"zoomconn: page 2: (the core's sentence) (the core's hint)\n"},
		{"foreign host", foreign, ExitFailed,
			"zoomconn: evil.example is not this connection's API server (api.zoom.us); zoomconn sends the access token nowhere else. Give a path relative to the API base, such as /users/me.\n"},
		{"foreign host, bad usage", &usageError{err: foreign}, ExitUsage,
			"zoomconn: evil.example is not this connection's API server (api.zoom.us); zoomconn sends the access token nowhere else. Give a path relative to the API base, such as /users/me.\n"},
		{"lock wait", &store.LockTimeoutError{Connection: "Reports", Waited: 40 * time.Millisecond, Path: "/run/r.lock"}, ExitFailed,
			`zoomconn: Another zoomconn process has been refreshing "Reports" for more than 40ms, so zoomconn stopped waiting and changed nothing. Try again; if it keeps happening, end the other zoomconn process (it holds /run/r.lock).` + "\n"},
		{"config dir, broken link", &store.DirError{Dir: "/srv/cfg", Problem: store.DirBrokenLink, Err: denied}, ExitFailed,
			"zoomconn: The configuration directory /srv/cfg is a link that cannot be followed (operation not permitted); remove it, or " + own + ".\n"},
		{"config dir, link to another user's", &store.DirError{Dir: "/srv/cfg", Problem: store.DirLinkToOther}, ExitFailed,
			"zoomconn: The configuration directory /srv/cfg is a link to a directory owned by another user, so zoomconn will not use it: that user could read or replace its files. Remove the link, or " + own + ".\n"},
		{"config dir, not a directory", &store.DirError{Dir: "/srv/cfg", Problem: store.DirNotADirectory}, ExitFailed,
			"zoomconn: The configuration directory /srv/cfg is not a directory; move it aside, or " + own + ".\n"},
		{"config dir of another user", &store.DirError{Dir: "/srv/cfg", Problem: store.DirOwnedByOther}, ExitFailed,
			"zoomconn: The configuration directory /srv/cfg is owned by another user, so zoomconn will not use it: that user could read or replace its files. Set ZOOMCONN_CONFIG_DIR to a directory of your own, or take this one over (chown).\n"},
		{"config dir not private", &store.DirError{Dir: "/srv/my cfg", Problem: store.DirNotPrivate, Err: denied}, ExitFailed,
			"zoomconn: The configuration directory /srv/my cfg could not be made private (mode 0700: operation not permitted), so zoomconn will not use it. Run `chmod 700 '/srv/my cfg'`, or " + own + ".\n"},
		{"no keyring", &secret.Error{Op: "read", Key: "connection/1/refresh-token", Kind: secret.ErrUnavailable, Err: errors.New("no D-Bus"), Help: "Install a keyring."}, ExitFailed,
			"zoomconn: No system keyring answered, so zoomconn could not read a connection's refresh token (no D-Bus). Install a keyring.\n" + noKeyring},
		{"keyring locked", &secret.Error{Op: "save", Key: "oauth-client/2/client-secret", Kind: secret.ErrUnavailable, Err: errors.New("prompt dismissed, unlock needed")}, ExitFailed,
			"zoomconn: The system keyring is locked, so zoomconn could not save an OAuth client's client secret (prompt dismissed, unlock needed). Unlock it (log in to your desktop session, or run your keyring's unlock command) and try again.\n" + noKeyring},
	} {
		var stderr bytes.Buffer
		if code := report(&Env{Stderr: &stderr}, nil, tt.err); code != tt.code || stderr.String() != tt.want {
			t.Errorf("%s: exit %d, stderr\n%q\nwant exit %d,\n%q", tt.name, code, stderr.String(), tt.code, tt.want)
		}
	}
}
