package cli

// zoomconn events verify: check a received event's signature and timestamp.

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"
)

// maxEventBody is the largest event body verify reads from stdin.
const maxEventBody = 8 << 20

// EventsVerifyOptions are events verify's arguments.
type EventsVerifyOptions struct {
	Env       *Env
	Name      string
	Timestamp string
	Signature string
	Tolerance time.Duration
}

// NewCmdEventsVerify is `zoomconn events verify NAME --timestamp T
// --signature S [--tolerance 300s] < body`; runF, if not nil, is called
// instead of the command's work.
func NewCmdEventsVerify(e *Env, runF func(*EventsVerifyOptions) error) *cobra.Command {
	opts := &EventsVerifyOptions{Env: e}
	c := &cobra.Command{
		Use:   "verify NAME --timestamp T --signature S [--tolerance 300s] < body",
		Short: "Verify a received event's signature with the app's Secret Token",
		Long: "Check an event as your handler should: the x-zm-signature (--signature) over the x-zm-request-timestamp (--timestamp) and the raw body read from stdin, byte for byte, with the Secret Token of the app NAME names, and the timestamp within --tolerance of now. " +
			"Exit 0 when it is valid; 1 with the reason otherwise (\"signature does not match\", \"timestamp is 412 s old\").",
		Example:           "  zoomconn events verify Reports --timestamp 1700000000 --signature v0=5b1c… < body.json",
		Args:              e.exactArgs(1, noLookup),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			if opts.Timestamp == "" || opts.Signature == "" {
				return usagef("--timestamp and --signature are required (the x-zm-request-timestamp and x-zm-signature headers)")
			}
			if opts.Tolerance <= 0 {
				return usagef("--tolerance must be positive, such as 300s or 5m")
			}
			return runOrTest(e, c, withSecrets, opts, runF, eventsVerifyRun)
		},
	}
	c.Flags().StringVar(&opts.Timestamp, "timestamp", "", "the x-zm-request-timestamp header (seconds since the epoch)")
	c.Flags().StringVar(&opts.Signature, "signature", "", "the x-zm-signature header (v0=…)")
	c.Flags().DurationVar(&opts.Tolerance, "tolerance", 300*time.Second, "how old or how far ahead the timestamp may be")
	return c
}

func eventsVerifyRun(opts *EventsVerifyOptions) error {
	e := opts.Env
	body, err := io.ReadAll(io.LimitReader(e.stdin, maxEventBody+1))
	if err != nil {
		return err
	}
	if len(body) > maxEventBody {
		return usagef("the body on stdin is over %d MiB", maxEventBody>>20)
	}
	if err := e.service().VerifyEvent(opts.Name, opts.Timestamp, opts.Signature, body, opts.Tolerance); err != nil {
		return err
	}
	fmt.Fprintln(e.Stderr, "The signature is valid and the timestamp within the tolerance.")
	return nil
}
