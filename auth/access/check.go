package access

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/store"
	"zoomconn/auth/zoom"
	"zoomconn/internal/safetext"
)

// Identity is who a connection acts as.
type Identity struct {
	UserID    string `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	AccountID string `json:"account_id"`
}

// String is the best one-line name for the identity.
func (i Identity) String() string {
	name := strings.TrimSpace(i.FirstName + " " + i.LastName)
	switch {
	case i.Email != "" && name != "":
		return name + " <" + i.Email + ">"
	case i.Email != "":
		return i.Email
	}
	return i.UserID
}

// safe passes every field through [safetext.Clean]: Zoom chose them, and they
// are printed, shown and stored in the last test result.
func (i Identity) safe() Identity {
	for _, f := range []*string{&i.UserID, &i.Email, &i.FirstName, &i.LastName, &i.AccountID} {
		*f = safetext.Clean(*f, safetext.MaxServer)
	}
	return i
}

// TestReport is what "Test connection" found.
type TestReport struct {
	Identity Identity
	Scopes   []string
	Expiry   time.Time
	APIBase  string // the API base URL calls go to (regional for Zoom's own API)
	Call     string // the API call made, e.g. "GET /users/me"; "" if none
	Note     string // e.g. why no call was made
}

// Summary is the one-line result stored on the connection.
func (r *TestReport) Summary() string {
	var parts []string
	if who := r.Identity.String(); who != "" {
		parts = append(parts, "as "+who)
	}
	if r.Identity.AccountID != "" {
		parts = append(parts, "account "+r.Identity.AccountID)
	}
	scopes := "scopes"
	if len(r.Scopes) == 1 {
		scopes = "scope"
	}
	parts = append(parts, fmt.Sprintf("%d %s", len(r.Scopes), scopes))
	if r.Note != "" {
		parts = append(parts, r.Note)
	}
	return "Connected " + strings.Join(parts, ", ")
}

// Scopes that allow the calls Test makes (classic and granular names).
var (
	meScopes    = []string{"user:read:user", "user:read:admin", "user:read", "user:read:user:admin", "user:master"}
	usersScopes = []string{"user:read:list_users:admin", "user:read:admin", "user:read"}
)

func hasAny(granted, want []string) bool {
	return slices.ContainsFunc(want, func(s string) bool { return slices.Contains(granted, s) })
}

// Test proves a connection works: it gets a token and makes one API call
// that the granted scopes allow, then records the outcome on the connection.
func (sv *Service) Test(ctx context.Context, name string) (*TestReport, error) {
	r, err := sv.resolve(name)
	if err != nil {
		return nil, err
	}
	rep, testErr := sv.test(ctx, r)
	result := auth.TestResult{OK: testErr == nil}
	var ze *zoom.Error
	switch {
	case testErr == nil:
		result.Message = rep.Summary()
	case errors.As(testErr, &ze):
		result.Kind = ze.Kind
		fallthrough
	default:
		result.Message = firstSentence(testErr.Error())
	}
	if err := sv.recordTest(r.conn.ID, result); err != nil {
		return rep, errors.Join(testErr, err)
	}
	return rep, testErr
}

// recordTest saves a test's outcome as the connection's status, its
// message made safe first: the list prints it again.
func (sv *Service) recordTest(connID string, result auth.TestResult) error {
	result.At = sv.now().UTC()
	result.Message = safetext.Clean(result.Message, safetext.MaxShown)
	result.Kind = safetext.Clean(result.Kind, safetext.MaxCode)
	return sv.Store.UpdateConnection(connID, func(c *auth.Connection) { c.LastTest = &result })
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}

func (sv *Service) test(ctx context.Context, r *resolved) (*TestReport, error) {
	tok, err := sv.token(ctx, r, "")
	if err != nil {
		return nil, err
	}
	rep, err := sv.describe(ctx, r, tok)
	if zoom.IsKind(err, zoom.KindInvalidToken) {
		// The cached token was revoked or expired early: get a new one once.
		if tok, err = sv.token(ctx, r, tok.AccessToken); err != nil {
			return nil, err
		}
		rep, err = sv.describe(ctx, r, tok)
	}
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// describe reports what tok grants and who it acts as, read with one API
// call; a note says so when no granted scope allows reading a user.
func (sv *Service) describe(ctx context.Context, r *resolved, tok *Token) (*TestReport, error) {
	rep := &TestReport{Scopes: tok.Scopes(), Expiry: tok.Expiry, APIBase: r.apiBase(tok)}
	id, err := sv.identity(ctx, r, tok)
	switch {
	case errors.Is(err, errNoIdentityScope):
		rep.Note = "no scope allows reading a user; add user:read:user or user:read:admin to see who it acts as"
	case err != nil:
		return rep, err
	default:
		rep.Identity = *id
		rep.Call = "GET /users/me"
	}
	return rep, nil
}

var errNoIdentityScope = errors.New("no granted scope allows reading a user")

// identity reads who the token acts as: /users/me when a scope allows it,
// else the first user of /users for an admin-level token.
func (sv *Service) identity(ctx context.Context, r *resolved, tok *Token) (*Identity, error) {
	base := r.apiBase(tok)
	granted := tok.Scopes()
	if len(granted) == 0 || hasAny(granted, meScopes) {
		var id Identity
		if err := sv.zoom().GetJSON(ctx, base, tok.AccessToken, "/users/me", &id); err != nil {
			return nil, err
		}
		id = id.safe()
		return &id, nil
	}
	if hasAny(granted, usersScopes) {
		var list struct {
			Users []Identity `json:"users"`
		}
		if err := sv.zoom().GetJSON(ctx, base, tok.AccessToken, "/users?page_size=1", &list); err != nil {
			return nil, err
		}
		if len(list.Users) > 0 {
			id := list.Users[0].safe()
			return &id, nil
		}
	}
	return nil, errNoIdentityScope
}

// Revoke disconnects a connection at Zoom (RFC 7009 style: POST the token
// to the revoke URL with the client's credentials) and removes its stored
// tokens. The connection itself is kept; see [store.Store.DeleteConnection] for
// removing it locally. It returns a sentence saying what happened.
func (sv *Service) Revoke(ctx context.Context, name string) (string, error) {
	r, err := sv.resolve(name)
	if err != nil {
		return "", err
	}
	unlock, err := sv.Store.LockConnection(ctx, r.conn.ID, r.conn.Name)
	if err != nil {
		return "", err
	}
	defer unlock()
	d, err := sv.Store.Load()
	if err != nil {
		return "", err
	}
	if err := sv.stale(d, r); err != nil {
		return "", err
	}
	secrets := sv.Store.Secrets()
	var token, clientID, clientSecret string
	if r.conn.Type == auth.AuthOAuth {
		token, err = secrets.Get(store.RefreshTokenKey(r.conn.ID))
		clientID = r.client.ClientID
		if err == nil && r.client.Kind == auth.Confidential {
			if r.client.SecretNeeded {
				return "", &SecretNeededError{Client: r.client.Name}
			}
			clientSecret, err = secrets.Get(store.ClientSecretKey(r.client.ID))
		}
	} else {
		var cached *Token
		if cached, err = sv.cachedToken(r.conn.ID); err == nil && cached != nil {
			token = cached.AccessToken
		}
		clientID = r.conn.ClientID
		if err == nil {
			clientSecret, err = secrets.Get(store.S2SSecretKey(r.conn.ID))
		}
	}
	if errors.Is(err, secret.ErrNotFound) || (err == nil && token == "") {
		return fmt.Sprintf("The connection %q holds no token to revoke; nothing was changed.", r.conn.Name), nil
	}
	if err != nil {
		return "", err
	}
	if err := sv.zoom().Revoke(ctx, r.conn.Endpoints.RevokeURL, token, zoom.App{ClientID: clientID, Secret: clientSecret}); err != nil && !zoom.IsKind(err, zoom.KindInvalidGrant) {
		return "", err
	}
	for _, k := range []string{store.RefreshTokenKey(r.conn.ID), store.AccessTokenKey(r.conn.ID)} {
		if err := store.IgnoreNotFound(secrets.Delete(k)); err != nil {
			return "", err
		}
	}
	if err := sv.Store.UpdateConnection(r.conn.ID, func(c *auth.Connection) {
		c.TokenExpiry, c.TokenAPIURL, c.TokenScopes = nil, "", nil
		c.NeedsAuth = c.Type == auth.AuthOAuth
	}); err != nil {
		return "", err
	}
	if r.conn.Type == auth.AuthS2S {
		return fmt.Sprintf("Zoom revoked the cached access token of %q. The connection and its credentials are kept; the next use fetches a new token.", r.conn.Name), nil
	}
	return fmt.Sprintf("Disconnected %q: Zoom revoked its authorization and the stored tokens were removed. The connection is kept; authorize it again to use it.", r.conn.Name), nil
}
