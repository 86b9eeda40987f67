//go:build !linux

package auth

import "github.com/zalando/go-keyring"

// newNativeKeyring returns go-keyring itself: Keychain on macOS,
// Credential Manager on Windows.
func newNativeKeyring() keyringBackend { return goKeyring{} }

type goKeyring struct{}

func (goKeyring) Get(s, u string) (string, error) { return keyring.Get(s, u) }
func (goKeyring) Set(s, u, p string) error        { return keyring.Set(s, u, p) }
func (goKeyring) Delete(s, u string) error        { return keyring.Delete(s, u) }
