package auth

import (
	"fmt"
	"net/url"
	"strings"
)

// NoMCPURLError says a connection's endpoints name no base of hosted MCP
// servers: ZoomGov's is not verified, and a custom set may have none.
type NoMCPURLError struct {
	Connection string
	Preset     EndpointPreset
}

func (e *NoMCPURLError) Error() string {
	if e.Preset == PresetZoomGov {
		return fmt.Sprintf("The hosted MCP servers of ZoomGov are not verified, so the token of %q is sent to none.", e.Connection)
	}
	return fmt.Sprintf("The custom endpoints of %q have no MCP URL.", e.Connection)
}

// MCPServerError says an MCP server given by URL is not on the
// connection's MCP base (origin binding), or is no usable URL.
type MCPServerError struct {
	Server string // as given (cleaned by the front-end when shown)
	Base   string // the connection's MCP base
	// Reason is what is wrong when the URL is not merely off the origin.
	Reason string
}

func (e *MCPServerError) Error() string {
	if e.Reason != "" {
		return fmt.Sprintf("MCP server %q %s", e.Server, e.Reason)
	}
	return fmt.Sprintf("MCP server %q is not on %s, the MCP base of the connection's deployment: its token goes nowhere else.", e.Server, e.Base)
}

// MCPServerURL is the URL of the hosted MCP server that server names for
// a connection on endpoints e: a name ("meeting") becomes
// {base}/mcp/meeting/streamable; a full URL must be on the base's origin
// (scheme, host and port) and is returned trimmed. connection names the
// connection in errors.
func (e Endpoints) MCPServerURL(connection, server string) (string, error) {
	base := e.MCPBase()
	if base == "" {
		return "", &NoMCPURLError{Connection: connection, Preset: e.Preset}
	}
	server = strings.TrimSpace(server)
	if server == "" {
		return "", &MCPServerError{Server: server, Base: base, Reason: "is empty: give a name such as meeting, or a URL."}
	}
	if !strings.Contains(server, "/") && !strings.Contains(server, ":") {
		if strings.ContainsFunc(server, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_')
		}) {
			return "", &MCPServerError{Server: server, Base: base, Reason: "is not a server name: letters, digits, - and _ only."}
		}
		return base + "/mcp/" + url.PathEscape(server) + "/streamable", nil
	}
	if msg := checkURL(server, "https", "http", base+"/mcp/meeting/streamable"); msg != "" {
		return "", &MCPServerError{Server: server, Base: base, Reason: msg}
	}
	if Origin(server) != Origin(base) {
		return "", &MCPServerError{Server: server, Base: base}
	}
	return server, nil
}
