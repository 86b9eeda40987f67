package store

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
	"zoomconn/auth/secret/keyring"
)

// This file holds the one owner of where secrets live ([Secrets]), the
// facts a front-end phrases about it ([SecretsState], [KeyringState],
// [FileError], [SecretError]) and the secret-store type a front-end names
// to wire a test double in ([SecretStore]). The front-ends call these and
// nothing below them: they never open the encrypted file, probe the
// keyring or pick a secret store themselves.

// SecretStore keeps secrets, one item per key: the system keyring, the
// encrypted file, or a test's double. A front-end names it only to pass a
// double in; wherever one is asked for, nil means the OS keyring.
type SecretStore = secret.Store

// SecretError is a failed operation of a secret store, in facts: Op
// ("read", "save", "delete"), What the key holds (never its IDs), what the
// store said (Err) and, for a keyring that does not answer, Help (how to
// get one). [KeyringStateOf] says what it means for the system keyring;
// each front-end words the sentence.
type SecretError = secret.Error

// orOSKeyring is k, or the OS keyring if k is nil.
func orOSKeyring(k SecretStore) SecretStore {
	if k == nil {
		return &keyring.Store{}
	}
	return k
}

// MinPassphraseLen is the minimum length, in characters, of the passphrase
// of a new encrypted secrets file.
const MinPassphraseLen = file.MinPassphraseLen

// KeyringHelp says, for this platform, how to get a working system keyring
// (which program to install or unlock).
func KeyringHelp() string { return keyring.Help() }

// KeyringState is what the system keyring said when last asked.
type KeyringState int

const (
	// KeyringReady: it answered (or has not been asked yet).
	KeyringReady KeyringState = iota
	// KeyringLocked: it answered that it is locked.
	KeyringLocked
	// KeyringTimedOut: it did not answer in time; it may be waiting for
	// the user to unlock it.
	KeyringTimedOut
	// KeyringUnavailable: no keyring answered.
	KeyringUnavailable
)

// KeyringStateOf says what err, returned by a secret store call, says
// about the system keyring: [KeyringReady] if nothing (err is nil, says
// the secret does not exist, or comes from the encrypted file).
func KeyringStateOf(err error) KeyringState {
	var fe *FileError
	var ffe *file.Error
	switch {
	case err == nil || errors.As(err, &fe) || errors.As(err, &ffe):
		return KeyringReady
	case errors.Is(err, secret.ErrTimeout):
		return KeyringTimedOut
	case !errors.Is(err, secret.ErrUnavailable):
		return KeyringReady
	}
	var se *secret.Error
	if errors.As(err, &se) && secret.IsLocked(se.Err) {
		return KeyringLocked
	}
	return KeyringUnavailable
}

// keyringCheck is what a check of the keyring that ended with err says:
// any failure that names no other state means no keyring answered.
func keyringCheck(err error) KeyringState {
	if st := KeyringStateOf(err); st != KeyringReady || err == nil {
		return st
	}
	return KeyringUnavailable
}

// SecretsState is where a configuration's secrets live and whether they
// can be used now.
type SecretsState struct {
	// InFile: the data says secrets live in the encrypted file
	// (auth.BackendFile); else in the system keyring.
	InFile bool
	// Unlocked: the encrypted file's passphrase has been entered.
	Unlocked bool
	// Keyring is what the system keyring said when last checked, wherever
	// the secrets live.
	Keyring KeyringState
}

// Usable says whether secrets can be read and written now: the file is
// unlocked, or the keyring answered when last checked.
func (st SecretsState) Usable() bool {
	if st.InFile {
		return st.Unlocked
	}
	return st.Keyring == KeyringReady
}

// Locked says whether secrets live in the encrypted file and it has not
// been unlocked yet.
func (st SecretsState) Locked() bool { return st.InFile && !st.Unlocked }

// FileProblem is what is wrong with the encrypted secrets file.
type FileProblem int

const (
	// FileUnreadable: it, or its folder, could not be read or written.
	FileUnreadable FileProblem = iota
	// FileWrongPassphrase: the passphrase does not unlock it.
	FileWrongPassphrase
	// FilePassphraseTooShort: the passphrase is empty, or, for a new file,
	// shorter than [FileError.MinLen] characters.
	FilePassphraseTooShort
	// FileLocked: its passphrase has not been entered yet.
	FileLocked
	// FileDamaged: it is truncated, garbled, or was modified outside
	// zoomconn; it is left untouched.
	FileDamaged
	// FileTooNew: a newer zoomconn wrote it.
	FileTooNew
)

// FileError is a failure of the encrypted secrets file: which file, what
// was being done, and what is wrong. It never contains a secret. Its
// message is a sentence for the user; errors.Is also matches what the file
// store said (e.g. [file.ErrWrongPassphrase]), and, for a locked file,
// [secret.ErrUnavailable], so callers of the [SecretStore] interface see
// one of its kinds.
type FileError struct {
	Path    string
	Op      string // "open", "move" (its secrets to the keyring), or "read", "save", "delete" a Key
	Key     string // the secret's key, for read, save and delete
	Problem FileProblem
	MinLen  int   // for FilePassphraseTooShort: the minimum, in characters
	Err     error // what the file store said; nil for FileLocked
}

func (e *FileError) Unwrap() []error {
	var errs []error
	if e.Problem == FileLocked {
		errs = append(errs, secret.ErrUnavailable)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func (e *FileError) Error() string {
	switch {
	case e.Problem == FileLocked && e.Key != "":
		return fmt.Sprintf("The secrets file %s is locked, so %s was not %s: enter the file's passphrase first.", e.Path, secret.Describe(e.Key), done(e.Op))
	case e.Problem == FileLocked:
		return fmt.Sprintf("The secrets file %s is locked: enter its passphrase first.", e.Path)
	case e.Err != nil:
		return e.Err.Error()
	case e.Problem == FilePassphraseTooShort:
		return fmt.Sprintf("The passphrase for the secrets file %s must be at least %d characters long. Nothing was changed.", e.Path, e.MinLen)
	}
	return fmt.Sprintf("The secrets file %s could not be used.", e.Path)
}

// done is op ("read", "save", "delete") done: "read", "saved", "deleted".
func done(op string) string {
	switch op {
	case "save":
		return "saved"
	case "delete":
		return "deleted"
	}
	return op
}

// fileError is err, from opening the file at path, as a [*FileError].
func fileError(path string, err error) error {
	var fe *FileError
	if err == nil || errors.As(err, &fe) {
		return err
	}
	e := &FileError{Path: path, Op: "open", Err: err}
	switch {
	case errors.Is(err, file.ErrWrongPassphrase):
		e.Problem = FileWrongPassphrase
	case errors.Is(err, file.ErrPassphraseTooShort):
		e.Problem, e.MinLen = FilePassphraseTooShort, MinPassphraseLen
	case errors.Is(err, file.ErrStoreTampered):
		e.Problem = FileDamaged
	case errors.Is(err, file.ErrStoreTooNew):
		e.Problem = FileTooNew
	}
	return e
}

// Secrets owns where the secrets of one configuration directory live: the
// system keyring (the default) or, only when the user asks for it, the
// passphrase-encrypted file beside the metadata. It never falls back from
// one to the other: while the file is locked every secret call fails
// ([FileLocked]) and none reaches the keyring, and a keyring that does not
// answer stays the place of the secrets until the user moves them. The
// metadata (auth.Data's backend) records which one is in use; Secrets
// keeps the rest: the unlocked file and what the keyring said last.
//
// It is safe for concurrent use; the slow calls (Unlock, UseFile,
// MoveToKeyring, CheckKeyring) may run on another goroutine than the one
// reading the state.
type Secrets struct {
	dir     string
	keyring SecretStore

	mu     sync.Mutex
	file   *file.Store // the unlocked file; nil while locked
	keyErr error       // what the keyring said when last checked
}

// NewSecrets is where the secrets of the configuration directory dir live,
// keyring being the system keyring (nil: the OS keyring). The encrypted
// file starts locked, the keyring as answering until checked.
func NewSecrets(dir string, keyring SecretStore) *Secrets {
	return &Secrets{dir: dir, keyring: orOSKeyring(keyring)}
}

// FilePath is the encrypted secrets file.
func (s *Secrets) FilePath() string { return SecretsFilePath(s.dir) }

// FileMissing says whether there is no encrypted file: unlocking then
// creates a new, empty one (with a passphrase of at least
// [MinPassphraseLen] characters), and the secrets it held are gone.
func (s *Secrets) FileMissing() bool {
	_, err := os.Lstat(s.FilePath())
	return errors.Is(err, os.ErrNotExist)
}

// State says where d, this directory's data, keeps its secrets and whether
// they can be used now.
func (s *Secrets) State(d *auth.Data) SecretsState {
	s.mu.Lock()
	defer s.mu.Unlock()
	return SecretsState{InFile: d != nil && d.Backend() == auth.BackendFile, Unlocked: s.file != nil, Keyring: keyringCheck(s.keyErr)}
}

// For is the secret store d, this directory's data, names ([SecretsFor]):
// the keyring, the unlocked file or, while the file is locked, a stand-in
// that refuses every call.
func (s *Secrets) For(d *auth.Data) SecretStore {
	if d == nil {
		d = &auth.Data{}
	}
	s.mu.Lock()
	f := s.file
	s.mu.Unlock()
	return SecretsFor(d, s.dir, s.keyring, f)
}

// Warm lets the keyring connect in the background, if it can, so that its
// first call finds the connection open. Call it only once the data says
// secrets live there: looking for a keyring can start programs.
func (s *Secrets) Warm() { secret.Warm(s.keyring) }

// CheckKeyring asks the keyring whether it answers, remembers what it said
// ([SecretsState.Keyring], [Secrets.KeyringErr]) and returns it: nil if it
// answered.
func (s *Secrets) CheckKeyring() error {
	err := ProbeKeyring(s.keyring)
	s.KeyringChecked(err)
	return err
}

// ProbeKeyring asks keyring (nil: the OS keyring) whether it answers, as
// the app does once at start, before its window exists.
func ProbeKeyring(keyring SecretStore) error { return secret.Probe(orOSKeyring(keyring)) }

// KeyringChecked remembers what a check of the keyring made elsewhere said
// (the app's start probes it before the window opens): nil if it answered.
func (s *Secrets) KeyringChecked(err error) {
	s.mu.Lock()
	s.keyErr = err
	s.mu.Unlock()
}

// KeyringErr is what the keyring said when last checked; nil if it
// answered or has not been checked.
func (s *Secrets) KeyringErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.keyErr
}

// Unlock opens the encrypted file with pass; secrets that live there can
// be used from then on. A missing file is created, new and empty (see
// [Secrets.FileMissing]). A passphrase that does not unlock the file is a
// [*FileError] ([FileWrongPassphrase]) and changes nothing: the file is
// left as it was, and stays locked if it was. The caller may wipe pass
// once this returns.
func (s *Secrets) Unlock(pass []byte) error {
	f, err := file.Open(s.FilePath(), pass)
	if err != nil {
		return fileError(s.FilePath(), err)
	}
	s.mu.Lock()
	s.file = f
	s.mu.Unlock()
	return nil
}

// UseFile moves every secret of st (this directory's store) from the
// keyring into the encrypted file, opening it with pass or creating it, and
// records the file as where secrets live ([SwitchToFileStore]: all or
// nothing). Only ever on the user's request: nothing else moves secrets
// out of the keyring. The file is unlocked from then on. It returns how
// many secrets moved.
//
// A passphrase shorter than [MinPassphraseLen] for a new file
// ([FilePassphraseTooShort]) or one that does not open the file already
// there ([FileWrongPassphrase]) is a [*FileError]; a keyring that does not
// answer is the keyring's error ([KeyringStateOf]). Either way nothing
// changes. The caller may wipe pass once this returns.
func (s *Secrets) UseFile(st *Store, pass []byte) (int, error) {
	f, n, err := SwitchToFileStore(st.WithSecrets(s.keyring), pass)
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	s.file = f
	s.mu.Unlock()
	return n, nil
}

// MoveToKeyring moves every secret of st (this directory's store) from the
// unlocked encrypted file into the keyring, once the keyring answers, and
// records the keyring as where secrets live (all or nothing). It returns
// how many secrets moved; the file is left without secrets. A locked file
// is a [*FileError] ([FileLocked]); a keyring that does not answer is the
// keyring's error, remembered as its state. Either way nothing moves.
func (s *Secrets) MoveToKeyring(st *Store) (int, error) {
	s.mu.Lock()
	f := s.file
	s.mu.Unlock()
	if f == nil {
		return 0, &FileError{Path: s.FilePath(), Op: "move", Problem: FileLocked}
	}
	if err := s.CheckKeyring(); err != nil {
		return 0, err
	}
	n, err := st.WithSecrets(f).MoveSecrets(s.keyring, auth.BackendKeyring)
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	if s.file == f {
		s.file = nil // empty now: a later switch opens it again
	}
	s.mu.Unlock()
	return n, nil
}
