package keyring

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"zoomconn/auth/secret"

	dbus "github.com/godbus/dbus/v5"
	gokeyring "github.com/zalando/go-keyring"
	ss "github.com/zalando/go-keyring/secret_service"
)

// Secret Service names used beside go-keyring's secret_service package
// (https://specifications.freedesktop.org/secret-service-spec/).
const (
	secretsBusName       = "org.freedesktop.secrets"
	secretsServicePath   = dbus.ObjectPath("/org/freedesktop/secrets")
	loginCollectionPath  = dbus.ObjectPath("/org/freedesktop/secrets/collection/login")
	defaultAliasPath     = dbus.ObjectPath("/org/freedesktop/secrets/aliases/default")
	sessionAliasPath     = dbus.ObjectPath("/org/freedesktop/secrets/aliases/session")
	sessionCollectionDir = "/org/freedesktop/secrets/collection/session/"
	errIsLocked          = "org.freedesktop.Secret.Error.IsLocked"
	errNoSession         = "org.freedesktop.Secret.Error.NoSession"
)

// newNativeKeyring returns the Secret Service backend: go-keyring's own
// secret_service primitives, in fewer D-Bus round trips than gokeyring.Get
// (7: collection list, unlock collection, search, open session, unlock
// item, read, close) and gokeyring.Set (5). One session serves the whole
// process and unlock is asked only of a locked item, so a read is 2 round
// trips and a write 1.
//
// Secrets are the items gokeyring.Set writes (same collection, attributes and
// label), so either can read what the other saved. Cached access tokens
// (see [secret.IsCache]) go instead to the session collection where the
// service has one (GNOME Keyring): it lives in memory for the login
// session and is never written to disk, where a write to the login
// collection re-encrypts and rewrites the whole keyring file — several
// milliseconds per token with a hundred connections, and an hour-long
// token would gain nothing from outliving the session.
func newNativeKeyring() api { return &secretService{cache: secret.IsCache} }

// secretService is safe for concurrent use.
type secretService struct {
	cache func(key string) bool // keys kept in the session collection

	mu             sync.Mutex
	svc            *ss.SecretService
	session        dbus.ObjectPath
	collection     dbus.ObjectPath // where secrets are written; "" is the login collection
	noSessionStore bool            // the service has no session collection
}

// open returns the connection and a session, opening them once. The
// session is a "plain" one, as in go-keyring: the secret travels over the
// private session bus socket.
func (s *secretService) open() (*ss.SecretService, dbus.ObjectPath, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.svc != nil && s.svc.Connected() && s.session != "" {
		return s.svc, s.session, nil
	}
	svc, err := ss.NewSecretService()
	if err != nil {
		return nil, "", err
	}
	session, err := svc.OpenSession()
	if err != nil {
		return nil, "", err
	}
	s.svc, s.session = svc, session.Path()
	return svc, s.session, nil
}

// warm opens the connection and session ahead of the first call, which
// then waits on s.mu instead of dialling.
func (s *secretService) warm() { _, _, _ = s.open() }

// forgetSession makes the next call open a new session, after the service
// restarted or closed ours.
func (s *secretService) forgetSession() {
	s.mu.Lock()
	s.session = ""
	s.mu.Unlock()
}

func attributes(service, user string) map[string]string {
	return map[string]string{"username": user, "service": service}
}

// found is a search result: the preferred item and all of them.
type found struct {
	item   dbus.ObjectPath
	locked bool
	all    []dbus.ObjectPath
}

// find searches every collection in one call. A cache key prefers its
// session-collection item, a secret any other: a stale copy elsewhere
// (written while the service had no session collection) never wins.
func (s *secretService) find(svc *ss.SecretService, service, user string) (found, error) {
	var unlocked, locked []dbus.ObjectPath
	err := svc.Object(secretsBusName, secretsServicePath).Call("org.freedesktop.Secret.Service.SearchItems", 0,
		attributes(service, user)).Store(&unlocked, &locked)
	if err != nil {
		return found{}, err
	}
	all := append(append([]dbus.ObjectPath{}, unlocked...), locked...)
	if len(all) == 0 {
		return found{}, gokeyring.ErrNotFound
	}
	inSession := func(p dbus.ObjectPath) bool { return strings.HasPrefix(string(p), sessionCollectionDir) }
	wantSession := s.cache(user)
	best := -1
	for i, p := range all {
		if inSession(p) == wantSession {
			best = i
			break
		}
	}
	if best < 0 {
		if !wantSession {
			return found{}, gokeyring.ErrNotFound // only session copies: not a secret we saved
		}
		best = 0
	}
	return found{item: all[best], locked: best >= len(unlocked), all: all}, nil
}

func (s *secretService) Get(service, user string) (string, error) {
	var value string
	err := s.withSession(func(svc *ss.SecretService, session dbus.ObjectPath) error {
		f, err := s.find(svc, service, user)
		if err != nil {
			return err
		}
		if f.locked {
			if err := svc.Unlock(f.item); err != nil {
				return err
			}
		}
		secret, err := svc.GetSecret(f.item, session)
		if err != nil {
			return err
		}
		value = string(secret.Value)
		return nil
	})
	return value, err
}

func (s *secretService) Set(service, user, password string) error {
	return s.withSession(func(svc *ss.SecretService, session dbus.ObjectPath) error {
		create := func(coll dbus.ObjectPath) error {
			return svc.CreateItem(svc.Object(secretsBusName, coll),
				fmt.Sprintf("Password for '%s' on '%s'", user, service), // go-keyring's label
				attributes(service, user), ss.NewSecret(session, password))
		}
		s.mu.Lock()
		coll, toSession := s.collection, s.cache(user) && !s.noSessionStore
		s.mu.Unlock()
		if toSession {
			err := create(sessionAliasPath)
			if err == nil || isDBusError(err, errNoSession) {
				return err
			}
			s.mu.Lock()
			s.noSessionStore = true // KeePassXC, KWallet: keep the cache with the secrets
			s.mu.Unlock()
		}
		if coll == "" {
			coll = loginCollectionPath
		}
		err := create(coll)
		if isDBusError(err, errIsLocked) {
			if err = svc.Unlock(coll); err == nil {
				err = create(coll)
			}
		} else if err != nil && coll == loginCollectionPath && !isDBusError(err, errNoSession) {
			// No "login" collection: use the default one, as go-keyring does.
			if create(defaultAliasPath) == nil {
				s.mu.Lock()
				s.collection = defaultAliasPath
				s.mu.Unlock()
				return nil
			}
		}
		return err
	})
}

// Delete removes every item with these attributes, in all collections.
func (s *secretService) Delete(service, user string) error {
	return s.withSession(func(svc *ss.SecretService, _ dbus.ObjectPath) error {
		f, err := s.find(svc, service, user)
		if err != nil {
			return err
		}
		for _, item := range f.all {
			err := svc.Delete(item)
			if isDBusError(err, errIsLocked) {
				if err = svc.Unlock(item); err == nil {
					err = svc.Delete(item)
				}
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// withSession runs fn with the process's session, and once more with a
// new session if the service no longer knows the old one.
func (s *secretService) withSession(fn func(*ss.SecretService, dbus.ObjectPath) error) error {
	svc, session, err := s.open()
	if err != nil {
		return err
	}
	err = fn(svc, session)
	if isDBusError(err, errNoSession) || errors.Is(err, dbus.ErrClosed) {
		s.forgetSession()
		if svc, session, err = s.open(); err != nil {
			return err
		}
		err = fn(svc, session)
	}
	return err
}

// isDBusError reports whether err is the D-Bus error reply called name.
func isDBusError(err error, name string) bool {
	var de dbus.Error
	return errors.As(err, &de) && de.Name == name
}
