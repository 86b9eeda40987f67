// Package zoom speaks Zoom's OAuth 2.0 and REST API over HTTP: the
// Server-to-Server grant, the authorization code grant with PKCE, refresh,
// revoke and API calls, with Zoom's errors as typed values ([Error]), and
// runs Zoom's WebSocket events socket ([DialEvents], the protocol's data
// being auth/zoomevents'). It
// holds no state and stores nothing: package auth decides which secret to
// send where, caches tokens and serialises refreshes. It must never import
// auth, auth/store or a front-end.
package zoom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"zoomconn/auth/deploy"
	"zoomconn/internal/safetext"
)

// DefaultRequestTimeout bounds every request to Zoom.
const DefaultRequestTimeout = 30 * time.Second

// maxBodyBytes bounds how much of an API answer is read.
const maxBodyBytes = 1 << 20

// App is the OAuth client a request speaks for. A confidential app sends
// Secret by HTTP Basic; a public one (Secret "") sends ClientID in the body
// and relies on PKCE.
type App struct {
	ClientID, Secret string
}

// Client makes the requests. The zero value works.
type Client struct {
	// HTTP makes every request; nil means one with [DefaultRequestTimeout].
	// Requests that carry a secret use a copy that follows no redirect.
	HTTP *http.Client
	// Now is the clock token lifetimes count from; nil means time.Now.
	Now func() time.Time
	// Sleep waits for a Retry-After; nil means a timer honouring ctx.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (c *Client) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return &http.Client{Timeout: DefaultRequestTimeout}
}

// Wait sleeps for d (through Sleep when set), or until ctx ends.
func (c *Client) Wait(ctx context.Context, d time.Duration) error {
	if c.Sleep != nil {
		return c.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// secretClient is the HTTP client refusing every redirect, for token and
// revoke requests: they carry a client secret, a refresh token or a code
// and its verifier, and a 307 or 308 would re-send body and Basic header to
// wherever the server points. what names the endpoint ([EndpointToken]).
// It is a copy: the caller's client is left as it was.
func (c *Client) secretClient(what string) *http.Client {
	hc := *c.httpClient()
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		from, to := cleanHost(via[0].URL.Host), cleanHost(req.URL.Host)
		return &Error{
			Kind:     KindRedirect,
			Message:  fmt.Sprintf("The %s %s answered with a redirect to %s; redirects are not followed for requests that carry secrets.", what, from, to),
			Hint:     "Check the endpoint URLs; if they are right, the server or a proxy in between is misbehaving.",
			Endpoint: what, Host: from, Target: to,
		}
	}
	return &hc
}

// apiClient follows redirects only within the origin (scheme, host and
// port) of the first request: API calls carry the access token, which
// belongs to the connection's own API server alone.
func (c *Client) apiClient() *http.Client {
	hc := *c.httpClient()
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if deploy.Origin(req.URL) != deploy.Origin(via[0].URL) {
			from, to := cleanHost(via[0].URL.Host), cleanHost(req.URL.Host)
			return &Error{
				Kind:     KindRedirect,
				Message:  fmt.Sprintf("The %s at %s answered with a redirect to %s; the access token is sent only to the connection's own API address.", EndpointAPI, from, to),
				Hint:     "Check the connection's API base URL.",
				Endpoint: EndpointAPI, Host: from, Target: to,
			}
		}
		if len(via) >= 10 {
			return fmt.Errorf("stopped after %d redirects", len(via))
		}
		return nil
	}
	return &hc
}

// cleanHost makes a host fit to print: a Location header's host is the
// server's text, and url.Parse decodes %E2%80%AE in it to a bidi override.
func cleanHost(host string) string { return safetext.Clean(host, safetext.MaxURL) }

// refusedRedirect returns the redirect [Error] inside err, if any, so it
// reads as its own sentence rather than behind the *url.Error http.Client
// wraps it in.
func refusedRedirect(err error) error {
	var ze *Error
	if asError(err, &ze) && ze.Kind == KindRedirect {
		return ze
	}
	return err
}

// withRetry runs fn, and once more after Retry-After when Zoom answers 429.
func (c *Client) withRetry(ctx context.Context, fn func() error) error {
	err := refusedRedirect(fn())
	var ze *Error
	if asError(err, &ze) && ze.Kind == KindRateLimited && ze.Retry <= maxRetryAfter {
		if serr := c.Wait(ctx, ze.Retry); serr != nil {
			return err
		}
		return refusedRedirect(fn())
	}
	return err
}

// oauthContext makes x/oauth2's token requests use secretClient.
func (c *Client) oauthContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, c.secretClient(EndpointToken))
}

// Token is an access token with what Zoom said about it.
type Token struct {
	AccessToken string    `json:"access_token"`
	TokenType   string    `json:"token_type,omitempty"`
	Expiry      time.Time `json:"expiry"`
	Scope       string    `json:"scope,omitempty"`
	APIURL      string    `json:"api_url,omitempty"`
}

// Scopes returns the granted scopes.
func (t *Token) Scopes() []string { return strings.Fields(t.Scope) }

// Grant is a token response of the authorization code or refresh grant.
// Zoom rotates refresh tokens: RefreshToken replaces the one sent.
type Grant struct {
	Token        *Token
	RefreshToken string
}

// How long a token is believed to live. expires_in is clamped to
// [MinTokenLifetime, MaxTokenLifetime], so a server cannot make a token be
// cached for decades. A missing, zero or negative expires_in counts as
// UnknownTokenLifetime: short, yet longer than a cache's one-minute margin,
// so the cache is still used rather than refreshing (and rotating the
// refresh token) on every call.
const (
	MinTokenLifetime     = 60 * time.Second
	MaxTokenLifetime     = 24 * time.Hour
	UnknownTokenLifetime = 5 * time.Minute
)

// MaxTokenBytes bounds an access or refresh token from a token endpoint;
// Zoom's are about a kilobyte.
const MaxTokenBytes = 16 << 10

// checkToken says why tok cannot be a bearer token, or returns nil. A token
// must be a b64token (RFC 6750 §2.1: 1*( ALPHA / DIGIT / "-" / "." / "_" /
// "~" / "+" / "/" ) *"="), since it is printed, sent in an Authorization
// header and put in a program's environment as it is: anything else could
// be a terminal escape or a second header line. The reason never quotes tok.
func checkToken(tok string) error {
	if tok == "" {
		return errors.New("it is empty")
	}
	if len(tok) > MaxTokenBytes {
		return fmt.Errorf("it is %d bytes long, more than %d KiB", len(tok), MaxTokenBytes>>10)
	}
	body := strings.TrimRight(tok, "=")
	if body == "" {
		return errors.New("it is only padding (=)")
	}
	for i := 0; i < len(body); i++ {
		switch b := body[i]; {
		case 'A' <= b && b <= 'Z', 'a' <= b && b <= 'z', '0' <= b && b <= '9',
			b == '-', b == '.', b == '_', b == '~', b == '+', b == '/':
		default:
			return errors.New("it holds a character a bearer token may not contain (RFC 6750 §2.1)")
		}
	}
	return nil
}

// badToken is the [KindBadResponse] error for a token checkToken refused;
// what is "access token" or "refresh token". The token is not in it.
func badToken(tokenURL, what string, why error) *Error {
	return &Error{
		Kind:    KindBadResponse,
		Message: fmt.Sprintf("The token endpoint %s answered with an unusable %s: %v.", cleanHost(deploy.Host(tokenURL)), what, why),
		Hint:    "It was neither used nor saved. A proxy, firewall or captive portal may be answering instead of Zoom; check the Token URL and your network.",
	}
}

// tokenFromOAuth2 converts a token response from tokenURL received now,
// refusing an access token checkToken refuses; see MinTokenLifetime for
// how its expiry is set. The expiry x/oauth2 computed is not used: it is
// on the system clock, and clientcredentials drops ExpiresIn, so
// expires_in is read as sent.
func (c *Client) tokenFromOAuth2(t *oauth2.Token, tokenURL string) (*Token, error) {
	if err := checkToken(t.AccessToken); err != nil {
		return nil, badToken(tokenURL, "access token", err)
	}
	life := UnknownTokenLifetime
	if secs, ok := expiresIn(t); ok && secs > 0 { // also false for NaN
		life = MaxTokenLifetime
		if secs < MaxTokenLifetime.Seconds() {
			life = max(time.Duration(secs*float64(time.Second)), MinTokenLifetime)
		}
	}
	out := &Token{AccessToken: t.AccessToken, TokenType: t.TokenType, Expiry: c.now().Add(life)}
	// Server text, printed by test and login: made safe like any other.
	if s, ok := t.Extra("scope").(string); ok {
		out.Scope = safetext.Clean(s, safetext.MaxScope)
	}
	if s, ok := t.Extra("api_url").(string); ok {
		out.APIURL = safetext.Clean(s, safetext.MaxURL)
	}
	return out, nil
}

// grantFromOAuth2 is tokenFromOAuth2 for the grants that bring a refresh
// token, which is checked too: it is saved and sent back later. None at
// all is left for the caller to judge.
func (c *Client) grantFromOAuth2(t *oauth2.Token, tokenURL string) (*Grant, error) {
	tok, err := c.tokenFromOAuth2(t, tokenURL)
	if err != nil {
		return nil, err
	}
	if t.RefreshToken != "" {
		if err := checkToken(t.RefreshToken); err != nil {
			return nil, badToken(tokenURL, "refresh token", err)
		}
	}
	return &Grant{Token: tok, RefreshToken: t.RefreshToken}, nil
}

// expiresIn is the token response's expires_in in seconds; ok is false
// when there is none.
func expiresIn(t *oauth2.Token) (secs float64, ok bool) {
	switch v := t.Extra("expires_in").(type) {
	case float64: // JSON
		return v, true
	case string: // a form-encoded answer, or a JSON string
		if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
			return f, true
		}
	}
	return float64(t.ExpiresIn), t.ExpiresIn != 0
}

// ServerToServer gets a Server-to-Server token: grant_type=
// account_credentials with the account ID in the form body and the app's
// credentials as HTTP Basic (Zoom's variant of RFC 6749 §4.4).
func (c *Client) ServerToServer(ctx context.Context, tokenURL, accountID string, app App) (*Token, error) {
	cfg := clientcredentials.Config{
		ClientID:     app.ClientID,
		ClientSecret: app.Secret,
		TokenURL:     tokenURL,
		AuthStyle:    oauth2.AuthStyleInHeader,
		EndpointParams: map[string][]string{
			"grant_type": {"account_credentials"},
			"account_id": {accountID},
		},
	}
	var t *oauth2.Token
	err := c.withRetry(ctx, func() error {
		var err error
		t, err = cfg.Token(c.oauthContext(ctx))
		return explainError(err, deploy.Host(tokenURL))
	})
	if err != nil {
		return nil, err
	}
	return c.tokenFromOAuth2(t, tokenURL)
}

// ClientCredentials gets an app-level token of a General app (RFC 6749
// §4.4: grant_type=client_credentials, the app's credentials as HTTP
// Basic), for its events socket. A public client has no secret to prove,
// so none is asked for: [ErrPublicClient] before anything is sent.
func (c *Client) ClientCredentials(ctx context.Context, tokenURL string, app App) (*Token, error) {
	if app.Secret == "" {
		return nil, ErrPublicClient
	}
	cfg := clientcredentials.Config{
		ClientID:     app.ClientID,
		ClientSecret: app.Secret,
		TokenURL:     tokenURL,
		AuthStyle:    oauth2.AuthStyleInHeader,
	}
	var t *oauth2.Token
	err := c.withRetry(ctx, func() error {
		var err error
		t, err = cfg.Token(c.oauthContext(ctx))
		return explainError(err, deploy.Host(tokenURL))
	})
	if err != nil {
		return nil, err
	}
	return c.tokenFromOAuth2(t, tokenURL)
}

// ErrPublicClient: a public client (no secret) cannot get an app-level
// token with client_credentials.
var ErrPublicClient = errors.New("a public OAuth client has no secret for the client_credentials grant")

// AuthCode is the authorization code grant of one OAuth client (RFC 6749
// §4.1) with PKCE S256 (RFC 7636). No scope parameter is sent: Zoom takes
// scopes from the app.
type AuthCode struct {
	AuthorizeURL, TokenURL string
	App                    App
	RedirectURL            string
}

func (a AuthCode) config() *oauth2.Config {
	cfg := &oauth2.Config{
		ClientID:     a.App.ClientID,
		ClientSecret: a.App.Secret,
		RedirectURL:  a.RedirectURL,
		Endpoint: oauth2.Endpoint{
			AuthURL:   a.AuthorizeURL,
			TokenURL:  a.TokenURL,
			AuthStyle: oauth2.AuthStyleInParams, // public: client_id in the body, no secret
		},
	}
	if a.App.Secret != "" {
		cfg.Endpoint.AuthStyle = oauth2.AuthStyleInHeader
	}
	return cfg
}

// URL is the authorize URL for the browser. S256ChallengeOption sends
// code_challenge_method=S256 (Zoom would assume plain otherwise).
func (a AuthCode) URL(state, verifier string) string {
	return a.config().AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
}

// Exchange trades a code for tokens, with the same redirect_uri and the
// PKCE verifier.
func (c *Client) Exchange(ctx context.Context, a AuthCode, code, verifier string) (*Grant, error) {
	t, err := a.config().Exchange(c.oauthContext(ctx), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, explainError(refusedRedirect(err), deploy.Host(a.TokenURL))
	}
	return c.grantFromOAuth2(t, a.TokenURL)
}

// Refresh trades a refresh token for new tokens (RFC 6749 §6).
func (c *Client) Refresh(ctx context.Context, tokenURL string, app App, refreshToken string) (*Grant, error) {
	cfg := AuthCode{TokenURL: tokenURL, App: app}.config()
	var t *oauth2.Token
	err := c.withRetry(ctx, func() error {
		var err error
		t, err = cfg.TokenSource(c.oauthContext(ctx), &oauth2.Token{RefreshToken: refreshToken}).Token()
		return explainError(err, deploy.Host(tokenURL))
	})
	if err != nil {
		return nil, err
	}
	return c.grantFromOAuth2(t, tokenURL)
}

// Revoke posts token to revokeURL with the app's credentials (RFC 7009
// style, Zoom's form).
func (c *Client) Revoke(ctx context.Context, revokeURL, token string, app App) error {
	form := url.Values{"token": {token}}
	if app.Secret == "" {
		form.Set("client_id", app.ClientID) // public client
	}
	return c.withRetry(ctx, func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, revokeURL, strings.NewReader(form.Encode()))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if app.Secret != "" {
			req.SetBasicAuth(url.QueryEscape(app.ClientID), url.QueryEscape(app.Secret))
		}
		resp, err := c.secretClient(EndpointRevoke).Do(req)
		if err != nil {
			return explainError(err, req.URL.Host)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
		if resp.StatusCode/100 != 2 {
			return ExplainResponse(resp.StatusCode, resp.Header, body, nil)
		}
		return nil
	})
}

// GetJSON calls GET path on the API base URL base with the access token and
// decodes a JSON answer into out.
func (c *Client) GetJSON(ctx context.Context, base, accessToken, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+accessToken)
	req.Header.Set("Accept", "application/json")
	var resp *http.Response
	err = c.withRetry(ctx, func() error {
		resp, err = c.apiClient().Do(req)
		if err != nil {
			return explainError(err, req.URL.Host)
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
			resp.Body.Close()
			return ExplainResponse(resp.StatusCode, resp.Header, body, nil)
		}
		return nil
	})
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	if err != nil {
		return explainError(err, req.URL.Host)
	}
	if resp.StatusCode/100 != 2 {
		return ExplainResponse(resp.StatusCode, resp.Header, body, nil)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return ExplainResponse(resp.StatusCode, resp.Header, nil, err)
	}
	return nil
}
