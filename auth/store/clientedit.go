package store

import (
	"context"
	"fmt"
	"strings"

	"zoomconn/auth"
)

// OAuth clients: save and delete. A client owns its endpoints; an edit
// that moves them drops its connections' tokens.

// ClientSaveResult says what saving an OAuth client did.
type ClientSaveResult struct {
	Client  auth.OAuthClient
	Notices []string
}

// SaveClient validates and stores an OAuth client and its secret. Editing
// the Client ID marks the connections that use it as needing authorization,
// since their tokens belong to the old app.
func (s *Store) SaveClient(in auth.ClientInput) (ClientSaveResult, error) {
	var res ClientSaveResult
	// An edit may drop its connections' tokens: wait for their refreshes.
	unlock, err := s.lockForEdit(func(d *auth.Data) []auth.Connection {
		var users []auth.Connection
		for _, c := range d.Connections {
			if in.ID != "" && c.Type == auth.AuthOAuth && c.OAuthClientID == in.ID {
				users = append(users, c)
			}
		}
		return users
	})
	if err != nil {
		return res, err
	}
	defer unlock()
	err = s.update(func(d *auth.Data, t *Tx) error {
		p, err := d.PlanClient(in)
		if err != nil {
			return err
		}
		c, old, secret := p.Client, p.Old, p.Secret
		now := s.Now().UTC()
		c.Updated = now
		if old == nil {
			c.Created = now
		}
		switch {
		case c.Kind == auth.Public:
			if err := t.Delete(ClientSecretKey(c.ID)); err != nil {
				return err
			}
		case secret != "":
			if err := t.Set(ClientSecretKey(c.ID), secret); err != nil {
				return err
			}
		}
		if old != nil && old.ClientID != c.ClientID {
			// Another app: the old one's Secret Token does not sign its events.
			if err := t.Delete(ClientSecretTokenKey(c.ID)); err != nil {
				return err
			}
			c.HasSecretToken = false
			if in.EventsSubscription == nil { // one given with the change is the new app's
				c.EventsSubscription = ""
			}
		}
		if old != nil {
			// The refresh tokens of its connections were issued to the old
			// app or endpoints: they must never reach the new ones.
			reauthorize := old.ClientID != c.ClientID || !old.Endpoints.SameSecretURLs(c.Endpoints)
			for i := range d.Connections {
				conn := &d.Connections[i]
				if conn.Type != auth.AuthOAuth || conn.OAuthClientID != c.ID {
					continue
				}
				api := ""
				if old.Endpoints.Preset == auth.PresetCustom && conn.Endpoints.APIBaseURL != old.Endpoints.APIBaseURL {
					api = conn.Endpoints.APIBaseURL // the connection's own choice
				}
				ep := c.Endpoints.ForConnection(api)
				var drop []string
				if reauthorize {
					conn.NeedsAuth = true
					drop = append(drop, RefreshTokenKey(conn.ID), AccessTokenKey(conn.ID))
				} else if ep != conn.Endpoints {
					drop = append(drop, AccessTokenKey(conn.ID))
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
		res = ClientSaveResult{Client: c, Notices: p.Notices}
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
		return d.ClientNotFound(name)
	}
	// Wait for any refresh through this client (one whose connection was
	// switched to another client meanwhile checks, under its own lock,
	// that its client is unchanged before it saves anything).
	var users []auth.Connection
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
	return s.update(func(d *auth.Data, t *Tx) error {
		c, ok := d.ClientByID(id)
		if !ok || !strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return d.ClientNotFound(name)
		}
		if users := d.ConnectionsUsing(c.ID); len(users) > 0 {
			return &InUseError{Client: c.Name, Connections: users}
		}
		for _, k := range clientSecretKeys(c.ID) {
			if err := t.Delete(k); err != nil {
				return fmt.Errorf("The OAuth client %q was not deleted: %w", c.Name, err)
			}
		}
		d.Clients = removeAt(d.Clients, func(x auth.OAuthClient) bool { return x.ID == c.ID })
		return nil
	})
}
