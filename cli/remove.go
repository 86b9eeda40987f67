package cli

// zoomconn remove: delete a connection and its secrets locally.

import (
	"fmt"

	"github.com/spf13/cobra"
)

// RemoveOptions are remove's argument.
type RemoveOptions struct {
	Env  *Env
	Name string
}

// NewCmdRemove is `zoomconn remove NAME`; runF, if not nil, is called
// instead of the command's work.
func NewCmdRemove(e *Env, runF func(*RemoveOptions) error) *cobra.Command {
	opts := &RemoveOptions{Env: e}
	return &cobra.Command{
		Use: "remove NAME", Short: "Delete a connection and its stored secrets locally", GroupID: "connections",
		Long:              "Delete a connection, its stored secrets and the app's API console history of it from this computer. It does not revoke at Zoom: run `zoomconn revoke` first for that.",
		Example:           "  zoomconn revoke Me && zoomconn remove Me",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, removeRun)
		},
	}
}

func removeRun(opts *RemoveOptions) error {
	e := opts.Env
	if err := e.Store.DeleteConnection(opts.Name); err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Removed the connection %q, its stored secrets and its API console history from this computer. Its authorization at Zoom was not revoked (use `zoomconn revoke` before removing to do that).\n", opts.Name)
	return nil
}
