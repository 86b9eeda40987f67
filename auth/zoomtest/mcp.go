package zoomtest

// The fake's hosted MCP servers, as at https://mcp.zoom.us: the
// streamable HTTP transport of the official Go SDK at
// {URL}/mcp/{name}/streamable, for a bearer token the fake issued (user
// OAuth or not: the fake does not tell them apart here). Its tools read
// the token's user and meetings; "fail" answers with an error whose text
// holds terminal escapes and a bidi override, for the proxy to clean.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	mcpauth "github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// MCPPathPrefix is where the hosted MCP servers live; MCPServerNames are
// the servers the fake has.
const MCPPathPrefix = "/mcp/"

// MCPServerNames are the hosted MCP servers of the fake.
var MCPServerNames = []string{"meeting", "zoom"}

// MCPFailText is the error text of the fake's "fail" tool: unsafe on a
// terminal on purpose.
const MCPFailText = "meeting service unavailable \x1b[2J\u202eevil"

// MCPRequest is one HTTP request a hosted MCP server received.
type MCPRequest struct {
	Method, Path string
	// Token is the bearer token it carried ("" for none); Valid says the
	// fake accepted it.
	Token string
	Valid bool
	// Status is the fake's answer when it refused the request before MCP
	// (401, 404), else 0.
	Status int
}

type mcpState struct {
	mu       sync.Mutex
	requests []MCPRequest
	failNext []int // statuses to answer the next POSTs with, in order
}

// MCPURL is the base of the fake's hosted MCP servers (its own URL), to
// be given as a custom endpoint set's MCP URL.
func (s *Server) MCPURL() string { return s.URL() }

// MCPServerURL is the URL of the fake's hosted MCP server name.
func (s *Server) MCPServerURL(name string) string {
	return s.URL() + MCPPathPrefix + name + "/streamable"
}

// FailMCP makes the next POST to a hosted MCP server answer status (401
// with Zoom's invalid token body, or any other) whatever its token.
func (s *Server) FailMCP(status int) {
	s.mcp.mu.Lock()
	defer s.mcp.mu.Unlock()
	s.mcp.failNext = append(s.mcp.failNext, status)
}

// MCPRequests are the requests the hosted MCP servers received, in order.
func (s *Server) MCPRequests() []MCPRequest {
	s.mcp.mu.Lock()
	defer s.mcp.mu.Unlock()
	return slices.Clone(s.mcp.requests)
}

func (s *Server) mcpHandler() http.Handler {
	servers := map[string]http.Handler{}
	for _, name := range MCPServerNames {
		h := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s.newMCPServer(name) }, nil)
		servers[name] = mcpauth.RequireBearerToken(s.verifyMCPToken, nil)(h)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := MCPRequest{Method: r.Method, Path: r.URL.Path}
		scheme, tok, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		if strings.EqualFold(scheme, "Bearer") {
			rec.Token = tok
			_, err := s.verifyMCPToken(r.Context(), tok, r)
			rec.Valid = err == nil
		}
		name, ok := strings.CutSuffix(strings.TrimPrefix(r.URL.Path, MCPPathPrefix), "/streamable")
		h := servers[name]
		if !ok || h == nil {
			rec.Status = http.StatusNotFound
		}
		s.mcp.mu.Lock()
		if rec.Status == 0 && r.Method == http.MethodPost && len(s.mcp.failNext) > 0 {
			rec.Status = s.mcp.failNext[0]
			s.mcp.failNext = s.mcp.failNext[1:]
		}
		s.mcp.requests = append(s.mcp.requests, rec)
		s.mcp.mu.Unlock()
		switch rec.Status {
		case 0:
			h.ServeHTTP(w, r)
		case http.StatusUnauthorized:
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			writeAPIError(w, rec.Status, CodeInvalidAccessToken, MessageInvalidAccessToken)
		default:
			writeAPIError(w, rec.Status, rec.Status, http.StatusText(rec.Status))
		}
	})
}

// verifyMCPToken accepts a live access token the fake issued.
func (s *Server) verifyMCPToken(_ context.Context, tok string, _ *http.Request) (*mcpauth.TokenInfo, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	at := s.access[tok]
	if at == nil || at.grant.revoked || !now.Before(at.expires) {
		return nil, mcpauth.ErrInvalidToken
	}
	user := at.grant.userID
	if user == "" {
		if u, ok := s.firstUserOf(at.grant.accountID); ok {
			user = u.ID
		}
	}
	// The SDK checks the expiry against the real clock: the fake's may
	// run behind or ahead, and it has decided above.
	return &mcpauth.TokenInfo{Scopes: slices.Clone(at.grant.scopes), Expiration: time.Now().Add(time.Hour), UserID: user}, nil
}

type mcpNoInput struct{}

func (s *Server) newMCPServer(name string) *mcp.Server {
	srv := mcp.NewServer(&mcp.Implementation{Name: "zoomtest-" + name, Version: "1"}, nil)
	userOf := func(req *mcp.CallToolRequest) (User, error) {
		if req.Extra == nil || req.Extra.TokenInfo == nil {
			return User{}, errors.New("no token")
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		u, ok := s.userByID(req.Extra.TokenInfo.UserID)
		if !ok {
			return User{}, errors.New("user does not exist")
		}
		return u, nil
	}
	text := func(v any) *mcp.CallToolResult {
		raw, _ := json.Marshal(v)
		return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: string(raw)}}}
	}
	mcp.AddTool(srv, &mcp.Tool{Name: "whoami", Description: "The Zoom user of the token."},
		func(_ context.Context, req *mcp.CallToolRequest, _ mcpNoInput) (*mcp.CallToolResult, any, error) {
			u, err := userOf(req)
			if err != nil {
				return nil, nil, err
			}
			return text(map[string]any{"id": u.ID, "email": u.Email, "server": name}), nil, nil
		})
	mcp.AddTool(srv, &mcp.Tool{Name: "list_meetings", Description: "The user's meetings."},
		func(_ context.Context, req *mcp.CallToolRequest, _ mcpNoInput) (*mcp.CallToolResult, any, error) {
			u, err := userOf(req)
			if err != nil {
				return nil, nil, err
			}
			s.mu.Lock()
			list := slices.Clone(s.meetings[u.ID])
			s.mu.Unlock()
			if list == nil {
				list = []map[string]any{}
			}
			return text(map[string]any{"meetings": list}), nil, nil
		})
	// A protocol error (not a tool result): the proxy must pass it on as
	// an MCP error with its text made safe.
	srv.AddTool(&mcp.Tool{Name: "fail", Description: "Always fails.", InputSchema: map[string]any{"type": "object"}},
		func(context.Context, *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
			return nil, errors.New(MCPFailText)
		})
	srv.AddPrompt(&mcp.Prompt{Name: "standup", Description: "Plan a standup."},
		func(context.Context, *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
			return &mcp.GetPromptResult{Messages: []*mcp.PromptMessage{{Role: "user", Content: &mcp.TextContent{Text: "Plan a 15 minute standup."}}}}, nil
		})
	srv.AddResource(&mcp.Resource{URI: "zoom://help", Name: "help", MIMEType: "text/plain"},
		func(_ context.Context, req *mcp.ReadResourceRequest) (*mcp.ReadResourceResult, error) {
			return &mcp.ReadResourceResult{Contents: []*mcp.ResourceContents{{URI: req.Params.URI, MIMEType: "text/plain", Text: "Zoom MCP help"}}}, nil
		})
	return srv
}
