package zoomtest

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// ---- fixture ----

const (
	acct      = "acct-1"
	otherAcct = "acct-2"
	s2sID     = "s2sID"
	s2sSecret = "s2sSecret"
	s2sOffID  = "s2sInactiveID" // not activated
	confID    = "confID"
	confSec   = "confSecret"
	pubID     = "pubID"
	refuseID  = "refuseID" // confidential, refuses loopback
	noScopeID = "noScopeID"
	classicID = "classicID"
	callback  = "http://127.0.0.1/oauth/callback"
)

type fixture struct {
	*Server
	clock *Clock
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clock := NewClock(time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC))
	s := NewServer(Options{Now: clock.Now})
	t.Cleanup(s.Close)
	s.AddUser(User{ID: "u1", Email: "one@example.com", FirstName: "Ada", LastName: "One", AccountID: acct})
	s.AddUser(User{ID: "u2", Email: "two@example.com", FirstName: "Bob", LastName: "Two", AccountID: acct})
	s.AddUser(User{ID: "u3", Email: "three@example.com", FirstName: "Cy", LastName: "Three", AccountID: otherAcct})
	s.AddS2SApp(S2SApp{AccountID: acct, ClientID: s2sID, ClientSecret: s2sSecret,
		Scopes: []string{"user:read:admin", "user:read:list_users:admin"}, Activated: true})
	s.AddS2SApp(S2SApp{AccountID: acct, ClientID: s2sOffID, ClientSecret: s2sSecret, Scopes: []string{"user:read:admin"}})
	s.AddGeneralApp(GeneralApp{ClientID: confID, ClientSecret: confSec,
		RedirectURLs: []string{callback, "http://[::1]/cb", "https://app.example.com/cb", "http://localhost/oauth/callback"},
		Scopes:       []string{"user:read:user"}})
	s.AddGeneralApp(GeneralApp{ClientID: pubID, RedirectURLs: []string{callback}, Scopes: []string{"user:read:user"}})
	s.AddGeneralApp(GeneralApp{ClientID: refuseID, ClientSecret: confSec, RefuseLoopbackForConfidential: true,
		RedirectURLs: []string{callback, "https://app.example.com/cb"}, Scopes: []string{"user:read:user"}})
	s.AddGeneralApp(GeneralApp{ClientID: noScopeID, ClientSecret: confSec, RedirectURLs: []string{callback},
		Scopes: []string{"meeting:read:meeting"}})
	s.AddGeneralApp(GeneralApp{ClientID: classicID, ClientSecret: confSec, RedirectURLs: []string{callback},
		Scopes: []string{"user:read"}})
	return &fixture{Server: s, clock: clock}
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not JSON (%v): %.200q", err, r.body)
	}
	return m
}

func do(t *testing.T, req *http.Request) reply {
	t.Helper()
	resp, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return reply{resp.StatusCode, resp.Header, b}
}

// post sends form to rawURL, with HTTP Basic if id != "".
func post(t *testing.T, rawURL string, form url.Values, id, secret string) reply {
	t.Helper()
	req, _ := http.NewRequest("POST", rawURL, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if id != "" {
		req.SetBasicAuth(id, secret)
	}
	return do(t, req)
}

func (f *fixture) token(t *testing.T, form url.Values, id, secret string) reply {
	t.Helper()
	return post(t, f.Endpoints().TokenURL, form, id, secret)
}

func (f *fixture) api(t *testing.T, token, path string) reply {
	t.Helper()
	req, _ := http.NewRequest("GET", f.Endpoints().APIBaseURL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return do(t, req)
}

func (f *fixture) authorize(t *testing.T, q url.Values) reply {
	t.Helper()
	req, _ := http.NewRequest("GET", f.Endpoints().AuthorizeURL+"?"+q.Encode(), nil)
	return do(t, req)
}

func authQuery(clientID, redirect string, extra ...string) url.Values {
	q := url.Values{"response_type": {"code"}, "client_id": {clientID}, "redirect_uri": {redirect}, "state": {"st8"}}
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return q
}

// location parses a 302's Location and its query.
func location(t *testing.T, r reply) (*url.URL, url.Values) {
	t.Helper()
	if r.status != http.StatusFound {
		t.Fatalf("status %d, want 302; body %s", r.status, r.body)
	}
	u, err := url.Parse(r.header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return u, u.Query()
}

// code runs the authorize step and returns the code.
func (f *fixture) code(t *testing.T, q url.Values) string {
	t.Helper()
	_, v := location(t, f.authorize(t, q))
	if v.Get("code") == "" {
		t.Fatalf("no code in redirect: %v", v)
	}
	return v.Get("code")
}

const verifier = "dBjftJeZ4CVP-mJ92K9kSgzGZSHRuTGuCd-WwXaMtQr1234567890"

func s256(v string) string {
	sum := sha256.Sum256([]byte(v))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// confTokens runs the whole confidential code flow.
func (f *fixture) confTokens(t *testing.T) map[string]any {
	t.Helper()
	code := f.code(t, authQuery(confID, callback))
	r := f.token(t, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}}, confID, confSec)
	if r.status != 200 {
		t.Fatalf("code exchange: %d %s", r.status, r.body)
	}
	return r.json(t)
}

func wantOAuthErr(t *testing.T, r reply, status int, errCode, reason string) {
	t.Helper()
	if r.status != status {
		t.Errorf("status %d, want %d; body %s", r.status, status, r.body)
	}
	m := r.json(t)
	if m["error"] != errCode || m["reason"] != reason {
		t.Errorf("body %s, want error %q reason %q", r.body, errCode, reason)
	}
}

func wantAPIErr(t *testing.T, r reply, status int, code float64, msg string) {
	t.Helper()
	if r.status != status {
		t.Errorf("status %d, want %d; body %s", r.status, status, r.body)
	}
	m := r.json(t)
	if m["code"] != code || m["message"] != msg {
		t.Errorf("body %s, want code %v message %q", r.body, code, msg)
	}
}

func s2sForm(account string) url.Values {
	return url.Values{"grant_type": {"account_credentials"}, "account_id": {account}}
}

// ---- S2S ----

func TestS2SSuccess(t *testing.T) {
	f := newFixture(t)
	r := f.token(t, s2sForm(acct), s2sID, s2sSecret)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	m := r.json(t)
	if m["token_type"] != "bearer" || m["expires_in"] != 3600.0 ||
		m["scope"] != "user:read:admin user:read:list_users:admin" || m["api_url"] != f.URL() {
		t.Errorf("unexpected response %s", r.body)
	}
	if _, ok := m["refresh_token"]; ok {
		t.Error("S2S response has a refresh_token")
	}
	if !strings.HasSuffix(f.Endpoints().APIBaseURL, "/v2") || m["api_url"].(string)+"/v2" != f.Endpoints().APIBaseURL {
		t.Errorf("api_url %v vs APIBaseURL %s", m["api_url"], f.Endpoints().APIBaseURL)
	}
	me := f.api(t, m["access_token"].(string), "/users/me")
	if me.status != 200 || me.json(t)["id"] != "u1" {
		t.Errorf("/users/me for S2S: %d %s, want first user of the account", me.status, me.body)
	}
}

func TestS2SErrors(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name         string
		form         url.Values
		id, secret   string
		status       int
		errCode, why string
	}{
		{"wrong secret", s2sForm(acct), s2sID, "nope", 401, "invalid_client", ReasonInvalidClient},
		{"unknown client", s2sForm(acct), "who", s2sSecret, 401, "invalid_client", ReasonInvalidClient},
		{"no basic auth, id in body", url.Values{"grant_type": {"account_credentials"}, "account_id": {acct}, "client_id": {s2sID}}, "", "", 401, "invalid_client", ReasonInvalidClient},
		{"secret in body", url.Values{"grant_type": {"account_credentials"}, "account_id": {acct}, "client_id": {s2sID}, "client_secret": {s2sSecret}}, "", "", 400, "invalid_request", ReasonSecretInBody},
		{"unknown account", s2sForm("nope"), s2sID, s2sSecret, 400, "invalid_request", ReasonInvalidAccountID},
		{"another account", s2sForm(otherAcct), s2sID, s2sSecret, 400, "invalid_request", ReasonInvalidAccountID},
		{"missing account", url.Values{"grant_type": {"account_credentials"}}, s2sID, s2sSecret, 400, "invalid_request", ReasonInvalidAccountID},
		{"not activated", s2sForm(acct), s2sOffID, s2sSecret, 401, "invalid_client", ReasonAppNotActivated},
		{"general app creds", s2sForm(acct), confID, confSec, 400, "unsupported_grant_type", ReasonUnsupportedGrantType},
		{"public app", url.Values{"grant_type": {"account_credentials"}, "account_id": {acct}, "client_id": {pubID}}, "", "", 400, "unsupported_grant_type", ReasonUnsupportedGrantType},
		{"S2S app with authorization_code", url.Values{"grant_type": {"authorization_code"}, "code": {"x"}}, s2sID, s2sSecret, 400, "unsupported_grant_type", ReasonUnsupportedGrantType},
		{"unknown grant", url.Values{"grant_type": {"password"}}, s2sID, s2sSecret, 400, "unsupported_grant_type", ReasonUnsupportedGrantType},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := f.token(t, tc.form, tc.id, tc.secret)
			wantOAuthErr(t, r, tc.status, tc.errCode, tc.why)
			if tc.status == 401 && r.header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

// ---- request shape ----

func TestTokenParamsInQueryRejected(t *testing.T) {
	f := newFixture(t)
	for _, q := range []string{"grant_type=account_credentials", "account_id=" + acct, "code=abc", "refresh_token=abc", "client_id=" + s2sID} {
		t.Run(q, func(t *testing.T) {
			// The body alone would succeed; the query must still be refused.
			r := post(t, f.Endpoints().TokenURL+"?"+q, s2sForm(acct), s2sID, s2sSecret)
			wantOAuthErr(t, r, 400, "invalid_request", ReasonParamsInQuery)
		})
	}
	t.Run("only in query", func(t *testing.T) {
		r := post(t, f.Endpoints().TokenURL+"?"+s2sForm(acct).Encode(), nil, s2sID, s2sSecret)
		wantOAuthErr(t, r, 400, "invalid_request", ReasonParamsInQuery)
	})
	t.Run("revoke", func(t *testing.T) {
		r := post(t, f.Endpoints().RevokeURL+"?token=abc", url.Values{"token": {"abc"}}, s2sID, s2sSecret)
		wantOAuthErr(t, r, 400, "invalid_request", ReasonParamsInQuery)
	})
}

func TestTokenRequestShape(t *testing.T) {
	f := newFixture(t)
	tokenURL := f.Endpoints().TokenURL
	t.Run("GET", func(t *testing.T) {
		req, _ := http.NewRequest("GET", tokenURL, nil)
		req.SetBasicAuth(s2sID, s2sSecret)
		wantOAuthErr(t, do(t, req), 405, "invalid_request", ReasonMethodNotAllowed)
	})
	t.Run("JSON body", func(t *testing.T) {
		req, _ := http.NewRequest("POST", tokenURL, strings.NewReader(`{"grant_type":"account_credentials"}`))
		req.Header.Set("Content-Type", "application/json")
		req.SetBasicAuth(s2sID, s2sSecret)
		wantOAuthErr(t, do(t, req), 400, "invalid_request", ReasonBadContentType)
	})
	t.Run("charset param ok", func(t *testing.T) {
		req, _ := http.NewRequest("POST", tokenURL, strings.NewReader(s2sForm(acct).Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
		req.SetBasicAuth(s2sID, s2sSecret)
		if r := do(t, req); r.status != 200 {
			t.Errorf("status %d: %s", r.status, r.body)
		}
	})
	t.Run("too large", func(t *testing.T) {
		form := s2sForm(acct)
		form.Set("pad", strings.Repeat("x", maxBodyBytes))
		wantOAuthErr(t, f.token(t, form, s2sID, s2sSecret), 413, "invalid_request", ReasonBodyTooLarge)
	})
	t.Run("repeated parameter", func(t *testing.T) {
		form := s2sForm(acct)
		form.Add("account_id", acct)
		wantOAuthErr(t, f.token(t, form, s2sID, s2sSecret), 400, "invalid_request", ReasonBadRequestBody)
	})
	t.Run("bearer instead of basic", func(t *testing.T) {
		req, _ := http.NewRequest("POST", tokenURL, strings.NewReader(s2sForm(acct).Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer x")
		wantOAuthErr(t, do(t, req), 401, "invalid_client", ReasonInvalidClient)
	})
}

// ---- client authentication ----

func TestClientAuth(t *testing.T) {
	f := newFixture(t)
	pkce := func() url.Values {
		return authQuery(pubID, callback, "code_challenge", s256(verifier), "code_challenge_method", "S256")
	}
	exchange := func(clientID string) url.Values {
		return url.Values{"grant_type": {"authorization_code"}, "redirect_uri": {callback}, "code_verifier": {verifier}, "client_id": {clientID}}
	}
	t.Run("public client, id in body", func(t *testing.T) {
		form := exchange(pubID)
		form.Set("code", f.code(t, pkce()))
		r := f.token(t, form, "", "")
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		if r.json(t)["refresh_token"] == nil {
			t.Error("no refresh_token")
		}
	})
	t.Run("public client with basic auth", func(t *testing.T) {
		form := exchange(pubID)
		form.Set("code", f.code(t, pkce()))
		wantOAuthErr(t, f.token(t, form, pubID, ""), 401, "invalid_client", ReasonInvalidClient)
	})
	t.Run("public client, no client_id", func(t *testing.T) {
		form := exchange(pubID)
		form.Del("client_id")
		form.Set("code", f.code(t, pkce()))
		wantOAuthErr(t, f.token(t, form, "", ""), 401, "invalid_client", ReasonInvalidClient)
	})
	t.Run("confidential client without basic", func(t *testing.T) {
		form := url.Values{"grant_type": {"authorization_code"}, "redirect_uri": {callback}, "client_id": {confID},
			"code": {f.code(t, authQuery(confID, callback))}}
		wantOAuthErr(t, f.token(t, form, "", ""), 401, "invalid_client", ReasonInvalidClient)
	})
	t.Run("confidential client, wrong secret, exact body", func(t *testing.T) {
		form := url.Values{"grant_type": {"authorization_code"}, "redirect_uri": {callback},
			"code": {f.code(t, authQuery(confID, callback))}}
		r := f.token(t, form, confID, "wrong")
		want := `{"reason":"Invalid client_id or client_secret","error":"invalid_client"}`
		if r.status != 401 || string(r.body) != want {
			t.Errorf("got %d %s, want 401 %s", r.status, r.body, want)
		}
	})
	t.Run("basic and mismatching client_id in body", func(t *testing.T) {
		form := url.Values{"grant_type": {"authorization_code"}, "redirect_uri": {callback}, "client_id": {pubID},
			"code": {f.code(t, authQuery(confID, callback))}}
		wantOAuthErr(t, f.token(t, form, confID, confSec), 401, "invalid_client", ReasonInvalidClient)
	})
}

// ---- authorize ----

func TestAuthorizeRedirectMatching(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, client, redirect string
		ok                     bool
	}{
		{"exact loopback", confID, callback, true},
		{"loopback, port ignored", confID, "http://127.0.0.1:54321/oauth/callback", true},
		{"IPv6 loopback, port ignored", confID, "http://[::1]:8080/cb", true},
		{"loopback path mismatch", confID, "http://127.0.0.1:54321/oauth/other", false},
		{"loopback trailing slash", confID, "http://127.0.0.1:54321/oauth/callback/", false},
		{"loopback scheme mismatch", confID, "https://127.0.0.1:54321/oauth/callback", false},
		{"loopback extra query", confID, "http://127.0.0.1:5/oauth/callback?x=1", false},
		{"v4 registered, v6 requested", pubID, "http://[::1]:5/oauth/callback", false},
		{"localhost though registered", confID, "http://localhost/oauth/callback", false},
		{"localhost with port", confID, "http://localhost:54321/oauth/callback", false},
		{"non-loopback exact", confID, "https://app.example.com/cb", true},
		{"non-loopback port added", confID, "https://app.example.com:8443/cb", false},
		{"unregistered host", confID, "https://evil.example.com/cb", false},
		{"missing", confID, "", false},
		{"fragment", confID, callback + "#x", false},
		{"refuse loopback for confidential", refuseID, callback, false},
		{"refuse loopback: non-loopback still fine", refuseID, "https://app.example.com/cb", true},
		{"public client loopback", pubID, "http://127.0.0.1:9999/oauth/callback", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := authQuery(tc.client, tc.redirect)
			if tc.client == pubID {
				q.Set("code_challenge", s256(verifier))
				q.Set("code_challenge_method", "S256")
			}
			r := f.authorize(t, q)
			if tc.ok {
				u, v := location(t, r)
				if got := u.Scheme + "://" + u.Host + u.Path; got != strings.SplitN(tc.redirect, "?", 2)[0] {
					t.Errorf("redirected to %s, want %s", got, tc.redirect)
				}
				if v.Get("code") == "" || v.Get("state") != "st8" {
					t.Errorf("redirect query %v", v)
				}
				return
			}
			wantAPIErr(t, r, 400, CodeInvalidRedirect, MessageInvalidRedirectPrefix+tc.redirect)
			if r.header.Get("Location") != "" {
				t.Error("invalid redirect must not redirect")
			}
		})
	}
}

func TestAuthorizeInvalidClient(t *testing.T) {
	f := newFixture(t)
	for _, id := range []string{"unknown", s2sID} {
		wantAPIErr(t, f.authorize(t, authQuery(id, callback)), 400, CodeInvalidClientPage, MessageInvalidClientPrefix+id)
	}
}

func TestAuthorizeConsent(t *testing.T) {
	f := newFixture(t)
	t.Run("decline", func(t *testing.T) {
		f.SetConsent(func(string) (string, bool) { return "u1", false })
		defer f.SetConsent(nil)
		r := f.authorize(t, authQuery(confID, "http://127.0.0.1:4000/oauth/callback"))
		u, v := location(t, r)
		if u.Host != "127.0.0.1:4000" || v.Get("error") != "access_denied" ||
			v.Get("error_description") != DescriptionAccessDenied || v.Get("state") != "st8" || v.Has("code") {
			t.Errorf("decline redirect %s", u)
		}
		if !strings.Contains(u.RawQuery, "error_description=The+user+denied+the+authorization") {
			t.Errorf("error_description encoding: %s", u.RawQuery)
		}
	})
	t.Run("second user approves", func(t *testing.T) {
		var gotClient string
		f.SetConsent(func(c string) (string, bool) {
			gotClient = c
			f.Stats() // may call back into the server without deadlocking
			return "u2", true
		})
		defer f.SetConsent(nil)
		m := f.confTokens(t)
		if gotClient != confID {
			t.Errorf("consent saw client %q", gotClient)
		}
		if me := f.api(t, m["access_token"].(string), "/users/me"); me.json(t)["id"] != "u2" {
			t.Errorf("/users/me = %s, want u2", me.body)
		}
	})
	t.Run("default is first user", func(t *testing.T) {
		m := f.confTokens(t)
		if me := f.api(t, m["access_token"].(string), "/users/me"); me.json(t)["email"] != "one@example.com" {
			t.Errorf("/users/me = %s", me.body)
		}
	})
	t.Run("unknown user", func(t *testing.T) {
		f.SetConsent(func(string) (string, bool) { return "ghost", true })
		defer f.SetConsent(nil)
		r := f.authorize(t, authQuery(confID, callback))
		if r.status != 400 || r.json(t)["code"] != float64(CodeUserNotExist) {
			t.Errorf("got %d %s", r.status, r.body)
		}
	})
	t.Run("no state", func(t *testing.T) {
		q := authQuery(confID, callback)
		q.Del("state")
		if _, v := location(t, f.authorize(t, q)); v.Has("state") {
			t.Errorf("state invented: %v", v)
		}
	})
	t.Run("bad response_type", func(t *testing.T) {
		_, v := location(t, f.authorize(t, authQuery(confID, callback, "response_type", "token")))
		if v.Get("error") != "unsupported_response_type" || v.Get("state") != "st8" {
			t.Errorf("got %v", v)
		}
	})
}

func TestAuthorizeScopeIgnored(t *testing.T) {
	f := newFixture(t)
	code := f.code(t, authQuery(confID, callback, "scope", "user:write:admin meeting:write"))
	r := f.token(t, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}}, confID, confSec)
	if got := r.json(t)["scope"]; got != "user:read:user" {
		t.Errorf("scope %v, want the app's", got)
	}
}

// ---- codes ----

func TestCodeSingleUse(t *testing.T) {
	f := newFixture(t)
	code := f.code(t, authQuery(confID, callback))
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}}
	first := f.token(t, form, confID, confSec)
	if first.status != 200 {
		t.Fatalf("first exchange: %d %s", first.status, first.body)
	}
	m := first.json(t)
	for _, k := range []string{"access_token", "refresh_token", "expires_in", "scope", "token_type", "api_url"} {
		if _, ok := m[k]; !ok {
			t.Errorf("response lacks %s: %s", k, first.body)
		}
	}
	before := f.Stats().InvalidGrants

	second := f.token(t, form, confID, confSec)
	wantOAuthErr(t, second, 400, "invalid_grant", ReasonInvalidAuthCode)
	if strings.Contains(string(second.body), code) {
		t.Error("error body echoes the code")
	}
	// The replay revoked what the code produced.
	wantAPIErr(t, f.api(t, m["access_token"].(string), "/users/me"), 401, CodeInvalidAccessToken, MessageInvalidAccessToken)
	r := f.token(t, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {m["refresh_token"].(string)}}, confID, confSec)
	wantOAuthErr(t, r, 400, "invalid_grant", ReasonInvalidToken)
	if got := f.Stats().InvalidGrants - before; got != 2 {
		t.Errorf("InvalidGrants grew by %d, want 2", got)
	}
}

func TestCodeErrors(t *testing.T) {
	f := newFixture(t)
	exchange := func(code, redirect, id string) reply {
		return f.token(t, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect}}, id, confSec)
	}
	t.Run("unknown", func(t *testing.T) {
		wantOAuthErr(t, exchange("nope", callback, confID), 400, "invalid_grant", ReasonInvalidAuthCode)
	})
	t.Run("missing", func(t *testing.T) {
		wantOAuthErr(t, exchange("", callback, confID), 400, "invalid_grant", ReasonInvalidAuthCode)
	})
	t.Run("another client's", func(t *testing.T) {
		code := f.code(t, authQuery(confID, callback))
		wantOAuthErr(t, exchange(code, callback, refuseID), 400, "invalid_grant", ReasonInvalidAuthCode)
		// Untouched for its owner.
		if r := exchange(code, callback, confID); r.status != 200 {
			t.Errorf("owner exchange: %d %s", r.status, r.body)
		}
	})
	t.Run("redirect port differs", func(t *testing.T) {
		code := f.code(t, authQuery(confID, "http://127.0.0.1:5000/oauth/callback"))
		wantOAuthErr(t, exchange(code, "http://127.0.0.1:6000/oauth/callback", confID), 400, "invalid_grant", ReasonRedirectMismatch)
	})
	t.Run("redirect port kept", func(t *testing.T) {
		code := f.code(t, authQuery(confID, "http://127.0.0.1:5000/oauth/callback"))
		if r := exchange(code, "http://127.0.0.1:5000/oauth/callback", confID); r.status != 200 {
			t.Errorf("%d %s", r.status, r.body)
		}
	})
}

func TestCodeExpiry(t *testing.T) {
	f := newFixture(t)
	exchange := func(code string) reply {
		return f.token(t, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}}, confID, confSec)
	}
	code := f.code(t, authQuery(confID, callback))
	f.clock.Advance(DefaultCodeLifetime - time.Second)
	if r := exchange(code); r.status != 200 {
		t.Errorf("just before expiry: %d %s", r.status, r.body)
	}
	code = f.code(t, authQuery(confID, callback))
	f.clock.Advance(DefaultCodeLifetime)
	wantOAuthErr(t, exchange(code), 400, "invalid_grant", ReasonInvalidAuthCode)
}

func TestCodeLifetimeOption(t *testing.T) {
	clock := NewClock(time.Unix(1e9, 0))
	s := NewServer(Options{Now: clock.Now, CodeLifetime: time.Minute, TokenLifetime: 90 * time.Second})
	defer s.Close()
	f := &fixture{s, clock}
	s.AddUser(User{ID: "u1", AccountID: acct})
	s.AddGeneralApp(GeneralApp{ClientID: confID, ClientSecret: confSec, RedirectURLs: []string{callback}, Scopes: []string{"user:read:user"}})
	code := f.code(t, authQuery(confID, callback))
	clock.Advance(time.Minute)
	r := f.token(t, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}}, confID, confSec)
	wantOAuthErr(t, r, 400, "invalid_grant", ReasonInvalidAuthCode)
	m := f.confTokens(t)
	if m["expires_in"] != 90.0 {
		t.Errorf("expires_in %v", m["expires_in"])
	}
}

// ---- PKCE ----

func TestPKCE(t *testing.T) {
	f := newFixture(t)
	other := strings.Repeat("z", 43)
	tests := []struct {
		name              string
		challenge, method string // sent to authorize ("" = omitted)
		verifier          string // sent to token ("" = omitted)
		ok                bool
	}{
		{"S256 ok", s256(verifier), "S256", verifier, true},
		{"S256 wrong verifier", s256(verifier), "S256", other, false},
		{"S256 missing verifier", s256(verifier), "S256", "", false},
		{"S256 verifier too short", s256("short"), "S256", "short", false},
		{"explicit plain ok", verifier, "plain", verifier, true},
		{"method omitted means plain", verifier, "", verifier, true},
		// The trap: a client that sends an S256 challenge but forgets the
		// method gets plain comparison and fails.
		{"method omitted, S256 challenge", s256(verifier), "", verifier, false},
		{"plain wrong verifier", verifier, "plain", other, false},
	}
	for _, tc := range tests {
		for _, client := range []string{pubID, confID} {
			t.Run(tc.name+"/"+client, func(t *testing.T) {
				q := authQuery(client, callback, "code_challenge", tc.challenge)
				if tc.method != "" {
					q.Set("code_challenge_method", tc.method)
				}
				form := url.Values{"grant_type": {"authorization_code"}, "code": {f.code(t, q)}, "redirect_uri": {callback}}
				if tc.verifier != "" {
					form.Set("code_verifier", tc.verifier)
				}
				id, secret := client, confSec
				if client == pubID {
					form.Set("client_id", pubID)
					id = ""
				}
				r := f.token(t, form, id, secret)
				if tc.ok {
					if r.status != 200 {
						t.Errorf("%d %s", r.status, r.body)
					}
					return
				}
				wantOAuthErr(t, r, 400, "invalid_grant", ReasonInvalidCodeVerifier)
			})
		}
	}
	t.Run("verifier without challenge", func(t *testing.T) {
		form := url.Values{"grant_type": {"authorization_code"}, "code": {f.code(t, authQuery(confID, callback))},
			"redirect_uri": {callback}, "code_verifier": {verifier}}
		wantOAuthErr(t, f.token(t, form, confID, confSec), 400, "invalid_grant", ReasonInvalidCodeVerifier)
	})
	t.Run("authorize errors", func(t *testing.T) {
		for name, q := range map[string]url.Values{
			"public client without challenge": authQuery(pubID, callback),
			"unknown method":                  authQuery(pubID, callback, "code_challenge", s256(verifier), "code_challenge_method", "S512"),
			"lowercase s256":                  authQuery(pubID, callback, "code_challenge", s256(verifier), "code_challenge_method", "s256"),
			"malformed S256 challenge":        authQuery(pubID, callback, "code_challenge", "abc", "code_challenge_method", "S256"),
			"method without challenge":        authQuery(confID, callback, "code_challenge_method", "S256"),
		} {
			t.Run(name, func(t *testing.T) {
				_, v := location(t, f.authorize(t, q))
				if v.Get("error") != "invalid_request" || v.Has("code") || v.Get("state") != "st8" {
					t.Errorf("redirect query %v", v)
				}
			})
		}
	})
}

// ---- refresh ----

func TestRefreshRotation(t *testing.T) {
	f := newFixture(t)
	m := f.confTokens(t)
	at1, rt1 := m["access_token"].(string), m["refresh_token"].(string)
	refresh := func(rt, id string) reply {
		return f.token(t, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, id, confSec)
	}
	r := refresh(rt1, confID)
	if r.status != 200 {
		t.Fatalf("refresh: %d %s", r.status, r.body)
	}
	m2 := r.json(t)
	at2, rt2 := m2["access_token"].(string), m2["refresh_token"].(string)
	if rt2 == rt1 || at2 == at1 || m2["scope"] != "user:read:user" || m2["api_url"] != f.URL() {
		t.Errorf("refresh response %s", r.body)
	}
	before := f.Stats().InvalidGrants
	wantOAuthErr(t, refresh(rt1, confID), 400, "invalid_grant", ReasonInvalidToken)
	if f.Stats().InvalidGrants != before+1 {
		t.Error("invalid_grant not counted")
	}
	// Another client cannot use it either, and that does not burn it.
	wantOAuthErr(t, refresh(rt2, refuseID), 400, "invalid_grant", ReasonInvalidToken)
	r = refresh(rt2, confID)
	if r.status != 200 {
		t.Fatalf("second refresh: %d %s", r.status, r.body)
	}
	// The previous access tokens live until they expire.
	for _, at := range []string{at1, at2} {
		if r := f.api(t, at, "/users/me"); r.status != 200 {
			t.Errorf("old access token: %d %s", r.status, r.body)
		}
	}
	wantOAuthErr(t, refresh("", confID), 400, "invalid_grant", ReasonInvalidToken)
	if got := f.Stats().TokenRequests["refresh_token"]; got != 5 {
		t.Errorf("refresh_token requests %d, want 5", got)
	}
}

func TestRefreshPublicClient(t *testing.T) {
	f := newFixture(t)
	code := f.code(t, authQuery(pubID, callback, "code_challenge", s256(verifier), "code_challenge_method", "S256"))
	r := f.token(t, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback},
		"code_verifier": {verifier}, "client_id": {pubID}}, "", "")
	rt := r.json(t)["refresh_token"].(string)
	r = f.token(t, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {pubID}}, "", "")
	if r.status != 200 {
		t.Errorf("%d %s", r.status, r.body)
	}
}

// ---- revoke ----

func TestRevoke(t *testing.T) {
	f := newFixture(t)
	revokeURL := f.Endpoints().RevokeURL
	t.Run("access token, basic", func(t *testing.T) {
		m := f.confTokens(t)
		r := post(t, revokeURL, url.Values{"token": {m["access_token"].(string)}}, confID, confSec)
		if r.status != 200 || string(r.body) != `{"status":"success"}` {
			t.Fatalf("%d %s", r.status, r.body)
		}
		wantAPIErr(t, f.api(t, m["access_token"].(string), "/users/me"), 401, CodeInvalidAccessToken, MessageInvalidAccessToken)
		r = f.token(t, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {m["refresh_token"].(string)}}, confID, confSec)
		wantOAuthErr(t, r, 400, "invalid_grant", ReasonInvalidToken)
	})
	t.Run("refresh token, public client", func(t *testing.T) {
		code := f.code(t, authQuery(pubID, callback, "code_challenge", verifier))
		m := f.token(t, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback},
			"code_verifier": {verifier}, "client_id": {pubID}}, "", "").json(t)
		r := post(t, revokeURL, url.Values{"token": {m["refresh_token"].(string)}, "client_id": {pubID}}, "", "")
		if r.status != 200 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		wantAPIErr(t, f.api(t, m["access_token"].(string), "/users/me"), 401, CodeInvalidAccessToken, MessageInvalidAccessToken)
	})
	t.Run("S2S token", func(t *testing.T) {
		at := f.token(t, s2sForm(acct), s2sID, s2sSecret).json(t)["access_token"].(string)
		if r := post(t, revokeURL, url.Values{"token": {at}}, s2sID, s2sSecret); r.status != 200 {
			t.Fatalf("%d %s", r.status, r.body)
		}
		wantAPIErr(t, f.api(t, at, "/users/me"), 401, CodeInvalidAccessToken, MessageInvalidAccessToken)
	})
	t.Run("unknown token is success", func(t *testing.T) {
		if r := post(t, revokeURL, url.Values{"token": {"gone"}}, confID, confSec); r.status != 200 {
			t.Errorf("%d %s", r.status, r.body)
		}
	})
	t.Run("wrong secret", func(t *testing.T) {
		m := f.confTokens(t)
		wantOAuthErr(t, post(t, revokeURL, url.Values{"token": {m["access_token"].(string)}}, confID, "bad"), 401, "invalid_client", ReasonInvalidClient)
		if r := f.api(t, m["access_token"].(string), "/users/me"); r.status != 200 {
			t.Errorf("token revoked by a failed request: %d", r.status)
		}
	})
	t.Run("another client's token", func(t *testing.T) {
		m := f.confTokens(t)
		wantOAuthErr(t, post(t, revokeURL, url.Values{"token": {m["access_token"].(string)}}, refuseID, confSec), 400, "invalid_request", ReasonInvalidToken)
	})
	t.Run("missing token", func(t *testing.T) {
		wantOAuthErr(t, post(t, revokeURL, url.Values{}, confID, confSec), 400, "invalid_request", ReasonMissingToken)
	})
	if got := f.Stats().Revokes; got != 4 {
		t.Errorf("Revokes = %d, want 4", got)
	}
}

// ---- API ----

func TestAPIScopes(t *testing.T) {
	f := newFixture(t)
	s2s := f.token(t, s2sForm(acct), s2sID, s2sSecret).json(t)["access_token"].(string)
	user := f.confTokens(t)["access_token"].(string)
	tokenFor := func(clientID string) string {
		code := f.code(t, authQuery(clientID, callback))
		return f.token(t, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}}, clientID, confSec).json(t)["access_token"].(string)
	}
	noScope, classic := tokenFor(noScopeID), tokenFor(classicID)
	meMsg := "Invalid access token, does not contain scopes:[user:read:user, user:read:admin]."
	listMsg := "Invalid access token, does not contain scopes:[user:read:list_users:admin, user:read:admin]."
	if MissingScopesMessage("user:read:user", "user:read:admin") != meMsg {
		t.Fatal("MissingScopesMessage wording")
	}
	tests := []struct {
		name, token, path string
		status            int
		msg               string
	}{
		{"S2S me", s2s, "/users/me", 200, ""},
		{"S2S list", s2s, "/users", 200, ""},
		{"user me", user, "/users/me", 200, ""},
		{"user list lacks scope", user, "/users", 400, listMsg},
		{"no scope me", noScope, "/users/me", 400, meMsg},
		{"classic user:read me", classic, "/users/me", 200, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := f.api(t, tc.token, tc.path)
			if tc.status != 200 {
				wantAPIErr(t, r, tc.status, CodeMissingScopes, tc.msg)
				return
			}
			if r.status != 200 {
				t.Fatalf("%d %s", r.status, r.body)
			}
		})
	}
	me := f.api(t, user, "/users/me").json(t)
	for k, v := range map[string]any{"id": "u1", "email": "one@example.com", "first_name": "Ada", "last_name": "One", "account_id": acct, "type": 1.0} {
		if me[k] != v {
			t.Errorf("/users/me %s = %v, want %v", k, me[k], v)
		}
	}
	list := f.api(t, s2s, "/users").json(t)
	users, _ := list["users"].([]any)
	if list["page_size"] != 30.0 || list["total_records"] != 2.0 || len(users) != 2 {
		t.Errorf("/users = %v", list)
	}
}

func TestAPIAuth(t *testing.T) {
	f := newFixture(t)
	at := f.token(t, s2sForm(acct), s2sID, s2sSecret).json(t)["access_token"].(string)
	t.Run("missing", func(t *testing.T) {
		wantAPIErr(t, f.api(t, "", "/users/me"), 401, CodeInvalidAccessToken, MessageInvalidAccessToken)
	})
	t.Run("unknown", func(t *testing.T) {
		wantAPIErr(t, f.api(t, "bogus", "/users/me"), 401, CodeInvalidAccessToken, MessageInvalidAccessToken)
	})
	t.Run("basic scheme", func(t *testing.T) {
		req, _ := http.NewRequest("GET", f.Endpoints().APIBaseURL+"/users/me", nil)
		req.Header.Set("Authorization", "Basic "+at)
		wantAPIErr(t, do(t, req), 401, CodeInvalidAccessToken, MessageInvalidAccessToken)
	})
	t.Run("lowercase bearer ok", func(t *testing.T) {
		req, _ := http.NewRequest("GET", f.Endpoints().APIBaseURL+"/users/me", nil)
		req.Header.Set("Authorization", "bearer "+at)
		if r := do(t, req); r.status != 200 {
			t.Errorf("%d %s", r.status, r.body)
		}
	})
	t.Run("unknown path", func(t *testing.T) {
		r := f.api(t, at, "/meetings/123")
		if r.status != 404 || r.json(t)["code"] != 404.0 {
			t.Errorf("%d %s", r.status, r.body)
		}
	})
	t.Run("wrong method", func(t *testing.T) {
		req, _ := http.NewRequest("DELETE", f.Endpoints().APIBaseURL+"/users/me", nil)
		req.Header.Set("Authorization", "Bearer "+at)
		if r := do(t, req); r.status != 405 {
			t.Errorf("%d %s", r.status, r.body)
		}
	})
	t.Run("expired by clock", func(t *testing.T) {
		f.clock.Advance(DefaultTokenLifetime - time.Second)
		if r := f.api(t, at, "/users/me"); r.status != 200 {
			t.Errorf("before expiry: %d %s", r.status, r.body)
		}
		f.clock.Advance(time.Second)
		wantAPIErr(t, f.api(t, at, "/users/me"), 401, CodeInvalidAccessToken, MessageExpiredAccessToken)
	})
	t.Run("ExpireAccessTokens", func(t *testing.T) {
		old := f.token(t, s2sForm(acct), s2sID, s2sSecret).json(t)["access_token"].(string)
		f.ExpireAccessTokens()
		wantAPIErr(t, f.api(t, old, "/users/me"), 401, CodeInvalidAccessToken, MessageExpiredAccessToken)
		fresh := f.token(t, s2sForm(acct), s2sID, s2sSecret).json(t)["access_token"].(string)
		if r := f.api(t, fresh, "/users/me"); r.status != 200 {
			t.Errorf("token issued after ExpireAccessTokens: %d", r.status)
		}
	})
	if got := f.Stats().APICalls; got != 10 {
		t.Errorf("APICalls = %d, want 10", got)
	}
}

func TestNotFound(t *testing.T) {
	f := newFixture(t)
	for _, p := range []string{"/favicon.ico", "/", "/oauth/other", "/robots.txt"} {
		r := do(t, mustReq(t, "GET", f.URL()+p))
		if r.status != 404 || r.json(t)["code"] != 404.0 {
			t.Errorf("%s: %d %s", p, r.status, r.body)
		}
	}
}

func mustReq(t *testing.T, method, u string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// ---- faults ----

func TestFaults(t *testing.T) {
	tests := []struct {
		fault  Fault
		status int
		check  func(t *testing.T, r reply)
	}{
		{FaultHTML, 200, func(t *testing.T, r reply) {
			if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !strings.Contains(string(r.body), "<html>") {
				t.Errorf("%s %q", r.header.Get("Content-Type"), r.body)
			}
		}},
		{FaultInvalidJSON, 200, func(t *testing.T, r reply) {
			var v any
			if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") || json.Unmarshal(r.body, &v) == nil {
				t.Errorf("body parses as JSON: %s", r.body)
			}
		}},
		{FaultHugeBody, 200, func(t *testing.T, r reply) {
			if len(r.body) != HugeBodySize {
				t.Errorf("body is %d bytes, want %d", len(r.body), HugeBodySize)
			}
		}},
		{Fault429, 429, func(t *testing.T, r reply) {
			if r.header.Get("Retry-After") != "1" {
				t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
			}
			if m := r.json(t); m["code"] != 429.0 || m["message"] != MessageRateLimited {
				t.Errorf("body %s", r.body)
			}
		}},
		{Fault500, 500, func(t *testing.T, r reply) {
			if r.json(t)["error"] != "server_error" {
				t.Errorf("body %s", r.body)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.fault.String(), func(t *testing.T) {
			f := newFixture(t)
			f.InjectTokenFault(tc.fault, 2)
			for i := range 2 {
				r := f.token(t, s2sForm(acct), s2sID, s2sSecret)
				if r.status != tc.status {
					t.Fatalf("request %d: status %d, want %d", i, r.status, tc.status)
				}
				tc.check(t, r)
			}
			if r := f.token(t, s2sForm(acct), s2sID, s2sSecret); r.status != 200 || r.json(t)["access_token"] == nil {
				t.Errorf("after faults: %d %.200s", r.status, r.body)
			}
			st := f.Stats()
			if st.FaultsServed != 2 || st.TokenRequests["account_credentials"] != 3 {
				t.Errorf("stats %+v", st)
			}
		})
	}
}

func TestFaultsQueue(t *testing.T) {
	f := newFixture(t)
	f.InjectTokenFault(Fault500, 1)
	f.InjectTokenFault(Fault429, 1)
	f.InjectTokenFault(FaultHTML, 0) // no-op
	for _, want := range []int{500, 429, 200} {
		if r := f.token(t, s2sForm(acct), s2sID, s2sSecret); r.status != want {
			t.Errorf("status %d, want %d", r.status, want)
		}
	}
}

// hanging injects one FaultHang and returns a channel closed once the
// server handler is blocked in it.
func hanging(f *fixture) <-chan struct{} {
	started := make(chan struct{})
	f.mu.Lock()
	f.hangHook = func() { close(started) }
	f.mu.Unlock()
	f.InjectTokenFault(FaultHang, 1)
	return started
}

func hungRequest(ctx context.Context, f *fixture) error {
	req, _ := http.NewRequestWithContext(ctx, "POST", f.Endpoints().TokenURL, strings.NewReader(s2sForm(acct).Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(s2sID, s2sSecret)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		return errors.New("hung request got a response: " + resp.Status)
	}
	return err
}

func TestFaultHangUntilClientGivesUp(t *testing.T) {
	f := newFixture(t)
	started := hanging(f)
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() { errc <- hungRequest(ctx, f) }()
	<-started
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	// The fault is used up: the next request is served normally.
	if r := f.token(t, s2sForm(acct), s2sID, s2sSecret); r.status != 200 {
		t.Errorf("after hang: %d %s", r.status, r.body)
	}
}

func TestFaultHangReleasedByClose(t *testing.T) {
	f := newFixture(t)
	started := hanging(f)
	errc := make(chan error, 1)
	go func() { errc <- hungRequest(t.Context(), f) }()
	<-started
	f.Close() // must not wait for the client
	if err := <-errc; err == nil {
		t.Error("hung request succeeded after Close")
	}
	f.Close() // idempotent
}

// ---- secrets & concurrency ----

func TestIssuedSecrets(t *testing.T) {
	f := newFixture(t)
	code := f.code(t, authQuery(confID, callback))
	m := f.token(t, url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback}}, confID, confSec).json(t)
	s2s := f.token(t, s2sForm(acct), s2sID, s2sSecret).json(t)
	got := map[string]bool{}
	for _, s := range f.IssuedSecrets() {
		got[s] = true
	}
	for _, want := range []any{code, m["access_token"], m["refresh_token"], s2s["access_token"]} {
		if !got[want.(string)] {
			t.Errorf("IssuedSecrets lacks %v", want)
		}
	}
	if len(got) != 4 {
		t.Errorf("IssuedSecrets has %d entries, want 4", len(got))
	}
}

func TestConcurrentClients(t *testing.T) {
	f := newFixture(t)
	f.InjectTokenFault(Fault429, 5)
	var wg sync.WaitGroup
	const n = 40
	errs := make(chan string, 4*n)
	for i := range n {
		wg.Go(func() {
			client := &http.Client{}
			form := s2sForm(acct)
			req, _ := http.NewRequest("POST", f.Endpoints().TokenURL, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(s2sID, s2sSecret)
			resp, err := client.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			var tok struct {
				AccessToken string `json:"access_token"`
			}
			json.NewDecoder(resp.Body).Decode(&tok)
			resp.Body.Close()
			if resp.StatusCode == 429 {
				return
			}
			if resp.StatusCode != 200 {
				errs <- resp.Status
				return
			}
			path := "/users/me"
			if i%2 == 0 {
				path = "/users"
			}
			req, _ = http.NewRequest("GET", f.Endpoints().APIBaseURL+path, nil)
			req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
			resp, err = client.Do(req)
			if err != nil {
				errs <- err.Error()
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				errs <- "api " + resp.Status
			}
			f.Stats()
			f.IssuedSecrets()
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	st := f.Stats()
	if st.TokenRequests["account_credentials"] != n || st.FaultsServed != 5 || st.APICalls != n-5 {
		t.Errorf("stats %+v", st)
	}
}

func TestNewServerOn(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := NewServerOn(l, Options{})
	defer s.Close()
	if s.URL() != "http://"+l.Addr().String() {
		t.Errorf("URL %s, listener %s", s.URL(), l.Addr())
	}
	e := s.Endpoints()
	want := Endpoints{s.URL() + "/oauth/authorize", s.URL() + "/oauth/token", s.URL() + "/oauth/revoke", s.URL() + "/v2", "ws://" + l.Addr().String() + "/ws", s.URL()}
	if e != want {
		t.Errorf("Endpoints %+v", e)
	}
	s.AddS2SApp(S2SApp{AccountID: acct, ClientID: s2sID, ClientSecret: s2sSecret, Activated: true})
	if r := post(t, e.TokenURL, s2sForm(acct), s2sID, s2sSecret); r.status != 200 {
		t.Errorf("%d %s", r.status, r.body)
	}
}
