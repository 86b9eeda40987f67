package cli

// zoomconn events trigger: send one realistic, correctly signed (or
// deliberately forged) event to a handler, or check its answer to URL
// validation. The sending is the core's (access.Service.TriggerEvent).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"zoomconn/auth/access"
)

// EventsTriggerOptions are events trigger's arguments.
type EventsTriggerOptions struct {
	Env         *Env
	Name        string
	Event       string
	To          string
	Data        string // a file, or "-" for stdin; "" for the bundled sample
	Fields      []string
	Signature   string // "", bad, stale or missing
	AllowRemote bool

	ctx context.Context
}

// NewCmdEventsTrigger is `zoomconn events trigger NAME EVENT --to URL
// [--data FILE|-] [-f key=value] [--signature bad|stale|missing]`; runF,
// if not nil, is called instead of the command's work.
func NewCmdEventsTrigger(e *Env, runF func(*EventsTriggerOptions) error) *cobra.Command {
	opts := &EventsTriggerOptions{Env: e}
	c := &cobra.Command{
		Use:   "trigger NAME EVENT --to URL [--data FILE|-] [-f key=value]... [--signature bad|stale|missing]",
		Short: "Send a signed test event to your webhook handler",
		Long: "Send one realistic event to the handler at --to, as Zoom would: a POST of the exact bytes, signed with the Secret Token of the app NAME names (x-zm-request-timestamp, x-zm-signature). " +
			"EVENT is one of the bundled samples (" + strings.Join(access.EventNames(), ", ") + "), or any name with --data. -f overrides a field (-f payload.object.topic=Standup). " +
			"It prints the handler's status and time, and exits 1 when Zoom would count the delivery as failed (not 2xx, or slower than 3 s).\n\n" +
			"EVENT endpoint.url_validation checks the handler's answer to Zoom's URL validation: exit 0 when Zoom would accept it, else 1 with what is wrong.\n\n" +
			"--signature bad|stale|missing sends a forged event (another key; an hour-old timestamp; no signature) and exits 0 only if the handler rejects it with a 4xx, so a CI job can prove the handler checks signatures.\n\n" +
			"Events carry names and addresses: --to must be on this machine (127.0.0.1, ::1 or localhost) unless --allow-remote.",
		Example: "  zoomconn events trigger Reports meeting.started --to http://127.0.0.1:8080/webhook\n" +
			"  zoomconn events trigger Reports meeting.created --to http://localhost:3000/zoom -f payload.object.topic=Standup\n" +
			"  zoomconn events trigger Reports endpoint.url_validation --to http://127.0.0.1:8080/webhook\n" +
			"  zoomconn events trigger Reports meeting.started --to http://127.0.0.1:8080/webhook --signature bad",
		Args: func(c *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usagef("missing argument: NAME EVENT")
			}
			return e.exactArgs(2, noLookup)(c, args)
		},
		ValidArgsFunction: func(c *cobra.Command, args []string, s string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) == 1 {
				return append(access.EventNames(), access.URLValidationEvent), cobra.ShellCompDirectiveNoFileComp
			}
			return e.completeConnections("")(c, args, s)
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.Event, opts.ctx = args[0], args[1], c.Context()
			if opts.To == "" {
				return usagef("--to URL is required: the handler to send the event to")
			}
			switch opts.Signature {
			case "", "bad", "stale", "missing":
			default:
				return usagef("--signature must be bad, stale or missing")
			}
			if opts.Event == access.URLValidationEvent && (opts.Data != "" || len(opts.Fields) > 0 || opts.Signature != "") {
				return usagef("%s takes no --data, -f or --signature: zoomconn makes the request Zoom makes", access.URLValidationEvent)
			}
			return runOrTest(e, c, withSecrets, opts, runF, eventsTriggerRun)
		},
	}
	c.Flags().StringVar(&opts.To, "to", "", "the handler's URL")
	c.Flags().StringVar(&opts.Data, "data", "", "send this file's exact bytes (- for stdin) instead of the bundled sample")
	c.Flags().StringArrayVarP(&opts.Fields, "field", "f", nil, "set a field of the event, key=value (a dotted path)")
	c.Flags().StringVar(&opts.Signature, "signature", "", "forge the signature: bad, stale or missing")
	c.Flags().BoolVar(&opts.AllowRemote, "allow-remote", false, "allow a handler off this machine")
	return c
}

func eventsTriggerRun(opts *EventsTriggerOptions) error {
	e := opts.Env
	sv := e.service()
	d := access.Delivery{To: opts.To, AllowRemote: opts.AllowRemote, Forge: access.Forgery(opts.Signature)}
	ctx := opts.ctx
	if opts.Event == access.URLValidationEvent {
		res, err := sv.CheckURLValidation(ctx, opts.Name, d)
		if err = triggerUsage(err); err != nil && res.Status == 0 {
			return err
		}
		fmt.Fprintf(e.Stdout, "%s: %d in %s\n", access.URLValidationEvent, res.Status, elapsed(res.Elapsed))
		if err != nil {
			e.printAnswer(res)
			return err
		}
		fmt.Fprintln(e.Stderr, "Zoom would accept the handler's answer.")
		return nil
	}
	in := access.EventInput{Event: opts.Event, Fields: opts.Fields}
	if opts.Data != "" {
		var err error
		if in.Data, err = e.readData(opts.Data); err != nil {
			return err
		}
	}
	res, err := sv.TriggerEvent(ctx, opts.Name, in, d)
	if err := triggerUsage(err); err != nil {
		return err
	}
	fmt.Fprintf(e.Stdout, "%s: %d in %s\n", shown(res.Event), res.Status, elapsed(res.Elapsed))
	if d.Forge != access.ForgeNone {
		what := map[access.Forgery]string{
			access.ForgeBad:     "an event signed with another key",
			access.ForgeStale:   "an event signed an hour ago (its timestamp is stale)",
			access.ForgeMissing: "an event with no signature",
		}[d.Forge]
		if res.Rejected {
			fmt.Fprintf(e.Stderr, "The handler rejected %s (%d), as it should.\n", what, res.Status)
			return nil
		}
		e.printAnswer(res)
		fmt.Fprintf(e.Stderr, "zoomconn events trigger: the handler did not reject %s: it answered %d, not a 4xx. Check the x-zm-signature over x-zm-request-timestamp and the raw body, and the timestamp's age, before handling an event.\n", what, res.Status)
		return exitCode(ExitFailed)
	}
	if res.Failed {
		e.printAnswer(res)
		why := fmt.Sprintf("it answered %d; Zoom needs 200 or 204", res.Status)
		if res.TooSlow {
			why = fmt.Sprintf("it took %s; Zoom waits 3 s", elapsed(res.Elapsed))
		}
		fmt.Fprintf(e.Stderr, "zoomconn events trigger: Zoom would count this delivery as failed (%s) and retry it in 5, 20 and 60 minutes.\n", why)
		return exitCode(ExitFailed)
	}
	return nil
}

// triggerUsage makes a refused handler URL or an event that cannot be
// made bad usage (exit 2): nothing was sent.
func triggerUsage(err error) error {
	var hu *access.HandlerURLError
	var ev *access.EventError
	if errors.As(err, &hu) || errors.As(err, &ev) {
		return &usageError{err: err}
	}
	return err
}

// printAnswer shows the start of a handler's answer on stderr: untrusted
// text, cleaned by the core and made visible for a terminal.
func (e *Env) printAnswer(res access.DeliveryResult) {
	if res.Answer != "" {
		fmt.Fprintf(e.Stderr, "The handler answered: %s\n", forTerminal(res.Answer))
	}
}

// readData reads --data: a file, or stdin for "-".
func (e *Env) readData(name string) ([]byte, error) {
	var r io.Reader = e.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, usagef("cannot read --data %s: %v", shown(name), errors.Unwrap(err))
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxEventBody+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxEventBody {
		return nil, usagef("--data is over %d MiB", maxEventBody>>20)
	}
	return b, nil
}

// elapsed is a handler's time for people: "12 ms", "3.4 s".
func elapsed(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
