package store

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/internal/atomicfile"

	"github.com/gofrs/flock"
)

const (
	dataFileName = "connections.json"
	lockFileName = "connections.lock"
	locksDirName = "locks"
)

// CorruptFileError reports a metadata file that cannot be read or parsed.
// The file is left exactly as it was.
type CorruptFileError struct {
	Path string
	Err  error
}

func (e *CorruptFileError) Error() string {
	return fmt.Sprintf("The connections file %s could not be read (%v). It has been left untouched; restore it from a backup, or move it aside to start with no connections.", e.Path, e.Err)
}

func (e *CorruptFileError) Unwrap() error { return e.Err }

// InUseError refuses to delete an OAuth client that connections still use.
type InUseError struct {
	Client      string
	Connections []string
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("The OAuth client %q is still used by %s; delete those connections or switch them to another OAuth client first.", e.Client, quoteList(e.Connections))
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// Store keeps connection metadata in one JSON file and secrets in a
// [secret.Store]. Every change is transactional across both: it either
// lands whole or leaves both as they were. Changes are serialized across
// processes with a file lock; readers never see a half-written file because
// the file is replaced atomically.
type Store struct {
	dir     string
	secrets secret.Store
	// Now is the clock; tests replace it.
	Now func() time.Time
	// LockWait bounds the wait for a connection's lock (see
	// [DefaultLockWait], used when zero); LockNotice is how long that wait
	// stays silent before OnWait is told ([DefaultLockNotice] when zero).
	LockWait, LockNotice time.Duration
	// OnWait, if set, is told the name of a connection whose lock another
	// process still holds after LockNotice, so the user learns why nothing
	// happens. It runs on the waiting goroutine.
	OnWait func(name string)

	writeFile func(path string, data []byte) error // seam for fault tests
	parsed    *parsedFile
}

// parsedFile remembers the last metadata file this process parsed. A token
// request reads the file up to four times (which backend, the connection,
// again under the refresh lock, and to note the expiry); while its bytes
// are unchanged, reading it again costs a comparison and a copy instead of
// a JSON parse and validation.
type parsedFile struct {
	mu   sync.Mutex
	raw  []byte
	data *auth.Data
}

func (p *parsedFile) get(raw []byte) *auth.Data {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.data == nil || !bytes.Equal(raw, p.raw) {
		return nil
	}
	return p.data.Clone()
}

func (p *parsedFile) put(raw []byte, d *auth.Data) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.raw, p.data = raw, d.Clone()
	p.mu.Unlock()
}

// DefaultConfigDir is $ZOOMCONN_CONFIG_DIR if set, else
// os.UserConfigDir()/zoomconn.
func DefaultConfigDir() (string, error) {
	if d := os.Getenv("ZOOMCONN_CONFIG_DIR"); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the configuration directory: %w", err)
	}
	return filepath.Join(base, "zoomconn"), nil
}

// Open opens the store in dir, creating dir with mode 0700, with its
// secrets in secrets: the system keyring (nil means the OS keyring) until
// [Secrets] says otherwise. It refuses a dir that another user owns,
// directly or behind a symlink, or that cannot be made 0700: whoever else
// can write there could swap the metadata for one naming their own
// endpoints, or hold the locks.
func Open(dir string, secrets secret.Store) (*Store, error) {
	if err := PrivateDir(dir); err != nil {
		return nil, err
	}
	return &Store{dir: dir, secrets: orOSKeyring(secrets), Now: time.Now, parsed: &parsedFile{}}, nil
}

// Dir is the configuration directory.
func (s *Store) Dir() string { return s.dir }

// Path is the metadata file.
func (s *Store) Path() string { return filepath.Join(s.dir, dataFileName) }

// Secrets is the store's secret store.
func (s *Store) Secrets() secret.Store { return s.secrets }

// Load reads the metadata file. A missing file is an empty store; a file
// that cannot be parsed is a [*CorruptFileError] and is never rewritten.
func (s *Store) Load() (*auth.Data, error) {
	raw, err := os.ReadFile(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return &auth.Data{Schema: auth.SchemaVersion}, nil
	}
	if err != nil {
		return nil, &CorruptFileError{Path: s.Path(), Err: err}
	}
	if d := s.parsed.get(raw); d != nil {
		return d, nil
	}
	d, err := auth.ParseData(raw)
	if err != nil {
		return nil, &CorruptFileError{Path: s.Path(), Err: err}
	}
	s.parsed.put(raw, d)
	return d, nil
}

func (s *Store) write(d *auth.Data) error {
	d.Schema = auth.SchemaVersion
	raw, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return err
	}
	raw = append(raw, '\n')
	if s.writeFile != nil {
		return s.writeFile(s.Path(), raw)
	}
	if err := atomicfile.Write(s.Path(), raw); err != nil {
		return fmt.Errorf("saving %s: %w", s.Path(), err)
	}
	return nil
}

// lock takes the store's cross-process lock.
func (s *Store) lock() (*flock.Flock, error) {
	return LockFile(filepath.Join(s.dir, lockFileName))
}

// locker hands out the per-connection locks.
func (s *Store) locker() *Locker {
	return &Locker{Dir: filepath.Join(s.dir, locksDirName), Wait: s.LockWait, Notice: s.LockNotice, OnWait: s.OnWait}
}

// LockConnection takes one connection's lock (see [Locker]) and returns
// its release. A refresh holds it from re-reading the stored token to
// saving the new one; a delete, an edit that drops tokens and a move of
// the secrets take it too.
func (s *Store) LockConnection(ctx context.Context, id, name string) (func(), error) {
	return s.locker().Lock(ctx, id, name)
}

// lockConnections takes the locks of conns, in the one order every caller uses.
func (s *Store) lockConnections(ctx context.Context, conns []auth.Connection) (func(), error) {
	items := make([]Item, len(conns))
	for i, c := range conns {
		items[i] = Item{ID: c.ID, Name: c.Name}
	}
	return s.locker().LockAll(ctx, items)
}

// update runs fn on freshly loaded data under the lock, then writes the
// file. If fn or the write fails, every secret change fn made through tx is
// undone and the file is left as it was.
func (s *Store) update(fn func(d *auth.Data, t *Tx) error) error {
	l, err := s.lock()
	if err != nil {
		return err
	}
	defer l.Unlock()
	d, err := s.Load()
	if err != nil {
		return err
	}
	t := NewTx(s.secrets)
	if err := fn(d, t); err != nil {
		return errors.Join(err, t.Rollback())
	}
	if err := s.write(d); err != nil {
		return errors.Join(fmt.Errorf("The connections file %s could not be written, so nothing was saved: %w", s.Path(), err), t.Rollback())
	}
	return nil
}
