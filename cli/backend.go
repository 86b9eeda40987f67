package cli

// Where secrets live: opening the secret store the configuration names
// before a command runs (the use-file-store and move-to-keyring commands
// move them). store.Secrets decides and does every step, as it does for
// the desktop app; the command line asks for passphrases and says what
// happened.

// openSecrets points the store at the secret store its data names, asking
// for the encrypted file's passphrase first (before any other secret on
// stdin) when secrets live there.
func (e *Env) openSecrets() error {
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
