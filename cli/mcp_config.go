package cli

// zoomconn mcp config: the snippet to paste into an AI agent's
// configuration, a command line and nothing secret.

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"zoomconn/auth/access"
)

// MCPConfigOptions are mcp config's argument and flags.
type MCPConfigOptions struct {
	Env    *Env
	Name   string
	Client string
	Proxy  string
}

// NewCmdMCPConfig is `zoomconn mcp config NAME [--client claude|cursor|vscode|codex] [--proxy SERVER]`;
// runF, if not nil, is called instead of the command's work.
func NewCmdMCPConfig(e *Env, runF func(*MCPConfigOptions) error) *cobra.Command {
	opts := &MCPConfigOptions{Env: e}
	c := &cobra.Command{
		Use:   "config NAME [--client claude|cursor|vscode|codex] [--proxy meeting]",
		Short: "Print the MCP server entry for an AI agent's configuration",
		Long: "Print the entry that makes an AI agent start `zoomconn mcp serve NAME` (or, with --proxy SERVER, `zoomconn mcp proxy NAME --server SERVER`): JSON for Claude, Cursor and VS Code, TOML for Codex. " +
			"It holds this program's path and arguments only: no token, no secret, no environment, and no allow list (store one with `zoomconn mcp allow`, so the agent's configuration cannot widen it). Where to paste it goes to stderr.",
		Example:           "  zoomconn mcp config Reports\n  zoomconn mcp config Me --client codex --proxy meeting >> ~/.codex/config.toml",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name = args[0]
			if _, ok := access.MCPAgentByID(opts.Client); !ok {
				return usagef("--client must be claude, cursor, vscode or codex, not %q", shown(opts.Client))
			}
			return runOrTest(e, c, noSecrets, opts, runF, mcpConfigRun)
		},
	}
	c.Flags().StringVar(&opts.Client, "client", "claude", "the agent: `claude`, cursor, vscode or codex")
	c.Flags().StringVar(&opts.Proxy, "proxy", "", "configure mcp proxy to the hosted MCP `SERVER` (such as meeting) instead of mcp serve")
	return c
}

func mcpConfigRun(opts *MCPConfigOptions) error {
	e := opts.Env
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	conn, ok := d.Connection(opts.Name)
	if !ok {
		return d.ConnectionNotFound(opts.Name)
	}
	if opts.Proxy != "" {
		if _, err := e.service().MCPServerURL(conn.Name, opts.Proxy); err != nil {
			return mcpUsage(err)
		}
	}
	command := "zoomconn"
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		command = exe
	}
	out, err := access.MCPConfigEntry(opts.Client, command, conn.Name, opts.Proxy)
	if err != nil {
		return err
	}
	agent, _ := access.MCPAgentByID(opts.Client)
	fmt.Fprint(e.Stdout, out)
	fmt.Fprintf(e.Stderr, "Add this to %s.\n", agent.Where)
	return nil
}
