package cli

// zoomconn mcp proxy: an MCP server on stdio forwarding to one of Zoom's
// hosted MCP servers with an OAuth 2.0 connection's token
// (access.ProxyMCP).

import (
	"context"

	"github.com/spf13/cobra"

	"zoomconn/auth"
)

// MCPProxyOptions are mcp proxy's argument and flags.
type MCPProxyOptions struct {
	Env    *Env
	Name   string
	Server string

	ctx context.Context
}

// NewCmdMCPProxy is `zoomconn mcp proxy NAME --server NAME|URL`; runF, if
// not nil, is called instead of the command's work.
func NewCmdMCPProxy(e *Env, runF func(*MCPProxyOptions) error) *cobra.Command {
	opts := &MCPProxyOptions{Env: e}
	c := &cobra.Command{
		Use:   "proxy NAME --server meeting|URL",
		Short: "Forward an AI agent to one of Zoom's hosted MCP servers with a connection's token",
		Long: "Run an MCP server on stdin and stdout that forwards everything to one of Zoom's hosted MCP servers, adding the token of the OAuth 2.0 connection NAME to each request: the agent gets the remote's tools, prompts and resources as they are, and never the token. " +
			"A token is asked for each time one is needed (refreshed under the connection's lock, as `zoomconn token` does); when the server refuses one, a fresh one is fetched and the request tried once more.\n\n" +
			"--server meeting means {MCP base}/mcp/meeting/streamable; a full URL must be on the MCP base of the connection's deployment (https://mcp.zoom.us for Zoom, --mcp-url for custom endpoints), or nothing is sent and the exit code is 2. " +
			"The remote's errors reach the agent cleaned. Each tool call is written to the connection's audit log (`zoomconn mcp log NAME`).",
		Example:           "  zoomconn mcp proxy Me --server meeting\n  zoomconn mcp proxy Me --server https://mcp.zoom.us/mcp/zoom/streamable",
		Args:              e.exactArgs(1, connectionName),
		ValidArgsFunction: e.completeConnections(auth.AuthOAuth),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Name, opts.ctx = args[0], c.Context()
			if opts.Server == "" {
				return usagef("--server is required: a hosted server's name such as meeting, or its URL")
			}
			return runOrTest(e, c, noSecrets, opts, runF, mcpProxyRun)
		},
	}
	c.Flags().StringVar(&opts.Server, "server", "", "the hosted MCP server: a `NAME` such as meeting, or a URL on the MCP base")
	return c
}

func mcpProxyRun(opts *MCPProxyOptions) error {
	e := opts.Env
	ctx := opts.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	// Where the token would go is checked first, before any secret is read.
	if _, err := e.service().MCPServerURL(opts.Name, opts.Server); err != nil {
		return mcpUsage(err)
	}
	if err := e.openSecretsForStdio(opts.Name); err != nil {
		return err
	}
	return mcpUsage(e.service().ProxyMCP(ctx, opts.Name, opts.Server, e.mcpOptions(nil)))
}
