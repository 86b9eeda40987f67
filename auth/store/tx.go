package store

import (
	"errors"
	"fmt"
	"zoomconn/auth/secret"
)

// Tx changes secrets so that they can be undone: a metadata save that
// fails rolls back what was set or deleted before it.
type Tx struct {
	secrets secret.Store
	undo    []func() error
}

// Set sets key, remembering what was there.
func (t *Tx) Set(key, value string) error {
	old, err := t.secrets.Get(key)
	switch {
	case errors.Is(err, secret.ErrNotFound):
		if err := t.secrets.Set(key, value); err != nil {
			return err
		}
		t.undo = append(t.undo, func() error { return IgnoreNotFound(t.secrets.Delete(key)) })
	case err != nil:
		return err
	default:
		if err := t.secrets.Set(key, value); err != nil {
			return err
		}
		t.undo = append(t.undo, func() error { return t.secrets.Set(key, old) })
	}
	return nil
}

// Delete deletes key if present, remembering its value.
func (t *Tx) Delete(key string) error {
	old, err := t.secrets.Get(key)
	if errors.Is(err, secret.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if err := t.secrets.Delete(key); err != nil && !errors.Is(err, secret.ErrNotFound) {
		return err
	}
	t.undo = append(t.undo, func() error { return t.secrets.Set(key, old) })
	return nil
}

// Rollback undoes every change, newest first.
func (t *Tx) Rollback() error {
	var errs []error
	for i := len(t.undo) - 1; i >= 0; i-- {
		if err := t.undo[i](); err != nil {
			errs = append(errs, err)
		}
	}
	t.undo = nil
	if len(errs) > 0 {
		return fmt.Errorf("undoing the keyring changes also failed; the keyring may hold a secret the file does not refer to: %w", errors.Join(errs...))
	}
	return nil
}

// NewTx starts a transaction on secrets.
func NewTx(secrets secret.Store) *Tx { return &Tx{secrets: secrets} }

// IgnoreNotFound is err, or nil when err says the secret was not there.
func IgnoreNotFound(err error) error {
	if errors.Is(err, secret.ErrNotFound) {
		return nil
	}
	return err
}
