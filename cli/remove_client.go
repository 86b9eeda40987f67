package cli

// zoomconn remove-client: delete an OAuth client no connection uses.

import (
	"fmt"

	"github.com/spf13/cobra"
)

// RemoveClientOptions are remove-client's argument.
type RemoveClientOptions struct {
	Env  *Env
	Name string
}

// NewCmdRemoveClient is `zoomconn remove-client NAME`; runF, if not nil,
// is called instead of the command's work.
func NewCmdRemoveClient(e *Env, runF func(*RemoveClientOptions) error) *cobra.Command {
	opts := &RemoveClientOptions{Env: e}
	return &cobra.Command{
		Use: "remove-client NAME", Short: "Delete an OAuth client no connection uses", GroupID: "clients",
		Long:              "Delete an OAuth client and its stored secret. A client that connections still use is refused.",
		Example:           "  zoomconn remove-client Team",
		Args:              e.exactArgs(1, clientName),
		ValidArgsFunction: e.completeClients,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, removeClientRun)
		},
	}
}

func removeClientRun(opts *RemoveClientOptions) error {
	e := opts.Env
	if err := e.Store.DeleteClient(opts.Name); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Removed the OAuth client %q and its stored secret.\n", opts.Name)
	return nil
}
