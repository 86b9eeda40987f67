package access

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/loopback"
	"zoomconn/auth/zoom"

	"golang.org/x/oauth2"
)

// DefaultLoginTimeout is how long a login waits for the browser: Zoom's
// authorization codes live five minutes.
const DefaultLoginTimeout = 5 * time.Minute

// LoginOptions tune [Service.Login]. The zero value opens the browser with
// [Service.OpenURL] and waits up to [DefaultLoginTimeout].
type LoginOptions struct {
	// Ready, if set, receives the authorize URL once the loopback listener
	// is up, before any browser opens, so it can be shown and copied.
	Ready func(authorizeURL string)
	// NoBrowser skips [Service.OpenURL]; the user opens the URL.
	NoBrowser bool
	// Timeout bounds the wait for the browser; zero means DefaultLoginTimeout.
	Timeout time.Duration
	// BrowserError, if set, is told when the browser could not be opened;
	// the login keeps waiting for the URL to be opened by hand.
	BrowserError func(error)
}

// LoginResult describes a completed authorization.
type LoginResult struct {
	Identity Identity // empty if the granted scopes do not allow reading it
	Scopes   []string
	Expiry   time.Time
}

// Login authorizes an OAuth 2.0 connection with the authorization code
// flow (RFC 6749 §4.1) + PKCE S256 (RFC 7636) + a one-time state, catching
// the redirect on a one-shot 127.0.0.1 server (RFC 8252). The tokens are
// saved in the secret.Store.
func (sv *Service) Login(ctx context.Context, name string, opts LoginOptions) (*LoginResult, error) {
	r, err := sv.resolve(name)
	if err != nil {
		return nil, err
	}
	if r.conn.Type != auth.AuthOAuth {
		return nil, &NotOAuthError{Connection: r.conn.Name}
	}
	state, err := randomString(32) // 256 bits
	if err != nil {
		return nil, err
	}
	verifier := oauth2.GenerateVerifier()
	lb, err := loopback.Listen(r.client.Port, CallbackPath, state)
	var inUse *loopback.PortInUseError
	if errors.As(err, &inUse) {
		return nil, &PortInUseError{Client: r.client.Name, Port: inUse.Port, Err: inUse.Err}
	}
	if err != nil {
		return nil, err
	}
	defer lb.Close()
	app, err := sv.app(r)
	if err != nil {
		return nil, err
	}
	flow := zoom.AuthCode{AuthorizeURL: r.conn.Endpoints.AuthorizeURL, TokenURL: r.conn.Endpoints.TokenURL, App: app, RedirectURL: lb.RedirectURL()}
	authURL := flow.URL(state, verifier)
	if opts.Ready != nil {
		opts.Ready(authURL)
	}
	if !opts.NoBrowser && sv.OpenURL != nil {
		if err := sv.OpenURL(authURL); err != nil && opts.BrowserError != nil {
			opts.BrowserError(err)
		}
	}
	timeout := opts.Timeout
	if timeout == 0 {
		timeout = DefaultLoginTimeout
	}
	code, err := lb.Wait(ctx, timeout)
	if err != nil {
		return nil, callbackError(err)
	}
	return sv.finishLogin(ctx, r, flow, code, verifier)
}

// finishLogin exchanges the code with the same redirect_uri and the PKCE
// verifier, then stores the tokens under the connection's refresh lock.
func (sv *Service) finishLogin(ctx context.Context, r *resolved, flow zoom.AuthCode, code, verifier string) (*LoginResult, error) {
	grant, err := sv.zoom().Exchange(ctx, flow, code, verifier)
	if err != nil {
		return nil, credentialsError(r, err)
	}
	if grant.RefreshToken == "" {
		return nil, errors.New("Zoom returned no refresh token, so the connection could not be saved; check that the Zoom app is a General app using the authorization code flow")
	}
	unlock, err := sv.Store.LockConnection(ctx, r.conn.ID, r.conn.Name)
	if err != nil {
		return nil, err
	}
	tok, err := sv.storeGrant(ctx, r, grant)
	unlock()
	if err != nil {
		return nil, err
	}
	// The exchange just proved the connection works, so its status is a
	// passed test, not "never tested", whether or not who it acts as could
	// be read; a failure to record that is no reason to fail a login whose
	// tokens are saved.
	rep, _ := sv.describe(ctx, r, tok)
	_ = sv.recordTest(r.conn.ID, auth.TestResult{OK: true, Message: rep.Summary()})
	return &LoginResult{Identity: rep.Identity, Scopes: rep.Scopes, Expiry: rep.Expiry}, nil
}

func randomString(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// CallbackPath is the path of the loopback redirect URL. Zoom matches the
// scheme, host and path of a loopback redirect exactly and ignores the port.
const CallbackPath = "/oauth/callback"

// RedirectURLFor is the redirect URL to register in the Zoom app: with the
// fixed port if one is set, else without (Zoom ignores it for 127.0.0.1).
func RedirectURLFor(port int) string {
	if port > 0 {
		return "http://127.0.0.1:" + strconv.Itoa(port) + CallbackPath
	}
	return "http://127.0.0.1" + CallbackPath
}

// callbackError explains what the loopback server brought back instead of
// a code, in Zoom's terms.
func callbackError(err error) error {
	var declined *loopback.DeclinedError
	var timeout *loopback.TimeoutError
	switch {
	case errors.As(err, &declined):
		return zoom.Declined(declined.Code, declined.Description)
	case errors.As(err, &timeout):
		return &zoom.Error{Kind: zoom.KindTimeout, Message: fmt.Sprintf("No answer came back from the browser within %s.", timeout.After),
			Hint: "Start the authorization again and finish it in the browser; if no browser opened, copy the authorize URL into one."}
	}
	return err
}
