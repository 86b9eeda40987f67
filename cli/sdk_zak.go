package cli

// zoomconn sdk zak: the user's ZAK, fetched with an OAuth 2.0 connection.

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"zoomconn/auth"
)

// SDKZAKOptions are sdk zak's argument.
type SDKZAKOptions struct {
	Env  *Env
	Name string

	ctx context.Context
}

// NewCmdSDKZAK is `zoomconn sdk zak NAME`; runF, if not nil, is called
// instead of the command's work.
func NewCmdSDKZAK(e *Env, runF func(*SDKZAKOptions) error) *cobra.Command {
	opts := &SDKZAKOptions{Env: e}
	return &cobra.Command{
		Use:   "zak NAME",
		Short: "Print the user's ZAK (Zoom Access Key) from an OAuth 2.0 connection",
		Long: "Print the ZAK of the user the OAuth 2.0 connection NAME acts for (GET /users/me/token?type=zak), for the Meeting SDK to start or join as that user. " +
			"It needs the user:read:token scope (or classic user:read); the token is handled as for `zoomconn api`. stdout carries only the ZAK.",
		Example:           "  ZAK=$(zoomconn sdk zak Me)",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(auth.AuthOAuth),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			return runOrTest(e, c, withSecrets, opts, runF, sdkZAKRun)
		},
	}
}

func sdkZAKRun(opts *SDKZAKOptions) error {
	zak, err := opts.Env.service().ZAK(opts.ctx, opts.Name)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(opts.Env.Stdout, zak)
	return err
}
