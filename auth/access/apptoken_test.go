package access

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
	"zoomconn/auth/zoom"
	"zoomconn/auth/zoomtest"
)

// addClientEvents saves an OAuth client of the General app clientID (its
// secret, if any) with the fake's events socket and subscription sub.
func (e *env) addClientEvents(name, clientID, secret, sub string) auth.OAuthClient {
	e.t.Helper()
	eps := e.eps
	eps.EventsURL = e.zoom.Endpoints().EventsURL
	cl := storetest.MustSaveClient(e.t, e.store, auth.ClientInput{Name: name, ClientID: clientID, Public: secret == "", ClientSecret: secret,
		Endpoints: eps, EventsSubscription: &sub})
	e.zoom.AddEventSubscription(clientID, sub)
	return cl
}

// An OAuth client named itself listens with app-level tokens
// (client_credentials), one fetched for each connect and none stored: the
// exact bytes, a fresh token after a drop once the old one expired, and
// after Zoom refused one.
func TestListenAsAnOAuthClient(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	cl := e.addClientEvents("App", genClient, genSecret, "gen-sub")
	l := e.listen("App", ListenOptions{})
	l.open(t, e, "gen-sub")
	ev := `{"event":"app.deauthorized" ,"payload":{}}`
	if !e.zoom.EmitEvent("gen-sub", []byte(ev)) || l.wait(t, l.got, "event") != ev {
		t.Error("not the exact bytes")
	}
	e.clock.Advance(2 * time.Hour)
	e.zoom.DropEventConnection("gen-sub")
	l.open(t, e, "gen-sub")
	e.zoom.ExpireAccessTokens()
	e.zoom.DropEventConnection("gen-sub")
	l.open(t, e, "gen-sub")
	if !e.zoom.EmitEvent("gen-sub", []byte(`{"event":"z"}`)) || l.wait(t, l.got, "event after reconnecting") != `{"event":"z"}` {
		t.Error("no event after reconnecting")
	}
	l.stop(t)
	st := e.zoom.Stats()
	// Every connect fetches its own, so none is refused as expired: three
	// connects, three tokens.
	if n := st.TokenRequests["client_credentials"]; n != 3 {
		t.Errorf("%d client_credentials requests, want 3", n)
	}
	if len(st.TokenRequests) != 1 {
		t.Errorf("token requests %v, want only client_credentials", st.TokenRequests)
	}
	// No app-level token stored anywhere: not under the client, and the
	// metadata file has no expiry of one.
	for _, tok := range e.zoom.IssuedSecrets() {
		for _, k := range []string{store.ClientSecretKey(cl.ID), store.ClientSecretTokenKey(cl.ID), store.AccessTokenKey(cl.ID)} {
			if v, _ := e.store.Secrets().Get(k); strings.Contains(v, tok) {
				t.Errorf("%s holds an app-level token", k)
			}
		}
		l.mu.Lock()
		if strings.Contains(strings.Join(l.notices, "\n"), tok) {
			t.Error("a notice carries a token")
		}
		l.mu.Unlock()
	}
}

// A public client cannot get an app-level token: refused before anything
// is sent. One without a subscription is told which client keeps it.
func TestListenAsAnOAuthClientRefusals(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addClientEvents("Pub", pubClient, "", "pub-sub")
	var pc *PublicClientError
	if err := e.svc.Listen(context.Background(), "Pub", ListenOptions{}); !errors.As(err, &pc) || pc.Client != "Pub" {
		t.Errorf("a public client: %v", err)
	}
	if n := e.zoom.Stats().TokenRequests["client_credentials"]; n != 0 {
		t.Errorf("%d token requests for a public client", n)
	}
	storetest.MustSaveClient(t, e.store, auth.ClientInput{Name: "Bare", ClientID: genClient, ClientSecret: genSecret, Endpoints: e.eps})
	var ns *NoSubscriptionError
	if err := e.svc.Listen(context.Background(), "Bare", ListenOptions{}); !errors.As(err, &ns) || ns.Client != "Bare" {
		t.Errorf("no subscription: %v", err)
	}
	var nu *NoEventsURLError
	if err := e.svc.Listen(context.Background(), "Bare", ListenOptions{Subscription: "s"}); !errors.As(err, &nu) || nu.Client != "Bare" ||
		!strings.Contains(err.Error(), `The OAuth client "Bare" has custom endpoints without an events URL`) {
		t.Errorf("no events URL: %v", err)
	}
	// A wrong secret is Zoom refusing the client's credentials.
	e.addClientEvents("Wrong", genClient, "not-the-secret", "gen-sub")
	var ce *CredentialsError
	if err := e.svc.Listen(context.Background(), "Wrong", ListenOptions{}); !errors.As(err, &ce) || ce.Client != "Wrong" {
		t.Errorf("a wrong secret: %v", err)
	}
}

// refusing401 answers every request as Zoom's events socket refusing the
// token.
type refusing401 struct{}

func (refusing401) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 401, Header: http.Header{"Content-Type": {"application/json"}}, Request: r,
		Body: io.NopCloser(strings.NewReader(`{"code":124,"message":"Invalid access token."}`))}, nil
}

// A socket that refuses every token gets one fresh token, then the
// refusal is returned: no endless round of token requests.
func TestListenGivesUpWhenFreshTokensAreRefused(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addS2SEvents("S", "sub-1")
	e.addClientEvents("App", genClient, genSecret, "gen-sub")
	for name, grant := range map[string]string{"S": "account_credentials", "App": "client_credentials"} {
		d := &zoom.EventsDialer{HTTP: &http.Client{Transport: refusing401{}}}
		done := make(chan error, 1)
		go func() { done <- e.svc.Listen(context.Background(), name, ListenOptions{Dialer: d}) }()
		var ee *EventsError
		select {
		case err := <-done:
			if !errors.As(err, &ee) || ee.Status != 401 {
				t.Errorf("%s: %v", name, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: Listen kept asking for tokens (%v)", name, e.zoom.Stats().TokenRequests)
		}
		if n := e.zoom.Stats().TokenRequests[grant]; n != 2 {
			t.Errorf("%s: %d token requests, want 2 (the first, one fresh)", name, n)
		}
	}
}
