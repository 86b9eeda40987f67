package cli

// zoomconn move-to-keyring: move secrets from the encrypted file back into
// the system keyring.

import (
	"fmt"

	"github.com/spf13/cobra"
)

// MoveToKeyringOptions are move-to-keyring's: it takes no argument or
// flag.
type MoveToKeyringOptions struct {
	Env *Env
}

// NewCmdMoveToKeyring is `zoomconn move-to-keyring`; runF, if not nil, is
// called instead of the command's work.
func NewCmdMoveToKeyring(e *Env, runF func(*MoveToKeyringOptions) error) *cobra.Command {
	opts := &MoveToKeyringOptions{Env: e}
	return &cobra.Command{
		Use: "move-to-keyring", Short: "Move secrets from the encrypted file back into the system keyring", GroupID: "store",
		Long:              "Move secrets from the encrypted file back into the system keyring; the passphrase is read from stdin.",
		Example:           "  zoomconn move-to-keyring",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, _ []string) error {
			// It opens the secrets itself: the file's, then the keyring's.
			return runOrTest(e, c, noSecrets, opts, runF, moveToKeyringRun)
		},
	}
}

// moveToKeyringRun moves every secret from the encrypted file into the
// system keyring, once the keyring answers and the passphrase is right.
func moveToKeyringRun(opts *MoveToKeyringOptions) error {
	e := opts.Env
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
