package zoomtest

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type bearer struct{ token string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	if b.token != "" {
		r.Header.Set("Authorization", "Bearer "+b.token)
	}
	return http.DefaultTransport.RoundTrip(r)
}

func (f *fixture) mcpClient(t *testing.T, token string) (*mcp.ClientSession, error) {
	t.Helper()
	tr := &mcp.StreamableClientTransport{Endpoint: f.MCPServerURL("meeting"), HTTPClient: &http.Client{Transport: bearer{token}}, MaxRetries: -1, DisableStandaloneSSE: true}
	return mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil).Connect(context.Background(), tr, nil)
}

// The hosted MCP server serves its tools to a valid bearer token, refuses
// a missing or unknown one with 401, and FailMCP answers the next POST
// with the status given.
func TestMCPServer(t *testing.T) {
	f := newFixture(t)
	tok := f.confTokens(t)["access_token"].(string)
	cs, err := f.mcpClient(t, tok)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	tools, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tl := range tools.Tools {
		names = append(names, tl.Name)
	}
	if strings.Join(names, " ") != "fail list_meetings whoami" {
		t.Errorf("tools %v", names)
	}
	res, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "whoami"})
	if err != nil {
		t.Fatal(err)
	}
	if txt := res.Content[0].(*mcp.TextContent).Text; !strings.Contains(txt, "one@example.com") {
		t.Errorf("whoami: %s", txt)
	}
	if _, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "fail"}); err == nil || !strings.Contains(err.Error(), "meeting service unavailable") {
		t.Errorf("fail: %v", err)
	}
	f.FailMCP(http.StatusUnauthorized)
	if _, err := cs.CallTool(context.Background(), &mcp.CallToolParams{Name: "whoami"}); err == nil {
		t.Error("FailMCP(401): the call succeeded")
	}
	refused := 0
	for _, r := range f.MCPRequests() {
		if r.Status == 401 {
			refused++
			if !r.Valid || r.Token != tok || r.Method != http.MethodPost {
				t.Errorf("the failed request was recorded as %+v", r)
			}
		}
	}
	if refused != 1 {
		t.Errorf("%d requests answered 401, want 1", refused)
	}
	for _, bad := range []string{"", "not-a-token"} {
		if _, err := f.mcpClient(t, bad); err == nil {
			t.Errorf("token %q: connected", bad)
		}
		if last := f.MCPRequests()[len(f.MCPRequests())-1]; last.Valid {
			t.Errorf("token %q recorded valid", bad)
		}
	}
	f.clock.Advance(2 * DefaultTokenLifetime)
	if _, err := f.mcpClient(t, tok); err == nil {
		t.Error("an expired token connected")
	}
}
