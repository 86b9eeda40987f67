package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zoomconn/auth/zoomtest"
)

// appHistory writes a connection's API console history as the app does,
// and returns its path.
func (w *world) appHistory(name, path string) string {
	w.t.Helper()
	dir := filepath.Join(w.dir, "history")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		w.t.Fatal(err)
	}
	p := filepath.Join(dir, w.connectionID(name)+".json")
	raw := `[{"method":"GET","path":"` + path + `","status":200,"time":"2025-03-01T10:00:00Z","duration_ns":120000000}]`
	if err := os.WriteFile(p, []byte(raw), 0o600); err != nil {
		w.t.Fatal(err)
	}
	return p
}

// TestRemoveDeletesConsoleHistory: `zoomconn remove` deletes the history
// the app's API console kept for the connection (its paths name users),
// and no other connection's.
func TestRemoveDeletesConsoleHistory(t *testing.T) {
	bothWays(t, zoomtest.Options{}, testRemoveDeletesConsoleHistory)
}

func testRemoveDeletesConsoleHistory(t *testing.T, w *world) {
	w.addS2S("Reports")
	w.addS2S("Ops")
	gone := w.appHistory("Reports", "users/alice@example.com")
	kept := w.appHistory("Ops", "users/me")
	w.must("", "remove", "Reports")
	if _, err := os.Stat(gone); !os.IsNotExist(err) {
		t.Errorf("the removed connection's console history: %v; want it gone", err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("another connection's console history: %v; want it kept", err)
	}
}

// TestTokenForANameLikeAFlag: after "--", a name that starts with "-" is
// a name, as in the command the console's Copy as curl gives.
func TestTokenForANameLikeAFlag(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append(append([]string{"add-s2s", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...), "--", "-weird")...)
	raw := strings.TrimSpace(w.must("", "token", "--", "-weird").stdout)
	if raw == "" {
		t.Fatal("no token")
	}
	if h := w.must("", "token", "--format", "header", "--", "-weird").stdout; h != "Authorization: Bearer "+raw+"\n" {
		t.Errorf("token --format header -- -weird printed %q; want one header line", h)
	}
}
