package cli

// zoomconn mcp serve: an MCP server on stdio whose tools call the Zoom API
// with a connection's token, within an allow list (access.ServeMCP).

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"zoomconn/auth/access"
	"zoomconn/internal/safetext"
)

// MCPServeOptions are mcp serve's argument and flags.
type MCPServeOptions struct {
	Env   *Env
	Name  string
	Allow []string

	ctx context.Context
}

// NewCmdMCPServe is `zoomconn mcp serve NAME [--allow RULE]…`; runF, if
// not nil, is called instead of the command's work.
func NewCmdMCPServe(e *Env, runF func(*MCPServeOptions) error) *cobra.Command {
	opts := &MCPServeOptions{Env: e}
	c := &cobra.Command{
		Use:   "serve NAME [--allow 'METHOD /path/**']…",
		Short: "Serve the Zoom API to an AI agent over MCP (stdio), within an allow list",
		Long: "Run an MCP server on stdin and stdout for an AI agent, with the tools zoom_api (method, path, query, body), zoom_paginate (a GET list, next_page_token followed and the pages merged), zoom_scopes and zoom_whoami. " +
			"Calls go out with the token of the connection NAME (any connection, Server-to-Server included); the agent never sees it. Answers are capped at 1 MiB and cleaned; Zoom's errors come in the words `zoomconn api` uses.\n\n" +
			"An allow list decides what the agent may call; a call outside it is refused with the rule it broke and never reaches Zoom. " +
			"The default is read-only: 'GET /**'. A list stored with the connection (`zoomconn mcp allow`) applies to every run; --allow rules (repeatable) apply to this run. " +
			"When both are there a call must pass both, so an agent's configuration can narrow a stored list but never widen it. " +
			"A rule is a method (or *) and a path where * is one segment and ** any number.\n\n" +
			"Each call is written to the connection's audit log (`zoomconn mcp log NAME`): time, tool, method, path, status and duration, never a token or a body. Status notes go to stderr.",
		Example:           "  zoomconn mcp serve Reports\n  zoomconn mcp serve Reports --allow 'GET /users/**' --allow 'POST /users/*/meetings'",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(""),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			return runOrTest(e, c, noSecrets, opts, runF, mcpServeRun)
		},
	}
	c.Flags().StringArrayVar(&opts.Allow, "allow", nil, "allow calls matching `'METHOD /path'` for this run (repeatable; * one segment, ** any)")
	return c
}

func mcpServeRun(opts *MCPServeOptions) error {
	e := opts.Env
	ctx := opts.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if err := e.openSecretsForStdio(opts.Name); err != nil {
		return err
	}
	err := e.service().ServeMCP(ctx, opts.Name, e.mcpOptions(opts.Allow))
	return mcpUsage(err)
}

// mcpOptions are the stdio, words and notices of mcp serve and proxy.
func (e *Env) mcpOptions(allow []string) access.MCPOptions {
	return access.MCPOptions{
		In: e.stdin, Out: e.Stdout, Name: "zoomconn", Version: e.version(), Allow: allow,
		Phrase: mcpPhrase,
		OnNotice: func(msg string) {
			fmt.Fprintln(e.Stderr, "zoomconn mcp:", safetext.Clean(msg, safetext.MaxShown))
		},
	}
}
