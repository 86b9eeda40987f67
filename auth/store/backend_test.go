package store_test

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

func TestMoveSecretsToFileAndBack(t *testing.T) {
	keyring := storetest.Secrets(t)
	s := storetest.New(t, keyring)
	c := storetest.MustSaveConn(t, s, storetest.S2SInput("S2S"))
	cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Conf", ClientID: "c", ClientSecret: "client-secret-1"})
	fs, err := file.Open(filepath.Join(t.TempDir(), "secrets.enc"), []byte("correct horse battery"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.MoveSecrets(fs, auth.BackendFile)
	if err != nil || n != 2 {
		t.Fatalf("moved %d, %v", n, err)
	}
	if d := storetest.MustLoad(t, s); d.Backend() != auth.BackendFile {
		t.Fatal("backend not recorded")
	}
	if v, _ := fs.Get(store.ClientSecretKey(cl.ID)); v != "client-secret-1" {
		t.Fatal("client secret not in the file store")
	}
	if _, err := keyring.Get(store.S2SSecretKey(c.ID)); !errors.Is(err, secret.ErrNotFound) {
		t.Fatal("secret left behind in the keyring")
	}
	if _, err := s.MoveSecrets(keyring, auth.BackendKeyring); err != nil {
		t.Fatal(err)
	}
	if v, _ := keyring.Get(store.S2SSecretKey(c.ID)); v != "s3cret-S2S-value" {
		t.Fatal("secret not back in the keyring")
	}
	secrettest.AssertNoSecretInDir(t, s.Dir(), "s3cret-S2S-value", "client-secret-1")
}

func TestMoveSecretsFailureChangesNothing(t *testing.T) {
	from := &secrettest.Memory{}
	s := storetest.New(t, from)
	storetest.MustSaveConn(t, s, storetest.S2SInput("A"))
	storetest.MustSaveConn(t, s, storetest.S2SInput("B"))
	to := &secrettest.Memory{}
	calls := 0
	to.Fail = func(op, key string) error {
		if op == "save" {
			if calls++; calls == 2 {
				return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable}
			}
		}
		return nil
	}
	before := from.Snapshot()
	if _, err := s.MoveSecrets(to, auth.BackendFile); !errors.Is(err, secret.ErrUnavailable) {
		t.Fatalf("err = %v", err)
	}
	if len(to.Keys()) != 0 || !reflect.DeepEqual(from.Snapshot(), before) || storetest.MustLoad(t, s).Backend() != auth.BackendKeyring {
		t.Fatal("a failed move changed something")
	}
}
