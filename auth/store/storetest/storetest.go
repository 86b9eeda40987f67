// Package storetest is what the tests of auth/store and of the packages
// built on it share: a metadata store in a temporary directory with a fixed
// clock, a valid input, must-helpers, the secret store to run on (the real
// keyring when one answers), a check that no secret reached a file, and
// child processes for tests that need several zoomconn processes at once.
// Only tests import it; it must never import auth/access.
package storetest

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
)

// New opens a store in a fresh temporary config dir on secrets, with its
// clock fixed at 2026-11-28 09:00 UTC.
func New(t testing.TB, secrets secret.Store) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "config"), secrets)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return clock }
	return s
}

// S2SInput is a valid new Server-to-Server connection whose IDs and secret
// ("s3cret-NAME-value") derive from name.
func S2SInput(name string) auth.ConnectionInput {
	return auth.ConnectionInput{Name: name, Type: auth.AuthS2S, AccountID: "acct-" + name, ClientID: "cid-" + name, ClientSecret: "s3cret-" + name + "-value"}
}

// MustSaveConn saves in, failing the test if it is refused.
func MustSaveConn(t testing.TB, s *store.Store, in auth.ConnectionInput) auth.Connection {
	t.Helper()
	res, err := s.SaveConnection(in)
	if err != nil {
		t.Fatalf("SaveConnection(%q): %v", in.Name, err)
	}
	return res.Connection
}

// MustSaveClient saves in, failing the test if it is refused.
func MustSaveClient(t testing.TB, s *store.Store, in auth.ClientInput) auth.OAuthClient {
	t.Helper()
	res, err := s.SaveClient(in)
	if err != nil {
		t.Fatalf("SaveClient(%q): %v", in.Name, err)
	}
	return res.Client
}

// MustLoad loads s, failing the test on an error.
func MustLoad(t testing.TB, s *store.Store) *auth.Data {
	t.Helper()
	d, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// MustConn is the stored connection named name.
func MustConn(t testing.TB, s *store.Store, name string) *auth.Connection {
	t.Helper()
	c, ok := MustLoad(t, s).Connection(name)
	if !ok {
		t.Fatalf("no connection %q", name)
	}
	return c
}

// Secrets is the real keyring when one answers (always under CI and
// `make test`), else an in-memory store so the flows still run locally.
func Secrets(t *testing.T) secret.Store {
	k := &keyring.Store{Timeout: 10 * time.Second}
	if secret.Probe(k) == nil {
		return secrettest.Track(t, k)
	}
	if os.Getenv("CI") != "" || os.Getenv("ZOOMCONN_REQUIRE_KEYRING") != "" {
		t.Fatal("real keyring required but unavailable")
	}
	return &secrettest.Memory{}
}

// RandomID is a fresh random hex ID, e.g. for a keyring key of one test.
func RandomID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b[:])
}

// helperEnv names the child-process mode of a test binary run by HelperCmd.
const helperEnv = "ZOOMCONN_TEST_HELPER"

// Main is a test package's TestMain: it gives the keyring items of this
// run (and of its child processes, which inherit the variable) their own
// service name, never the user's, then runs the tests, or, in a child
// started by [HelperCmd], the helper of that mode.
func Main(m *testing.M, helpers map[string]func() int) {
	if os.Getenv(keyring.ServiceEnv) == "" {
		os.Setenv(keyring.ServiceEnv, "zoomconn-test-"+RandomID())
	}
	mode := os.Getenv(helperEnv)
	if mode == "" {
		os.Exit(m.Run())
	}
	if fn := helpers[mode]; fn != nil {
		os.Exit(fn())
	}
	os.Exit(3)
}

// HelperCmd re-runs the test binary as a child process in mode (see
// [Main]) on the config dir dir; the child reads prefix from
// ZOOMCONN_TEST_PREFIX.
func HelperCmd(t *testing.T, mode, dir, prefix string, extraEnv ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "ZOOMCONN_CONFIG_DIR="+dir, "ZOOMCONN_TEST_PREFIX="+prefix)
	cmd.Env = append(cmd.Env, extraEnv...)
	cmd.Stderr = os.Stderr
	return cmd
}
