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
	"strings"
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
			"--json prints each event's JSON instead, exactly as Zoom sent it, one per line.\n\n" +
			"--forward-to POSTs each event's exact bytes to your handler, signed with the app's Secret Token (`zoomconn events secret`) and a fresh timestamp, as Zoom would, and prints the handler's status and time. " +
			"Events carry names and addresses: the handler must be on this machine (127.0.0.1, ::1 or localhost) unless --allow-remote.\n\n" +
			"The subscription ID is the connection's (`zoomconn edit-s2s NAME --events-subscription ID`) unless --subscription. " +
			"When the socket drops, zoomconn reconnects with a fresh token after a short wait and says so on stderr: events during the gap are lost, as Zoom does not redeliver them. Ctrl+C closes the socket and exits 0.",
		Example: "  zoomconn events listen Reports\n" +
			"  zoomconn events listen Reports --json | jq .event\n" +
			"  zoomconn events listen Reports --forward-to http://127.0.0.1:8080/webhook",
		Args:              e.exactArgs(1, noLookup),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			if runF != nil {
				return runF(opts)
			}
			if err := e.prepare(c, withSecrets); err != nil {
				return err
			}
			return eventsListenRun(opts)
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
	var forward func(context.Context, []byte) (access.DeliveryResult, error)
	if opts.ForwardTo != "" {
		var err error
		if forward, err = sv.Forwarder(opts.Name, access.Delivery{To: opts.ForwardTo, AllowRemote: opts.AllowRemote}); err != nil {
			return triggerUsage(err)
		}
	}
	var mu sync.Mutex // the callbacks come from one goroutine; this keeps the output whole anyway
	first := true
	err := sv.Listen(ctx, opts.Name, access.ListenOptions{
		Subscription: opts.Subscription,
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
			e.printEvent(raw, opts.JSON)
			mu.Unlock()
			if forward == nil {
				return
			}
			res, err := forward(ctx, raw)
			mu.Lock()
			defer mu.Unlock()
			out := e.Stdout
			if opts.JSON {
				out = e.Stderr // stdout holds only events
			}
			switch {
			case err != nil && ctx.Err() != nil:
			case err != nil:
				fmt.Fprintf(e.Stderr, "  forward failed: %s\n", forTerminal(message(err)))
			case res.Failed:
				why := "Zoom needs 200 or 204"
				if res.Status >= 200 && res.Status <= 299 {
					why = "Zoom waits 3 s"
				}
				fmt.Fprintf(out, "  -> %d in %s (Zoom would count it failed: %s)\n", res.Status, elapsed(res.Elapsed), why)
			default:
				fmt.Fprintf(out, "  -> %d in %s\n", res.Status, elapsed(res.Elapsed))
			}
		},
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stderr, "Stopped listening.")
	return nil
}

// printEvent prints one event: its JSON as sent (--json; compacted only if
// it spans lines), or a line of time, name and summary. Both are untrusted
// text: made visible for a terminal.
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
	line := now().Local().Format("15:04:05") + "  " + eventSummary(raw)
	if e.StdoutIsTerminal {
		line = safetext.Terminal(line)
	}
	fmt.Fprintln(e.Stdout, line)
}

// eventSummary is an event's name and a summary: the topic and the user or
// participant where the payload names them, each cleaned.
func eventSummary(raw []byte) string {
	var ev struct {
		Event   string `json:"event"`
		Payload struct {
			Object map[string]any `json:"object"`
		} `json:"payload"`
	}
	_ = json.Unmarshal(raw, &ev)
	name := safetext.Clean(ev.Event, 100)
	if name == "" {
		name = "(unnamed event)"
	}
	parts := []string{name}
	str := func(m map[string]any, k string) string {
		s, _ := m[k].(string)
		return safetext.Clean(s, 100)
	}
	o := ev.Payload.Object
	if t := str(o, "topic"); t != "" {
		parts = append(parts, fmt.Sprintf("topic %q", t))
	}
	if p, ok := o["participant"].(map[string]any); ok {
		if u := firstOf(str(p, "user_name"), str(p, "email")); u != "" {
			parts = append(parts, "participant "+u)
		}
	} else if u := firstOf(str(o, "email"), strings.TrimSpace(str(o, "first_name")+" "+str(o, "last_name"))); u != "" {
		parts = append(parts, "user "+u)
	}
	return strings.Join(parts, "  ")
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
