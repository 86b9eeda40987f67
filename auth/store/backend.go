package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"zoomconn/auth"
	"zoomconn/auth/secret"
)

// SecretsFilePath is where the encrypted file store of config dir lives.
func SecretsFilePath(configDir string) string { return filepath.Join(configDir, "secrets.enc") }

// WithSecrets returns a Store on the same directory using secrets.
func (s *Store) WithSecrets(secrets secret.Store) *Store {
	c := *s
	c.secrets = secrets
	return &c
}

// allSecretKeys lists every key the store's items may have.
func allSecretKeys(d *auth.Data) []string {
	var keys []string
	for _, c := range d.Connections {
		keys = append(keys, connectionSecretKeys(c.ID)...)
	}
	for _, c := range d.Clients {
		keys = append(keys, clientSecretKeys(c.ID)...)
	}
	for _, c := range d.SDKCredentials {
		keys = append(keys, sdkSecretKeys(c.ID)...)
	}
	return keys
}

// MoveSecrets copies every secret into to, records backend in the metadata
// file, and only then removes the secrets from the old store. If anything
// fails before the file is written, the copies are removed and nothing
// changes. It returns how many secrets moved; the Store uses to from then on.
//
// It holds every connection's lock throughout, taken before the file's
// lock like a refresh does, so no refresh saves a rotated token into the
// store being emptied.
func (s *Store) MoveSecrets(to secret.Store, backend auth.SecretBackend) (int, error) {
	for range 3 {
		d, err := s.Load()
		if err != nil {
			return 0, err
		}
		unlock, err := s.lockConnections(context.Background(), d.Connections)
		if err != nil {
			return 0, fmt.Errorf("nothing was moved: %w", err)
		}
		n, err := s.moveSecretsLocked(to, backend, d.Connections)
		unlock()
		if !errors.Is(err, errConnectionsAdded) {
			return n, err
		}
	}
	return 0, errors.New("nothing was moved: connections kept being added meanwhile; try again")
}

// errConnectionsAdded: a connection appeared between taking the locks and
// the file's lock, so its lock is not held.
var errConnectionsAdded = errors.New("connections were added meanwhile")

func (s *Store) moveSecretsLocked(to secret.Store, backend auth.SecretBackend, locked []auth.Connection) (int, error) {
	l, err := s.lock()
	if err != nil {
		return 0, err
	}
	defer l.Unlock()
	d, err := s.Load()
	if err != nil {
		return 0, err
	}
	held := map[string]bool{}
	for _, c := range locked {
		held[c.ID] = true
	}
	for _, c := range d.Connections {
		if !held[c.ID] {
			return 0, errConnectionsAdded
		}
	}
	if d.Backend() == backend {
		return 0, fmt.Errorf("secrets are already kept in the %s", backend.Describe())
	}
	copies := NewTx(to)
	var moved []string
	for _, k := range allSecretKeys(d) {
		v, err := s.secrets.Get(k)
		if errors.Is(err, secret.ErrNotFound) {
			continue
		}
		if err == nil {
			err = copies.Set(k, v)
		}
		if err != nil {
			return 0, errors.Join(fmt.Errorf("nothing was moved: %w", err), copies.Rollback())
		}
		moved = append(moved, k)
	}
	d.SecretBackend = backend
	if err := s.write(d); err != nil {
		return 0, errors.Join(fmt.Errorf("nothing was moved: %w", err), copies.Rollback())
	}
	var leftovers []error
	for _, k := range moved {
		if err := IgnoreNotFound(s.secrets.Delete(k)); err != nil {
			leftovers = append(leftovers, err)
		}
	}
	s.secrets = to
	if len(leftovers) > 0 {
		return len(moved), fmt.Errorf("the secrets were moved, but some copies could not be removed from the old place: %w", errors.Join(leftovers...))
	}
	return len(moved), nil
}
