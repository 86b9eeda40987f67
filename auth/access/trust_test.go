package access

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"zoomconn/auth"
	"zoomconn/auth/secret"
	"zoomconn/auth/secret/secrettest"
	"zoomconn/auth/store"
	"zoomconn/auth/store/storetest"
	"zoomconn/auth/zoom"

	"github.com/gofrs/flock"
)

// recorder is a hostile server of the test's own: it records every request
// and answers as a token endpoint and the API would, so a client that
// followed a redirect to it would succeed (and the test would see it).
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []string
}

func newRecorder(t *testing.T) *recorder {
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		r.reqs = append(r.reqs, req.Method+" "+req.URL.Path+" auth="+req.Header.Get("Authorization")+" body="+string(body))
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"stolen-at","token_type":"bearer","expires_in":3600,"refresh_token":"stolen-rt","scope":"user:read:admin","id":"evil","email":"evil@example.com"}`)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.reqs...)
}

func (r *recorder) host() string { return strings.TrimPrefix(r.URL, "http://") }

// endpointsAt is a custom endpoint set on one server.
func endpointsAt(base string) auth.Endpoints {
	return auth.CustomEndpoints(base+"/oauth/authorize", base+"/oauth/token", base+"/oauth/revoke", base+"/v2")
}

// writeToken answers a token request.
func writeToken(w http.ResponseWriter, access, refresh, apiURL string) {
	body := map[string]any{"access_token": access, "token_type": "bearer", "expires_in": 3600, "scope": "user:read:admin"}
	if refresh != "" {
		body["refresh_token"] = refresh
	}
	if apiURL != "" {
		body["api_url"] = apiURL
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(body)
}

const (
	trustS2SSecret = "s2s-secret-trust-1"
	trustGenSecret = "gen-secret-trust-1"
	trustRefresh   = "refresh-token-trust-1"
)

// trustSetup is a memory store with an S2S connection "Reports" and an
// OAuth connection "Me" (confidential client "Gen", a stored refresh
// token), both on endpoints at base.
func trustSetup(t *testing.T, base string) (*store.Store, *secrettest.Memory, *Service) {
	t.Helper()
	mem := &secrettest.Memory{}
	s := storetest.New(t, mem)
	storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "Reports", Type: auth.AuthS2S, AccountID: "acct", ClientID: "s2s-cid", ClientSecret: trustS2SSecret, Endpoints: endpointsAt(base)})
	cl := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Gen", ClientID: "gen-cid", ClientSecret: trustGenSecret, Endpoints: endpointsAt(base)})
	me := storetest.MustSaveConn(t, s, auth.ConnectionInput{Name: "Me", Type: auth.AuthOAuth, OAuthClientID: cl.ID})
	if err := mem.Set(store.RefreshTokenKey(me.ID), trustRefresh); err != nil {
		t.Fatal(err)
	}
	return s, mem, &Service{Store: s, HTTPClient: &http.Client{Timeout: 5 * time.Second}}
}

// Finding 2: a 307 from the token or revoke URL would re-send the body
// (client secret, refresh token, code and verifier) and the Basic header.
func TestTokenAndRevokeRequestsNeverFollowRedirects(t *testing.T) {
	evil := newRecorder(t)
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, evil.URL+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(origin.Close)
	originHost := strings.TrimPrefix(origin.URL, "http://")
	ctx := context.Background()

	check := func(t *testing.T, what string, err error) {
		t.Helper()
		if !zoom.IsKind(err, zoom.KindRedirect) {
			t.Fatalf("err = %v; want a refused redirect", err)
		}
		want := "The " + what + " " + originHost + " answered with a redirect to " + evil.host() + "; redirects are not followed for requests that carry secrets."
		if !strings.HasPrefix(err.Error(), want) {
			t.Fatalf("err = %q; want it to start with %q", err, want)
		}
		// The facts a front-end words its own sentence from.
		var ze *ZoomError
		if !errors.As(err, &ze) || ze.Endpoint != what || ze.Host != originHost || ze.Target != evil.host() {
			t.Fatalf("err = %#v; want endpoint %q, host %q, target %q", ze, what, originHost, evil.host())
		}
		if got := evil.requests(); len(got) != 0 {
			t.Fatalf("the redirect target received %d requests: %q", len(got), got)
		}
	}

	t.Run("s2s token", func(t *testing.T) {
		_, _, svc := trustSetup(t, origin.URL)
		caller := svc.HTTPClient
		_, err := svc.Token(ctx, "Reports")
		check(t, "token endpoint", err)
		if caller.CheckRedirect != nil || svc.HTTPClient != caller {
			t.Fatal("the caller's HTTP client was changed")
		}
	})
	t.Run("refresh", func(t *testing.T) {
		_, mem, svc := trustSetup(t, origin.URL)
		before := mem.Snapshot()
		_, err := svc.Token(ctx, "Me")
		check(t, "token endpoint", err)
		if !reflect.DeepEqual(mem.Snapshot(), before) {
			t.Fatal("a refused redirect changed the stored secrets")
		}
	})
	t.Run("code exchange", func(t *testing.T) {
		_, _, svc := trustSetup(t, origin.URL)
		r, err := svc.resolve("Me")
		if err != nil {
			t.Fatal(err)
		}
		app, err := svc.app(r)
		if err != nil {
			t.Fatal(err)
		}
		flow := zoom.AuthCode{AuthorizeURL: r.conn.Endpoints.AuthorizeURL, TokenURL: r.conn.Endpoints.TokenURL, App: app, RedirectURL: "http://127.0.0.1:1/oauth/callback"}
		_, err = svc.finishLogin(ctx, r, flow, "code-1", "verifier-verifier-verifier-verifier-verifier")
		check(t, "token endpoint", err)
	})
	t.Run("revoke", func(t *testing.T) {
		s, _, svc := trustSetup(t, origin.URL)
		d := storetest.MustLoad(t, s)
		c, _ := d.Connection("Reports")
		if err := svc.saveAccessToken(c.ID, &Token{AccessToken: "access-token-trust-1", Expiry: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		_, err := svc.Revoke(ctx, "Reports")
		check(t, "revoke endpoint", err)
	})
}

// Finding 2: API calls carry the access token to the connection's own API
// origin only: not through a redirect to another origin, and not to an
// api_url from the token response that names another server.
func TestAPICallsCarryTheTokenOnlyToTheirOwnOrigin(t *testing.T) {
	evil := newRecorder(t)
	var mode string // set before each subtest's server use
	var mu sync.Mutex
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		m := mode
		mu.Unlock()
		switch {
		case r.URL.Path == "/oauth/token":
			writeToken(w, "access-token-api-1", "", evil.URL) // a hostile api_url
		case r.URL.Path == "/v2/users/me" && m == "redirect away":
			http.Redirect(w, r, evil.URL+"/v2/users/me", http.StatusFound)
		case r.URL.Path == "/v2/users/me" && m == "redirect home":
			http.Redirect(w, r, "/v2/users/me-too", http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/v2/users/me") && r.Header.Get("Authorization") == "Bearer access-token-api-1":
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"id":"u1","email":"ada@example.com"}`)
		default:
			http.Error(w, `{"code":124,"message":"Invalid access token."}`, http.StatusUnauthorized)
		}
	}))
	t.Cleanup(origin.Close)
	for _, tt := range []struct {
		mode    string
		wantErr string
	}{
		{"direct", ""},
		{"redirect home", ""},
		{"redirect away", "The Zoom API at " + strings.TrimPrefix(origin.URL, "http://") + " answered with a redirect to " + evil.host()},
	} {
		t.Run(tt.mode, func(t *testing.T) {
			mu.Lock()
			mode = tt.mode
			mu.Unlock()
			_, _, svc := trustSetup(t, origin.URL)
			rep, err := svc.Test(context.Background(), "Reports")
			switch {
			case tt.wantErr == "" && (err != nil || rep.Identity.Email != "ada@example.com"):
				t.Fatalf("Test = %+v, %v", rep, err)
			case tt.wantErr != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.wantErr)):
				t.Fatalf("err = %v; want %q", err, tt.wantErr)
			}
			var ze *ZoomError
			if tt.wantErr != "" && (!errors.As(err, &ze) || ze.Endpoint != EndpointAPI || ze.Host != strings.TrimPrefix(origin.URL, "http://") || ze.Target != evil.host()) {
				t.Fatalf("err = %#v; want the API's redirect with its hosts", ze)
			}
			if got := evil.requests(); len(got) != 0 {
				t.Fatalf("another origin received %d requests: %q", len(got), got)
			}
		})
	}
}

// blockingToken is a token endpoint that holds each request until the test
// releases it, to run something else while a refresh is in flight.
type blockingToken struct {
	*httptest.Server
	arrived chan struct{}
	release chan struct{}
}

func newBlockingToken(t *testing.T, access, refresh string) *blockingToken {
	b := &blockingToken{arrived: make(chan struct{}, 1), release: make(chan struct{})}
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/oauth/token" {
			http.NotFound(w, r)
			return
		}
		b.arrived <- struct{}{}
		<-b.release
		writeToken(w, access, refresh, "")
	}))
	t.Cleanup(func() {
		select {
		case <-b.release:
		default:
			close(b.release)
		}
		b.Close()
	})
	return b
}

// waitOrDone waits for a lock wait to be reported, or for done to deliver
// first (what the code did before operations took the lock).
func waitOrDone(t *testing.T, waiting <-chan string, done <-chan error) (waited bool, err error) {
	t.Helper()
	select {
	case <-waiting:
		return true, nil
	case err := <-done:
		return false, err
	case <-time.After(30 * time.Second):
		t.Fatal("the operation neither waited for the refresh nor finished")
	}
	return false, nil
}

func keysOf(mem *secrettest.Memory, id string) []string {
	var out []string
	for _, k := range mem.Keys() {
		if strings.Contains(k, id) {
			out = append(out, k)
		}
	}
	return out
}

// Finding 3: remove, secret moves and client changes racing a refresh in
// flight. The token endpoint holds the refresh until the other operation
// has started; then the refresh completes.
func TestOperationsRacingARefresh(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (*blockingToken, *store.Store, *secrettest.Memory, *Service, string, chan string) {
		tok := newBlockingToken(t, "access-token-race-2", "refresh-token-race-2")
		s, mem, svc := trustSetup(t, tok.URL)
		waiting := make(chan string, 8)
		s.LockNotice = time.Nanosecond // tell at once: the test waits for it
		s.OnWait = func(name string) { waiting <- name }
		c, _ := storetest.MustLoad(t, s).Connection("Me")
		return tok, s, mem, svc, c.ID, waiting
	}
	refresh := func(svc *Service) chan error {
		done := make(chan error, 1)
		go func() {
			_, err := svc.Token(ctx, "Me")
			done <- err
		}()
		return done
	}

	t.Run("remove", func(t *testing.T) {
		tok, s, mem, svc, id, waiting := setup(t)
		refreshed := refresh(svc)
		<-tok.arrived
		removed := make(chan error, 1)
		go func() { removed <- s.DeleteConnection("Me") }()
		waited, early := waitOrDone(t, waiting, removed)
		close(tok.release)
		if err := <-refreshed; err != nil && waited {
			t.Errorf("the refresh that finished first failed: %v", err)
		}
		if waited {
			early = <-removed
		}
		if early != nil {
			t.Fatal(early)
		}
		if keys := keysOf(mem, id); len(keys) != 0 {
			t.Fatalf("secrets left behind for the removed connection: %q", keys)
		}
		if _, ok := storetest.MustLoad(t, s).Connection("Me"); ok {
			t.Fatal("the connection was not removed")
		}
	})

	t.Run("move secrets", func(t *testing.T) {
		tok, s, mem, svc, id, waiting := setup(t)
		to := &secrettest.Memory{}
		mover := s.WithSecrets(mem) // MoveSecrets switches the store it runs on
		refreshed := refresh(svc)
		<-tok.arrived
		moved := make(chan error, 1)
		go func() {
			_, err := mover.MoveSecrets(to, auth.BackendFile)
			moved <- err
		}()
		waited, early := waitOrDone(t, waiting, moved)
		close(tok.release)
		if err := <-refreshed; err != nil {
			t.Errorf("refresh: %v", err)
		}
		if waited {
			early = <-moved
		}
		if early != nil {
			t.Fatal(early)
		}
		if got, err := to.Get(store.RefreshTokenKey(id)); got != "refresh-token-race-2" {
			t.Fatalf("the moved refresh token is %q (%v); want the rotated one", got, err)
		}
		if keys := mem.Keys(); len(keys) != 0 {
			t.Fatalf("the old store still holds %q", keys)
		}
	})

	t.Run("client switched", func(t *testing.T) {
		tok, s, mem, svc, id, _ := setup(t)
		other := storetest.MustSaveClient(t, s, auth.ClientInput{Name: "Other", ClientID: "other-cid", ClientSecret: "other-secret-1", Endpoints: endpointsAt(tok.URL)})
		refreshed := refresh(svc)
		<-tok.arrived
		// A change that takes no lock: the refresh must notice it itself.
		if err := s.UpdateConnection(id, func(c *auth.Connection) { c.OAuthClientID = other.ID }); err != nil {
			t.Fatal(err)
		}
		close(tok.release)
		err := <-refreshed
		var ce *ChangedError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), "nothing was saved") {
			t.Fatalf("err = %v; want a ChangedError", err)
		}
		if got, _ := mem.Get(store.RefreshTokenKey(id)); got != trustRefresh {
			t.Fatalf("refresh token = %q; a refresh for the old client saved its token", got)
		}
		if _, err := mem.Get(store.AccessTokenKey(id)); !errors.Is(err, secret.ErrNotFound) {
			t.Fatal("a refresh for the old client cached its access token")
		}
	})
}

// Finding 8: the wait for a connection's lock is bounded and says so.
func TestLockWaitIsBoundedAndSaysWhatItWaitsFor(t *testing.T) {
	if store.DefaultLockWait != 2*time.Minute || store.DefaultLockNotice != time.Second {
		t.Fatalf("defaults %v / %v", store.DefaultLockWait, store.DefaultLockNotice)
	}
	tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeToken(w, "access-token-lock-1", "", "")
	}))
	t.Cleanup(tokens.Close)
	s, _, svc := trustSetup(t, tokens.URL)
	c, _ := storetest.MustLoad(t, s).Connection("Reports")
	held := flock.New(filepath.Join(s.Dir(), "locks", c.ID+".lock"))
	if err := os.MkdirAll(filepath.Dir(held.Path()), 0o700); err != nil {
		t.Fatal(err)
	}
	if ok, err := held.TryLock(); !ok || err != nil {
		t.Fatalf("lock: %v %v", ok, err)
	}
	var mu sync.Mutex
	var told []string
	s.OnWait = func(name string) { mu.Lock(); told = append(told, name); mu.Unlock() }
	s.LockNotice, s.LockWait = time.Millisecond, 30*time.Millisecond

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a guard, not the bound tested
	defer cancel()
	_, err := svc.Token(ctx, "Reports")
	var lt *store.LockTimeoutError
	if !errors.As(err, &lt) || !strings.Contains(err.Error(), `refreshing "Reports" for more than 30ms, so the wait stopped`) {
		t.Fatalf("err = %v; want the timeout sentence", err)
	}
	mu.Lock()
	if len(told) != 1 || told[0] != "Reports" {
		t.Fatalf("OnWait told %q; want Reports once", told)
	}
	mu.Unlock()

	// Released while waiting: the token comes.
	waiting := make(chan string, 1)
	s.OnWait = func(name string) { waiting <- name }
	s.LockWait = 0 // the default
	got := make(chan error, 1)
	go func() {
		_, err := svc.Token(context.Background(), "Reports")
		got <- err
	}()
	select {
	case <-waiting:
	case err := <-got:
		t.Fatalf("finished (%v) without saying it waited", err)
	case <-time.After(time.Minute):
		t.Fatal("no waiting notice after a minute")
	}
	if err := held.Unlock(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatal(err)
	}
}

// Finding 11: a rotated refresh token whose save fails is retried; if it
// still fails, the error says so, the connection needs authorization, and
// this call still gets its (valid) access token.
func TestRotatedRefreshTokenSaveIsRetried(t *testing.T) {
	tokens := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeToken(w, "access-token-retry-2", "refresh-token-retry-2", "")
	}))
	t.Cleanup(tokens.Close)
	for _, failures := range []int{2, 3} {
		s, mem, svc := trustSetup(t, tokens.URL)
		c, _ := storetest.MustLoad(t, s).Connection("Me")
		var slept []time.Duration
		svc.Sleep = func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }
		failed := 0
		mem.Fail = func(op, key string) error {
			if op == "save" && key == store.RefreshTokenKey(c.ID) && failed < failures {
				failed++
				return &secret.Error{Op: op, Key: key, Kind: secret.ErrUnavailable, Err: errors.New("dbus: no reply")}
			}
			return nil
		}
		tok, err := svc.Token(context.Background(), "Me")
		mem.Fail = nil
		if len(slept) != 2 || slept[0] != saveBackoff || slept[1] != 2*saveBackoff {
			t.Errorf("%d failures: slept %v; want two backoffs", failures, slept)
		}
		after, _ := storetest.MustLoad(t, s).Connection("Me")
		stored, _ := mem.Get(store.RefreshTokenKey(c.ID))
		if failures < saveTries {
			if err != nil || tok.AccessToken != "access-token-retry-2" || stored != "refresh-token-retry-2" || after.NeedsAuth {
				t.Fatalf("%d failures: token %v, err %v, stored %q, needs auth %v", failures, tok, err, stored, after.NeedsAuth)
			}
			continue
		}
		var lost *RefreshTokenNotSavedError
		if !errors.As(err, &lost) || !strings.HasPrefix(err.Error(), `Zoom issued a new refresh token but it could not be saved after 3 tries; authorize "Me" again`) {
			t.Fatalf("err = %v", err)
		}
		if tok == nil || tok.AccessToken != "access-token-retry-2" {
			t.Fatalf("the access token of this call was thrown away: %v", tok)
		}
		if !after.NeedsAuth {
			t.Fatal("the connection is not marked as needing authorization")
		}
	}
}
