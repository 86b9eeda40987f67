package cli

// zoomconn events listen: receive a Zoom app's events over Zoom's
// WebSocket and print them, or forward each, signed as Zoom would, to a
// local handler. The socket, tokens and reconnects are the core's
// (access.Service.Listen); the signing and sending too (Forwarder).

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"zoomconn/auth/access"
	"zoomconn/internal/safetext"
)

// EventsListenOptions are events listen's argument and flags.
type EventsListenOptions struct {
	Env          *Env
	Name         string
	Subscription string // overrides the stored one for this run
	JSON         bool
	ForwardTo    string
	AllowRemote  bool

	ctx context.Context
}

// NewCmdEventsListen is `zoomconn events listen NAME [--subscription ID]
// [--json] [--forward-to URL] [--allow-remote]`; runF, if not nil, is
// called instead of the command's work.
func NewCmdEventsListen(e *Env, runF func(*EventsListenOptions) error) *cobra.Command {
	opts := &EventsListenOptions{Env: e}
	c := &cobra.Command{
		Use:   "listen NAME [--subscription ID] [--json] [--forward-to URL]",
		Short: "Receive an app's events over Zoom's WebSocket, print or forward them",
		Long: "Connect to Zoom's events socket with a token of the connection NAME (its app needs an event subscription of type WebSocket) and print one line per event: the time, the event's name and a summary (topic, user). " +
			"NAME may also be an OAuth client (a General app with a client secret): zoomconn then fetches an app-level token with client_credentials for each connect, and keeps none. " +
			"--json prints each event's JSON instead, exactly as Zoom sent it, one per line.\n\n" +
			"--forward-to POSTs each event's exact bytes to your handler, signed with the app's Secret Token (`zoomconn events secret`) and a fresh timestamp, as Zoom would, and prints the handler's status and time. " +
			"Events carry names and addresses: the handler must be on this machine (127.0.0.1, ::1 or localhost) unless --allow-remote.\n\n" +
			"The subscription ID is the app's (`zoomconn edit-s2s NAME --events-subscription ID`, or `zoomconn edit-client NAME --events-subscription ID` for an OAuth client) unless --subscription. " +
			"When the socket drops, zoomconn reconnects with a fresh token after a short wait and says so on stderr: events during the gap are lost, as Zoom does not redeliver them. Ctrl+C closes the socket and exits 0.",
		Example: "  zoomconn events listen Reports\n" +
			"  zoomconn events listen MyGeneralApp --forward-to http://127.0.0.1:8080/webhook\n" +
			"  zoomconn events listen Reports --json | jq .event\n" +
			"  zoomconn events listen Reports --forward-to http://127.0.0.1:8080/webhook",
		Args:              e.exactArgs(1, noLookup),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			return runOrTest(e, c, withSecrets, opts, runF, eventsListenRun)
		},
	}
	fs := c.Flags()
	fs.StringVar(&opts.Subscription, "subscription", "", "the WebSocket event subscription `ID` for this run")
	fs.BoolVar(&opts.JSON, "json", false, "print each event's JSON as Zoom sent it, one per line")
	fs.StringVar(&opts.ForwardTo, "forward-to", "", "POST each event, signed, to the handler at `URL`")
	fs.BoolVar(&opts.AllowRemote, "allow-remote", false, "allow a --forward-to handler off this machine")
	return c
}

func eventsListenRun(opts *EventsListenOptions) error {
	e := opts.Env
	sv := e.service()
	ctx := opts.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	var mu sync.Mutex // the forward's tries and the events come from two goroutines: keep the lines whole
	var forward *access.ForwardOptions
	if opts.ForwardTo != "" {
		forward = &access.ForwardOptions{
			Delivery: access.Delivery{To: opts.ForwardTo, AllowRemote: opts.AllowRemote},
			OnTry: func(fr access.ForwardResult) {
				mu.Lock()
				defer mu.Unlock()
				e.printForward(fr, opts.JSON)
			},
		}
	}
	first := true
	err := sv.Listen(ctx, opts.Name, access.ListenOptions{
		Subscription: opts.Subscription,
		Forward:      forward,
		OnConnect: func(host string) {
			mu.Lock()
			defer mu.Unlock()
			if first {
				first = false
				fmt.Fprintf(e.Stderr, "Listening for the events of %q at %s. Ctrl+C stops.\n", shown(opts.Name), shown(host))
			}
		},
		OnNotice: func(msg string) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintln(e.Stderr, forTerminal(shown(msg)))
		},
		OnEvent: func(raw []byte) {
			mu.Lock()
			defer mu.Unlock()
			e.printEvent(raw, opts.JSON)
		},
	})
	if err != nil {
		return triggerUsage(err)
	}
	fmt.Fprintln(e.Stderr, "Stopped listening.")
	return nil
}

// printForward prints one try of a forward: the handler's status and time
// (on stdout below the event's line; on stderr with --json, whose stdout
// holds only events), what Zoom would count as failed, and the retry.
func (e *Env) printForward(fr access.ForwardResult, asJSON bool) {
	out := e.Stdout
	if asJSON {
		out = e.Stderr
	}
	res := fr.Result
	var line string
	switch {
	case fr.Err != nil:
		line = "  forward failed: " + forTerminal(message(fr.Err))
	case res.TooSlow:
		line = fmt.Sprintf("  -> %d in %s (Zoom would count it failed: Zoom waits 3 s)", res.Status, elapsed(res.Elapsed))
	case res.Failed:
		line = fmt.Sprintf("  -> %d in %s (Zoom would count it failed: Zoom needs 200 or 204)", res.Status, elapsed(res.Elapsed))
	default:
		line = fmt.Sprintf("  -> %d in %s", res.Status, elapsed(res.Elapsed))
	}
	switch {
	case fr.Retry > 0:
		line += fmt.Sprintf("; try %d, retrying in %s", fr.Try, fr.Retry)
	case fr.GaveUp && fr.Try > 1:
		line += fmt.Sprintf("; gave up after %d tries", fr.Try)
	}
	if fr.Err != nil {
		out = e.Stderr
	}
	fmt.Fprintln(out, line)
}

// printEvent prints one event: its JSON as sent (--json; compacted only if
// it spans lines), or a line of time, name and summary. Both are untrusted
// text: the JSON made visible for a terminal, the summary cleaned.
func (e *Env) printEvent(raw []byte, asJSON bool) {
	if asJSON {
		line := raw
		if bytes.ContainsAny(raw, "\r\n") {
			var b bytes.Buffer
			if json.Compact(&b, raw) == nil {
				line = b.Bytes()
			}
		}
		if e.StdoutIsTerminal {
			line = safetext.JSONForTerminal(line)
		}
		_, _ = e.Stdout.Write(append(append([]byte(nil), line...), '\n'))
		return
	}
	now := time.Now
	if e.Now != nil {
		now = e.Now
	}
	// The summary is cleaned already (safetext.Clean: escapes written as
	// \x1b, nothing a terminal acts on); making it visible again would only
	// double each backslash.
	fmt.Fprintln(e.Stdout, now().Local().Format("15:04:05")+"  "+access.SummarizeEvent(raw).String())
}
