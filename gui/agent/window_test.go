package agent

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/BurntSushi/toml"

	"zoomconn/auth"
	"zoomconn/auth/store"
	"zoomconn/gui/internal/testbench"
)

const command = "/usr/bin/zoomconn"

type env struct {
	*testbench.Bench
	room *testbench.Room
	ws   *Windows
}

func newEnv(t *testing.T) *env {
	t.Helper()
	b := testbench.New(t)
	e := &env{Bench: b, room: b.Room()}
	e.ws = New(e.room.Context)
	e.ws.Command = command
	e.room.OnReload = e.ws.Refresh
	return e
}

func (e *env) open(name string) *window {
	e.T.Helper()
	e.room.Reload()
	if e.ws.Open(name) == nil {
		e.T.Fatalf("the window did not open on %q", name)
	}
	w := e.ws.current()
	e.T.Cleanup(func() {
		if !w.closed {
			w.close()
		}
	})
	e.WaitJobs(e.room.Jobs)
	return w
}

// entryArgs parses the shown entry in its agent's format and returns its
// command and arguments.
func entryArgs(t *testing.T, w *window) (string, []string) {
	t.Helper()
	var doc map[string]map[string]map[string]any
	var err error
	if strings.HasPrefix(w.entry.Text, "[mcp_servers.") {
		_, err = toml.Decode(w.entry.Text, &doc)
	} else {
		err = json.Unmarshal([]byte(w.entry.Text), &doc)
	}
	if err != nil {
		t.Fatalf("the entry does not parse: %v\n%s", err, w.entry.Text)
	}
	for _, section := range doc {
		for _, entry := range section {
			var args []string
			for _, a := range entry["args"].([]any) {
				args = append(args, a.(string))
			}
			return entry["command"].(string), args
		}
	}
	t.Fatalf("no entry in %s", w.entry.Text)
	return "", nil
}

// The entry for each agent parses in its format and starts mcp serve on
// the connection; Copy puts it on the clipboard; a Server-to-Server
// connection is not offered the hosted servers, an OAuth 2.0 one with an
// MCP base is.
func TestEntryPerAgent(t *testing.T) {
	e := newEnv(t)
	e.SaveS2S("Reports", testbench.S2SSecret)
	w := e.open("Reports")
	for _, agent := range []string{"Claude", "Cursor", "VS Code", "Codex"} {
		w.agent.SetSelected(agent)
		cmd, args := entryArgs(t, w)
		if cmd != command || !slices.Equal(args, []string{"mcp", "serve", "Reports"}) {
			t.Errorf("%s: %s %v", agent, cmd, args)
		}
	}
	test.Tap(w.copyButton)
	if got := e.App.Clipboard().Content(); got != w.entry.Text || !strings.Contains(got, "mcp_servers") {
		t.Errorf("the clipboard holds %q", got)
	}
	if w.modeRow.Visible() {
		t.Error("a Server-to-Server connection is offered mcp proxy")
	}

	// An OAuth 2.0 connection whose client has an MCP base.
	ep := e.EP
	ep.MCPURL = e.Fake.MCPURL()
	if _, err := e.Store.SaveClient(auth.ClientInput{Name: "Team app", ClientID: testbench.GenClientID, ClientSecret: testbench.GenSecret, Endpoints: ep}); err != nil {
		t.Fatal(err)
	}
	c := e.SaveOAuth("Me")
	e.room.Reload()
	e.ws.Open(c.Name)
	e.WaitJobs(e.room.Jobs)
	if !w.modeRow.Visible() {
		t.Fatal("an OAuth 2.0 connection with an MCP base is not offered mcp proxy")
	}
	w.agent.SetSelected("Claude")
	w.mode.SetSelected(modeProxy)
	if _, args := entryArgs(t, w); !slices.Equal(args, []string{"mcp", "proxy", "Me", "--server", "meeting"}) {
		t.Errorf("proxy entry args %v", args)
	}
	for _, s := range append(e.Fake.IssuedSecrets(), testbench.S2SSecret, testbench.GenSecret) {
		if strings.Contains(w.entry.Text, s) {
			t.Error("a secret is in the entry")
		}
	}
}

// The allow list typed and saved is stored with the connection; a bad
// rule is refused in the window and stores nothing; an empty box removes
// the list.
func TestAllowListEdit(t *testing.T) {
	e := newEnv(t)
	e.SaveS2S("Reports", testbench.S2SSecret)
	w := e.open("Reports")
	testbench.Contains(t, "the help", w.ruleHelp.Text, "GET /**", "read-only")
	w.rules.SetText("GET /users/**\nGET /users/a*")
	test.Tap(w.saveButton)
	e.WaitJobs(e.room.Jobs)
	testbench.Contains(t, "the refusal", w.ruleHelp.Text, "whole segments", "Nothing was saved")
	if c, _ := e.Data().Connection("Reports"); c.MCPAllow != nil {
		t.Errorf("a bad rule stored %v", c.MCPAllow)
	}
	w.rules.SetText("get /users/**\n\n  POST /users/*/meetings  \n")
	test.Tap(w.saveButton)
	e.WaitJobs(e.room.Jobs)
	if c, _ := e.Data().Connection("Reports"); !slices.Equal(c.MCPAllow, []string{"GET /users/**", "POST /users/*/meetings"}) {
		t.Errorf("stored %v", c.MCPAllow)
	}
	if w.rules.Text != "GET /users/**\nPOST /users/*/meetings" {
		t.Errorf("the box shows %q", w.rules.Text)
	}
	testbench.Contains(t, "the help", w.ruleHelp.Text, "never widen")
	w.rules.SetText("")
	test.Tap(w.saveButton)
	e.WaitJobs(e.room.Jobs)
	if c, _ := e.Data().Connection("Reports"); c.MCPAllow != nil {
		t.Errorf("an empty box kept %v", c.MCPAllow)
	}
}

// The last calls of the audit log show newest first, cleaned, and Refresh
// reads new ones; the window closes when its connection is deleted.
func TestLastCalls(t *testing.T) {
	e := newEnv(t)
	c := e.SaveS2S("Reports", testbench.S2SSecret)
	w := e.open("Reports")
	testbench.Contains(t, "no calls", w.calls.Text, "No agent has made a call")
	at := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	for i, call := range []store.MCPCall{
		{Time: at, Tool: "zoom_api", Method: "GET", Path: "/users/me", Status: 200, Outcome: store.MCPOutcomeOK, Duration: 12 * time.Millisecond},
		{Time: at.Add(time.Minute), Tool: "zoom_api", Method: "POST", Path: "/users/me/meetings\x1b[2J", Outcome: store.MCPOutcomeRefused},
	} {
		if err := e.Store.AppendMCPCall(c.ID, call); err != nil {
			t.Fatal(i, err)
		}
	}
	test.Tap(w.refreshButton)
	e.WaitJobs(e.room.Jobs)
	lines := strings.Split(w.calls.Text, "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "refused") || !strings.Contains(lines[1], "/users/me ") || !strings.Contains(lines[1], "200") {
		t.Errorf("calls shown:\n%s", w.calls.Text)
	}
	if strings.ContainsRune(w.calls.Text, 0x1b) {
		t.Error("a raw escape is shown")
	}
	if err := e.Store.DeleteConnection("Reports"); err != nil {
		t.Fatal(err)
	}
	e.room.Reload()
	if !w.closed {
		t.Error("the window stayed open on a deleted connection")
	}
	if e.ws.Open("Reports") != nil {
		t.Error("the window opened on a name that is no connection")
	}
}
