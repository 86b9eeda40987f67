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
		{"too big before backend", fakeBackend{}, 4, strings.Repeat("x", 4*MaxParts+1), secret.ErrTooLarge, "too large"},
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

// memBackend is a keyring that refuses items over limit bytes, as
// Credential Manager does over 2,560 (go-keyring's ErrSetDataTooBig).
type memBackend struct {
	limit int
	items map[string]string
}

func (m *memBackend) Get(s, u string) (string, error) {
	v, ok := m.items[s+"\n"+u]
	if !ok {
		return "", gokeyring.ErrNotFound
	}
	return v, nil
}

func (m *memBackend) Set(s, u, p string) error {
	if len(p) > m.limit {
		return gokeyring.ErrSetDataTooBig
	}
	m.items[s+"\n"+u] = p
	return nil
}

func (m *memBackend) Delete(s, u string) error {
	if _, ok := m.items[s+"\n"+u]; !ok {
		return gokeyring.ErrNotFound
	}
	delete(m.items, s+"\n"+u)
	return nil
}

// A secret longer than one item holds is saved in parts, read back whole,
// replaced by a shorter or longer one without leaving parts behind, and
// deleted with its parts.
func TestSecretsOverTheItemLimitAreKeptInParts(t *testing.T) {
	b := &memBackend{limit: 2560, items: map[string]string{}}
	k := &Store{api: b, Service: "zoomconn-test-parts", MaxBytes: 2560}
	const key = "connection/c1/access-token"
	long := strings.Repeat("0123456789", 700) // 7,000 bytes: 3 parts
	for _, v := range []string{long, "short", long + long, long, "\x00starts with NUL", strings.Repeat("é", 2000)} {
		if err := k.Set(key, v); err != nil {
			t.Fatalf("Set(%d bytes): %v", len(v), err)
		}
		got, err := k.Get(key)
		if err != nil || got != v {
			t.Fatalf("Get after Set(%d bytes) = %d bytes, %v", len(v), len(got), err)
		}
		want := 1
		if len(v) > 2560 || strings.HasPrefix(v, "\x00") {
			want += (len(v) + 2559) / 2560
		}
		if len(b.items) != want {
			t.Fatalf("after Set(%d bytes): %d items, want %d: %q", len(v), len(b.items), want, keys(b.items))
		}
	}
	if err := k.Delete(key); err != nil {
		t.Fatal(err)
	}
	if len(b.items) != 0 {
		t.Fatalf("Delete left %q", keys(b.items))
	}
	if _, err := k.Get(key); !errors.Is(err, secret.ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
	// A part gone missing: the secret is not there whole.
	_ = k.Set(key, long)
	delete(b.items, "zoomconn-test-parts\n"+key+"#part2")
	if _, err := k.Get(key); !errors.Is(err, secret.ErrNotFound) {
		t.Fatalf("Get with a part missing: %v", err)
	}
	// Past MaxParts it is refused before the keyring sees it.
	if err := k.Set(key, strings.Repeat("x", 2560*MaxParts+1)); !errors.Is(err, secret.ErrTooLarge) {
		t.Fatalf("Set over %d parts: %v", MaxParts, err)
	}
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
