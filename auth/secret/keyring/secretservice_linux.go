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
// process, the first search goes out while the session is being opened,
// and unlock is asked only of a locked item, so a read is 2 round trips
// (the process's first one too) and a write 1. The connection's handshake
// is one round trip too (see connectSecretService), where godbus's takes 5.
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
	session        dbus.ObjectPath // the open session; "" until its answer is read
	opening        *pendingSession // the OpenSession sent, if its answer is not read yet
	collection     dbus.ObjectPath // where secrets are written; "" is the login collection
	noSessionStore bool            // the service has no session collection
}

// sessionFunc returns the session, waiting for it to be opened.
type sessionFunc func() (dbus.ObjectPath, error)

// pendingSession is an OpenSession call whose answer is read once, by
// whichever caller needs the session first.
type pendingSession struct {
	call *dbus.Call
	once sync.Once
	path dbus.ObjectPath
	err  error
}

// open returns the connection, connecting once, and the session, opened
// once too. The session is a "plain" one, as in go-keyring: the secret
// travels over the private session bus socket. open does not wait for the
// session: its OpenSession is sent, and a caller can send its search
// before it waits, so the two answers take one round trip.
func (s *secretService) open() (*ss.SecretService, sessionFunc, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.svc == nil || !s.svc.Connected() {
		svc, err := connectSecretService()
		if err != nil {
			return nil, nil, err
		}
		s.svc, s.session, s.opening = svc, "", nil
	}
	if path := s.session; path != "" {
		return s.svc, func() (dbus.ObjectPath, error) { return path, nil }, nil
	}
	p := s.opening
	if p == nil {
		p = &pendingSession{call: s.svc.Object(secretsBusName, secretsServicePath).Go(
			"org.freedesktop.Secret.Service.OpenSession", 0, nil, "plain", dbus.MakeVariant(""))}
		s.opening = p
	}
	return s.svc, func() (dbus.ObjectPath, error) { return s.await(p) }, nil
}

// await reads p's answer (once) and keeps the session it opened.
func (s *secretService) await(p *pendingSession) (dbus.ObjectPath, error) {
	p.once.Do(func() {
		<-p.call.Done
		var disregard dbus.Variant
		p.err = p.call.Store(&disregard, &p.path)
		s.mu.Lock()
		if s.opening == p {
			s.opening = nil
			if p.err == nil {
				s.session = p.path
			}
		}
		s.mu.Unlock()
	})
	return p.path, p.err
}

// warm opens the connection and session ahead of the first call, which
// then waits on s.mu instead of dialling.
func (s *secretService) warm() {
	if _, session, err := s.open(); err == nil {
		_, _ = session()
	}
}

// forgetSession makes the next call open a new session, after the service
// restarted or closed ours.
func (s *secretService) forgetSession() {
	s.mu.Lock()
	s.session, s.opening = "", nil
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
	err := s.withSession(func(svc *ss.SecretService, openSession sessionFunc) error {
		// The search goes out while the session is being opened; the
		// session's error, if any, is the one reported, as it would be had
		// the search waited for it.
		f, err := s.find(svc, service, user)
		session, serr := openSession()
		if serr != nil {
			return serr
		}
		if err != nil {
			return err
		}
		if f.locked {
			if err := unlock(f.item); err != nil {
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
	return s.withSession(func(svc *ss.SecretService, openSession sessionFunc) error {
		session, err := openSession()
		if err != nil {
			return err
		}
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
		err = create(coll)
		if isDBusError(err, errIsLocked) {
			if err = unlock(coll); err == nil {
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
	return s.withSession(func(svc *ss.SecretService, openSession sessionFunc) error {
		if _, err := openSession(); err != nil {
			return err
		}
		f, err := s.find(svc, service, user)
		if err != nil {
			return err
		}
		for _, item := range f.all {
			err := svc.Delete(item)
			if isDBusError(err, errIsLocked) {
				if err = unlock(item); err == nil {
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
func (s *secretService) withSession(fn func(*ss.SecretService, sessionFunc) error) error {
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
