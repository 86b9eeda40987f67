package cli

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"zoomconn/auth/zoomtest"
)

// hostileText is what a malicious server says: a title change, a screen
// clear, bidi overrides and isolates, a zero-width space, a C1 CSI, line
// breaks, and 100 KB more.
var hostileText = "\x1b]0;pwned\x07\x1b[2J\u202eevil\u2066 \u200bline\r\nbreak\u009b31m" + strings.Repeat("A", 100<<10)

// evilZoom is a token and API server that answers what the test says.
type evilZoom struct {
	*httptest.Server
	mu            sync.Mutex
	token, api    func() (int, any) // status and JSON body
	tokenRequests int
}

func newEvilZoom(t *testing.T) *evilZoom {
	z := &evilZoom{}
	z.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		z.mu.Lock()
		answer := z.api
		if r.URL.Path == "/oauth/token" {
			answer = z.token
			z.tokenRequests++
		}
		z.mu.Unlock()
		status, body := answer()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(z.Close)
	return z
}

func (z *evilZoom) answer(token, api func() (int, any)) {
	z.mu.Lock()
	z.token, z.api = token, api
	z.mu.Unlock()
}

func (z *evilZoom) requests() int {
	z.mu.Lock()
	defer z.mu.Unlock()
	return z.tokenRequests
}

func (z *evilZoom) flags() []string {
	return []string{"--endpoints", "custom", "--authorize-url", z.URL + "/oauth/authorize", "--token-url", z.URL + "/oauth/token",
		"--revoke-url", z.URL + "/oauth/revoke", "--api-url", z.URL + "/v2"}
}

func goodToken(expiresIn any) func() (int, any) {
	return func() (int, any) {
		body := map[string]any{"access_token": "at-" + time.Now().Format("150405.000000000"), "token_type": "bearer", "scope": "user:read:admin"}
		if expiresIn != nil {
			body["expires_in"] = expiresIn
		}
		return http.StatusOK, body
	}
}

// assertTerminalSafe fails if out holds anything a terminal or a bidi
// renderer acts on, or more than limit bytes.
func assertTerminalSafe(t *testing.T, what, out string, limit int) {
	t.Helper()
	if len(out) > limit {
		t.Errorf("%s is %d bytes, more than %d", what, len(out), limit)
	}
	if !utf8.ValidString(out) {
		t.Errorf("%s is not valid UTF-8", what)
	}
	for i, r := range out {
		if r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 || unicode.Is(unicode.Cf, r) {
			t.Errorf("%s holds %U at byte %d: %q", what, r, i, out[max(0, i-40):min(len(out), i+40)])
			return
		}
	}
}

// Finding 4: what a hostile server says reaches stderr, stdout, the
// metadata file and `list` only made safe and bounded, and `list` also
// cleans what an older version stored raw.
func TestCommandLineHostileServerText(t *testing.T) {
	bothWays(t, zoomtest.Options{}, testCommandLineHostileServerText)
}

func testCommandLineHostileServerText(t *testing.T, w *world) {
	z := newEvilZoom(t)
	w.must("secret\n", append([]string{"add-s2s", "Evil", "--account-id", "a", "--client-id", "c"}, z.flags()...)...)

	z.answer(func() (int, any) {
		return http.StatusBadRequest, map[string]any{"error": "invalid_request", "reason": hostileText, "error_description": hostileText}
	}, nil)
	r := w.run("", "token", "Evil")
	if r.code != 1 || !strings.Contains(r.stderr, `\x1b]0;pwned\x07`) {
		t.Fatalf("token: exit %d, stderr %q", r.code, r.stderr[:min(len(r.stderr), 300)])
	}
	assertTerminalSafe(t, "token's stderr", r.stderr, 2000)
	if r := w.run("", "test", "Evil"); r.code != 1 {
		t.Fatalf("test with a refused token: exit %d", r.code)
	} else {
		assertTerminalSafe(t, "test's stderr", r.stderr, 2000)
	}

	z.answer(goodToken(3600), func() (int, any) {
		return http.StatusOK, map[string]any{"id": hostileText, "email": hostileText, "first_name": "\u202eAda", "account_id": "\x1b[2J"}
	})
	r = w.must("", "test", "Evil")
	assertTerminalSafe(t, "test's stdout", r.stdout, 3000)

	z.answer(goodToken(3600), func() (int, any) {
		return http.StatusBadRequest, map[string]any{"code": 300, "message": hostileText}
	})
	r = w.run("", "test", "Evil")
	if r.code != 1 {
		t.Fatalf("test with a refused API call: exit %d", r.code)
	}
	assertTerminalSafe(t, "test's stderr", r.stderr, 2000)

	path := filepath.Join(w.dir, "connections.json")
	var stored struct {
		Connections []struct {
			LastTest *struct{ Message string } `json:"last_test"`
		} `json:"connections"`
	}
	raw, _ := os.ReadFile(path)
	if err := json.Unmarshal(raw, &stored); err != nil || len(stored.Connections) != 1 || stored.Connections[0].LastTest == nil {
		t.Fatalf("metadata file: %v\n%s", err, raw)
	}
	assertTerminalSafe(t, "the stored last test", stored.Connections[0].LastTest.Message, 2000)
	checkList := func() {
		t.Helper()
		table := w.must("", "list").stdout
		if !strings.Contains(table, "failing") {
			t.Fatalf("list shows no failure: %q", table)
		}
		assertTerminalSafe(t, "list", table, 3000)
		js := w.must("", "list", "--json").stdout
		assertTerminalSafe(t, "list --json", js, 3000)
		var listed struct {
			Connections []struct {
				Name     string
				LastTest struct{ Message string } `json:"last_test"`
			}
		}
		if err := json.Unmarshal([]byte(js), &listed); err != nil || len(listed.Connections) != 1 {
			t.Fatalf("list --json: %v", err)
		}
		assertTerminalSafe(t, "list --json message", listed.Connections[0].LastTest.Message+listed.Connections[0].Name, 2000)
	}
	checkList()

	// An older version stored the server's text and names as they came.
	var file map[string]any
	raw, _ = os.ReadFile(path)
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	conn := file["connections"].([]any)[0].(map[string]any)
	conn["last_test"].(map[string]any)["message"] = hostileText
	conn["name"] = "Evil\u202e\x1b[2J"
	raw, _ = json.MarshalIndent(file, "", "  ")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	checkList()
	w.assertHygiene()
}

// Finding 5 and 6: deceptive names and URLs are refused with rc 2 and a
// sentence, before any secret is read, and nothing changes.
func TestCommandLineRefusesDeceptiveNamesAndURLs(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.must(s2sSecret+"\n", append([]string{"add-s2s", "Report", "--account-id", "acct", "--client-id", "s2sID"}, w.endpointFlags()...)...)
	w.must("", "add-client", "Team", "--client-id", "pubID", "--public")
	path := filepath.Join(w.dir, "connections.json")
	before, _ := os.ReadFile(path)
	s2s := func(name string, extra ...string) []string {
		return append([]string{"add-s2s", name, "--account-id", "acct", "--client-id", "s2sID"}, extra...)
	}
	custom := func(authorize, token string) []string {
		return []string{"--endpoints", "custom", "--authorize-url", authorize, "--token-url", token,
			"--revoke-url", "https://zoom.us/oauth/revoke", "--api-url", "https://api.zoom.us/v2"}
	}
	const noQuery = "must not contain a query (?) or fragment (#)"
	tests := []struct {
		name   string
		args   []string
		phrase string
	}{
		{"bidi override", s2s("Pay\u202eroll"), "invisible characters"},
		{"zero-width space", s2s("Rep\u200bort"), "invisible characters"},
		{"bidi isolate", s2s("\u2066Payroll\u2069"), "invisible characters"},
		{"full-width look-alike", s2s("Ｒｅｐｏｒｔ"), `looks the same as the existing "Report"`},
		{"Cyrillic look-alike", s2s("R\u0435port"), `looks the same as the existing "Report"`},
		{"case look-alike", s2s("REPORT"), "already used"},
		{"client bidi", []string{"add-client", "Te\u202eam", "--client-id", "x", "--public"}, "invisible characters"},
		{"client full-width", []string{"add-client", "ＴＥＡＭ", "--client-id", "x", "--public"}, `looks the same as the existing "Team"`},
		{"token url #", s2s("Hash token", custom("https://zoom.us/oauth/authorize", "https://zoom.us/oauth/token#")...), "Token URL " + noQuery},
		{"token url ?", s2s("Query token", custom("https://zoom.us/oauth/authorize", "https://zoom.us/oauth/token?")...), "Token URL " + noQuery},
		{"authorize url #", s2s("Hash authorize", custom("https://zoom.us/oauth/authorize#", "https://zoom.us/oauth/token")...), "Authorize URL " + noQuery},
		{"authorize url ?", s2s("Query authorize", custom("https://zoom.us/oauth/authorize?", "https://zoom.us/oauth/token")...), "Authorize URL " + noQuery},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The secret on stdin is never read: the command stops first.
			r := w.run(s2sSecret+"\n", tt.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.phrase) || !strings.Contains(r.stderr, "nothing was saved") {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tt.phrase)
			}
			assertTerminalSafe(t, "stderr", r.stderr, 1000)
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Fatal("a refused command changed the metadata file")
			}
		})
	}
	// The profile's mapping is what gets stored: full-width letters and an
	// ideographic space are saved as plain ones.
	r := w.must(s2sSecret+"\n", s2s("Ｓａｌｅｓ\u3000EU", w.endpointFlags()...)...)
	if !strings.Contains(r.stderr, `"Sales EU"`) {
		t.Fatalf("add-s2s said %q", r.stderr)
	}
	w.must("", "token", "sales eu")
	w.assertHygiene()
}

// Finding 7: a token without a usable expires_in is still reused by the
// next process, and a huge one is not believed beyond 24 hours.
func TestCommandLineExpiresInIsClamped(t *testing.T) {
	bothWays(t, zoomtest.Options{}, testCommandLineExpiresInIsClamped)
}

func testCommandLineExpiresInIsClamped(t *testing.T, w *world) {
	z := newEvilZoom(t)
	for i, expiresIn := range []any{0, -5, nil} {
		name := []string{"Zero", "Negative", "Missing"}[i]
		w.must("secret\n", append([]string{"add-s2s", name, "--account-id", "a", "--client-id", "c"}, z.flags()...)...)
		z.answer(goodToken(expiresIn), nil)
		start := z.requests()
		first := w.must("", "token", name).stdout
		if again := w.must("", "token", name).stdout; again != first || z.requests() != start+1 {
			t.Errorf("expires_in %v: %d token requests for two calls", expiresIn, z.requests()-start)
		}
	}
	w.must("secret\n", append([]string{"add-s2s", "Huge", "--account-id", "a", "--client-id", "c"}, z.flags()...)...)
	z.answer(goodToken(int64(9999999999)), nil)
	before := w.now()
	w.must("", "token", "Huge")
	var listed struct {
		Connections []struct {
			Name        string
			TokenExpiry *time.Time `json:"token_expiry"`
		}
	}
	if err := json.Unmarshal([]byte(w.must("", "list", "--json").stdout), &listed); err != nil {
		t.Fatal(err)
	}
	for _, c := range listed.Connections {
		if c.TokenExpiry == nil || c.TokenExpiry.After(w.now().Add(24*time.Hour)) || c.TokenExpiry.Before(before) {
			t.Errorf("%s: token expiry %v, want within 24 h from now", c.Name, c.TokenExpiry)
		}
	}
	w.assertHygiene()
}
