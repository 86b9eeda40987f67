package access

// mcp proxy: a stdio MCP server that forwards to one of Zoom's hosted MCP
// servers with the connection's token added on every request, so the
// agent gets the remote's tools, prompts and resources and never the
// token.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"

	"zoomconn/auth"
	"zoomconn/auth/store"
	"zoomconn/internal/safetext"
)

// MCPNeedsUserError says mcp proxy was asked for a connection that holds
// no user token: Zoom's hosted MCP servers take OAuth 2.0 (user) tokens.
type MCPNeedsUserError struct{ Connection string }

func (e *MCPNeedsUserError) Error() string {
	return fmt.Sprintf("%q is a Server-to-Server connection; Zoom's hosted MCP servers take the token of an OAuth 2.0 connection (a user's).", e.Connection)
}

// MCPRemoteError says the hosted MCP server could not be reached or
// refused the session; Detail is cleaned and holds no token.
type MCPRemoteError struct {
	Server string // the server's URL
	Detail string
	Err    error // the token's error, when that is why
}

func (e *MCPRemoteError) Error() string {
	return fmt.Sprintf("The MCP server %s did not answer as one: %s", e.Server, e.Detail)
}

func (e *MCPRemoteError) Unwrap() error { return e.Err }

// MCPServerURL is where mcp proxy for the named connection would connect
// (see [auth.Endpoints.MCPServerURL]); a front-end checks it before
// anything is sent.
func (sv *Service) MCPServerURL(name, server string) (string, error) {
	r, err := sv.resolve(name)
	if err != nil {
		return "", err
	}
	if r.conn.Type != auth.AuthOAuth {
		return "", &MCPNeedsUserError{Connection: r.conn.Name}
	}
	return r.conn.Endpoints.MCPServerURL(r.conn.Name, server)
}

// ProxyMCP connects to the hosted MCP server that server names (a name
// such as meeting, or a URL on the connection's MCP base) with the named
// OAuth 2.0 connection's token, then serves the remote's tools, prompts,
// resources and resource templates to the agent on o.In and o.Out until
// the agent closes In or ctx ends. Each HTTP request to the remote asks
// for a token (cached, or refreshed under the connection's lock); a 401 is
// answered with one fresh token and one retry. The remote's errors reach
// the agent cleaned. Tool calls are written to the audit log.
func (sv *Service) ProxyMCP(ctx context.Context, name, server string, o MCPOptions) error {
	u, err := sv.MCPServerURL(name, server)
	if err != nil {
		return err
	}
	r, err := sv.resolve(name)
	if err != nil {
		return err
	}
	remoteURL, _ := url.Parse(u)
	base := http.DefaultTransport
	if sv.HTTPClient != nil && sv.HTTPClient.Transport != nil {
		base = sv.HTTPClient.Transport
	}
	bt := &bearerTransport{sv: sv, name: name, server: server, origin: auth.Origin(u), base: base}
	hc := &http.Client{Transport: bt, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	client := mcp.NewClient(&mcp.Implementation{Name: o.Name, Version: o.Version}, nil)
	cs, err := client.Connect(ctx, &mcp.StreamableClientTransport{Endpoint: u, HTTPClient: hc, MaxRetries: 2, DisableStandaloneSSE: true}, nil)
	if err != nil {
		return bt.remoteError(u, err)
	}
	defer cs.Close()
	init := cs.InitializeResult()
	srv := mcp.NewServer(&mcp.Implementation{Name: o.Name, Version: o.Version}, &mcp.ServerOptions{Instructions: init.Instructions})
	p := &mcpProxy{sv: sv, cs: cs, o: &o, audit: sv.newAuditor(r.conn.ID, &o), path: remoteURL.Path}
	defer p.audit.close()
	if err := p.mirror(ctx, srv, init.Capabilities); err != nil {
		return bt.remoteError(u, err)
	}
	return runMCP(ctx, srv, &o)
}

type mcpProxy struct {
	sv    *Service
	cs    *mcp.ClientSession
	o     *MCPOptions
	audit *auditor
	path  string // the remote's path, for the audit log
}

// mirror adds the remote's tools, prompts, resources and templates to srv.
func (p *mcpProxy) mirror(ctx context.Context, srv *mcp.Server, caps *mcp.ServerCapabilities) error {
	if caps == nil {
		caps = &mcp.ServerCapabilities{}
	}
	if caps.Tools != nil {
		for t, err := range p.cs.Tools(ctx, nil) {
			if err != nil {
				return err
			}
			if t.InputSchema == nil {
				t.InputSchema = map[string]any{"type": "object"}
			}
			srv.AddTool(t, p.callTool)
		}
	}
	if caps.Prompts != nil {
		for pr, err := range p.cs.Prompts(ctx, nil) {
			if err != nil {
				return err
			}
			srv.AddPrompt(pr, func(ctx context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
				// The agent's _meta is its session's with us, not ours with the remote.
				res, err := p.cs.GetPrompt(ctx, &mcp.GetPromptParams{Name: req.Params.Name, Arguments: req.Params.Arguments})
				return res, p.safeError(err)
			})
		}
	}
	if caps.Resources != nil {
		read := func(ctx context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
			res, err := p.cs.ReadResource(ctx, &mcp.ReadResourceParams{URI: req.Params.URI})
			return res, p.safeError(err)
		}
		for res, err := range p.cs.Resources(ctx, nil) {
			if err != nil {
				return err
			}
			srv.AddResource(res, read)
		}
		for tmpl, err := range p.cs.ResourceTemplates(ctx, nil) {
			if err != nil {
				break // templates are optional even where resources are served
			}
			srv.AddResourceTemplate(tmpl, read)
		}
	}
	return nil
}

func (p *mcpProxy) callTool(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	started := p.sv.now()
	res, err := p.cs.CallTool(ctx, &mcp.CallToolParams{Name: req.Params.Name, Arguments: req.Params.Arguments})
	c := store.MCPCall{Tool: req.Params.Name, Method: http.MethodPost, Path: p.path, Outcome: store.MCPOutcomeOK}
	if err != nil || res == nil || res.IsError {
		c.Outcome = store.MCPOutcomeError
	}
	p.audit.record(c, started)
	return res, p.safeError(err)
}

// safeError is the remote's error as an MCP error the agent may see: its
// JSON-RPC code kept, its text cleaned; a failure of ours (the token, the
// network) in the front-end's words.
func (p *mcpProxy) safeError(err error) error {
	if err == nil {
		return nil
	}
	var we *jsonrpc.Error
	if errors.As(err, &we) {
		return &jsonrpc.Error{Code: we.Code, Message: safetext.Clean(we.Message, 2*safetext.MaxShown)}
	}
	return &jsonrpc.Error{Code: jsonrpc.CodeInternalError, Message: p.o.phrase(err)}
}

// bearerTransport adds the connection's token to requests for the MCP
// server's origin, and sends nothing anywhere else.
type bearerTransport struct {
	sv           *Service
	name, server string
	origin       string
	base         http.RoundTripper
	// tokenErr is the last failure to get a token, for the error the
	// front-end words.
	mu       sync.Mutex
	tokenErr error
}

// maxMCPRequest bounds a request body kept for a retry.
const maxMCPRequest = 16 << 20

func (t *bearerTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if auth.Origin(req.URL.String()) != t.origin {
		return nil, fmt.Errorf("refused to send the token to %s: not the MCP server's origin", safetext.Clean(req.URL.Host, safetext.MaxURL))
	}
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(io.LimitReader(req.Body, maxMCPRequest+1))
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		if len(b) > maxMCPRequest {
			return nil, fmt.Errorf("an MCP request of over %d MiB", maxMCPRequest>>20)
		}
		body = b
	}
	// Each request asks for the token as it is now: the connection may
	// have been refreshed, changed or removed by another process.
	r, err := t.sv.resolve(t.name)
	if err != nil {
		return nil, t.failed(err)
	}
	if u, err := r.conn.Endpoints.MCPServerURL(r.conn.Name, t.server); err != nil || auth.Origin(u) != t.origin {
		return nil, t.failed(&ChangedError{Connection: r.conn.Name, What: "changed"})
	}
	send := func(tok *Token) (*http.Response, error) {
		out := req.Clone(req.Context())
		out.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		if body != nil {
			out.Body = io.NopCloser(bytes.NewReader(body))
			out.ContentLength = int64(len(body))
		}
		return t.base.RoundTrip(out)
	}
	tok, err := t.sv.token(req.Context(), r, "")
	if err != nil && tok == nil {
		return nil, t.failed(err)
	}
	resp, err := send(tok)
	if err != nil || resp.StatusCode != http.StatusUnauthorized {
		return resp, err
	}
	// Refused: a fresh token (never the one just refused), once.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	fresh, err := t.sv.token(req.Context(), r, tok.AccessToken)
	if err != nil && fresh == nil {
		return nil, t.failed(err)
	}
	return send(fresh)
}

func (t *bearerTransport) failed(err error) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.tokenErr = err
	return err
}

// remoteError is a failure to connect or list as an [*MCPRemoteError]:
// the token's own error when that is why, else the SDK's text cleaned.
func (t *bearerTransport) remoteError(server string, err error) error {
	t.mu.Lock()
	tokenErr := t.tokenErr
	t.mu.Unlock()
	if tokenErr != nil {
		return &MCPRemoteError{Server: server, Detail: safetext.Clean(tokenErr.Error(), safetext.MaxShown), Err: tokenErr}
	}
	return &MCPRemoteError{Server: server, Detail: safetext.Clean(err.Error(), safetext.MaxShown)}
}
