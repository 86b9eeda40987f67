package cli

// zoomconn mcp: AI agents through a connection, never with its token (the
// parent of mcp serve, proxy, config, allow and log), and what its
// subcommands share.

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/mcpallow"
	"zoomconn/internal/shell"
)

// NewCmdMCP is `zoomconn mcp COMMAND`.
func NewCmdMCP(e *Env) *cobra.Command {
	c := &cobra.Command{
		Use:   "mcp COMMAND",
		Short: "Let an AI agent use a connection without its token (MCP)",
		Long: "Let an AI agent (Claude, Cursor, VS Code, Codex) use a connection over the Model Context Protocol, on stdio, without ever seeing its token.\n\n" +
			"mcp serve NAME is an MCP server of our own: tools zoom_api, zoom_paginate, zoom_scopes and zoom_whoami over the Zoom API, for any connection, limited by an allow list (read-only by default: GET only). " +
			"mcp proxy NAME --server meeting forwards to one of Zoom's hosted MCP servers with an OAuth 2.0 connection's token added. " +
			"mcp config prints the snippet for the agent's configuration (a command line, no secret), mcp allow stores a connection's allow list, mcp log shows the calls agents made.",
		Example: "  zoomconn mcp config Reports --client claude\n  zoomconn mcp allow Reports 'GET /users/**' 'POST /users/*/meetings'\n  zoomconn mcp proxy Me --server meeting\n  zoomconn mcp log Reports",
		GroupID: "use",
		Args:    noArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return usagef("missing command: serve, proxy, config, allow or log")
		},
	}
	c.AddCommand(NewCmdMCPServe(e, nil), NewCmdMCPProxy(e, nil), NewCmdMCPConfig(e, nil), NewCmdMCPAllow(e, nil), NewCmdMCPLog(e, nil))
	return c
}

// mcpPhrase is a core error in the command line's words, for the agent:
// what happened, then what to do.
func mcpPhrase(err error) string {
	msg := message(err)
	if step := mcpStep(err); step != "" {
		return msg + " " + step
	}
	if step := nextStep(err); step != "" {
		return msg + " " + step
	}
	return msg
}

// mcpStep says what to do about the mcp commands' own core errors.
func mcpStep(err error) string {
	var noURL *auth.NoMCPURLError
	var needsUser *access.MCPNeedsUserError
	var rule *mcpallow.RuleError
	switch {
	case errors.As(err, &noURL) && noURL.Preset == auth.PresetCustom:
		return "Give its OAuth client one: `zoomconn edit-client CLIENT_NAME` with --endpoints custom, its other URLs and --mcp-url URL."
	case errors.As(err, &noURL):
		return "If you know it, use custom endpoints with the other URLs of the deployment and --mcp-url URL."
	case errors.As(err, &needsUser):
		return fmt.Sprintf("Use `zoomconn mcp serve %s` for the Zoom API with it, or an OAuth 2.0 connection (add-oauth) for the hosted servers.", shell.Quote(needsUser.Connection))
	case errors.As(err, &rule):
		return "A rule is a method (GET, POST, PUT, PATCH, DELETE or *) and a path where * is one segment and ** any number: 'GET /users/**', 'POST /users/*/meetings'."
	}
	return ""
}

// mcpUsage makes the mcp commands' refusals before any work bad usage
// (exit 2), in their words.
func mcpUsage(err error) error {
	var noURL *auth.NoMCPURLError
	var server *auth.MCPServerError
	var needsUser *access.MCPNeedsUserError
	var rule *mcpallow.RuleError
	if errors.As(err, &noURL) || errors.As(err, &server) || errors.As(err, &needsUser) || errors.As(err, &rule) {
		return &usageError{msg: mcpPhrase(err)}
	}
	return err
}

// openSecretsForStdio opens the secret store for a command whose stdin
// carries an agent's messages: no passphrase can be read from it.
func (e *Env) openSecretsForStdio(name string) error {
	d, err := e.Store.Load()
	if err != nil {
		return err
	}
	if e.secrets.State(d).InFile {
		return usagef("the secrets of %s are in the encrypted file, whose passphrase would have to be read from stdin, which carries the agent's messages; `zoomconn move-to-keyring` keeps them in the keyring instead", shell.Quote(shown(name)))
	}
	return e.openSecrets()
}
