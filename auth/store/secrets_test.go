package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
)

// recordingKeyring is a memory keyring that notes every call made to it.
type recordingKeyring struct {
	secrettest.Memory
	mu    sync.Mutex
	calls []string
	fail  error // returned by every call while set
}

func newRecordingKeyring() *recordingKeyring {
	k := &recordingKeyring{}
	k.Fail = func(op, key string) error {
		k.mu.Lock()
		defer k.mu.Unlock()
		k.calls = append(k.calls, op+" "+key)
		return k.fail
	}
	return k
}

func (k *recordingKeyring) setFail(err error) {
	k.mu.Lock()
	k.fail = err
	k.mu.Unlock()
}

// reset forgets the calls so far and returns them.
func (k *recordingKeyring) reset() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	calls := k.calls
	k.calls = nil
	return calls
}

var errNoKeyring = &secret.Error{Op: "read", Key: "probe/x", Kind: secret.ErrUnavailable, Err: errors.New("The name org.freedesktop.secrets was not provided by any .service files")}

// secretsOnFile is a store whose one secret was moved into the encrypted
// file, and a new owner of where its secrets live, as a process starting
// afterwards has: the file locked, kr the keyring.
func secretsOnFile(t *testing.T) (*store.Store, *store.Secrets, *recordingKeyring) {
	t.Helper()
	s, _ := workflowStore(t)
	if _, err := store.NewSecrets(s.Dir(), s.Secrets()).UseFile(s, []byte(workflowPass)); err != nil {
		t.Fatal(err)
	}
	kr := newRecordingKeyring()
	again, err := store.Open(s.Dir(), kr)
	if err != nil {
		t.Fatal(err)
	}
	return again, store.NewSecrets(again.Dir(), kr), kr
}

func mustLoad(t *testing.T, s *store.Store) *auth.Data {
	t.Helper()
	d, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSecretsStateFollowsTheDataAndTheKeyring(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "config")
	sec := store.NewSecrets(dir, &secrettest.Memory{})
	inKeyring, inFile := &auth.Data{}, &auth.Data{SecretBackend: auth.BackendFile}
	if st := sec.State(inKeyring); st != (store.SecretsState{}) || !st.Usable() || st.Locked() {
		t.Fatalf("at start: %+v", st)
	}
	locked := &secret.Error{Op: "read", Key: "probe/x", Kind: secret.ErrUnavailable, Err: errors.New("org.freedesktop.Secret.Error.IsLocked: Cannot unlock the collection")}
	for _, c := range []struct {
		err  error
		want store.KeyringState
	}{
		{errNoKeyring, store.KeyringUnavailable},
		{locked, store.KeyringLocked},
		{&secret.Error{Op: "read", Key: "probe/x", Kind: secret.ErrTimeout}, store.KeyringTimedOut},
		{errors.New("dbus: connection refused"), store.KeyringUnavailable}, // any failure of a check
		{nil, store.KeyringReady},
	} {
		sec.KeyringChecked(c.err)
		st := sec.State(inKeyring)
		if st.Keyring != c.want || st.Usable() != (c.want == store.KeyringReady) || sec.KeyringErr() != c.err {
			t.Errorf("after a check saying %v: %+v, usable %v", c.err, st, st.Usable())
		}
	}
	if st := sec.State(inFile); !st.InFile || !st.Locked() || st.Usable() {
		t.Fatalf("file not unlocked yet: %+v", st)
	}
	if !sec.FileMissing() {
		t.Fatal("no file yet, but FileMissing says there is one")
	}
	// Unlocking runs in a job while the window reads the state.
	done := make(chan error)
	go func() { done <- sec.Unlock([]byte(workflowPass)) }()
	_ = sec.State(inFile)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if st := sec.State(inFile); !st.InFile || !st.Unlocked || st.Locked() || !st.Usable() || sec.FileMissing() {
		t.Fatalf("after unlocking: %+v", st)
	}
	// A keyring that stops answering does not make the file unusable.
	sec.KeyringChecked(errNoKeyring)
	if st := sec.State(inFile); !st.Usable() || st.Keyring != store.KeyringUnavailable {
		t.Fatalf("file unlocked, keyring gone: %+v", st)
	}
}

// No silent fallback: while the data says the file, a locked file refuses
// everything, and no call reaches the keyring.
func TestSecretsLockedFileNeverReachesTheKeyring(t *testing.T) {
	s, sec, kr := secretsOnFile(t)
	d := mustLoad(t, s)
	if st := sec.State(d); !st.Locked() {
		t.Fatalf("state %+v, want the file locked", st)
	}
	locked := sec.For(d)
	_, getErr := locked.Get(store.S2SSecretKey(d.Connections[0].ID))
	for _, err := range []error{getErr, locked.Set("k", "v"), locked.Delete("k")} {
		var fe *store.FileError
		if !errors.As(err, &fe) || fe.Problem != store.FileLocked || fe.Path != sec.FilePath() || !errors.Is(err, secret.ErrUnavailable) ||
			store.KeyringStateOf(err) != store.KeyringReady {
			t.Errorf("locked file: %v", err)
		}
	}
	onLocked := s.WithSecrets(locked)
	if _, err := onLocked.SaveConnection(auth.ConnectionInput{Name: "New", Type: auth.AuthS2S, AccountID: "a", ClientID: "c",
		ClientSecret: "new-secret-1", Endpoints: auth.Endpoints{Preset: auth.PresetZoom}}); err == nil {
		t.Error("a save succeeded while the file is locked")
	}
	if _, err := sec.MoveToKeyring(s); !isFileProblem(err, store.FileLocked) {
		t.Errorf("moving a locked file: %v", err)
	}
	if calls := kr.reset(); len(calls) != 0 {
		t.Fatalf("the keyring was asked while the file is locked: %q", calls)
	}
	if _, ok := mustLoad(t, s).Connection("New"); ok || mustLoad(t, s).Backend() != auth.BackendFile {
		t.Fatal("something changed while the file is locked")
	}
}

// No silent fallback the other way: while the data says the keyring, an
// unlocked file is not used, even when the keyring does not answer.
func TestSecretsKeyringUnavailableNeverReachesTheFile(t *testing.T) {
	s, _ := workflowStore(t)
	sec := store.NewSecrets(s.Dir(), s.Secrets())
	if err := sec.Unlock([]byte(workflowPass)); err != nil { // a file lying there, unlocked
		t.Fatal(err)
	}
	sec.KeyringChecked(errNoKeyring)
	d := mustLoad(t, s)
	if got := sec.For(d); got != s.Secrets() {
		t.Fatalf("secrets in the keyring: got %T", got)
	}
	if st := sec.State(d); st.InFile || st.Usable() {
		t.Fatalf("state %+v", st)
	}
}

func TestSecretsWrongPassphraseChangesNothing(t *testing.T) {
	s, sec, kr := secretsOnFile(t)
	d := mustLoad(t, s)
	before, err := os.ReadFile(sec.FilePath())
	if err != nil {
		t.Fatal(err)
	}
	err = sec.Unlock([]byte("not the passphrase"))
	if !isFileProblem(err, store.FileWrongPassphrase) || !errors.Is(err, file.ErrWrongPassphrase) || !strings.Contains(err.Error(), "Nothing was changed") {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if after, _ := os.ReadFile(sec.FilePath()); !bytes.Equal(before, after) {
		t.Fatal("a wrong passphrase changed the file")
	}
	if st := sec.State(d); !st.Locked() {
		t.Fatalf("a wrong passphrase unlocked the file: %+v", st)
	}
	if _, err := sec.For(d).Get(store.S2SSecretKey(d.Connections[0].ID)); !isFileProblem(err, store.FileLocked) {
		t.Fatalf("still locked: %v", err)
	}
	// Once unlocked, a wrong passphrase keeps the file it had.
	if err := sec.Unlock([]byte(workflowPass)); err != nil {
		t.Fatal(err)
	}
	if err := sec.Unlock([]byte("not the passphrase")); !isFileProblem(err, store.FileWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if v, err := sec.For(d).Get(store.S2SSecretKey(d.Connections[0].ID)); err != nil || v != "workflow-secret-1" || !sec.State(d).Usable() {
		t.Fatalf("after a wrong passphrase the file gives %q, %v", v, err)
	}
	if calls := kr.reset(); len(calls) != 0 {
		t.Fatalf("the keyring was asked: %q", calls)
	}
}

func TestSecretsUseFileThenMoveBack(t *testing.T) {
	s, mem := workflowStore(t)
	kr := newRecordingKeyring()
	for _, k := range mem.Keys() {
		v, _ := mem.Get(k)
		kr.Set(k, v)
	}
	s, err := store.Open(s.Dir(), kr)
	if err != nil {
		t.Fatal(err)
	}
	sec := store.NewSecrets(s.Dir(), kr)

	// A short passphrase for a new file: refused before anything moves.
	_, err = sec.UseFile(s, []byte("short"))
	var fe *store.FileError
	if !errors.As(err, &fe) || fe.Problem != store.FilePassphraseTooShort || fe.MinLen != store.MinPassphraseLen || !errors.Is(err, file.ErrPassphraseTooShort) {
		t.Fatalf("short passphrase: %v", err)
	}
	if d := mustLoad(t, s); !sec.FileMissing() || len(kr.Keys()) != 1 || sec.State(d) != (store.SecretsState{}) {
		t.Fatal("a refused passphrase changed something")
	}

	n, err := sec.UseFile(s, []byte(workflowPass))
	if err != nil || n != 1 {
		t.Fatalf("moved %d, %v", n, err)
	}
	d := mustLoad(t, s)
	key := store.S2SSecretKey(d.Connections[0].ID)
	if st := sec.State(d); !st.InFile || !st.Unlocked || len(kr.Keys()) != 0 {
		t.Fatalf("after UseFile: %+v, keyring keeps %q", st, kr.Keys())
	}
	kr.reset()
	if v, err := sec.For(d).Get(key); err != nil || v != "workflow-secret-1" {
		t.Fatalf("the file gives %q, %v", v, err)
	}
	if calls := kr.reset(); len(calls) != 0 {
		t.Fatalf("reading from the file asked the keyring: %q", calls)
	}

	// A keyring that does not answer gets nothing; its state is noted.
	kr.setFail(errNoKeyring)
	if _, err := sec.MoveToKeyring(s); store.KeyringStateOf(err) != store.KeyringUnavailable {
		t.Fatalf("moving to a dead keyring: %v", err)
	}
	if st := sec.State(mustLoad(t, s)); !st.InFile || !st.Usable() || st.Keyring != store.KeyringUnavailable {
		t.Fatalf("after a failed move: %+v", st)
	}
	kr.setFail(nil)
	n, err = sec.MoveToKeyring(s)
	if err != nil || n != 1 {
		t.Fatalf("moved %d, %v", n, err)
	}
	d = mustLoad(t, s)
	if st := sec.State(d); st != (store.SecretsState{}) || sec.For(d) != store.SecretStore(kr) {
		t.Fatalf("after moving back: %+v", st)
	}
	if v, err := kr.Get(key); err != nil || v != "workflow-secret-1" {
		t.Fatalf("the keyring gives %q, %v", v, err)
	}
}

func TestKeyringStateOf(t *testing.T) {
	fileErr := &file.Error{Path: "p", Op: "read", Key: "k", Kind: secret.ErrUnavailable}
	for _, c := range []struct {
		err  error
		want store.KeyringState
	}{
		{nil, store.KeyringReady},
		{&secret.Error{Op: "read", Key: "k", Kind: secret.ErrNotFound}, store.KeyringReady},
		{&secret.Error{Op: "save", Key: "k", Kind: secret.ErrTooLarge}, store.KeyringReady},
		{fmt.Errorf("nothing was moved: %w", errNoKeyring), store.KeyringUnavailable},
		{&secret.Error{Op: "read", Key: "k", Kind: secret.ErrUnavailable, Err: errors.New("collection is locked; unlock it")}, store.KeyringLocked},
		{&secret.Error{Op: "read", Key: "k", Kind: secret.ErrTimeout}, store.KeyringTimedOut},
		{fileErr, store.KeyringReady}, // the encrypted file's, not the keyring's
		{store.LockedFile{Path: "p"}.Set("k", "v"), store.KeyringReady},
		{errors.New("something else"), store.KeyringReady},
	} {
		if got := store.KeyringStateOf(c.err); got != c.want {
			t.Errorf("KeyringStateOf(%v) = %d, want %d", c.err, got, c.want)
		}
	}
}

func TestOpenWithoutAKeyringUsesTheOSKeyring(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "config"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Secrets().(*keyring.Store); !ok {
		t.Fatalf("secrets in %T", s.Secrets())
	}
}

func isFileProblem(err error, p store.FileProblem) bool {
	var fe *store.FileError
	return errors.As(err, &fe) && fe.Problem == p
}
