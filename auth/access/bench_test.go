package access

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/loopback"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store/storetest"
	"zoomconn/auth/zoom"
	"zoomconn/auth/zoomtest"
)

// BenchmarkCallbackToStoredToken measures callback received → tokens
// stored (code exchange with the local fake, keyring writes in memory,
// metadata update).
func BenchmarkCallbackToStoredToken(b *testing.B) {
	z := zoomtest.NewServer(zoomtest.Options{})
	defer z.Close()
	z.AddUser(zoomtest.User{ID: "u1", Email: "a@example.com", AccountID: "acct"})
	z.AddGeneralApp(zoomtest.GeneralApp{ClientID: pubClient, RedirectURLs: []string{"http://127.0.0.1/oauth/callback"}, Scopes: []string{"user:read:user"}})
	ze := z.Endpoints()
	s := storetest.New(b, &secrettest.Memory{})
	cl := storetest.MustSaveClient(b, s, auth.ClientInput{Name: "pub", ClientID: pubClient, Public: true, Endpoints: auth.CustomEndpoints(ze.AuthorizeURL, ze.TokenURL, ze.RevokeURL, ze.APIBaseURL)})
	storetest.MustSaveConn(b, s, auth.ConnectionInput{Name: "Me", Type: auth.AuthOAuth, OAuthClientID: cl.ID})
	svc := &Service{Store: s, HTTPClient: &http.Client{Timeout: 5 * time.Second}}
	r, _ := svc.resolve("Me")
	for b.Loop() {
		b.StopTimer()
		lb, _ := loopback.Listen(0, CallbackPath, "st")
		app, _ := svc.app(r)
		flow := zoom.AuthCode{AuthorizeURL: r.conn.Endpoints.AuthorizeURL, TokenURL: r.conn.Endpoints.TokenURL, App: app, RedirectURL: lb.RedirectURL()}
		verifier := "v" + fmt.Sprint(time.Now().UnixNano()) + "-0123456789012345678901234567890123456789"
		resp, err := noRedirects.Get(flow.URL("st", verifier))
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		loc, _ := resp.Location()
		lb.Close()
		b.StartTimer()
		if _, err := svc.finishLogin(context.Background(), r, flow, loc.Query().Get("code"), verifier); err != nil {
			b.Fatal(err)
		}
	}
}
