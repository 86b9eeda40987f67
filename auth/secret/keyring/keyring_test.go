package keyring_test

import (
	"os"
	"testing"

	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring/keyringtest"
	"zoomconn/auth/secret/secrettest"
)

func TestMain(m *testing.M) {
	keyringtest.Isolate()
	os.Exit(m.Run())
}

func TestKeyringContract(t *testing.T) {
	k := keyringtest.Require(t)
	secrettest.Run(t, func(t *testing.T) secret.Store { return secrettest.Track(t, k) })
}
