package cli

// zoomconn edit-s2s: change a Server-to-Server (Custom) connection; a new
// client secret comes on stdin when the change needs one.

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"zoomconn/auth"
)

// EditS2SOptions are edit-s2s's argument and flags; Flags says which were
// given.
type EditS2SOptions struct {
	Env                 *Env
	Name                string
	Rename              string // --name
	AccountID, ClientID string
	Secret              bool // --secret: read a new client secret
	Endpoints           endpointFlags
	// EventsSubscription is a new WebSocket subscription ID ("" clears it).
	EventsSubscription string
	Flags              *pflag.FlagSet
}

// NewCmdEditS2S is `zoomconn edit-s2s NAME`; runF, if not nil, is called
// instead of the command's work.
func NewCmdEditS2S(e *Env, runF func(*EditS2SOptions) error) *cobra.Command {
	opts := &EditS2SOptions{Env: e}
	c := &cobra.Command{
		Use: "edit-s2s NAME", Short: "Change a Server-to-Server (Custom) connection", GroupID: "connections",
		Long: "Change a Server-to-Server (Custom) connection. A new client secret is read from stdin when the change needs one " +
			"(a new Account ID, Client ID or endpoint), or with --secret. " + endpointHelp,
		Example:           "  zoomconn edit-s2s Reports --name 'Reports (prod)'\n  zoomconn edit-s2s Reports --secret < new-secret.txt",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(auth.AuthS2S),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, editS2SRun)
		},
	}
	fs := c.Flags()
	opts.Flags = fs
	fs.StringVar(&opts.Rename, "name", "", "a new name")
	fs.StringVar(&opts.AccountID, "account-id", "", "a new Account `ID` (a new client secret is then read from stdin)")
	fs.StringVar(&opts.ClientID, "client-id", "", "a new Client `ID` (a new client secret is then read from stdin)")
	fs.BoolVar(&opts.Secret, "secret", false, "read a new client secret from stdin")
	opts.Endpoints = addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom (changing where the secret goes needs it again)")
	fs.StringVar(&opts.EventsSubscription, "events-subscription", "", "the app's WebSocket event subscription `ID` (\"\" clears it)")
	return c
}

func editS2SRun(opts *EditS2SOptions) error {
	e := opts.Env
	set := flagsSet(opts.Flags)
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	c, ok := d.Connection(opts.Name)
	if !ok {
		return d.ConnectionNotFound(opts.Name)
	}
	if c.Type != auth.AuthS2S {
		return usagef("The connection %q is an OAuth 2.0 connection; its endpoints belong to its OAuth client (`zoomconn edit-client`).", c.Name)
	}
	in := auth.ConnectionInput{ID: c.ID, Name: c.Name, Type: auth.AuthS2S, AccountID: c.AccountID, ClientID: c.ClientID, Endpoints: c.Endpoints}
	if set["name"] {
		in.Name = opts.Rename
	}
	if set["account-id"] {
		in.AccountID = opts.AccountID
	}
	if set["client-id"] {
		in.ClientID = opts.ClientID
	}
	if set["events-subscription"] {
		in.EventsSubscription = &opts.EventsSubscription
	}
	if in.Endpoints, err = opts.Endpoints.changed(set, in.Endpoints); err != nil {
		return err
	}
	if in.ClientSecret, err = e.secretForChange(d.ValidateConnection(in), opts.Secret, true); err != nil {
		return err
	}
	res, err := e.Store.SaveConnection(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the connection %q.\n", res.Connection.Name)
	renamed(e, c.Name, res.Connection.Name)
	return nil
}

// renamed warns, after a rename, that scripts must use the new name: the
// old one no longer finds it (one differing only in case still does).
func renamed(e *Env, from, to string) {
	if !strings.EqualFold(from, to) {
		fmt.Fprintf(e.Stderr, "Note: scripts that use the old name %q must now use %q.\n", from, to)
	}
}
