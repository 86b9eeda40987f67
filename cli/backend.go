package cli

// Where secrets live: opening the secret store the configuration names
// before a command runs, and the use-file-store and move-to-keyring
// commands. The steps are the auth workflows the desktop app calls too;
// this file asks for passphrases and says what happened.

import (
	"context"
	"errors"
	"fmt"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/file"
	"zoomconn/auth/store"
)

// openSecrets points the store at the secret store its data names, asking
// for the encrypted file's passphrase first (before any other secret on
// stdin) when secrets live there.
func (e *Env) openSecrets(noSecrets bool) error {
	if noSecrets {
		return nil
	}
	d, err := e.Store.Load()
	if err != nil {
		return nil // the command reports a load error itself
	}
	var unlocked *file.Store
	if d.Backend() == auth.BackendFile {
		if unlocked, err = e.openFileStore(); err != nil {
			return err
		}
	} else {
		// Connect to the keyring while the command gets going; not before
		// the backend is known: where secrets live in the file there may be
		// no session bus, and looking for one can start programs.
		secret.Warm(e.keyring)
	}
	e.Store = e.Store.WithSecrets(store.SecretsFor(d, e.Store.Dir(), e.keyring, unlocked))
	return nil
}

func (e *Env) openFileStore() (*file.Store, error) {
	pass, err := e.readSecret("Passphrase of the secrets file")
	if err != nil {
		return nil, err
	}
	return file.Open(store.SecretsFilePath(e.Store.Dir()), []byte(pass))
}

// runUseFileStore moves secrets into a new passphrase-encrypted file. It is
// only ever done on request: zoomconn never falls back to it silently.
func runUseFileStore(_ context.Context, e *Env, _ []string) error {
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	if d.Backend() == auth.BackendFile {
		return usagef("secrets are already kept in the encrypted file %s", store.SecretsFilePath(e.Store.Dir()))
	}
	pass, err := e.readSecret(fmt.Sprintf("New passphrase for the secrets file (at least %d characters)", file.MinPassphraseLen))
	if err != nil {
		return err
	}
	if e.StdinIsTerminal {
		again, err := e.readSecret("Repeat the passphrase")
		if err != nil {
			return err
		}
		if again != pass {
			return usagef("the two passphrases differ; nothing was changed")
		}
	}
	fs, n, err := store.SwitchToFileStore(e.Store, []byte(pass))
	if errors.Is(err, file.ErrPassphraseTooShort) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Secrets are now kept in the encrypted file %s (%d moved). Every command that needs a secret asks for its passphrase first (on stdin for scripts). Run `zoomconn move-to-keyring` once a keyring is available.\n", fs.Path(), n)
	return nil
}

func runMoveToKeyring(_ context.Context, e *Env, _ []string) error {
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	if d.Backend() != auth.BackendFile {
		return usagef("secrets are already kept in the system keyring")
	}
	// Before the passphrase is asked for: without a keyring it is not needed.
	if err := secret.Probe(e.keyring); err != nil {
		return err
	}
	fs, err := e.openFileStore()
	if err != nil {
		return err
	}
	n, err := store.MoveToKeyring(e.Store, fs, e.keyring)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Moved %d secrets into the system keyring. The encrypted file %s no longer holds any and may be deleted.\n", n, fs.Path())
	return nil
}
