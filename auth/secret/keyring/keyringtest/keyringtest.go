// Package keyringtest gives tests the real keyring safely: under its own
// service name, never the user's items, and required (not skipped) where
// CI or `make test` says a keyring must be there.
package keyringtest

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
)

// Isolate gives this process, and the child processes it starts, a
// keyring service name of its own ("zoomconn-test-…") unless one is set.
// Call it from TestMain.
func Isolate() {
	if os.Getenv(keyring.ServiceEnv) == "" {
		var b [8]byte
		_, _ = rand.Read(b[:])
		os.Setenv(keyring.ServiceEnv, "zoomconn-test-"+hex.EncodeToString(b[:]))
	}
}

// Require returns a keyring store on the session's Secret Service. Under CI
// or `make test` (ZOOMCONN_REQUIRE_KEYRING=1) a missing keyring fails the
// test instead of skipping it, so CI can never pass without running them.
func Require(t testing.TB) *keyring.Store {
	t.Helper()
	k := &keyring.Store{Timeout: 10 * time.Second}
	if err := secret.Probe(k); err != nil {
		if os.Getenv("CI") != "" || os.Getenv("ZOOMCONN_REQUIRE_KEYRING") != "" {
			t.Fatalf("real keyring required but unavailable: %v", err)
		}
		t.Skipf("no Secret Service here (%v); run `make test` for the real-keyring tests", err)
	}
	t.Logf("real keyring: Secret Service answered (%s)", t.Name())
	return k
}
