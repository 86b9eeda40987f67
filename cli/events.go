package cli

// zoomconn events: Zoom's webhook events on this machine (the parent of
// events secret, events verify and events trigger).

import (
	"github.com/spf13/cobra"
)

// NewCmdEvents is `zoomconn events COMMAND`.
func NewCmdEvents(e *Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "events COMMAND",
		Short: "Receive, sign, send and verify Zoom events locally",
		Long: "Work with the events of a Zoom app on this machine: store its Secret Token (events secret), verify a received event's signature (events verify), send a realistic, correctly signed event to your handler (events trigger) and receive its events over Zoom's WebSocket, printed or forwarded signed to your handler (events listen).\n\n" +
			"The Secret Token (the app's Features page, Event Subscriptions, in the Zoom App Marketplace) belongs to a Server-to-Server connection's own app or to an OAuth client (a General app); an OAuth 2.0 connection's name reaches its client's. It only signs and verifies here: it is sent nowhere, shown nowhere and never exported.",
		Example: "  zoomconn events secret Reports < secret-token.txt\n  zoomconn events trigger Reports meeting.started --to http://127.0.0.1:8080/webhook\n  zoomconn events verify Reports --timestamp 1700000000 --signature v0=… < body.json",
		GroupID: "use",
		Args:    noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return usagef("missing command: secret, verify, trigger or listen")
		},
	}
	c.AddCommand(NewCmdEventsSecret(e, nil), NewCmdEventsVerify(e, nil), NewCmdEventsTrigger(e, nil), NewCmdEventsListen(e, nil))
	return c
}
