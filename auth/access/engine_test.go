package access

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/keyring"
	"zoomconn/auth/secret/keyring/keyringtest"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
	"zoomconn/auth/zoom"
	"zoomconn/auth/zoomtest"
)

// TestMain runs the tests, or in a child process started by
// storetest.HelperCmd a "token" helper.
func TestMain(m *testing.M) {
	storetest.Main(m, map[string]func() int{"token": helperToken})
}

const (
	s2sAccount = "acct-1"
	s2sClient  = "s2sClientID"
	s2sSecret  = "s2s-secret-value-123"
	genClient  = "generalClientID"
	genSecret  = "general-secret-value-456"
	pubClient  = "publicClientID"
)

type env struct {
	t     *testing.T
	zoom  *zoomtest.Server
	clock *zoomtest.Clock
	store *store.Store
	svc   *Service
	eps   auth.Endpoints
}

func newEnv(t *testing.T, opts zoomtest.Options) *env {
	t.Helper()
	c := zoomtest.NewClock(time.Now())
	opts.Now = c.Now
	z := zoomtest.NewServer(opts)
	t.Cleanup(z.Close)
	z.AddUser(zoomtest.User{ID: "u1", Email: "ada@example.com", FirstName: "Ada", LastName: "Lovelace", AccountID: s2sAccount})
	z.AddS2SApp(zoomtest.S2SApp{AccountID: s2sAccount, ClientID: s2sClient, ClientSecret: s2sSecret, Scopes: []string{"user:read:admin", "meeting:read:admin"}, Activated: true})
	redirects := []string{"http://127.0.0.1/oauth/callback"}
	z.AddGeneralApp(zoomtest.GeneralApp{ClientID: genClient, ClientSecret: genSecret, RedirectURLs: redirects, Scopes: []string{"user:read:user", "meeting:read:meeting"}})
	z.AddGeneralApp(zoomtest.GeneralApp{ClientID: pubClient, RedirectURLs: redirects, Scopes: []string{"user:read:user"}})
	ze := z.Endpoints()
	e := &env{t: t, zoom: z, clock: c, eps: auth.CustomEndpoints(ze.AuthorizeURL, ze.TokenURL, ze.RevokeURL, ze.APIBaseURL)}
	e.store = storetest.New(t, storetest.Secrets(t))
	e.store.Now = c.Now
	e.svc = &Service{Store: e.store, Now: c.Now, HTTPClient: &http.Client{Timeout: 5 * time.Second}}
	return e
}

// useSecrets puts the env's store, and so its Service, on secrets.
func (e *env) useSecrets(secrets secret.Store) {
	e.store = e.store.WithSecrets(secrets)
	e.svc.Store = e.store
}

func (e *env) addS2S(name, account, clientID, secret string) {
	e.t.Helper()
	storetest.MustSaveConn(e.t, e.store, auth.ConnectionInput{Name: name, Type: auth.AuthS2S, AccountID: account, ClientID: clientID, ClientSecret: secret, Endpoints: e.eps})
}

func (e *env) addOAuth(name, clientID, secret string) {
	e.t.Helper()
	cl := storetest.MustSaveClient(e.t, e.store, auth.ClientInput{Name: name + " client", ClientID: clientID, ClientSecret: secret, Public: secret == "", Endpoints: e.eps})
	storetest.MustSaveConn(e.t, e.store, auth.ConnectionInput{Name: name, Type: auth.AuthOAuth, OAuthClientID: cl.ID, Endpoints: e.eps})
}

var noRedirects = &http.Client{
	Timeout:       5 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func TestS2STokenIsCachedAndTested(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addS2S("Reports", s2sAccount, s2sClient, s2sSecret)
	ctx := context.Background()

	t1, err := e.svc.Token(ctx, "reports")
	if err != nil {
		t.Fatal(err)
	}
	t2, err := e.svc.Token(ctx, "Reports")
	if err != nil {
		t.Fatal(err)
	}
	if t1.AccessToken != t2.AccessToken || e.zoom.Stats().TokenRequests["account_credentials"] != 1 {
		t.Fatalf("token not cached: %d requests", e.zoom.Stats().TokenRequests["account_credentials"])
	}
	rep, err := e.svc.Test(ctx, "Reports")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Identity.Email != "ada@example.com" || rep.Identity.AccountID != s2sAccount || len(rep.Scopes) != 2 || rep.Expiry.IsZero() {
		t.Fatalf("report = %+v", rep)
	}
	d := storetest.MustLoad(t, e.store)
	c, _ := d.Connection("Reports")
	if c.LastTest == nil || !c.LastTest.OK || !strings.Contains(c.LastTest.Message, "ada@example.com") || c.TokenExpiry == nil {
		t.Fatalf("stored test result %+v, expiry %v", c.LastTest, c.TokenExpiry)
	}
	// 60 s before expiry the cached token is no longer handed out.
	e.clock.Advance(time.Hour - 59*time.Second)
	t3, err := e.svc.Token(ctx, "Reports")
	if err != nil || t3.AccessToken == t1.AccessToken {
		t.Fatalf("token near expiry reused: %v", err)
	}
	secrettest.AssertNoSecretInDir(t, e.store.Dir(), append(e.zoom.IssuedSecrets(), s2sSecret)...)
}

func TestS2SErrorsAreExplained(t *testing.T) {
	tests := []struct {
		name, account, client, secret string
		kind, phrase                  string
	}{
		{"wrong secret", s2sAccount, s2sClient, "nope", zoom.KindInvalidClient, "Client ID or Client secret"},
		{"wrong account", "other-acct", s2sClient, s2sSecret, zoom.KindInvalidAccount, "Account ID"},
		{"general app as s2s", s2sAccount, genClient, genSecret, zoom.KindUnsupportedGrant, "General app"},
		{"not activated", "acct-2", "inactiveClient", "inactive-secret", zoom.KindNotActivated, "Activate"},
	}
	e := newEnv(t, zoomtest.Options{})
	e.zoom.AddS2SApp(zoomtest.S2SApp{AccountID: "acct-2", ClientID: "inactiveClient", ClientSecret: "inactive-secret"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.addS2S(tt.name, tt.account, tt.client, tt.secret)
			_, err := e.svc.Test(context.Background(), tt.name)
			if !zoom.IsKind(err, tt.kind) || !strings.Contains(err.Error(), tt.phrase) {
				t.Fatalf("err = %v, want kind %s mentioning %q", err, tt.kind, tt.phrase)
			}
			// The facts a front-end needs to say where to change them.
			var ce *CredentialsError
			if !errors.As(err, &ce) || ce.Connection != tt.name || ce.ConnType != auth.AuthS2S || ce.Client != "" || ce.Error() != ce.Err.Error() {
				t.Fatalf("err = %#v, want a CredentialsError of the Server-to-Server connection %q", err, tt.name)
			}
			d := storetest.MustLoad(t, e.store)
			if c, _ := d.Connection(tt.name); c.LastTest == nil || c.LastTest.OK {
				t.Fatal("failure not recorded on the connection")
			} else if c.LastTest.Kind != tt.kind {
				t.Errorf("recorded kind %q; want %q, for the front-ends to point at the field", c.LastTest.Kind, tt.kind)
			}
		})
	}
}

// A wrong client secret of an OAuth client: the refusal names the
// connection, its type and its client.
func TestOAuthCredentialsErrorNamesTheClient(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addOAuth("Me", genClient, "not-the-secret")
	b := zoomtest.NewBrowser()
	e.svc.OpenURL = b.Open
	_, err := e.svc.Login(context.Background(), "Me", LoginOptions{})
	var ce *CredentialsError
	if !errors.As(err, &ce) || ce.Connection != "Me" || ce.ConnType != auth.AuthOAuth || ce.Client != "Me client" || !zoom.IsKind(err, zoom.KindInvalidClient) {
		t.Fatalf("err = %#v, want a CredentialsError of the OAuth 2.0 connection Me and its client", err)
	}
}

func TestLoginConfidentialAndPublic(t *testing.T) {
	for _, tc := range []struct{ name, client, secret string }{
		{"confidential", genClient, genSecret},
		{"public", pubClient, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, zoomtest.Options{})
			e.addOAuth("Me", tc.client, tc.secret)
			b := zoomtest.NewBrowser()
			e.svc.OpenURL = b.Open
			var authURL string
			res, err := e.svc.Login(context.Background(), "Me", LoginOptions{Ready: func(u string) { authURL = u }})
			if err != nil {
				t.Fatal(err)
			}
			q := mustParse(t, authURL).Query()
			redirect := mustParse(t, q.Get("redirect_uri"))
			switch {
			case q.Get("response_type") != "code", q.Get("client_id") != tc.client,
				q.Get("code_challenge_method") != "S256", q.Get("code_challenge") == "",
				len(q.Get("state")) < 22, q.Has("scope"),
				redirect.Hostname() != "127.0.0.1", redirect.Path != CallbackPath, redirect.Port() == "":
				t.Fatalf("bad authorize URL %s", authURL)
			}
			if got := <-b.Callbacks; got != http.StatusOK {
				t.Fatalf("callback answered %d", got)
			}
			if res.Identity.Email != "ada@example.com" || len(res.Scopes) == 0 {
				t.Fatalf("login result %+v", res)
			}
			d := storetest.MustLoad(t, e.store)
			c, _ := d.Connection("Me")
			if c.NeedsAuth || c.TokenExpiry == nil {
				t.Fatalf("connection after login: %+v", c)
			}
			// The login proved the connection: its status is a passed test
			// naming who it acts as, not "never tested".
			if c.Status() != "OK" || !strings.Contains(c.LastTest.Message, "ada@example.com") {
				t.Fatalf("status after login %q, last test %+v", c.Status(), c.LastTest)
			}
			if _, err := e.svc.Token(context.Background(), "Me"); err != nil {
				t.Fatal(err)
			}
			// The listener is closed after the one valid callback.
			if _, err := http.Get(q.Get("redirect_uri")); err == nil {
				t.Fatal("loopback server still answering after the login")
			}
			secrettest.AssertNoSecretInDir(t, e.store.Dir(), append(e.zoom.IssuedSecrets(), tc.secret)...)
		})
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestForgedCallbacksDoNotEndTheFlow(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addOAuth("Me", pubClient, "")
	b := zoomtest.NewBrowser()
	forged := map[string]int{}
	b.Before = func(cb *url.URL) {
		try := func(name string, mutate func(u *url.URL, r *http.Request)) {
			u := *cb
			req, _ := http.NewRequest(http.MethodGet, "", nil)
			mutate(&u, req)
			req.URL = &u
			if req.Host == "" {
				req.Host = u.Host
			}
			resp, err := noRedirects.Do(req)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				return
			}
			resp.Body.Close()
			forged[name] = resp.StatusCode
		}
		setQ := func(k, v string) func(u *url.URL, r *http.Request) {
			return func(u *url.URL, r *http.Request) {
				q := u.Query()
				if v == "" {
					q.Del(k)
				} else {
					q.Set(k, v)
				}
				u.RawQuery = q.Encode()
			}
		}
		try("wrong state", setQ("state", "forged"))
		try("missing state", setQ("state", ""))
		try("wrong host", func(u *url.URL, r *http.Request) { r.Host = "evil.example:80" })
		try("favicon", func(u *url.URL, r *http.Request) { u.Path = "/favicon.ico"; u.RawQuery = "" })
		try("wrong state with error", func(u *url.URL, r *http.Request) { u.RawQuery = "error=access_denied&state=forged" })
	}
	e.svc.OpenURL = b.Open
	var redirectURI string
	if _, err := e.svc.Login(context.Background(), "Me", LoginOptions{Ready: func(u string) { redirectURI = mustParse(t, u).Query().Get("redirect_uri") }}); err != nil {
		t.Fatalf("login failed after forged callbacks: %v", err)
	}
	want := map[string]int{"wrong state": 400, "missing state": 400, "wrong host": 421, "favicon": 404, "wrong state with error": 400}
	for k, v := range want {
		if forged[k] != v {
			t.Errorf("%s answered %d, want %d", k, forged[k], v)
		}
	}
	if !strings.HasPrefix(redirectURI, "http://127.0.0.1:") {
		t.Fatalf("redirect %q", redirectURI)
	}
}

func TestLoginDeclined(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addOAuth("Me", genClient, genSecret)
	e.zoom.SetConsent(func(string) (string, bool) { return "u1", false })
	e.svc.OpenURL = zoomtest.NewBrowser().Open
	_, err := e.svc.Login(context.Background(), "Me", LoginOptions{})
	if !zoom.IsKind(err, zoom.KindDeclined) || !strings.Contains(err.Error(), "declined") {
		t.Fatalf("err = %v", err)
	}
	if d := storetest.MustLoad(t, e.store); !d.Connections[0].NeedsAuth {
		t.Fatal("declined login marked the connection authorized")
	}
}

func TestLoginInvalidRedirectIsExplained(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.zoom.AddGeneralApp(zoomtest.GeneralApp{ClientID: "strictClient", ClientSecret: "strict-secret", RedirectURLs: []string{"http://127.0.0.1/oauth/callback"}, RefuseLoopbackForConfidential: true})
	e.addOAuth("Strict", "strictClient", "strict-secret")
	b := zoomtest.NewBrowser()
	e.svc.OpenURL = b.Open
	ctx, cancel := context.WithCancel(context.Background())
	var page string
	go func() { page = <-b.Pages; cancel() }()
	_, err := e.svc.Login(ctx, "Strict", LoginOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("login err = %v, want cancelled", err)
	}
	ze := zoom.ExplainResponse(400, nil, []byte(page), nil)
	if ze.Kind != zoom.KindInvalidRedirect || !strings.Contains(ze.Error(), "public client (PKCE, no secret)") || !strings.Contains(ze.Error(), "not localhost") {
		t.Fatalf("zoom page %q explained as %v", page, ze)
	}
}

func TestLoginTimesOutAndCanBeCancelled(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addOAuth("Me", pubClient, "")
	_, err := e.svc.Login(context.Background(), "Me", LoginOptions{NoBrowser: true, Timeout: 10 * time.Millisecond})
	if !zoom.IsKind(err, zoom.KindTimeout) {
		t.Fatalf("err = %v, want timeout", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = e.svc.Login(ctx, "Me", LoginOptions{NoBrowser: true, Ready: func(string) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want cancelled", err)
	}
}

func (e *env) login(name string) {
	e.t.Helper()
	e.svc.OpenURL = zoomtest.NewBrowser().Open
	if _, err := e.svc.Login(context.Background(), name, LoginOptions{}); err != nil {
		e.t.Fatal(err)
	}
}

func TestRefreshAfterExpiryRotates(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addOAuth("Me", genClient, genSecret)
	e.login("Me")
	d := storetest.MustLoad(t, e.store)
	id := d.Connections[0].ID
	rt1, _ := e.store.Secrets().Get(store.RefreshTokenKey(id))
	t1, _ := e.svc.Token(context.Background(), "Me")

	e.clock.Advance(2 * time.Hour)
	t2, err := e.svc.Token(context.Background(), "Me")
	if err != nil {
		t.Fatal(err)
	}
	rt2, _ := e.store.Secrets().Get(store.RefreshTokenKey(id))
	if t2.AccessToken == t1.AccessToken || rt2 == rt1 || rt2 == "" {
		t.Fatal("refresh did not rotate the tokens")
	}
	if st := e.zoom.Stats(); st.TokenRequests["refresh_token"] != 1 || st.InvalidGrants != 0 {
		t.Fatalf("stats %+v", st)
	}
	if _, err := e.svc.Test(context.Background(), "Me"); err != nil {
		t.Fatal(err)
	}
}

func TestInvalidGrantMarksNeedsAuthAndDeletesNothing(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addOAuth("Me", genClient, genSecret)
	e.login("Me")
	id := storetest.MustLoad(t, e.store).Connections[0].ID
	// Another machine used the refresh token: ours is now dead.
	_ = e.store.Secrets().Set(store.RefreshTokenKey(id), "stale-refresh-token")
	e.clock.Advance(2 * time.Hour)
	_, err := e.svc.Token(context.Background(), "Me")
	var na *NeedsAuthError
	if !errors.As(err, &na) || !zoom.IsKind(err, zoom.KindInvalidGrant) || na.Connection != "Me" || !strings.Contains(err.Error(), "needs authorization") {
		t.Fatalf("err = %v", err)
	}
	c := storetest.MustLoad(t, e.store).Connections[0]
	if !c.NeedsAuth || c.Status() != "needs authorization" {
		t.Fatal("connection not marked as needing authorization")
	}
	if v, err := e.store.Secrets().Get(store.RefreshTokenKey(id)); err != nil || v != "stale-refresh-token" {
		t.Fatal("refresh token deleted")
	}
}

func TestRevokeDisconnectsButKeepsConnection(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addOAuth("Me", pubClient, "")
	e.login("Me")
	msg, err := e.svc.Revoke(context.Background(), "Me")
	if err != nil || !strings.Contains(msg, "Disconnected") || !strings.Contains(msg, "kept") {
		t.Fatalf("revoke = %q, %v", msg, err)
	}
	if e.zoom.Stats().Revokes != 1 {
		t.Fatal("Zoom was not asked to revoke")
	}
	_, err = e.svc.Token(context.Background(), "Me")
	var na *NeedsAuthError
	if !errors.As(err, &na) {
		t.Fatalf("token after revoke: %v", err)
	}
	if d := storetest.MustLoad(t, e.store); len(d.Connections) != 1 {
		t.Fatal("revoke removed the connection")
	}
}

func TestExpiredTokenAtZoomIsReplacedOnTest(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	e.addS2S("S", s2sAccount, s2sClient, s2sSecret)
	if _, err := e.svc.Token(context.Background(), "S"); err != nil {
		t.Fatal(err)
	}
	e.zoom.ExpireAccessTokens() // Zoom says 124 although our cache thinks it valid
	if _, err := e.svc.Test(context.Background(), "S"); err != nil {
		t.Fatalf("test did not recover from a 124: %v", err)
	}
	if n := e.zoom.Stats().TokenRequests["account_credentials"]; n != 2 {
		t.Fatalf("%d token requests, want 2", n)
	}
}

func TestTokenEndpointFaults(t *testing.T) {
	tests := []struct {
		fault zoomtest.Fault
		kind  string
	}{
		{zoomtest.FaultHTML, zoom.KindBadResponse},
		{zoomtest.FaultInvalidJSON, zoom.KindBadResponse},
		{zoomtest.FaultHugeBody, zoom.KindBadResponse},
		{zoomtest.FaultHang, zoom.KindTimeout},
		{zoomtest.Fault500, zoom.KindServerError},
	}
	for _, tt := range tests {
		t.Run(tt.fault.String(), func(t *testing.T) {
			e := newEnv(t, zoomtest.Options{})
			if tt.fault == zoomtest.FaultHang {
				e.svc.HTTPClient = &http.Client{Timeout: 300 * time.Millisecond}
			}
			e.addS2S("S", s2sAccount, s2sClient, s2sSecret)
			e.zoom.InjectTokenFault(tt.fault, 1)
			_, err := e.svc.Token(context.Background(), "S")
			if !zoom.IsKind(err, tt.kind) {
				t.Fatalf("err = %v, want kind %s", err, tt.kind)
			}
		})
	}
	t.Run("429 retried once after Retry-After", func(t *testing.T) {
		e := newEnv(t, zoomtest.Options{})
		e.addS2S("S", s2sAccount, s2sClient, s2sSecret)
		var waited []time.Duration
		e.svc.Sleep = func(_ context.Context, d time.Duration) error { waited = append(waited, d); return nil }
		e.zoom.InjectTokenFault(zoomtest.Fault429, 1)
		if _, err := e.svc.Token(context.Background(), "S"); err != nil {
			t.Fatal(err)
		}
		if len(waited) != 1 || waited[0] != time.Second {
			t.Fatalf("waited %v, want [1s]", waited)
		}
		e.zoom.InjectTokenFault(zoomtest.Fault429, 2)
		e.clock.Advance(2 * time.Hour)
		if _, err := e.svc.Token(context.Background(), "S"); !zoom.IsKind(err, zoom.KindRateLimited) {
			t.Fatalf("second 429 err = %v", err)
		}
	})
}

func TestNetworkErrorsAreExplained(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedURL := "http://" + l.Addr().String()
	l.Close()
	tests := []struct {
		name, tokenURL, kind string
	}{
		{"connection refused", closedURL + "/oauth/token", zoom.KindConnect},
		{"unknown host", "https://no-such-host.invalid/oauth/token", zoom.KindDNS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := storetest.New(t, &secrettest.Memory{})
			storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "S", Type: auth.AuthS2S, AccountID: "a", ClientID: "c", ClientSecret: "s",
				Endpoints: auth.CustomEndpoints("https://x/a", tt.tokenURL, "https://x/r", "https://x/v2")})
			_, err := (&Service{Store: s}).Token(context.Background(), "S")
			if !zoom.IsKind(err, tt.kind) {
				t.Fatalf("err = %v (%T), want %s", err, errors.Unwrap(err), tt.kind)
			}
		})
	}
}

// helperToken asks for a token of the connection named in
// ZOOMCONN_TEST_PREFIX, in the config dir ZOOMCONN_CONFIG_DIR, with the
// keyring, as `zoomconn token` does.
func helperToken() int {
	s, err := store.Open(os.Getenv("ZOOMCONN_CONFIG_DIR"), &keyring.Store{})
	if err != nil {
		return 1
	}
	if _, err := (&Service{Store: s}).Token(context.Background(), os.Getenv("ZOOMCONN_TEST_PREFIX")); err != nil {
		os.Stderr.WriteString(err.Error() + "\n")
		return 1
	}
	return 0
}

// TestWaitingProcessesReuseTheRefreshedToken: 8 processes and this one (as
// the GUI would) find the cached token expired at once; the first refreshes under the lock and the others,
// re-reading the store after waiting, use its result: one refresh in all.
func TestWaitingProcessesReuseTheRefreshedToken(t *testing.T) {
	keyringtest.Require(t)
	z := zoomtest.NewServer(zoomtest.Options{})
	t.Cleanup(z.Close)
	z.AddUser(zoomtest.User{ID: "u1", Email: "a@example.com", AccountID: "acct"})
	z.AddGeneralApp(zoomtest.GeneralApp{ClientID: pubClient, RedirectURLs: []string{"http://127.0.0.1/oauth/callback"}, Scopes: []string{"user:read:user"}})
	ze := z.Endpoints()
	s := storetest.New(t, secrettest.Track(t, &keyring.Store{}))
	cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "pub", ClientID: pubClient, Public: true,
		Endpoints: auth.CustomEndpoints(ze.AuthorizeURL, ze.TokenURL, ze.RevokeURL, ze.APIBaseURL)})
	conn := storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "Shared", Type: auth.AuthOAuth, OAuthClientID: cl.ID})
	t.Cleanup(func() { _ = s.DeleteConnection("Shared") })
	svc := &Service{Store: s, OpenURL: zoomtest.NewBrowser().Open}
	if _, err := svc.Login(context.Background(), "Shared", LoginOptions{}); err != nil {
		t.Fatal(err)
	}
	tok, _ := svc.cachedToken(conn.ID)
	tok.Expiry = time.Now().Add(-time.Minute)
	if err := svc.saveAccessToken(conn.ID, tok); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	failed := make(chan error, 9)
	wg.Add(1)
	go func() { // the desktop app refreshing at the same moment as the scripts
		defer wg.Done()
		if _, err := (&Service{Store: s}).Token(context.Background(), "Shared"); err != nil {
			failed <- err
		}
	}()
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := storetest.HelperCmd(t, "token", s.Dir(), "Shared").Run(); err != nil {
				failed <- err
			}
		}()
	}
	wg.Wait()
	close(failed)
	for err := range failed {
		t.Error(err)
	}
	if st := z.Stats(); st.TokenRequests["refresh_token"] != 1 || st.InvalidGrants != 0 {
		t.Fatalf("refreshes %d, invalid_grant %d; want 1 and 0", st.TokenRequests["refresh_token"], st.InvalidGrants)
	}
}

// TestKeyringFailureDuringRefresh fails each keyring operation of a refresh
// in turn: the error is clear, the connection survives, and nothing is
// deleted.
func TestKeyringFailureDuringRefresh(t *testing.T) {
	for failAt := 1; ; failAt++ {
		e := newEnv(t, zoomtest.Options{})
		mem := &secrettest.Memory{}
		e.useSecrets(mem)
		e.addOAuth("Me", pubClient, "")
		e.login("Me")
		e.clock.Advance(2 * time.Hour)
		keysBefore := mem.Keys()
		ops := 0
		failedOp := ""
		mem.Fail = func(op, key string) error {
			if ops++; ops == failAt {
				failedOp = op + " " + key
				return &secret.Error{Op: op, Key: key, Kind: secret.ErrTimeout}
			}
			return nil
		}
		e.svc.Sleep = func(context.Context, time.Duration) error { return nil }
		_, err := e.svc.Token(context.Background(), "Me")
		mem.Fail = nil
		if ops < failAt {
			if err != nil {
				t.Fatal(err)
			}
			return // every step has been failed once
		}
		if strings.HasPrefix(failedOp, "save ") && strings.HasSuffix(failedOp, "/refresh-token") {
			// A rotated refresh token's save is retried: one failure costs nothing.
			if err != nil {
				t.Fatalf("failing op %d (%s) once: err = %v", failAt, failedOp, err)
			}
			continue
		}
		if !errors.Is(err, secret.ErrTimeout) || !strings.Contains(err.Error(), "keyring") {
			t.Fatalf("failing op %d: err = %v", failAt, err)
		}
		d := storetest.MustLoad(t, e.store)
		if len(d.Connections) != 1 || !slices.Equal(mem.Keys(), keysBefore) {
			t.Fatalf("failing op %d: state changed: keys %v, was %v", failAt, mem.Keys(), keysBefore)
		}
	}
}

// The expiry noted in the metadata file is written beside the keyring item;
// when the keyring refuses the token the note must not claim a token.
func TestRefusedAccessTokenLeavesNoExpiryNote(t *testing.T) {
	e := newEnv(t, zoomtest.Options{})
	mem := &secrettest.Memory{}
	e.useSecrets(mem)
	e.addS2S("Reports", s2sAccount, s2sClient, s2sSecret)
	mem.Fail = func(op, key string) error {
		if op == "save" && key == store.AccessTokenKey(storetest.MustConn(t, e.store, "Reports").ID) {
			return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable}
		}
		return nil
	}
	if _, err := e.svc.Token(context.Background(), "Reports"); !errors.Is(err, secret.ErrUnavailable) {
		t.Fatalf("err = %v, want the keyring's refusal", err)
	}
	if c := storetest.MustConn(t, e.store, "Reports"); c.TokenExpiry != nil {
		t.Fatalf("expiry %v noted for a token that was not stored", c.TokenExpiry)
	}
	mem.Fail = nil
	if _, err := e.svc.Token(context.Background(), "Reports"); err != nil {
		t.Fatal(err)
	}
	if c := storetest.MustConn(t, e.store, "Reports"); c.TokenExpiry == nil {
		t.Fatal("no expiry noted after a stored token")
	}
}
