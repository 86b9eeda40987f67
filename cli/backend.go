package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"zoomconn/auth"
)

// runUseFileStore moves secrets into a new passphrase-encrypted file. It is
// only ever done on request: zoomconn never falls back to it silently.
func runUseFileStore(_ context.Context, e *Env, args []string) error {
	if _, err := parse(flag.NewFlagSet("use-file-store", flag.ContinueOnError), e, "use-file-store", args, 0, 0); err != nil {
		return err
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	if d.Backend() == auth.BackendFile {
		return usagef("secrets are already kept in the encrypted file %s", auth.SecretsFilePath(e.Store.Dir()))
	}
	pass, err := e.readSecret(fmt.Sprintf("New passphrase for the secrets file (at least %d characters)", auth.MinPassphraseLen))
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
	fs, err := auth.OpenFileStore(auth.SecretsFilePath(e.Store.Dir()), []byte(pass))
	if errors.Is(err, auth.ErrPassphraseTooShort) {
		return usagef("%v", err)
	}
	if err != nil {
		return err
	}
	n, err := e.Store.MoveSecrets(fs, auth.BackendFile)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Secrets are now kept in the encrypted file %s (%d moved). Every command that needs a secret asks for its passphrase first (on stdin for scripts). Run `zoomconn move-to-keyring` once a keyring is available.\n", fs.Path(), n)
	return nil
}

func runMoveToKeyring(_ context.Context, e *Env, args []string) error {
	if _, err := parse(flag.NewFlagSet("move-to-keyring", flag.ContinueOnError), e, "move-to-keyring", args, 0, 0); err != nil {
		return err
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	if d.Backend() != auth.BackendFile {
		return usagef("secrets are already kept in the system keyring")
	}
	keyring := &auth.KeyringStore{}
	if err := auth.ProbeKeyring(keyring); err != nil {
		return err
	}
	fs, err := e.openFileStore()
	if err != nil {
		return err
	}
	n, err := e.Store.WithSecrets(fs).MoveSecrets(keyring, auth.BackendKeyring)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Moved %d secrets into the system keyring. The encrypted file %s no longer holds any and may be deleted.\n", n, fs.Path())
	return nil
}
