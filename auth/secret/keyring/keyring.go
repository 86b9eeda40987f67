// Package keyring is the [secret.Store] on the OS keyring: Secret Service on
// Linux (through go-keyring's secret_service primitives, in fewer D-Bus round
// trips), macOS Keychain and Windows Credential Manager (through go-keyring).
// Every call has a timeout, because a locked keyring can wait for an unlock
// prompt forever. It must never import auth, auth/store or auth/zoom.
package keyring

import (
	"errors"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"zoomconn/auth/secret"
)

// DefaultService is the service name of every zoomconn keyring item.
const DefaultService = "zoomconn"

// ServiceEnv names the environment variable that, when set, replaces
// [DefaultService]: tests and isolated runs keep their items apart
// from the user's own.
const ServiceEnv = "ZOOMCONN_KEYRING_SERVICE"

// DefaultTimeout bounds one keyring call. A locked keyring with a
// display waits for an unlock prompt forever, and a dead D-Bus can hang.
const DefaultTimeout = 15 * time.Second

// Store is the [secret.Store] backed by the OS keyring (Secret
// Service, macOS Keychain, Windows Credential Manager) via go-keyring; on
// Linux through its secret_service package (see newNativeKeyring).
type Store struct {
	// Service is the keyring service name; empty means
	// $ZOOMCONN_KEYRING_SERVICE ([ServiceEnv]), else
	// [DefaultService].
	Service string
	// Timeout bounds each call; zero means [DefaultTimeout]. A call
	// that times out keeps running in the background: keyring calls cannot be
	// cancelled.
	Timeout time.Duration
	// MaxBytes is the most one keyring item holds; a longer secret is
	// kept in parts of at most MaxBytes (up to [MaxParts] of them), under
	// a header item (see parts.go). Zero means 2560 on Windows (Credential
	// Manager's limit per item) and no limit elsewhere.
	MaxBytes int

	api api // nil means the platform's; tests swap it

	nativeOnce sync.Once
	native     api
}

type api interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// ServiceName is the keyring service name this store uses (see [Store.Service]).
func (k *Store) ServiceName() string {
	if k.Service != "" {
		return k.Service
	}
	if s := os.Getenv(ServiceEnv); s != "" {
		return s
	}
	return DefaultService
}

// errUsersKeyringInTest refuses the user's own items to a test binary.
var errUsersKeyringInTest = errors.New("a test may not use the keyring service " + DefaultService + ", which holds the user's own secrets; set " + ServiceEnv + " or Store.Service")

func (k *Store) nativeBackend() api {
	k.nativeOnce.Do(func() { k.native = newNativeKeyring() })
	return k.native
}

// Warm connects to the keyring in the background, so that the first Get or
// Set does not wait for the connection. Errors are left for that call.
func (k *Store) Warm() {
	if k.api != nil {
		return
	}
	if w, ok := k.nativeBackend().(interface{ warm() }); ok {
		go w.warm()
	}
}

func (k *Store) Get(key string) (string, error) {
	var v string
	err := k.call("read", key, func(b api) (err error) {
		v, err = getParts(b, k.ServiceName(), key)
		return err
	})
	return v, err
}

func (k *Store) Set(key, value string) error {
	max := k.maxBytes()
	if max > 0 && len(value) > max*MaxParts {
		return &secret.Error{Op: "save", Key: key, Kind: secret.ErrTooLarge}
	}
	return k.call("save", key, func(b api) error { return setParts(b, k.ServiceName(), key, value, max) })
}

func (k *Store) Delete(key string) error {
	return k.call("delete", key, func(b api) error { return deleteParts(b, k.ServiceName(), key, k.maxBytes()) })
}

// maxBytes is [Store.MaxBytes] or the platform's limit.
func (k *Store) maxBytes() int {
	if k.MaxBytes == 0 && runtime.GOOS == "windows" {
		return 2560
	}
	return k.MaxBytes
}

// call runs fn with a timeout and maps the backend's errors to our kinds.
func (k *Store) call(op, key string, fn func(api) error) error {
	// A `go test` on a developer's desktop must never read or write the
	// developer's own zoomconn items, whichever test forgot to say so.
	if testing.Testing() && k.ServiceName() == DefaultService {
		return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable, Err: errUsersKeyringInTest}
	}
	b := k.api
	if b == nil {
		b = k.nativeBackend()
	}
	timeout := k.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
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
		case errors.Is(err, gokeyring.ErrNotFound):
			return &secret.Error{Op: op, Key: key, Kind: secret.ErrNotFound}
		case errors.Is(err, gokeyring.ErrSetDataTooBig):
			return &secret.Error{Op: op, Key: key, Kind: secret.ErrTooLarge, Err: err}
		default:
			return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable, Err: err, Help: Help()}
		}
	case <-timer.C:
		return &secret.Error{Op: op, Key: key, Kind: secret.ErrTimeout}
	}
}

// Help says, for this platform, how to get a working keyring.
func Help() string {
	switch runtime.GOOS {
	case "darwin":
		return "Open Keychain Access, make sure the login keychain exists and is unlocked, then try again."
	case "windows":
		return "Windows Credential Manager refused the request; sign in to your Windows account normally (not as a guest) and try again."
	}
	return "Install and start a Secret Service provider such as GNOME Keyring (apt install gnome-keyring) or KeePassXC with Secret Service enabled, make sure it is unlocked, then try again."
}
