package cli

// zoomconn add-s2s: add a Server-to-Server (Custom) connection; its client
// secret comes on stdin.

import (
	"fmt"

	"github.com/spf13/cobra"

	"zoomconn/auth"
	"zoomconn/internal/shell"
)

// AddS2SOptions are add-s2s's argument and flags.
type AddS2SOptions struct {
	Env                 *Env
	Name                string
	AccountID, ClientID string
	Endpoints           endpointFlags
	// EventsSubscription is the app's WebSocket subscription ID ("" for none).
	EventsSubscription string
}

// NewCmdAddS2S is `zoomconn add-s2s NAME`; runF, if not nil, is called
// instead of the command's work.
func NewCmdAddS2S(e *Env, runF func(*AddS2SOptions) error) *cobra.Command {
	opts := &AddS2SOptions{Env: e}
	c := &cobra.Command{
		Use: "add-s2s NAME --account-id ID --client-id ID", Short: "Add a Server-to-Server (Custom) connection", GroupID: "connections",
		Long: "Add a Server-to-Server (Custom) connection. The client secret is read from stdin: a hidden prompt on a terminal, " +
			"or the first line when piped. " + endpointHelp,
		Example: "  zoomconn add-s2s Reports --account-id AbC123 --client-id XyZ789\n" +
			"  pass show zoom/s2s | zoomconn add-s2s Reports --account-id AbC123 --client-id XyZ789 --endpoints zoomgov",
		Args:              e.exactArgs(1, noLookup),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, addS2SRun)
		},
	}
	fs := c.Flags()
	fs.StringVar(&opts.AccountID, "account-id", "", "the Server-to-Server app's Account `ID`")
	fs.StringVar(&opts.ClientID, "client-id", "", "the Server-to-Server app's Client `ID`")
	opts.Endpoints = addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom (the client secret is sent only to these)")
	fs.StringVar(&opts.EventsSubscription, "events-subscription", "", "the app's WebSocket event subscription `ID` (for events listen)")
	return c
}

func addS2SRun(opts *AddS2SOptions) error {
	e := opts.Env
	endpoints, err := opts.Endpoints.endpoints()
	if err != nil {
		return err
	}
	in := auth.ConnectionInput{Name: opts.Name, Type: auth.AuthS2S, AccountID: opts.AccountID, ClientID: opts.ClientID, Endpoints: endpoints}
	if opts.EventsSubscription != "" {
		in.EventsSubscription = &opts.EventsSubscription
	}
	// Check everything else before asking for the secret.
	if err := validateConn(e, in, true); err != nil {
		return err
	}
	if in.ClientSecret, err = e.readSecret("Client secret"); err != nil {
		return err
	}
	res, err := e.Store.SaveConnection(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the connection %q. Check it with `zoomconn test %s`.\n", res.Connection.Name, shell.Quote(res.Connection.Name))
	return nil
}

// validateConn checks input before a secret is asked for; ignoreSecret
// skips the secret-required rule since the secret is not read yet.
func validateConn(e *Env, in auth.ConnectionInput, ignoreSecret bool) error {
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	if ignoreSecret {
		in.ClientSecret = "placeholder"
	}
	return d.ValidateConnection(in)
}
