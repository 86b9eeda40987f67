package loopback

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestLoopbackIsOneShotAndBoundToLoopbackOnly(t *testing.T) {
	lb, err := Listen(0, "/oauth/callback", "the-state")
	if err != nil {
		t.Fatal(err)
	}
	defer lb.Close()
	addr := lb.listener.Addr().(*net.TCPAddr)
	if !addr.IP.Equal(net.IPv4(127, 0, 0, 1)) {
		t.Fatalf("bound to %v, want 127.0.0.1 only", addr.IP)
	}
	if !strings.HasPrefix(lb.redirectURL, "http://127.0.0.1:") || !strings.HasSuffix(lb.redirectURL, "/oauth/callback") {
		t.Fatalf("redirect URL %q", lb.redirectURL)
	}
	get := func(query string) int {
		resp, err := noRedirects.Get(lb.redirectURL + "?" + query)
		if err != nil {
			return -1
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := get("code=first&state=the-state"); got != http.StatusOK {
		t.Fatalf("valid callback: %d", got)
	}
	// A replay racing the shutdown is refused (410) or finds the listener closed.
	if got := get("code=replayed&state=the-state"); got == http.StatusOK {
		t.Fatal("replayed callback accepted")
	}
	code, err := lb.Wait(context.Background(), time.Second)
	if err != nil || code != "first" {
		t.Fatalf("wait = %q, %v; want the first code", code, err)
	}
	if got := get("code=late&state=the-state"); got != -1 {
		t.Fatalf("listener still open after the flow: %d", got)
	}
}

func TestLoopbackFixedPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = Listen(l.Addr().(*net.TCPAddr).Port, "/oauth/callback", "s")
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("err = %v", err)
	}
}

const callbackPath = "/oauth/callback"

var noRedirects = &http.Client{
	Timeout:       5 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// FuzzCallback: whatever arrives at the loopback server, the flow ends
// only for our Host, our path and our exact state.
func FuzzCallback(f *testing.F) {
	f.Add("/oauth/callback", "code=abc&state=STATE", "HOST")
	f.Add("/oauth/callback", "code=abc&state=forged", "HOST")
	f.Add("/oauth/callback", "error=access_denied&state=STATE", "HOST")
	f.Add("/oauth/callback", "code=abc&state=STATE", "evil.example")
	f.Add("/favicon.ico", "", "HOST")
	f.Add("/oauth/callback", "state=STATE&state=x&code=", "HOST")
	f.Fuzz(func(t *testing.T, path, rawQuery, host string) {
		const state = "expected-state-value"
		lb := newServer("127.0.0.1:5000", callbackPath, state)
		rawQuery = strings.ReplaceAll(rawQuery, "STATE", state)
		host = strings.ReplaceAll(host, "HOST", lb.host)
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:5000/", nil)
		req.URL.Path, req.URL.RawQuery, req.Host = path, rawQuery, host
		rec := httptest.NewRecorder()
		lb.ServeHTTP(rec, req)
		select {
		case r := <-lb.result:
			q := req.URL.Query()
			if host != lb.host || path != callbackPath || q.Get("state") != state {
				t.Fatalf("flow ended by host %q path %q query %q", host, path, rawQuery)
			}
			if r.err == nil && r.code == "" {
				t.Fatal("success without a code")
			}
			if rec.Code != http.StatusOK {
				t.Fatalf("final page status %d", rec.Code)
			}
		default:
		}
		if strings.Contains(rec.Body.String(), "<script") {
			t.Fatal("page contains a script")
		}
	})
}
