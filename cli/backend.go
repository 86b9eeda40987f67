package cli

// Where secrets live: opening the secret store the configuration names
// before a command runs, and the use-file-store and move-to-keyring
// commands. store.Secrets decides and does every step, as it does for the
// desktop app; this file asks for passphrases and says what happened.

import (
	"context"
	"errors"
	"fmt"

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
	if e.secrets.State(d).InFile {
		if err := e.unlockFile(); err != nil {
			return err
		}
	} else {
		// Connect to the keyring while the command gets going; not before
		// the backend is known: where secrets live in the file there may be
		// no session bus, and looking for one can start programs.
		e.secrets.Warm()
	}
	e.Store = e.Store.WithSecrets(e.secrets.For(d))
	return nil
}

// unlockFile asks for the encrypted file's passphrase and unlocks it.
func (e *Env) unlockFile() error {
	pass, err := e.readSecret("Passphrase of the secrets file")
	if err != nil {
		return err
	}
	return e.secrets.Unlock([]byte(pass))
}

// runUseFileStore moves secrets into a new passphrase-encrypted file. It is
// only ever done on request: zoomconn never falls back to it silently.
func runUseFileStore(_ context.Context, e *Env, _ []string) error {
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	if e.secrets.State(d).InFile {
		return usagef("secrets are already kept in the encrypted file %s", e.secrets.FilePath())
	}
	pass, err := e.readSecret(fmt.Sprintf("New passphrase for the secrets file (at least %d characters)", store.MinPassphraseLen))
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
	n, err := e.secrets.UseFile(e.Store, []byte(pass))
	var fe *store.FileError
	if errors.As(err, &fe) && fe.Problem == store.FilePassphraseTooShort {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Secrets are now kept in the encrypted file %s (%d moved). Every command that needs a secret asks for its passphrase first (on stdin for scripts). Run `zoomconn move-to-keyring` once a keyring is available.\n", e.secrets.FilePath(), n)
	return nil
}

func runMoveToKeyring(_ context.Context, e *Env, _ []string) error {
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	if !e.secrets.State(d).InFile {
		return usagef("secrets are already kept in the system keyring")
	}
	// Before the passphrase is asked for: without a keyring it is not needed.
	if err := e.secrets.CheckKeyring(); err != nil {
		return err
	}
	if err := e.unlockFile(); err != nil {
		return err
	}
	n, err := e.secrets.MoveToKeyring(e.Store)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Moved %d secrets into the system keyring. The encrypted file %s no longer holds any and may be deleted.\n", n, e.secrets.FilePath())
	return nil
}
