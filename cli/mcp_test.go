package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"

	"zoomconn/auth/zoomtest"
)

// transcript records every byte between the agent and the MCP server.
type transcript struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (t *transcript) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.Write(p)
}

func (t *transcript) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.buf.String()
}

type teeReadCloser struct {
	io.Reader
	io.Closer
}

type teeWriteCloser struct {
	io.Writer
	io.Closer
}

// agent is an AI agent's MCP client connected over stdio to `zoomconn
// mcp ...` run in this process.
type agent struct {
	*mcp.ClientSession
	seen   *transcript
	stderr *watchedWriter
	code   chan int
	pid    int // the server's process, when it is one
}

// startAgent runs the command with its stdin and stdout on pipes and
// connects the SDK's client to them, as an agent starting the server
// from its configuration does.
func (w *world) startAgent(args ...string) (*agent, error) {
	w.t.Helper()
	if w.processes {
		return w.startAgentProcess(args...)
	}
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	a := &agent{seen: &transcript{}, stderr: &watchedWriter{}, code: make(chan int, 1)}
	e := &Env{Stdin: inR, Stdout: outW, Stderr: a.stderr, ConfigDir: w.dir, Keyring: w.secrets, Now: w.clock.Now, Sleep: w.sleep, Version: "test"}
	go func() {
		code := Main(args, e)
		outW.Close()
		inR.Close()
		a.code <- code
	}()
	tr := &mcp.IOTransport{
		Reader: teeReadCloser{io.TeeReader(outR, a.seen), outR},
		Writer: teeWriteCloser{io.MultiWriter(inW, a.seen), inW},
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "agent", Version: "1"}, nil).Connect(ctx, tr, nil)
	if err != nil {
		inW.Close()
		outR.Close()
		code := <-a.code
		w.record(args, "", a.stderr.String())
		return a, errors.Join(err, errors.New("exit code "+string(rune('0'+code))))
	}
	a.ClientSession = cs
	w.t.Cleanup(func() { a.stop(w, args) })
	return a, nil
}

// startAgentProcess runs the command as a real zoomconn process on the
// real keyring, its stdin and stdout the agent's pipes.
func (w *world) startAgentProcess(args ...string) (*agent, error) {
	w.t.Helper()
	a := &agent{seen: &transcript{}, stderr: &watchedWriter{}, code: make(chan int, 1)}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = w.env
	cmd.Stderr = a.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		w.t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		w.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	a.pid = cmd.Process.Pid
	go func() {
		_ = cmd.Wait()
		a.code <- cmd.ProcessState.ExitCode()
	}()
	tr := &mcp.IOTransport{
		Reader: teeReadCloser{io.TeeReader(out, a.seen), out},
		Writer: teeWriteCloser{io.MultiWriter(in, a.seen), in},
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "agent", Version: "1"}, nil).Connect(ctx, tr, nil)
	if err != nil {
		in.Close()
		<-a.code
		return a, err
	}
	a.ClientSession = cs
	w.t.Cleanup(func() { a.stop(w, args) })
	return a, nil
}

// stop ends the session (the agent closes stdin) and waits for the
// command to exit 0.
func (a *agent) stop(w *world, args []string) {
	if a.ClientSession == nil {
		return
	}
	a.ClientSession.Close()
	a.ClientSession = nil
	if code := <-a.code; code != 0 {
		w.t.Errorf("zoomconn %s: exit %d\n%s", strings.Join(args, " "), code, a.stderr.String())
	}
	w.record(args, "", a.stderr.String())
}

func (a *agent) call(t *testing.T, tool string, args map[string]any) (string, bool) {
	t.Helper()
	res, err := a.CallTool(context.Background(), &mcp.CallToolParams{Name: tool, Arguments: args})
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	var texts []string
	for _, c := range res.Content {
		texts = append(texts, c.(*mcp.TextContent).Text)
	}
	return strings.Join(texts, "\n"), res.IsError
}

// assertNoToken checks no token, refresh token or secret reached the
// agent (any message either way), the environment or the audit log
// (assertHygiene checks the rest).
func (w *world) assertNoToken(a *agent, name string) {
	w.t.Helper()
	secrets := append(w.zoom.IssuedSecrets(), s2sSecret, genSecret)
	log := w.must("", "mcp", "log", name, "--json", "-n", "0").stdout
	env := strings.Join(os.Environ(), "\n")
	for _, s := range secrets {
		if strings.Contains(a.seen.String(), s) {
			w.t.Error("a token or secret appeared in a message between the agent and the server")
		}
		if strings.Contains(log, s) {
			w.t.Error("a token or secret appeared in the audit log")
		}
		if strings.Contains(env, s) {
			w.t.Error("a token or secret appeared in the environment")
		}
	}
}

func toolNames(t *testing.T, a *agent) []string {
	t.Helper()
	var names []string
	for tool, err := range a.Tools(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, tool.Name)
	}
	slices.Sort(names)
	return names
}

// oauthWithMCP adds an OAuth client on the fake with its MCP base, an
// OAuth 2.0 connection of it, and logs in.
func (w *world) oauthWithMCP(name string) {
	w.t.Helper()
	w.must(genSecret+"\n", append([]string{"add-client", name + "-client", "--client-id", "genID", "--mcp-url", w.zoom.MCPURL()}, w.endpointFlags()...)...)
	w.must("", "add-oauth", name, "--client", name+"-client")
	w.login(name)
}

// An agent lists and calls the hosted server's tools, prompts and
// resources through mcp proxy: the remote sees a valid bearer token, the
// agent never does; a 401 is followed by one refresh and one retry; the
// remote's error arrives cleaned; every tool call is in the audit log.
func TestMCPProxy(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.oauthWithMCP("Me")
	a, err := w.startAgent("mcp", "proxy", "Me", "--server", "meeting")
	if err != nil {
		t.Fatal(err)
	}
	if got := toolNames(t, a); strings.Join(got, " ") != "fail list_meetings whoami" {
		t.Errorf("tools through the proxy: %v", got)
	}
	if txt, isErr := a.call(t, "whoami", nil); isErr || !strings.Contains(txt, "grace@example.com") {
		t.Errorf("whoami: %q (error %v)", txt, isErr)
	}
	pr, err := a.GetPrompt(context.Background(), &mcp.GetPromptParams{Name: "standup"})
	if err != nil || len(pr.Messages) != 1 {
		t.Errorf("prompt: %v %v", pr, err)
	}
	rr, err := a.ReadResource(context.Background(), &mcp.ReadResourceParams{URI: "zoom://help"})
	if err != nil || rr.Contents[0].Text != "Zoom MCP help" {
		t.Errorf("resource: %v %v", rr, err)
	}
	// The remote's error: an MCP error, its text cleaned.
	_, err = a.CallTool(context.Background(), &mcp.CallToolParams{Name: "fail"})
	if err == nil || !strings.Contains(err.Error(), "meeting service unavailable") || strings.ContainsAny(err.Error(), "\x1b\u202e") {
		t.Errorf("the remote's error reached the agent as %q", err)
	}
	if strings.Contains(a.seen.String(), "\x1b") || strings.Contains(a.seen.String(), "\u202e") {
		t.Error("the remote's unsafe text reached the agent")
	}

	// A 401: one refresh, one retry, with a new token.
	refreshes := w.zoom.Stats().TokenRequests["refresh_token"]
	before := len(w.zoom.MCPRequests())
	w.zoom.FailMCP(http.StatusUnauthorized)
	if txt, isErr := a.call(t, "whoami", nil); isErr || !strings.Contains(txt, "grace@example.com") {
		t.Errorf("whoami after a 401: %q", txt)
	}
	if n := w.zoom.Stats().TokenRequests["refresh_token"] - refreshes; n != 1 {
		t.Errorf("%d refreshes after a 401, want 1", n)
	}
	after := w.zoom.MCPRequests()[before:]
	if len(after) != 2 || after[0].Status != 401 || after[1].Status != 0 || !after[1].Valid || after[1].Token == after[0].Token {
		t.Errorf("requests after the 401: %+v", after)
	}
	// Every request carried a valid bearer token the fake issued.
	for _, r := range w.zoom.MCPRequests() {
		if !r.Valid {
			t.Errorf("the remote saw %s %s without a valid token", r.Method, r.Path)
		}
	}
	a.stop(w, nil)

	calls := mcpLogCalls(t, w, "Me")
	var tools []string
	for _, c := range calls {
		tools = append(tools, c.Tool+":"+c.Outcome)
		if c.Path != "/mcp/meeting/streamable" {
			t.Errorf("call logged with path %q", c.Path)
		}
	}
	if got := strings.Join(tools, " "); got != "whoami:ok fail:error whoami:ok" {
		t.Errorf("audit log: %s", got)
	}
	w.assertNoToken(a, "Me")
	w.assertHygiene()
}

type loggedCall struct {
	Tool, Method, Path, Outcome string
	Status                      int
	Time                        time.Time
}

func mcpLogCalls(t *testing.T, w *world, name string) []loggedCall {
	t.Helper()
	var calls []loggedCall
	dec := json.NewDecoder(strings.NewReader(w.must("", "mcp", "log", name, "--json", "-n", "0").stdout))
	for dec.More() {
		var c loggedCall
		if err := dec.Decode(&c); err != nil {
			t.Fatal(err)
		}
		calls = append(calls, c)
	}
	return calls
}

// mcp proxy sends nothing to a server off the connection's MCP base, nor
// for a Server-to-Server connection: exit 2 before connecting.
func TestMCPProxyRefusesOffOrigin(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.oauthWithMCP("Me")
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID", "--mcp-url", w.zoom.MCPURL()}, w.endpointFlags()...)...)
	other := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { t.Error("the other server was asked") }))
	defer other.Close()
	tokens := w.zoom.Stats().TokenRequests["refresh_token"]
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"Me", "--server", other.URL + "/mcp/meeting/streamable"}, "is not on " + w.zoom.MCPURL()},
		{[]string{"Me", "--server", "https://mcp.zoom.us/mcp/meeting/streamable"}, "is not on"},
		{[]string{"Me", "--server", "http://mcp.example/mcp/meeting/streamable"}, "plain http is allowed only for 127.0.0.1 and ::1"},
		{[]string{"Me", "--server", "a b"}, "is not a server name"},
		{[]string{"Reports", "--server", "meeting"}, "is a Server-to-Server connection"},
		{[]string{"Me"}, "--server is required"},
	} {
		r := w.run("", append([]string{"mcp", "proxy"}, tc.args...)...)
		if r.code != ExitUsage || !strings.Contains(r.stderr, tc.want) || r.stdout != "" {
			t.Errorf("mcp proxy %v: exit %d, stderr %q, stdout %q; want 2 and %q", tc.args, r.code, r.stderr, r.stdout, tc.want)
		}
	}
	if n := len(w.zoom.MCPRequests()); n != 0 {
		t.Errorf("the hosted server saw %d requests", n)
	}
	if w.zoom.Stats().TokenRequests["refresh_token"] != tokens {
		t.Error("a token was fetched")
	}
	w.assertHygiene()
}

// mcp serve with the default allow list refuses a POST, naming the rule,
// before it reaches Zoom; a GET returns Zoom's JSON as `api` prints it;
// zoom_scopes and zoom_whoami describe the token without it; a daily
// rate limit is returned at once; every call is in the audit log without
// a token or body.
func TestMCPServe(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	a, err := w.startAgent("mcp", "serve", "Reports")
	if err != nil {
		t.Fatal(err)
	}
	if got := toolNames(t, a); strings.Join(got, " ") != "zoom_api zoom_paginate zoom_scopes zoom_whoami" {
		t.Errorf("tools: %v", got)
	}
	calls := w.zoom.Stats().APICalls
	txt, isErr := a.call(t, "zoom_api", map[string]any{"method": "POST", "path": "/users/me/meetings", "body": map[string]any{"topic": "Private topic"}})
	if !isErr || !strings.Contains(txt, `the rule "GET /**" allows GET only`) || !strings.Contains(txt, "default (read-only)") {
		t.Errorf("a POST under the default list: %q (error %v)", txt, isErr)
	}
	if w.zoom.Stats().APICalls != calls {
		t.Error("a refused call reached Zoom")
	}
	txt, isErr = a.call(t, "zoom_api", map[string]any{"path": "/users/me"})
	want := w.must("", "api", "Reports", "/users/me").stdout
	if isErr || !sameJSON(t, txt, want) {
		t.Errorf("GET /users/me: %q (error %v), api printed %q", txt, isErr, want)
	}
	if txt, _ := a.call(t, "zoom_scopes", nil); !strings.Contains(txt, "user:read:admin") {
		t.Errorf("zoom_scopes: %q", txt)
	}
	if txt, _ := a.call(t, "zoom_whoami", nil); !strings.Contains(txt, "grace@example.com") || !strings.Contains(txt, "Server-to-Server") {
		t.Errorf("zoom_whoami: %q", txt)
	}
	// A daily limit is returned, not retried.
	w.zoom.InjectAPIRateLimit(zoomtest.RateLimit{Category: "Heavy", Type: "Daily-limit"}, 1)
	calls = w.zoom.Stats().APICalls
	if txt, isErr := a.call(t, "zoom_api", map[string]any{"path": "/users/me"}); !isErr || !strings.Contains(txt, "daily rate limit") {
		t.Errorf("a daily limit: %q (error %v)", txt, isErr)
	}
	if n := w.zoom.Stats().APICalls - calls; n != 1 {
		t.Errorf("a daily limit was tried %d times", n)
	}
	// Paths the rules could misread never reach Zoom.
	for _, p := range []string{"/users/../accounts", "https://evil.example/v2/users", "//evil.example/users"} {
		if txt, isErr := a.call(t, "zoom_api", map[string]any{"path": p}); !isErr || !strings.Contains(txt, "refused") {
			t.Errorf("path %q: %q", p, txt)
		}
	}
	a.stop(w, nil)

	got := mcpLogCalls(t, w, "Reports")
	var lines []string
	for _, c := range got {
		lines = append(lines, strings.Join(strings.Fields(strings.Join([]string{c.Tool, c.Method, c.Path, c.Outcome}, " ")), " "))
		if c.Time.IsZero() {
			t.Errorf("call without a time: %+v", c)
		}
	}
	wantLog := []string{
		"zoom_api POST /users/me/meetings refused", "zoom_api GET /users/me ok", "zoom_scopes ok", "zoom_whoami GET /users/me ok",
		"zoom_api GET /users/me error",
		"zoom_api GET /users/../accounts refused", "zoom_api GET https://evil.example/v2/users refused", "zoom_api GET //evil.example/users refused",
	}
	if strings.Join(lines, "\n") != strings.Join(wantLog, "\n") {
		t.Errorf("audit log:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(wantLog, "\n"))
	}
	if got[1].Status != 200 || got[4].Status != 429 {
		t.Errorf("statuses %d, %d", got[1].Status, got[4].Status)
	}
	if log := w.must("", "mcp", "log", "Reports").stdout; strings.Contains(log, "Private topic") || strings.Contains(log, "grace@example.com") {
		t.Error("the audit log holds a body")
	}
	w.assertNoToken(a, "Reports")
	w.assertHygiene()
}

func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

// The stored allow list applies to every run, --allow can narrow it but
// not widen it, and an allowed call's Zoom error comes in the scope
// doctor's words; mcp allow refuses a bad rule and changes nothing.
func TestMCPServeAllowList(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	if r := w.run("", "mcp", "allow", "Reports", "GET /users/a*"); r.code != ExitUsage || !strings.Contains(r.stderr, "whole segments") {
		t.Errorf("a bad rule: %d %q", r.code, r.stderr)
	}
	if c := w.connection("Reports"); c.MCPAllow != nil {
		t.Errorf("a bad rule stored %v", c.MCPAllow)
	}
	w.must("", "mcp", "allow", "Reports", "GET /users/**", "post /users/*/meetings")
	if out := w.must("", "mcp", "allow", "Reports").stdout; out != "GET /users/**\nPOST /users/*/meetings\n" {
		t.Errorf("mcp allow shows %q", out)
	}
	a, err := w.startAgent("mcp", "serve", "Reports", "--allow", "* /**")
	if err != nil {
		t.Fatal(err)
	}
	calls := w.zoom.Stats().APICalls
	if txt, isErr := a.call(t, "zoom_api", map[string]any{"path": "/accounts/me"}); !isErr || !strings.Contains(txt, "stored with the connection") {
		t.Errorf("--allow widened the stored list: %q", txt)
	}
	if w.zoom.Stats().APICalls != calls {
		t.Error("a refused call reached Zoom")
	}
	txt, isErr := a.call(t, "zoom_api", map[string]any{"method": "POST", "path": "/users/me/meetings", "body": map[string]any{"topic": "Standup"}})
	if !isErr || !strings.Contains(txt, "This call needs a scope the token lacks") || !strings.Contains(txt, "meeting:write:meeting") {
		t.Errorf("an allowed POST without the scope: %q", txt)
	}
	if w.zoom.Stats().APICalls == calls {
		t.Error("an allowed call did not reach Zoom")
	}
	a.stop(w, nil)

	narrow, err := w.startAgent("mcp", "serve", "Reports", "--allow", "GET /users/me")
	if err != nil {
		t.Fatal(err)
	}
	if txt, isErr := narrow.call(t, "zoom_api", map[string]any{"path": "/users"}); !isErr || !strings.Contains(txt, "given on the command line") {
		t.Errorf("--allow did not narrow the stored list: %q", txt)
	}
	narrow.stop(w, nil)

	w.must("", "mcp", "allow", "Reports", "--clear")
	if c := w.connection("Reports"); c.MCPAllow != nil {
		t.Errorf("--clear kept %v", c.MCPAllow)
	}
	if r := w.run("", "mcp", "serve", "Reports", "--allow", "FETCH /x"); r.code != ExitUsage || !strings.Contains(r.stderr, "the method must be") {
		t.Errorf("a bad --allow: %d %q", r.code, r.stderr)
	}
	w.assertHygiene()
}

// zoom_paginate merges the pages of a list, and stops at a token a page
// sent before, returning the pages so far and saying so.
func TestMCPServePaginate(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.zoom.AddUsers("acct", 349) // 350 with Grace: two pages of 300
	// A server that repeats its tokens: A, B, then A again.
	var mu sync.Mutex
	loopCalls := 0
	loop := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		mu.Lock()
		loopCalls++
		mu.Unlock()
		next := map[string]string{"": "A", "A": "B", "B": "A"}[r.URL.Query().Get("next_page_token")]
		_ = json.NewEncoder(rw).Encode(map[string]any{"next_page_token": next, "items": []string{r.URL.Query().Get("next_page_token") + "-item"}})
	}))
	defer loop.Close()
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	ep := w.zoom.Endpoints()
	w.must(s2sSecret+"\n", "add-s2s", "Loop", "--account-id", "acct", "--client-id", "s2sID", "--endpoints", "custom",
		"--token-url", ep.TokenURL, "--revoke-url", ep.RevokeURL, "--api-url", loop.URL+"/v2")

	a, err := w.startAgent("mcp", "serve", "Reports")
	if err != nil {
		t.Fatal(err)
	}
	txt, isErr := a.call(t, "zoom_paginate", map[string]any{"path": "/users"})
	var merged struct {
		Users []map[string]any `json:"users"`
	}
	if isErr || json.Unmarshal([]byte(txt), &merged) != nil || len(merged.Users) != 350 {
		t.Errorf("zoom_paginate /users: %d users, error %v: %.200s", len(merged.Users), isErr, txt)
	}
	a.stop(w, nil)

	l, err := w.startAgent("mcp", "serve", "Loop")
	if err != nil {
		t.Fatal(err)
	}
	txt, isErr = l.call(t, "zoom_paginate", map[string]any{"path": "/items"})
	doc, note, _ := strings.Cut(txt, "\n")
	var items struct{ Items []string }
	if isErr || json.Unmarshal([]byte(doc), &items) != nil || strings.Join(items.Items, " ") != "-item A-item B-item" ||
		!strings.Contains(note, "sent again the next_page_token of page 1") {
		t.Errorf("a repeated token: %q (error %v)", txt, isErr)
	}
	if loopCalls != 3 {
		t.Errorf("%d pages asked for, want 3", loopCalls)
	}
	l.stop(w, nil)
	w.assertHygiene()
}

// mcp config prints each agent's own format, parsed here by a JSON and a
// TOML parser: the command line only, no secret, no environment.
func TestMCPConfig(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.oauthWithMCP("My Zoom")
	exe, _ := os.Executable()
	_ = exe
	for _, tc := range []struct {
		client, section string
		proxy           bool
	}{
		{"claude", "mcpServers", false}, {"cursor", "mcpServers", false}, {"vscode", "servers", false}, {"codex", "mcp_servers", false},
		{"claude", "mcpServers", true}, {"codex", "mcp_servers", true},
	} {
		args := []string{"mcp", "config", "My Zoom", "--client", tc.client}
		wantArgs := []string{"mcp", "serve", "My Zoom"}
		key := "zoom-my-zoom"
		if tc.proxy {
			args = append(args, "--proxy", "meeting")
			wantArgs = []string{"mcp", "proxy", "My Zoom", "--server", "meeting"}
			key = "zoom-meeting-my-zoom"
		}
		out := w.must("", args...).stdout
		var doc map[string]map[string]map[string]any
		var err error
		if tc.client == "codex" {
			err = parseTOML(out, &doc)
		} else {
			err = json.Unmarshal([]byte(out), &doc)
		}
		if err != nil {
			t.Errorf("%s: %v\n%s", tc.client, err, out)
			continue
		}
		entry := doc[tc.section][key]
		var gotArgs []string
		for _, a := range entry["args"].([]any) {
			gotArgs = append(gotArgs, a.(string))
		}
		cmd, _ := entry["command"].(string)
		if !slices.Equal(gotArgs, wantArgs) || !strings.HasPrefix(cmd, "/") {
			t.Errorf("%s: command %q args %q", tc.client, cmd, gotArgs)
		}
		if _, ok := entry["env"]; ok {
			t.Errorf("%s: an env in the entry", tc.client)
		}
		if tc.client == "vscode" && entry["type"] != "stdio" {
			t.Errorf("vscode: type %v", entry["type"])
		}
	}
	if r := w.run("", "mcp", "config", "My Zoom", "--client", "emacs"); r.code != ExitUsage {
		t.Errorf("an unknown client: %d", r.code)
	}
	if r := w.run("", "mcp", "config", "My Zoom", "--proxy", "https://evil.example/mcp"); r.code != ExitUsage {
		t.Errorf("an off-origin --proxy: %d", r.code)
	}
	w.assertHygiene()
}

// As real processes on the real keyring: an agent's mcp serve and mcp
// proxy work, and the token is in none of their messages, the audit log,
// the server's environment or any process's command line.
func TestMCPProcesses(t *testing.T) {
	w := newProcessWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	w.oauthWithMCP("Me")
	a, err := w.startAgent("mcp", "serve", "Reports")
	if err != nil {
		t.Fatal(err)
	}
	if txt, isErr := a.call(t, "zoom_api", map[string]any{"path": "/users/me"}); isErr || !strings.Contains(txt, "grace@example.com") {
		t.Errorf("zoom_api: %q", txt)
	}
	calls := w.zoom.Stats().APICalls
	if txt, isErr := a.call(t, "zoom_api", map[string]any{"method": "DELETE", "path": "/users/u1"}); !isErr || !strings.Contains(txt, `"GET /**" allows GET only`) {
		t.Errorf("a DELETE: %q", txt)
	}
	if w.zoom.Stats().APICalls != calls {
		t.Error("a refused call reached Zoom")
	}
	environ, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(a.pid), "environ"))
	if err != nil {
		t.Fatal(err)
	}
	a.stop(w, nil)
	p, err := w.startAgent("mcp", "proxy", "Me", "--server", "meeting")
	if err != nil {
		t.Fatal(err)
	}
	if txt, isErr := p.call(t, "whoami", nil); isErr || !strings.Contains(txt, "grace@example.com") {
		t.Errorf("whoami through the proxy: %q", txt)
	}
	p.stop(w, nil)
	for _, s := range append(w.zoom.IssuedSecrets(), s2sSecret, genSecret) {
		if strings.Contains(string(environ), s) {
			t.Error("a token or secret is in mcp serve's environment")
		}
	}
	if got := len(mcpLogCalls(t, w, "Reports")); got != 2 {
		t.Errorf("%d calls in Reports' audit log, want 2", got)
	}
	w.assertNoToken(a, "Reports")
	w.assertNoToken(p, "Me")
	w.assertHygiene()
}
