package store_test

import (
	"path/filepath"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
	"zoomconn/auth/secret/keyring/keyringtest"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

// testPassphrase unlocks the encrypted secret files of these tests.
const testPassphrase = "correct horse battery staple"

// TestMetadataStoreOnEverySecretStore runs the metadata store on top of each
// secret store that can hold real secrets, and on the memory double: the
// same saves, edits and deletes leave the same secrets. (Each store's own
// contract suite is in its package; see package secrettest.)
func TestMetadataStoreOnEverySecretStore(t *testing.T) {
	stores := map[string]func(t *testing.T) secret.Store{
		"keyring": func(t *testing.T) secret.Store { return secrettest.Track(t, keyringtest.Require(t)) },
		"file": func(t *testing.T) secret.Store {
			f, err := file.Open(filepath.Join(t.TempDir(), "secrets", "secrets.enc"), []byte(testPassphrase))
			if err != nil {
				t.Fatal(err)
			}
			return f
		},
		"memory": func(*testing.T) secret.Store { return &secrettest.Memory{} },
	}
	for name, newStore := range stores {
		t.Run(name, func(t *testing.T) { testMetadataOnTop(t, newStore(t)) })
	}
}

func testMetadataOnTop(t *testing.T, secrets secret.Store) {
	st := storetest.New(t, secrets)
	conn := storetest.MustSaveConn(t, st, storetest.S2SInput("Reporting"))
	cl := storetest.MustSaveClient(t, st, auth.ClientInput{Name: "Team app", ClientID: "team-client", ClientSecret: "team-secret-xyz"})
	oc := storetest.MustSaveConn(t, st, auth.ConnectionInput{Name: "Me", Type: auth.AuthOAuth, OAuthClientID: cl.ID})
	secrettest.MustGet(t, secrets, store.S2SSecretKey(conn.ID), "s3cret-Reporting-value")
	secrettest.MustGet(t, secrets, store.ClientSecretKey(cl.ID), "team-secret-xyz")
	if err := secrets.Set(store.RefreshTokenKey(oc.ID), "rt-value"); err != nil {
		t.Fatal(err)
	}
	secrettest.AssertNoSecretInDir(t, st.Dir(), "s3cret-Reporting-value", "team-secret-xyz")

	// Editing with a new secret replaces it.
	storetest.MustSaveConn(t, st, auth.ConnectionInput{ID: conn.ID, Name: "Reporting", Type: auth.AuthS2S, AccountID: conn.AccountID, ClientID: "new-client", ClientSecret: "replaced-secret"})
	secrettest.MustGet(t, secrets, store.S2SSecretKey(conn.ID), "replaced-secret")

	// Deleting connections deletes their secrets.
	if err := st.DeleteConnection("Reporting"); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteConnection("Me"); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{store.S2SSecretKey(conn.ID), store.RefreshTokenKey(oc.ID)} {
		_, err := secrets.Get(k)
		secrettest.AssertOnlyKind(t, err, secret.ErrNotFound)
	}
	if err := st.DeleteClient("Team app"); err != nil {
		t.Fatal(err)
	}
	_, err := secrets.Get(store.ClientSecretKey(cl.ID))
	secrettest.AssertOnlyKind(t, err, secret.ErrNotFound)
	if d := storetest.MustLoad(t, st); len(d.Connections) != 0 || len(d.Clients) != 0 {
		t.Fatalf("left %+v", d)
	}
}
