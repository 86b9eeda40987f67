package auth

import (
	"context"
	"fmt"
	"strings"
	"zoomconn/auth/store"
)

// OAuth clients: input, validation, save and delete. A client owns its
// endpoints; an edit that moves them drops its connections' tokens.

// ClientInput is what a form or the command line submits to create (ID
// empty) or edit an OAuth client.
type ClientInput struct {
	ID       string
	Name     string
	ClientID string
	Public   bool
	Port     int
	// ClientSecret is required for a new confidential client and whenever
	// the Client ID or a URL the secret is sent to (authorize, token,
	// revoke) changes, or the client stops being public; otherwise empty
	// keeps the stored one. Ignored for public clients.
	ClientSecret string
	// Endpoints are the Zoom deployment of the app, for all its connections.
	Endpoints Endpoints
}

// connectionPlan is a validated change, ready to apply.
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
	c.Name = fe.checkName(FieldClientName, strings.TrimSpace(in.Name), func(n string) (string, bool) {
		return d.clientLike(n, in.ID)
	})
	c.ClientID = strings.TrimSpace(in.ClientID)
	fe.checkID(FieldClientID, c.ClientID)
	c.Kind = Confidential
	if in.Public {
		c.Kind = Public
	}
	ep, epErrs := in.Endpoints.normalize()
	fe = append(fe, epErrs...)
	c.Endpoints = ep
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
		case !normalized(old.Endpoints).sameSecretURLs(ep):
			why = fmt.Sprintf(" again because the %s changed: a secret is sent only to the endpoints it was entered for", secretURLRoles(old.Endpoints, ep))
		case old.SecretNeeded:
			why = " again: it was stored before zoomconn bound secrets to their endpoints, and this client's connections disagreed about them"
		}
		p.secret = fe.checkSecret(in.ClientSecret, old == nil || why != "", why, &p.notices)
	}
	// A successful plan has a freshly typed secret wherever one was needed.
	c.SecretNeeded = false
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
	// An edit may drop its connections' tokens: wait for their refreshes.
	unlock, err := s.lockForEdit(func(d *Data) []Connection {
		var users []Connection
		for _, c := range d.Connections {
			if in.ID != "" && c.Type == AuthOAuth && c.OAuthClientID == in.ID {
				users = append(users, c)
			}
		}
		return users
	})
	if err != nil {
		return res, err
	}
	defer unlock()
	err = s.update(func(d *Data, t *store.Tx) error {
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
			if err := t.Delete(clientSecretKey(c.ID)); err != nil {
				return err
			}
		case secret != "":
			if err := t.Set(clientSecretKey(c.ID), secret); err != nil {
				return err
			}
		}
		if old != nil {
			// The refresh tokens of its connections were issued to the old
			// app or endpoints: they must never reach the new ones.
			reauthorize := old.ClientID != c.ClientID || !old.Endpoints.sameSecretURLs(c.Endpoints)
			for i := range d.Connections {
				conn := &d.Connections[i]
				if conn.Type != AuthOAuth || conn.OAuthClientID != c.ID {
					continue
				}
				api := ""
				if old.Endpoints.Preset == PresetCustom && conn.Endpoints.APIBaseURL != old.Endpoints.APIBaseURL {
					api = conn.Endpoints.APIBaseURL // the connection's own choice
				}
				ep := c.Endpoints.forConnection(api)
				var drop []string
				if reauthorize {
					conn.NeedsAuth = true
					drop = append(drop, refreshTokenKey(conn.ID), accessTokenKey(conn.ID))
				} else if ep != conn.Endpoints {
					drop = append(drop, accessTokenKey(conn.ID))
				}
				for _, k := range drop {
					if err := t.Delete(k); err != nil {
						return err
					}
				}
				if len(drop) > 0 {
					conn.TokenExpiry, conn.TokenAPIURL, conn.TokenScopes = nil, "", nil
				}
				conn.Endpoints = ep
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

// DeleteClient removes an OAuth client and its secret, refusing with an
// [*InUseError] while connections use it.
func (s *Store) DeleteClient(name string) error {
	d, err := s.Load()
	if err != nil {
		return err
	}
	c, ok := d.Client(name)
	if !ok {
		return &NotFoundError{What: "OAuth client", Name: name}
	}
	// Wait for any refresh through this client (one whose connection was
	// switched to another client meanwhile checks, under its own lock,
	// that its client is unchanged before it saves anything).
	var users []Connection
	for _, conn := range d.Connections {
		if conn.OAuthClientID == c.ID {
			users = append(users, conn)
		}
	}
	unlock, err := s.lockConnections(context.Background(), users)
	if err != nil {
		return fmt.Errorf("The OAuth client %q was not deleted: %w", c.Name, err)
	}
	defer unlock()
	id := c.ID
	return s.update(func(d *Data, t *store.Tx) error {
		c, ok := d.ClientByID(id)
		if !ok || !strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return &NotFoundError{What: "OAuth client", Name: name}
		}
		if users := d.ConnectionsUsing(c.ID); len(users) > 0 {
			return &InUseError{Client: c.Name, Connections: users}
		}
		if err := t.Delete(clientSecretKey(c.ID)); err != nil {
			return fmt.Errorf("The OAuth client %q was not deleted: %w", c.Name, err)
		}
		d.Clients = removeAt(d.Clients, func(x OAuthClient) bool { return x.ID == c.ID })
		return nil
	})
}
