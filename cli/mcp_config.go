package cli

// zoomconn mcp config: the snippet to paste into an AI agent's
// configuration, a command line and nothing secret.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// MCPConfigOptions are mcp config's argument and flags.
type MCPConfigOptions struct {
	Env    *Env
	Name   string
	Client string
	Proxy  string
}

// mcpClients are the agents mcp config knows, with where their
// configuration lives.
var mcpClients = map[string]string{
	"claude": "Claude Desktop's claude_desktop_config.json (Settings, Developer, Edit Config); Claude Code takes the same entry in .mcp.json",
	"cursor": "Cursor's ~/.cursor/mcp.json, or .cursor/mcp.json in a project",
	"vscode": "VS Code's .vscode/mcp.json in a workspace, or the user's mcp.json (MCP: Open User Configuration)",
	"codex":  "Codex's ~/.codex/config.toml",
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
			if _, ok := mcpClients[opts.Client]; !ok {
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
	args := []string{"mcp", "serve", conn.Name}
	if opts.Proxy != "" {
		if _, err := e.service().MCPServerURL(conn.Name, opts.Proxy); err != nil {
			return mcpUsage(err)
		}
		args = []string{"mcp", "proxy", conn.Name, "--server", opts.Proxy}
	}
	command := "zoomconn"
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		command = exe
	}
	key := mcpServerKey(conn.Name, opts.Proxy)
	var out string
	switch opts.Client {
	case "codex":
		out = mcpConfigTOML(key, command, args)
	case "vscode":
		out = mcpConfigJSON("servers", key, map[string]any{"type": "stdio", "command": command, "args": args})
	default:
		out = mcpConfigJSON("mcpServers", key, map[string]any{"command": command, "args": args})
	}
	fmt.Fprint(e.Stdout, out)
	fmt.Fprintf(e.Stderr, "Add this to %s.\n", mcpClients[opts.Client])
	return nil
}

func mcpConfigJSON(section, key string, entry map[string]any) string {
	raw, _ := json.MarshalIndent(map[string]any{section: map[string]any{key: entry}}, "", "  ")
	return string(raw) + "\n"
}

// mcpConfigTOML is Codex's [mcp_servers.KEY] table; KEY is a bare key
// (letters, digits, -), the strings TOML basic strings.
func mcpConfigTOML(key, command string, args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = tomlString(a)
	}
	return fmt.Sprintf("[mcp_servers.%s]\ncommand = %s\nargs = [%s]\n", key, tomlString(command), strings.Join(quoted, ", "))
}

// tomlString is s as a TOML basic string: JSON's escapes are TOML's, but
// for \u escapes above the BMP, which TOML writes as \UXXXXXXXX; JSON
// writes those characters as they are.
func tomlString(s string) string {
	raw, _ := json.Marshal(s)
	// JSON escapes <, > and & as \u003c…: valid TOML escapes too. DEL
	// (0x7f) is a control character TOML refuses raw.
	return strings.ReplaceAll(string(raw), "\x7f", `\u007f`)
}
