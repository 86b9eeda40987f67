package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
)

// The audit log keeps calls in order, without queries or unsafe text,
// private to the user, and goes with its connection; a call for a
// connection that is gone is not written.
func TestMCPLog(t *testing.T) {
	s := storetest.New(t, &secrettest.Memory{})
	alice := storetest.MustSaveConn(t, s, storetest.S2SInput("Alice"))
	bob := storetest.MustSaveConn(t, s, storetest.S2SInput("Bob"))
	at := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	for i, c := range []store.MCPCall{
		{Time: at, Tool: "zoom_api", Method: "GET", Path: "/users/me?email=a@example.com", Status: 200, Outcome: store.MCPOutcomeOK, Duration: time.Millisecond},
		{Time: at.Add(time.Second), Tool: "zoom_api", Method: "POST", Path: "/users/me/meetings\x1b[2J", Outcome: store.MCPOutcomeRefused},
		{Time: at.Add(2 * time.Second), Tool: "zoom_scopes", Outcome: store.MCPOutcomeOK},
	} {
		if err := s.AppendMCPCall(alice.ID, c); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if err := s.AppendMCPCall(bob.ID, store.MCPCall{Time: at, Tool: "zoom_whoami", Outcome: store.MCPOutcomeOK}); err != nil {
		t.Fatal(err)
	}
	calls, err := s.MCPCalls(alice.ID, 0)
	if err != nil || len(calls) != 3 {
		t.Fatalf("%d calls, %v", len(calls), err)
	}
	if calls[0].Path != "/users/me" || calls[0].Status != 200 || calls[0].Duration != time.Millisecond || !calls[0].Time.Equal(at) {
		t.Errorf("first call %+v", calls[0])
	}
	if strings.ContainsRune(calls[1].Path, 0x1b) || calls[1].Outcome != store.MCPOutcomeRefused {
		t.Errorf("second call %+v", calls[1])
	}
	if last, _ := s.MCPCalls(alice.ID, 1); len(last) != 1 || last[0].Tool != "zoom_scopes" {
		t.Errorf("the last call: %+v", last)
	}
	p := filepath.Join(s.Dir(), "mcp-audit", alice.ID+".jsonl")
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		t.Errorf("the log is readable by others: %v", perm)
	}
	raw, _ := os.ReadFile(p)
	if strings.Contains(string(raw), "a@example.com") {
		t.Error("the log kept a query")
	}

	if err := s.DeleteConnection("Alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Errorf("the log outlived its connection: %v", err)
	}
	var nf *auth.NotFoundError
	if err := s.AppendMCPCall(alice.ID, store.MCPCall{Tool: "zoom_api"}); !errors.As(err, &nf) {
		t.Errorf("a call for a deleted connection: %v", err)
	}
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Error("a call for a deleted connection brought its log back")
	}
	if c, _ := s.MCPCalls(bob.ID, 0); len(c) != 1 {
		t.Errorf("Bob's log: %+v", c)
	}
}
