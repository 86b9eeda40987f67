package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/zoomtest"
)

// TestMain runs this test binary as the zoomconn command line when asked,
// so end-to-end tests run real processes without building the GUI.
func TestMain(m *testing.M) {
	// Keyring items of this run and of the commands it runs (they inherit
	// the variable) live under their own service name, never the user's.
	if os.Getenv(auth.KeyringServiceEnv) == "" {
		os.Setenv(auth.KeyringServiceEnv, fmt.Sprintf("zoomconn-test-%d-%d", os.Getpid(), time.Now().UnixNano()))
	}
	if os.Getenv("ZOOMCONN_CLI_CHILD") == "1" {
		os.Exit(Run(os.Args[1:], "test"))
	}
	os.Exit(m.Run())
}

// testKeyringService is the keyring service name of this test run.
func testKeyringService() string { return os.Getenv(auth.KeyringServiceEnv) }

func requireKeyring(t *testing.T) {
	t.Helper()
	if err := auth.ProbeKeyring(&auth.KeyringStore{Timeout: 10 * time.Second}); err != nil {
		if os.Getenv("CI") != "" || os.Getenv("ZOOMCONN_REQUIRE_KEYRING") != "" {
			t.Fatalf("real keyring required but unavailable: %v", err)
		}
		t.Skipf("no Secret Service (%v); run `make test`", err)
	}
	t.Logf("real keyring: Secret Service answered (%s)", t.Name())
}

// world is one config dir plus a fake Zoom, driven through real processes.
type world struct {
	t      *testing.T
	dir    string
	zoom   *zoomtest.Server
	env    []string
	home   string
	output bytes.Buffer // every byte any command printed, for hygiene checks
	mu     sync.Mutex

	stopScan chan struct{}
	scanDone chan struct{}
	cmdlines map[string]bool // every process command line seen meanwhile
}

const (
	s2sSecret = "cli-s2s-secret-987"
	genSecret = "cli-general-secret-654"
)

func newWorld(t *testing.T, opts zoomtest.Options) *world {
	requireKeyring(t)
	z := zoomtest.NewServer(opts)
	t.Cleanup(z.Close)
	z.AddUser(zoomtest.User{ID: "u1", Email: "grace@example.com", FirstName: "Grace", LastName: "Hopper", AccountID: "acct"})
	z.AddS2SApp(zoomtest.S2SApp{AccountID: "acct", ClientID: "s2sID", ClientSecret: s2sSecret, Scopes: []string{"user:read:admin"}, Activated: true})
	z.AddGeneralApp(zoomtest.GeneralApp{ClientID: "genID", ClientSecret: genSecret, RedirectURLs: []string{"http://127.0.0.1/oauth/callback"}, Scopes: []string{"user:read:user"}})
	z.AddGeneralApp(zoomtest.GeneralApp{ClientID: "pubID", RedirectURLs: []string{"http://127.0.0.1/oauth/callback"}, Scopes: []string{"user:read:user"}})
	w := &world{t: t, dir: filepath.Join(t.TempDir(), "config"), home: t.TempDir(), zoom: z}
	w.env = append(os.Environ(), "ZOOMCONN_CLI_CHILD=1", "ZOOMCONN_CONFIG_DIR="+w.dir, "BROWSER=", "HOME="+w.home)
	t.Cleanup(w.cleanupKeyring)
	w.scanProcesses()
	return w
}

// scanProcesses records the command line of every process on the machine
// until assertHygiene, to prove no secret is ever passed as an argument.
func (w *world) scanProcesses() {
	w.stopScan, w.scanDone, w.cmdlines = make(chan struct{}), make(chan struct{}), map[string]bool{}
	go func() {
		defer close(w.scanDone)
		for {
			select {
			case <-w.stopScan:
				return
			default:
			}
			// A short pause keeps this from taking a whole core from the
			// processes it watches; each lives for several scans anyway.
			time.Sleep(time.Millisecond)
			paths, _ := filepath.Glob("/proc/[0-9]*/cmdline")
			for _, p := range paths {
				if raw, err := os.ReadFile(p); err == nil && len(raw) > 0 {
					w.mu.Lock()
					w.cmdlines[string(raw)] = true
					w.mu.Unlock()
				}
			}
		}
	}()
	w.t.Cleanup(func() {
		select {
		case <-w.scanDone:
		default:
			close(w.stopScan)
			<-w.scanDone
		}
	})
}

// cleanupKeyring removes what the test stored in the real keyring.
func (w *world) cleanupKeyring() {
	s, err := auth.NewStore(w.dir, &auth.KeyringStore{})
	if err != nil {
		return
	}
	d, err := s.Load()
	if err != nil {
		return
	}
	for _, c := range d.Connections {
		_ = s.DeleteConnection(c.Name)
	}
	for _, c := range d.Clients {
		_ = s.DeleteClient(c.Name)
	}
}

// connectionID reads a connection's id from the metadata file, to name its
// keyring items.
func (w *world) connectionID(name string) string {
	w.t.Helper()
	raw, err := os.ReadFile(filepath.Join(w.dir, "connections.json"))
	if err != nil {
		w.t.Fatal(err)
	}
	var d struct {
		Connections []struct{ ID, Name string } `json:"connections"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		w.t.Fatal(err)
	}
	for _, c := range d.Connections {
		if c.Name == name {
			return c.ID
		}
	}
	w.t.Fatalf("no connection %q in the metadata file", name)
	return ""
}

func (w *world) endpointFlags() []string {
	e := w.zoom.Endpoints()
	return []string{"--endpoints", "custom", "--authorize-url", e.AuthorizeURL, "--token-url", e.TokenURL, "--revoke-url", e.RevokeURL, "--api-url", e.APIBaseURL}
}

type result struct {
	stdout, stderr string
	code           int
}

func (w *world) cmd(stdin string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = w.env
	cmd.Stdin = strings.NewReader(stdin)
	return cmd
}

// childTimeout bounds one command run by a test; the slowest (a login
// through headless Chromium) takes seconds.
const childTimeout = 2 * time.Minute

func (w *world) run(stdin string, args ...string) result {
	w.t.Helper()
	cmd := w.cmd(stdin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	// A child that hangs gets SIGQUIT, so its goroutine dump in stderr shows
	// where, instead of the whole package timing out without a clue.
	watchdog := time.AfterFunc(childTimeout, func() { _ = cmd.Process.Signal(syscall.SIGQUIT) })
	err := cmd.Wait()
	watchdog.Stop()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		w.t.Fatal(err)
	}
	w.record(args, out.String(), errb.String())
	return result{out.String(), errb.String(), code}
}

func (w *world) record(args []string, stdout, stderr string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(args) == 0 || args[0] != "token" { // only `token` may print a token
		w.output.WriteString(stdout)
	}
	w.output.WriteString(stderr)
}

func (w *world) must(stdin string, args ...string) result {
	w.t.Helper()
	r := w.run(stdin, args...)
	if r.code != 0 {
		w.t.Fatalf("zoomconn %s: exit %d\nstderr: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// assertHygiene checks no secret reached the config dir, the HOME of the
// commands, any output other than `token`'s stdout, or any process's
// command line.
func (w *world) assertHygiene() {
	w.t.Helper()
	close(w.stopScan)
	<-w.scanDone
	secrets := append(w.zoom.IssuedSecrets(), s2sSecret, genSecret)
	for _, s := range secrets {
		if strings.Contains(w.output.String(), s) {
			w.t.Errorf("a secret appeared in command output")
		}
		for line := range w.cmdlines {
			if strings.Contains(line, s) {
				w.t.Errorf("a secret appeared in a process's arguments: %q", strings.ReplaceAll(line, s, "<secret>"))
			}
		}
	}
	if len(w.cmdlines) < 2 {
		w.t.Errorf("the process scan saw only %d command lines", len(w.cmdlines))
	}
	for _, dir := range []string{w.dir, w.home} {
		w.walkForSecrets(dir, secrets)
	}
}

func (w *world) walkForSecrets(dir string, secrets []string) {
	_ = filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		raw, _ := os.ReadFile(path)
		for _, s := range secrets {
			if bytes.Contains(raw, []byte(s)) {
				w.t.Errorf("a secret appeared in %s", path)
			}
		}
		return nil
	})
}

func TestCommandLineS2S(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
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

// playBrowser follows an authorize URL like a browser would: to the fake
// Zoom, then to the loopback redirect.
func playBrowser(authURL string) error {
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(authURL)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("browser ended at HTTP %d", resp.StatusCode)
	}
	return nil
}

// login runs `zoomconn login NAME --no-browser` and plays the browser with
// the URL it prints on stderr.
func (w *world) login(name string) result {
	w.t.Helper()
	cmd := w.cmd("", "login", name, "--no-browser")
	stderr, _ := cmd.StderrPipe()
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	var errText strings.Builder
	buf := make([]byte, 4096)
	opened := false
	for {
		n, err := stderr.Read(buf)
		errText.Write(buf[:n])
		if !opened {
			for _, f := range strings.Fields(errText.String()) {
				if strings.HasPrefix(f, "http://127.0.0.1:") && strings.Contains(f, "/oauth/authorize") {
					opened = true
					go func(u string) { _ = playBrowser(u) }(f)
				}
			}
		}
		if err == io.EOF {
			break
		}
	}
	_ = cmd.Wait()
	w.record([]string{"login"}, out.String(), errText.String())
	if cmd.ProcessState.ExitCode() != 0 {
		w.t.Fatalf("login failed: %s", errText.String())
	}
	return result{out.String(), errText.String(), 0}
}

func (w *world) addOAuth(name, client string, public bool) {
	w.t.Helper()
	if public {
		w.must("", append([]string{"add-client", name + "-client", "--client-id", client, "--public"}, w.endpointFlags()...)...)
	} else {
		w.must(genSecret+"\n", append([]string{"add-client", name + "-client", "--client-id", client}, w.endpointFlags()...)...)
	}
	w.must("", "add-oauth", name, "--client", name+"-client")
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
	if r := w.run("", "token", "Me"); r.code != 1 || !strings.Contains(r.stderr, "needs authorization") {
		t.Fatalf("token after revoke: %d %q", r.code, r.stderr)
	}
	w.assertHygiene()
}

// TestConcurrentTokenProcessesAtExpiry runs 8 `zoomconn token` processes at
// once on a connection whose access token is always due for refresh (30 s
// lifetime < the 60 s margin): every process refreshes, serialized, and
// Zoom's rotation never sees a dead refresh token.
func TestConcurrentTokenProcessesAtExpiry(t *testing.T) {
	w := newWorld(t, zoomtest.Options{TokenLifetime: 30 * time.Second})
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
	w := newWorld(t, zoomtest.Options{})
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
	fs := flag.NewFlagSet("add-s2s", flag.ContinueOnError)
	v := fs.String("client-id", "", "")
	pos, err := parse(fs, e, "add-s2s", []string{"Name", "--client-id", "x"}, 1, 1)
	if err != nil || len(pos) != 1 || pos[0] != "Name" || *v != "x" {
		t.Fatalf("pos %v, client-id %q, err %v", pos, *v, err)
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
	key := "connection/" + w.connectionID("Before") + "/client-secret"
	if out, _ := exec.Command("secret-tool", "lookup", "service", testKeyringService(), "username", key).Output(); len(out) != 0 {
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
	other := &world{t: t, dir: filepath.Join(t.TempDir(), "other"), home: w.home, zoom: w.zoom}
	other.env = append(append([]string{}, w.env...), "ZOOMCONN_CONFIG_DIR="+other.dir)
	t.Cleanup(other.cleanupKeyring)
	r := other.run(genSecret+"\n"+s2sSecret+"\n", "import", file)
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
