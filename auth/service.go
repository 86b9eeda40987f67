package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gofrs/flock"
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
	// Sleep waits for a Retry-After; nil means a timer honouring ctx.
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
	}
	return r, nil
}

// Token returns a valid access token for the named connection: the cached
// one while it has more than a minute left, else a new one. Refreshes are
// serialized across processes, and a rotated refresh token is saved before
// the new access token is returned.
func (sv *Service) Token(ctx context.Context, name string) (*Token, error) {
	WarmUp(sv.Store.secrets) // connect to the keyring while the metadata file is read
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
	unlock, err := sv.lockConnection(ctx, r.conn.ID)
	if err != nil {
		return nil, err
	}
	defer unlock()
	// Another process may have refreshed while we waited: its new expiry
	// is in the metadata file, and its token in the keyring.
	d, err := sv.Store.Load()
	if err != nil {
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
	if errors.Is(err, ErrSecretNotFound) {
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

// lockConnection takes the per-connection refresh lock shared by all
// processes using this config dir.
func (sv *Service) lockConnection(ctx context.Context, connID string) (func(), error) {
	dir := filepath.Join(sv.Store.dir, locksDirName)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating %s: %w", dir, err)
	}
	l := flock.New(filepath.Join(dir, connID+".lock"))
	ok, err := l.TryLockContext(ctx, 5*time.Millisecond)
	if err != nil || !ok {
		return nil, fmt.Errorf("waiting for another zoomconn to finish refreshing this connection: %w", errors.Join(err, ctx.Err()))
	}
	return func() { _ = l.Unlock() }, nil
}

// withRetry runs fn, and once more after Retry-After when Zoom answers 429.
func (sv *Service) withRetry(ctx context.Context, fn func() error) error {
	err := fn()
	var ze *ZoomError
	if errors.As(err, &ze) && ze.Kind == KindRateLimited && ze.Retry <= maxRetryAfter {
		if serr := sv.sleep(ctx, ze.Retry); serr != nil {
			return err
		}
		return fn()
	}
	return err
}

func (sv *Service) oauthContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, sv.httpClient())
}

func tokenFromOAuth2(t *oauth2.Token) *Token {
	out := &Token{AccessToken: t.AccessToken, TokenType: t.TokenType, Expiry: t.Expiry}
	if s, ok := t.Extra("scope").(string); ok {
		out.Scope = s
	}
	if s, ok := t.Extra("api_url").(string); ok {
		out.APIURL = s
	}
	return out
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
	tok := tokenFromOAuth2(t)
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
	if errors.Is(err, ErrSecretNotFound) {
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
	return sv.storeGrant(r, t)
}

// storeGrant saves a token response: the refresh token first (the old one
// is already dead at Zoom), then the access token.
func (sv *Service) storeGrant(r *resolved, t *oauth2.Token) (*Token, error) {
	if t.RefreshToken != "" {
		if err := sv.Store.secrets.Set(refreshTokenKey(r.conn.ID), t.RefreshToken); err != nil {
			// Zoom has already retired the old refresh token: say so now
			// rather than fail later with invalid_grant.
			_ = sv.Store.UpdateConnection(r.conn.ID, func(c *Connection) { c.NeedsAuth = true })
			return nil, fmt.Errorf("Zoom issued a new refresh token but it could not be saved, so the connection must be authorized again once the keyring works: %w", err)
		}
	}
	tok := tokenFromOAuth2(t)
	if err := sv.saveAccessToken(r.conn.ID, tok); err != nil {
		return nil, err
	}
	return tok, nil
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
		resp, err = sv.httpClient().Do(req)
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
