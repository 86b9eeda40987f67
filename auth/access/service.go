package access

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/deploy"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/store"
	"zoomconn/auth/zoom"
)

// tokenMargin is how long before expiry a cached token stops being used.
const tokenMargin = 60 * time.Second

// Service runs the Zoom OAuth flows for connections in a [store.Store]:
// tokens (cached, refreshed safely across processes), browser login, test,
// revoke and API calls. The GUI and the command line both use it.
type Service struct {
	Store *store.Store
	// HTTPClient makes every request; nil means one with
	// [zoom.DefaultRequestTimeout].
	HTTPClient *http.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OpenURL opens the authorize URL in a browser; nil means the login
	// only reports the URL (see [LoginOptions.Ready]).
	OpenURL func(url string) error
	// Sleep waits for a Retry-After, and between tries to save a rotated
	// refresh token; nil means a timer honouring ctx.
	Sleep func(ctx context.Context, d time.Duration) error
	// MinTokenLifetime is how long a token handed out must still be valid:
	// a cached token with less left is replaced by a fresh one (`zoomconn
	// exec` asks for 10 minutes, so the program it runs has time to use
	// it). 0 means a minute. A fresh token is handed out whatever its
	// lifetime, so one longer than [zoom.MaxTokenLifetime] always gets a
	// fresh token (`zoomconn scopes --need` does, for a Server-to-Server
	// app whose scopes may have just been added).
	MinTokenLifetime time.Duration
}

func (sv *Service) now() time.Time {
	if sv.Now != nil {
		return sv.Now()
	}
	return time.Now()
}

// zoom is the protocol client on this Service's HTTP client and clock.
func (sv *Service) zoom() *zoom.Client {
	return &zoom.Client{HTTP: sv.HTTPClient, Now: sv.Now, Sleep: sv.Sleep}
}

func (sv *Service) sleep(ctx context.Context, d time.Duration) error { return sv.zoom().Wait(ctx, d) }

// Token is an access token with what Zoom said about it.
type Token = zoom.Token

// margin is how long before expiry a cached token stops being handed out.
func (sv *Service) margin() time.Duration {
	return max(sv.MinTokenLifetime, tokenMargin)
}

// validAt reports whether the token can still be used at now (with a
// margin so it does not expire in flight).
func (sv *Service) validAt(t *Token, now time.Time) bool {
	return t != nil && t.AccessToken != "" && now.Add(sv.margin()).Before(t.Expiry)
}

// resolved is a connection with what is needed to talk to Zoom for it.
type resolved struct {
	conn   auth.Connection
	client *auth.OAuthClient // oauth only
}

func (sv *Service) resolve(name string) (*resolved, error) {
	d, err := sv.Store.Load()
	if err != nil {
		return nil, err
	}
	c, ok := d.Connection(name)
	if !ok {
		return nil, d.ConnectionNotFound(name)
	}
	r := &resolved{conn: *c}
	r.conn.Endpoints, r.client = d.EndpointsOf(c)
	if c.Type == auth.AuthOAuth && r.client == nil {
		return nil, &ClientGoneError{Connection: c.Name}
	}
	return r, nil
}

// apiBase is where r's API calls go with tok (see [deploy.APIBase]).
func (r *resolved) apiBase(tok *Token) string {
	return deploy.APIBase(r.conn.Endpoints.APIBaseURL, tok.APIURL)
}

// Token returns a valid access token for the named connection: the cached
// one while it has more than a minute (or [Service.MinTokenLifetime]) left,
// else a new one. Refreshes are serialized across processes, and a rotated
// refresh token is saved before the new access token is returned.
func (sv *Service) Token(ctx context.Context, name string) (*Token, error) {
	secret.Warm(sv.Store.Secrets()) // connect to the keyring while the metadata file is read
	r, err := sv.resolve(name)
	if err != nil {
		return nil, err
	}
	return sv.token(ctx, r, "")
}

// token returns a valid token; rejected, if set, is an access token the API
// refused, which must not be handed out again.
func (sv *Service) token(ctx context.Context, r *resolved, rejected string) (*Token, error) {
	usable := func(t *Token) bool { return sv.validAt(t, sv.now()) && t.AccessToken != rejected }
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
	unlock, err := sv.Store.LockConnection(ctx, r.conn.ID, r.conn.Name)
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
	if r.conn.Type == auth.AuthS2S {
		return sv.fetchS2S(ctx, r)
	}
	return sv.refresh(ctx, r)
}

// liveAt reports whether a token expiring at expiry may still be handed out.
func (sv *Service) liveAt(expiry *time.Time) bool {
	return expiry != nil && sv.now().Add(sv.margin()).Before(*expiry)
}

func sameTime(a, b *time.Time) bool {
	return a == nil && b == nil || a != nil && b != nil && a.Equal(*b)
}

func (sv *Service) cachedToken(connID string) (*Token, error) {
	raw, err := sv.Store.Secrets().Get(store.AccessTokenKey(connID))
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

// saveAccessToken caches t in the keyring and notes its expiry, api_url and scopes
// (and that the connection is authorized) in the metadata file. The two
// writes run side by side, as each waits milliseconds on a daemon or a disk: the
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
		noted <- sv.Store.UpdateConnection(connID, func(c *auth.Connection) {
			c.TokenExpiry = &expiry
			c.TokenAPIURL = t.APIURL
			c.TokenScopes = t.Scopes()
			c.NeedsAuth = false
		})
	}()
	setErr := sv.Store.Secrets().Set(store.AccessTokenKey(connID), string(raw))
	noteErr := <-noted
	var nf *auth.NotFoundError
	if setErr == nil && errors.As(noteErr, &nf) {
		// The connection is gone: keep no token for it.
		_ = sv.Store.Secrets().Delete(store.AccessTokenKey(connID))
	}
	if setErr != nil {
		if noteErr == nil {
			_ = sv.Store.UpdateConnection(connID, func(c *auth.Connection) {
				if sameTime(c.TokenExpiry, &expiry) {
					c.TokenExpiry = nil
				}
			})
		}
		return setErr
	}
	return noteErr
}

// stale reports whether d, read under the connection's lock, no longer
// holds what r was resolved from: then a token fetched for r must not be
// saved, or the keyring would keep a live token for a connection that is
// gone, belongs to other credentials, or lives in the other backend.
func (sv *Service) stale(d *auth.Data, r *resolved) error {
	c, ok := d.ConnectionByID(r.conn.ID)
	if !ok {
		return &ChangedError{Connection: r.conn.Name, What: "removed"}
	}
	if b := backendOf(sv.Store.Secrets()); b != "" && d.Backend() != b {
		return &ChangedError{Connection: r.conn.Name, What: "moved to the " + d.Backend().Describe()}
	}
	changed := c.Type != r.conn.Type || c.AccountID != r.conn.AccountID || c.ClientID != r.conn.ClientID || c.OAuthClientID != r.conn.OAuthClientID
	if c.Type == auth.AuthS2S {
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
func backendOf(s secret.Store) auth.SecretBackend {
	switch s.(type) {
	case *file.Store:
		return auth.BackendFile
	case *keyring.Store:
		return auth.BackendKeyring
	}
	return ""
}

// fetchS2S gets a Server-to-Server token with the connection's own secret,
// sent only to its own token URL.
func (sv *Service) fetchS2S(ctx context.Context, r *resolved) (*Token, error) {
	clientSecret, err := sv.Store.Secrets().Get(store.S2SSecretKey(r.conn.ID))
	if err != nil {
		return nil, err
	}
	tok, err := sv.zoom().ServerToServer(ctx, r.conn.Endpoints.TokenURL, r.conn.AccountID, zoom.App{ClientID: r.conn.ClientID, Secret: clientSecret})
	if err != nil {
		return nil, credentialsError(r, err)
	}
	if err := sv.saveAccessToken(r.conn.ID, tok); err != nil {
		return nil, err
	}
	return tok, nil
}

// app is the OAuth client of an OAuth 2.0 connection with its secret, which
// goes only to the client's own endpoints (see [auth.OAuthClient.Endpoints]).
func (sv *Service) app(r *resolved) (zoom.App, error) {
	app := zoom.App{ClientID: r.client.ClientID}
	if r.client.Kind == auth.Confidential {
		if r.client.SecretNeeded {
			return app, &SecretNeededError{Client: r.client.Name}
		}
		clientSecret, err := sv.Store.Secrets().Get(store.ClientSecretKey(r.client.ID))
		if err != nil {
			return app, err
		}
		app.Secret = clientSecret
	}
	return app, nil
}

// refresh trades the stored refresh token for new tokens. The caller holds
// the connection lock. Zoom rotates refresh tokens, so the new one is saved
// before anything else; invalid_grant marks the connection as needing
// authorization and deletes nothing.
func (sv *Service) refresh(ctx context.Context, r *resolved) (*Token, error) {
	rt, err := sv.Store.Secrets().Get(store.RefreshTokenKey(r.conn.ID))
	if errors.Is(err, secret.ErrNotFound) {
		return nil, &NeedsAuthError{Connection: r.conn.Name}
	}
	if err != nil {
		return nil, err
	}
	app, err := sv.app(r)
	if err != nil {
		return nil, err
	}
	grant, err := sv.zoom().Refresh(ctx, r.conn.Endpoints.TokenURL, app, rt)
	if zoom.IsKind(err, zoom.KindInvalidGrant) {
		if merr := sv.Store.UpdateConnection(r.conn.ID, func(c *auth.Connection) { c.NeedsAuth = true }); merr != nil {
			err = errors.Join(err, merr)
		}
		return nil, &NeedsAuthError{Connection: r.conn.Name, Err: err}
	}
	if err != nil {
		return nil, credentialsError(r, err)
	}
	return sv.storeGrant(ctx, r, grant)
}

// saveTries is how often a rotated refresh token is offered to the secret
// store: Zoom has already retired the old one, so a passing keyring hiccup
// must not cost the user a new authorization. saveBackoff is the first
// wait between tries; it doubles.
const (
	saveTries   = 3
	saveBackoff = 200 * time.Millisecond
)

// storeGrant saves a token response: the refresh token first (the old one
// is already dead at Zoom), then the access token. The caller holds the
// connection's lock; if the connection was removed or changed meanwhile,
// nothing is saved.
func (sv *Service) storeGrant(ctx context.Context, r *resolved, g *zoom.Grant) (*Token, error) {
	d, err := sv.Store.Load()
	if err != nil {
		return nil, err
	}
	if err := sv.stale(d, r); err != nil {
		return nil, err
	}
	tok := g.Token
	if g.RefreshToken != "" {
		if err := sv.saveRefreshToken(ctx, r.conn.ID, g.RefreshToken); err != nil {
			// Say so now rather than fail later with invalid_grant.
			_ = sv.Store.UpdateConnection(r.conn.ID, func(c *auth.Connection) { c.NeedsAuth = true })
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
		if err = sv.Store.Secrets().Set(store.RefreshTokenKey(connID), rt); err == nil {
			return nil
		}
		if try < saveTries {
			_ = sv.sleep(ctx, wait)
			wait *= 2
		}
	}
	return err
}
