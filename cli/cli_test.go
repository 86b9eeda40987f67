package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"zoomconn/auth/zoomtest"
)

// TestCommandLineS2S is the whole life of an S2S connection; as processes
// it is also the process hygiene scan.
func TestCommandLineS2S(t *testing.T) { bothWays(t, zoomtest.Options{}, testS2S) }

func testS2S(t *testing.T, w *world) {
	add := append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)
	r := w.must(s2sSecret+"\n", add...)
	if r.stdout != "" {
		t.Fatalf("add-s2s printed on stdout: %q", r.stdout)
	}
	tok := w.must("", "token", "Reports")
	if lines := strings.Split(strings.TrimSpace(tok.stdout), "\n"); len(lines) != 1 || len(lines[0]) < 20 || tok.stderr != "" {
		t.Fatalf("token output %q / %q", tok.stdout, tok.stderr)
	}
	if again := w.must("", "token", "reports"); again.stdout != tok.stdout {
		t.Fatal("second token call did not reuse the cached token")
	}
	if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 1 {
		t.Fatalf("%d token requests for two `token` calls", n)
	}
	test := w.must("", "test", "Reports")
	if !strings.Contains(test.stdout, "grace@example.com") || !strings.Contains(test.stdout, "user:read:admin") {
		t.Fatalf("test output %q", test.stdout)
	}
	var listed struct {
		Connections []struct{ Name, Status string } `json:"connections"`
	}
	if err := json.Unmarshal([]byte(w.must("", "list", "--json").stdout), &listed); err != nil {
		t.Fatal(err)
	}
	if len(listed.Connections) != 1 || listed.Connections[0].Status != "OK" {
		t.Fatalf("list = %+v", listed)
	}
	if table := w.must("", "list").stdout; !strings.Contains(table, "Reports") || !strings.Contains(table, "Custom") {
		t.Fatalf("list table %q", table)
	}
	if r := w.must("", "revoke", "Reports"); !strings.Contains(r.stderr, "revoked") {
		t.Fatalf("revoke said %q", r.stderr)
	}
	if r := w.must("", "remove", "Reports"); !strings.Contains(r.stderr, "was not revoked") {
		t.Fatalf("remove said %q", r.stderr)
	}
	w.assertHygiene()
}

func TestCommandLineExitCodes(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Good", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	w.must("wrong-secret\n", append([]string{"add-s2s", "Bad", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	before, _ := os.ReadFile(filepath.Join(w.dir, "connections.json"))
	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		phrase string
	}{
		{"unknown command", "", []string{"frobnicate"}, 2, "unknown command"},
		{"missing name", "", []string{"token"}, 2, "missing argument"},
		{"extra argument", "", []string{"token", "a", "b"}, 2, "too many arguments"},
		{"unknown connection", "", []string{"token", "Nope"}, 2, `no connection named "Nope"`},
		{"secret as a flag is refused", "", []string{"add-s2s", "X", "--account-id", "a", "--client-id", "c", "--client-secret", "s"}, 2, "flag provided but not defined"},
		{"duplicate name", "s\n", []string{"add-s2s", "good", "--account-id", "a", "--client-id", "c"}, 2, "already used"},
		{"invalid id", "s\n", []string{"add-s2s", "New", "--account-id", "a b", "--client-id", "c"}, 2, "Account ID must contain only visible characters"},
		{"no secret on stdin", "", []string{"add-s2s", "New", "--account-id", "a", "--client-id", "c"}, 2, "stdin ended"},
		{"http endpoint refused", "s\n", []string{"add-s2s", "New", "--account-id", "a", "--client-id", "c", "--endpoints", "custom", "--authorize-url", "http://e/a", "--token-url", "https://e/t", "--revoke-url", "https://e/r", "--api-url", "https://e/v2"}, 2, "must use https"},
		{"custom urls without custom", "", []string{"add-oauth", "New", "--client", "x", "--token-url", "https://e/t"}, 2, "need --endpoints custom"},
		{"unknown client", "", []string{"add-oauth", "New", "--client", "ghost"}, 2, `no OAuth client named "ghost"`},
		{"wrong secret fails", "", []string{"test", "Bad"}, 1, "Client ID or Client secret"},
		{"login on s2s fails", "", []string{"login", "Good", "--no-browser"}, 1, "needs no browser authorization"},
		{"login on s2s says what to run", "", []string{"login", "Good", "--no-browser"}, 1, "Use `zoomconn test Good` instead."},
		{"unknown connection says where the names are", "", []string{"token", "Ghost"}, 2, "Run `zoomconn list` to see the names."},
		{"help", "", []string{"token", "--help"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := w.run(tt.stdin, tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.phrase) {
				t.Fatalf("exit %d, stderr %q; want %d containing %q", r.code, r.stderr, tt.code, tt.phrase)
			}
			if tt.code != 0 && r.stdout != "" {
				t.Fatalf("failure printed on stdout: %q", r.stdout)
			}
		})
	}
	after, _ := os.ReadFile(filepath.Join(w.dir, "connections.json"))
	var b, a map[string]any
	_ = json.Unmarshal(before, &b)
	_ = json.Unmarshal(after, &a)
	if len(a["connections"].([]any)) != 2 {
		t.Fatal("bad input changed the connections")
	}
	w.assertHygiene()
}

func TestCommandLineLoginAndTokens(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addOAuth("Me", "genID", false)
	r := w.login("Me")
	if !strings.Contains(r.stdout, "grace@example.com") || !strings.Contains(r.stderr, "Open this URL") {
		t.Fatalf("login output %q / %q", r.stdout, r.stderr)
	}
	if tok := w.must("", "token", "Me"); len(strings.TrimSpace(tok.stdout)) < 20 {
		t.Fatal("no token after login")
	}
	if r := w.must("", "revoke", "Me"); !strings.Contains(r.stderr, "Disconnected") {
		t.Fatalf("revoke said %q", r.stderr)
	}
	if r := w.run("", "token", "Me"); r.code != 1 || !strings.Contains(r.stderr, "needs authorization") || !strings.Contains(r.stderr, "Run `zoomconn login Me`.") {
		t.Fatalf("token after revoke: %d %q", r.code, r.stderr)
	}
	w.assertHygiene()
}

// TestConcurrentTokenProcessesAtExpiry runs 8 `zoomconn token` processes at
// once on a connection whose access token is always due for refresh (30 s
// lifetime < the 60 s margin): every process refreshes, serialized, and
// Zoom's rotation never sees a dead refresh token. In-process, 8 commands
// run at once on one config dir instead.
func TestConcurrentTokenProcessesAtExpiry(t *testing.T) {
	bothWays(t, zoomtest.Options{TokenLifetime: 30 * time.Second}, testConcurrentTokensAtExpiry)
}

func testConcurrentTokensAtExpiry(t *testing.T, w *world) {
	w.addOAuth("Shared", "pubID", true)
	w.login("Shared")
	const procs = 8
	var wg sync.WaitGroup
	results := make([]result, procs)
	for i := range procs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = w.run("", "token", "Shared")
		}()
	}
	wg.Wait()
	for i, r := range results {
		if r.code != 0 || strings.TrimSpace(r.stdout) == "" {
			t.Errorf("process %d: exit %d: %s", i, r.code, r.stderr)
		}
	}
	st := w.zoom.Stats()
	if st.InvalidGrants != 0 || st.TokenRequests["refresh_token"] != procs {
		t.Fatalf("invalid_grant %d, refreshes %d (want 0 and %d)", st.InvalidGrants, st.TokenRequests["refresh_token"], procs)
	}
	w.assertHygiene()
}

// TestRealBrowserLogin plays the user with headless Chromium, launched
// through the $BROWSER opener: it follows the authorize URL from the fake
// Zoom to the loopback server, and the tokens land in the real keyring.
func TestRealBrowserLogin(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is required under CI")
		}
		t.Skip("chromium not installed")
	}
	w := newProcessWorld(t, zoomtest.Options{})
	w.addOAuth("Browser", "pubID", true)
	profile := t.TempDir()
	w.env = append(w.env, "BROWSER="+strings.Join([]string{chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--user-data-dir=" + profile, "--dump-dom"}, " "))
	r := w.must("", "login", "Browser")
	if !strings.Contains(r.stdout, "grace@example.com") {
		t.Fatalf("login output %q / %q", r.stdout, r.stderr)
	}
	key := "connection/" + w.connectionID("Browser") + "/refresh-token"
	if out, err := exec.Command("secret-tool", "lookup", "service", testKeyringService(), "username", key).Output(); err != nil || len(out) == 0 {
		t.Fatalf("secret-tool does not find %s in the keyring: %v", key, err)
	}
	if tok := w.must("", "token", "Browser"); strings.TrimSpace(tok.stdout) == "" {
		t.Fatal("no token")
	}
	w.assertHygiene()
}

func TestParseAllowsFlagsAfterNames(t *testing.T) {
	// Unit-level: interleaved flags and positionals.
	e := &Env{Stdout: io.Discard}
	fs := commandNamed(t, Command(e), "add-s2s").Flags()
	err := fs.Parse([]string{"Name", "--client-id", "x"})
	pos, v := fs.Args(), fs.Lookup("client-id").Value.String()
	if err != nil || len(pos) != 1 || pos[0] != "Name" || v != "x" {
		t.Fatalf("pos %v, client-id %q, err %v", pos, v, err)
	}
}

func TestCommandLineEncryptedFileStore(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	const pass = "long enough passphrase"
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Before", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	if r := w.run("short\n", "use-file-store"); r.code != 2 {
		t.Fatalf("short passphrase: exit %d %q", r.code, r.stderr)
	}
	if r := w.must(pass+"\n", "use-file-store"); !strings.Contains(r.stderr, "1 moved") {
		t.Fatalf("use-file-store said %q", r.stderr)
	}
	// The passphrase comes first on stdin, then any secret.
	w.must(pass+"\n"+s2sSecret+"\n", append([]string{"add-s2s", "After", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	for _, name := range []string{"Before", "After"} {
		if tok := w.must(pass+"\n", "token", name); strings.TrimSpace(tok.stdout) == "" {
			t.Fatalf("no token for %s", name)
		}
	}
	if r := w.run("wrong passphrase!\n", "token", "Before"); r.code != 1 || !strings.Contains(r.stderr, "passphrase") || r.stdout != "" {
		t.Fatalf("wrong passphrase: exit %d %q", r.code, r.stderr)
	}
	if list := w.must("", "list").stdout; !strings.Contains(list, "encrypted file") {
		t.Fatalf("list does not say where secrets live: %q", list)
	}
	if key := "connection/" + w.connectionID("Before") + "/client-secret"; w.keyringHas(key) {
		t.Fatal("secret still in the keyring after use-file-store")
	}
	if r := w.must(pass+"\n", "move-to-keyring"); !strings.Contains(r.stderr, "Moved") {
		t.Fatalf("move-to-keyring said %q", r.stderr)
	}
	if tok := w.must("", "token", "After"); strings.TrimSpace(tok.stdout) == "" {
		t.Fatal("no token after moving back to the keyring")
	}
	w.assertHygiene()
}

func TestCommandLineExportImport(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	w.addOAuth("Me", "genID", false)
	exported := w.must("", "export").stdout
	if strings.Contains(exported, s2sSecret) || strings.Contains(exported, genSecret) || !strings.Contains(exported, "Reports") {
		t.Fatalf("export = %s", exported)
	}
	file := filepath.Join(t.TempDir(), "export.json")
	if err := os.WriteFile(file, []byte(exported), 0o600); err != nil {
		t.Fatal(err)
	}
	// Importing into the same store refuses the duplicates and changes nothing.
	before, _ := os.ReadFile(filepath.Join(w.dir, "connections.json"))
	if r := w.run("x\ny\n", "import", file); r.code != 2 || !strings.Contains(r.stderr, "already taken") {
		t.Fatalf("duplicate import: exit %d %q", r.code, r.stderr)
	}
	// A second machine: a fresh config dir.
	other := w.secondMachine()
	r := other.run(genSecret+"\n"+s2sSecret+"\n", "import", file, "--yes") // the fake Zoom is a host outside Zoom
	if r.code != 0 || !strings.Contains(r.stderr, "1. ") {
		t.Fatalf("import: exit %d %q", r.code, r.stderr)
	}
	if tok := other.run("", "token", "Reports"); tok.code != 0 {
		t.Fatalf("imported S2S connection does not work: %q", tok.stderr)
	}
	for _, hostile := range []string{"{", `{"format":"zoomconn-export","version":1,"connections":[{"name":"X","type":"s2s","account_id":"a","client_id":"c","endpoints":{"preset":"custom","token_url":"http://evil.example/t"}}]}`, strings.Repeat(" ", 2<<20)} {
		if err := os.WriteFile(file, []byte(hostile), 0o600); err != nil {
			t.Fatal(err)
		}
		if r := w.run("s\n", "import", file); r.code != 2 {
			t.Fatalf("hostile import: exit %d %q", r.code, r.stderr)
		}
	}
	if after, _ := os.ReadFile(filepath.Join(w.dir, "connections.json")); !bytes.Equal(before, after) {
		t.Fatal("a refused import changed the store")
	}
	w.assertHygiene()
}

// On the shared test clock: `token` reuses a cached token until it is due,
// then gets a new one (S2S) or refreshes (OAuth 2.0).
func TestCommandLineTokenRenewsWhenDue(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Reports", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	w.addOAuth("Me", "genID", false)
	w.login("Me")
	first := map[string]string{}
	for _, name := range []string{"Reports", "Me"} {
		first[name] = w.must("", "token", name).stdout
	}
	w.clock.Advance(30 * time.Minute)
	for name, tok := range first {
		if again := w.must("", "token", name).stdout; again != tok {
			t.Errorf("%s: a token valid for 30 more minutes was not reused", name)
		}
	}
	w.clock.Advance(time.Hour)
	for name, tok := range first {
		if again := w.must("", "token", name).stdout; again == tok || len(strings.TrimSpace(again)) < 20 {
			t.Errorf("%s: an expired token was printed again", name)
		}
	}
	st := w.zoom.Stats()
	if st.TokenRequests["account_credentials"] != 2 || st.TokenRequests["refresh_token"] != 1 || st.InvalidGrants != 0 {
		t.Fatalf("token requests %v, invalid_grant %d", st.TokenRequests, st.InvalidGrants)
	}
	w.assertHygiene()
}
