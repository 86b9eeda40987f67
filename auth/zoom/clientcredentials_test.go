package zoom

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"zoomconn/internal/safetext/safetexttest"
)

// ClientCredentials: grant_type=client_credentials with the app's
// credentials as HTTP Basic (none in the body), the answer checked as every
// token answer is (b64token, no redirect followed), and nothing sent for a
// public client.
func TestClientCredentials(t *testing.T) {
	ctx := context.Background()
	var got *http.Request
	var form string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		got, form = r, r.PostForm.Encode()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"access_token":"app.level-token","token_type":"bearer","expires_in":3600}`))
	}))
	t.Cleanup(srv.Close)
	c := &Client{}
	tok, err := c.ClientCredentials(ctx, srv.URL+"/oauth/token", App{ClientID: "cid", Secret: "sec"})
	if err != nil || tok.AccessToken != "app.level-token" || tok.Expiry.IsZero() {
		t.Fatalf("ClientCredentials: %+v %v", tok, err)
	}
	if id, secret, ok := got.BasicAuth(); !ok || id != "cid" || secret != "sec" {
		t.Errorf("Basic %q %q %v", id, secret, ok)
	}
	if form != "grant_type=client_credentials" {
		t.Errorf("form %q, want only grant_type=client_credentials", form)
	}

	var hits atomic.Int32
	count := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	t.Cleanup(count.Close)
	if _, err := c.ClientCredentials(ctx, count.URL, App{ClientID: "public"}); !errors.Is(err, ErrPublicClient) || hits.Load() != 0 {
		t.Errorf("a public client: %v, %d requests", err, hits.Load())
	}

	// A token that is no b64token is refused, and not quoted.
	bad := tokenServer(t, map[string]any{"access_token": "s3cr3t\x1b]0;x\x07", "expires_in": 3600})
	if _, err := c.ClientCredentials(ctx, bad.URL, App{ClientID: "cid", Secret: "sec"}); !IsKind(err, KindBadResponse) || strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("a bad token: %v", err)
	}
	// A redirect is not followed: the Basic header would go along.
	for _, loc := range hostileLocations {
		r := redirector(t, http.StatusTemporaryRedirect, loc)
		_, err := c.ClientCredentials(ctx, r.URL+"/oauth/token", App{ClientID: "cid", Secret: "sec"})
		if !IsKind(err, KindRedirect) {
			t.Errorf("redirect to %q: %v", loc, err)
			continue
		}
		safetexttest.AssertSafe(t, "client_credentials redirect error", err.Error(), 1000)
	}
}
