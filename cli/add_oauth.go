package cli

// zoomconn add-oauth: add an OAuth 2.0 connection that uses an OAuth
// client.

import (
	"fmt"

	"github.com/spf13/cobra"

	"zoomconn/auth"
	"zoomconn/internal/shell"
)

// AddOAuthOptions are add-oauth's argument and flags.
type AddOAuthOptions struct {
	Env       *Env
	Name      string
	Client    string // the OAuth client's name
	Endpoints endpointFlags
}

// NewCmdAddOAuth is `zoomconn add-oauth NAME`; runF, if not nil, is
// called instead of the command's work.
func NewCmdAddOAuth(e *Env, runF func(*AddOAuthOptions) error) *cobra.Command {
	opts := &AddOAuthOptions{Env: e}
	c := &cobra.Command{
		Use: "add-oauth NAME --client CLIENT_NAME", Short: "Add an OAuth 2.0 connection that uses an OAuth client", GroupID: "connections",
		Long: "Add an OAuth 2.0 connection that uses an OAuth client (see `zoomconn add-client`). Its endpoints are the client's; " +
			"only --api-url may differ, on a client with custom endpoints. Authorize it afterwards with `zoomconn login NAME`.",
		Example:           "  zoomconn add-oauth Me --client Team\n  zoomconn login Me",
		Args:              e.exactArgs(1, noLookup),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, addOAuthRun)
		},
	}
	fs := c.Flags()
	fs.StringVar(&opts.Client, "client", "", "the OAuth client to use, by its `NAME` (see zoomconn list)")
	opts.Endpoints = addEndpointFlags(fs, "", "leave out: the endpoints are the OAuth client's (only --api-url may differ, on a client with custom endpoints)")
	return c
}

func addOAuthRun(opts *AddOAuthOptions) error {
	e := opts.Env
	endpoints, err := opts.Endpoints.endpoints()
	if err != nil {
		return err
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	in := auth.ConnectionInput{Name: opts.Name, Type: auth.AuthOAuth, Endpoints: endpoints}
	if opts.Client != "" {
		cl, ok := d.Client(opts.Client)
		if !ok {
			return d.ClientNotFound(opts.Client)
		}
		in.OAuthClientID = cl.ID
	}
	res, err := e.Store.SaveConnection(in)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.Stderr, "Saved the connection %q. Authorize it with `zoomconn login %s`.\n", res.Connection.Name, shell.Quote(res.Connection.Name))
	return nil
}
