package auth

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestLoopbackIsOneShotAndBoundToLoopbackOnly(t *testing.T) {
	lb, err := listenLoopback(0, "the-state")
	if err != nil {
		t.Fatal(err)
	}
	defer lb.close()
	addr := lb.listener.Addr().(*net.TCPAddr)
	if !addr.IP.Equal(net.IPv4(127, 0, 0, 1)) {
		t.Fatalf("bound to %v, want 127.0.0.1 only", addr.IP)
	}
	if !strings.HasPrefix(lb.redirectURL, "http://127.0.0.1:") || !strings.HasSuffix(lb.redirectURL, CallbackPath) {
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
	code, err := lb.wait(context.Background(), time.Second)
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
	_, err = listenLoopback(l.Addr().(*net.TCPAddr).Port, "s")
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("err = %v", err)
	}
}
