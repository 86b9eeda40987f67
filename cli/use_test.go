package cli

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/access"
	"zoomconn/auth/store"
	"zoomconn/auth/zoomtest"
)

func (w *world) addS2S(name string) {
	w.t.Helper()
	w.must(s2sSecret+"\n", append([]string{"add-s2s", name, "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
}

// TestTokenFormats prints one token in every --format.
func TestTokenFormats(t *testing.T) { bothWays(t, zoomtest.Options{}, testTokenFormats) }

func testTokenFormats(t *testing.T, w *world) {
	w.addS2S("Reports")
	raw := strings.TrimSpace(w.must("", "token", "Reports").stdout)
	if again := strings.TrimSpace(w.must("", "token", "Reports", "--format", "raw").stdout); again != raw {
		t.Fatalf("--format raw printed %q, the default %q", again, raw)
	}
	var j map[string]any
	out := w.must("", "token", "reports", "--format", "json").stdout
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("--format json printed %q: %v", out, err)
	}
	exp, err := time.Parse(time.RFC3339, j["expires_at"].(string))
	if err != nil || exp.Before(w.now().Add(50*time.Minute)) || exp.After(w.now().Add(61*time.Minute)) {
		t.Errorf("expires_at %v (%v), now %v", j["expires_at"], err, w.now())
	}
	if j["access_token"] != raw || j["token_type"] != "Bearer" || j["api_url"] != w.zoom.Endpoints().APIBaseURL {
		t.Errorf("--format json: %s", out)
	}
	if scopes, _ := j["scopes"].([]any); len(scopes) != 1 || scopes[0] != "user:read:admin" {
		t.Errorf("scopes %v", j["scopes"])
	}
	if h := w.must("", "token", "Reports", "--format", "header").stdout; h != "Authorization: Bearer "+raw+"\n" {
		t.Errorf("--format header printed %q", h)
	}
	env := w.must("", "token", "Reports", "--format", "env").stdout
	if !strings.HasPrefix(env, "export ZOOM_ACCESS_TOKEN=") || !strings.Contains(env, raw) {
		t.Errorf("--format env printed %q", env)
	}
	if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 1 {
		t.Errorf("%d token requests for five `token` calls", n)
	}
	if r := w.run("", "token", "Reports", "--format", "yaml"); r.code != ExitUsage || r.stdout != "" || !strings.Contains(r.stderr, "--format") {
		t.Errorf("--format yaml: %+v", r)
	}
	w.assertHygiene()
}

// TestTokenFormatEnvQuotes checks `--format env` survives a shell with a
// token made of characters a shell would interpret.
func TestTokenFormatEnvQuotes(t *testing.T) {
	var out bytes.Buffer
	odd := `a'b c$HOME;"d`
	if err := printToken(&Env{Stdout: &out}, "env", "X", &access.Token{AccessToken: odd}); err != nil {
		t.Fatal(err)
	}
	if out.String() != `export ZOOM_ACCESS_TOKEN='a'\''b c$HOME;"d'`+"\n" {
		t.Fatalf("env output %q", out.String())
	}
	got, err := exec.Command("sh", "-c", out.String()+`printf %s "$ZOOM_ACCESS_TOKEN"`).Output()
	if err != nil || string(got) != odd {
		t.Fatalf("the shell read %q (%v), want %q", got, err, odd)
	}
}

// TestScopes lists the granted scopes and checks needed ones (the CI check).
func TestScopes(t *testing.T) { bothWays(t, zoomtest.Options{}, testScopes) }

func testScopes(t *testing.T, w *world) {
	w.addS2S("Reports")
	if r := w.must("", "scopes", "Reports"); r.stdout != "user:read:admin\n" {
		t.Errorf("scopes printed %q", r.stdout)
	}
	if r := w.run("", "scopes", "Reports", "--need", "user:read:admin"); r.code != ExitOK || r.stdout != "" {
		t.Errorf("--need of a granted scope: %+v", r)
	}
	r := w.run("", "scopes", "--need", "user:read:admin,meeting:write:admin, report:read:admin", "Reports")
	if r.code != ExitFailed || r.stdout != "meeting:write:admin\nreport:read:admin\n" || !strings.Contains(r.stderr, "meeting:write:admin report:read:admin") {
		t.Errorf("--need of missing scopes: %+v", r)
	}
	// A Server-to-Server token lacking a scope is fetched afresh once: the
	// scope may just have been added to the app.
	if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 2 {
		t.Errorf("%d token requests for three `scopes` calls, one missing scopes", n)
	}
	w.zoom.AddS2SApp(zoomtest.S2SApp{AccountID: "acct", ClientID: "s2sID", ClientSecret: s2sSecret, Scopes: []string{"user:read:admin", "meeting:write:admin"}, Activated: true})
	if r := w.run("", "scopes", "Reports", "--need", "meeting:write:admin"); r.code != ExitOK || r.stdout != "" {
		t.Errorf("--need of a scope just added: %+v", r)
	}
	if r := w.must("", "scopes", "Reports"); r.stdout != "user:read:admin\nmeeting:write:admin\n" {
		t.Errorf("the fresh token was not cached: scopes printed %q", r.stdout)
	}
	if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 3 {
		t.Errorf("%d token requests, want 3", n)
	}
	// OAuth 2.0: scopes are fixed at authorization; no refresh, say login.
	w.addOAuth("Mine", "genID", false)
	w.login("Mine")
	refreshes := w.zoom.Stats().TokenRequests["refresh_token"]
	if r := w.run("", "scopes", "Mine", "--need", "user:read:user,meeting:read:meeting"); r.code != ExitFailed || r.stdout != "meeting:read:meeting\n" || !strings.Contains(r.stderr, "zoomconn login Mine") {
		t.Errorf("OAuth --need: %+v", r)
	}
	if n := w.zoom.Stats().TokenRequests["refresh_token"]; n != refreshes {
		t.Errorf("scopes --need refreshed an OAuth token")
	}
	w.assertHygiene()
}

// TestExec runs programs with a connection: exit status, environment,
// stdin/stdout/stderr, and (as processes) no token on any command line.
func TestExec(t *testing.T) { bothWays(t, zoomtest.Options{}, testExec) }

func testExec(t *testing.T, w *world) {
	w.addS2S("Reports")
	if r := w.run("", "exec", "Reports", "--", "sh", "-c", "echo out; echo err >&2; exit 7"); r.code != 7 || r.stdout != "out\n" || r.stderr != "err\n" {
		t.Errorf("exit 7: %+v", r)
	}
	tok := strings.TrimSpace(w.must("", "token", "Reports").stdout)
	// The expected token comes on stdin, never as an argument.
	script := `test "$ZOOM_ACCESS_TOKEN" = "$(cat)" || exit 9; printf '%s\n' "$ZOOM_API_URL" "$ZOOM_CONNECTION" "$ZOOM_ACCOUNT_ID"`
	r := w.run(tok+"\n", "exec", "reports", "--", "sh", "-c", script)
	want := w.zoom.Endpoints().APIBaseURL + "\nReports\nacct\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("exec environment: %+v, want stdout %q", r, want)
	}
	if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 1 {
		t.Errorf("%d token requests: exec did not use the cached token", n)
	}

	w.addOAuth("Mine", "genID", false)
	w.login("Mine")
	if r := w.must("", "exec", "Mine", "--", "sh", "-c", `printf '%s %s\n' "${ZOOM_ACCOUNT_ID-none}" "$ZOOM_CONNECTION"`); r.stdout != "none Mine\n" {
		t.Errorf("OAuth exec printed %q", r.stdout)
	}

	for _, bad := range []struct {
		args []string
		code int
	}{
		{[]string{"exec", "Reports", "sh", "-c", "true"}, ExitUsage},
		{[]string{"exec", "Reports", "--"}, ExitUsage},
		{[]string{"exec", "Nope", "--", "true"}, ExitUsage},
		{[]string{"exec", "Reports", "--", "no-such-program-zoomconn"}, 127},
		{[]string{"exec", "Reports", "--", "sh", "-c", "kill -KILL $$"}, 128 + 9},
	} {
		if r := w.run("", bad.args...); r.code != bad.code {
			t.Errorf("%v: exit %d, want %d: %s", bad.args, r.code, bad.code, r.stderr)
		}
	}
	w.assertHygiene()
}

// TestExecRefreshesNearExpiry: exec hands over a token valid for at least
// 10 more minutes, fetching or refreshing one when the cached one is older.
func TestExecRefreshesNearExpiry(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addS2S("Reports")
	w.addOAuth("Mine", "genID", false)
	w.login("Mine")
	old := strings.TrimSpace(w.must("", "token", "Reports").stdout)
	w.clock.Advance(55 * time.Minute)
	if again := strings.TrimSpace(w.must("", "token", "Reports").stdout); again != old {
		t.Fatal("token did not use the cached token with 5 minutes left")
	}
	if r := w.run(old+"\n", "exec", "Reports", "--", "sh", "-c", `test "$ZOOM_ACCESS_TOKEN" != "$(cat)"`); r.code != 0 {
		t.Fatalf("exec handed over the token with 5 minutes left: %+v", r)
	}
	if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 2 {
		t.Fatalf("%d token requests, want 2", n)
	}
	fresh := strings.TrimSpace(w.must("", "token", "Reports").stdout)
	if fresh == old {
		t.Fatal("the fresh token was not cached")
	}
	if r := w.run(fresh+"\n", "exec", "Reports", "--", "sh", "-c", `test "$ZOOM_ACCESS_TOKEN" = "$(cat)"`); r.code != 0 {
		t.Fatalf("exec did not hand over the fresh cached token: %+v", r)
	}
	if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 2 {
		t.Fatalf("%d token requests, want still 2", n)
	}
	// OAuth 2.0: refreshed (the rotated refresh token saved) before exec.
	before := w.zoom.Stats().TokenRequests["refresh_token"]
	w.must("", "exec", "Mine", "--", "true")
	if n := w.zoom.Stats().TokenRequests["refresh_token"]; n != before+1 {
		t.Fatalf("%d refreshes for exec near expiry, want %d", n, before+1)
	}
	w.must("", "exec", "Mine", "--", "true")
	if n := w.zoom.Stats().TokenRequests["refresh_token"]; n != before+1 {
		t.Fatalf("exec refreshed a token with an hour left")
	}
	w.assertHygiene()
}

// TestListShowsTokenExpiryAndAPIBase: list --json shows each connection's
// token expiry and API base from the metadata file; for Zoom's own API, the
// regional api_url of its last token.
func TestListShowsTokenExpiryAndAPIBase(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addS2S("Reports")
	w.must(s2sSecret+"\n", "add-s2s", "Europe", "--account-id", "acct", "--client-id", "s2sID", "--endpoints", "zoom")
	type listed struct {
		Connections []struct {
			Name        string     `json:"name"`
			APIBase     string     `json:"api_base"`
			TokenExpiry *time.Time `json:"token_expiry"`
		} `json:"connections"`
	}
	list := func() listed {
		var l listed
		if err := json.Unmarshal([]byte(w.must("", "list", "--json").stdout), &l); err != nil {
			t.Fatal(err)
		}
		slices.SortFunc(l.Connections, func(a, b struct {
			Name        string     `json:"name"`
			APIBase     string     `json:"api_base"`
			TokenExpiry *time.Time `json:"token_expiry"`
		}) int {
			return strings.Compare(a.Name, b.Name)
		})
		return l
	}
	l := list()
	if len(l.Connections) != 2 || l.Connections[0].APIBase != "https://api.zoom.us/v2" || l.Connections[1].APIBase != w.zoom.Endpoints().APIBaseURL ||
		l.Connections[1].TokenExpiry != nil {
		t.Fatalf("before any token: %+v", l)
	}
	w.must("", "token", "Reports")
	test := w.must("", "test", "Reports")
	if !strings.Contains(test.stdout, "API:        "+w.zoom.Endpoints().APIBaseURL) {
		t.Errorf("test output %q", test.stdout)
	}
	s, err := store.Open(w.dir, w.secrets)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.Load()
	rep, _ := d.Connection("Reports")
	if rep.TokenAPIURL != w.zoom.URL() {
		t.Fatalf("token api_url noted as %q, want %q", rep.TokenAPIURL, w.zoom.URL())
	}
	eu, _ := d.Connection("Europe")
	if err := s.UpdateConnection(eu.ID, func(c *auth.Connection) { c.TokenAPIURL = "https://eu01api.zoom.us" }); err != nil {
		t.Fatal(err)
	}
	l = list()
	if l.Connections[0].APIBase != "https://eu01api.zoom.us/v2" {
		t.Errorf("regional API base shown as %q", l.Connections[0].APIBase)
	}
	if c := l.Connections[1]; c.APIBase != w.zoom.Endpoints().APIBaseURL || c.TokenExpiry == nil || c.TokenExpiry.Before(w.now().Add(59*time.Minute)) {
		t.Errorf("after a token: %+v", c)
	}
	// A foreign api_url is never used as the API base.
	if err := s.UpdateConnection(eu.ID, func(c *auth.Connection) { c.TokenAPIURL = "https://eu01api.example.com" }); err != nil {
		t.Fatal(err)
	}
	if l = list(); l.Connections[0].APIBase != "https://api.zoom.us/v2" {
		t.Errorf("a foreign api_url became the API base: %q", l.Connections[0].APIBase)
	}
}
