package view

import (
	"strings"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
)

// Session is what the window shows and acts on: the connections file as
// last read, and the secret store its backend names. It holds no widget.
// Only the UI goroutine changes it; a job takes Store and Service when it
// starts.
//
// Where secrets live: the system keyring (the default) or, when the user
// chose it, the passphrase-encrypted file, as Secrets (store.Secrets)
// decides. Never a silent fallback: while the file is locked, the store
// refuses every secret call.
type Session struct {
	store   *store.Store    // on the secret store the data's backend names
	svc     *access.Service // runs on store
	secrets *store.Secrets  // where secrets live: the file unlocked, what the keyring said
	moving  bool            // secrets are being moved between backends

	data    *auth.Data
	loadErr error
	index   *auth.SearchIndex // of data
	usedBy  map[string]int    // OAuth client ID → connections using it
}

// NewSession shows svc's store, whose secret store is the system keyring;
// keyringErr is what probing it at start said.
func NewSession(svc *access.Service, keyringErr error) *Session {
	s := &Session{store: svc.Store, svc: svc, secrets: store.NewSecrets(svc.Store.Dir(), svc.Store.Secrets())}
	s.secrets.KeyringChecked(keyringErr)
	return s
}

// Load reads the connections file again. It reads a small local file
// only, never the keyring; on an error it keeps what it had.
func (s *Session) Load() {
	d, err := s.store.Load()
	s.loadErr = err
	if err != nil {
		d = &auth.Data{}
		if s.data != nil {
			d = s.data // keep showing what we had
		}
	}
	s.data = d
	s.syncSecrets()
	s.index = auth.NewSearchIndex(d)
	s.usedBy = map[string]int{}
	for _, c := range d.Connections {
		if c.OAuthClientID != "" {
			s.usedBy[c.OAuthClientID]++
		}
	}
}

// Data is the connections file as last read.
func (s *Session) Data() *auth.Data { return s.data }

// LoadErr is why the file could not be read last time, or nil.
func (s *Session) LoadErr() error { return s.loadErr }

// Index searches Data.
func (s *Session) Index() *auth.SearchIndex { return s.index }

// UsedBy is how many connections use the OAuth client with this ID.
func (s *Session) UsedBy(clientID string) int { return s.usedBy[clientID] }

// Store keeps the data, on the secret store the data names.
func (s *Session) Store() *store.Store { return s.store }

// Service uses the connections, on Store.
func (s *Session) Service() *access.Service { return s.svc }

// Secrets says where secrets live and moves them.
func (s *Session) Secrets() *store.Secrets { return s.secrets }

// Moving reports whether secrets are being moved between backends.
func (s *Session) Moving() bool { return s.moving }

// SetMoving says secrets are being moved (on) or no longer are.
func (s *Session) SetMoving(on bool) { s.moving = on }

// State is where the data keeps its secrets, and whether they can be used.
func (s *Session) State() store.SecretsState { return s.secrets.State(s.data) }

// OnFile reports whether the data says secrets live in the encrypted file.
func (s *Session) OnFile() bool { return s.State().InFile }

// ReadOnly reports whether nothing that needs a secret or changes the file
// may start.
func (s *Session) ReadOnly() bool {
	return s.loadErr != nil || s.moving || !s.State().Usable()
}

// Locked reports whether secrets live in the encrypted file and its
// passphrase has not been entered yet.
func (s *Session) Locked() bool {
	return s.loadErr == nil && s.State().Locked()
}

// SecretsPath is where the encrypted file is (or would be).
func (s *Session) SecretsPath() string { return s.secrets.FilePath() }

// WhereSecretsGo adapts a help text that names the system keyring to
// where this store's secrets live.
func (s *Session) WhereSecretsGo(text string) string {
	if !s.OnFile() {
		return text
	}
	return strings.ReplaceAll(text, "the system keyring", "the encrypted file")
}

// SecretsText is the "Secrets in" column: where the secrets are, and
// whether they can be used now.
func (s *Session) SecretsText() string {
	st := s.State()
	switch {
	case st.InFile:
		return "encrypted file"
	case st.Keyring == store.KeyringLocked:
		return "keyring (locked)"
	case st.Keyring != store.KeyringReady:
		return "no keyring"
	}
	return "system keyring"
}

// Now is the service's clock.
func (s *Session) Now() time.Time {
	if s.svc != nil && s.svc.Now != nil {
		return s.svc.Now()
	}
	return time.Now()
}

// syncSecrets points store and svc at the secret store the data names
// (store.Secrets.For): the keyring, the unlocked file, or, while the file
// is locked, a store that refuses every call.
func (s *Session) syncSecrets() {
	sec := s.secrets.For(s.data)
	if s.store.Secrets() == sec {
		return
	}
	s.store = s.store.WithSecrets(sec)
	if s.svc != nil {
		svc := *s.svc
		svc.Store = s.store
		s.svc = &svc
	}
}

// MenuState names what the File menu's secrets entries are for:
// "keyring", "file-locked" or "file".
func (s *Session) MenuState() string {
	switch st := s.secrets.State(s.data); {
	case !st.InFile:
		return "keyring"
	case !st.Unlocked:
		return "file-locked"
	}
	return "file"
}
