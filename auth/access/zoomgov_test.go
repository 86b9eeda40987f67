package access

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"zoomconn/auth"
	"zoomconn/auth/store/storetest"
	"zoomconn/auth/zoom"
	"zoomconn/auth/zoomtest"
)

// govTokens answers ZoomGov's token endpoint with a token and records the
// host of every request: zoomgov.com is not reachable from a test.
type govTokens struct {
	mu    sync.Mutex
	hosts []string
}

const govToken = "gov-access-token-1"

func (g *govTokens) RoundTrip(r *http.Request) (*http.Response, error) {
	g.mu.Lock()
	g.hosts = append(g.hosts, r.URL.Host)
	g.mu.Unlock()
	if r.URL.String() != "https://zoomgov.com/oauth/token" {
		return nil, errors.New("unexpected request")
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Request: r,
		Body: io.NopCloser(strings.NewReader(`{"access_token":"` + govToken + `","token_type":"bearer","expires_in":3600}`))}, nil
}

// ZoomGov's events socket is the preset wss://ws.zoomgov.com/ws, marked
// unverified: Listen says so before connecting, and the token goes to
// zoomgov.com's hosts only.
func TestListenZoomGov(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	g := &govTokens{}
	e.svc.HTTPClient = &http.Client{Transport: g}
	sub := "gov-sub"
	storetest.MustSaveConn(t, e.store, auth.ConnectionInput{Name: "Gov", Type: auth.AuthS2S, AccountID: s2sAccount, ClientID: s2sClient,
		ClientSecret: s2sSecret, Endpoints: auth.Endpoints{Preset: auth.PresetZoomGov}, EventsSubscription: &sub})
	var dialed []string
	d := &zoom.EventsDialer{Dial: func(_ context.Context, url string, _ *http.Client) (zoom.EventsSocket, error) {
		dialed = append(dialed, url)
		return nil, errors.New("no route to host")
	}}
	var notices []string
	err := e.svc.Listen(context.Background(), "Gov", ListenOptions{Dialer: d, OnNotice: func(s string) { notices = append(notices, s) }})
	var ee *EventsError
	if !errors.As(err, &ee) || strings.Contains(err.Error(), govToken) {
		t.Errorf("Listen: %v", err)
	}
	if len(dialed) != 1 || !strings.HasPrefix(dialed[0], "wss://ws.zoomgov.com/ws?") || !strings.Contains(dialed[0], "subscriptionId=gov-sub") {
		t.Errorf("dialed %q", dialed)
	}
	if len(notices) == 0 || !strings.Contains(notices[0], "ZoomGov's events socket wss://ws.zoomgov.com/ws is not verified") {
		t.Errorf("notices %q", notices)
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if strings.Join(g.hosts, " ") != "zoomgov.com" {
		t.Errorf("requests to %q, want the token from zoomgov.com only", g.hosts)
	}
}
