package zoomtest

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// client_credentials: a confidential General app gets an app-level token
// (HTTP Basic only, no refresh token) that opens its events subscription;
// a public client, a Server-to-Server app, a wrong secret or a
// deactivated app does not.
func TestClientCredentials(t *testing.T) {
	f := newFixture(t)
	f.AddEventSubscription(confID, "conf-sub")
	cc := url.Values{"grant_type": {"client_credentials"}}
	r := f.token(t, cc, confID, confSec)
	if r.status != http.StatusOK {
		t.Fatalf("client_credentials: %d %s", r.status, r.body)
	}
	m := r.json(t)
	tok, _ := m["access_token"].(string)
	if tok == "" || m["refresh_token"] != nil || m["expires_in"] != float64(3600) || m["token_type"] != "bearer" {
		t.Errorf("answer %s", r.body)
	}
	if n := f.Stats().TokenRequests["client_credentials"]; n != 1 {
		t.Errorf("%d client_credentials requests counted", n)
	}
	// The token opens the app's events socket.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	u := f.Endpoints().EventsURL + "?" + url.Values{"subscriptionId": {"conf-sub"}, "access_token": {tok}}.Encode()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http"+u[len("ws"):], nil)
	if got := do(t, req); got.status != http.StatusBadRequest && got.status != http.StatusUpgradeRequired {
		// Not a WebSocket request: past the token and subscription checks,
		// the library refuses the plain GET; a refused token would be 401.
		t.Errorf("the app-level token at its subscription: %d %s", got.status, got.body)
	}

	wantOAuthErr(t, f.token(t, cc, pubID, ""), http.StatusUnauthorized, "invalid_client", ReasonInvalidClient)
	wantOAuthErr(t, f.token(t, url.Values{"grant_type": {"client_credentials"}, "client_id": {pubID}}, "", ""), http.StatusUnauthorized, "invalid_client", ReasonInvalidClient)
	wantOAuthErr(t, f.token(t, cc, confID, "wrong"), http.StatusUnauthorized, "invalid_client", ReasonInvalidClient)
	wantOAuthErr(t, f.token(t, cc, s2sID, s2sSecret), http.StatusBadRequest, "unsupported_grant_type", ReasonUnsupportedGrantType)
	f.AddGeneralApp(GeneralApp{ClientID: "offID", ClientSecret: confSec, Deactivated: true})
	wantOAuthErr(t, f.token(t, cc, "offID", confSec), http.StatusUnauthorized, "invalid_client", ReasonAppNotActivated)
	// Expired like any token: refused at the socket.
	f.clock.Advance(2 * time.Hour)
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, "http"+u[len("ws"):], nil)
	if got := do(t, req); got.status != http.StatusUnauthorized {
		t.Errorf("an expired app-level token: %d %s", got.status, got.body)
	}
}
