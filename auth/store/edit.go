package store

import (
	"context"
	"fmt"
	"strings"

	"zoomconn/auth"
)

// SaveResult says what a save did.
type SaveResult struct {
	Connection auth.Connection
	// Notices are things the user should know, e.g. that whitespace was
	// trimmed from a pasted secret.
	Notices []string
}

// SaveConnection validates and stores a connection and its secret. On any
// failure nothing changes: not the file, not the keyring.
func (s *Store) SaveConnection(in auth.ConnectionInput) (SaveResult, error) {
	var res SaveResult
	// An edit may drop tokens: wait for a refresh in flight, as a delete does.
	unlock, err := s.lockForEdit(func(d *auth.Data) []auth.Connection {
		if c, ok := d.ConnectionByID(in.ID); ok {
			return []auth.Connection{*c}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	defer unlock()
	err = s.update(func(d *auth.Data, t *Tx) error {
		p, err := d.PlanConnection(in)
		if err != nil {
			return err
		}
		c, old := &p.Connection, p.Old
		now := s.Now().UTC()
		c.Updated = now
		if old == nil {
			c.Created = now
		}
		// Which stored secrets no longer fit the new identity.
		var drop []string
		switch c.Type {
		case auth.AuthS2S:
			if p.Secret != "" {
				if err := t.Set(S2SSecretKey(c.ID), p.Secret); err != nil {
					return err
				}
			}
			if old != nil && (p.Secret != "" || old.Type != auth.AuthS2S || old.Endpoints != c.Endpoints) {
				drop = append(drop, AccessTokenKey(c.ID))
			}
			if old != nil && old.Type == auth.AuthOAuth {
				drop = append(drop, RefreshTokenKey(c.ID))
			}
			if old != nil && old.ClientID != c.ClientID {
				// Another app: the old one's Secret Token does not sign its events.
				drop = append(drop, ConnSecretTokenKey(c.ID))
			}
			c.NeedsAuth = false
		case auth.AuthOAuth:
			identityChanged := old == nil || old.Type != auth.AuthOAuth || old.OAuthClientID != c.OAuthClientID || old.Endpoints != c.Endpoints
			if identityChanged {
				c.NeedsAuth = true
				c.LastTest = nil
				if old != nil {
					drop = append(drop, S2SSecretKey(c.ID), RefreshTokenKey(c.ID), AccessTokenKey(c.ID), ConnSecretTokenKey(c.ID))
				}
			}
		}
		for _, k := range drop {
			if err := t.Delete(k); err != nil {
				return err
			}
			if k == ConnSecretTokenKey(c.ID) {
				c.HasSecretToken = false
				if in.EventsSubscription == nil { // one given with the change is the new app's
					c.EventsSubscription = ""
				}
			}
			if k == AccessTokenKey(c.ID) {
				c.TokenExpiry, c.TokenAPIURL, c.TokenScopes = nil, "", nil
			}
		}
		if old != nil {
			*old = *c
		} else {
			d.Connections = append(d.Connections, *c)
		}
		res = SaveResult{Connection: *c, Notices: p.Notices}
		return nil
	})
	return res, err
}

// lockForEdit takes the connection locks of the connections affected picks
// from the current data (none for a new item).
func (s *Store) lockForEdit(affected func(d *auth.Data) []auth.Connection) (func(), error) {
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

// DeleteConnection removes a connection, its keyring items and then its
// API console history. If the keyring cannot be reached, nothing is
// deleted.
func (s *Store) DeleteConnection(name string) error {
	d, err := s.Load()
	if err != nil {
		return err
	}
	c, ok := d.Connection(name)
	if !ok {
		return d.ConnectionNotFound(name)
	}
	// A refresh running now would save its rotated tokens after the delete
	// and leave them behind: wait for it (it holds this lock throughout).
	unlock, err := s.LockConnection(context.Background(), c.ID, c.Name)
	if err != nil {
		return fmt.Errorf("The connection %q was not deleted: %w", c.Name, err)
	}
	defer unlock()
	id := c.ID
	err = s.update(func(d *auth.Data, t *Tx) error {
		c, ok := d.ConnectionByID(id)
		if !ok || !strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return d.ConnectionNotFound(name)
		}
		for _, k := range connectionSecretKeys(c.ID) {
			if err := t.Delete(k); err != nil {
				return fmt.Errorf("The connection %q was not deleted: %w", c.Name, err)
			}
		}
		d.Connections = removeAt(d.Connections, func(x auth.Connection) bool { return x.ID == c.ID })
		return nil
	})
	if err != nil {
		return err
	}
	// Only once the delete stands: a failed one keeps its history. Its
	// paths name users, so a history that stays is an error to report.
	if err := s.forgetHistory(id); err != nil {
		return fmt.Errorf("The connection %q was deleted, but its API console history was not: %w", c.Name, err)
	}
	if err := s.forgetMCPLog(id); err != nil {
		return fmt.Errorf("The connection %q was deleted, but its AI agent audit log was not: %w", c.Name, err)
	}
	return nil
}

// UpdateConnection applies fn to the stored connection with this id, for
// status changes (test result, needs-authorization) that touch no secret.
func (s *Store) UpdateConnection(id string, fn func(c *auth.Connection)) error {
	return s.update(func(d *auth.Data, _ *Tx) error {
		c, ok := d.ConnectionByID(id)
		if !ok {
			return &auth.NotFoundError{What: "connection", Name: id}
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
