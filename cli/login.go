package cli

// zoomconn login: authorize an OAuth 2.0 connection in the browser.

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/internal/safetext"
)

// LoginOptions are login's argument and flags.
type LoginOptions struct {
	Env       *Env
	Name      string
	NoBrowser bool

	ctx context.Context
}

// NewCmdLogin is `zoomconn login NAME`; runF, if not nil, is called
// instead of the command's work.
func NewCmdLogin(e *Env, runF func(*LoginOptions) error) *cobra.Command {
	opts := &LoginOptions{Env: e}
	c := &cobra.Command{
		Use: "login NAME", Short: "Authorize an OAuth 2.0 connection in the browser", GroupID: "connections",
		Long: "Authorize an OAuth 2.0 connection in the browser. zoomconn listens on 127.0.0.1 for Zoom's redirect " +
			"(register http://127.0.0.1/oauth/callback as the app's Redirect URL and Allow List entry) and waits up to 5 minutes.",
		Example:           "  zoomconn login Me\n  zoomconn login Me --no-browser   # open the printed URL yourself",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(auth.AuthOAuth),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			return runOrTest(e, c, withSecrets, opts, runF, loginRun)
		},
	}
	c.Flags().BoolVar(&opts.NoBrowser, "no-browser", false, "do not open a browser; open the printed URL yourself")
	return c
}

func loginRun(opts *LoginOptions) error {
	e := opts.Env
	if d, err := e.Store.Load(); err == nil {
		if c, ok := d.Connection(opts.Name); ok {
			if h := d.APIHostOf(c); h.Differs() {
				fmt.Fprintf(e.Stderr, "Note: calls with this connection go to %s, not to its OAuth client's API host %s; the token you authorize now is sent there.\n",
					safetext.Clean(h.Host, safetext.MaxURL), safetext.Clean(h.ClientHost, safetext.MaxURL))
			}
		}
	}
	res, err := e.service().Login(opts.ctx, opts.Name, access.LoginOptions{
		NoBrowser: opts.NoBrowser,
		Ready: func(u string) {
			fmt.Fprintf(e.Stderr, "Open this URL to authorize (waiting up to 5 minutes):\n\n  %s\n\n", u)
			fmt.Fprintln(e.Stderr, "If Zoom says \"Invalid redirect\" (4700), register http://127.0.0.1/oauth/callback as the app's Redirect URL and Allow List entry.")
		},
		BrowserError: func(err error) {
			fmt.Fprintf(e.Stderr, "Could not open a browser (%v); open the URL above yourself.\n", err)
		},
	})
	if err != nil {
		return err
	}
	printIdentity(e, res.Identity, res.Scopes, res.Expiry)
	return nil
}
