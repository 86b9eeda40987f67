package auth

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
)

func TestMoveSecretsToFileAndBack(t *testing.T) {
	keyring := testSecrets(t)
	s := newTestStore(t, keyring)
	c := mustSaveConn(t, s, s2sInput("S2S"))
	cl := mustSaveClient(t, s, ClientInput{Name: "Conf", ClientID: "c", ClientSecret: "client-secret-1"})
	fs, err := file.Open(filepath.Join(t.TempDir(), "secrets.enc"), []byte("correct horse battery"))
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.MoveSecrets(fs, BackendFile)
	if err != nil || n != 2 {
		t.Fatalf("moved %d, %v", n, err)
	}
	if d := mustLoad(t, s); d.Backend() != BackendFile {
		t.Fatal("backend not recorded")
	}
	if v, _ := fs.Get(clientSecretKey(cl.ID)); v != "client-secret-1" {
		t.Fatal("client secret not in the file store")
	}
	if _, err := keyring.Get(s2sSecretKey(c.ID)); !errors.Is(err, secret.ErrNotFound) {
		t.Fatal("secret left behind in the keyring")
	}
	if _, err := s.MoveSecrets(keyring, BackendKeyring); err != nil {
		t.Fatal(err)
	}
	if v, _ := keyring.Get(s2sSecretKey(c.ID)); v != "s3cret-S2S-value" {
		t.Fatal("secret not back in the keyring")
	}
	assertNoSecretInDir(t, s.Dir(), "s3cret-S2S-value", "client-secret-1")
}

func TestMoveSecretsFailureChangesNothing(t *testing.T) {
	from := &secret.Memory{}
	s := newTestStore(t, from)
	mustSaveConn(t, s, s2sInput("A"))
	mustSaveConn(t, s, s2sInput("B"))
	to := &secret.Memory{}
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
	if _, err := s.MoveSecrets(to, BackendFile); !errors.Is(err, secret.ErrUnavailable) {
		t.Fatalf("err = %v", err)
	}
	if len(to.Keys()) != 0 || !reflect.DeepEqual(from.Snapshot(), before) || mustLoad(t, s).Backend() != BackendKeyring {
		t.Fatal("a failed move changed something")
	}
}
