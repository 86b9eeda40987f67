package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"zoomconn/auth/zoomtest"
)

// Issue 17: a token from a token endpoint that is no RFC 6750 bearer token
// (an escape, a CRLF) is refused where it enters: `token` prints nothing
// of it in any format, says which host sent it, and caches nothing, so the
// next call asks the server again.
func TestCommandLineRefusesAnUnusableAccessToken(t *testing.T) {
	bothWays(t, zoomtest.Options{}, testRefusesAnUnusableAccessToken)
}

func testRefusesAnUnusableAccessToken(t *testing.T, w *world) {
	z := newEvilZoom(t)
	w.must("secret\n", append([]string{"add-s2s", "Evil", "--account-id", "a", "--client-id", "c"}, z.flags()...)...)
	id := w.connectionID("Evil")
	host := strings.TrimPrefix(z.URL, "http://")
	for _, tt := range []struct {
		name, token string
		args        []string
	}{
		{"escape", "at-evil\x1b]0;pwned\x07\x1b[2J", []string{"token", "Evil"}},
		{"CRLF in a header", "at-evil\r\nX-Injected: yes", []string{"token", "--format", "header", "Evil"}},
		{"CRLF in env", "at-evil\r\nexport PATH=/tmp", []string{"token", "--format", "env", "Evil"}},
		{"C1 in json", "at-evil\u009b31m", []string{"token", "--format", "json", "Evil"}},
		{"bidi", "at-evil\u202e", []string{"token", "Evil"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			z.answer(func() (int, any) {
				return http.StatusOK, map[string]any{"access_token": tt.token, "token_type": "bearer", "expires_in": 3600}
			}, nil)
			for try := 1; try <= 2; try++ {
				before := z.requests()
				r := w.run("", tt.args...)
				out := r.stdout + r.stderr
				if r.code != ExitFailed || r.stdout != "" || !strings.Contains(r.stderr, "The token endpoint "+host+" answered with an unusable access token") {
					t.Fatalf("try %d: exit %d, stdout %q, stderr %q", try, r.code, r.stdout, r.stderr)
				}
				if strings.Contains(out, "at-evil") || strings.Contains(out, "X-Injected") {
					t.Fatalf("try %d: the token reached the output: %q", try, out)
				}
				assertTerminalSafe(t, "output", out, 2000)
				// Nothing cached: each call asks the server.
				if z.requests() != before+1 {
					t.Fatalf("try %d: %d token requests", try, z.requests()-before)
				}
				if w.keyringHas("connection/" + id + "/access-token") {
					t.Fatalf("try %d: the refused token was cached", try)
				}
			}
		})
	}
	// A good token after a bad one is handed out and cached as usual.
	z.answer(goodToken(3600), nil)
	first := w.must("", "token", "Evil").stdout
	if again := w.must("", "token", "Evil").stdout; again != first || !w.keyringHas("connection/"+id+"/access-token") {
		t.Fatalf("a good token: %q then %q", first, again)
	}
	w.assertHygiene()
}

// tamperingProxy stands between zoomconn and a fake Zoom's token endpoint
// and, while tamper is set, spoils the refresh token of each answer.
type tamperingProxy struct {
	*httptest.Server
	mu     sync.Mutex
	tamper bool
}

// spoiled is what tamperingProxy makes of a refresh token.
func spoiled(rt string) string { return rt + "\x1b[2J\r\nX: y" }

func newTamperingProxy(t *testing.T, tokenURL string) *tamperingProxy {
	p := &tamperingProxy{}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req, _ := http.NewRequest(http.MethodPost, tokenURL, bytes.NewReader(body))
		req.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		var answer map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&answer)
		p.mu.Lock()
		if rt, ok := answer["refresh_token"].(string); ok && p.tamper {
			answer["refresh_token"] = spoiled(rt)
		}
		p.mu.Unlock()
		// A token said to live a minute is never reused past the cache's
		// one-minute margin, so each `token` refreshes.
		if _, ok := answer["expires_in"]; ok {
			answer["expires_in"] = 60
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(resp.StatusCode)
		_ = json.NewEncoder(w).Encode(answer)
	}))
	t.Cleanup(p.Close)
	return p
}

func (p *tamperingProxy) setTamper(on bool) {
	p.mu.Lock()
	p.tamper = on
	p.mu.Unlock()
}

// keyringValue is the machine's keyring item for key, or "".
func (w *world) keyringValue(key string) string {
	w.t.Helper()
	if !w.processes {
		return w.secrets.Snapshot()[key]
	}
	out, _ := exec.Command("secret-tool", "lookup", "service", testKeyringService(), "username", key).Output()
	return string(out)
}

// loginResult runs `zoomconn login NAME --no-browser` and plays the
// browser, whatever the login's outcome.
func (w *world) loginResult(name string) result {
	w.t.Helper()
	r := w.start("", "login", name, "--no-browser")
	select {
	case <-r.stderr.watch("If Zoom says"):
		for _, f := range strings.Fields(r.stderr.String()) {
			if strings.HasPrefix(f, "http://127.0.0.1:") && strings.Contains(f, "/oauth/authorize") {
				if err := zoomtest.NewBrowser().Visit(f); err != nil {
					w.t.Fatalf("the browser could not complete the authorization: %v\nlogin said: %s", err, r.stderr.String())
				}
			}
		}
	case <-r.exited:
	}
	return r.wait()
}

// Issue 17: a refresh token with a character no bearer token has is
// refused on login and on refresh, and never saved.
func TestCommandLineRefusesAnUnusableRefreshToken(t *testing.T) {
	bothWays(t, zoomtest.Options{}, testRefusesAnUnusableRefreshToken)
}

func testRefusesAnUnusableRefreshToken(t *testing.T, w *world) {
	ep := w.zoom.Endpoints()
	proxy := newTamperingProxy(t, ep.TokenURL)
	host := strings.TrimPrefix(proxy.URL, "http://")
	w.must("", "add-client", "Team", "--client-id", "pubID", "--public", "--endpoints", "custom", "--authorize-url", ep.AuthorizeURL,
		"--token-url", proxy.URL+"/oauth/token", "--revoke-url", ep.RevokeURL, "--api-url", ep.APIBaseURL)
	w.must("", "add-oauth", "Me", "--client", "Team")
	id := w.connectionID("Me")
	refused := "The token endpoint " + host + " answered with an unusable refresh token"
	check := func(what string, r result) {
		t.Helper()
		if r.code != ExitFailed || r.stdout != "" || !strings.Contains(r.stderr, refused) {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", what, r.code, r.stdout, r.stderr)
		}
		assertTerminalSafe(t, what+"'s stderr", r.stderr, 2000)
	}

	proxy.setTamper(true)
	check("login", w.loginResult("Me"))
	for _, kind := range []string{"refresh-token", "access-token"} {
		if w.keyringHas("connection/" + id + "/" + kind) {
			t.Fatalf("a refused login saved the %s", kind)
		}
	}

	proxy.setTamper(false)
	w.login("Me")
	saved := w.keyringValue("connection/" + id + "/refresh-token")
	if saved == "" {
		t.Fatal("a good login saved no refresh token")
	}
	proxy.setTamper(true)
	check("token", w.run("", "token", "Me"))
	if now := w.keyringValue("connection/" + id + "/refresh-token"); now != saved {
		t.Fatalf("the stored refresh token changed on a refused refresh (spoiled: %v)", strings.Contains(now, "\x1b"))
	}
	w.assertHygiene() // the spoiled tokens hold Zoom's: none reached any output
}

// Issue 17: the host of a redirect zoomconn refuses is the server's text:
// a bidi override or a C1 CSI in it reaches stderr only made visible.
func TestCommandLineRefusedRedirectHostIsSafe(t *testing.T) {
	for _, loc := range []string{"http://evil%E2%80%AE.example", "http://evil\u009b31m.example"} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/oauth/token" && r.URL.Query().Get("ok") == "" {
				w.Header()["Location"] = []string{loc + r.URL.Path}
				w.WriteHeader(http.StatusTemporaryRedirect)
				return
			}
			if r.URL.Path == "/ok/oauth/token" {
				tokenJSON(w, "access-token-redirect-1", "")
				return
			}
			w.Header()["Location"] = []string{loc + r.URL.Path}
			w.WriteHeader(http.StatusFound)
		}))
		t.Cleanup(srv.Close)
		w := newWorld(t, zoomtest.Options{})
		w.must("secret\n", append([]string{"add-s2s", "Tok", "--account-id", "a", "--client-id", "c"}, customFlags(srv.URL)...)...)
		// An API that redirects, behind a token endpoint that does not.
		w.must("secret\n", "add-s2s", "API", "--account-id", "a", "--client-id", "c", "--endpoints", "custom",
			"--authorize-url", srv.URL+"/oauth/authorize", "--token-url", srv.URL+"/ok/oauth/token",
			"--revoke-url", srv.URL+"/oauth/revoke", "--api-url", srv.URL+"/v2")
		for _, args := range [][]string{{"token", "Tok"}, {"test", "API"}} {
			r := w.run("", args...)
			if r.code != ExitFailed || !strings.Contains(r.stderr, "answered with a redirect to evil") {
				t.Fatalf("%v: exit %d, stderr %q", args, r.code, r.stderr)
			}
			assertTerminalSafe(t, args[0]+"'s stderr", r.stderr, 2000)
		}
	}
}
