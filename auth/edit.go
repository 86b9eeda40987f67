package auth

import (
	"fmt"
	"strings"
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
	// Account ID or Client ID changes; otherwise empty keeps the stored one.
	ClientSecret  string
	OAuthClientID string // oauth
	Endpoints     Endpoints
}

// ClientInput is what a form or the command line submits to create (ID
// empty) or edit an OAuth client.
type ClientInput struct {
	ID       string
	Name     string
	ClientID string
	Public   bool
	Port     int
	// ClientSecret is required for a new confidential client and whenever
	// the Client ID changes or the client stops being public; otherwise
	// empty keeps the stored one. Ignored for public clients.
	ClientSecret string
}

// connectionPlan is a validated change, ready to apply.
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
	c.Name = strings.TrimSpace(in.Name)
	fe.checkName(FieldConnName, c.Name, func(n string) bool {
		other, ok := d.Connection(n)
		return ok && other.ID != in.ID
	})
	c.Type = in.Type
	switch in.Type {
	case AuthS2S:
		c.AccountID = strings.TrimSpace(in.AccountID)
		c.ClientID = strings.TrimSpace(in.ClientID)
		c.OAuthClientID = ""
		fe.checkID(FieldAccountID, c.AccountID)
		fe.checkID(FieldClientID, c.ClientID)
		why := ""
		switch {
		case p.old == nil:
		case p.old.Type != AuthS2S:
			why = " because the auth type changed"
		case p.old.AccountID != c.AccountID || p.old.ClientID != c.ClientID:
			why = " again because the Account ID or Client ID changed"
		}
		required := p.old == nil || why != ""
		p.secret = fe.checkSecret(in.ClientSecret, required, why, &p.notices)
	case AuthOAuth:
		c.AccountID, c.ClientID = "", ""
		c.OAuthClientID = in.OAuthClientID
		if in.OAuthClientID == "" {
			fe.add(FieldOAuthClient, "%s is required: pick one, or add one with the + button.", FieldOAuthClient)
		} else if _, ok := d.ClientByID(in.OAuthClientID); !ok {
			fe.add(FieldOAuthClient, "%s: the selected OAuth client no longer exists; pick another.", FieldOAuthClient)
		}
	case "":
		fe.add(FieldAuthType, "%s is required: choose Custom or OAuth 2.0.", FieldAuthType)
	default:
		fe.add(FieldAuthType, "%s must be Custom (s2s) or OAuth 2.0 (oauth), not %q.", FieldAuthType, in.Type)
	}
	ep, epErrs := in.Endpoints.normalize()
	fe = append(fe, epErrs...)
	c.Endpoints = ep
	if err := fe.err(); err != nil {
		return nil, err
	}
	return p, nil
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
	err := s.update(func(d *Data, t *tx) error {
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
				if err := t.set(s2sSecretKey(c.ID), p.secret); err != nil {
					return err
				}
			}
			if old != nil && (p.secret != "" || old.Type != AuthS2S || old.Endpoints.TokenURL != c.Endpoints.TokenURL) {
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
			if err := t.delete(k); err != nil {
				return err
			}
			if k == accessTokenKey(c.ID) {
				c.TokenExpiry = nil
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

// ClientSaveResult says what saving an OAuth client did.
type ClientSaveResult struct {
	Client  OAuthClient
	Notices []string
}

// ValidateClient checks in against d without changing anything.
func (d *Data) ValidateClient(in ClientInput) error {
	_, err := d.planClient(in)
	return err
}

type clientPlan struct {
	client  OAuthClient
	old     *OAuthClient // nil when new
	secret  string       // "" keeps the stored secret
	notices []string
}

func (d *Data) planClient(in ClientInput) (*clientPlan, error) {
	var fe fieldErrors
	p := &clientPlan{}
	if in.ID != "" {
		old, ok := d.ClientByID(in.ID)
		if !ok {
			return nil, &NotFoundError{What: "OAuth client", Name: in.Name}
		}
		p.old, p.client = old, *old
	} else {
		p.client = OAuthClient{ID: newID()}
	}
	c, old := &p.client, p.old
	c.Name = strings.TrimSpace(in.Name)
	fe.checkName(FieldClientName, c.Name, func(n string) bool {
		other, ok := d.Client(n)
		return ok && other.ID != in.ID
	})
	c.ClientID = strings.TrimSpace(in.ClientID)
	fe.checkID(FieldClientID, c.ClientID)
	c.Kind = Confidential
	if in.Public {
		c.Kind = Public
	}
	if in.Port != 0 && (in.Port < minFixedPort || in.Port > maxFixedPort) {
		fe.add(FieldPort, "%s must be between %d and %d, or empty to pick a free port each time.", FieldPort, minFixedPort, maxFixedPort)
	}
	c.Port = in.Port
	if c.Kind == Confidential {
		why := ""
		switch {
		case old == nil:
		case old.Kind != Confidential:
			why = " because the client is no longer public"
		case old.ClientID != c.ClientID:
			why = " again because the Client ID changed"
		}
		p.secret = fe.checkSecret(in.ClientSecret, old == nil || why != "", why, &p.notices)
	}
	if err := fe.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// SaveClient validates and stores an OAuth client and its secret. Editing
// the Client ID marks the connections that use it as needing authorization,
// since their tokens belong to the old app.
func (s *Store) SaveClient(in ClientInput) (ClientSaveResult, error) {
	var res ClientSaveResult
	err := s.update(func(d *Data, t *tx) error {
		p, err := d.planClient(in)
		if err != nil {
			return err
		}
		c, old, secret := p.client, p.old, p.secret
		now := s.Now().UTC()
		c.Updated = now
		if old == nil {
			c.Created = now
		}
		switch {
		case c.Kind == Public:
			if err := t.delete(clientSecretKey(c.ID)); err != nil {
				return err
			}
		case secret != "":
			if err := t.set(clientSecretKey(c.ID), secret); err != nil {
				return err
			}
		}
		if old != nil && old.ClientID != c.ClientID {
			for i := range d.Connections {
				if d.Connections[i].OAuthClientID == c.ID {
					d.Connections[i].NeedsAuth = true
				}
			}
		}
		if old != nil {
			*old = c
		} else {
			d.Clients = append(d.Clients, c)
		}
		res = ClientSaveResult{Client: c, Notices: p.notices}
		return nil
	})
	return res, err
}

// DeleteConnection removes a connection and its keyring items. If the
// keyring cannot be reached, nothing is deleted.
func (s *Store) DeleteConnection(name string) error {
	return s.update(func(d *Data, t *tx) error {
		c, ok := d.Connection(name)
		if !ok {
			return &NotFoundError{What: "connection", Name: name}
		}
		for _, k := range connectionSecretKeys(c.ID) {
			if err := t.delete(k); err != nil {
				return fmt.Errorf("The connection %q was not deleted: %w", c.Name, err)
			}
		}
		d.Connections = removeAt(d.Connections, func(x Connection) bool { return x.ID == c.ID })
		return nil
	})
}

// DeleteClient removes an OAuth client and its secret, refusing with an
// [*InUseError] while connections use it.
func (s *Store) DeleteClient(name string) error {
	return s.update(func(d *Data, t *tx) error {
		c, ok := d.Client(name)
		if !ok {
			return &NotFoundError{What: "OAuth client", Name: name}
		}
		if users := d.ConnectionsUsing(c.ID); len(users) > 0 {
			return &InUseError{Client: c.Name, Connections: users}
		}
		if err := t.delete(clientSecretKey(c.ID)); err != nil {
			return fmt.Errorf("The OAuth client %q was not deleted: %w", c.Name, err)
		}
		d.Clients = removeAt(d.Clients, func(x OAuthClient) bool { return x.ID == c.ID })
		return nil
	})
}

// UpdateConnection applies fn to the stored connection with this id, for
// status changes (test result, needs-authorization) that touch no secret.
func (s *Store) UpdateConnection(id string, fn func(c *Connection)) error {
	return s.update(func(d *Data, _ *tx) error {
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
