package auth

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParseData: loading any file content never panics, and what loads
// survives a save/load round trip.
func FuzzParseData(f *testing.F) {
	f.Add([]byte(`{"schema":1,"oauth_clients":[{"id":"c","name":"n","client_id":"x","kind":"public"}],"connections":[{"id":"a","name":"x","type":"s2s","endpoints":{"preset":"zoom"}}]}`))
	f.Add([]byte(`{"schema":1}`))
	f.Add([]byte(`{"schema":2}`))
	f.Add([]byte(`{`))
	f.Add([]byte(`{"schema":1,"connections":[{"id":"a","type":"oauth"},{"id":"a","type":"s2s"}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := ParseData(raw)
		if err != nil {
			return
		}
		again, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseData(again); err != nil {
			t.Fatalf("loaded data does not reload: %v", err)
		}
	})
}

// FuzzValidateConnection: validation never panics, and what it accepts
// obeys the rules.
func FuzzValidateConnection(f *testing.F) {
	f.Add("Reports", "s2s", "acct", "client", "secret", "zoom", "https://x/t")
	f.Add(" a\x00b ", "oauth", "", "", "", "custom", "http://127.0.0.1:1/t")
	f.Add(strings.Repeat("é", 101), "s2s", "a b", "c\u200b", " s ", "custom", "https://u:p@h/t")
	f.Fuzz(func(t *testing.T, name, typ, account, client, secret, preset, tokenURL string) {
		d := &Data{Schema: SchemaVersion, Clients: []OAuthClient{{ID: "c1", Name: "C", ClientID: "x", Kind: Public}}}
		in := ConnectionInput{Name: name, Type: AuthType(typ), AccountID: account, ClientID: client, ClientSecret: secret, OAuthClientID: "c1",
			Endpoints: Endpoints{Preset: EndpointPreset(preset), AuthorizeURL: "https://h/a", TokenURL: tokenURL, RevokeURL: "https://h/r", APIBaseURL: "https://h/v2"}}
		p, err := d.planConnection(in)
		if err != nil {
			return
		}
		c := p.conn
		if c.Name == "" || utf8.RuneCountInString(c.Name) > maxNameRunes || strings.ContainsFunc(c.Name, unicode.IsControl) || c.Name != strings.TrimSpace(c.Name) {
			t.Fatalf("accepted name %q", c.Name)
		}
		if c.Type == AuthS2S && (p.secret == "" || strings.ContainsFunc(c.AccountID+c.ClientID, func(r rune) bool { return r < 0x21 || r > 0x7e })) {
			t.Fatalf("accepted s2s %+v", c)
		}
		for _, raw := range []string{c.Endpoints.AuthorizeURL, c.Endpoints.TokenURL, c.Endpoints.RevokeURL, c.Endpoints.APIBaseURL} {
			u, err := url.Parse(raw)
			if err != nil || !(u.Scheme == "https" || u.Scheme == "http" && isLoopbackHost(u.Hostname())) {
				t.Fatalf("accepted endpoint %q", raw)
			}
		}
	})
}

// FuzzCallback: whatever arrives at the loopback server, the flow ends
// only for our Host, our path and our exact state.
func FuzzCallback(f *testing.F) {
	f.Add("/oauth/callback", "code=abc&state=STATE", "HOST")
	f.Add("/oauth/callback", "code=abc&state=forged", "HOST")
	f.Add("/oauth/callback", "error=access_denied&state=STATE", "HOST")
	f.Add("/oauth/callback", "code=abc&state=STATE", "evil.example")
	f.Add("/favicon.ico", "", "HOST")
	f.Add("/oauth/callback", "state=STATE&state=x&code=", "HOST")
	f.Fuzz(func(t *testing.T, path, rawQuery, host string) {
		const state = "expected-state-value"
		lb := &loopback{host: "127.0.0.1:5000", state: state, result: make(chan callbackResult, 1)}
		rawQuery = strings.ReplaceAll(rawQuery, "STATE", state)
		host = strings.ReplaceAll(host, "HOST", lb.host)
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:5000/", nil)
		req.URL.Path, req.URL.RawQuery, req.Host = path, rawQuery, host
		rec := httptest.NewRecorder()
		lb.ServeHTTP(rec, req)
		select {
		case r := <-lb.result:
			q := req.URL.Query()
			if host != lb.host || path != CallbackPath || q.Get("state") != state {
				t.Fatalf("flow ended by host %q path %q query %q", host, path, rawQuery)
			}
			if r.err == nil && r.code == "" {
				t.Fatal("success without a code")
			}
			if rec.Code != http.StatusOK {
				t.Fatalf("final page status %d", rec.Code)
			}
		default:
		}
		if strings.Contains(rec.Body.String(), "<script") {
			t.Fatal("page contains a script")
		}
	})
}

// FuzzPlanImport: a hostile import file never panics, and whatever plan it
// yields passes the same validation as a save.
func FuzzPlanImport(f *testing.F) {
	d := &Data{Schema: SchemaVersion}
	good, _ := Export(&Data{Schema: SchemaVersion,
		Clients:     []OAuthClient{{ID: "c", Name: "C", ClientID: "x", Kind: Confidential}},
		Connections: []Connection{{ID: "a", Name: "A", Type: AuthOAuth, OAuthClientID: "c", Endpoints: Endpoints{Preset: PresetZoom}}}}, nil)
	f.Add(good)
	f.Add([]byte(`{"format":"zoomconn-export","version":1}`))
	f.Add([]byte(`{"format":"zoomconn-export","version":1,"connections":[{"name":"X","type":"s2s","account_id":"a","client_id":"c","endpoints":{"preset":"custom","token_url":"http://evil/t"}}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		plan, err := PlanImport(d, raw)
		if err != nil {
			return
		}
		s := newTestStore(t, &MemorySecrets{})
		secrets := make([]string, len(plan.Needed))
		for i := range secrets {
			secrets[i] = "secret"
		}
		if err := s.Import(plan, secrets); err != nil {
			t.Fatalf("a planned import failed: %v", err)
		}
	})
}
