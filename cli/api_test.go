package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"zoomconn/auth/zoomtest"
)

// apiRun is one `zoomconn api` run; sleeps are the waits it asked for
// (in-process only: processes really sleep).
type apiRun struct {
	result
	sleeps []time.Duration
}

// api runs `zoomconn api ARGS`: in-process with a recorded, instant sleep
// and stdout a terminal when asked, else as a real process.
func (w *world) api(stdin string, terminal bool, args ...string) apiRun {
	w.t.Helper()
	args = append([]string{"api"}, args...)
	if w.processes {
		if terminal {
			w.t.Fatal("a process's stdout is never a terminal here")
		}
		return apiRun{result: w.run(stdin, args...)}
	}
	var mu sync.Mutex
	var run apiRun
	var stdout, stderr bytes.Buffer
	e := &Env{Stdin: strings.NewReader(stdin), Stdout: &stdout, Stderr: &stderr, ConfigDir: w.dir, Keyring: w.secrets,
		OpenURL: zoomtest.NewBrowser().Open, Now: w.clock.Now, Version: "test", StdoutIsTerminal: terminal,
		Sleep: func(_ context.Context, d time.Duration) error {
			mu.Lock()
			defer mu.Unlock()
			run.sleeps = append(run.sleeps, d)
			return nil
		}}
	run.code = Main(args, e)
	run.stdout, run.stderr = stdout.String(), stderr.String()
	w.record(args, run.stdout, run.stderr)
	return run
}

// addS2S (use_test.go) adds a Server-to-Server connection on the fake.

func wantCode(t *testing.T, r apiRun, code int, what string) {
	t.Helper()
	if r.code != code {
		t.Fatalf("%s: exit %d, want %d\nstdout: %.500s\nstderr: %s", what, r.code, code, r.stdout, r.stderr)
	}
}

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("not a JSON object: %v\n%.500s", err, s)
	}
	return m
}

func TestAPIPaths(t *testing.T) {
	bothWays(t, zoomtest.Options{}, func(t *testing.T, w *world) {
		w.addS2S("S")
		base := w.zoom.Endpoints().APIBaseURL
		for _, path := range []string{"/users/me", "users/me", base + "/users/me"} {
			r := w.api("", false, "S", path)
			wantCode(t, r, 0, path)
			if m := decode(t, r.stdout); m["email"] != "grace@example.com" {
				t.Errorf("%s: %v", path, m)
			}
			if strings.Contains(r.stdout, "\n") || r.stderr != "" {
				t.Errorf("%s: not raw, or said something: %q / %q", path, r.stdout, r.stderr)
			}
		}
		calls := w.zoom.Stats().APICalls
		for _, foreign := range []string{"https://evil.example.com/v2/users/me", "http://127.0.0.1:1/v2/users/me", "//evil.example.com/v2/users/me",
			strings.Replace(base, "http://", "https://", 1) + "/users/me"} {
			r := w.api("", false, "S", foreign)
			wantCode(t, r, 2, foreign)
			if !strings.Contains(r.stderr, "sends the access token nowhere else") || r.stdout != "" {
				t.Errorf("%s: %q / %q", foreign, r.stdout, r.stderr)
			}
		}
		if n := w.zoom.Stats().APICalls; n != calls {
			t.Errorf("%d API calls for refused URLs", n-calls)
		}
		// A failure: exit 1, a sentence on stderr, the body on stdout.
		r := w.api("", false, "S", "/nope")
		wantCode(t, r, 1, "/nope")
		if !strings.Contains(r.stderr, "HTTP 404") || decode(t, r.stdout)["message"] != "Not found." {
			t.Errorf("/nope: %q / %q", r.stdout, r.stderr)
		}
		r = w.api("", false, "S", "-X", "DELETE", "/users/me")
		wantCode(t, r, 1, "DELETE")
		if w.zoom.LastAPIRequest().Method != "DELETE" || !strings.Contains(r.stderr, "HTTP 405") {
			t.Errorf("DELETE: %q", r.stderr)
		}
		w.assertHygiene()
	})
}

func TestAPIFlags(t *testing.T) {
	bothWays(t, zoomtest.Options{}, func(t *testing.T, w *world) {
		w.addS2S("S")
		w.zoom.AddS2SApp(zoomtest.S2SApp{AccountID: "acct", ClientID: "s2sID", ClientSecret: s2sSecret, Activated: true,
			Scopes: []string{"user:read:admin", "user:read:list_users:admin", "meeting:write:meeting:admin", "meeting:read:list_meetings:admin"}})
		agenda := filepath.Join(t.TempDir(), "agenda.txt")
		if err := os.WriteFile(agenda, []byte("Plans\nand more"), 0o600); err != nil {
			t.Fatal(err)
		}

		// -f and -F make a JSON body, and POST the default.
		r := w.api("", false, "S", "/users/me/meetings", "-f", "topic=Standup", "-F", "duration=30", "-F", "pre=true",
			"-F", "gone=null", "-f", "type=2", "-F", "settings[host_video]=false", "-F", "tags[]=a", "-F", "tags[]=7", "-F", "agenda=@"+agenda)
		wantCode(t, r, 0, "create")
		got := w.zoom.LastAPIRequest()
		var body map[string]any
		if err := json.Unmarshal(got.Body, &body); err != nil {
			t.Fatal(err)
		}
		want := map[string]any{"topic": "Standup", "duration": 30.0, "pre": true, "gone": nil, "type": "2",
			"settings": map[string]any{"host_video": false}, "tags": []any{"a", 7.0}, "agenda": "Plans\nand more"}
		if got.Method != "POST" || !reflect.DeepEqual(body, want) || got.Header.Get("Content-Type") != "application/json" {
			t.Errorf("sent %s %v %v", got.Method, body, got.Header)
		}
		if m := decode(t, r.stdout); m["topic"] != "Standup" || m["host_id"] != "u1" {
			t.Errorf("created %v", m)
		}

		// For GET (and DELETE) fields are the query.
		r = w.api("", false, "S", "-X", "GET", "/users", "-f", "status=active", "-F", "page_size=1")
		wantCode(t, r, 0, "GET with fields")
		if q := w.zoom.LastAPIRequest().Query; q.Get("page_size") != "1" || q.Get("status") != "active" || len(w.zoom.LastAPIRequest().Body) != 0 {
			t.Errorf("query %v", q)
		}
		if m := decode(t, r.stdout); m["page_size"] != 1.0 {
			t.Errorf("page %v", m)
		}

		// --input: a raw body from a file or stdin; --method is -X.
		raw := `{"topic":"From stdin","duration":15}`
		for _, in := range []string{"-", "file"} {
			args := []string{"S", "/users/u1/meetings", "--method", "post", "--input", in}
			if in == "file" {
				f := filepath.Join(t.TempDir(), "body.json")
				_ = os.WriteFile(f, []byte(raw), 0o600)
				args[len(args)-1] = f
			}
			r = w.api(raw, false, args...)
			wantCode(t, r, 0, "--input "+in)
			if got := w.zoom.LastAPIRequest(); string(got.Body) != raw || got.Method != "POST" {
				t.Errorf("--input %s sent %s %q", in, got.Method, got.Body)
			}
		}

		// -H adds a header; Authorization is refused before anything is sent.
		w.must("", "api", "S", "/users/me", "-H", "X-Trace: abc 1", "--header", "Accept-Language: de")
		if h := w.zoom.LastAPIRequest().Header; h.Get("X-Trace") != "abc 1" || h.Get("Accept-Language") != "de" {
			t.Errorf("headers %v", h)
		}
		calls := w.zoom.Stats().APICalls
		for _, h := range []string{"Authorization: Bearer abc", "authorization:x"} {
			r = w.api("", false, "S", "/users/me", "-H", h)
			wantCode(t, r, 2, h)
			if !strings.Contains(r.stderr, "Authorization header cannot be given") {
				t.Errorf("%q: %s", h, r.stderr)
			}
		}
		if w.zoom.Stats().APICalls != calls {
			t.Error("a request with an Authorization header was sent")
		}

		// -i: status line and headers first, never the Authorization.
		r = w.api("", false, "S", "-i", "/users/me")
		wantCode(t, r, 0, "-i")
		head, rest, _ := strings.Cut(r.stdout, "\n\n")
		if !strings.HasPrefix(head, "HTTP/1.1 200 OK\n") || !strings.Contains(head, "Content-Type: application/json") ||
			strings.Contains(strings.ToLower(r.stdout), "authorization") || strings.Contains(strings.ToLower(r.stdout), "bearer") {
			t.Errorf("-i printed %q", r.stdout)
		}
		if decode(t, rest)["email"] != "grace@example.com" {
			t.Errorf("-i body %q", rest)
		}
		r = w.api("", false, "S", "--include", "/nope")
		wantCode(t, r, 1, "--include 404")
		if !strings.HasPrefix(r.stdout, "HTTP/1.1 404 Not Found\n") {
			t.Errorf("--include 404 printed %q", r.stdout)
		}

		// --jq: strings raw, the rest JSON, one result a line.
		r = w.api("", false, "S", "/users/me", "--jq", ".email, .type, {id}")
		wantCode(t, r, 0, "--jq")
		if r.stdout != "grace@example.com\n1\n{\"id\":\"u1\"}\n" {
			t.Errorf("--jq printed %q", r.stdout)
		}
		if r = w.api("", false, "S", "/users/me", "--jq", ".["); r.code != 2 {
			t.Errorf("a bad --jq: exit %d", r.code)
		}
		w.assertHygiene()
	})
}

func TestAPIPrettyOnATerminal(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addS2S("S")
	r := w.api("", true, "S", "/users/me")
	wantCode(t, r, 0, "terminal")
	if !strings.Contains(r.stdout, "{\n  \"") || !strings.HasSuffix(r.stdout, "}\n") {
		t.Errorf("not pretty: %q", r.stdout)
	}
	r = w.api("", true, "S", "/users/me", "--jq", "{email}")
	if r.stdout != "{\n  \"email\": \"grace@example.com\"\n}\n" {
		t.Errorf("--jq on a terminal: %q", r.stdout)
	}
}

func TestAPIPaginate(t *testing.T) {
	bothWays(t, zoomtest.Options{}, func(t *testing.T, w *world) {
		w.addS2S("S")
		w.zoom.AddUsers("acct", 2990) // with Grace, 2991 users: 10 pages of 300
		w.zoom.AddUsers("other", 5)
		calls := w.zoom.Stats().APICalls
		r := w.api("", false, "S", "/users", "--paginate")
		wantCode(t, r, 0, "--paginate")
		if n := w.zoom.Stats().APICalls - calls; n != 10 {
			t.Errorf("%d pages fetched, want 10", n)
		}
		var merged struct {
			Users []struct {
				ID string `json:"id"`
			} `json:"users"`
			TotalRecords int             `json:"total_records"`
			PageSize     int             `json:"page_size"`
			Next         json.RawMessage `json:"next_page_token"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &merged); err != nil {
			t.Fatalf("%v: %.300s", err, r.stdout)
		}
		if len(merged.Users) != 2991 || merged.TotalRecords != 2991 || merged.PageSize != 300 || merged.Next != nil {
			t.Fatalf("merged %d users, total %d, page_size %d, next %s", len(merged.Users), merged.TotalRecords, merged.PageSize, merged.Next)
		}
		ids := map[string]bool{}
		for i, u := range merged.Users {
			ids[u.ID] = true
			if i > 0 && u.ID != fmt.Sprintf("user%05d", i) {
				t.Fatalf("user %d is %s", i, u.ID)
			}
		}
		if len(ids) != 2991 {
			t.Errorf("%d distinct users", len(ids))
		}

		// A page_size of the user's is kept.
		calls = w.zoom.Stats().APICalls
		r = w.api("", false, "S", "/users?page_size=1000", "--paginate", "--jq", ".users | length")
		wantCode(t, r, 0, "page_size=1000")
		if r.stdout != "2991\n" || w.zoom.LastAPIRequest().Query.Get("page_size") != "1000" || w.zoom.Stats().APICalls-calls != 10 {
			t.Errorf("page_size=1000: %q, %v", r.stdout, w.zoom.LastAPIRequest().Query)
		}
		r = w.api("", false, "S", "-X", "GET", "/users", "-f", "page_size=1500", "--paginate", "--jq", ".users[-1].id")
		if r.stdout != "user02990\n" || w.zoom.LastAPIRequest().Query.Get("page_size") != "1500" {
			t.Errorf("-f page_size: %q", r.stdout)
		}
		// Not a list: printed as is. Not GET: refused.
		if r = w.api("", false, "S", "/users/me", "--paginate"); r.code != 0 || decode(t, r.stdout)["id"] != "u1" {
			t.Errorf("paginating a user: %d %q", r.code, r.stdout)
		}
		if r = w.api("", false, "S", "/users", "--paginate", "-X", "POST"); r.code != 2 {
			t.Errorf("POST --paginate: exit %d", r.code)
		}
		// -i prints the first page's head once.
		r = w.api("", false, "S", "/users", "--paginate", "-i")
		if strings.Count(r.stdout, "HTTP/1.1 200 OK") != 1 || !strings.HasPrefix(r.stdout, "HTTP/1.1 200 OK\n") {
			t.Errorf("--paginate -i printed %.200q", r.stdout)
		}
		w.assertHygiene()
	})
}

func TestAPIRejectedTokenIsReplacedOnce(t *testing.T) {
	bothWays(t, zoomtest.Options{}, func(t *testing.T, w *world) {
		w.addS2S("S")
		w.must("", "api", "S", "/users/me")
		w.zoom.ExpireAccessTokens() // Zoom now answers 401, code 124, to the cached token
		r := w.api("", false, "S", "/users/me")
		wantCode(t, r, 0, "after 124")
		if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 2 {
			t.Errorf("%d token requests, want 2", n)
		}
		// The fresh token is cached.
		w.must("", "api", "S", "/users/me")
		if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 2 {
			t.Errorf("%d token requests after a third call, want 2", n)
		}
		w.assertHygiene()
	})
}

func TestAPIRateLimit(t *testing.T) {
	bothWays(t, zoomtest.Options{}, func(t *testing.T, w *world) {
		w.addS2S("S")
		after, wait := "2", 2*time.Second
		if w.processes {
			after, wait = "1", time.Second // a process really waits
		}
		w.zoom.InjectAPIRateLimit(zoomtest.RateLimit{Category: "Light", Type: "QPS", RetryAfter: after}, 1)
		r := w.api("", false, "S", "/users/me")
		wantCode(t, r, 0, "429 then OK")
		if !strings.Contains(r.stderr, "rate limited (Light, QPS), retrying in "+after+" s") || decode(t, r.stdout)["id"] != "u1" {
			t.Errorf("%q / %q", r.stdout, r.stderr)
		}
		if !w.processes && !slices.Equal(r.sleeps, []time.Duration{wait}) {
			t.Errorf("slept %v", r.sleeps)
		}

		// A daily limit is reported, not retried.
		calls := w.zoom.Stats().APICalls
		w.zoom.InjectAPIRateLimit(zoomtest.RateLimit{Category: "Heavy", Type: "Daily-limit"}, 1)
		r = w.api("", false, "S", "/users/me")
		wantCode(t, r, 1, "daily")
		if n := w.zoom.Stats().APICalls - calls; n != 1 || strings.Contains(r.stderr, "retrying") ||
			!strings.Contains(r.stderr, "daily rate limit (Heavy, Daily-limit)") || !strings.Contains(r.stdout, "maximum daily rate limit") {
			t.Errorf("%d calls; %q / %q", n, r.stdout, r.stderr)
		}
		w.assertHygiene()
	})
}

func TestAPIRateLimitBackoff(t *testing.T) {
	w := newWorld(t, zoomtest.Options{})
	w.addS2S("S")
	w.zoom.InjectAPIRateLimit(zoomtest.RateLimit{}, 3)
	r := w.api("", false, "S", "/users/me")
	wantCode(t, r, 0, "three 429s")
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; !slices.Equal(r.sleeps, want) {
		t.Errorf("slept %v, want %v", r.sleeps, want)
	}
	if strings.Count(r.stderr, "rate limited, retrying in") != 3 || !strings.Contains(r.stderr, "retrying in 4 s") {
		t.Errorf("stderr %q", r.stderr)
	}
	w.zoom.InjectAPIRateLimit(zoomtest.RateLimit{Category: "Medium", Type: "QPS"}, 4)
	r = w.api("", false, "S", "/users/me")
	wantCode(t, r, 1, "four 429s")
	if len(r.sleeps) != 3 || !strings.Contains(r.stderr, "(Medium, QPS) after 3 retries") {
		t.Errorf("slept %v; %q", r.sleeps, r.stderr)
	}
	// A Retry-After too long to wait is reported.
	w.zoom.InjectAPIRateLimit(zoomtest.RateLimit{RetryAfter: "3600"}, 1)
	r = w.api("", false, "S", "/users/me")
	wantCode(t, r, 1, "long Retry-After")
	if len(r.sleeps) != 0 || !strings.Contains(r.stderr, "asked to wait 1h0m0s") {
		t.Errorf("slept %v; %q", r.sleeps, r.stderr)
	}
}

func TestAPIScopeDoctor(t *testing.T) {
	bothWays(t, zoomtest.Options{}, func(t *testing.T, w *world) {
		w.addS2S("S")
		r := w.api("", false, "S", "/users/me/meetings")
		wantCode(t, r, 1, "4711")
		for _, want := range []string{
			"one of: meeting:read:list_meetings, meeting:read:list_meetings:admin.",
			`The token of "S" grants: user:read:admin.`,
			"Zoom App Marketplace under the app's Scopes", "simply run it again",
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("the doctor did not say %q: %s", want, r.stderr)
			}
		}
		if strings.Contains(r.stderr, ":admin scopes") || decode(t, r.stdout)["code"] != 4711.0 {
			t.Errorf("%q / %q", r.stdout, r.stderr)
		}
		// Server-to-Server: a fresh token first, since scopes are fixed at issue.
		if n := w.zoom.Stats().TokenRequests["account_credentials"]; n != 2 {
			t.Errorf("%d token requests, want 2 (the first, then a fresh one)", n)
		}
		// The scope was just added: the fresh token has it, and the call works.
		w.zoom.AddS2SApp(zoomtest.S2SApp{AccountID: "acct", ClientID: "s2sID", ClientSecret: s2sSecret, Activated: true,
			Scopes: []string{"user:read:admin", "meeting:read:list_meetings:admin"}})
		r = w.api("", false, "S", "/users/me/meetings")
		wantCode(t, r, 0, "after adding the scope")
		if m := decode(t, r.stdout); m["total_records"] != 0.0 {
			t.Errorf("%v", m)
		}

		// OAuth 2.0 (user-level): authorize again; no :admin scopes for user-managed apps.
		w.addOAuth("U", "genID", false)
		w.login("U")
		refreshes := w.zoom.Stats().TokenRequests["refresh_token"]
		r = w.api("", false, "U", "/users")
		wantCode(t, r, 1, "4711 OAuth")
		for _, want := range []string{
			"one of: user:read:list_users:admin, user:read:admin.", `The token of "U" grants: user:read:user.`,
			"User-managed apps get no :admin scopes", "authorize the connection again", "zoomconn login U",
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("the OAuth doctor did not say %q: %s", want, r.stderr)
			}
		}
		if n := w.zoom.Stats().TokenRequests["refresh_token"]; n != refreshes {
			t.Errorf("an OAuth token was refreshed on 4711")
		}
		w.assertHygiene()
	})
}
