package access

// mcp serve: a stdio MCP server whose tools make API calls with a
// connection's token (any connection, Server-to-Server included), each
// checked against the allow list before it can reach Zoom.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"zoomconn/auth"
	"zoomconn/auth/mcpallow"
	"zoomconn/auth/store"
	"zoomconn/internal/safetext"
)

// MaxMCPResult caps the Zoom answer one tool result carries; the result
// says when it was cut.
const MaxMCPResult = 1 << 20

// mcpPageArgs are zoom_paginate's arguments.
type mcpPageArgs struct {
	Path  string         `json:"path"`
	Query map[string]any `json:"query"`
}

// mcpAPIArgs are zoom_api's arguments.
type mcpAPIArgs struct {
	Method string         `json:"method"`
	Path   string         `json:"path"`
	Query  map[string]any `json:"query"`
	Body   any            `json:"body"`
}

var (
	pathProp  = map[string]any{"type": "string", "description": "The path under the API base, such as /users/me or /users/me/meetings."}
	queryProp = map[string]any{"type": "object", "description": "Query parameters, such as {\"page_size\": 30}.", "additionalProperties": true}
)

// ServeMCP serves the tools zoom_api, zoom_paginate, zoom_scopes and
// zoom_whoami over the named connection to the agent on o.In and o.Out
// until the agent closes In or ctx ends. The allow list is
// [MCPAllowList]'s; a refused call never reaches Zoom. Every call is
// written to the connection's audit log.
func (sv *Service) ServeMCP(ctx context.Context, name string, o MCPOptions) error {
	r, err := sv.resolve(name)
	if err != nil {
		return err
	}
	allow, err := MCPAllowList(&r.conn, o.Allow)
	if err != nil {
		return err
	}
	s := &mcpServe{sv: sv, name: r.conn.Name, conn: r.conn, allow: allow, o: &o, audit: sv.newAuditor(r.conn.ID, &o)}
	defer s.audit.close()
	srv := mcp.NewServer(&mcp.Implementation{Name: o.Name, Version: o.Version}, &mcp.ServerOptions{
		Instructions: fmt.Sprintf("Zoom API calls with the connection %q. Allowed: %s. Calls outside the allow list are refused.", r.conn.Name, allow.Describe()),
	})
	srv.AddTool(&mcp.Tool{
		Name:        "zoom_api",
		Description: "Call the Zoom REST API (https://developers.zoom.us/docs/api/) and get Zoom's JSON answer. Allowed: " + allow.Describe() + ".",
		InputSchema: map[string]any{"type": "object", "required": []string{"path"}, "properties": map[string]any{
			"method": map[string]any{"type": "string", "enum": []string{"GET", "POST", "PATCH", "PUT", "DELETE"}, "description": "The HTTP method; GET when left out."},
			"path":   pathProp, "query": queryProp,
			"body": map[string]any{"type": "object", "description": "The JSON body of a POST, PATCH or PUT."},
		}},
	}, s.api)
	srv.AddTool(&mcp.Tool{
		Name:        "zoom_paginate",
		Description: fmt.Sprintf("GET a Zoom list (users, meetings…) following next_page_token, all pages merged into one JSON document (at most %d bytes).", MaxMCPResult),
		InputSchema: map[string]any{"type": "object", "required": []string{"path"}, "properties": map[string]any{"path": pathProp, "query": queryProp}},
	}, s.paginate)
	noArgs := map[string]any{"type": "object", "properties": map[string]any{}}
	srv.AddTool(&mcp.Tool{Name: "zoom_scopes", Description: "The scopes the connection's token grants.", InputSchema: noArgs}, s.scopes)
	srv.AddTool(&mcp.Tool{Name: "zoom_whoami", Description: "The connection: its name, type and API host, and the Zoom user GET /users/me names.", InputSchema: noArgs}, s.whoami)
	return runMCP(ctx, srv, &o)
}

type mcpServe struct {
	sv    *Service
	name  string
	conn  auth.Connection
	allow mcpallow.Both
	o     *MCPOptions
	audit *auditor
}

// textResult is a tool result of texts; isError marks a failed call.
func textResult(isError bool, texts ...string) *mcp.CallToolResult {
	res := &mcp.CallToolResult{IsError: isError}
	for _, t := range texts {
		if t != "" {
			res.Content = append(res.Content, &mcp.TextContent{Text: t})
		}
	}
	return res
}

func decodeArgs(req *mcp.CallToolRequest, v any) error {
	raw := req.Params.Arguments
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("the arguments do not fit the tool's schema: %s", safetext.Clean(err.Error(), safetext.MaxServer))
	}
	return nil
}

// queryValues turns the agent's query object into URL values: strings,
// numbers and booleans as written, arrays as repeated values.
func queryValues(q map[string]any) (url.Values, error) {
	v := url.Values{}
	for k, val := range q {
		items, ok := val.([]any)
		if !ok {
			items = []any{val}
		}
		for _, it := range items {
			switch x := it.(type) {
			case string:
				v.Add(k, x)
			case float64, bool, json.Number:
				v.Add(k, fmt.Sprint(x))
			default:
				return nil, fmt.Errorf("query parameter %q must be a string, number or boolean", safetext.Clean(k, 64))
			}
		}
	}
	return v, nil
}

// check refuses a call outside the allow list, and a path that is no
// path under the API base, before anything is sent.
func (s *mcpServe) check(method, path string) error {
	if strings.Contains(path, "://") || strings.HasPrefix(path, "//") {
		return &mcpallow.Refusal{Method: method, Path: path, BadPath: "must be a path under the API base, not a full URL"}
	}
	switch method {
	case http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete:
	default:
		return &mcpallow.Refusal{Method: method, Path: path, BadPath: "is not for this method: use GET, POST, PATCH, PUT or DELETE"}
	}
	return s.allow.Check(method, path)
}

func (s *mcpServe) api(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var a mcpAPIArgs
	return s.call(ctx, "zoom_api", req, &a, func(call *store.MCPCall) (*mcp.CallToolResult, error) {
		q, err := queryValues(a.Query)
		if err != nil {
			return nil, err
		}
		var body []byte
		if a.Body != nil {
			if body, err = json.Marshal(a.Body); err != nil {
				return nil, err
			}
		}
		resp, err := s.sv.API(ctx, s.name, Request{Method: call.Method, Path: a.Path, Query: q, Body: body}, APIOptions{OnNotice: s.onNotice})
		if resp != nil {
			call.Status = resp.Status
		}
		if err != nil {
			var zoomSaid string
			if resp != nil && len(resp.Body) > 0 {
				zoomSaid = "Zoom's answer: " + capped(resp.Body)
			}
			return textResult(true, s.o.phrase(err), zoomSaid), nil
		}
		return textResult(false, capped(resp.Body), cutNote(len(resp.Body))), nil
	})
}

func (s *mcpServe) paginate(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var a mcpPageArgs
	return s.call(ctx, "zoom_paginate", req, &a, func(call *store.MCPCall) (*mcp.CallToolResult, error) {
		q, err := queryValues(a.Query)
		if err != nil {
			return nil, err
		}
		out := &capWriter{limit: MaxMCPResult}
		pages := 0
		resp, err := s.sv.API(ctx, s.name, Request{Method: http.MethodGet, Path: a.Path, Query: q},
			APIOptions{Paginate: true, Output: out, OnNotice: s.onNotice, OnPage: func(p PageProgress) { pages = p.Pages }})
		if resp != nil {
			call.Status = resp.Status
		}
		var loop *PageLoopError
		switch {
		case errors.Is(err, errCapped):
			return textResult(false, safeBody(out.buf.Bytes()), fmt.Sprintf("The merged pages were cut at %d bytes (after page %d), so this is not the whole list and not valid JSON: narrow the query.", MaxMCPResult, pages)), nil
		case errors.As(err, &loop):
			return textResult(false, safeBody(out.buf.Bytes()), s.o.phrase(err)), nil
		case err != nil:
			return textResult(true, s.o.phrase(err)), nil
		}
		return textResult(false, safeBody(out.buf.Bytes())), nil
	})
}

func (s *mcpServe) scopes(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var none struct{}
	return s.call(ctx, "zoom_scopes", req, &none, func(*store.MCPCall) (*mcp.CallToolResult, error) {
		tok, err := s.sv.Token(ctx, s.name)
		if err != nil {
			return textResult(true, s.o.phrase(err)), nil
		}
		raw, _ := json.Marshal(map[string]any{"connection": s.name, "scopes": tok.Scopes()})
		return textResult(false, safeBody(raw)), nil
	})
}

func (s *mcpServe) whoami(ctx context.Context, req *mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var none struct{}
	return s.call(ctx, "zoom_whoami", req, &none, func(call *store.MCPCall) (*mcp.CallToolResult, error) {
		kind := "Server-to-Server OAuth"
		if s.conn.Type == auth.AuthOAuth {
			kind = "OAuth 2.0 (user)"
		}
		who := map[string]any{"connection": s.name, "type": kind, "api_host": safetext.Clean(auth.Origin(s.conn.Endpoints.APIBaseURL), safetext.MaxURL), "allowed": s.allow.Describe()}
		call.Method, call.Path = http.MethodGet, "/users/me"
		if err := s.allow.Check(call.Method, call.Path); err != nil {
			who["user"] = "not asked: " + err.Error()
		} else {
			resp, err := s.sv.API(ctx, s.name, Request{Method: http.MethodGet, Path: "/users/me"}, APIOptions{OnNotice: s.onNotice})
			if resp != nil {
				call.Status = resp.Status
			}
			var user map[string]any
			if err != nil {
				who["user"] = s.o.phrase(err)
			} else if json.Unmarshal(resp.Body, &user) == nil {
				who["user"] = map[string]any{"id": user["id"], "email": user["email"], "account_id": user["account_id"], "first_name": user["first_name"], "last_name": user["last_name"]}
			}
		}
		raw, _ := json.Marshal(who)
		return textResult(false, safeBody(raw)), nil
	})
}

// call decodes the arguments into args, checks an API call's method and
// path against the allow list, runs do, and writes the call to the audit
// log whatever its outcome.
func (s *mcpServe) call(ctx context.Context, tool string, req *mcp.CallToolRequest, args any, do func(*store.MCPCall) (*mcp.CallToolResult, error)) (*mcp.CallToolResult, error) {
	started := s.sv.now()
	c := store.MCPCall{Tool: tool}
	res, err := func() (*mcp.CallToolResult, error) {
		if err := decodeArgs(req, args); err != nil {
			return nil, err
		}
		if a, ok := args.(*mcpAPIArgs); ok {
			c.Method, c.Path = strings.ToUpper(strings.TrimSpace(a.Method)), a.Path
			if c.Method == "" {
				c.Method = http.MethodGet
			}
		} else if a, ok := args.(*mcpPageArgs); ok {
			c.Method, c.Path = http.MethodGet, a.Path
		}
		if c.Path != "" || c.Method != "" {
			if err := s.check(c.Method, c.Path); err != nil {
				c.Outcome = store.MCPOutcomeRefused
				return textResult(true, safetext.Clean(err.Error(), 2*safetext.MaxShown)), nil
			}
		}
		return do(&c)
	}()
	if err != nil {
		res, err = textResult(true, s.o.phrase(err)), nil
	}
	if c.Outcome == "" {
		c.Outcome = store.MCPOutcomeOK
		if res.IsError {
			c.Outcome = store.MCPOutcomeError
		}
	}
	s.audit.record(c, started)
	return res, err
}

func (s *mcpServe) onNotice(msg string) { s.o.notice("%s", msg) }

// safeBody is Zoom's answer for the agent: JSON with what a terminal
// would act on escaped (the same JSON value), other text cleaned.
func safeBody(b []byte) string {
	if json.Valid(b) {
		return string(safetext.JSONForTerminal(b))
	}
	return safetext.Clean(strings.ToValidUTF8(string(b), "\uFFFD"), MaxMCPResult)
}

// capped is safeBody of at most MaxMCPResult bytes of b.
func capped(b []byte) string {
	if len(b) <= MaxMCPResult {
		return safeBody(b)
	}
	return safetext.Clean(strings.ToValidUTF8(string(b[:MaxMCPResult]), ""), MaxMCPResult)
}

// cutNote says an answer of n bytes was cut, or "" when it was not.
func cutNote(n int) string {
	if n <= MaxMCPResult {
		return ""
	}
	return fmt.Sprintf("Zoom's answer was cut at %d bytes of %d, so it is not valid JSON: narrow the query.", MaxMCPResult, n)
}

var errCapped = errors.New("the merged pages reached the size a tool result may have")

// capWriter keeps at most limit bytes and then fails, which ends the
// pagination.
type capWriter struct {
	buf   bytes.Buffer
	limit int
}

func (w *capWriter) Write(p []byte) (int, error) {
	if w.buf.Len()+len(p) > w.limit {
		w.buf.Write(p[:w.limit-w.buf.Len()])
		return 0, errCapped
	}
	return w.buf.Write(p)
}
