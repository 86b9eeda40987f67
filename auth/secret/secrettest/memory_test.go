package secrettest_test

import (
	"testing"

	"zoomconn/auth/secret"
	"zoomconn/auth/secret/secrettest"
)

func TestMemoryContract(t *testing.T) {
	secrettest.Run(t, func(*testing.T) secret.Store { return &secrettest.Memory{} })
}
