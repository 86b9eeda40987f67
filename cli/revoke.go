package cli

// zoomconn revoke: disconnect at Zoom, keep the connection.

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

// RevokeOptions are revoke's argument.
type RevokeOptions struct {
	Env  *Env
	Name string

	ctx context.Context
}

// NewCmdRevoke is `zoomconn revoke NAME`; runF, if not nil, is called
// instead of the command's work.
func NewCmdRevoke(e *Env, runF func(*RevokeOptions) error) *cobra.Command {
	opts := &RevokeOptions{Env: e}
	return &cobra.Command{
		Use: "revoke NAME", Short: "Disconnect: revoke NAME's authorization at Zoom (the connection is kept)", GroupID: "connections",
		Long:              "Disconnect: revoke the connection's authorization at Zoom. The connection is kept; an OAuth 2.0 connection needs `zoomconn login` again.",
		Example:           "  zoomconn revoke Me",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			return runOrTest(e, c, withSecrets, opts, runF, revokeRun)
		},
	}
}

func revokeRun(opts *RevokeOptions) error {
	msg, err := opts.Env.service().Revoke(opts.ctx, opts.Name)
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.Env.Stderr, msg)
	return nil
}
