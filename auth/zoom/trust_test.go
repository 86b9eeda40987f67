package zoom

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"zoomconn/internal/safetext/safetexttest"
)

func TestCheckToken(t *testing.T) {
	for _, tt := range []struct {
		tok string
		ok  bool
	}{
		{"abc", true},
		{"eyJhbGciOiJIUzUxMiJ9.eyJ2ZXIiOjl9.Zm9v-_~+/", true},
		{"YWJj==", true},
		{"a=", true},
		{strings.Repeat("a", MaxTokenBytes), true},
		{"", false},
		{"=", false},
		{"==", false},
		{"a=b", false},
		{"=abc", false},
		{strings.Repeat("a", MaxTokenBytes+1), false},
		{"abc\x1b[2J", false},
		{"abc\r\nX-Injected: yes", false},
		{"abc def", false},
		{"abc\tdef", false},
		{"abc\x00", false},
		{"abc\x7f", false},
		{"abc\u202e", false},
		{"\u0430bc", false}, // Cyrillic a
		{"abc\xff", false},
		{`abc"`, false},
		{"abc;", false},
		{"abc,def", false},
		{"abc%41", false},
	} {
		err := checkToken(tt.tok)
		if (err == nil) != tt.ok {
			t.Errorf("checkToken(%.40q) = %v, want ok %v", tt.tok, err, tt.ok)
		}
		if err != nil && len(tt.tok) > 1 && strings.Contains(err.Error(), tt.tok) {
			t.Errorf("checkToken's reason quotes the token: %q", err)
		}
	}
}

// tokenServer answers every token request with body.
func tokenServer(t *testing.T, body map[string]any) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestTokensAreCheckedWhereTheyEnter: an access or refresh token that is
// not a b64token is a bad response naming the token endpoint, from every
// grant, and the error does not carry it.
func TestTokensAreCheckedWhereTheyEnter(t *testing.T) {
	ctx := context.Background()
	c := &Client{}
	grants := map[string]func(tokenURL string) error{
		"server-to-server": func(u string) error {
			_, err := c.ServerToServer(ctx, u, "acct", App{ClientID: "cid", Secret: "sec"})
			return err
		},
		"exchange": func(u string) error {
			_, err := c.Exchange(ctx, AuthCode{TokenURL: u, App: App{ClientID: "cid"}, RedirectURL: "http://127.0.0.1/cb"}, "code", "verifier")
			return err
		},
		"refresh": func(u string) error {
			_, err := c.Refresh(ctx, u, App{ClientID: "cid"}, "old-refresh")
			return err
		},
	}
	const marker = "s3cr3t" // in every bad token, so the error can be searched for it
	bad := []string{marker + "\x1b]0;pwned\x07", marker + "\r\nX-Injected: yes", marker + "\u202eevil", marker + " sp", marker + strings.Repeat("A", MaxTokenBytes)}
	for _, tok := range bad {
		for field, refreshGrant := range map[string]bool{"access_token": false, "refresh_token": true} {
			body := map[string]any{"access_token": "good-access", "refresh_token": "good-refresh", "token_type": "bearer", "expires_in": 3600}
			body[field] = tok
			srv := tokenServer(t, body)
			host := strings.TrimPrefix(srv.URL, "http://")
			for name, grant := range grants {
				if name == "server-to-server" && refreshGrant {
					continue // its refresh token, if any, is never used
				}
				err := grant(srv.URL + "/oauth/token")
				if !IsKind(err, KindBadResponse) || !strings.Contains(err.Error(), host) ||
					!strings.Contains(err.Error(), strings.ReplaceAll(field, "_", " ")) {
					t.Errorf("%s with %s %.30q: %v", name, field, tok, err)
					continue
				}
				if strings.Contains(err.Error(), marker) || strings.Contains(err.Error(), "good-") {
					t.Errorf("%s: the error quotes the token: %q", name, err)
				}
				safetexttest.AssertSafe(t, name+" error", err.Error(), 1000)
			}
		}
	}
	// Good tokens, and no refresh token at all, still pass.
	srv := tokenServer(t, map[string]any{"access_token": "YWJj.ZGVm-_~+/==", "token_type": "bearer", "expires_in": 3600})
	for name, grant := range grants {
		if err := grant(srv.URL + "/oauth/token"); err != nil {
			t.Errorf("%s with a good token: %v", name, err)
		}
	}
}

// hostileLocations are Location headers whose host carries a bidi
// override or a C1 CSI, percent-encoded (url.Parse decodes it into Host)
// and raw.
var hostileLocations = []string{
	"http://evil%E2%80%AE.example/oauth/token",
	"http://evil%C2%9B31m.example/oauth/token",
	"http://evil\u202e.example/oauth/token",
	"http://evil\u009b31m.example/oauth/token",
}

// redirector answers every request with a redirect to location.
func redirector(t *testing.T, status int, location string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Location"] = []string{location}
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestRefusedRedirectNamesTheTargetSafely: the host of a refused redirect
// is the server's text, and reaches the message only made safe.
func TestRefusedRedirectNamesTheTargetSafely(t *testing.T) {
	ctx := context.Background()
	c := &Client{}
	for _, loc := range hostileLocations {
		srv := redirector(t, http.StatusTemporaryRedirect, loc)
		_, err := c.ServerToServer(ctx, srv.URL+"/oauth/token", "acct", App{ClientID: "cid", Secret: "sec"})
		if !IsKind(err, KindRedirect) || !strings.Contains(err.Error(), "redirect to evil") {
			t.Errorf("token redirect to %q: %v", loc, err)
		} else {
			safetexttest.AssertSafe(t, "token redirect error", err.Error(), 1000)
		}
		if _, err := c.Refresh(ctx, srv.URL+"/oauth/token", App{ClientID: "cid"}, "rt"); !IsKind(err, KindRedirect) {
			t.Errorf("refresh redirect to %q: %v", loc, err)
		} else {
			safetexttest.AssertSafe(t, "refresh redirect error", err.Error(), 1000)
		}
		if err := c.Revoke(ctx, srv.URL+"/oauth/revoke", "rt", App{ClientID: "cid"}); !IsKind(err, KindRedirect) {
			t.Errorf("revoke redirect to %q: %v", loc, err)
		} else {
			safetexttest.AssertSafe(t, "revoke redirect error", err.Error(), 1000)
		}

		api := redirector(t, http.StatusFound, loc)
		var out map[string]any
		if err := c.GetJSON(ctx, api.URL+"/v2", "tok", "/users/me", &out); !IsKind(err, KindRedirect) || !strings.Contains(err.Error(), "redirect to evil") {
			t.Errorf("API redirect to %q: %v", loc, err)
		} else {
			safetexttest.AssertSafe(t, "API redirect error", err.Error(), 1000)
		}
		if _, err := c.Do(ctx, api.URL+"/v2", "tok", Request{Path: "/users/me"}); !IsKind(err, KindRedirect) {
			t.Errorf("Do redirect to %q: %v", loc, err)
		} else {
			safetexttest.AssertSafe(t, "Do redirect error", err.Error(), 1000)
		}
	}
}
