package auth

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"zoomconn/auth/secret"

	"golang.org/x/text/secure/precis"
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
	f.Add("Pay\u202eroll", "s2s", "acct", "client", "secret", "custom", "https://zoom.us/oauth/token#")
	f.Add("Ｒｅｐｏｒｔｓ", "s2s", "acct", "client", "secret", "custom", "https://zoom.us/oauth/token?")
	f.Add("Rep\u200bort\u3000x", "s2s", "acct", "client", "secret", "custom", "https://h/t?#")
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
		// Names pass the Nickname profile unchanged and hold no format
		// (zero-width, bidi) character, and the one existing name's
		// look-alikes are refused.
		if again, err := precis.Nickname.String(c.Name); err != nil || again != c.Name || strings.ContainsFunc(name, isFormatRune) {
			t.Fatalf("accepted name %q from %q", c.Name, name)
		}
		if _, err := (&Data{Connections: []Connection{{ID: "x", Name: c.Name}}}).planConnection(in); err == nil {
			t.Fatalf("%q accepted beside the existing %q", name, c.Name)
		}
		if c.Type == AuthS2S && (p.secret == "" || strings.ContainsFunc(c.AccountID+c.ClientID, func(r rune) bool { return r < 0x21 || r > 0x7e })) {
			t.Fatalf("accepted s2s %+v", c)
		}
		for _, raw := range []string{c.Endpoints.AuthorizeURL, c.Endpoints.TokenURL, c.Endpoints.RevokeURL, c.Endpoints.APIBaseURL} {
			u, err := url.Parse(raw)
			if err != nil || !(u.Scheme == "https" || u.Scheme == "http" && isLoopbackHost(u.Hostname())) || strings.ContainsAny(raw, "?#") {
				t.Fatalf("accepted endpoint %q", raw)
			}
		}
	})
}

// FuzzPlanImport: a hostile import file never panics, whatever plan it
// yields passes the same validation as a save, and no accepted plan can send
// a secret already stored here to endpoints other than those it was stored
// with (the client's and the Server-to-Server connection's are unchanged,
// and every connection on an existing client uses that client's URLs).
func FuzzPlanImport(f *testing.F) {
	good, _ := Export(&Data{Schema: SchemaVersion,
		Clients:     []OAuthClient{{ID: "c", Name: "C", ClientID: "x", Kind: Confidential, Endpoints: Endpoints{Preset: PresetZoom}}},
		Connections: []Connection{{ID: "a", Name: "A", Type: AuthOAuth, OAuthClientID: "c", Endpoints: Endpoints{Preset: PresetZoom}}}}, nil)
	f.Add(good)
	f.Add([]byte(`{"format":"zoomconn-export","version":1}`))
	f.Add([]byte(`{"format":"zoomconn-export","version":1,"connections":[{"name":"X","type":"s2s","account_id":"a","client_id":"c","endpoints":{"preset":"custom","token_url":"http://evil/t"}}]}`))
	f.Add([]byte(`{"format":"zoomconn-export","version":1,"connections":[{"name":"X","type":"oauth","oauth_client":"Gen","endpoints":{"preset":"custom","authorize_url":"https://e.example/a","token_url":"https://e.example/t","revoke_url":"https://e.example/r","api_url":"https://e.example/v2"}}]}`))
	f.Add([]byte(`{"format":"zoomconn-export","version":2,"oauth_clients":[{"name":"Gen","client_id":"genCID","endpoints":{"preset":"zoom"}}],"connections":[{"name":"X","type":"oauth","oauth_client":"Gen","endpoints":{"preset":"custom","api_url":"https://e.example/v2"}}]}`))
	f.Add([]byte(`{"format":"zoomconn-export","version":2,"oauth_clients":[],"connections":[{"name":"X","type":"oauth","oauth_client":"gen","endpoints":{"preset":"custom"}}]}`))
	genEP := CustomEndpoints("https://gen.example/oauth/authorize", "https://gen.example/oauth/token", "https://gen.example/oauth/revoke", "https://api.gen.example/v2")
	f.Fuzz(func(t *testing.T, raw []byte) {
		s := newTestStore(t, &secret.Memory{})
		gen := mustSaveClient(t, s, ClientInput{Name: "Gen", ClientID: "genCID", ClientSecret: "gen-secret", Endpoints: genEP})
		s2s := s2sInput("Reports")
		mustSaveConn(t, s, s2s)
		before := mustLoad(t, s)
		plan, err := PlanImport(before, raw)
		if err != nil {
			return
		}
		secrets := make([]string, len(plan.Needed))
		for i := range secrets {
			secrets[i] = "secret"
		}
		if err := s.Import(plan, secrets); err != nil {
			t.Fatalf("a planned import failed: %v", err)
		}
		after := mustLoad(t, s)
		for _, old := range before.Clients {
			now, ok := after.ClientByID(old.ID)
			if !ok || now.Endpoints != old.Endpoints || now.ClientID != old.ClientID || now.Kind != old.Kind {
				t.Fatalf("the import changed the existing client %q: %+v", old.Name, now)
			}
		}
		for _, old := range before.Connections {
			now, ok := after.ConnectionByID(old.ID)
			if !ok || now.Endpoints != old.Endpoints {
				t.Fatalf("the import changed the existing connection %q", old.Name)
			}
		}
		for _, c := range after.Connections {
			if c.Type == AuthOAuth && c.OAuthClientID == gen.ID && !c.Endpoints.sameSecretURLs(genEP) {
				t.Fatalf("the imported connection %q sends Gen's secret to %+v", c.Name, c.Endpoints)
			}
		}
	})
}
