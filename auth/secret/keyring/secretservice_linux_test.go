package keyring

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"zoomconn/auth/secret"

	dbus "github.com/godbus/dbus/v5"
	gokeyring "github.com/zalando/go-keyring"
)

// The Linux backend must read and write exactly the items go-keyring does,
// so secrets saved by either stay reachable by the other.
func TestSecretServiceInteroperatesWithGoKeyring(t *testing.T) {
	k := realKeyring(t)
	service := k.ServiceName()
	key := "test/interop-" + t.Name()
	t.Cleanup(func() { _ = gokeyring.Delete(service, key) })

	if err := k.Set(key, "written-by-zoomconn"); err != nil {
		t.Fatal(err)
	}
	if got, err := gokeyring.Get(service, key); err != nil || got != "written-by-zoomconn" {
		t.Fatalf("go-keyring read %q, %v; want what we wrote", got, err)
	}
	if err := gokeyring.Set(service, key, "written-by-go-keyring"); err != nil {
		t.Fatal(err)
	}
	for name, store := range map[string]*Store{"same store": k, "new store": {Service: service}} {
		if got, err := store.Get(key); err != nil || got != "written-by-go-keyring" {
			t.Fatalf("%s read %q, %v; want go-keyring's value (replaced, not duplicated)", name, got, err)
		}
	}
	if err := k.Delete(key); err != nil {
		t.Fatal(err)
	}
	if _, err := gokeyring.Get(service, key); !errors.Is(err, gokeyring.ErrNotFound) {
		t.Fatalf("after Delete go-keyring still finds the item: %v", err)
	}
	if _, err := k.Get(key); !errors.Is(err, secret.ErrNotFound) {
		t.Fatalf("after Delete: %v, want secret.ErrNotFound", err)
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

// Cached access tokens live in GNOME Keyring's session collection (memory
// only); the secrets that make them stay in the login collection.
func TestAccessTokensStayInTheSessionCollection(t *testing.T) {
	k := realKeyring(t)
	tokenKey, secretKey := "connection/test-"+t.Name()+"/access-token", "connection/test-"+t.Name()+"/client-secret"
	t.Cleanup(func() { _ = k.Delete(tokenKey); _ = k.Delete(secretKey) })
	for _, key := range []string{tokenKey, secretKey} {
		if err := k.Set(key, "value of "+key); err != nil {
			t.Fatal(err)
		}
		if err := k.Set(key, "new value of "+key); err != nil { // replaced, not added
			t.Fatal(err)
		}
	}
	native := k.native.(*secretService)
	for key, wantSession := range map[string]bool{tokenKey: true, secretKey: false} {
		f, err := native.find(native.svc, k.ServiceName(), key)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.all) != 1 {
			t.Errorf("%s: %d items %v, want 1", key, len(f.all), f.all)
		}
		if inSession := strings.HasPrefix(string(f.item), sessionCollectionDir); inSession != wantSession {
			t.Errorf("%s is at %s; want in the session collection: %v", key, f.item, wantSession)
		}
		if got, err := k.Get(key); err != nil || got != "new value of "+key {
			t.Errorf("Get(%s) = %q, %v", key, got, err)
		}
	}
	if err := k.Delete(tokenKey); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get(tokenKey); !errors.Is(err, secret.ErrNotFound) {
		t.Fatalf("after Delete: %v", err)
	}
}

// A Secret Service without a session collection (KeePassXC, KWallet) keeps
// cached tokens with the secrets, and they are found and deleted there.
func TestAccessTokensWithoutASessionCollection(t *testing.T) {
	k := realKeyring(t)
	native := k.nativeBackend().(*secretService)
	native.mu.Lock()
	native.noSessionStore = true
	native.mu.Unlock()
	key := "connection/test-" + t.Name() + "/access-token"
	t.Cleanup(func() { _ = k.Delete(key) })
	if err := k.Set(key, "token"); err != nil {
		t.Fatal(err)
	}
	f, err := native.find(native.svc, k.ServiceName(), key)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(string(f.item), sessionCollectionDir) {
		t.Fatalf("token written to %s, want the login collection", f.item)
	}
	if got, err := k.Get(key); err != nil || got != "token" {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if err := k.Delete(key); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get(key); !errors.Is(err, secret.ErrNotFound) {
		t.Fatalf("after Delete: %v", err)
	}
}

// Warm opens the connection in the background while callers already use
// the store: every call still succeeds (and -race sees no data race).
func TestWarmWhileInUse(t *testing.T) {
	realKeyring(t)
	k := &Store{Timeout: 10 * time.Second}
	secret.Warm(k)
	key := "test/warm-" + t.Name()
	t.Cleanup(func() { _ = k.Delete(key) })
	if err := k.Set(key, "v"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, err := k.Get(key); err != nil || got != "v" {
				errs <- fmt.Errorf("Get = %q, %v", got, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// realKeyring is keyringtest.Require for this package's internal tests
// (which cannot import keyringtest: it imports this package).
func realKeyring(t testing.TB) *Store {
	t.Helper()
	k := &Store{Timeout: 10 * time.Second}
	if err := secret.Probe(k); err != nil {
		if os.Getenv("CI") != "" || os.Getenv("ZOOMCONN_REQUIRE_KEYRING") != "" {
			t.Fatalf("real keyring required but unavailable: %v", err)
		}
		t.Skipf("no Secret Service here (%v); run `make test` for the real-keyring tests", err)
	}
	t.Logf("real keyring: Secret Service answered (%s)", t.Name())
	return k
}
