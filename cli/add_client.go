package cli

// zoomconn add-client: add an OAuth client (a Zoom General app); its
// client secret comes on stdin unless it is public.

import (
	"fmt"

	"github.com/spf13/cobra"

	"zoomconn/auth"
	"zoomconn/auth/access"
)

// AddClientOptions are add-client's argument and flags.
type AddClientOptions struct {
	Env       *Env
	Name      string
	ClientID  string
	Public    bool
	Port      int
	Endpoints endpointFlags
	// EventsSubscription is the app's WebSocket subscription ID ("" for none).
	EventsSubscription string
}

// NewCmdAddClient is `zoomconn add-client NAME`; runF, if not nil, is
// called instead of the command's work.
func NewCmdAddClient(e *Env, runF func(*AddClientOptions) error) *cobra.Command {
	opts := &AddClientOptions{Env: e}
	c := &cobra.Command{
		Use: "add-client NAME --client-id ID", Short: "Add an OAuth client (Zoom General app)", GroupID: "clients",
		Long: "Add an OAuth client: a Zoom General app that OAuth 2.0 connections use. The client secret is read from stdin unless --public " +
			"(PKCE, no secret). Register the Redirect URL and Allow List entry it prints in the Zoom app. " + endpointHelp,
		Example:           "  zoomconn add-client Team --client-id AbC123\n  zoomconn add-client Mobile --client-id XyZ789 --public",
		Args:              e.exactArgs(1, noLookup),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, addClientRun)
		},
	}
	fs := c.Flags()
	fs.StringVar(&opts.ClientID, "client-id", "", "the General app's Client `ID`")
	fs.BoolVar(&opts.Public, "public", false, "a public client: PKCE and no client secret")
	fs.IntVar(&opts.Port, "port", 0, "fixed loopback `PORT` for the redirect (default: a free port each time)")
	opts.Endpoints = addEndpointFlags(fs, "zoom", "zoom, zoomgov or custom: the app's Zoom deployment, for all its connections (the client secret is sent only to these)")
	fs.StringVar(&opts.EventsSubscription, "events-subscription", "", "the app's WebSocket event subscription `ID` (for events listen)")
	return c
}

func addClientRun(opts *AddClientOptions) error {
	e := opts.Env
	endpoints, err := opts.Endpoints.endpoints()
	if err != nil {
		return err
	}
	in := auth.ClientInput{Name: opts.Name, ClientID: opts.ClientID, Public: opts.Public, Port: opts.Port, Endpoints: endpoints}
	if opts.EventsSubscription != "" {
		in.EventsSubscription = &opts.EventsSubscription
	}
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	probe := in
	probe.ClientSecret = "placeholder"
	if err := d.ValidateClient(probe); err != nil {
		return err
	}
	if !in.Public {
		if in.ClientSecret, err = e.readSecret("Client secret"); err != nil {
			return err
		}
	}
	res, err := e.Store.SaveClient(in)
	if err != nil {
		return err
	}
	printNotices(e, res.Notices)
	fmt.Fprintf(e.Stderr, "Saved the OAuth client %q. In the Zoom app, register the Redirect URL and Allow List entry %s (127.0.0.1, not localhost: Zoom rejects localhost).\n", res.Client.Name, access.RedirectURLFor(res.Client.Port))
	return nil
}
