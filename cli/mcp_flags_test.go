package cli

import (
	"strings"
	"testing"

	"zoomconn/auth/zoomtest"
)

// --mcp-url sits beside the other endpoint flags: custom only, https or
// plain http on loopback, kept by an edit that does not name it.
func TestMCPURLFlag(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	base := w.zoom.URL()
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID", "--mcp-url", base + "/"}, w.endpointFlags()...)...)
	if c := w.connection("Reports"); c.Endpoints.MCPURL != base {
		t.Errorf("saved MCP URL %q, want %q", c.Endpoints.MCPURL, base)
	}
	w.must("", "edit-s2s", "Reports", "--events-subscription", "sub-1")
	if c := w.connection("Reports"); c.Endpoints.MCPURL != base {
		t.Errorf("an edit dropped the MCP URL: %q", c.Endpoints.MCPURL)
	}
	if r := w.run(s2sSecret+"\n", "add-s2s", "Z", "--account-id", "acct", "--client-id", "s2sID", "--mcp-url", "https://mcp.example"); r.code != ExitUsage || !strings.Contains(r.stderr, "--mcp-url and --events-url need --endpoints custom") {
		t.Errorf("--mcp-url on a preset: %d %q", r.code, r.stderr)
	}
	if r := w.run(s2sSecret+"\n", append([]string{"add-s2s", "Z", "--account-id", "acct", "--client-id", "s2sID", "--mcp-url", "http://mcp.example"}, w.endpointFlags()...)...); r.code != ExitUsage || !strings.Contains(r.stderr, "MCP URL must use https (plain http is allowed only for 127.0.0.1 and ::1)") {
		t.Errorf("plain http off loopback: %d %q", r.code, r.stderr)
	}
}
