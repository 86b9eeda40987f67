package cli

// zoomconn events secret: store or replace an app's event Secret Token.

import (
	"fmt"

	"github.com/spf13/cobra"
)

// EventsSecretOptions are events secret's argument.
type EventsSecretOptions struct {
	Env  *Env
	Name string
}

// NewCmdEventsSecret is `zoomconn events secret NAME`; runF, if not nil, is
// called instead of the command's work.
func NewCmdEventsSecret(e *Env, runF func(*EventsSecretOptions) error) *cobra.Command {
	opts := &EventsSecretOptions{Env: e}
	return &cobra.Command{
		Use:   "secret NAME",
		Short: "Store or replace the Secret Token of a connection or OAuth client",
		Long: "Store or replace the event Secret Token of the app NAME names: a Server-to-Server connection's own app, an OAuth client (a General app), or an OAuth 2.0 connection's client. " +
			"It is read from stdin (without echo on a terminal), kept with the other secrets, and only signs and verifies on this machine.",
		Example:           "  zoomconn events secret Reports\n  zoomconn events secret Team < secret-token.txt",
		Args:              e.exactArgs(1, noLookup),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			return runOrTest(e, c, withSecrets, opts, runF, eventsSecretRun)
		},
	}
}

func eventsSecretRun(opts *EventsSecretOptions) error {
	e := opts.Env
	// The name first: an unknown one asks for no secret.
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	if _, err := d.EventsApp(opts.Name); err != nil {
		return err
	}
	token, err := e.readSecret("Secret Token")
	if err != nil {
		return err
	}
	res, err := e.Store.SetSecretToken(opts.Name, token)
	if err != nil {
		return err
	}
	for _, n := range res.Notices {
		fmt.Fprintln(e.Stderr, n)
	}
	what := fmt.Sprintf("the connection %q", shown(res.App.Name()))
	if res.App.Client != nil {
		what = fmt.Sprintf("the OAuth client %q", shown(res.App.Name()))
		if res.App.Via != "" {
			what += fmt.Sprintf(" (the app of %q)", shown(res.App.Via))
		}
	}
	verb := "Stored"
	if res.Replaced {
		verb = "Replaced"
	}
	fmt.Fprintf(e.Stderr, "%s the Secret Token of %s in the %s.\n", verb, what, d.Backend().Describe())
	return nil
}
