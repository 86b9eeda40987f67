package gui

import (
	"strings"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
)

// session is what the window shows and acts on: the connections file as
// last read, and the secret store its backend names. It holds no widget.
// Only the UI goroutine changes it; a job captures store and svc when it
// starts.
//
// Where secrets live: the system keyring (the default) or, when the user
// chose it, the passphrase-encrypted file, as secrets (store.Secrets)
// decides. Never a silent fallback: while the file is locked, store
// refuses every secret call.
type session struct {
	store   *store.Store    // on the secret store the data's backend names
	svc     *access.Service // runs on store
	secrets *store.Secrets  // where secrets live: the file unlocked, what the keyring said
	moving  bool            // secrets are being moved between backends

	data    *auth.Data
	loadErr error
	index   *auth.SearchIndex // of data
	usedBy  map[string]int    // OAuth client ID → connections using it
}

func newSession(opts Options) *session {
	keyring := opts.Keyring
	if keyring == nil {
		keyring = opts.Service.Store.Secrets()
	}
	s := &session{store: opts.Service.Store, svc: opts.Service, secrets: store.NewSecrets(opts.Service.Store.Dir(), keyring)}
	s.secrets.KeyringChecked(opts.KeyringErr)
	return s
}

// load reads the connections file again. It reads a small local file
// only, never the keyring; on an error it keeps what it had.
func (s *session) load() {
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

// state: where the data keeps its secrets, and whether they can be used.
func (s *session) state() store.SecretsState { return s.secrets.State(s.data) }

// onFile: the data says secrets live in the encrypted file.
func (s *session) onFile() bool { return s.state().InFile }

// readOnly: nothing that needs a secret or changes the file may start.
func (s *session) readOnly() bool {
	return s.loadErr != nil || s.moving || !s.state().Usable()
}

// locked: secrets live in the encrypted file and its passphrase has not
// been entered yet.
func (s *session) locked() bool {
	return s.loadErr == nil && s.state().Locked()
}

func (s *session) secretsPath() string { return s.secrets.FilePath() }

// whereSecretsGo adapts a help text that names the system keyring to
// where this store's secrets live.
func (s *session) whereSecretsGo(text string) string {
	if !s.onFile() {
		return text
	}
	return strings.ReplaceAll(text, "the system keyring", "the encrypted file")
}

// secretsText is the "Secrets in" column: where the secrets are, and
// whether they can be used now.
func (s *session) secretsText() string {
	st := s.state()
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

func (s *session) now() time.Time {
	if s.svc != nil && s.svc.Now != nil {
		return s.svc.Now()
	}
	return time.Now()
}

// syncSecrets points store and svc at the secret store the data names
// (store.Secrets.For): the keyring, the unlocked file, or, while the file
// is locked, a store that refuses every call.
func (s *session) syncSecrets() {
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

// menuState names what the File menu's secrets entries are for.
func (s *session) menuState() string {
	switch st := s.secrets.State(s.data); {
	case !st.InFile:
		return "keyring"
	case !st.Unlocked:
		return "file-locked"
	}
	return "file"
}
