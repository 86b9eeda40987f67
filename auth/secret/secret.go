// Package secret owns the abstraction every secret store implements: the
// [Store] interface, the error kinds a caller can act on, an in-memory
// double ([Memory]) and, in package secrettest, the contract suite each
// store passes. It knows nothing of connections, Zoom or the metadata file,
// and must never import auth, auth/store or auth/zoom.
package secret

import (
	"errors"
	"fmt"
	"strings"
)

// Store keeps secrets (client secrets, refresh and access tokens), one item
// per key. Implementations return errors that match, with [errors.Is],
// exactly one of [ErrNotFound], [ErrUnavailable], [ErrTimeout] or
// [ErrTooLarge] whenever one applies.
type Store interface {
	Get(key string) (string, error)
	Set(key, value string) error
	Delete(key string) error
}

// Kinds of secret store failure. They are kept apart because each needs a
// different fix from the user.
var (
	ErrNotFound    = errors.New("secret not found")
	ErrUnavailable = errors.New("secret store unavailable or locked")
	ErrTimeout     = errors.New("secret store did not answer in time")
	ErrTooLarge    = errors.New("secret too large for the store")
)

// Kinds lists every error kind, for tests that check an error matches
// exactly one.
var Kinds = []error{ErrNotFound, ErrUnavailable, ErrTimeout, ErrTooLarge}

// Error is a failed secret store operation. errors.Is matches its kind and
// the underlying error.
type Error struct {
	Op   string // "read", "save" or "delete"
	Key  string
	Kind error // one of the Err* kinds above
	Err  error // what the backend said; may be nil
	// Help, if set, is the sentence that says how to get the store working
	// (the keyring's differs per platform).
	Help string
}

func (e *Error) Unwrap() []error { return []error{e.Kind, e.Err} }

// What names what the failed operation's key holds ("a connection's
// refresh token"), never its IDs: see [Describe].
func (e *Error) What() string { return Describe(e.Key) }

func (e *Error) Error() string {
	switch e.Kind {
	case ErrNotFound:
		return fmt.Sprintf("No stored secret was found for %s; enter it again.", Describe(e.Key))
	case ErrTimeout:
		return fmt.Sprintf("The system keyring did not answer when asked to %s %s. It may be waiting for you to unlock it; unlock it and try again.", e.Op, Describe(e.Key))
	case ErrTooLarge:
		return fmt.Sprintf("The system keyring refused to %s %s because it is too large.", e.Op, Describe(e.Key))
	}
	detail := ""
	if e.Err != nil {
		detail = " (" + e.Err.Error() + ")"
	}
	if IsLocked(e.Err) {
		return fmt.Sprintf("The system keyring is locked, so %s%s. Unlock it (log in to your desktop session, or run your keyring's unlock command) and try again.", CouldNot(e.Op, e.Key), detail)
	}
	msg := fmt.Sprintf("No system keyring answered, so %s%s.", CouldNot(e.Op, e.Key), detail)
	if e.Help != "" {
		msg += " " + e.Help
	}
	return msg
}

// IsLocked reports whether a backend's error says the store is locked.
func IsLocked(err error) bool {
	return err != nil && strings.Contains(strings.ToLower(err.Error()), "unlock")
}

// Describe names what a key holds, for messages, from its last path
// element ("connection/ID/refresh-token" → "a connection's refresh token").
// It never shows the key's IDs.
func Describe(key string) string {
	owner := "a connection's"
	if strings.HasPrefix(key, "oauth-client/") {
		owner = "an OAuth client's"
	}
	switch {
	case strings.HasSuffix(key, "/client-secret"):
		return owner + " client secret"
	case strings.HasSuffix(key, "/refresh-token"):
		return owner + " refresh token"
	case strings.HasSuffix(key, "/access-token"):
		return owner + " access token"
	case strings.HasSuffix(key, "/sdk-secret"):
		return "an SDK credential's SDK secret"
	}
	return "a secret"
}

// CouldNot says that op ("read", "save", "delete") failed on key, naming
// what the key holds: "a connection's refresh token could not be read".
func CouldNot(op, key string) string {
	done, ok := map[string]string{"read": "read", "save": "saved", "delete": "deleted", "open": "opened"}[op]
	if !ok {
		return fmt.Sprintf("the %s of %s failed", op, Describe(key))
	}
	return fmt.Sprintf("%s could not be %s", Describe(key), done)
}

// IsCache reports whether key holds a cached access token (its last path
// element is "access-token"): an hour's worth that can always be fetched
// again, unlike the secrets that make it, so a store may keep it in memory
// only.
func IsCache(key string) bool { return strings.HasSuffix(key, "/access-token") }

// Warm lets s connect in the background if it can (a Warm method, as the
// keyring has), so that its first call finds the connection open.
func Warm(s Store) {
	if w, ok := s.(interface{ Warm() }); ok {
		w.Warm()
	}
}

// Probe checks that the store answers by reading a key that does not exist.
// It returns nil when the store works.
func Probe(s Store) error {
	_, err := s.Get("probe/does-not-exist")
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
