package cli

// Where secrets live: opening the secret store the configuration names
// before a command runs (the use-file-store and move-to-keyring commands
// move them). store.Secrets decides and does every step, as it does for
// the desktop app; the command line asks for passphrases and says what
// happened.

import (
	"os"

	"zoomconn/auth"
)

// openSecrets points the store at the secret store its data names, asking
// for the encrypted file's passphrase first (before any other secret on
// stdin) when secrets live there.
func (e *Env) openSecrets() error {
	// Connect to the keyring while the command gets going: while the
	// metadata file is parsed (a millisecond per hundred connections) when
	// its bytes already show that it keeps its secrets there, else once it
	// is parsed. Never where the secrets live in the encrypted file: there
	// may be no session bus, and looking for one can start programs.
	warmed := false
	if raw, err := os.ReadFile(e.Store.Path()); err == nil && !auth.MayKeepSecretsInFile(raw) {
		e.secrets.Warm()
		warmed = true
	}
	d, err := e.Store.Load()
	if err != nil {
		return nil // the command reports a load error itself
	}
	if e.secrets.State(d).InFile {
		if err := e.unlockFile(); err != nil {
			return err
		}
	} else if !warmed {
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
