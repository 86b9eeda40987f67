package cli

// zoomconn use-file-store: keep secrets in a passphrase-encrypted file
// instead of the keyring.

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"zoomconn/auth/store"
)

// UseFileStoreOptions are use-file-store's: it takes no argument or flag.
type UseFileStoreOptions struct {
	Env *Env
}

// NewCmdUseFileStore is `zoomconn use-file-store`; runF, if not nil, is
// called instead of the command's work.
func NewCmdUseFileStore(e *Env, runF func(*UseFileStoreOptions) error) *cobra.Command {
	opts := &UseFileStoreOptions{Env: e}
	return &cobra.Command{
		Use: "use-file-store", Short: "Keep secrets in a passphrase-encrypted file instead of the keyring", GroupID: "store",
		Long: "Keep secrets in a passphrase-encrypted file (AES-256-GCM, Argon2id) instead of the system keyring, for machines without one; " +
			"existing secrets are moved. Every command that needs a secret then asks for the passphrase first (the first line of stdin for scripts).",
		Example:           "  zoomconn use-file-store\n  zoomconn move-to-keyring   # back, once a keyring is available",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, _ []string) error {
			// It opens the secrets itself: the keyring's and the file's.
			return runOrTest(e, c, noSecrets, opts, runF, useFileStoreRun)
		},
	}
}

// useFileStoreRun moves secrets into a new passphrase-encrypted file. It is
// only ever done on request: zoomconn never falls back to it silently.
func useFileStoreRun(opts *UseFileStoreOptions) error {
	e := opts.Env
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
