package store_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
)

const workflowPass = "a long enough passphrase"

// workflowStore is a store on memory secrets holding one S2S connection,
// so one secret (its client secret).
func workflowStore(t *testing.T) (*store.Store, *secrettest.Memory) {
	t.Helper()
	mem := &secrettest.Memory{}
	s, err := store.Open(filepath.Join(t.TempDir(), "config"), mem)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveConnection(auth.ConnectionInput{Name: "Reports", Type: auth.AuthS2S, AccountID: "acct", ClientID: "cid",
		ClientSecret: "workflow-secret-1", Endpoints: auth.Endpoints{Preset: auth.PresetZoom}}); err != nil {
		t.Fatal(err)
	}
	return s, mem
}

func backendOf(t *testing.T, s *store.Store) auth.SecretBackend {
	t.Helper()
	d, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return d.Backend()
}

func TestSecretsForNamesTheStoreOfTheData(t *testing.T) {
	dir := t.TempDir()
	keyring := &secrettest.Memory{}
	if got := store.SecretsFor(&auth.Data{}, dir, keyring, nil); got != keyring {
		t.Fatalf("secrets in the keyring: got %T", got)
	}
	file, err := file.Open(store.SecretsFilePath(dir), []byte(workflowPass))
	if err != nil {
		t.Fatal(err)
	}
	inFile := &auth.Data{SecretBackend: auth.BackendFile}
	if got := store.SecretsFor(inFile, dir, keyring, file); got != file {
		t.Fatalf("secrets in the unlocked file: got %T", got)
	}
	// While the file is locked, nothing may quietly reach the keyring.
	var asked []string
	keyring.Fail = func(op, key string) error { asked = append(asked, op+" "+key); return nil }
	locked := store.SecretsFor(inFile, dir, keyring, nil)
	_, getErr := locked.Get("k")
	for _, err := range []error{getErr, locked.Set("k", "v"), locked.Delete("k")} {
		if !errors.Is(err, secret.ErrUnavailable) || !strings.Contains(err.Error(), store.SecretsFilePath(dir)) || !strings.Contains(err.Error(), "passphrase") {
			t.Errorf("locked file: err %v", err)
		}
	}
	if len(asked) != 0 {
		t.Fatalf("a locked file reached the keyring: %q", asked)
	}
}

func TestSwitchToFileStoreMovesEverySecret(t *testing.T) {
	s, mem := workflowStore(t)
	fs, n, err := store.SwitchToFileStore(s, []byte(workflowPass))
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || fs.Path() != store.SecretsFilePath(s.Dir()) || len(mem.Keys()) != 0 || backendOf(t, s) != auth.BackendFile {
		t.Fatalf("moved %d to %s; keyring keeps %q; backend %q", n, fs.Path(), mem.Keys(), backendOf(t, s))
	}
	if s.Secrets() != secret.Store(mem) {
		t.Fatal("the store it was given was changed")
	}
	d, _ := s.Load()
	c, _ := d.Connection("Reports")
	if v, err := fs.Get("connection/" + c.ID + "/client-secret"); err != nil || v != "workflow-secret-1" {
		t.Fatalf("the file holds %q, %v", v, err)
	}
}

func TestSwitchToFileStoreFailingRemovesTheNewFile(t *testing.T) {
	s, mem := workflowStore(t)
	before := mem.Snapshot()
	mem.Fail = func(op, key string) error {
		return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable, Err: errors.New("dbus: no reply")}
	}
	_, _, err := store.SwitchToFileStore(s, []byte(workflowPass))
	mem.Fail = nil
	if !errors.Is(err, secret.ErrUnavailable) {
		t.Fatalf("err %v, want the keyring's", err)
	}
	if _, statErr := os.Stat(store.SecretsFilePath(s.Dir())); !errors.Is(statErr, os.ErrNotExist) {
		t.Fatalf("the new secrets file was left behind: %v", statErr)
	}
	if after := mem.Snapshot(); len(after) != len(before) || backendOf(t, s) != auth.BackendKeyring {
		t.Fatalf("a failed switch changed things: %d secrets, backend %q", len(after), backendOf(t, s))
	}
}

func TestSwitchToFileStoreKeepsAnExistingFile(t *testing.T) {
	s, mem := workflowStore(t)
	path := store.SecretsFilePath(s.Dir())
	if _, err := file.Open(path, []byte(workflowPass)); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	// Another passphrase does not open it, and it is left alone.
	if _, _, err := store.SwitchToFileStore(s, []byte("another long passphrase")); !errors.Is(err, file.ErrWrongPassphrase) {
		t.Fatalf("err %v, want a wrong passphrase", err)
	}
	// A failing move leaves the file that was there before.
	mem.Fail = func(op, key string) error {
		return &secret.Error{Op: op, Key: key, Kind: secret.ErrTimeout}
	}
	_, _, err := store.SwitchToFileStore(s, []byte(workflowPass))
	mem.Fail = nil
	if !errors.Is(err, secret.ErrTimeout) {
		t.Fatalf("err %v, want the keyring's", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(raw, after) || backendOf(t, s) != auth.BackendKeyring {
		t.Fatal("a failed switch changed or removed the existing file")
	}
}

func TestSwitchToFileStoreNeedsALongPassphrase(t *testing.T) {
	s, mem := workflowStore(t)
	if _, _, err := store.SwitchToFileStore(s, []byte("short")); !errors.Is(err, file.ErrPassphraseTooShort) {
		t.Fatalf("err %v", err)
	}
	if _, err := os.Stat(store.SecretsFilePath(s.Dir())); !errors.Is(err, os.ErrNotExist) || len(mem.Keys()) != 1 {
		t.Fatalf("a refused passphrase changed things: %v, %q", err, mem.Keys())
	}
}

func TestMoveToKeyring(t *testing.T) {
	s, _ := workflowStore(t)
	fs, _, err := store.SwitchToFileStore(s, []byte(workflowPass))
	if err != nil {
		t.Fatal(err)
	}
	onFile := s.WithSecrets(fs)
	// A keyring that does not answer gets nothing, and nothing changes.
	dead := &secrettest.Memory{Fail: func(op, key string) error {
		return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable, Err: errors.New("no session bus")}
	}}
	if _, err := store.MoveToKeyring(onFile, fs, dead); !errors.Is(err, secret.ErrUnavailable) || backendOf(t, s) != auth.BackendFile {
		t.Fatalf("err %v, backend %q", err, backendOf(t, s))
	}
	keyring := &secrettest.Memory{}
	n, err := store.MoveToKeyring(onFile, fs, keyring)
	if err != nil || n != 1 || len(keyring.Keys()) != 1 || backendOf(t, s) != auth.BackendKeyring {
		t.Fatalf("moved %d, err %v, keyring %q, backend %q", n, err, keyring.Keys(), backendOf(t, s))
	}
	if onFile.Secrets() != secret.Store(fs) {
		t.Fatal("the store it was given was changed")
	}
	if v, err := fs.Get(keyring.Keys()[0]); !errors.Is(err, secret.ErrNotFound) {
		t.Fatalf("the file still holds %q (%v)", v, err)
	}
}
