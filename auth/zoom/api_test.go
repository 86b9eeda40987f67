package zoom

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestResolveURL(t *testing.T) {
	const base = "https://api.zoom.us/v2"
	for _, tc := range []struct {
		path  string
		query url.Values
		want  string
		kind  string
	}{
		{"/users/me", nil, "https://api.zoom.us/v2/users/me", ""},
		{"users/me", nil, "https://api.zoom.us/v2/users/me", ""},
		{"/users?page_size=5&status=active", url.Values{"page_size": {"300"}}, "https://api.zoom.us/v2/users?page_size=300&status=active", ""},
		{"https://api.zoom.us/v2/users/me#frag", nil, "https://api.zoom.us/v2/users/me", ""},
		{"HTTPS://API.ZOOM.US:443/v2/users", nil, "https://API.ZOOM.US:443/v2/users", ""},
		{"https://api.zoom.us.evil.com/v2/users", nil, "", KindForeignHost},
		{"http://api.zoom.us/v2/users", nil, "", KindForeignHost},
		{"https://api.zoom.us:8443/v2/users", nil, "", KindForeignHost},
		{"//evil.com/v2/users", nil, "", KindForeignHost},
		{"https://user@api.zoom.us/v2/users", nil, "", KindForeignHost},
	} {
		u, err := ResolveURL(base, tc.path, tc.query)
		if tc.kind != "" {
			var ze *Error
			switch {
			case !IsKind(err, tc.kind):
				t.Errorf("%s: %v, want %s", tc.path, err, tc.kind)
			case asError(err, &ze) && (ze.Host == "" || ze.APIHost != "api.zoom.us"):
				// The facts a front-end words its own sentence from.
				t.Errorf("%s: host %q, API host %q", tc.path, ze.Host, ze.APIHost)
			}
			continue
		}
		if err != nil || u.String() != tc.want {
			t.Errorf("%s: %v %v, want %s", tc.path, u, err, tc.want)
		}
	}
}

func TestDo(t *testing.T) {
	var got *http.Request
	var gotBody string
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the token was sent to another origin: %s", r.Header.Get("Authorization"))
	}))
	defer evil.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/away" {
			http.Redirect(w, r, evil.URL+"/v2/x", http.StatusFound)
			return
		}
		got = r
		b := make([]byte, 100)
		n, _ := r.Body.Read(b)
		gotBody = string(b[:n])
		w.Header().Set("X-RateLimit-Category", "Light\u202e")
		w.Header().Set("X-RateLimit-Type", "QPS")
		w.Header().Set("Retry-After", "3")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"code":429,"message":"slow down"}`))
	}))
	defer srv.Close()
	c := &Client{}
	ctx := context.Background()
	resp, err := c.Do(ctx, srv.URL+"/v2", "tok", Request{Method: "post", Path: "meetings", Body: []byte(`{"a":1}`), Header: http.Header{"X-A": {"b"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Method != "POST" || got.URL.Path != "/v2/meetings" || got.Header.Get("Authorization") != "Bearer tok" ||
		got.Header.Get("Content-Type") != "application/json" || got.Header.Get("X-A") != "b" || gotBody != `{"a":1}` {
		t.Errorf("sent %s %s %v %q", got.Method, got.URL, got.Header, gotBody)
	}
	rl := resp.RateLimit
	if resp.OK() || rl.Category != `Light\u202e` || rl.Type != "QPS" || rl.Retry != 3*time.Second || !rl.HasRetry || rl.Daily() {
		t.Errorf("rate limit %+v", rl)
	}
	if e := resp.Explain(); e == nil || e.Kind != KindRateLimited {
		t.Errorf("explained as %v", e)
	}
	if _, err := c.Do(ctx, srv.URL+"/v2", "tok", Request{Path: "/x", Header: http.Header{"authorization": {"Bearer other"}}}); !IsKind(err, KindBadRequest) {
		t.Errorf("an Authorization header: %v", err)
	}
	if _, err := c.Do(ctx, srv.URL+"/v2", "tok", Request{Path: "/away"}); !IsKind(err, KindRedirect) || !strings.Contains(err.Error(), "own API address") {
		t.Errorf("a redirect away: %v", err)
	}
	if (RateLimit{Type: "Daily-limit"}).Daily() != true {
		t.Error("Daily-limit is not daily")
	}
}
