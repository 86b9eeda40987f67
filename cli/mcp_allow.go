package cli

// zoomconn mcp allow: the allow list stored with a connection, which
// every mcp serve of it applies and no agent configuration can widen.

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"zoomconn/auth/mcpallow"
)

// MCPAllowOptions are mcp allow's arguments and flags.
type MCPAllowOptions struct {
	Env   *Env
	Name  string
	Rules []string
	Clear bool
}

// NewCmdMCPAllow is `zoomconn mcp allow NAME [RULE…] [--clear]`; runF, if
// not nil, is called instead of the command's work.
func NewCmdMCPAllow(e *Env, runF func(*MCPAllowOptions) error) *cobra.Command {
	opts := &MCPAllowOptions{Env: e}
	c := &cobra.Command{
		Use:   "allow NAME ['METHOD /path']… [--clear]",
		Short: "Store the allow list of AI agents' calls through a connection",
		Long: "Store the rules an AI agent's calls through NAME must match under `zoomconn mcp serve`, replacing the stored ones; with no rule, print the list in effect; --clear removes it (then the default, read-only 'GET /**', or each run's --allow applies). " +
			"A rule is a method (GET, POST, PUT, PATCH, DELETE or *) and a path where * is one segment and ** any number. " +
			"The stored list applies to every run, and --allow rules given to a run can only narrow it: a call must pass both.",
		Example:           "  zoomconn mcp allow Reports 'GET /users/**' 'POST /users/*/meetings'\n  zoomconn mcp allow Reports\n  zoomconn mcp allow Reports --clear",
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.Rules = args[0], args[1:]
			if opts.Clear && len(opts.Rules) > 0 {
				return usagef("--clear takes no rules")
			}
			if len(opts.Rules) > 0 {
				// Checked before anything is opened: a bad rule changes nothing.
				if _, err := mcpallow.Parse(mcpallow.SourceStored, opts.Rules); err != nil {
					return mcpUsage(err)
				}
			}
			return runOrTest(e, c, noSecrets, opts, runF, mcpAllowRun)
		},
	}
	c.Flags().BoolVar(&opts.Clear, "clear", false, "remove the stored allow list")
	return c
}

func mcpAllowRun(opts *MCPAllowOptions) error {
	e := opts.Env
	sv := e.service()
	if opts.Clear || len(opts.Rules) > 0 {
		if err := sv.SetMCPAllow(opts.Name, opts.Rules); err != nil {
			return mcpUsage(err)
		}
	}
	rules, err := sv.MCPAllowRules(opts.Name)
	if err != nil {
		return err
	}
	if len(rules) == 0 {
		if opts.Clear {
			fmt.Fprintf(e.Stderr, "The allow list of %s was removed.\n", shown(opts.Name))
		}
		fmt.Fprintf(e.Stderr, "No allow list is stored: mcp serve allows %s, or what --allow gives.\n", mcpallow.DefaultRule)
		return nil
	}
	for _, r := range rules {
		fmt.Fprintln(e.Stdout, shown(r))
	}
	if len(opts.Rules) > 0 {
		fmt.Fprintf(e.Stderr, "Stored: every mcp serve of %s allows only these (%s).\n", shown(opts.Name), strings.Join(rules, ", "))
	}
	return nil
}
