package auth

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// realKeyring returns a KeyringStore on the session's Secret Service. Under
// CI or `make test` (ZOOMCONN_REQUIRE_KEYRING=1) a missing keyring fails the
// test instead of skipping it, so CI can never pass without running them.
func realKeyring(t testing.TB) *KeyringStore {
	t.Helper()
	k := &KeyringStore{Timeout: 10 * time.Second}
	if err := ProbeKeyring(k); err != nil {
		if os.Getenv("CI") != "" || os.Getenv("ZOOMCONN_REQUIRE_KEYRING") != "" {
			t.Fatalf("real keyring required but unavailable: %v", err)
		}
		t.Skipf("no Secret Service here (%v); run `make test` for the real-keyring tests", err)
	}
	t.Logf("real keyring: Secret Service answered (%s)", t.Name())
	return k
}

// trackingStore wraps a SecretStore and removes every key it saw at cleanup,
// so tests against the real keyring leave nothing behind.
type trackingStore struct {
	SecretStore
	mu   sync.Mutex
	keys map[string]bool
}

func track(t testing.TB, s SecretStore) *trackingStore {
	ts := &trackingStore{SecretStore: s, keys: map[string]bool{}}
	t.Cleanup(func() {
		for k := range ts.keys {
			_ = s.Delete(k)
		}
	})
	return ts
}

func (ts *trackingStore) Set(key, value string) error {
	ts.mu.Lock()
	ts.keys[key] = true
	ts.mu.Unlock()
	return ts.SecretStore.Set(key, value)
}

func newTestStore(t testing.TB, secrets SecretStore) *Store {
	t.Helper()
	s, err := NewStore(filepath.Join(t.TempDir(), "config"), secrets)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return clock }
	return s
}

func s2sInput(name string) ConnectionInput {
	return ConnectionInput{Name: name, Type: AuthS2S, AccountID: "acct-" + name, ClientID: "cid-" + name, ClientSecret: "s3cret-" + name + "-value"}
}

func mustSaveConn(t testing.TB, s *Store, in ConnectionInput) Connection {
	t.Helper()
	res, err := s.SaveConnection(in)
	if err != nil {
		t.Fatalf("SaveConnection(%q): %v", in.Name, err)
	}
	return res.Connection
}

func mustSaveClient(t testing.TB, s *Store, in ClientInput) OAuthClient {
	t.Helper()
	res, err := s.SaveClient(in)
	if err != nil {
		t.Fatalf("SaveClient(%q): %v", in.Name, err)
	}
	return res.Client
}

func mustLoad(t testing.TB, s *Store) *Data {
	t.Helper()
	d, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// assertNoSecretInDir fails if any secret's bytes appear in any file under dir.
func assertNoSecretInDir(t testing.TB, dir string, secrets ...string) {
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
