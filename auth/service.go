package auth

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
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
	"zoomconn/auth/secret/keyring"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// DefaultRequestTimeout bounds every request to Zoom.
const DefaultRequestTimeout = 30 * time.Second

// maxBodyBytes bounds how much of an API answer is read.
const maxBodyBytes = 1 << 20

// tokenMargin is how long before expiry a cached token stops being used.
const tokenMargin = 60 * time.Second

// Service runs the Zoom OAuth flows for connections in a [Store]: tokens
// (cached, refreshed safely across processes), browser login, test and
// revoke. The GUI and the command line both use it.
type Service struct {
	Store *Store
	// HTTPClient makes every request; nil means one with
	// [DefaultRequestTimeout].
	HTTPClient *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OpenURL opens the authorize URL in a browser; nil means the login
	// only reports the URL (see [LoginOptions.Ready]).
	OpenURL func(url string) error
	// Sleep waits for a Retry-After, and between tries to save a rotated
	// refresh token; nil means a timer honouring ctx.
	Sleep func(ctx context.Context, d time.Duration) error
}

func (sv *Service) now() time.Time {
	if sv.Now != nil {
		return sv.Now()
	}
	return time.Now()
}

func (sv *Service) httpClient() *http.Client {
	if sv.HTTPClient != nil {
		return sv.HTTPClient
	}
	return &http.Client{Timeout: DefaultRequestTimeout}
}

// KindRedirect is a [ZoomError] for a redirect zoomconn refused to follow.
const KindRedirect = "redirect"

// secretClient is httpClient refusing every redirect, for token and revoke
// requests: they carry a client secret, a refresh token or a code and its
// verifier, and a 307 or 308 would re-send body and Basic header to
// wherever the server points. what names the endpoint ("token endpoint").
// It is a copy: the caller's client is left as it was.
func (sv *Service) secretClient(what string) *http.Client {
	c := *sv.httpClient()
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		return &ZoomError{
			Kind:    KindRedirect,
			Message: fmt.Sprintf("The %s %s answered with a redirect to %s; zoomconn does not follow redirects for requests that carry secrets.", what, via[0].URL.Host, req.URL.Host),
			Hint:    "Check the endpoint URLs; if they are right, the server or a proxy in between is misbehaving.",
		}
	}
	return &c
}

// apiClient is httpClient following redirects only within the origin
// (scheme, host and port) of the first request: API calls carry the access
// token, which belongs to the connection's own API server alone.
func (sv *Service) apiClient() *http.Client {
	c := *sv.httpClient()
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if Origin(req.URL.String()) != Origin(via[0].URL.String()) {
			return &ZoomError{
				Kind:    KindRedirect,
				Message: fmt.Sprintf("The Zoom API at %s answered with a redirect to %s; zoomconn sends the access token only to the connection's own API address.", via[0].URL.Host, req.URL.Host),
				Hint:    "Check the connection's API base URL.",
			}
		}
		if len(via) >= 10 {
			return fmt.Errorf("stopped after %d redirects", len(via))
		}
		return nil
	}
	return &c
}

// refusedRedirect returns the redirect [ZoomError] inside err, if any, so
// it reads as its own sentence rather than behind the *url.Error that
// http.Client wraps it in.
func refusedRedirect(err error) error {
	var ze *ZoomError
	if errors.As(err, &ze) && ze.Kind == KindRedirect {
		return ze
	}
	return err
}

func (sv *Service) sleep(ctx context.Context, d time.Duration) error {
	if sv.Sleep != nil {
		return sv.Sleep(ctx, d)
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

// validAt reports whether the token can still be used at now (with a
// margin so it does not expire in flight).
func (t *Token) validAt(now time.Time) bool {
	return t != nil && t.AccessToken != "" && now.Add(tokenMargin).Before(t.Expiry)
}

// NeedsAuthError says an OAuth connection must be authorized (again).
type NeedsAuthError struct {
	Connection string
	Err        error
}

func (e *NeedsAuthError) Error() string {
	msg := fmt.Sprintf("The connection %q needs authorization: run `zoomconn login %s` or click Authorize in the app.", e.Connection, ShellQuote(e.Connection))
	var ze *ZoomError
	if errors.As(e.Err, &ze) {
		msg = ze.Message + " " + msg
	}
	return msg
}

func (e *NeedsAuthError) Unwrap() error { return e.Err }

// SecretNeededError says an OAuth client's secret must be typed again
// before it is sent anywhere (see [OAuthClient.SecretNeeded]).
type SecretNeededError struct {
	Client string
}

func (e *SecretNeededError) Error() string {
	return fmt.Sprintf("The OAuth client %q needs its client secret typed again before zoomconn sends it to its endpoints; edit the client in the app, or run `zoomconn edit-client %s`, and enter the secret.",
		e.Client, ShellQuote(e.Client))
}

// ShellQuote quotes s for a POSIX shell when it needs it, for commands we suggest.
func ShellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// resolved is a connection with what is needed to talk to Zoom for it.
type resolved struct {
	conn   Connection
	client *OAuthClient // oauth only
}

func (sv *Service) resolve(name string) (*resolved, error) {
	d, err := sv.Store.Load()
	if err != nil {
		return nil, err
	}
	c, ok := d.Connection(name)
	if !ok {
		return nil, &NotFoundError{What: "connection", Name: name}
	}
	r := &resolved{conn: *c}
	if c.Type == AuthOAuth {
		cl, ok := d.ClientByID(c.OAuthClientID)
		if !ok {
			return nil, fmt.Errorf("The connection %q refers to an OAuth client that no longer exists; edit it and pick another.", c.Name)
		}
		r.client = cl
		// The client's endpoints are the only ones its secret and this
		// connection's refresh token may go to, whatever the connection's
		// copy says.
		r.conn.Endpoints = cl.Endpoints.forConnection(c.Endpoints.APIBaseURL)
	}
	return r, nil
}

// Token returns a valid access token for the named connection: the cached
// one while it has more than a minute left, else a new one. Refreshes are
// serialized across processes, and a rotated refresh token is saved before
// the new access token is returned.
func (sv *Service) Token(ctx context.Context, name string) (*Token, error) {
	secret.Warm(sv.Store.secrets) // connect to the keyring while the metadata file is read
	r, err := sv.resolve(name)
	if err != nil {
		return nil, err
	}
	return sv.token(ctx, r, "")
}

// token returns a valid token; rejected, if set, is an access token the API
// refused, which must not be handed out again.
func (sv *Service) token(ctx context.Context, r *resolved, rejected string) (*Token, error) {
	usable := func(t *Token) bool { return t.validAt(sv.now()) && t.AccessToken != rejected }
	// The metadata file notes each cached token's expiry, so the keyring is
	// asked only when a cached token can still be used (each keyring call
	// is a D-Bus round trip of several milliseconds).
	seen := r.conn.TokenExpiry
	if sv.liveAt(seen) {
		cached, err := sv.cachedToken(r.conn.ID)
		if err != nil {
			return nil, err
		}
		if usable(cached) {
			return cached, nil
		}
	}
	unlock, err := sv.Store.lockConnection(ctx, r.conn.ID, r.conn.Name)
	if err != nil {
		return nil, err
	}
	defer unlock()
	// Another process may have refreshed while we waited: its new expiry
	// is in the metadata file, and its token in the keyring. Or it may have
	// removed the connection, or moved its secrets: then nothing is fetched.
	d, err := sv.Store.Load()
	if err != nil {
		return nil, err
	}
	if err := sv.stale(d, r); err != nil {
		return nil, err
	}
	if c, ok := d.ConnectionByID(r.conn.ID); ok && sv.liveAt(c.TokenExpiry) && !sameTime(c.TokenExpiry, seen) {
		cached, err := sv.cachedToken(r.conn.ID)
		if err != nil {
			return nil, err
		}
		if usable(cached) {
			return cached, nil
		}
	}
	if r.conn.Type == AuthS2S {
		return sv.fetchS2S(ctx, r)
	}
	return sv.refresh(ctx, r)
}

// liveAt reports whether a token expiring at expiry may still be handed out.
func (sv *Service) liveAt(expiry *time.Time) bool {
	return expiry != nil && sv.now().Add(tokenMargin).Before(*expiry)
}

func sameTime(a, b *time.Time) bool {
	return a == nil && b == nil || a != nil && b != nil && a.Equal(*b)
}

func (sv *Service) cachedToken(connID string) (*Token, error) {
	raw, err := sv.Store.secrets.Get(accessTokenKey(connID))
	if errors.Is(err, secret.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var t Token
	if json.Unmarshal([]byte(raw), &t) != nil {
		return nil, nil // unreadable cache: fetch a new token
	}
	return &t, nil
}

// saveAccessToken caches t in the keyring and notes its expiry (and that
// the connection is authorized) in the metadata file. The two writes run
// side by side, as each waits milliseconds on a daemon or a disk: the
// expiry is only a hint that spares keyring reads, and it is withdrawn if
// the keyring refused the token.
func (sv *Service) saveAccessToken(connID string, t *Token) error {
	raw, err := json.Marshal(t)
	if err != nil {
		return err
	}
	expiry := t.Expiry.UTC()
	noted := make(chan error, 1)
	go func() {
		noted <- sv.Store.UpdateConnection(connID, func(c *Connection) {
			c.TokenExpiry = &expiry
			c.NeedsAuth = false
		})
	}()
	setErr := sv.Store.secrets.Set(accessTokenKey(connID), string(raw))
	noteErr := <-noted
	var nf *NotFoundError
	if setErr == nil && errors.As(noteErr, &nf) {
		// The connection is gone: keep no token for it.
		_ = sv.Store.secrets.Delete(accessTokenKey(connID))
	}
	if setErr != nil {
		if noteErr == nil {
			_ = sv.Store.UpdateConnection(connID, func(c *Connection) {
				if sameTime(c.TokenExpiry, &expiry) {
					c.TokenExpiry = nil
				}
			})
		}
		return setErr
	}
	return noteErr
}

// ChangedError says a connection was removed, edited or had its secrets
// moved by another zoomconn while this one used it, so nothing was saved.
type ChangedError struct {
	Connection string
	What       string // "removed", "changed", "moved to the encrypted file", …
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("The connection %q was %s by another zoomconn meanwhile, so nothing was saved for it; run the command again if it is still needed.", e.Connection, e.What)
}

// stale reports whether d, read under the connection's lock, no longer
// holds what r was resolved from: then a token fetched for r must not be
// saved, or the keyring would keep a live token for a connection that is
// gone, belongs to other credentials, or lives in the other backend.
func (sv *Service) stale(d *Data, r *resolved) error {
	c, ok := d.ConnectionByID(r.conn.ID)
	if !ok {
		return &ChangedError{Connection: r.conn.Name, What: "removed"}
	}
	if b := backendOf(sv.Store.secrets); b != "" && d.Backend() != b {
		return &ChangedError{Connection: r.conn.Name, What: "moved to the " + d.Backend().Describe()}
	}
	changed := c.Type != r.conn.Type || c.AccountID != r.conn.AccountID || c.ClientID != r.conn.ClientID || c.OAuthClientID != r.conn.OAuthClientID
	if c.Type == AuthS2S {
		changed = changed || c.Endpoints != r.conn.Endpoints
	}
	if r.client != nil {
		cl, ok := d.ClientByID(r.client.ID)
		changed = changed || !ok || cl.ClientID != r.client.ClientID || cl.Kind != r.client.Kind || cl.Endpoints != r.client.Endpoints
	}
	if changed {
		return &ChangedError{Connection: r.conn.Name, What: "changed"}
	}
	return nil
}

// backendOf says which backend a secret store is, or "" for one that
// is neither (test doubles, wrappers), which is then not compared.
func backendOf(s secret.Store) SecretBackend {
	switch s.(type) {
	case *file.Store:
		return BackendFile
	case *keyring.Store:
		return BackendKeyring
	}
	return ""
}

// withRetry runs fn, and once more after Retry-After when Zoom answers 429.
func (sv *Service) withRetry(ctx context.Context, fn func() error) error {
	err := refusedRedirect(fn())
	var ze *ZoomError
	if errors.As(err, &ze) && ze.Kind == KindRateLimited && ze.Retry <= maxRetryAfter {
		if serr := sv.sleep(ctx, ze.Retry); serr != nil {
			return err
		}
		return refusedRedirect(fn())
	}
	return err
}

// oauthContext makes x/oauth2's token requests use secretClient.
func (sv *Service) oauthContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, sv.secretClient("token endpoint"))
}

// How long a token is believed to live. expires_in is clamped to
// [minTokenLifetime, maxTokenLifetime], so a server cannot make a token
// be cached for decades. A missing, zero or negative expires_in counts as
// unknownTokenLifetime: short, yet longer than tokenMargin, so the cache
// is still used rather than refreshing (and rotating the refresh token) on
// every call.
const (
	minTokenLifetime     = 60 * time.Second
	maxTokenLifetime     = 24 * time.Hour
	unknownTokenLifetime = 5 * time.Minute
)

// tokenFromOAuth2 converts a token response received at now (the
// Service's clock); see minTokenLifetime for how its expiry is set. The
// expiry x/oauth2 computed is not used: it is on the system clock, and
// clientcredentials drops ExpiresIn, so expires_in is read as sent.
func tokenFromOAuth2(t *oauth2.Token, now time.Time) *Token {
	life := unknownTokenLifetime
	if secs, ok := expiresIn(t); ok && secs > 0 { // also false for NaN
		life = maxTokenLifetime
		if secs < maxTokenLifetime.Seconds() {
			life = max(time.Duration(secs*float64(time.Second)), minTokenLifetime)
		}
	}
	out := &Token{AccessToken: t.AccessToken, TokenType: t.TokenType, Expiry: now.Add(life)}
	// Server text, printed by test and login: made safe like any other.
	if s, ok := t.Extra("scope").(string); ok {
		out.Scope = SafeText(s, maxScopeText)
	}
	if s, ok := t.Extra("api_url").(string); ok {
		out.APIURL = SafeText(s, maxURLText)
	}
	return out
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

// fetchS2S gets a Server-to-Server token: grant_type=account_credentials
// with the account ID in the form body and the client's credentials as HTTP
// Basic (Zoom's variant of RFC 6749 §4.4).
func (sv *Service) fetchS2S(ctx context.Context, r *resolved) (*Token, error) {
	secret, err := sv.Store.secrets.Get(s2sSecretKey(r.conn.ID))
	if err != nil {
		return nil, err
	}
	cfg := clientcredentials.Config{
		ClientID:     r.conn.ClientID,
		ClientSecret: secret,
		TokenURL:     r.conn.Endpoints.TokenURL,
		AuthStyle:    oauth2.AuthStyleInHeader,
		EndpointParams: map[string][]string{
			"grant_type": {"account_credentials"},
			"account_id": {r.conn.AccountID},
		},
	}
	var t *oauth2.Token
	err = sv.withRetry(ctx, func() error {
		var err error
		t, err = cfg.Token(sv.oauthContext(ctx))
		return explainError(err, hostOf(cfg.TokenURL))
	})
	if err != nil {
		return nil, err
	}
	tok := tokenFromOAuth2(t, sv.now())
	if err := sv.saveAccessToken(r.conn.ID, tok); err != nil {
		return nil, err
	}
	return tok, nil
}

// oauthConfig builds the x/oauth2 config of an OAuth connection.
func (sv *Service) oauthConfig(r *resolved, redirectURL string) (*oauth2.Config, error) {
	cfg := &oauth2.Config{
		ClientID:    r.client.ClientID,
		RedirectURL: redirectURL,
		Endpoint: oauth2.Endpoint{
			AuthURL:   r.conn.Endpoints.AuthorizeURL,
			TokenURL:  r.conn.Endpoints.TokenURL,
			AuthStyle: oauth2.AuthStyleInParams, // public: client_id in the body, no secret
		},
	}
	if r.client.Kind == Confidential {
		if r.client.SecretNeeded {
			return nil, &SecretNeededError{Client: r.client.Name}
		}
		secret, err := sv.Store.secrets.Get(clientSecretKey(r.client.ID))
		if err != nil {
			return nil, err
		}
		cfg.ClientSecret = secret
		cfg.Endpoint.AuthStyle = oauth2.AuthStyleInHeader
	}
	return cfg, nil
}

// refresh trades the stored refresh token for new tokens. The caller holds
// the connection lock. Zoom rotates refresh tokens, so the new one is saved
// before anything else; invalid_grant marks the connection as needing
// authorization and deletes nothing.
func (sv *Service) refresh(ctx context.Context, r *resolved) (*Token, error) {
	rt, err := sv.Store.secrets.Get(refreshTokenKey(r.conn.ID))
	if errors.Is(err, secret.ErrNotFound) {
		return nil, &NeedsAuthError{Connection: r.conn.Name}
	}
	if err != nil {
		return nil, err
	}
	cfg, err := sv.oauthConfig(r, "")
	if err != nil {
		return nil, err
	}
	var t *oauth2.Token
	err = sv.withRetry(ctx, func() error {
		var err error
		t, err = cfg.TokenSource(sv.oauthContext(ctx), &oauth2.Token{RefreshToken: rt}).Token()
		return explainError(err, hostOf(cfg.Endpoint.TokenURL))
	})
	if IsKind(err, KindInvalidGrant) {
		if merr := sv.Store.UpdateConnection(r.conn.ID, func(c *Connection) { c.NeedsAuth = true }); merr != nil {
			err = errors.Join(err, merr)
		}
		return nil, &NeedsAuthError{Connection: r.conn.Name, Err: err}
	}
	if err != nil {
		return nil, err
	}
	return sv.storeGrant(ctx, r, t)
}

// saveTries is how often a rotated refresh token is offered to the secret
// store: Zoom has already retired the old one, so a passing keyring hiccup
// must not cost the user a new authorization. saveBackoff is the first
// wait between tries; it doubles.
const (
	saveTries   = 3
	saveBackoff = 200 * time.Millisecond
)

// RefreshTokenNotSavedError says Zoom rotated a connection's refresh token
// and the new one could not be saved, so the connection must be authorized
// again. [Service.Token] returns it together with the access token of that
// same answer, which is valid: this call may still use it (the command
// line prints it and exits 1), but it is not cached.
type RefreshTokenNotSavedError struct {
	Connection string
	Tries      int
	Err        error
}

func (e *RefreshTokenNotSavedError) Error() string {
	return fmt.Sprintf("Zoom issued a new refresh token but it could not be saved after %d tries; authorize %q again (`zoomconn login %s`, or Authorize in the app) once the keyring works. %v", e.Tries, e.Connection, ShellQuote(e.Connection), e.Err)
}

func (e *RefreshTokenNotSavedError) Unwrap() error { return e.Err }

// storeGrant saves a token response: the refresh token first (the old one
// is already dead at Zoom), then the access token. The caller holds the
// connection's lock; if the connection was removed or changed meanwhile,
// nothing is saved.
func (sv *Service) storeGrant(ctx context.Context, r *resolved, t *oauth2.Token) (*Token, error) {
	d, err := sv.Store.Load()
	if err != nil {
		return nil, err
	}
	if err := sv.stale(d, r); err != nil {
		return nil, err
	}
	tok := tokenFromOAuth2(t, sv.now())
	if t.RefreshToken != "" {
		if err := sv.saveRefreshToken(ctx, r.conn.ID, t.RefreshToken); err != nil {
			// Say so now rather than fail later with invalid_grant.
			_ = sv.Store.UpdateConnection(r.conn.ID, func(c *Connection) { c.NeedsAuth = true })
			return tok, &RefreshTokenNotSavedError{Connection: r.conn.Name, Tries: saveTries, Err: err}
		}
	}
	if err := sv.saveAccessToken(r.conn.ID, tok); err != nil {
		return nil, err
	}
	return tok, nil
}

// saveRefreshToken tries saveTries times, with a doubling backoff that a
// cancelled ctx does not cut short: the token is the only one Zoom still
// accepts for this connection.
func (sv *Service) saveRefreshToken(ctx context.Context, connID, rt string) error {
	ctx = context.WithoutCancel(ctx)
	wait := saveBackoff
	var err error
	for try := 1; try <= saveTries; try++ {
		if err = sv.Store.secrets.Set(refreshTokenKey(connID), rt); err == nil {
			return nil
		}
		if try < saveTries {
			_ = sv.sleep(ctx, wait)
			wait *= 2
		}
	}
	return err
}

// apiBase is where a connection's API calls go: its configured API base
// URL, or the api_url of its token response when that names the same
// server or, for Zoom's and ZoomGov's own API, a regional host of the same
// deployment (Zoom answers e.g. https://eu01api.zoom.us for an account kept
// in another region). Any other api_url is ignored, so the access token
// goes to no server the user did not enter.
func apiBase(configured, announced string) string {
	if announced == "" || Origin(announced) == Origin(configured) {
		return configured
	}
	cfg, err := url.Parse(configured)
	if err != nil {
		return configured
	}
	ann, err := url.Parse(announced)
	if err != nil || ann.User != nil || ann.RawQuery != "" || ann.Fragment != "" || ann.Scheme != "https" || (ann.Port() != "" && ann.Port() != "443") {
		return configured
	}
	domain := zoomAPIDomain(configured)
	host := strings.ToLower(ann.Hostname())
	if domain == "" || !strings.HasSuffix(host, "."+domain) {
		return configured
	}
	return "https://" + host + cfg.EscapedPath()
}

// zoomAPIDomain is the domain of the Zoom deployment whose preset API base
// URL has apiBase's origin ("zoom.us", "zoomgov.com"), or "" for any other.
func zoomAPIDomain(apiBase string) string {
	for _, p := range []EndpointPreset{PresetZoom, PresetZoomGov} {
		ep, _ := PresetEndpoints(p)
		if u, err := url.Parse(ep.APIBaseURL); err == nil && Origin(ep.APIBaseURL) == Origin(apiBase) {
			return strings.TrimPrefix(u.Hostname(), "api.")
		}
	}
	return ""
}

// apiGet calls GET path on the connection's API base URL with the token and
// decodes a JSON answer into out.
func (sv *Service) apiGet(ctx context.Context, base string, tok *Token, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("Accept", "application/json")
	var resp *http.Response
	err = sv.withRetry(ctx, func() error {
		resp, err = sv.apiClient().Do(req)
		if err != nil {
			return explainError(err, req.URL.Host)
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
			resp.Body.Close()
			return explainResponse(resp.StatusCode, resp.Header, body, nil)
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
		return explainResponse(resp.StatusCode, resp.Header, body, nil)
	}
	if err := json.Unmarshal(body, out); err != nil {
		return explainResponse(resp.StatusCode, resp.Header, nil, err)
	}
	return nil
}
