package auth

import (
	"context"
	"fmt"
	"strings"
	"zoomconn/auth/store"
)

// ConnectionInput is what a form or the command line submits to create
// (ID empty) or edit a connection.
type ConnectionInput struct {
	ID        string
	Name      string
	Type      AuthType
	AccountID string // s2s
	ClientID  string // s2s
	// ClientSecret (s2s) is required for a new connection and whenever the
	// Account ID, the Client ID or a URL the secret is sent to (authorize,
	// token, revoke) changes; otherwise empty keeps the stored one.
	ClientSecret  string
	OAuthClientID string // oauth
	// Endpoints of a Server-to-Server connection. An OAuth 2.0 connection
	// takes its authorize, token and revoke URLs from its OAuth client:
	// here they may only be empty or equal to the client's, and its API base
	// URL is read only when the client's endpoints are custom ("" means
	// the client's).
	Endpoints Endpoints
}

type connectionPlan struct {
	conn    Connection
	old     *Connection // nil when new
	secret  string      // "" keeps the stored secret
	notices []string
}

// ValidateConnection checks in against d without changing anything. The
// error, if any, is a [*ValidationError].
func (d *Data) ValidateConnection(in ConnectionInput) error {
	_, err := d.planConnection(in)
	return err
}

func (d *Data) planConnection(in ConnectionInput) (*connectionPlan, error) {
	p := &connectionPlan{}
	var fe fieldErrors
	if in.ID != "" {
		old, ok := d.ConnectionByID(in.ID)
		if !ok {
			return nil, &NotFoundError{What: "connection", Name: in.Name}
		}
		p.old = old
		p.conn = *old
	} else {
		p.conn = Connection{ID: newID()}
	}
	c := &p.conn
	c.Name = fe.checkName(FieldConnName, strings.TrimSpace(in.Name), func(n string) (string, bool) {
		return d.connectionLike(n, in.ID)
	})
	c.Type = in.Type
	switch in.Type {
	case AuthS2S:
		c.AccountID = strings.TrimSpace(in.AccountID)
		c.ClientID = strings.TrimSpace(in.ClientID)
		c.OAuthClientID = ""
		fe.checkID(FieldAccountID, c.AccountID)
		fe.checkID(FieldClientID, c.ClientID)
		ep, epErrs := in.Endpoints.normalize()
		fe = append(fe, epErrs...)
		c.Endpoints = ep
		why := ""
		switch {
		case p.old == nil:
		case p.old.Type != AuthS2S:
			why = " because the auth type changed"
		case p.old.AccountID != c.AccountID || p.old.ClientID != c.ClientID:
			why = " again because the Account ID or Client ID changed"
		case !normalized(p.old.Endpoints).sameSecretURLs(ep):
			why = fmt.Sprintf(" again because the %s changed: a secret is sent only to the endpoints it was entered for", secretURLRoles(p.old.Endpoints, ep))
		}
		required := p.old == nil || why != ""
		p.secret = fe.checkSecret(in.ClientSecret, required, why, &p.notices)
	case AuthOAuth:
		c.AccountID, c.ClientID = "", ""
		c.OAuthClientID = in.OAuthClientID
		if in.OAuthClientID == "" {
			fe.add(FieldOAuthClient, "%s is required: pick one, or add one first.", FieldOAuthClient)
		} else if cl, ok := d.ClientByID(in.OAuthClientID); !ok {
			fe.add(FieldOAuthClient, "%s: the selected OAuth client no longer exists; pick another.", FieldOAuthClient)
		} else {
			ep, epErrs := oauthConnectionEndpoints(cl, in.Endpoints)
			fe = append(fe, epErrs...)
			c.Endpoints = ep
		}
	case "":
		fe.add(FieldAuthType, "%s is required: choose Custom or OAuth 2.0.", FieldAuthType)
	default:
		fe.add(FieldAuthType, "%s must be Custom (s2s) or OAuth 2.0 (oauth), not %q.", FieldAuthType, in.Type)
	}
	if err := fe.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// oauthConnectionEndpoints checks what an OAuth 2.0 connection's input says
// about endpoints against its client's, and returns the connection's
// endpoint set. The client owns the URLs its secret and the connection's
// refresh token go to; the connection may only choose its API base URL, and
// only on a client with custom endpoints.
func oauthConnectionEndpoints(cl *OAuthClient, in Endpoints) (Endpoints, []*FieldError) {
	ce := cl.Endpoints
	if in.Preset != "" && in.Preset != ce.Preset {
		return ce, []*FieldError{{Field: FieldEndpoints, Message: fmt.Sprintf(
			"%s come from the OAuth client %q (%s); to use other endpoints, change that client or pick another.", FieldEndpoints, cl.Name, ce.Preset.Label())}}
	}
	var errs []*FieldError
	for _, f := range []struct{ field, got, want string }{
		{FieldAuthorizeURL, in.AuthorizeURL, ce.AuthorizeURL},
		{FieldTokenURL, in.TokenURL, ce.TokenURL},
		{FieldRevokeURL, in.RevokeURL, ce.RevokeURL},
	} {
		if got := strings.TrimRight(strings.TrimSpace(f.got), "/"); got != "" && got != f.want {
			errs = append(errs, &FieldError{Field: f.field, Message: fmt.Sprintf(
				"%s belongs to the OAuth client %q (%s); change it there, where its secret is kept.", f.field, cl.Name, f.want)})
		}
	}
	api := strings.TrimRight(strings.TrimSpace(in.APIBaseURL), "/")
	switch {
	case api == "" || api == ce.APIBaseURL:
		api = ""
	case ce.Preset != PresetCustom:
		errs = append(errs, &FieldError{Field: FieldAPIURL, Message: fmt.Sprintf(
			"%s comes from the OAuth client %q (%s); a custom API URL needs a client with custom endpoints.", FieldAPIURL, cl.Name, ce.Preset.Label())})
	default:
		if msg := checkEndpointURL(api); msg != "" {
			errs = append(errs, &FieldError{Field: FieldAPIURL, Message: FieldAPIURL + " " + msg})
		}
	}
	return ce.forConnection(api), errs
}

// SaveResult says what a save did.
type SaveResult struct {
	Connection Connection
	// Notices are things the user should know, e.g. that whitespace was
	// trimmed from a pasted secret.
	Notices []string
}

// SaveConnection validates and stores a connection and its secret. On any
// failure nothing changes: not the file, not the keyring.
func (s *Store) SaveConnection(in ConnectionInput) (SaveResult, error) {
	var res SaveResult
	// An edit may drop tokens: wait for a refresh in flight, as a delete does.
	unlock, err := s.lockForEdit(func(d *Data) []Connection {
		if c, ok := d.ConnectionByID(in.ID); ok {
			return []Connection{*c}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	defer unlock()
	err = s.update(func(d *Data, t *store.Tx) error {
		p, err := d.planConnection(in)
		if err != nil {
			return err
		}
		c, old := &p.conn, p.old
		now := s.Now().UTC()
		c.Updated = now
		if old == nil {
			c.Created = now
		}
		// Which stored secrets no longer fit the new identity.
		var drop []string
		switch c.Type {
		case AuthS2S:
			if p.secret != "" {
				if err := t.Set(s2sSecretKey(c.ID), p.secret); err != nil {
					return err
				}
			}
			if old != nil && (p.secret != "" || old.Type != AuthS2S || old.Endpoints != c.Endpoints) {
				drop = append(drop, accessTokenKey(c.ID))
			}
			if old != nil && old.Type == AuthOAuth {
				drop = append(drop, refreshTokenKey(c.ID))
			}
			c.NeedsAuth = false
		case AuthOAuth:
			identityChanged := old == nil || old.Type != AuthOAuth || old.OAuthClientID != c.OAuthClientID || old.Endpoints != c.Endpoints
			if identityChanged {
				c.NeedsAuth = true
				c.LastTest = nil
				if old != nil {
					drop = append(drop, s2sSecretKey(c.ID), refreshTokenKey(c.ID), accessTokenKey(c.ID))
				}
			}
		}
		for _, k := range drop {
			if err := t.Delete(k); err != nil {
				return err
			}
			if k == accessTokenKey(c.ID) {
				c.TokenExpiry, c.TokenAPIURL, c.TokenScopes = nil, "", nil
			}
		}
		if old != nil {
			*old = *c
		} else {
			d.Connections = append(d.Connections, *c)
		}
		res = SaveResult{Connection: *c, Notices: p.notices}
		return nil
	})
	return res, err
}

// lockForEdit takes the connection locks of the connections affected picks
// from the current data (none for a new item).
func (s *Store) lockForEdit(affected func(d *Data) []Connection) (func(), error) {
	d, err := s.Load()
	if err != nil {
		return nil, err
	}
	conns := affected(d)
	if len(conns) == 0 {
		return func() {}, nil
	}
	return s.lockConnections(context.Background(), conns)
}

// DeleteConnection removes a connection and its keyring items. If the
// keyring cannot be reached, nothing is deleted.
func (s *Store) DeleteConnection(name string) error {
	d, err := s.Load()
	if err != nil {
		return err
	}
	c, ok := d.Connection(name)
	if !ok {
		return &NotFoundError{What: "connection", Name: name}
	}
	// A refresh running now would save its rotated tokens after the delete
	// and leave them behind: wait for it (it holds this lock throughout).
	unlock, err := s.lockConnection(context.Background(), c.ID, c.Name)
	if err != nil {
		return fmt.Errorf("The connection %q was not deleted: %w", c.Name, err)
	}
	defer unlock()
	id := c.ID
	return s.update(func(d *Data, t *store.Tx) error {
		c, ok := d.ConnectionByID(id)
		if !ok || !strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return &NotFoundError{What: "connection", Name: name}
		}
		for _, k := range connectionSecretKeys(c.ID) {
			if err := t.Delete(k); err != nil {
				return fmt.Errorf("The connection %q was not deleted: %w", c.Name, err)
			}
		}
		d.Connections = removeAt(d.Connections, func(x Connection) bool { return x.ID == c.ID })
		return nil
	})
}

// UpdateConnection applies fn to the stored connection with this id, for
// status changes (test result, needs-authorization) that touch no secret.
func (s *Store) UpdateConnection(id string, fn func(c *Connection)) error {
	return s.update(func(d *Data, _ *store.Tx) error {
		c, ok := d.ConnectionByID(id)
		if !ok {
			return &NotFoundError{What: "connection", Name: id}
		}
		fn(c)
		return nil
	})
}

func removeAt[T any](items []T, match func(T) bool) []T {
	out := items[:0]
	for _, it := range items {
		if !match(it) {
			out = append(out, it)
		}
	}
	return out
}
