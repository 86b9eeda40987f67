package keyring_test

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"

	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring/keyringtest"
	"zoomconn/auth/secret/secrettest"
)

func TestMain(m *testing.M) {
	keyringtest.Isolate()
	os.Exit(m.Run())
}

func TestKeyringContract(t *testing.T) {
	k := keyringtest.Require(t)
	secrettest.Run(t, func(t *testing.T) secret.Store { return secrettest.Track(t, k) })
}

// The real keyring keeps a secret longer than one of its items holds
// (Windows: 2,560 bytes; on Linux the test sets that limit), in parts,
// and deletes every part with it. scripts/test-windows.sh runs it against
// Wine's Credential Manager.
func TestLongSecretInTheRealKeyring(t *testing.T) {
	k := keyringtest.Require(t)
	if runtime.GOOS != "windows" {
		k.MaxBytes = 2560
	}
	const key = "connection/long/access-token"
	long := strings.Repeat("eyJhbGciOiJIUzUxMiJ9.", 350) // 7,350 bytes
	t.Cleanup(func() { _ = k.Delete(key) })
	if err := k.Set(key, long); err != nil {
		t.Fatalf("Set(%d bytes): %v", len(long), err)
	}
	if got, err := k.Get(key); err != nil || got != long {
		t.Fatalf("Get = %d bytes, %v; want the %d bytes set", len(got), err, len(long))
	}
	if err := k.Set(key, "short"); err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get(key); err != nil || got != "short" {
		t.Fatalf("Get after a shorter Set = %q, %v", got, err)
	}
	if err := k.Delete(key); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get(key); !errors.Is(err, secret.ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
}
