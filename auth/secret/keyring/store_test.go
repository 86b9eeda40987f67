package keyring

import (
	"errors"
	"strings"
	"testing"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"zoomconn/auth/secret"
)

type fakeBackend struct {
	err  error
	hang chan struct{}
}

func (f fakeBackend) wait() error {
	if f.hang != nil {
		<-f.hang
	}
	return f.err
}
func (f fakeBackend) Get(string, string) (string, error) { return "", f.wait() }
func (f fakeBackend) Set(string, string, string) error   { return f.wait() }
func (f fakeBackend) Delete(string, string) error        { return f.wait() }

func TestKeyringErrorKinds(t *testing.T) {
	hang := make(chan struct{})
	t.Cleanup(func() { close(hang) })
	tests := []struct {
		name    string
		backend fakeBackend
		max     int
		value   string
		kind    error
		msg     string
	}{
		{"not found", fakeBackend{err: gokeyring.ErrNotFound}, 0, "v", secret.ErrNotFound, "No stored secret"},
		{"too big from backend", fakeBackend{err: gokeyring.ErrSetDataTooBig}, 0, "v", secret.ErrTooLarge, "too large"},
		{"too big before backend", fakeBackend{}, 4, "12345", secret.ErrTooLarge, "too large"},
		{"no provider", fakeBackend{err: errors.New("The name org.freedesktop.secrets was not provided by any .service files")}, 0, "v", secret.ErrUnavailable, "Install and start a Secret Service provider"},
		{"no bus", fakeBackend{err: errors.New(`exec: "dbus-launch": executable file not found in $PATH`)}, 0, "v", secret.ErrUnavailable, "No system keyring answered"},
		{"locked", fakeBackend{err: errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'")}, 0, "v", secret.ErrUnavailable, "keyring is locked"},
		{"hangs", fakeBackend{hang: hang}, 0, "v", secret.ErrTimeout, "did not answer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := &Store{api: tt.backend, Timeout: 50 * time.Millisecond, MaxBytes: tt.max}
			err := k.Set("connection/x/client-secret", tt.value)
			if !errors.Is(err, tt.kind) {
				t.Fatalf("err = %v, want kind %v", err, tt.kind)
			}
			for _, other := range secret.Kinds {
				if other != tt.kind && errors.Is(err, other) {
					t.Fatalf("err also matches %v", other)
				}
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("message %q lacks %q", err, tt.msg)
			}
		})
	}
}

// Finding 12: a test binary never reads or writes the user's own items,
// whichever Store a test makes.
func TestTestsNeverUseTheUsersKeyringItems(t *testing.T) {
	if got := (&Store{}).ServiceName(); got == DefaultService || !strings.HasPrefix(got, "zoomconn-test-") {
		t.Fatalf("a Store in tests uses service %q", got)
	}
	calls := 0
	k := &Store{Service: DefaultService, api: countingBackend{&calls}, Timeout: time.Second}
	for _, err := range []error{k.Set("connection/x/client-secret", "v"), func() error { _, err := k.Get("connection/x/client-secret"); return err }(), k.Delete("connection/x/client-secret")} {
		if !errors.Is(err, errUsersKeyringInTest) {
			t.Errorf("err = %v; want the user's items refused", err)
		}
	}
	if calls != 0 {
		t.Fatalf("the keyring was called %d times under the user's service name", calls)
	}
}

type countingBackend struct{ n *int }

func (c countingBackend) Get(string, string) (string, error) { *c.n++; return "", nil }
func (c countingBackend) Set(string, string, string) error   { *c.n++; return nil }
func (c countingBackend) Delete(string, string) error        { *c.n++; return nil }
