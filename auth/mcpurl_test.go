package auth

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestMCPBase(t *testing.T) {
	zoom, _ := PresetEndpoints(PresetZoom)
	gov, _ := PresetEndpoints(PresetZoomGov)
	custom := CustomEndpoints("http://127.0.0.1:9/oauth/authorize", "http://127.0.0.1:9/oauth/token", "http://127.0.0.1:9/oauth/revoke", "http://127.0.0.1:9/v2")
	withMCP := custom
	withMCP.MCPURL = "http://127.0.0.1:9"
	for _, tc := range []struct {
		name string
		ep   Endpoints
		want string
	}{
		{"zoom", zoom, "https://mcp.zoom.us"},
		{"empty preset is zoom", Endpoints{}, "https://mcp.zoom.us"},
		{"zoomgov unverified", gov, ""},
		{"custom without", custom, ""},
		{"custom with", withMCP, "http://127.0.0.1:9"},
	} {
		if got := tc.ep.MCPBase(); got != tc.want {
			t.Errorf("%s: MCPBase = %q, want %q", tc.name, got, tc.want)
		}
	}
	// A preset stores no MCP URL, and an empty one is not written.
	raw, _ := json.Marshal(zoom)
	if strings.Contains(string(raw), "mcp_url") {
		t.Errorf("a preset's JSON holds an MCP URL: %s", raw)
	}
}

func TestMCPURLValidation(t *testing.T) {
	base := CustomEndpoints("https://z.example/oauth/authorize", "https://z.example/oauth/token", "https://z.example/oauth/revoke", "https://api.z.example/v2")
	for _, tc := range []struct {
		url, err string
	}{
		{"https://mcp.z.example/", ""},
		{"http://127.0.0.1:8080", ""},
		{"http://[::1]:8080", ""},
		{"http://mcp.z.example", "plain http is allowed only for 127.0.0.1 and ::1"},
		{"ftp://mcp.z.example", "must start with https://"},
		{"https://mcp.z.example/?x", "must not contain a query"},
	} {
		ep := base
		ep.MCPURL = tc.url
		got, errs := ep.Normalize()
		if tc.err == "" {
			if len(errs) > 0 || strings.HasSuffix(got.MCPURL, "/") {
				t.Errorf("%q: %v, %q", tc.url, errs, got.MCPURL)
			}
			continue
		}
		if len(errs) != 1 || errs[0].Field != FieldMCPURL || !strings.Contains(errs[0].Message, tc.err) {
			t.Errorf("%q: errors %v, want one on %s with %q", tc.url, errs, FieldMCPURL, tc.err)
		}
	}
	ep := base
	ep.MCPURL = "https://mcp.z.example"
	if hosts := strings.Join(ep.CustomHosts(), " "); !strings.Contains(hosts, "https://mcp.z.example:443 (MCP)") {
		t.Errorf("CustomHosts does not list the MCP host: %s", hosts)
	}
}

func TestMCPServerURL(t *testing.T) {
	zoom, _ := PresetEndpoints(PresetZoom)
	gov, _ := PresetEndpoints(PresetZoomGov)
	for _, tc := range []struct {
		name, server, want string
		ep                 Endpoints
		err                any
	}{
		{"name", "meeting", "https://mcp.zoom.us/mcp/meeting/streamable", zoom, nil},
		{"full URL on the base", "https://mcp.zoom.us/mcp/chat/streamable", "https://mcp.zoom.us/mcp/chat/streamable", zoom, nil},
		{"explicit default port", "https://mcp.zoom.us:443/mcp/chat/streamable", "https://mcp.zoom.us:443/mcp/chat/streamable", zoom, nil},
		{"another host of Zoom", "https://zoom.us/mcp/meeting/streamable", "", zoom, &MCPServerError{}},
		{"look-alike", "https://mcp.zoom.us.evil.example/mcp/meeting/streamable", "", zoom, &MCPServerError{}},
		{"another port", "https://mcp.zoom.us:8443/mcp/meeting/streamable", "", zoom, &MCPServerError{}},
		{"plain http", "http://mcp.zoom.us/mcp/meeting/streamable", "", zoom, &MCPServerError{}},
		{"bad name", "meet ing", "", zoom, &MCPServerError{}},
		{"zoomgov unverified", "meeting", "", gov, &NoMCPURLError{}},
	} {
		got, err := tc.ep.MCPServerURL("Reports", tc.server)
		switch want := tc.err.(type) {
		case nil:
			if err != nil || got != tc.want {
				t.Errorf("%s: %q, %v; want %q", tc.name, got, err, tc.want)
			}
		case *MCPServerError:
			if !errors.As(err, &want) {
				t.Errorf("%s: %q, %v; want an MCPServerError", tc.name, got, err)
			}
		case *NoMCPURLError:
			if !errors.As(err, &want) {
				t.Errorf("%s: %q, %v; want a NoMCPURLError", tc.name, got, err)
			}
		}
	}
}
