// Package secrettest is the contract suite every [secret.Store] passes:
// the keyring, the encrypted file and the memory double run the same
// tests, so a test that uses the double proves what the real stores do.
package secrettest

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"zoomconn/auth/secret"
)

// MustGet fails t unless s holds want under k. It never prints a value:
// the values are secrets in the tests that use it.
func MustGet(t testing.TB, s secret.Store, k, want string) {
	t.Helper()
	got, err := s.Get(k)
	if err != nil {
		t.Fatalf("Get(%s): %v", k, err)
	}
	if got != want {
		t.Fatalf("Get(%s) = %d bytes, want %d bytes (values differ)", k, len(got), len(want))
	}
}

// AssertNoSecretInDir fails t if any of the secrets appears in any file
// under dir (a dir that does not exist holds none).
func AssertNoSecretInDir(t testing.TB, dir string, secrets ...string) {
	t.Helper()
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, s := range secrets {
			if s != "" && strings.Contains(string(raw), s) {
				t.Errorf("secret found in %s", path)
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
}

// AssertOnlyKind fails t unless err matches kind and no other
// [secret.Kinds] entry.
func AssertOnlyKind(t testing.TB, err, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("err = %v, want kind %v", err, kind)
	}
	for _, other := range secret.Kinds {
		if other != kind && errors.Is(err, other) {
			t.Fatalf("err %v also matches %v", err, other)
		}
	}
}

func randomID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Run is the storage suite every store must pass. newStore returns a store
// that cleans up after t. Keys carry a fresh id so a shared keyring never
// collides with other runs.
func Run(t *testing.T, newStore func(t *testing.T) secret.Store) {
	key := func(name string) string { return "test/" + randomID() + "/" + name }
	mustSet := func(t *testing.T, s secret.Store, k, v string) {
		t.Helper()
		if err := s.Set(k, v); err != nil {
			t.Fatalf("Set(%s): %v", k, err)
		}
	}

	t.Run("get missing", func(t *testing.T) {
		s := newStore(t)
		k := key("missing")
		_, err := s.Get(k)
		AssertOnlyKind(t, err, secret.ErrNotFound)
		var se *secret.Error
		if !errors.As(err, &se) || se.Key != k || se.Op != "read" {
			t.Fatalf("err = %#v, want a SecretError for read of %s", err, k)
		}
	})
	t.Run("set get", func(t *testing.T) {
		s := newStore(t)
		k := key("a")
		mustSet(t, s, k, "value-1")
		MustGet(t, s, k, "value-1")
	})
	t.Run("overwrite", func(t *testing.T) {
		s := newStore(t)
		k := key("a")
		mustSet(t, s, k, "value-1")
		mustSet(t, s, k, "value-2")
		MustGet(t, s, k, "value-2")
		mustSet(t, s, k, "v3") // shorter than before: no leftovers
		MustGet(t, s, k, "v3")
	})
	t.Run("delete", func(t *testing.T) {
		s := newStore(t)
		k := key("a")
		mustSet(t, s, k, "value-1")
		if err := s.Delete(k); err != nil {
			t.Fatal(err)
		}
		_, err := s.Get(k)
		AssertOnlyKind(t, err, secret.ErrNotFound)
	})
	t.Run("delete missing", func(t *testing.T) {
		s := newStore(t)
		err := s.Delete(key("never-set"))
		AssertOnlyKind(t, err, secret.ErrNotFound)
	})
	t.Run("many keys independent", func(t *testing.T) {
		s := newStore(t)
		keys := make([]string, 8)
		for i := range keys {
			keys[i] = key(strings.Repeat("k", i+1))
			mustSet(t, s, keys[i], "value-"+keys[i])
		}
		if err := s.Delete(keys[2]); err != nil {
			t.Fatal(err)
		}
		mustSet(t, s, keys[5], "changed")
		for i, k := range keys {
			switch i {
			case 2:
				_, err := s.Get(k)
				AssertOnlyKind(t, err, secret.ErrNotFound)
			case 5:
				MustGet(t, s, k, "changed")
			default:
				MustGet(t, s, k, "value-"+k)
			}
		}
	})
	t.Run("awkward values", func(t *testing.T) {
		s := newStore(t)
		long := make([]byte, 2000)
		for i := range long {
			long[i] = byte(' ' + i%95)
		}
		for name, v := range map[string]string{
			"unicode":  "päss — 密码 🔑 Ωμέγα",
			"newlines": "line one\nline two\r\nline three\n",
			"spaces":   "  leading and trailing\t ",
			"json":     `{"access_token":"a.b.c","expires_in":3599}`,
			"2000":     string(long),
		} {
			k := key(name)
			mustSet(t, s, k, v)
			MustGet(t, s, k, v)
		}
	})
	t.Run("keys with slashes", func(t *testing.T) {
		s := newStore(t)
		id := randomID()
		for _, k := range []string{"connection/" + id + "/refresh-token", "connection/" + id + "/access-token", "oauth-client/" + id + "/client-secret"} {
			mustSet(t, s, k, "v:"+k)
		}
		for _, k := range []string{"connection/" + id + "/refresh-token", "connection/" + id + "/access-token", "oauth-client/" + id + "/client-secret"} {
			MustGet(t, s, k, "v:"+k)
		}
		_, err := s.Get("connection/" + id) // a prefix is not a key
		AssertOnlyKind(t, err, secret.ErrNotFound)
	})
}

// Tracking wraps a store and deletes every key set through it when the
// test ends, so tests against a shared keyring leave nothing behind.
type Tracking struct {
	secret.Store
	mu   sync.Mutex
	keys map[string]bool
}

// Track wraps s in a [Tracking] store cleaned up at the end of t.
func Track(t testing.TB, s secret.Store) *Tracking {
	ts := &Tracking{Store: s, keys: map[string]bool{}}
	t.Cleanup(func() {
		ts.mu.Lock()
		defer ts.mu.Unlock()
		for k := range ts.keys {
			_ = s.Delete(k)
		}
	})
	return ts
}

// Set records key for clean-up, then sets it.
func (ts *Tracking) Set(key, value string) error {
	ts.mu.Lock()
	ts.keys[key] = true
	ts.mu.Unlock()
	return ts.Store.Set(key, value)
}
