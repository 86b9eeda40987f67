package auth

import (
	"errors"
	"fmt"
	"sync"

	dbus "github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"
	ss "github.com/zalando/go-keyring/secret_service"
)

// Secret Service names used beside go-keyring's secret_service package
// (https://specifications.freedesktop.org/secret-service-spec/).
const (
	secretsBusName      = "org.freedesktop.secrets"
	loginCollectionPath = dbus.ObjectPath("/org/freedesktop/secrets/collection/login")
	defaultAliasPath    = dbus.ObjectPath("/org/freedesktop/secrets/aliases/default")
	errIsLocked         = "org.freedesktop.Secret.Error.IsLocked"
	errNoSession        = "org.freedesktop.Secret.Error.NoSession"
)

// newNativeKeyring returns the Secret Service backend: go-keyring's own
// secret_service primitives, with the items keyring.Get and keyring.Set
// use (same collection, attributes and label), in fewer D-Bus round trips.
// keyring.Get asks for the collection list, unlocks the collection, opens
// and closes a session and unlocks the item on every call: 7 round trips,
// and keyring.Set 5. Here one session serves the whole process and unlock
// is asked only of a locked item, so a read is 2 round trips (3 the first
// time) and a write 1. That is most of what a `zoomconn token` run costs.
func newNativeKeyring() keyringBackend { return &secretService{} }

// secretService is safe for concurrent use.
type secretService struct {
	mu         sync.Mutex
	svc        *ss.SecretService
	session    dbus.ObjectPath
	collection dbus.ObjectPath // where items are written; found on first use
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

func (s *secretService) writeCollection() dbus.ObjectPath {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.collection == "" {
		return loginCollectionPath
	}
	return s.collection
}

func (s *secretService) setWriteCollection(p dbus.ObjectPath) {
	s.mu.Lock()
	s.collection = p
	s.mu.Unlock()
}

func attributes(service, user string) map[string]string {
	return map[string]string{"username": user, "service": service}
}

// find returns the item with these attributes in the collection go-keyring
// uses: "login", else the default alias.
func (s *secretService) find(svc *ss.SecretService, service, user string) (dbus.ObjectPath, error) {
	coll := s.writeCollection()
	items, err := svc.SearchItems(svc.Object(secretsBusName, coll), attributes(service, user))
	if err != nil && coll == loginCollectionPath && !isDBusError(err, errIsLocked) {
		// No "login" collection (KeePassXC, KWallet): use the default one.
		s.setWriteCollection(defaultAliasPath)
		items, err = svc.SearchItems(svc.Object(secretsBusName, defaultAliasPath), attributes(service, user))
	}
	if err != nil {
		return "", err
	}
	if len(items) == 0 {
		return "", keyring.ErrNotFound
	}
	return items[0], nil
}

func (s *secretService) Get(service, user string) (string, error) {
	var value string
	err := s.withSession(func(svc *ss.SecretService, session dbus.ObjectPath) error {
		item, err := s.find(svc, service, user)
		if err != nil {
			return err
		}
		secret, err := svc.GetSecret(item, session)
		if isDBusError(err, errIsLocked) {
			if err = svc.Unlock(item); err == nil {
				secret, err = svc.GetSecret(item, session)
			}
		}
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
		coll := s.writeCollection()
		err := create(coll)
		if isDBusError(err, errIsLocked) {
			if err = svc.Unlock(coll); err == nil {
				err = create(coll)
			}
		} else if err != nil && coll == loginCollectionPath && !isDBusError(err, errNoSession) {
			if err2 := create(defaultAliasPath); err2 == nil {
				s.setWriteCollection(defaultAliasPath)
				return nil
			}
		}
		return err
	})
}

func (s *secretService) Delete(service, user string) error {
	return s.withSession(func(svc *ss.SecretService, _ dbus.ObjectPath) error {
		item, err := s.find(svc, service, user)
		if err != nil {
			return err
		}
		err = svc.Delete(item)
		if isDBusError(err, errIsLocked) {
			if err = svc.Unlock(item); err == nil {
				err = svc.Delete(item)
			}
		}
		return err
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
