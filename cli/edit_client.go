package cli

// zoomconn edit-client: change an OAuth client; a new client secret comes
// on stdin when the change needs one.

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"zoomconn/auth"
)

// EditClientOptions are edit-client's argument and flags; Flags says
// which were given.
type EditClientOptions struct {
	Env       *Env
	Name      string
	Rename    string // --name
	ClientID  string
	Public    bool
	Port      int
	Secret    bool // --secret: read a new client secret
	Endpoints endpointFlags
	// EventsSubscription is a new WebSocket subscription ID ("" clears it).
	EventsSubscription string
	Flags              *pflag.FlagSet
}

// NewCmdEditClient is `zoomconn edit-client NAME`; runF, if not nil, is
// called instead of the command's work.
func NewCmdEditClient(e *Env, runF func(*EditClientOptions) error) *cobra.Command {
	opts := &EditClientOptions{Env: e}
	c := &cobra.Command{
		Use: "edit-client NAME", Short: "Change an OAuth client", GroupID: "clients",
		Long: "Change an OAuth client. A new client secret is read from stdin when the change needs one " +
			"(a new Client ID or endpoint), or with --secret. " + endpointHelp,
		Example:           "  zoomconn edit-client Team --port 8765\n  zoomconn edit-client Team --secret < new-secret.txt",
		Args:              e.exactArgs(1, clientName),
		ValidArgsFunction: e.completeClients,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, editClientRun)
		},
	}
	fs := c.Flags()
	opts.Flags = fs
	fs.StringVar(&opts.Rename, "name", "", "a new name")
	fs.StringVar(&opts.ClientID, "client-id", "", "a new Client `ID` (a new client secret is then read from stdin)")
	fs.BoolVar(&opts.Public, "public", false, "true: a public client (PKCE, no secret); false: confidential")
	fs.IntVar(&opts.Port, "port", 0, "fixed loopback `PORT` for the redirect (0: a free port each time)")
	fs.BoolVar(&opts.Secret, "secret", false, "read a new client secret from stdin")
	opts.Endpoints = addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom: the app's Zoom deployment (changing it needs the client secret again)")
	fs.StringVar(&opts.EventsSubscription, "events-subscription", "", "the app's WebSocket event subscription `ID` (\"\" clears it)")
	return c
}

func editClientRun(opts *EditClientOptions) error {
	e := opts.Env
	set := flagsSet(opts.Flags)
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	cl, ok := d.Client(opts.Name)
	if !ok {
		return d.ClientNotFound(opts.Name)
	}
	in := auth.ClientInput{ID: cl.ID, Name: cl.Name, ClientID: cl.ClientID, Public: cl.Kind == auth.Public, Port: cl.Port, Endpoints: cl.Endpoints}
	if set["name"] {
		in.Name = opts.Rename
	}
	if set["client-id"] {
		in.ClientID = opts.ClientID
	}
	if set["public"] {
		in.Public = opts.Public
	}
	if set["events-subscription"] {
		in.EventsSubscription = &opts.EventsSubscription
	}
	if set["port"] {
		in.Port = opts.Port
	}
	if in.Endpoints, err = opts.Endpoints.changed(set, in.Endpoints); err != nil {
		return err
	}
	if in.ClientSecret, err = e.secretForChange(d.ValidateClient(in), opts.Secret, !in.Public); err != nil {
		return err
	}
	res, err := e.Store.SaveClient(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the OAuth client %q.\n", res.Client.Name)
	renamed(e, cl.Name, res.Client.Name)
	return nil
}
