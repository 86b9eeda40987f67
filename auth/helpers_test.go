package auth

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"zoomconn/auth/secret"
)

func newTestStore(t testing.TB, secrets secret.Store) *Store {
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
