package access

// AI agents through a connection, never with its token (issue 23): the
// stdio MCP servers of `mcp serve` (our own tools over the API path) and
// `mcp proxy` (Zoom's hosted MCP servers with the connection's token
// added), the stored allow list, and the audit log of their tool calls.
// Like events listen, they ask for a token each time they need one and
// keep no refresh token of their own.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"zoomconn/auth"
	"zoomconn/auth/mcpallow"
	"zoomconn/auth/store"
	"zoomconn/internal/safetext"
)

// MCPOptions are what [Service.ServeMCP] and [Service.ProxyMCP] need from
// their front-end.
type MCPOptions struct {
	// In and Out are the agent's side: newline-delimited JSON-RPC.
	In  io.Reader
	Out io.Writer
	// Name and Version are the server's implementation as agents see it.
	Name, Version string
	// Allow are allow rules given for this run (serve only); see
	// [Service.MCPAllowList] for how they meet the stored ones.
	Allow []string
	// Phrase words a core error for the agent, as the front-end words it
	// for a person; nil means err.Error(). The result is cleaned.
	Phrase func(error) string
	// OnNotice is told what the server is doing (rate limits, an audit
	// entry not written); nil means silence. It must not write to Out.
	OnNotice func(string)
	// OnReady, if set, is called once the server is about to read from In
	// (for mcp proxy: after the remote server answered).
	OnReady func()
}

func (o *MCPOptions) notice(format string, args ...any) {
	if o.OnNotice != nil {
		o.OnNotice(fmt.Sprintf(format, args...))
	}
}

// phrase is the agent's text for err: the front-end's words, cleaned.
func (o *MCPOptions) phrase(err error) string {
	msg := err.Error()
	if o.Phrase != nil {
		msg = o.Phrase(err)
	}
	return safetext.Clean(msg, 2*safetext.MaxShown)
}

func (o *MCPOptions) transport() mcp.Transport {
	return &mcp.IOTransport{Reader: io.NopCloser(o.In), Writer: nopWriteCloser{o.Out}}
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// MCPAllowRules are the rules stored with a connection (nil for none).
func (sv *Service) MCPAllowRules(name string) ([]string, error) {
	d, err := sv.Store.Load()
	if err != nil {
		return nil, err
	}
	c, ok := d.Connection(name)
	if !ok {
		return nil, d.ConnectionNotFound(name)
	}
	return c.MCPAllow, nil
}

// SetMCPAllow stores a connection's allow list: rules checked with
// [mcpallow.Parse] (a [*mcpallow.RuleError] changes nothing); nil or empty
// removes it, so the default (read-only) or the rules of each run apply.
func (sv *Service) SetMCPAllow(name string, rules []string) error {
	var texts []string
	if len(rules) > 0 {
		l, err := mcpallow.Parse(mcpallow.SourceStored, rules)
		if err != nil {
			return err
		}
		texts = l.Texts()
	}
	d, err := sv.Store.Load()
	if err != nil {
		return err
	}
	c, ok := d.Connection(name)
	if !ok {
		return d.ConnectionNotFound(name)
	}
	return sv.Store.UpdateConnection(c.ID, func(c *auth.Connection) { c.MCPAllow = texts })
}

// MCPAllowList is the allow list a call through connection c must pass:
// the stored list (if any) and the rules given for this run (if any), both
// of them; with neither, the read-only default. So rules given in an
// agent's configuration can narrow a stored list but never widen it.
func MCPAllowList(c *auth.Connection, given []string) (mcpallow.Both, error) {
	var b mcpallow.Both
	if len(c.MCPAllow) > 0 {
		l, err := mcpallow.Parse(mcpallow.SourceStored, c.MCPAllow)
		if err != nil {
			return b, err
		}
		b.Stored = &l
	}
	if len(given) > 0 {
		l, err := mcpallow.Parse(mcpallow.SourceFlags, given)
		if err != nil {
			return b, err
		}
		b.Flags = &l
	}
	return b, nil
}

// MCPCalls are the last n calls of the connection's audit log (n <= 0:
// all kept), oldest first.
func (sv *Service) MCPCalls(name string, n int) ([]store.MCPCall, error) {
	d, err := sv.Store.Load()
	if err != nil {
		return nil, err
	}
	c, ok := d.Connection(name)
	if !ok {
		return nil, d.ConnectionNotFound(name)
	}
	return sv.Store.MCPCalls(c.ID, n)
}

// auditor appends tool calls to a connection's audit log on its own
// goroutine, in order, so the agent does not wait for the file; close
// waits until every call is written. A failure to write one is said, not
// fatal to the call.
type auditor struct {
	sv     *Service
	connID string
	o      *MCPOptions
	calls  chan store.MCPCall
	done   chan struct{}
}

func (sv *Service) newAuditor(connID string, o *MCPOptions) *auditor {
	a := &auditor{sv: sv, connID: connID, o: o, calls: make(chan store.MCPCall, 256), done: make(chan struct{})}
	go func() {
		defer close(a.done)
		for c := range a.calls {
			if err := sv.Store.AppendMCPCall(connID, c); err != nil {
				var nf *auth.NotFoundError
				if !errors.As(err, &nf) {
					o.notice("the audit log was not written: %v", err)
				}
			}
		}
	}()
	return a
}

// record logs a call that started at started and ends now.
func (a *auditor) record(c store.MCPCall, started time.Time) {
	c.Time = started.UTC()
	c.Duration = max(a.sv.now().Sub(started), 0)
	a.calls <- c // blocks only when 256 calls wait: never dropped
}

func (a *auditor) close() {
	close(a.calls)
	<-a.done
}

// runMCP serves srv to the agent until it closes In or ctx ends.
func runMCP(ctx context.Context, srv *mcp.Server, o *MCPOptions) error {
	if o.OnReady != nil {
		o.OnReady()
	}
	err := srv.Run(ctx, o.transport())
	if err == nil || errors.Is(err, io.EOF) || ctx.Err() != nil {
		return nil
	}
	return err
}
