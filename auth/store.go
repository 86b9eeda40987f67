package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"zoomconn/auth/secret"
	"zoomconn/auth/store"
	"zoomconn/internal/atomicfile"

	"github.com/gofrs/flock"
)

// SchemaVersion is the version of the metadata file this build writes.
// Version 2 keeps an OAuth client's endpoints on the client (see
// [bindClientEndpoints]); version 1 files are migrated when read.
const SchemaVersion = 2

const (
	dataFileName = "connections.json"
	lockFileName = "connections.lock"
	locksDirName = "locks"
)

// Data is the content of the metadata file. It never holds a secret.
type Data struct {
	Schema int `json:"schema"`
	// SecretBackend says where this store's secrets live; "" is the keyring.
	SecretBackend SecretBackend `json:"secret_backend,omitempty"`
	Clients       []OAuthClient `json:"oauth_clients"`
	Connections   []Connection  `json:"connections"`
}

// Connection returns the connection with this name, else the one whose
// name looks the same (case, width, lookalike letters; see nameKey).
func (d *Data) Connection(name string) (*Connection, bool) {
	name = strings.TrimSpace(name)
	for _, same := range []func(a, b string) bool{func(a, b string) bool { return a == b }, sameName} {
		for i := range d.Connections {
			if same(d.Connections[i].Name, name) {
				return &d.Connections[i], true
			}
		}
	}
	return nil, false
}

// ConnectionByID returns the connection with this id.
func (d *Data) ConnectionByID(id string) (*Connection, bool) {
	for i := range d.Connections {
		if d.Connections[i].ID == id {
			return &d.Connections[i], true
		}
	}
	return nil, false
}

// Client returns the OAuth client with this name, else the one whose name
// looks the same (see [Data.Connection]).
func (d *Data) Client(name string) (*OAuthClient, bool) {
	name = strings.TrimSpace(name)
	for _, same := range []func(a, b string) bool{func(a, b string) bool { return a == b }, sameName} {
		for i := range d.Clients {
			if same(d.Clients[i].Name, name) {
				return &d.Clients[i], true
			}
		}
	}
	return nil, false
}

// ClientByID returns the OAuth client with this id.
func (d *Data) ClientByID(id string) (*OAuthClient, bool) {
	for i := range d.Clients {
		if d.Clients[i].ID == id {
			return &d.Clients[i], true
		}
	}
	return nil, false
}

// ConnectionsUsing lists the names of connections that use OAuth client id.
func (d *Data) ConnectionsUsing(clientID string) []string {
	var names []string
	for _, c := range d.Connections {
		if c.Type == AuthOAuth && c.OAuthClientID == clientID {
			names = append(names, c.Name)
		}
	}
	return names
}

// CorruptFileError reports a metadata file that cannot be read or parsed.
// The file is left exactly as it was.
type CorruptFileError struct {
	Path string
	Err  error
}

func (e *CorruptFileError) Error() string {
	return fmt.Sprintf("The connections file %s could not be read (%v). zoomconn has left it untouched; restore it from a backup, or move it aside to start with no connections.", e.Path, e.Err)
}

func (e *CorruptFileError) Unwrap() error { return e.Err }

// NotFoundError reports a connection or OAuth client that does not exist.
type NotFoundError struct {
	What string // "connection" or "OAuth client"
	Name string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("There is no %s named %q.", e.What, e.Name)
}

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
	// [store.DefaultLockWait], used when zero); LockNotice is how long that wait
	// stays silent before OnWait is told ([store.DefaultLockNotice] when zero).
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
	data *Data
}

func (p *parsedFile) get(raw []byte) *Data {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.data == nil || !bytes.Equal(raw, p.raw) {
		return nil
	}
	return p.data.clone()
}

func (p *parsedFile) put(raw []byte, d *Data) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.raw, p.data = raw, d.clone()
	p.mu.Unlock()
}

// clone copies d deeply: callers of Load own what they get and may change
// it. TestDataCloneCoversEveryReference fails when a new field would need
// copying here.
func (d *Data) clone() *Data {
	c := *d
	if d.Clients != nil {
		c.Clients = make([]OAuthClient, len(d.Clients))
		copy(c.Clients, d.Clients)
	}
	if d.Connections != nil {
		c.Connections = make([]Connection, len(d.Connections))
		for i, conn := range d.Connections {
			if conn.LastTest != nil {
				t := *conn.LastTest
				conn.LastTest = &t
			}
			if conn.TokenExpiry != nil {
				t := *conn.TokenExpiry
				conn.TokenExpiry = &t
			}
			conn.TokenScopes = slices.Clone(conn.TokenScopes)
			c.Connections[i] = conn
		}
	}
	return &c
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

// NewStore opens the store in dir, creating dir with mode 0700. It
// refuses a dir that another user owns, directly or behind a symlink, or
// that cannot be made 0700: whoever else can write there could swap the
// metadata for one naming their own endpoints, or hold the locks.
func NewStore(dir string, secrets secret.Store) (*Store, error) {
	if err := store.PrivateDir(dir); err != nil {
		return nil, err
	}
	return &Store{dir: dir, secrets: secrets, Now: time.Now, parsed: &parsedFile{}}, nil
}

// Dir is the configuration directory.
func (s *Store) Dir() string { return s.dir }

// Path is the metadata file.
func (s *Store) Path() string { return filepath.Join(s.dir, dataFileName) }

// Secrets is the store's secret store.
func (s *Store) Secrets() secret.Store { return s.secrets }

// Load reads the metadata file. A missing file is an empty store; a file
// that cannot be parsed is a [*CorruptFileError] and is never rewritten.
func (s *Store) Load() (*Data, error) {
	raw, err := os.ReadFile(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		return &Data{Schema: SchemaVersion}, nil
	}
	if err != nil {
		return nil, &CorruptFileError{Path: s.Path(), Err: err}
	}
	if d := s.parsed.get(raw); d != nil {
		return d, nil
	}
	d, err := ParseData(raw)
	if err != nil {
		return nil, &CorruptFileError{Path: s.Path(), Err: err}
	}
	s.parsed.put(raw, d)
	return d, nil
}

// ParseData decodes and checks a metadata file's content.
func ParseData(raw []byte) (*Data, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var d Data
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("invalid JSON: data after the end")
	}
	switch d.SecretBackend {
	case "", BackendKeyring, BackendFile:
	default:
		return nil, fmt.Errorf("unknown secret backend %q", d.SecretBackend)
	}
	switch {
	case d.Schema == 0:
		return nil, errors.New("no schema version")
	case d.Schema > SchemaVersion:
		return nil, fmt.Errorf("schema version %d was written by a newer zoomconn; this one reads version %d", d.Schema, SchemaVersion)
	case d.Schema < 0:
		return nil, fmt.Errorf("invalid schema version %d", d.Schema)
	}
	ids := map[string]bool{}
	for _, c := range d.Clients {
		if c.ID == "" || ids[c.ID] {
			return nil, fmt.Errorf("OAuth client %q has a missing or repeated id", c.Name)
		}
		ids[c.ID] = true
		if c.Kind != Confidential && c.Kind != Public {
			return nil, fmt.Errorf("OAuth client %q has unknown kind %q", c.Name, c.Kind)
		}
	}
	for _, c := range d.Connections {
		if c.ID == "" || ids[c.ID] {
			return nil, fmt.Errorf("connection %q has a missing or repeated id", c.Name)
		}
		ids[c.ID] = true
		if c.Type != AuthS2S && c.Type != AuthOAuth {
			return nil, fmt.Errorf("connection %q has unknown auth type %q", c.Name, c.Type)
		}
	}
	if err := bindClientEndpoints(&d); err != nil {
		return nil, err
	}
	return &d, nil
}

func (s *Store) write(d *Data) error {
	d.Schema = SchemaVersion
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
	return store.LockFile(filepath.Join(s.dir, lockFileName))
}

// locker hands out the per-connection locks.
func (s *Store) locker() *store.Locker {
	return &store.Locker{Dir: filepath.Join(s.dir, locksDirName), Wait: s.LockWait, Notice: s.LockNotice, OnWait: s.OnWait}
}

// lockConnection takes one connection's lock (see [store.Locker]).
func (s *Store) lockConnection(ctx context.Context, id, name string) (func(), error) {
	return s.locker().Lock(ctx, id, name)
}

// lockConnections takes the locks of conns, in the one order every caller uses.
func (s *Store) lockConnections(ctx context.Context, conns []Connection) (func(), error) {
	items := make([]store.Item, len(conns))
	for i, c := range conns {
		items[i] = store.Item{ID: c.ID, Name: c.Name}
	}
	return s.locker().LockAll(ctx, items)
}

// update runs fn on freshly loaded data under the lock, then writes the
// file. If fn or the write fails, every secret change fn made through tx is
// undone and the file is left as it was.
func (s *Store) update(fn func(d *Data, t *store.Tx) error) error {
	l, err := s.lock()
	if err != nil {
		return err
	}
	defer l.Unlock()
	d, err := s.Load()
	if err != nil {
		return err
	}
	t := store.NewTx(s.secrets)
	if err := fn(d, t); err != nil {
		return errors.Join(err, t.Rollback())
	}
	if err := s.write(d); err != nil {
		return errors.Join(fmt.Errorf("The connections file %s could not be written, so nothing was saved: %w", s.Path(), err), t.Rollback())
	}
	return nil
}
