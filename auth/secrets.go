package auth

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
)

// SecretStore keeps secrets (client secrets, refresh and access tokens), one
// item per key. Implementations return errors that match, with [errors.Is],
// exactly one of [ErrSecretNotFound], [ErrKeyringUnavailable],
// [ErrKeyringTimeout] or [ErrSecretTooLarge] whenever one applies.
type SecretStore interface {
	Get(key string) (string, error)
	Set(key, value string) error
	Delete(key string) error
}

// Kinds of secret store failure. They are kept apart because each needs a
// different fix from the user.
var (
	ErrSecretNotFound     = errors.New("secret not found")
	ErrKeyringUnavailable = errors.New("keyring unavailable or locked")
	ErrKeyringTimeout     = errors.New("keyring did not answer in time")
	ErrSecretTooLarge     = errors.New("secret too large for the keyring")
)

// SecretError is a failed secret store operation. Its message is a sentence
// for the user; errors.Is matches its kind and the underlying error.
type SecretError struct {
	Op   string // "read", "save" or "delete"
	Key  string
	Kind error // one of the Err* kinds above
	Err  error // what the backend said; may be nil
}

func (e *SecretError) Unwrap() []error { return []error{e.Kind, e.Err} }

func (e *SecretError) Error() string {
	switch e.Kind {
	case ErrSecretNotFound:
		return fmt.Sprintf("No stored secret was found for %s; enter it again.", describeKey(e.Key))
	case ErrKeyringTimeout:
		return fmt.Sprintf("The system keyring did not answer when asked to %s %s. It may be waiting for you to unlock it; unlock it and try again.", e.Op, describeKey(e.Key))
	case ErrSecretTooLarge:
		return fmt.Sprintf("The system keyring refused to %s %s because it is too large.", e.Op, describeKey(e.Key))
	}
	detail := ""
	if e.Err != nil {
		detail = " (" + e.Err.Error() + ")"
	}
	if isLockedError(e.Err) {
		return fmt.Sprintf("The system keyring is locked, so zoomconn could not %s %s%s. Unlock it (log in to your desktop session, or run your keyring's unlock command) and try again.", e.Op, describeKey(e.Key), detail)
	}
	return fmt.Sprintf("No system keyring answered, so zoomconn could not %s %s%s. %s", e.Op, describeKey(e.Key), detail, KeyringHelp())
}

// KeyringHelp says, for this platform, how to get a working keyring.
func KeyringHelp() string {
	switch runtime.GOOS {
	case "darwin":
		return "Open Keychain Access, make sure the login keychain exists and is unlocked, then try again."
	case "windows":
		return "Windows Credential Manager refused the request; sign in to your Windows account normally (not as a guest) and try again."
	}
	return "Install and start a Secret Service provider such as GNOME Keyring (apt install gnome-keyring) or KeePassXC with Secret Service enabled, make sure it is unlocked, then try again."
}

func isLockedError(err error) bool {
	return err != nil && strings.Contains(strings.ToLower(err.Error()), "unlock")
}

// Keys under which secrets are stored. Each secret is its own item, because
// Windows limits one item to 2560 bytes.
func s2sSecretKey(connID string) string      { return "connection/" + connID + "/client-secret" }
func clientSecretKey(clientID string) string { return "oauth-client/" + clientID + "/client-secret" }
func refreshTokenKey(connID string) string   { return "connection/" + connID + "/refresh-token" }
func accessTokenKey(connID string) string    { return "connection/" + connID + "/access-token" }

// isCacheKey reports whether key holds a cached access token: an hour's
// worth that can always be fetched again, unlike the secrets that make it.
func isCacheKey(key string) bool { return strings.HasSuffix(key, "/access-token") }

func connectionSecretKeys(id string) []string {
	return []string{s2sSecretKey(id), refreshTokenKey(id), accessTokenKey(id)}
}

func describeKey(key string) string {
	switch {
	case strings.HasPrefix(key, "oauth-client/"):
		return "an OAuth client's secret"
	case strings.HasSuffix(key, "/client-secret"):
		return "a connection's client secret"
	case strings.HasSuffix(key, "/refresh-token"):
		return "a connection's refresh token"
	case strings.HasSuffix(key, "/access-token"):
		return "a connection's access token"
	}
	return "a secret"
}

// DefaultKeyringService is the service name of every zoomconn keyring item.
const DefaultKeyringService = "zoomconn"

// KeyringServiceEnv names the environment variable that, when set, replaces
// [DefaultKeyringService]: tests and isolated runs keep their items apart
// from the user's own.
const KeyringServiceEnv = "ZOOMCONN_KEYRING_SERVICE"

// DefaultKeyringTimeout bounds one keyring call. A locked keyring with a
// display waits for an unlock prompt forever, and a dead D-Bus can hang.
const DefaultKeyringTimeout = 15 * time.Second

// KeyringStore is the [SecretStore] backed by the OS keyring (Secret
// Service, macOS Keychain, Windows Credential Manager) via go-keyring; on
// Linux through its secret_service package (see newNativeKeyring).
type KeyringStore struct {
	// Service is the keyring service name; empty means
	// $ZOOMCONN_KEYRING_SERVICE ([KeyringServiceEnv]), else
	// [DefaultKeyringService].
	Service string
	// Timeout bounds each call; zero means [DefaultKeyringTimeout]. A call
	// that times out keeps running in the background: keyring calls cannot be
	// cancelled.
	Timeout time.Duration
	// MaxBytes refuses larger secrets before the keyring sees them; zero
	// means 2560 on Windows (its limit) and no limit elsewhere.
	MaxBytes int

	backend keyringBackend // nil means the platform's; tests swap it

	nativeOnce sync.Once
	native     keyringBackend
}

type keyringBackend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

func (k *KeyringStore) service() string {
	if k.Service != "" {
		return k.Service
	}
	if s := os.Getenv(KeyringServiceEnv); s != "" {
		return s
	}
	return DefaultKeyringService
}

// errUsersKeyringInTest refuses the user's own items to a test binary.
var errUsersKeyringInTest = errors.New("a test may not use the keyring service " + DefaultKeyringService + ", which holds the user's own secrets; set " + KeyringServiceEnv + " or KeyringStore.Service")

func (k *KeyringStore) nativeBackend() keyringBackend {
	k.nativeOnce.Do(func() { k.native = newNativeKeyring() })
	return k.native
}

// WarmUp lets s connect in the background if it can ([KeyringStore.Warm]),
// so that its first call finds the connection open.
func WarmUp(s SecretStore) {
	if w, ok := s.(interface{ Warm() }); ok {
		w.Warm()
	}
}

// Warm connects to the keyring in the background, so that the first Get or
// Set does not wait for the connection. Errors are left for that call.
func (k *KeyringStore) Warm() {
	if k.backend != nil {
		return
	}
	if w, ok := k.nativeBackend().(interface{ warm() }); ok {
		go w.warm()
	}
}

func (k *KeyringStore) Get(key string) (string, error) {
	var v string
	err := k.call("read", key, func(b keyringBackend) (err error) {
		v, err = b.Get(k.service(), key)
		return err
	})
	return v, err
}

func (k *KeyringStore) Set(key, value string) error {
	max := k.MaxBytes
	if max == 0 && runtime.GOOS == "windows" {
		max = 2560
	}
	if max > 0 && len(value) > max {
		return &SecretError{Op: "save", Key: key, Kind: ErrSecretTooLarge}
	}
	return k.call("save", key, func(b keyringBackend) error { return b.Set(k.service(), key, value) })
}

func (k *KeyringStore) Delete(key string) error {
	return k.call("delete", key, func(b keyringBackend) error { return b.Delete(k.service(), key) })
}

// call runs fn with a timeout and maps the backend's errors to our kinds.
func (k *KeyringStore) call(op, key string, fn func(keyringBackend) error) error {
	// A `go test` on a developer's desktop must never read or write the
	// developer's own zoomconn items, whichever test forgot to say so.
	if testing.Testing() && k.service() == DefaultKeyringService {
		return &SecretError{Op: op, Key: key, Kind: ErrKeyringUnavailable, Err: errUsersKeyringInTest}
	}
	b := k.backend
	if b == nil {
		b = k.nativeBackend()
	}
	timeout := k.Timeout
	if timeout == 0 {
		timeout = DefaultKeyringTimeout
	}
	done := make(chan error, 1) // buffered: a late answer must not block the goroutine forever
	go func() { done <- fn(b) }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case err := <-done:
		switch {
		case err == nil:
			return nil
		case errors.Is(err, keyring.ErrNotFound):
			return &SecretError{Op: op, Key: key, Kind: ErrSecretNotFound}
		case errors.Is(err, keyring.ErrSetDataTooBig):
			return &SecretError{Op: op, Key: key, Kind: ErrSecretTooLarge, Err: err}
		default:
			return &SecretError{Op: op, Key: key, Kind: ErrKeyringUnavailable, Err: err}
		}
	case <-timer.C:
		return &SecretError{Op: op, Key: key, Kind: ErrKeyringTimeout}
	}
}

// ProbeKeyring checks that the store answers by reading a key that does
// not exist. It returns nil when the store works.
func ProbeKeyring(s SecretStore) error {
	_, err := s.Get("probe/does-not-exist")
	if errors.Is(err, ErrSecretNotFound) {
		return nil
	}
	return err
}
