package access

import (
	"context"
	"slices"
	"testing"
	"time"

	"zoomconn/auth/store/storetest"
	"zoomconn/auth/zoomtest"
)

// TestMinTokenLifetime: a Service asking for a longer remaining lifetime
// replaces a cached token that has less, and keeps one that has more.
func TestMinTokenLifetime(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addS2S("Reports", s2sAccount, s2sClient, s2sSecret)
	ctx := context.Background()
	t1, err := e.svc.Token(ctx, "Reports")
	if err != nil {
		t.Fatal(err)
	}
	long := &Service{Store: e.store, Now: e.clock.Now, HTTPClient: e.svc.HTTPClient, MinTokenLifetime: 10 * time.Minute}
	if t2, err := long.Token(ctx, "Reports"); err != nil || t2.AccessToken != t1.AccessToken {
		t.Fatalf("a token with an hour left was replaced (%v)", err)
	}
	e.clock.Advance(51 * time.Minute)
	if t2, err := e.svc.Token(ctx, "Reports"); err != nil || t2.AccessToken != t1.AccessToken {
		t.Fatalf("the default minute margin replaced a token with 9 minutes left (%v)", err)
	}
	t3, err := long.Token(ctx, "Reports")
	if err != nil || t3.AccessToken == t1.AccessToken || e.zoom.Stats().TokenRequests["account_credentials"] != 2 {
		t.Fatalf("a token with 9 minutes left was handed out for 10 (%v)", err)
	}
	// The fresh token and its api_url are what the metadata file notes.
	c, _ := storetest.MustLoad(t, e.store).Connection("Reports")
	if c.TokenExpiry == nil || !c.TokenExpiry.Equal(t3.Expiry) || c.TokenAPIURL != e.zoom.URL() || t3.APIURL != e.zoom.URL() {
		t.Fatalf("noted expiry %v api_url %q; token %v %q", c.TokenExpiry, c.TokenAPIURL, t3.Expiry, t3.APIURL)
	}
	// So are its granted scopes (not secrets), for the app's details pane.
	if len(t3.Scopes()) == 0 || !slices.Equal(c.TokenScopes, t3.Scopes()) {
		t.Fatalf("noted scopes %q; token grants %q", c.TokenScopes, t3.Scopes())
	}
}
