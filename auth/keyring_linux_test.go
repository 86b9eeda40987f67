package auth

import (
	"errors"
	"testing"

	dbus "github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"
)

// The Linux backend must read and write exactly the items go-keyring does,
// so secrets saved by either stay reachable by the other.
func TestSecretServiceInteroperatesWithGoKeyring(t *testing.T) {
	k := realKeyring(t)
	service := k.service()
	key := "test/interop-" + t.Name()
	t.Cleanup(func() { _ = keyring.Delete(service, key) })

	if err := k.Set(key, "written-by-zoomconn"); err != nil {
		t.Fatal(err)
	}
	if got, err := keyring.Get(service, key); err != nil || got != "written-by-zoomconn" {
		t.Fatalf("go-keyring read %q, %v; want what we wrote", got, err)
	}
	if err := keyring.Set(service, key, "written-by-go-keyring"); err != nil {
		t.Fatal(err)
	}
	for name, store := range map[string]*KeyringStore{"same store": k, "new store": {Service: service}} {
		if got, err := store.Get(key); err != nil || got != "written-by-go-keyring" {
			t.Fatalf("%s read %q, %v; want go-keyring's value (replaced, not duplicated)", name, got, err)
		}
	}
	if err := k.Delete(key); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get(service, key); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("after Delete go-keyring still finds the item: %v", err)
	}
	if _, err := k.Get(key); !errors.Is(err, ErrSecretNotFound) {
		t.Fatalf("after Delete: %v, want ErrSecretNotFound", err)
	}
}

// The session is opened once per process; if the service forgets it (a
// restarted daemon), the next call opens a new one instead of failing.
func TestSecretServiceReopensALostSession(t *testing.T) {
	k := realKeyring(t)
	key := "test/session-" + t.Name()
	t.Cleanup(func() { _ = k.Delete(key) })
	if err := k.Set(key, "v1"); err != nil {
		t.Fatal(err)
	}
	native := k.native.(*secretService)
	old := native.session
	if err := native.svc.Object(secretsBusName, old).Call("org.freedesktop.Secret.Session.Close", 0).Err; err != nil {
		t.Fatal(err)
	}
	if got, err := k.Get(key); err != nil || got != "v1" {
		t.Fatalf("Get after the session was closed: %q, %v", got, err)
	}
	if err := k.Set(key, "v2"); err != nil {
		t.Fatalf("Set after the session was closed: %v", err)
	}
	if native.session == old || native.session == dbus.ObjectPath("") {
		t.Fatalf("session %q was not replaced", native.session)
	}
}
