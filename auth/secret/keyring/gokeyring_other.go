//go:build !linux

package keyring

import gokeyring "github.com/zalando/go-keyring"

// newNativeKeyring returns go-keyring itself: Keychain on macOS,
// Credential Manager on Windows.
func newNativeKeyring() api { return goKeyring{} }

type goKeyring struct{}

func (goKeyring) Get(s, u string) (string, error) { return gokeyring.Get(s, u) }
func (goKeyring) Set(s, u, p string) error        { return gokeyring.Set(s, u, p) }
func (goKeyring) Delete(s, u string) error        { return gokeyring.Delete(s, u) }
