package auth

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretStoreContract runs the same storage suite against every
// SecretStore that can hold real secrets.
func TestSecretStoreContract(t *testing.T) {
	t.Run("keyring", func(t *testing.T) {
		k := realKeyring(t)
		testSecretStoreContract(t, func(t *testing.T) SecretStore { return track(t, k) })
	})
	t.Run("file", func(t *testing.T) {
		testSecretStoreContract(t, func(t *testing.T) SecretStore {
			f, err := OpenFileStore(filepath.Join(t.TempDir(), "secrets", "secrets.enc"), []byte(testPassphrase))
			if err != nil {
				t.Fatal(err)
			}
			return f
		})
	})
}

// secretKinds are the SecretStore error kinds; every failure matches
// exactly one.
var secretKinds = []error{ErrSecretNotFound, ErrKeyringUnavailable, ErrKeyringTimeout, ErrSecretTooLarge}

func assertOnlyKind(t testing.TB, err, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Fatalf("err = %v, want kind %v", err, kind)
	}
	for _, other := range secretKinds {
		if other != kind && errors.Is(err, other) {
			t.Fatalf("err %v also matches %v", err, other)
		}
	}
}

// testSecretStoreContract is the storage suite every SecretStore must pass.
// newStore returns a store that cleans up after t. Keys carry a fresh id so
// a shared keyring never collides with other runs.
func testSecretStoreContract(t *testing.T, newStore func(t *testing.T) SecretStore) {
	key := func(name string) string { return "test/" + newID() + "/" + name }
	mustGet := func(t *testing.T, s SecretStore, k, want string) {
		t.Helper()
		got, err := s.Get(k)
		if err != nil {
			t.Fatalf("Get(%s): %v", k, err)
		}
		if got != want {
			t.Fatalf("Get(%s) = %d bytes, want %d bytes (values differ)", k, len(got), len(want))
		}
	}
	mustSet := func(t *testing.T, s SecretStore, k, v string) {
		t.Helper()
		if err := s.Set(k, v); err != nil {
			t.Fatalf("Set(%s): %v", k, err)
		}
	}

	t.Run("get missing", func(t *testing.T) {
		s := newStore(t)
		k := key("missing")
		_, err := s.Get(k)
		assertOnlyKind(t, err, ErrSecretNotFound)
		var se *SecretError
		if !errors.As(err, &se) || se.Key != k || se.Op != "read" {
			t.Fatalf("err = %#v, want a SecretError for read of %s", err, k)
		}
	})
	t.Run("set get", func(t *testing.T) {
		s := newStore(t)
		k := key("a")
		mustSet(t, s, k, "value-1")
		mustGet(t, s, k, "value-1")
	})
	t.Run("overwrite", func(t *testing.T) {
		s := newStore(t)
		k := key("a")
		mustSet(t, s, k, "value-1")
		mustSet(t, s, k, "value-2")
		mustGet(t, s, k, "value-2")
		mustSet(t, s, k, "v3") // shorter than before: no leftovers
		mustGet(t, s, k, "v3")
	})
	t.Run("delete", func(t *testing.T) {
		s := newStore(t)
		k := key("a")
		mustSet(t, s, k, "value-1")
		if err := s.Delete(k); err != nil {
			t.Fatal(err)
		}
		_, err := s.Get(k)
		assertOnlyKind(t, err, ErrSecretNotFound)
	})
	t.Run("delete missing", func(t *testing.T) {
		s := newStore(t)
		err := s.Delete(key("never-set"))
		assertOnlyKind(t, err, ErrSecretNotFound)
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
				assertOnlyKind(t, err, ErrSecretNotFound)
			case 5:
				mustGet(t, s, k, "changed")
			default:
				mustGet(t, s, k, "value-"+k)
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
			mustGet(t, s, k, v)
		}
	})
	t.Run("keys with slashes", func(t *testing.T) {
		s := newStore(t)
		id := newID()
		for _, k := range []string{"connection/" + id + "/refresh-token", "connection/" + id + "/access-token", "oauth-client/" + id + "/client-secret"} {
			mustSet(t, s, k, "v:"+k)
		}
		for _, k := range []string{"connection/" + id + "/refresh-token", "connection/" + id + "/access-token", "oauth-client/" + id + "/client-secret"} {
			mustGet(t, s, k, "v:"+k)
		}
		_, err := s.Get("connection/" + id) // a prefix is not a key
		assertOnlyKind(t, err, ErrSecretNotFound)
	})
	t.Run("metadata store on top", func(t *testing.T) {
		secrets := newStore(t)
		st := newTestStore(t, secrets)
		conn := mustSaveConn(t, st, s2sInput("Reporting"))
		cl := mustSaveClient(t, st, ClientInput{Name: "Team app", ClientID: "team-client", ClientSecret: "team-secret-xyz"})
		oc := mustSaveConn(t, st, ConnectionInput{Name: "Me", Type: AuthOAuth, OAuthClientID: cl.ID})
		mustGet(t, secrets, s2sSecretKey(conn.ID), "s3cret-Reporting-value")
		mustGet(t, secrets, clientSecretKey(cl.ID), "team-secret-xyz")
		mustSet(t, secrets, refreshTokenKey(oc.ID), "rt-value")
		assertNoSecretInDir(t, st.Dir(), "s3cret-Reporting-value", "team-secret-xyz")

		// Editing with a new secret replaces it.
		mustSaveConn(t, st, ConnectionInput{ID: conn.ID, Name: "Reporting", Type: AuthS2S, AccountID: conn.AccountID, ClientID: "new-client", ClientSecret: "replaced-secret"})
		mustGet(t, secrets, s2sSecretKey(conn.ID), "replaced-secret")

		// Deleting connections deletes their secrets.
		if err := st.DeleteConnection("Reporting"); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteConnection("Me"); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{s2sSecretKey(conn.ID), refreshTokenKey(oc.ID)} {
			_, err := secrets.Get(k)
			assertOnlyKind(t, err, ErrSecretNotFound)
		}
		if err := st.DeleteClient("Team app"); err != nil {
			t.Fatal(err)
		}
		_, err := secrets.Get(clientSecretKey(cl.ID))
		assertOnlyKind(t, err, ErrSecretNotFound)
		if d := mustLoad(t, st); len(d.Connections) != 0 || len(d.Clients) != 0 {
			t.Fatalf("left %+v", d)
		}
	})
}
