package cli

// zoomconn mcp log: the audit log of AI agents' calls through a
// connection.

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

// MCPLogOptions are mcp log's argument and flags.
type MCPLogOptions struct {
	Env  *Env
	Name string
	Last int
	JSON bool
}

// NewCmdMCPLog is `zoomconn mcp log NAME [-n N] [--json]`; runF, if not
// nil, is called instead of the command's work.
func NewCmdMCPLog(e *Env, runF func(*MCPLogOptions) error) *cobra.Command {
	opts := &MCPLogOptions{Env: e}
	c := &cobra.Command{
		Use:   "log NAME [-n N] [--json]",
		Short: "Show the calls AI agents made through a connection",
		Long: "Show the audit log of the tool calls AI agents made through NAME with `zoomconn mcp serve` and `zoomconn mcp proxy`, oldest first: the time, the tool, the method and path (without the query), Zoom's status, the outcome (ok, refused, error) and how long it took. " +
			"It never holds a token or a body, is kept beside the metadata file and is deleted with the connection.",
		Example:           "  zoomconn mcp log Reports\n  zoomconn mcp log Reports -n 20 --json",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			if opts.Last < 0 {
				return usagef("-n must be 0 (all) or more")
			}
			return runOrTest(e, c, noSecrets, opts, runF, mcpLogRun)
		},
	}
	c.Flags().IntVarP(&opts.Last, "last", "n", 50, "show the last `N` calls (0: all kept)")
	c.Flags().BoolVar(&opts.JSON, "json", false, "one JSON object a line")
	return c
}

func mcpLogRun(opts *MCPLogOptions) error {
	e := opts.Env
	calls, err := e.service().MCPCalls(opts.Name, opts.Last)
	if err != nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(e.Stdout)
		for _, c := range calls {
			if err := enc.Encode(c); err != nil {
				return err
			}
		}
		return nil
	}
	if len(calls) == 0 {
		fmt.Fprintf(e.Stderr, "No agent has made a call through %s yet.\n", shown(opts.Name))
		return nil
	}
	tw := tabwriter.NewWriter(e.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tTOOL\tMETHOD\tPATH\tSTATUS\tOUTCOME\tDURATION")
	for _, c := range calls {
		status := "-"
		if c.Status != 0 {
			status = fmt.Sprint(c.Status)
		}
		dash := func(s string) string {
			if s == "" {
				return "-"
			}
			return s
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Time.Local().Format(time.DateTime), c.Tool, dash(c.Method), dash(c.Path), status, c.Outcome, c.Duration.Round(time.Millisecond))
	}
	return tw.Flush()
}
