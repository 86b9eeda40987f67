package auth

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"zoomconn/auth/loopback"
	"zoomconn/auth/secret"
	"zoomconn/auth/zoom"
	"zoomconn/auth/zoomtest"
)

// seedStore writes n connections straight to the metadata file.
func seedStore(tb testing.TB, n int) *Store {
	s := newTestStore(tb, &secret.Memory{})
	d := &Data{Schema: SchemaVersion, Clients: []OAuthClient{{ID: "c", Name: "Client", ClientID: "x", Kind: Public}}}
	ep, _ := PresetEndpoints(PresetZoom)
	for i := range n {
		c := Connection{ID: fmt.Sprintf("id-%06d", i), Name: fmt.Sprintf("Connection %06d", i), Type: AuthS2S, AccountID: "acct", ClientID: "client", Endpoints: ep}
		if i%2 == 1 {
			c.Type, c.AccountID, c.ClientID, c.OAuthClientID = AuthOAuth, "", "", "c"
		}
		d.Connections = append(d.Connections, c)
	}
	if err := s.write(d); err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkLoad10k is a process's first read of a store of 10,000: a
// fresh Store each time, so no remembered parse helps.
func BenchmarkLoad10k(b *testing.B) {
	s := seedStore(b, 10_000)
	for b.Loop() {
		fresh, err := NewStore(s.Dir(), s.Secrets())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := fresh.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReload10k reads the unchanged file again in the same process
// (a token request does so up to four times).
func BenchmarkReload10k(b *testing.B) {
	s := seedStore(b, 10_000)
	if _, err := s.Load(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSave10k saves one connection into a store of 10,000: lock,
// load, validate, write the whole file atomically with fsync.
func BenchmarkSave10k(b *testing.B) {
	s := seedStore(b, 10_000)
	d, _ := s.Load()
	c := d.Connections[0]
	for i := 0; b.Loop(); i++ {
		in := ConnectionInput{ID: c.ID, Name: fmt.Sprintf("Renamed %d", i), Type: AuthS2S, AccountID: "acct", ClientID: "client"}
		if _, err := s.SaveConnection(in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCallbackToStoredToken measures callback received → tokens
// stored (code exchange with the local fake, keyring writes in memory,
// metadata update).
func BenchmarkCallbackToStoredToken(b *testing.B) {
	z := zoomtest.NewServer(zoomtest.Options{})
	defer z.Close()
	z.AddUser(zoomtest.User{ID: "u1", Email: "a@example.com", AccountID: "acct"})
	z.AddGeneralApp(zoomtest.GeneralApp{ClientID: pubClient, RedirectURLs: []string{"http://127.0.0.1/oauth/callback"}, Scopes: []string{"user:read:user"}})
	ze := z.Endpoints()
	s := newTestStore(b, &secret.Memory{})
	cl := mustSaveClient(b, s, ClientInput{Name: "pub", ClientID: pubClient, Public: true, Endpoints: CustomEndpoints(ze.AuthorizeURL, ze.TokenURL, ze.RevokeURL, ze.APIBaseURL)})
	mustSaveConn(b, s, ConnectionInput{Name: "Me", Type: AuthOAuth, OAuthClientID: cl.ID})
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
