package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/auth/zoom"
)

// The command line's one phrasing of the core's errors (report and its
// nextStep): the core's sentence as it is, which states the facts in
// neutral words, then the command to run on a line of its own.
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
		{"lock wait", &store.LockTimeoutError{Connection: "Reports", Waited: 40 * time.Millisecond, Path: "/run/r.lock"}, ExitFailed,
			`Another process has been refreshing "Reports" for more than 40ms, so the wait stopped and nothing was changed.`, ""},
		{"config dir of another user", &store.DirError{Dir: "/srv/cfg", Problem: store.DirOwnedByOther}, ExitFailed,
			"The configuration directory /srv/cfg is owned by another user, so it is not used", ""},
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
