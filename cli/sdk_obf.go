package cli

// zoomconn sdk obf: an on-behalf token for one meeting, fetched with an
// OAuth 2.0 connection.

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"zoomconn/auth"
	"zoomconn/auth/access"
)

// SDKOBFOptions are sdk obf's argument and flag.
type SDKOBFOptions struct {
	Env     *Env
	Name    string
	Meeting string
	Flags   *pflag.FlagSet

	ctx context.Context
}

// NewCmdSDKOBF is `zoomconn sdk obf NAME --meeting N`; runF, if not nil,
// is called instead of the command's work.
func NewCmdSDKOBF(e *Env, runF func(*SDKOBFOptions) error) *cobra.Command {
	opts := &SDKOBFOptions{Env: e}
	c := &cobra.Command{
		Use:   "obf NAME --meeting N",
		Short: "Print an on-behalf (OBF) token for a meeting from an OAuth 2.0 connection",
		Long: "Print an on-behalf token (GET /users/me/token?type=onbehalf&meeting_id=N) with which a Meeting SDK app joins the meeting N, outside its own account, on behalf of the user the OAuth 2.0 connection NAME acts for. " +
			"It needs the user:read:token scope (or classic user:read); the token is handled as for `zoomconn api`. Zoom's OBF tokens last 2 hours by default. stdout carries only the token.",
		Example:           "  OBF=$(zoomconn sdk obf Me --meeting 98765432101)",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(auth.AuthOAuth),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			return runOrTest(e, c, withSecrets, opts, runF, sdkOBFRun)
		},
	}
	opts.Flags = c.Flags()
	c.Flags().StringVar(&opts.Meeting, "meeting", "", "the meeting `NUMBER` (spaces allowed, as Zoom shows it)")
	return c
}

func sdkOBFRun(opts *SDKOBFOptions) error {
	if !flagsSet(opts.Flags)["meeting"] {
		return usagef("--meeting N is required: an on-behalf token is for one meeting.")
	}
	n, err := access.ParseMeetingNumber(opts.Meeting)
	if err != nil {
		return err
	}
	obf, err := opts.Env.service().OBF(opts.ctx, opts.Name, n)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(opts.Env.Stdout, obf)
	return err
}
