package gui

import (
	"net/url"
	"time"

	"zoomconn/auth/access"
)

// Options wires the window to the core. Service is required; its Store
// (with the system keyring for secrets) is the store the window shows, so
// the two cannot disagree.
// When the connections file says secrets live in the encrypted file
// (auth.BackendFile), the window asks for the file's passphrase at start
// and, once it unlocks, runs on Store.WithSecrets(the file) and a copy of
// Service on that store (same HTTPClient, Now, OpenURL and Sleep); until
// then it is read-only. The user can also move the secrets between the
// keyring and the file from the banner and the File menu. Run sets the
// OnWait of Service.Store to report, in the status line, a wait for
// another zoomconn process holding a connection's lock.
type Options struct {
	Service *access.Service
	// KeyringErr is what probing the system keyring (Service.Store's
	// secret store) at start said (store.ProbeKeyring); nil if it
	// answered. With secrets in the keyring, an error makes the window
	// read-only with a banner that offers "Check again" and "Use an
	// encrypted file instead…". With secrets in the encrypted file, nil
	// makes the banner offer "Move secrets to the system keyring".
	KeyringErr error
	Version    string
	// OnReady, if set, is called once the main window has its content
	// (start-up benchmarks).
	OnReady func()

	// The seams of the window's tests.

	// openURL opens a web page (the Zoom App Marketplace); nil uses
	// SystemURLOpener, which waits for the opener so none is left as a
	// zombie process.
	openURL func(*url.URL) error
	// clipboardClearAfter is how long a copied access token stays on the
	// clipboard before it is cleared (if the clipboard still holds it);
	// 0 means defaultClipboardClearAfter.
	clipboardClearAfter time.Duration
	// afterFunc runs f once d has passed, on another goroutine; nil means
	// time.AfterFunc.
	afterFunc func(d time.Duration, f func())
}
